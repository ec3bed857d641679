"""An assisted hotline application through the running stack, over real HTTP: an agent created
with the CLI signs in, a bad ID checksum comes back as the field's Chinese message, the corrected
form goes again under the same key, and the application is stored with channel hotline and the
agent who submitted it."""

import uuid

import httpx
import sqlalchemy as sa

from tests.backend.helpers import application_body
from tests.support.citizens import HUSBAND, WIFE
from tests.support.staff import create_staff_cli, login

BAD_CHECKSUM = HUSBAND[:-1] + ("0" if HUSBAND[-1] != "0" else "1")


def test_assisted_application_with_a_field_error_corrected(stack):
    name = f"e2e-agent-{uuid.uuid4().hex[:6]}"
    create_staff_cli(stack.env(), name, role="agent")
    auth = login(stack.backend_url, name)
    body = application_body()
    body.pop("channel"), body.pop("conversation_id")
    body["applicant"]["id_number"] = BAD_CHECKSUM
    key = uuid.uuid4().hex
    url = "/api/v1/staff/hotline/applications"
    with auth.client(stack.backend_url, timeout=30) as staff:
        refused = staff.post(url, json=body, headers={"Idempotency-Key": key})
        assert refused.status_code == 422
        errors = {e["field"]: e["message"] for e in refused.json()["errors"]}
        assert "校验" in errors["applicant.id_number"]

        body["applicant"]["id_number"] = HUSBAND
        created = staff.post(url, json=body, headers={"Idempotency-Key": key})
        assert created.status_code == 201, created.text
        number = created.json()["application_no"]

        seen = staff.post("/api/v1/staff/hotline/progress", json={"application_no": number, "id_number": WIFE})
        assert seen.status_code == 200 and WIFE not in seen.text

    engine = sa.create_engine(stack.env()["DATABASE_URL"])
    with engine.connect() as db:
        row = db.execute(
            sa.text(
                "SELECT a.channel, s.username FROM applications a JOIN staff_accounts s "
                "ON s.id = a.submitted_by_staff_id WHERE a.application_no = :n"
            ),
            {"n": number},
        ).one()
    engine.dispose()
    assert tuple(row) == ("hotline", name)


def test_staff_api_over_http_needs_a_session_and_the_csrf_token(stack):
    name = f"e2e-agent-{uuid.uuid4().hex[:6]}"
    create_staff_cli(stack.env(), name, role="agent")
    base = stack.backend_url
    assert httpx.get(f"{base}/api/v1/staff/me").status_code == 401
    r = httpx.post(f"{base}/api/v1/staff/login", json={"username": name, "password": "correct-horse-battery-staple"})
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    auth = login(base, name)
    without_csrf = httpx.post(f"{base}/api/v1/staff/logout", headers={"Cookie": auth.headers["Cookie"]})
    assert without_csrf.status_code == 403
    assert httpx.post(f"{base}/api/v1/staff/logout", headers=auth.headers).status_code == 204
    assert httpx.get(f"{base}/api/v1/staff/me", headers=auth.headers).status_code == 401
