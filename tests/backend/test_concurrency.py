"""Concurrency against a real uvicorn server (SQLite and PostgreSQL): one event pushed 50 times
at once with one key is recorded once; one signed request replayed 20 times at once with new keys
is accepted once; two departments finishing together lose nothing."""

import asyncio
import uuid

import httpx
import pytest

from tests.backend.helpers import SERVICE, application_body, certificate_result, encode, event, signed_headers
from tests.backend.live import backend_server


@pytest.fixture(scope="module")
def live(migrated):
    with backend_server(migrated) as base:
        yield base


async def _push(client: httpx.AsyncClient, department: str, body: dict, key: str) -> httpx.Response:
    path = f"/api/v1/departments/{department}/events"
    raw = encode(body)
    return await client.post(path, content=raw, headers=signed_headers(department, "POST", path, raw, key=key))


async def _submit(client: httpx.AsyncClient) -> tuple[str, dict]:
    body = application_body()
    r = await client.post("/api/v1/applications", json=body, headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex})
    assert r.status_code == 201, r.text
    return r.json()["application_no"], body


async def _progress(client, app_no, body):
    r = await client.post(
        "/api/v1/progress/query", json={"application_no": app_no, "id_number": body["spouse"]["id_number"]}
    )
    return r.json()


def test_fifty_concurrent_pushes_of_one_event_record_one(live):
    async def scenario():
        async with httpx.AsyncClient(base_url=live, timeout=60) as client:
            app_no, body = await _submit(client)
            ev = event(app_no, "marriage_registration", "completed", result=certificate_result())
            responses = await asyncio.gather(*(_push(client, "civil_affairs", ev, "one-key") for _ in range(50)))
            return responses, await _progress(client, app_no, body)

    responses, progress = asyncio.run(scenario())
    assert {r.status_code for r in responses} == {200}
    assert len({r.text for r in responses}) == 1
    completions = [
        t for t in progress["timeline"] if t["matter"] == "marriage_registration" and t["to_status"] == "completed"
    ]
    assert len(completions) == 1
    assert len(progress["timeline"]) == 4 + 1 + 3


def test_concurrent_replays_of_one_signed_request_accept_one(live):
    """Copies of one signature with new keys race: the signed_requests primary key lets one in."""

    async def scenario():
        async with httpx.AsyncClient(base_url=live, timeout=60) as client:
            app_no, body = await _submit(client)
            path = "/api/v1/departments/civil_affairs/events"
            raw = encode(event(app_no, "marriage_registration", "completed", result=certificate_result()))
            headers = signed_headers("civil_affairs", "POST", path, raw)
            copies = [
                client.post(path, content=raw, headers={**headers, "Idempotency-Key": uuid.uuid4().hex})
                for _ in range(20)
            ]
            return await asyncio.gather(*copies), await _progress(client, app_no, body)

    responses, progress = asyncio.run(scenario())
    assert sorted(r.status_code for r in responses) == [200] + [401] * 19
    assert all("重放" in r.json()["detail"] for r in responses if r.status_code == 401)
    assert len(progress["timeline"]) == 4 + 1 + 3


def test_two_departments_completing_at_once_lose_nothing(live):
    async def scenario():
        async with httpx.AsyncClient(base_url=live, timeout=60) as client:
            apps = [await _submit(client) for _ in range(8)]
            for app_no, _ in apps:
                ev = event(app_no, "marriage_registration", "completed", result=certificate_result())
                assert (await _push(client, "civil_affairs", ev, uuid.uuid4().hex)).status_code == 200
            pushes = []
            for app_no, _ in apps:
                pushes.append(
                    _push(
                        client, "public_security", event(app_no, "hukou_marital_status", "completed"), uuid.uuid4().hex
                    )
                )
                pushes.append(
                    _push(client, "public_security", event(app_no, "hukou_migration", "completed"), uuid.uuid4().hex)
                )
                pushes.append(
                    _push(client, "health", event(app_no, "birth_registration", "completed"), uuid.uuid4().hex)
                )
            responses = await asyncio.gather(*pushes)
            return responses, [await _progress(client, a, b) for a, b in apps]

    responses, progresses = asyncio.run(scenario())
    assert [r.status_code for r in responses] == [200] * len(responses)
    for p in progresses:
        assert p["overall_status"] == "completed"
        assert len(p["timeline"]) == 4 + 1 + 3 + 3
