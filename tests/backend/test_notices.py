"""The notices outbox and its dispatcher against the real database (SQLite, and PostgreSQL when
configured), with the chat channel faked at AssistantClient's boundary and the logging SMS
provider writing to a file of the test's own."""

import json
import threading
import uuid

import pytest
from sqlalchemy import select

from backend.applications.models import Application
from backend.database import get_sessionmaker
from backend.notices import dispatcher as dispatcher_module
from backend.notices.channels import LogSmsProvider, SmsSender
from backend.notices.config import NoticeSettings
from backend.notices.dispatcher import Dispatcher
from backend.notices.models import Notice
from tests.backend.helpers import SERVICE, application_body, certificate_result, encode, event, signed_headers
from tests.support.staff import create_staff, login

MARRIED = event("", "marriage_registration", "completed", result=certificate_result())


class FakeChat:
    """Rasa as ChatSender sees it: a transcript per conversation. `fail` makes the next sends
    raise; `lose_reply` delivers and then raises, as a dispatcher killed after Rasa sent."""

    def __init__(self):
        self.transcripts: dict[str, list[tuple[str, str]]] = {}
        self.fail = 0
        self.lose_reply = 0
        self.lock = threading.Lock()
        self.how: dict[str, dict] = {}  # key -> whether it was said live, and its buttons

    def send(self, conversation_id, text, key, *, look_first, live=True, buttons=None, slots=None):
        with self.lock:
            self.how[key] = {"live": live, "buttons": buttons, "slots": slots}
            seen = self.transcripts.setdefault(conversation_id, [])
            if look_first and any(k == key for k, _ in seen):
                return
            if self.fail:
                self.fail -= 1
                raise ConnectionError("Rasa unreachable")
            seen.append((key, text))
            if self.lose_reply:
                self.lose_reply -= 1
                raise TimeoutError("reply lost")


@pytest.fixture
def outbox(migrated, tmp_path):
    chat = FakeChat()
    sms_log = tmp_path / "sms.log"

    def make(**settings):
        options = {"backoff_base_seconds": 0.0, "max_attempts": 3} | settings
        return Dispatcher(get_sessionmaker(), chat, SmsSender(LogSmsProvider(sms_log)), NoticeSettings(**options))

    def drain(dispatcher: Dispatcher) -> int:
        """Leases and delivers until nothing is due; returns the number of tries."""
        tries = 0
        while leases := dispatcher.lease(64):
            for lease in leases:
                dispatcher.deliver(lease)
                tries += 1
        return tries

    def texts() -> list[dict]:
        return [json.loads(line) for line in sms_log.read_text().splitlines()] if sms_log.exists() else []

    class Outbox:
        pass

    box = Outbox()
    box.chat, box.make, box.drain, box.texts = chat, make, drain, texts
    return box


def notices_of(app_no: str) -> list[Notice]:
    with get_sessionmaker()() as s:
        app_id = s.scalar(select(Application.id).where(Application.application_no == app_no))
        return list(s.scalars(select(Notice).where(Notice.application_id == app_id).order_by(Notice.id)))


def married(app_no: str) -> dict:
    return MARRIED | {"application_no": app_no}


def test_submission_says_which_channels_will_carry_notices(submit):
    r = submit(application_body(channel="web", conversation_id=f"web:{uuid.uuid4().hex}"))
    notices = r.json()["notices"]
    assert notices["enabled"] is True
    assert notices["channels"] == ["本对话（网页）", "短信（138****5678）"]
    assert "不要通知" in notices["text"] and "13812345678" not in notices["text"]


def test_marriage_registered_reaches_the_conversation_and_the_phone(submitted, push, outbox):
    app_no, body = submitted
    assert push("civil_affairs", married(app_no)).status_code == 200
    rows = notices_of(app_no)
    assert [(n.channel, n.kind, n.status) for n in rows] == [
        ("chat", "marriage_registered", "pending"),
        ("sms", "marriage_registered", "pending"),
    ]
    outbox.drain(outbox.make())
    [(key, text)] = outbox.chat.transcripts[body["conversation_id"]]
    assert key == rows[0].delivery_key
    for started in ("户口婚姻状况变更", "因婚姻市内户口迁移", "生育登记"):
        assert started in text
    assert app_no in text and "张" not in text
    [sms] = [t for t in outbox.texts() if t["reference"] == rows[1].delivery_key]
    assert sms["to"] == "138****5678" and sms["text"] == f"【婚育一件事】{text}"
    assert {n.status for n in notices_of(app_no)} == {"sent"}


def test_fifty_identical_pushes_make_one_notice_per_channel(submitted, push, outbox):
    app_no, _ = submitted
    body, key = married(app_no), uuid.uuid4().hex
    codes = [push("civil_affairs", body, key=key).status_code for _ in range(25)]
    codes += [push("civil_affairs", body).status_code for _ in range(25)]  # new keys
    assert codes.count(200) == 25 and set(codes[25:]) <= {401, 409}  # a replay (401) or a refused change
    assert [n.channel for n in notices_of(app_no)] == ["chat", "sms"]


def test_each_kind_of_change_says_what_happened_and_what_next(submitted, push, client, outbox):
    app_no, body = submitted
    push("civil_affairs", married(app_no))
    push("public_security", event(app_no, "hukou_migration", "needs_supplement", note="请补交户主同意迁入的书面声明"))
    push("public_security", event(app_no, "hukou_migration", "in_review"))  # routine: no notice
    push("public_security", event(app_no, "hukou_marital_status", "completed"))
    push("health", event(app_no, "birth_registration", "rejected", note="已在外省办理生育登记"))
    r = client.post(f"/api/v1/applications/{app_no}/withdraw", json={"id_number": body["spouse"]["id_number"]})
    assert r.status_code == 200, r.text
    chats = [n for n in notices_of(app_no) if n.channel == "chat"]
    assert [n.kind for n in chats] == ["marriage_registered", "needs_supplement", "completed", "rejected", "withdrawn"]
    supplement, done, refused, withdrawn = (n.text for n in chats[1:])
    assert "户主同意迁入的书面声明" in supplement and "公安" in supplement and "补交" in supplement
    assert "户口婚姻状况变更已办结" in done
    assert "生育登记未通过" in refused and "已在外省办理生育登记" in refused
    assert "已撤回" in withdrawn and "因婚姻市内户口迁移" in withdrawn
    assert all(app_no in n.text for n in chats)
    assert "上传" not in supplement  # nothing the upload accepts was named: no upload offered


def test_a_supplement_of_named_materials_says_where_to_upload_them(submitted, push, outbox):
    app_no, _ = submitted
    push("civil_affairs", married(app_no))
    asked = event(app_no, "hukou_migration", "needs_supplement", note="户主页照片不清晰，请重拍")
    asked["result"] = {"required_materials": ["household_register_pages"]}
    assert push("public_security", asked).status_code == 200
    [supplement] = [n.text for n in notices_of(app_no) if n.channel == "chat" and n.kind == "needs_supplement"]
    assert "户口簿户主页和本人页" in supplement and "户主页照片不清晰" in supplement
    assert "📎上传材料" in supplement and "进度查询页" in supplement
    assert "本对话" not in supplement  # the same text goes by SMS, and hotline applicants have no chat


def test_rejected_marriage_names_the_matters_that_end(submitted, push, outbox):
    app_no, _ = submitted
    push("civil_affairs", event(app_no, "marriage_registration", "rejected", note="一方未到场"))
    chat, rating = [n for n in notices_of(app_no) if n.channel == "chat"]
    assert "一方未到场" in chat.text and "生育登记" in chat.text and "终止" in chat.text
    assert rating.kind == "rating_request"  # every matter has ended: the service may be rated


def test_an_application_hears_its_events_in_order_despite_failures(submitted, push, outbox):
    app_no, body = submitted
    outbox.drain(outbox.make())  # earlier tests' notices must not take the failures
    push("civil_affairs", married(app_no))
    push("health", event(app_no, "birth_registration", "completed"))
    outbox.chat.fail = 2  # the first notice fails twice; the second must not overtake it
    dispatcher = outbox.make(max_attempts=5)
    for _ in range(2):
        leases = dispatcher.lease(64)
        chat_ids = [n.id for n in notices_of(app_no) if n.channel == "chat"]
        assert chat_ids[1] not in {lease.notice_id for lease in leases}
        for lease in leases:
            dispatcher.deliver(lease)
    outbox.drain(dispatcher)
    kinds = [text for _, text in outbox.chat.transcripts[body["conversation_id"]]]
    assert ["结婚登记已办结" in kinds[0], "生育登记已办结" in kinds[1]] == [True, True]


def test_a_lost_outcome_is_not_delivered_twice(submitted, push, outbox):
    app_no, body = submitted
    outbox.drain(outbox.make())
    push("civil_affairs", married(app_no))
    outbox.chat.lose_reply = 1
    outbox.drain(outbox.make())
    assert len(outbox.chat.transcripts[body["conversation_id"]]) == 1
    chat = notices_of(app_no)[0]
    assert (chat.status, chat.attempts) == ("sent", 2)


def test_dead_letters_are_listed_and_retried(submitted, push, client, outbox):
    app_no, body = submitted
    outbox.drain(outbox.make())
    push("civil_affairs", married(app_no))
    outbox.chat.fail = 3
    outbox.drain(outbox.make(max_attempts=3))
    chat = notices_of(app_no)[0]
    assert chat.status == "dead" and "Rasa unreachable" in chat.last_error
    assert client.get("/api/v1/staff/notices/dead-letters").status_code == 401
    assert client.get("/api/v1/staff/notices/dead-letters", headers=SERVICE).status_code == 401
    create_staff("notice-agent")
    agent = login(client, "notice-agent")
    assert client.get("/api/v1/staff/notices/dead-letters", cookies=agent.cookies).status_code == 403
    create_staff("notice-sup", role="supervisor")
    sup = login(client, "notice-sup")
    dead = client.get("/api/v1/staff/notices/dead-letters", cookies=sup.cookies).json()
    assert chat.id in {d["id"] for d in dead}
    assert client.post(f"/api/v1/staff/notices/{chat.id}/retry", cookies=sup.cookies).status_code == 403  # no CSRF
    r = client.post(f"/api/v1/staff/notices/{chat.id}/retry", cookies=sup.cookies, headers=sup.csrf_headers)
    assert r.status_code == 200 and r.json()["status"] == "pending"
    again = client.post(f"/api/v1/staff/notices/{chat.id}/retry", cookies=sup.cookies, headers=sup.csrf_headers)
    assert again.status_code == 409 and "dead" in again.json()["detail"]
    missing = client.post("/api/v1/staff/notices/2147483000/retry", cookies=sup.cookies, headers=sup.csrf_headers)
    assert missing.status_code == 404
    outbox.drain(outbox.make())
    assert notices_of(app_no)[0].status == "sent"
    assert len(outbox.chat.transcripts[body["conversation_id"]]) == 1


def test_two_dispatchers_deliver_each_notice_once(submit, push, outbox):
    numbers = [submit().json()["application_no"] for _ in range(8)]
    for number in numbers:
        push("civil_affairs", married(number))
    first, second = outbox.make(), outbox.make()
    threads = [threading.Thread(target=outbox.drain, args=(d,)) for d in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ours = tuple(numbers)
    keys = [key for transcript in outbox.chat.transcripts.values() for key, _ in transcript if key.startswith(ours)]
    assert len(keys) == len(set(keys)) == 8
    sms = [t["reference"] for t in outbox.texts() if t["reference"].startswith(ours)]
    assert len(sms) == len(set(sms)) == 8


def test_opting_out_is_honoured_and_reversible(submit, push, client, outbox):
    conversation = f"wechat:{uuid.uuid4().hex}"
    app_no = submit(application_body(channel="wechat", conversation_id=conversation)).json()["application_no"]
    consent = {"conversation_id": conversation, "enabled": False}
    assert client.post("/api/v1/notices/consent", json=consent).status_code == 401
    r = client.post("/api/v1/notices/consent", json=consent, headers=SERVICE)
    assert r.status_code == 200 and "恢复通知" in r.json()["text"]
    push("civil_affairs", married(app_no))
    outbox.drain(outbox.make())
    assert {n.status for n in notices_of(app_no)} == {"skipped"}
    assert conversation not in outbox.chat.transcripts
    client.post("/api/v1/notices/consent", json=consent | {"enabled": True}, headers=SERVICE)
    push("health", event(app_no, "birth_registration", "completed"))
    outbox.drain(outbox.make())
    assert [n.status for n in notices_of(app_no)] == ["skipped", "skipped", "sent", "sent"]
    assert len(outbox.chat.transcripts[conversation]) == 1


def test_submission_after_opting_out_says_so(submit, client):
    conversation = f"web:{uuid.uuid4().hex}"
    client.post("/api/v1/notices/consent", json={"conversation_id": conversation, "enabled": False}, headers=SERVICE)
    notices = submit(application_body(channel="web", conversation_id=conversation)).json()["notices"]
    assert notices["enabled"] is False and "恢复通知" in notices["text"]


def test_consent_refuses_bad_input_in_chinese(client):
    r = client.post("/api/v1/notices/consent", json={"conversation_id": "", "enabled": "maybe"}, headers=SERVICE)
    assert r.status_code == 422
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e["message"]) for e in r.json()["errors"])


def test_the_push_and_its_notices_commit_together(submitted, client, outbox, monkeypatch):
    """A change that fails to commit leaves no notice behind, and no notice without its change."""
    app_no, _ = submitted
    import backend.departments.service as departments

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(departments, "matter_progress", broken)  # fails after the notices are added
    path = "/api/v1/departments/civil_affairs/events"
    raw = encode(married(app_no))
    try:
        r = client.post(path, content=raw, headers=signed_headers("civil_affairs", "POST", path, raw, key="k1"))
        assert r.status_code == 500
    except RuntimeError:
        pass  # the test client re-raises what the server raised
    assert notices_of(app_no) == []


def test_an_idle_dispatcher_looks_without_taking_the_writers_lock(submitted, push, outbox, monkeypatch):
    dispatcher = outbox.make()
    outbox.drain(dispatcher)
    writes = []
    real = dispatcher_module.write_transaction

    def counting(session):
        writes.append(1)
        return real(session)

    monkeypatch.setattr(dispatcher_module, "write_transaction", counting)
    assert dispatcher.lease(64) == []
    assert writes == []  # nothing due: a read only, the backend's pushes do not wait for it
    app_no, _ = submitted
    push("civil_affairs", married(app_no))
    leases = dispatcher.lease(64)
    assert {lease.notice_id for lease in leases} == {n.id for n in notices_of(app_no)}
    assert writes == [1]
