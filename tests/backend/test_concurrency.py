"""Concurrency against a real uvicorn server (SQLite and PostgreSQL): one event pushed 50 times
at once with one key is recorded once; two departments finishing together lose nothing."""

import asyncio
import os
import subprocess
import sys
import time
import uuid

import httpx
import pytest

from tests.backend.helpers import SERVICE, application_body, certificate_result, encode, event, signed_headers
from tests.support.stack import free_port


@pytest.fixture(scope="module")
def live(migrated):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": migrated}
    proc = subprocess.Popen(
        [sys.executable, "-m", "backend.serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"backend did not start: {proc.stderr.read().decode()[-2000:]}")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


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
