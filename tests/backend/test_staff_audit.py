"""显示完整信息 and the audit log: a reason is required, each reveal writes exactly one row,
supervisors filter the log, and no full ID number reaches a URL or a list."""

import subprocess
import sys
from datetime import timedelta

from sqlalchemy import func, select

from backend.clock import today_local
from backend.database import get_sessionmaker
from backend.staff.models import AuditEntry
from tests.support.staff import PASSWORD, ROOT, login


def audit_rows(subject_id: str) -> int:
    with get_sessionmaker()() as db:
        return db.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.subject_id == subject_id))


def reveal(client, auth, app_no: str, field: str = "applicant.id_number", reason: str = "来电人核对身份"):
    body = {"subject_type": "application", "subject_id": app_no, "field": field, "reason": reason}
    return client.post("/api/v1/staff/reveal", json=body, headers=auth.headers)


def test_reveal_needs_a_reason_and_writes_one_row_each_time(client, submitted, agent):
    app_no, body = submitted
    for blank in ("", "   "):
        r = reveal(client, agent, app_no, reason=blank)
        assert r.status_code == 422 and r.json()["errors"][0]["field"] == "reason"
        assert "原因" in r.json()["detail"]
    assert audit_rows(app_no) == 0
    r = reveal(client, agent, app_no)
    assert r.status_code == 200 and r.json()["value"] == body["applicant"]["id_number"]
    assert audit_rows(app_no) == 1
    r = reveal(client, agent, app_no, field="spouse.phone", reason="回拨确认号码")
    assert r.json()["value"] == body["spouse"]["phone"]
    assert audit_rows(app_no) == 2
    with get_sessionmaker()() as db:
        last = db.scalars(select(AuditEntry).where(AuditEntry.subject_id == app_no).order_by(AuditEntry.id)).all()[-1]
    assert (last.staff_id, last.action, last.field, last.reason) == (
        agent.staff["id"],
        "reveal",
        "spouse.phone",
        "回拨确认号码",
    )


def test_refused_reveals_write_nothing(client, submitted, agent):
    app_no, _ = submitted
    assert reveal(client, agent, app_no, field="sections").status_code == 422
    assert reveal(client, agent, "HY000000ZZZZZZZZ").status_code == 404
    no_csrf = {"Cookie": agent.headers["Cookie"]}
    r = client.post(
        "/api/v1/staff/reveal",
        json={"subject_id": app_no, "field": "applicant.id_number", "reason": "x"},
        headers=no_csrf,
    )
    assert r.status_code == 403
    assert audit_rows(app_no) == 0 and audit_rows("HY000000ZZZZZZZZ") == 0


def test_supervisor_filters_the_audit_log(client, submitted, agent, supervisor):
    app_no, body = submitted
    reveal(client, agent, app_no)
    reveal(client, supervisor, app_no, field="spouse.name", reason="主管抽查")
    log = client.get("/api/v1/staff/audit", params={"subject_id": app_no}, headers=supervisor.headers)
    assert log.status_code == 200
    assert [(e["staff_username"], e["field"]) for e in log.json()] == [
        (supervisor.staff["username"], "spouse.name"),
        (agent.staff["username"], "applicant.id_number"),
    ]
    mine = client.get(
        "/api/v1/staff/audit", params={"staff_id": agent.staff["id"], "subject_id": app_no}, headers=supervisor.headers
    )
    assert [e["staff_id"] for e in mine.json()] == [agent.staff["id"]]
    today = today_local()
    within = {"subject_id": app_no, "date_from": today.isoformat(), "date_to": today.isoformat()}
    assert len(client.get("/api/v1/staff/audit", params=within, headers=supervisor.headers).json()) == 2
    before = {"subject_id": app_no, "date_to": (today - timedelta(days=1)).isoformat()}
    assert client.get("/api/v1/staff/audit", params=before, headers=supervisor.headers).json() == []
    # The log names the application, never the revealed value.
    assert body["applicant"]["id_number"] not in log.text and body["spouse"]["name"] not in log.text
    assert client.get("/api/v1/staff/audit", headers=agent.headers).status_code == 403


def test_cli_creates_an_account_with_the_password_from_the_environment(client, migrated):
    env = {"DATABASE_URL": migrated, "STAFF_PASSWORD": PASSWORD, "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    run = subprocess.run(
        [sys.executable, "-m", "backend.staff", "create", "--username", "cli-sup", "--role", "supervisor"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert login(client, "cli-sup").staff["role"] == "supervisor"
    again = subprocess.run(
        [sys.executable, "-m", "backend.staff", "create", "--username", "cli-sup"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 1 and "已被使用" in again.stderr
    # No way to put a password on the command line.
    argv = subprocess.run(
        [sys.executable, "-m", "backend.staff", "create", "--username", "x-user", "--password", PASSWORD],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert argv.returncode == 2 and "unrecognized arguments" in argv.stderr
