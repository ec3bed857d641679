"""Web pages (the built front end in web/dist), their configuration, and the security headers:
a Content-Security-Policy that allows scripts from this origin only."""

from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from backend.config import get_settings

# The chat page is embedded by other portals (embed.js); every other page only by us.
EMBEDDABLE = {"/chat.html"}


class WebConfig(BaseModel):
    rasa_socket_url: str


def _socket_origins(url: str) -> str:
    parts = urlsplit(url)
    ws = "wss" if parts.scheme == "https" else "ws"
    return f"{parts.scheme}://{parts.netloc} {ws}://{parts.netloc}"


def content_security_policy(path: str) -> str:
    settings = get_settings()
    ancestors = settings.web_embed_origins if path in EMBEDDABLE else "'self'"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        f"connect-src 'self' {_socket_origins(settings.rasa_socket_url)}; "
        f"frame-ancestors {ancestors}; base-uri 'self'; form-action 'self'; object-src 'none'"
    )


class SecurityHeaders:
    """Adds the headers as each response starts. Plain ASGI: Starlette's @app.middleware("http")
    runs every request through an extra task and body stream (about 0.4 ms a request)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", content_security_policy(scope["path"]))
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", "no-referrer")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def install_web(app: FastAPI) -> None:
    app.add_middleware(SecurityHeaders)

    @app.get("/api/v1/web-config", response_model=WebConfig, tags=["web"], summary="前端配置（聊天服务地址）")
    def web_config() -> WebConfig:
        return WebConfig(rasa_socket_url=get_settings().rasa_socket_url)

    dist = get_settings().web_dist_dir
    if (dist / "index.html").exists():
        app.mount("/", StaticFiles(directory=dist, html=True), name="web")
        return

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def placeholder() -> str:
        return "<!doctype html><meta charset=utf-8><title>婚育一件事</title><p>前端尚未构建：请运行 make setup。</p>"
