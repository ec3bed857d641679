"""Callers on the phone: an agent submits with the backend's own rules (the same Chinese per-field
422 as the public API), looks up progress (audited, not throttled) and withdraws with consent."""

import uuid

from sqlalchemy import select

from backend.applications.models import Application
from backend.database import get_sessionmaker
from backend.staff.models import AuditEntry
from tests.backend.helpers import SERVICE, application_body

BAD_CHECKSUM = "310104199403051210"  # HUSBAND with the last digit changed


def hotline_body(**overrides) -> dict:
    body = application_body(**overrides)
    body.pop("channel"), body.pop("conversation_id")
    return body


def submit(client, auth, body: dict, key: str):
    return client.post(
        "/api/v1/staff/hotline/applications", json=body, headers={**auth.headers, "Idempotency-Key": key}
    )


def audit_of(app_no: str) -> list[tuple[int, str]]:
    with get_sessionmaker()() as db:
        rows = db.scalars(select(AuditEntry).where(AuditEntry.subject_id == app_no).order_by(AuditEntry.id)).all()
        return [(r.staff_id, r.action) for r in rows]


def test_field_error_corrected_and_resubmitted_with_the_same_key(client, agent):
    body = hotline_body()
    good_id = body["applicant"]["id_number"]
    assert BAD_CHECKSUM[:-1] == good_id[:-1] and good_id != BAD_CHECKSUM
    body["applicant"]["id_number"] = BAD_CHECKSUM
    key = uuid.uuid4().hex
    refused = submit(client, agent, body, key)
    assert refused.status_code == 422
    # Exactly what the public API answers for the same application.
    public = client.post(
        "/api/v1/applications",
        json={**body, "channel": "rest"},
        headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert refused.json() == public.json()
    errors = {e["field"]: e["message"] for e in refused.json()["errors"]}
    assert "applicant.id_number" in errors and "校验" in errors["applicant.id_number"]

    body["applicant"]["id_number"] = good_id
    created = submit(client, agent, body, key)
    assert created.status_code == 201, created.text
    app_no = created.json()["application_no"]
    assert submit(client, agent, body, key).json()["application_no"] == app_no  # a retry makes nothing new
    with get_sessionmaker()() as db:
        app = db.scalar(select(Application).where(Application.application_no == app_no))
        assert (app.channel, app.submitted_by_staff_id, app.conversation_id) == ("hotline", agent.staff["id"], None)


def test_the_form_cannot_choose_its_channel(client, agent):
    body = {**hotline_body(), "channel": "web"}
    r = submit(client, agent, body, uuid.uuid4().hex)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "channel"


def test_draft_check_uses_the_same_rules(client, agent):
    body = {"applicant": {"id_number": BAD_CHECKSUM}}
    r = client.post("/api/v1/staff/hotline/applications/check", json=body, headers=agent.headers)
    public = client.post("/api/v1/applications/check", json=body, headers=SERVICE)
    assert r.status_code == 200 and r.json() == public.json() and r.json()["errors"]


def test_agent_lookups_are_audited_not_throttled(client, submitted, agent):
    app_no, body = submitted
    wrong = {"application_no": app_no, "id_number": BAD_CHECKSUM}
    for _ in range(6):  # past the citizens' limit of 5
        assert client.post("/api/v1/staff/hotline/progress", json=wrong, headers=agent.headers).status_code == 404
    right = {"application_no": app_no, "id_number": body["spouse"]["id_number"]}
    r = client.post("/api/v1/staff/hotline/progress", json=right, headers=agent.headers)
    assert r.status_code == 200 and r.json()["application_no"] == app_no
    assert body["spouse"]["id_number"] not in r.text  # masked, as for citizens
    assert audit_of(app_no) == [(agent.staff["id"], "progress_lookup")] * 7


def test_withdraw_needs_the_callers_consent(client, submitted, agent):
    app_no, body = submitted
    ask = {"application_no": app_no, "id_number": body["applicant"]["id_number"], "caller_consent": False}
    r = client.post("/api/v1/staff/hotline/withdraw", json=ask, headers=agent.headers)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "caller_consent"
    assert audit_of(app_no) == []
    r = client.post("/api/v1/staff/hotline/withdraw", json={**ask, "caller_consent": True}, headers=agent.headers)
    assert r.status_code == 200 and r.json()["overall_status"] == "withdrawn"
    last = r.json()["timeline"][-1]
    assert last["actor"] == "hotline" and "12345" in last["actor_name"]
    assert audit_of(app_no) == [(agent.staff["id"], "withdraw")]
