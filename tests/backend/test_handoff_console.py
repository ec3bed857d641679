"""The console's handoff API over HTTP (TestClient) with a recording stand-in for Rasa's HTTP API:
who may do what, and what each step asks of the assistant. The real Rasa side is in
tests/e2e/test_handoff.py."""

import uuid
from datetime import UTC, datetime

import pytest

from backend.assistant.client import AssistantUnavailable, get_assistant
from backend.staff.models import AuditEntry
from tests.backend.helpers import SERVICE
from tests.support.citizens import HUSBAND
from tests.support.staff import create_staff, login

STAFF_ROUTES = [
    ("GET", "/api/v1/staff/handoffs"),
    ("POST", "/api/v1/staff/handoffs/1/claim"),
    ("GET", "/api/v1/staff/handoffs/1"),
    ("POST", "/api/v1/staff/handoffs/1/messages"),
    ("POST", "/api/v1/staff/handoffs/1/hand-back"),
    ("POST", "/api/v1/staff/handoffs/1/close"),
    ("POST", "/api/v1/staff/handoffs/1/release"),
    ("POST", "/api/v1/staff/handoffs/1/transfer"),
    ("POST", "/api/v1/staff/handoffs/1/reveal"),
]


class FakeAssistant:
    """Records what the console asks of Rasa; `down` makes every call fail as an outage would."""

    def __init__(self):
        self.calls: list[tuple] = []
        self.down = False
        self.slots = {"matters": ["marriage_registration"], "applicant_name": "张伟", "applicant_id": HUSBAND}

    def _record(self, *call):
        if self.down:
            raise AssistantUnavailable("down")
        self.calls.append(call)

    def tracker(self, conversation_id):
        self._record("tracker", conversation_id)
        return {
            "paused": True,
            "slots": self.slots,
            "events": [{"event": "user", "timestamp": 1.0, "text": f"我叫张伟，身份证{HUSBAND}"}],
        }

    def pause(self, conversation_id):
        self._record("pause", conversation_id)

    def resume(self, conversation_id):
        self._record("resume", conversation_id)

    def say(self, conversation_id, text, metadata=None):
        self._record("say", conversation_id, text, metadata or {})

    def trigger_intent(self, conversation_id, intent):
        self._record("trigger_intent", conversation_id, intent)


@pytest.fixture
def rasa(app):
    fake = FakeAssistant()
    app.dependency_overrides[get_assistant] = lambda: fake
    yield fake
    app.dependency_overrides.pop(get_assistant, None)


@pytest.fixture
def agents(client):
    names = [f"agent-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    for name in names:
        create_staff(name)
    return [login(client, name) for name in names]


def handed_off(client) -> tuple[int, str]:
    conversation = f"web:{uuid.uuid4().hex}"
    r = client.post(
        "/api/v1/handoffs",
        json={
            "conversation_id": conversation,
            "reason": "requested",
            "summary": "事项：结婚登记",
            "matters": ["marriage_registration"],
        },
        headers=SERVICE,
    )
    assert r.status_code == 201, r.text
    return r.json()["id"], conversation


@pytest.mark.parametrize(("method", "path"), STAFF_ROUTES)
def test_every_console_endpoint_needs_a_login(client, method, path):
    r = client.request(method, path, json={})
    assert r.status_code == 401 and "登录" in r.json()["detail"]


def test_a_write_without_the_csrf_header_is_refused(client, rasa, agents):
    handoff_id, _ = handed_off(client)
    r = client.post(f"/api/v1/staff/handoffs/{handoff_id}/claim", cookies=agents[0].cookies)
    assert r.status_code == 403 and rasa.calls == []


@pytest.fixture
def hours(monkeypatch):
    """Sets CONSOLE_HOURS for one test; the cached settings are dropped before and after."""
    from backend.handoffs.config import get_handoff_settings

    def set_hours(value: str) -> None:
        monkeypatch.setenv("CONSOLE_HOURS", value)
        get_handoff_settings.cache_clear()

    yield set_hours
    monkeypatch.undo()
    get_handoff_settings.cache_clear()


def test_the_assistant_hears_whether_a_person_can_answer(client, agents, hours, monkeypatch):
    from backend.handoffs import service

    def ask():
        body = {"conversation_id": f"web:{uuid.uuid4().hex}", "reason": "requested"}
        return client.post("/api/v1/handoffs", json=body, headers=SERVICE).json()

    hours("24/7")
    first, second = ask(), ask()
    assert first["agents_online"] >= 1 and first["person_available"] and first["hotline"] == "12345"
    assert second["position"] == first["position"] + 1

    hours("08:00-20:00")
    monkeypatch.setattr(service, "now_utc", lambda: datetime(2026, 12, 1, 14, 0, tzinfo=UTC))  # 22:00 Shanghai
    closed = ask()
    assert not closed["in_service_hours"] and not closed["person_available"]
    assert closed["agents_online"] >= 1 and closed["service_hours"] == "08:00-20:00"
    monkeypatch.setattr(service, "now_utc", lambda: datetime(2026, 12, 1, 2, 0, tzinfo=UTC))  # 10:00 Shanghai
    assert ask()["person_available"]


def test_claim_pauses_and_a_second_claim_is_409(client, rasa, agents):
    handoff_id, conversation = handed_off(client)
    a, b = agents
    r = client.post(f"/api/v1/staff/handoffs/{handoff_id}/claim", headers=a.headers)
    assert r.status_code == 200 and r.json()["mine"] and r.json()["status"] == "claimed"
    assert rasa.calls[0] == ("pause", conversation)
    assert rasa.calls[1][:2] == ("say", conversation) and rasa.calls[1][3] == {"console": True}
    r = client.post(f"/api/v1/staff/handoffs/{handoff_id}/claim", headers=b.headers)
    assert r.status_code == 409 and "其他工作人员" in r.json()["detail"]


def test_another_agent_cannot_read_reply_or_hand_back(client, rasa, agents):
    handoff_id, _ = handed_off(client)
    a, b = agents
    client.post(f"/api/v1/staff/handoffs/{handoff_id}/claim", headers=a.headers)
    calls = len(rasa.calls)
    base = f"/api/v1/staff/handoffs/{handoff_id}"
    for method, path, body in [
        ("GET", "", None),
        ("POST", "/messages", {"text": "你好"}),
        ("POST", "/hand-back", {}),
        ("POST", "/close", {"outcome": "resolved"}),
        ("POST", "/release", {}),
        ("POST", "/transfer", {"to": b.staff["username"]}),
        ("POST", "/reveal", {"field": "applicant_id", "reason": "核对身份"}),
    ]:
        r = client.request(method, base + path, json=body, headers=b.headers)
        assert r.status_code == 403, (path, r.text)
    assert len(rasa.calls) == calls  # nothing reached the citizen or Rasa


def test_view_is_masked_and_a_reveal_writes_one_audit_row(client, rasa, agents):
    from backend.database import get_sessionmaker

    handoff_id, conversation = handed_off(client)
    a = agents[0]
    client.post(f"/api/v1/staff/handoffs/{handoff_id}/claim", headers=a.headers)
    view = client.get(f"/api/v1/staff/handoffs/{handoff_id}", headers=a.headers)
    assert view.status_code == 200
    assert HUSBAND not in view.text and "310***********" in view.text and "张*" in view.text
    assert view.json()["paused"] is True

    def audit_rows():
        with get_sessionmaker()() as db:
            return db.query(AuditEntry).filter(AuditEntry.subject_id == conversation).all()

    refused = client.post(
        f"/api/v1/staff/handoffs/{handoff_id}/reveal", json={"field": "applicant_id", "reason": " "}, headers=a.headers
    )
    assert refused.status_code == 422 and audit_rows() == []
    r = client.post(
        f"/api/v1/staff/handoffs/{handoff_id}/reveal",
        json={"field": "applicant_id", "reason": "市民说号码填错了，核对"},
        headers=a.headers,
    )
    assert r.status_code == 200 and r.json()["value"] == HUSBAND
    (row,) = audit_rows()
    assert row.field == "applicant_id" and row.staff_username == a.staff["username"] and row.action == "reveal"
    assert HUSBAND not in str(vars(row))


def test_reply_hand_back_and_close(client, rasa, agents):
    handoff_id, conversation = handed_off(client)
    a = agents[0]
    base = f"/api/v1/staff/handoffs/{handoff_id}"
    client.post(f"{base}/claim", headers=a.headers)
    assert client.post(f"{base}/messages", json={"text": "   "}, headers=a.headers).status_code == 422
    assert client.post(f"{base}/messages", json={"text": "您好，我来帮您"}, headers=a.headers).status_code == 204
    assert ("say", conversation, "【人工客服】您好，我来帮您", {"agent": a.staff["username"]}) in rasa.calls
    rasa.calls.clear()
    r = client.post(f"{base}/hand-back", headers=a.headers)
    assert r.status_code == 200 and r.json()["status"] == "closed"
    kinds = [c[0] for c in rasa.calls]
    assert kinds == ["resume", "say", "tracker", "trigger_intent"]
    assert rasa.calls[-1] == ("trigger_intent", conversation, "continue_form")  # the form asks its question again
    assert client.post(f"{base}/messages", json={"text": "还在吗"}, headers=a.headers).status_code == 409

    other_id, _ = handed_off(client)
    client.post(f"/api/v1/staff/handoffs/{other_id}/claim", headers=a.headers)
    bad = client.post(f"/api/v1/staff/handoffs/{other_id}/close", json={"outcome": "??"}, headers=a.headers)
    assert bad.status_code == 422 and "已解决" in bad.json()["detail"]
    done = client.post(f"/api/v1/staff/handoffs/{other_id}/close", json={"outcome": "resolved"}, headers=a.headers)
    assert done.status_code == 200 and done.json()["status"] == "closed"


def test_hand_back_without_a_form_does_not_start_one(client, rasa, agents):
    rasa.slots = {"matters": None}
    handoff_id, _ = handed_off(client)
    a = agents[0]
    client.post(f"/api/v1/staff/handoffs/{handoff_id}/claim", headers=a.headers)
    rasa.calls.clear()
    client.post(f"/api/v1/staff/handoffs/{handoff_id}/hand-back", headers=a.headers)
    assert [c[0] for c in rasa.calls] == ["resume", "say", "tracker"]


def test_transfer_and_release(client, rasa, agents):
    handoff_id, _ = handed_off(client)
    a, b = agents
    base = f"/api/v1/staff/handoffs/{handoff_id}"
    client.post(f"{base}/claim", headers=a.headers)
    assert client.post(f"{base}/transfer", json={"to": "nobody-here"}, headers=a.headers).status_code == 422
    r = client.post(f"{base}/transfer", json={"to": b.staff["username"]}, headers=a.headers)
    assert r.status_code == 200 and r.json()["claimed_by"] == b.staff["username"]
    assert client.get(base, headers=a.headers).status_code == 403
    assert client.get(base, headers=b.headers).status_code == 200
    r = client.post(f"{base}/release", headers=b.headers)
    assert r.status_code == 200 and r.json()["status"] == "open" and rasa.calls[-2][:1] == ("resume",)


def test_a_claim_whose_pause_fails_is_undone(client, rasa, agents):
    handoff_id, _ = handed_off(client)
    rasa.down = True
    r = client.post(f"/api/v1/staff/handoffs/{handoff_id}/claim", headers=agents[0].headers)
    assert r.status_code == 503 and "助手服务" in r.json()["detail"]
    rasa.down = False
    queue = client.get("/api/v1/staff/handoffs", headers=agents[0].headers).json()
    assert next(h for h in queue if h["id"] == handoff_id)["status"] == "open"


def test_queue_longest_waiting_first_with_matters_and_waiting_time(client, rasa, agents):
    mine, _ = handed_off(client)
    rows = client.get("/api/v1/staff/handoffs", headers=agents[0].headers).json()
    waiting = [r for r in rows if r["status"] == "open"]
    assert [r["position"] for r in waiting] == list(range(1, len(waiting) + 1))
    assert [r["id"] for r in waiting] == sorted(r["id"] for r in waiting)  # asked earlier, listed earlier
    row = next(r for r in rows if r["id"] == mine)
    assert row["matters"] == ["marriage_registration"] and row["summary"] == "事项：结婚登记"
    assert row["waiting_seconds"] >= 0 and row["claimed_by"] is None
