"""Builders for valid applications and signed department requests."""

import hashlib
import hmac
import json
import time
import uuid
from datetime import date, timedelta

from backend.applications.calendar import office_day
from backend.clock import today_local
from tests.support.citizens import HUSBAND, WIFE, make_id

__all__ = ["make_id"]

SERVICE = {"Authorization": "Bearer local-service-token"}
ALL_MATTERS = ["marriage_registration", "hukou_marital_status", "hukou_migration", "birth_registration"]
SECRETS = {
    "civil_affairs": "local-secret-civil-affairs",
    "public_security": "local-secret-public-security",
    "health": "local-secret-health",
}


def next_workday(days_ahead: int = 7) -> date:
    """A day the registry offices receive couples (public holidays skipped), from the backend's
    own calendar so that tests stay valid in a holiday week."""
    d = today_local() + timedelta(days=days_ahead)
    while not office_day(d).open:
        d += timedelta(days=1)
    return d


def application_body(matters: list[str] | None = None, **overrides) -> dict:
    matters = matters or list(ALL_MATTERS)
    body = {
        "matters": matters,
        "applicant": {"name": "张伟", "id_number": HUSBAND, "phone": "13812345678"},
        "spouse": {"name": "李娜", "id_number": WIFE, "phone": "13987654321"},
        "marriage": {"registry_office": "浦东新区婚姻登记处", "appointment_date": next_workday().isoformat()},
        "channel": "rest",
        "conversation_id": f"test-{uuid.uuid4().hex[:8]}",
    }
    if {"hukou_marital_status", "hukou_migration"} & set(matters):
        body["hukou"] = {"shanghai_hukou": ["applicant", "spouse"]}
        if "hukou_migration" in matters:
            body["hukou"]["migration"] = {
                "mover": "spouse",
                "household_address": "浦东新区世纪大道100弄1号101室",
                "household_head_name": "张伟",
                "household_head_consent": True,
            }
    if "birth_registration" in matters:
        body["birth"] = {"child_order": 1, "expected_due_date": None, "residence_district": "浦东新区"}
    body.update(overrides)
    return body


def signed_headers(
    department: str,
    method: str,
    path_qs: str,
    raw: bytes,
    *,
    secret: str | None = None,
    timestamp: int | None = None,
    key: str | None = None,
) -> dict:
    ts = str(timestamp if timestamp is not None else int(time.time()))
    message = f"{ts}.{method}.{path_qs}.".encode() + raw
    sig = hmac.new((secret or SECRETS[department]).encode(), message, hashlib.sha256).hexdigest()
    headers = {"X-Timestamp": ts, "X-Signature": sig, "Content-Type": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return headers


def event(application_no: str, matter: str, status: str, **extra) -> dict:
    body = {"application_no": application_no, "matter": matter, "status": status, "note": None, "result": None}
    body.update(extra)
    return body


def certificate_result(no: str = "J310115-2026-000123") -> dict:
    return {"certificate_no": no, "registered_at": "2026-12-08T10:00:00+08:00"}


def encode(body: dict) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()
