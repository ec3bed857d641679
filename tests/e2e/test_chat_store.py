"""The running Rasa's chat store: nothing typed by a citizen is in the file in clear, and a turn it
cannot store is reported to the citizen instead of being silently kept in memory."""

import sqlite3
from pathlib import Path

from tests.e2e.conftest import WIFE

PHONE = "13987654321"


def user_texts(stack, sender_id: str) -> list[str]:
    return [e.get("text") for e in stack.tracker(sender_id)["events"] if e["event"] == "user"]


def test_the_chat_store_file_holds_no_typed_id_number_or_phone(chat, stack):
    chat.text("我要申请结婚登记")
    chat.text(f"我叫李娜，身份证{WIFE}，手机{PHONE}")
    assert any(WIFE in (t or "") for t in user_texts(stack, chat.sender))  # Rasa itself reads it back
    path = Path(stack.env()["TRACKER_DB_NAME"])
    db = sqlite3.connect(path)
    try:
        dump = "\n".join(db.iterdump())  # what `sqlite3 … .dump` prints
    finally:
        db.close()
    assert chat.sender in dump
    for secret in (WIFE, PHONE, "李娜"):
        assert secret not in dump
        for file in (path, Path(f"{path}-wal")):  # the bytes on disk, write-ahead log included
            if file.exists():
                assert secret.encode() not in file.read_bytes()


def test_a_turn_the_store_cannot_save_is_reported_not_silently_lost(chat, stack):
    chat.text("我要申请结婚登记")
    # Another writer holds the file longer than Rasa's busy timeout (TRACKER_BUSY_TIMEOUT_MS, short
    # in the test stack).
    lock = sqlite3.connect(stack.env()["TRACKER_DB_NAME"], timeout=0, isolation_level=None)
    lock.execute("BEGIN EXCLUSIVE")
    try:
        refused = chat.say("我叫张伟")
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    assert [m.get("text") for m in refused] == [
        "抱歉，系统繁忙，刚才这条消息没有保存成功。请把上一条消息再发送一次，之前已经填写的内容不受影响。"
    ]
    assert "我叫张伟" not in user_texts(stack, chat.sender)

    again = chat.text("我叫张伟")
    assert "没有保存成功" not in again
    tracker = stack.tracker(chat.sender)
    assert [e.get("text") for e in tracker["events"] if e["event"] == "user"].count("我叫张伟") == 1
    assert tracker["slots"]["applicant_name"] == "张伟"
