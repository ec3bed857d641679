"""Request bodies over MAX_BODY_BYTES get a 413 before any route, auth or signature check reads
them: at once when Content-Length says so, and for chunked bodies as soon as the chunks counted so
far pass the limit, so no more than the limit is ever read. The answer closes the connection, so
the server does not go on to read and discard the rest.

Plain ASGI, like SecurityHeaders. Starlette's RequestBodyLimitMiddleware runs the route first and
refuses only when it reads the body or starts its answer, in English."""

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


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int | None = None) -> None:
        self.app = app
        self.max_bytes = max_bytes or get_network_settings().max_body_bytes
        detail = f"请求内容过大：超过{_size(self.max_bytes)}的上限，未予处理。请精简内容后重新发送。"
        body = ErrorBody(detail=detail).model_dump_json().encode()
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

    async def refuse(self, send: Send) -> None:
        await send(self.start)
        await send(self.body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None:
            if declared > self.max_bytes:
                await self.refuse(send)
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
                if received > self.max_bytes:
                    refused = True
                    if not started:
                        await self.refuse(send)
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
