"""Rasa's REST channel with its conversations in their own namespace (CONTRACT §5).

Every sender id becomes `rest:<sender>`, so a REST caller can never continue a `web:` or `wechat:`
conversation. The channel is for local trials, tests and trusted tools: in production it is off
unless REST_TOKEN is set, and then every request must carry `Authorization: Bearer <REST_TOKEN>`."""

import hmac
import os
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

from bot.channels.turn_guard import guard_turns
from security.guard import is_production

PREFIX = "rest:"


class NamespacedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "NamespacedRestInput":
        credentials = credentials or {}
        token = credentials.get("token") or os.environ.get("REST_TOKEN", "")
        return cls(token=token, enabled=bool(token) or not is_production())

    def __init__(self, token: str = "", enabled: bool = True) -> None:
        self.token = token
        self.enabled = enabled

    async def _extract_sender(self, req: Request) -> str | None:
        sender = (req.json or {}).get("sender")
        return f"{PREFIX}{sender}" if isinstance(sender, str) and sender else None

    def _extract_input_channel(self, req: Request) -> str:
        return self.name()  # not the caller's claim: the channel decides what a reply may do

    def _refusal(self, request: Request) -> response.HTTPResponse | None:
        if not self.enabled:
            return response.json({"error": "REST 渠道在生产环境中未开放。"}, status=404)
        if self.token:
            given = request.headers.get("Authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {self.token}".encode()):
                return response.json({"error": "缺少或错误的 REST 令牌。"}, status=401)
        if request.method == "POST":
            body = request.json if request.body else None
            if not isinstance(body, dict) or not body.get("sender") or not isinstance(body.get("message"), str):
                return response.json({"error": "请求体应为 JSON，并带有 sender 和 message。"}, status=400)
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = super().blueprint(guard_turns(on_new_message))

        @webhook.middleware("request")
        async def authenticate(request: Request) -> response.HTTPResponse | None:
            return self._refusal(request)

        return webhook
