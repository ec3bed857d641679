"""The backend as a department system and a citizen's browser meet it over real HTTP (uvicorn):
replayed signed pushes and rotated X-Forwarded-For headers."""

import json
import uuid

import httpx

from tests.backend.helpers import application_body, certificate_result, encode, event, signed_headers
from tests.support.citizens import HUSBAND


def service(stack, conversation: str) -> dict:
    return {"Authorization": f"Bearer {stack.env()['BACKEND_SERVICE_TOKEN']}", "X-Conversation-Id": conversation}


def submit(stack, conversation: str) -> str:
    r = httpx.post(
        f"{stack.backend_url}/api/v1/applications",
        json=application_body(conversation_id=conversation),
        headers=service(stack, conversation) | {"Idempotency-Key": uuid.uuid4().hex},
        timeout=30,
    )
    assert r.status_code == 201, r.text
    return r.json()["application_no"]


def timeline(stack, number: str, conversation: str) -> list:
    """As the bot asks in the applicant's own conversation (its own throttle bucket)."""
    r = httpx.post(
        f"{stack.backend_url}/api/v1/progress/query",
        json={"application_no": number, "id_number": HUSBAND},
        headers=service(stack, conversation),
        timeout=10,
    )
    assert r.status_code == 200, r.text
    return r.json()["timeline"]


def test_a_replayed_signed_push_records_nothing(stack):
    conversation = f"rest:replay-{uuid.uuid4().hex[:8]}"
    number = submit(stack, conversation)
    path = "/api/v1/departments/civil_affairs/events"
    raw = encode(event(number, "marriage_registration", "completed", result=certificate_result()))
    headers = signed_headers("civil_affairs", "POST", path, raw, key=uuid.uuid4().hex)
    first = httpx.post(f"{stack.backend_url}{path}", content=raw, headers=headers, timeout=30)
    assert first.status_code == 200, first.text
    recorded = timeline(stack, number, conversation)

    replay = httpx.post(
        f"{stack.backend_url}{path}", content=raw, headers=headers | {"Idempotency-Key": uuid.uuid4().hex}, timeout=30
    )
    assert replay.status_code == 401 and "重放" in replay.json()["detail"]
    assert timeline(stack, number, conversation) == recorded

    retry = httpx.post(f"{stack.backend_url}{path}", content=raw, headers=headers, timeout=30)
    assert retry.status_code == 200 and json.loads(retry.content) == json.loads(first.content)
    assert timeline(stack, number, conversation) == recorded


def test_rotating_forwarded_for_does_not_reset_the_progress_throttle(stack):
    statuses = [
        httpx.post(
            f"{stack.backend_url}/api/v1/progress/query",
            json={"application_no": f"HY{uuid.uuid4().hex[:14].upper()}", "id_number": "310101199001011234"},
            headers={"X-Forwarded-For": f"203.0.113.{i}"},
            timeout=10,
        ).status_code
        for i in range(8)
    ]
    # Earlier suites may have spent some of this address's tries; rotation must not add any.
    assert statuses.count(404) <= 5 and statuses[-3:] == [429] * 3
