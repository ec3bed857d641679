"""Request bodies over MAX_BODY_BYTES get a 413 before any route, auth or signature check reads
them: at once when Content-Length says so, and for chunked bodies as soon as the chunks counted so
far pass the limit, so no more than the limit is ever read. The answer closes the connection, so
the server does not go on to read and discard the rest.

Plain ASGI, like SecurityHeaders. Starlette's RequestBodyLimitMiddleware runs the route first and
refuses only when it reads the body or starts its answer, in English.

A route that takes files (material uploads) has its own, larger limit (`RouteLimit`): matched by
method and exact path pattern, so no other route gains a byte."""

import re
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.errors import ErrorBody
from backend.network.config import get_network_settings

_DISCONNECT: Message = {"type": "http.disconnect"}


def _size(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):g} MB"
    return f"{n / (1 << 10):g} KB" if n >= 1 << 10 else f"{n} 字节"


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            # The server has refused a malformed Content-Length already.
            return int(value) if value.isdigit() else None
    return None


@dataclass(frozen=True)
class RouteLimit:
    method: str
    path: re.Pattern[str]
    max_bytes: int
    detail: str  # the 413's Chinese message; {limit} becomes the size


class _Refusal:
    def __init__(self, max_bytes: int, detail: str) -> None:
        self.max_bytes = max_bytes
        body = ErrorBody(detail=detail.format(limit=_size(max_bytes))).model_dump_json().encode()
        self.start: Message = {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
        self.body: Message = {"type": "http.response.body", "body": body}

    async def __call__(self, send: Send) -> None:
        await send(self.start)
        await send(self.body)


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int | None = None, routes: tuple[RouteLimit, ...] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes or get_network_settings().max_body_bytes
        self.default = _Refusal(self.max_bytes, "请求内容过大：超过{limit}的上限，未予处理。请精简内容后重新发送。")
        self.routes = [(r, _Refusal(r.max_bytes, r.detail)) for r in routes]

    def _limit_for(self, scope: Scope) -> _Refusal:
        for route, refusal in self.routes:
            if scope.get("method") == route.method and route.path.fullmatch(scope.get("path", "")):
                return refusal
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self._limit_for(scope)
        max_bytes = refusal.max_bytes
        declared = _declared_length(scope)
        if declared is not None:
            if declared > max_bytes:
                await refusal(send)
            else:  # the server delivers exactly the declared length: nothing to count
                await self.app(scope, receive, send)
            return

        received = 0
        refused = started = False

        async def counting_receive() -> Message:
            nonlocal received, refused
            if refused:
                return _DISCONNECT
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > max_bytes:
                    refused = True
                    if not started:
                        await refusal(send)
                    return _DISCONNECT  # the app stops reading as if the client had gone
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 is the answer; what the app says after it goes nowhere
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not refused:
                raise
            # The app gave up on the cut-off body (ClientDisconnect); it has been answered.
