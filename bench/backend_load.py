"""Backend throughput: department pushes per second and progress-query latency, with N
concurrent clients (an aiohttp load generator on real HTTP)."""

import asyncio
import hashlib
import hmac
import json
import time
import uuid

import aiohttp

from tests.backend.helpers import SECRETS, SERVICE, application_body


def _signed(department: str, path: str, raw: bytes) -> dict:
    ts = str(int(time.time()))
    sig = hmac.new(SECRETS[department].encode(), f"{ts}.POST.{path}.".encode() + raw, hashlib.sha256).hexdigest()
    return {
        "X-Timestamp": ts,
        "X-Signature": sig,
        "Content-Type": "application/json",
        "Idempotency-Key": uuid.uuid4().hex,
    }


async def _submit(session, base: str) -> tuple[str, str]:
    body = application_body()
    async with session.post(
        f"{base}/api/v1/applications", json=body, headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex}
    ) as r:
        data = await r.json()
    return data["application_no"], body["spouse"]["id_number"]


async def _push(session, base: str, department: str, event: dict) -> bool:
    path = f"/api/v1/departments/{department}/events"
    raw = json.dumps(event).encode()
    try:
        async with session.post(f"{base}{path}", data=raw, headers=_signed(department, path, raw)) as r:
            await r.read()
            return r.status == 200
    except aiohttp.ClientError:
        return False


async def measure(base: str, clients: int, applications: int = 60) -> dict:
    """Each application takes four pushes: marriage, two police completions, one health."""
    # Idle connections are dropped before uvicorn's 5 s keep-alive ends, so none is reused dead.
    connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=2)
    async with aiohttp.ClientSession(connector=connector) as session:
        apps = [await _submit(session, base) for _ in range(applications)]
        queue: asyncio.Queue = asyncio.Queue()
        for no, _ in apps:
            queue.put_nowait(no)
        failures = 0
        pushes = 0

        async def worker():
            nonlocal failures, pushes
            while not queue.empty():
                no = queue.get_nowait()
                steps = [
                    (
                        "civil_affairs",
                        {
                            "application_no": no,
                            "matter": "marriage_registration",
                            "status": "completed",
                            "result": {
                                "certificate_no": f"J310115-2026-{no[-6:]}",
                                "registered_at": "2026-12-01T10:00:00+08:00",
                            },
                        },
                    ),
                    (
                        "public_security",
                        {"application_no": no, "matter": "hukou_marital_status", "status": "completed"},
                    ),
                    ("public_security", {"application_no": no, "matter": "hukou_migration", "status": "completed"}),
                    ("health", {"application_no": no, "matter": "birth_registration", "status": "completed"}),
                ]
                for department, event in steps:
                    pushes += 1
                    if not await _push(session, base, department, event):
                        failures += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        push_seconds = time.perf_counter() - started

        latencies: list[float] = []
        query_failures = 0

        async def querier(i: int):
            nonlocal query_failures
            for j in range(10):
                no, id_number = apps[(i * 10 + j) % len(apps)]
                t = time.perf_counter()
                try:
                    async with session.post(
                        f"{base}/api/v1/progress/query",
                        json={"application_no": no, "id_number": id_number},
                        headers={**SERVICE, "X-Conversation-Id": f"bench-{i}"},
                    ) as r:
                        await r.read()
                        ok = r.status == 200
                except aiohttp.ClientError:
                    ok = False
                query_failures += not ok
                latencies.append(time.perf_counter() - t)

        started = time.perf_counter()
        await asyncio.gather(*(querier(i) for i in range(clients)))
        query_seconds = time.perf_counter() - started
    return {
        "pushes": pushes,
        "push_failures": failures,
        "pushes_per_second": pushes / push_seconds,
        "query_latencies": latencies,
        "query_failures": query_failures,
        "queries_per_second": len(latencies) / query_seconds,
    }
