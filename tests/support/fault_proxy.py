"""A reverse proxy between two services that can stop one exchange at an exact moment, so a test
kills a process then and not "about then": before the request goes on, or after the upstream has
answered (its work is done) and before the answer comes back. The held exchange is then dropped:
the caller sees its connection closed without a reply, as when the process across it dies."""

import asyncio
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from tests.support.stack import free_port

# (method, path with query, raw body) -> whether this exchange is the one to stop
Match = Callable[[str, str, bytes], bool]
HOP_BY_HOP = {"host", "content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive"}


def _drop(request: web.Request) -> None:
    """No reply: the caller's connection just ends (if the caller is still there)."""
    if request.transport is not None:
        request.transport.close()


@dataclass
class Fault:
    match: Match
    after_upstream: bool  # stop once the upstream has answered, rather than before forwarding
    held: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)
    upstream_status: int | None = None

    def wait_until_held(self, timeout: float = 120) -> None:
        if not self.held.wait(timeout):
            raise AssertionError("the exchange to stop never came through the proxy")

    def release(self) -> None:
        """Lets the proxy drop the held exchange (after the test has killed what it wanted)."""
        self.released.set()


class FaultProxy:
    """http://127.0.0.1:<port> forwards everything to `upstream`; `arm` stops the next matching
    exchange. Runs its own event loop in a daemon thread."""

    def __init__(self, upstream: str):
        self.upstream = upstream.rstrip("/")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.faults: list[Fault] = []
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)

    def arm(self, match: Match, *, after_upstream: bool) -> Fault:
        fault = Fault(match, after_upstream)
        self.faults.append(fault)
        return fault

    def _take(self, method: str, path: str, body: bytes) -> Fault | None:
        for fault in self.faults:
            if fault.match(method, path, body):
                self.faults.remove(fault)
                return fault
        return None

    async def _hold(self, fault: Fault, request: web.Request) -> web.Response:
        fault.held.set()
        await asyncio.get_running_loop().run_in_executor(None, fault.released.wait)
        _drop(request)
        return web.Response(status=502)

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        fault = self._take(request.method, request.path_qs, body)
        if fault and not fault.after_upstream:  # as if the upstream died before it got the request
            return await self._hold(fault, request)
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            async with (
                ClientSession(timeout=ClientTimeout(total=120)) as session,
                session.request(request.method, self.upstream + request.path_qs, data=body, headers=headers) as r,
            ):
                payload, status = await r.read(), r.status
                reply_headers = {k: v for k, v in r.headers.items() if k.lower() not in HOP_BY_HOP}
        except ClientError:  # the upstream is down: so is the connection to it
            _drop(request)
            return web.Response(status=502)
        if fault:
            fault.upstream_status = status
            return await self._hold(fault, request)
        return web.Response(status=status, body=payload, headers=reply_headers)

    async def _start(self) -> None:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._forward)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port).start()
