"""Guides, interruptions, corrections, a person, misunderstanding, stopping, and a backend
that is down: the paths around the application."""

import httpx

from tests.support.citizens import FOUR_MATTERS, HUSBAND, WIFE


def test_guide_answer_names_its_source(chat):
    reply = chat.text("结婚登记要带什么")
    assert "居民身份证" in reply and "依据：结婚登记办事指南 版本" in reply
    follow = chat.text("那生育登记呢")
    assert "生育登记·所需材料" in follow


def test_guide_without_matter_asks_which(chat):
    reply = chat.say("要带什么材料")
    titles = [b["title"] for m in reply for b in m.get("buttons", [])]
    assert titles == ["结婚登记", "户口婚姻状况变更", "因婚姻市内户口迁移", "生育登记"]
    answer = chat.text(reply[0]["buttons"][3]["payload"])
    assert "生育登记·所需材料" in answer


def test_checklist_for_several_matters(chat):
    reply = chat.text("办结婚登记和生育登记要带什么材料")
    assert "登记当天请带到婚姻登记处" in reply and reply.count("居民身份证") == 1


def test_guide_question_inside_the_form_returns_to_the_pending_question(chat):
    chat.text(FOUR_MATTERS[0])
    chat.text(f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    reply = chat.text("领证要多少钱")
    assert "工本费" in reply
    assert reply.strip().endswith("也可以连同身份证号和手机号一起说。")  # asks for the spouse again


def test_bundle_intro(chat):
    reply = chat.text("婚育一件事能办哪些事")
    assert "四个事项" in reply and "依据：婚育一件事办事指南" in reply


def test_correction_at_any_time(chat):
    for message in FOUR_MATTERS[:3]:
        chat.text(message)
    assert "哪个婚姻登记处" in chat.text("我的手机号填错了，应该是13611112222")
    for message in FOUR_MATTERS[3:]:
        summary = chat.text(message)
    assert "手机136****2222" in summary
    fixed = chat.text("日期改成下周四")
    assert "已修改" in fixed and "星期四" in fixed


def test_out_of_scope_says_where_to_go(chat):
    reply = chat.text("离婚要什么材料")
    assert "不在“婚育一件事”的办理范围内" in reply and "12345" in reply


def test_request_human_marks_the_conversation(chat, stack):
    chat.text(FOUR_MATTERS[0])
    reply = chat.text("转人工")
    # Nobody signed in to the console: the assistant promises no person, and gives the hotline.
    assert "12345" in reply and "现在没有人工客服在线" in reply and "会在这个对话里" not in reply
    r = httpx.get(f"{stack.backend_url}/api/v1/handoffs", headers={"Authorization": "Bearer local-service-token"})
    handoff = next(h for h in r.json() if h["conversation_id"] == chat.sender)
    assert handoff["reason"] == "requested" and "正在填写" in handoff["summary"]
    # The answers are kept for the person, or for the citizen who carries on.
    assert "姓名" in chat.text("继续填写")


def test_two_misunderstandings_reach_a_person(chat, stack):
    first = chat.text("阿巴阿巴阿巴")
    assert "没有理解" in first
    second = chat.text("qwerty uiop")  # Latin keyboard noise: not understood, though the classifier knows English
    assert "转人工" in second and "12345" in second


def test_stop_the_form_after_confirming(chat):
    chat.text(FOUR_MATTERS[0])
    chat.text(f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    assert "确定不办了吗" in chat.text("不办了")
    assert "对方" in chat.text("继续填写")  # nothing lost
    chat.text("不办了")
    assert "已清除" in chat.text("确定不办了")
    assert "事项" in chat.text("我要申请")  # starts again from the beginning


def test_backend_down_keeps_answers_and_a_retry_submits_once(chat, stack):
    for message in FOUR_MATTERS:
        chat.text(message)
    backend = stack.service("backend")
    backend.stop()
    try:
        down = chat.text("确认提交")
        assert "暂时无法提交" in down and "信息都已保留" in down
    finally:
        backend.start()
        backend.wait(timeout=60)
    done = chat.text("重新提交")
    assert "申请已提交" in done
    again = chat.text("重新提交")
    assert "没有待提交的申请" in again
    r = httpx.post(
        f"{stack.backend_url}/api/v1/applications/by-conversation",
        json={"conversation_id": chat.sender},
        headers={"Authorization": "Bearer local-service-token"},
    )
    assert r.status_code == 200


def test_bot_challenge_and_goodbye(chat):
    assert "不是真人" in chat.text("你是机器人吗")
    assert "再见" in chat.text("拜拜")


def test_wife_can_apply_too(chat):
    """The applicant may be the woman; the spouse then is the man."""
    chat.text("我要申请结婚登记")
    chat.text("只办结婚登记")
    chat.text(f"我叫李娜，身份证{WIFE}，手机13987654321")
    reply = chat.text(f"老公叫张伟，身份证{HUSBAND}，手机13812345678")
    assert "婚姻登记处" in reply


def test_conversations_are_kept_in_the_sqlite_tracker_store_in_wal_mode(chat, stack):
    # A tracker store that fails to import would silently fall back to memory and lose every
    # conversation on restart: check the file itself.
    import sqlite3

    chat.text("你好")
    db = sqlite3.connect(stack.env()["TRACKER_DB_NAME"])
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        rows = db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (chat.sender,)).fetchone()[0]
    finally:
        db.close()
    assert rows >= 3  # session start, the greeting, the reply
