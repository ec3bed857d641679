"""Bodies over MAX_BODY_BYTES get a 413 before any route, auth or signature check reads them:
by Content-Length at once, by counting chunks otherwise; on a real uvicorn the server stops
reading once it has answered."""

import asyncio
import select
import socket
from urllib.parse import urlsplit

import httpx
import pytest

from backend.network.body_limit import BodyLimit
from backend.network.config import get_network_settings
from tests.backend.helpers import SERVICE, application_body, encode
from tests.backend.live import backend_server

LIMIT = get_network_settings().max_body_bytes
PUSH = "/api/v1/departments/health/events"
HUNDRED_MB = 100 * (1 << 20)


def _refused(r) -> None:
    assert r.status_code == 413, r.text
    assert "过大" in r.json()["detail"]
    assert r.headers["connection"] == "close"


@pytest.mark.parametrize("path", [PUSH, "/api/v1/applications", "/api/v1/progress/query", "/healthz"])
def test_declared_length_over_the_limit_is_413_before_auth(client, path):
    _refused(client.post(path, content=b"{" + b" " * LIMIT, headers={"Content-Type": "application/json"}))


def test_chunked_body_over_the_limit_is_413(client):
    def chunks():
        for _ in range(3):
            yield b" " * (LIMIT // 2)

    _refused(client.post(PUSH, content=chunks(), headers={"Content-Type": "application/json"}))


def test_body_at_the_limit_reaches_the_route(client):
    body = encode(application_body())
    padded = body + b" " * (LIMIT - len(body))
    assert client.post(PUSH, content=padded).status_code == 401  # the signature check, not the size
    headers = {**SERVICE, "Idempotency-Key": "at-the-limit", "Content-Type": "application/json"}
    assert client.post("/api/v1/applications", content=padded, headers=headers).status_code == 201


def test_counting_stops_reading_at_the_limit():
    """A stream that never ends: the app is given no more than the limit, then a disconnect."""
    pulled, seen, sent = [], [], []

    async def endless() -> dict:
        pulled.append(30)
        return {"type": "http.request", "body": b"x" * 30, "more_body": True}

    async def app(scope, receive, send):
        while (message := await receive())["type"] == "http.request":
            seen.append(len(message["body"]))
        await send({"type": "http.response.start", "status": 400, "headers": []})  # dropped

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": PUSH, "headers": [(b"transfer-encoding", b"chunked")]}
    asyncio.run(BodyLimit(app, max_bytes=100)(scope, endless, send))
    assert len(pulled) == 4  # 120 bytes: the first read past the limit is the last
    assert sum(seen) == 90
    assert [m.get("status") for m in sent] == [413, None]


def _upload(base: str, head: str, chunks) -> tuple[int, bytes, bool]:
    """Sends `head`, then the chunks until the server answers. Returns the body bytes sent,
    the answer, and whether the server then closed the connection."""
    url = urlsplit(base)
    sock = socket.create_connection((url.hostname, url.port))
    sock.sendall(head.encode())
    sock.setblocking(False)
    sent, answer, closed, pending = 0, b"", False, b""
    try:
        while True:
            want_write = not answer and (pending or chunks is not None)
            readable, writable, _ = select.select([sock], [sock] if want_write else [], [], 30)
            assert readable or writable, "the server neither answered nor read"
            if readable:
                try:
                    data = sock.recv(1 << 16)
                except ConnectionResetError:
                    closed = True
                    break
                if not data:
                    closed = True
                    break
                answer += data
                continue
            if not pending:
                pending = next(chunks, b"")
                if not pending:
                    chunks = None
                    continue
            try:
                n = sock.send(pending)
            except (BrokenPipeError, ConnectionResetError):
                closed = True
                break
            sent += n
            pending = pending[n:]
    finally:
        sock.close()
    return sent, answer, closed


def _chunked(total: int, size: int = 1 << 16):
    payload = b" " * size
    for _ in range(total // size):
        yield b"%x\r\n" % size + payload + b"\r\n"
    yield b"0\r\n\r\n"


@pytest.fixture(scope="module")
def live(migrated):
    with backend_server(migrated) as base:
        yield base


def test_live_chunked_100_mb_is_refused_without_reading_it(live):
    head = f"POST {PUSH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    sent, answer, closed = _upload(live, head, _chunked(HUNDRED_MB))
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert "过大".encode() in answer
    assert closed  # the server reads no more of it
    # The answer came while the client was still sending: the server took the limit plus what
    # the sockets buffer, not the 100 MB.
    assert sent < HUNDRED_MB // 4, sent


def test_live_declared_100_mb_is_refused_at_once(live):
    head = f"POST {PUSH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {HUNDRED_MB}\r\n\r\n"
    # The server answers and closes at once with our bytes unread, so its kernel may reset the
    # connection before we read the answer (Linux then drops it): try again, a few times at most.
    for _ in range(3):
        sent, answer, closed = _upload(live, head, _chunked(HUNDRED_MB))
        if answer:
            break
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert closed
    assert sent < HUNDRED_MB // 4, sent


def test_live_normal_requests_still_work(live):
    draft = {k: v for k, v in application_body().items() if k not in ("channel", "conversation_id")}
    r = httpx.post(f"{live}/api/v1/applications/check", json=draft, headers=SERVICE)
    assert r.status_code == 200 and r.json() == {"errors": []}
    body = encode(application_body())
    r = httpx.post(
        f"{live}/api/v1/applications",
        content=(body[i : i + 100] for i in range(0, len(body), 100)),  # chunked, under the limit
        headers={**SERVICE, "Idempotency-Key": "live-chunked", "Content-Type": "application/json"},
    )
    assert r.status_code == 201, r.text
