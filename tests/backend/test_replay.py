"""Replays of signed department requests (CONTRACT §3 revision 2) and malformed timestamps."""

import asyncio
import time
import uuid

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import func, select
from starlette.requests import Request

from backend.cases.models import TimelineEvent
from backend.database import get_engine, get_sessionmaker
from backend.departments.signing import verify
from backend.errors import DomainError
from backend.idempotency.models import IdempotencyRecord
from backend.matters.catalog import Department
from tests.backend.helpers import certificate_result, encode, event, signed_headers

PUSH = "/api/v1/departments/health/events"


def _counts() -> tuple[int, int]:
    with get_sessionmaker()() as s:
        return (
            s.scalar(select(func.count()).select_from(TimelineEvent)),
            s.scalar(select(func.count()).select_from(IdempotencyRecord)),
        )


@pytest.fixture
def in_review(submitted, push):
    """An application whose birth registration is in review at the health department."""
    app_no, _ = submitted
    push("civil_affairs", event(app_no, "marriage_registration", "completed", result=certificate_result()))
    return app_no


def _signed_supplement(app_no: str) -> tuple[bytes, dict]:
    raw = encode(event(app_no, "birth_registration", "needs_supplement", note="请补充居住证明"))
    return raw, signed_headers("health", "POST", PUSH, raw)


def test_replay_with_a_new_key_is_refused_and_records_nothing(client, in_review, push):
    raw, headers = _signed_supplement(in_review)
    assert client.post(PUSH, content=raw, headers={**headers, "Idempotency-Key": "first"}).status_code == 200
    # Back in review, so that the replayed "needs supplement" would be a valid, recorded change.
    assert push("health", event(in_review, "birth_registration", "in_review")).status_code == 200
    before = _counts()
    r = client.post(PUSH, content=raw, headers={**headers, "Idempotency-Key": "second"})
    assert r.status_code == 401
    assert "重放" in r.json()["detail"]
    assert client.post(PUSH, content=raw, headers=headers).status_code == 401  # no key at all
    assert _counts() == before


def test_same_request_with_the_same_key_is_a_retry(client, in_review, push):
    raw, headers = _signed_supplement(in_review)
    headers["Idempotency-Key"] = uuid.uuid4().hex
    first = client.post(PUSH, content=raw, headers=headers)
    assert first.status_code == 200
    assert push("health", event(in_review, "birth_registration", "in_review")).status_code == 200
    before = _counts()
    again = client.post(PUSH, content=raw, headers=headers)
    assert again.status_code == 200
    assert again.json() == first.json()
    assert _counts() == before


def test_signed_work_list_request_is_used_once(client):
    path = "/api/v1/departments/health/cases?status=in_review"
    headers = signed_headers("health", "GET", path, b"")
    assert client.get(path, headers=headers).status_code == 200
    assert client.get(path, headers=headers).status_code == 401
    # Polling again within the same second: any unused query parameter makes a new signature.
    again = f"{path}&nonce={uuid.uuid4().hex}"
    assert client.get(again, headers=signed_headers("health", "GET", again, b"")).status_code == 200


def test_refused_signature_is_not_remembered(client, in_review):
    """Only accepted signatures are kept: a bad one leaves nothing to block the real request."""
    raw, headers = _signed_supplement(in_review)
    headers["Idempotency-Key"] = uuid.uuid4().hex
    bad = {**headers, "X-Signature": "0" * 64}
    assert client.post(PUSH, content=raw, headers=bad).status_code == 401
    assert client.post(PUSH, content=raw, headers=headers).status_code == 200


def test_a_refused_push_keeps_its_signature(client, in_review):
    """The signature is remembered with the push's change, yet a refusal (here 409: the birth
    registration is already in review) keeps it: the copy is a replay, whatever its key."""
    raw = encode(event(in_review, "birth_registration", "in_review"))
    headers = signed_headers("health", "POST", PUSH, raw, key=uuid.uuid4().hex)
    assert client.post(PUSH, content=raw, headers=headers).status_code == 409
    again = client.post(PUSH, content=raw, headers={**headers, "Idempotency-Key": uuid.uuid4().hex})
    assert again.status_code == 401
    assert "重放" in again.json()["detail"]


def test_a_push_is_one_commit(client, in_review):
    """Signature, idempotency record, change and notices commit together: on SQLite every commit
    is a turn of the one writer, so a push that took two would halve the pushes taken a second."""
    commits = []

    def counted(_conn):
        commits.append(1)

    sa_event.listen(get_engine(), "commit", counted)
    try:
        raw, headers = _signed_supplement(in_review)
        r = client.post(PUSH, content=raw, headers={**headers, "Idempotency-Key": uuid.uuid4().hex})
    finally:
        sa_event.remove(get_engine(), "commit", counted)
    assert r.status_code == 200
    assert commits == [1]


NOT_PLAIN_DIGITS = ["²".encode("latin-1"), "¹²³".encode("latin-1"), "１２３".encode(), b"1e9", b" 123", b"-1"]
NOT_PLAIN_DIGITS += [b"+1700000000", b"12.5", b"9" * 5000, b""]


@pytest.mark.parametrize("raw", NOT_PLAIN_DIGITS)
def test_timestamp_that_is_not_plain_digits_is_401(raw):
    """Exact header bytes, straight to `verify` (the test client re-encodes non-ASCII headers):
    the server reads b"\xb2" as "²", which str.isdigit() accepts and int() refuses."""
    scope = {
        "type": "http",
        "method": "POST",
        "path": PUSH,
        "raw_path": PUSH.encode(),
        "query_string": b"",
        "headers": [(b"x-timestamp", raw), (b"x-signature", b"0" * 64)],
    }

    async def receive():
        return {"type": "http.request", "body": b"{}", "more_body": False}

    with pytest.raises(DomainError) as refused:
        asyncio.run(verify(Request(scope, receive), Department.health))
    assert refused.value.status_code == 401
    assert "X-Timestamp" in refused.value.detail


def test_malformed_timestamp_is_401_over_http(client, in_review):
    raw = encode(event(in_review, "birth_registration", "needs_supplement"))
    headers = {**signed_headers("health", "POST", PUSH, raw, key=uuid.uuid4().hex), "X-Timestamp": "9" * 5000}
    r = client.post(PUSH, content=raw, headers=headers)
    assert r.status_code == 401, r.text


def test_non_ascii_signature_is_401(client, in_review):
    raw = encode(event(in_review, "birth_registration", "needs_supplement"))
    headers = signed_headers("health", "POST", PUSH, raw, key=uuid.uuid4().hex)
    headers["X-Signature"] = ("é" * 64).encode("latin-1")
    assert client.post(PUSH, content=raw, headers=headers).status_code == 401


def test_past_timestamp_within_skew_is_accepted(client, in_review):
    raw = encode(event(in_review, "birth_registration", "needs_supplement"))
    ts = int(time.time()) - 5
    headers = signed_headers("health", "POST", PUSH, raw, key=uuid.uuid4().hex, timestamp=ts)
    assert client.post(PUSH, content=raw, headers=headers).status_code == 200
