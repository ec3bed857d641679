"""The service token that the action server (and other trusted services) present.

Dependencies that only read the request are `async def`: FastAPI runs a plain `def` dependency in
its thread pool, a hand-off that cost more than the check itself on every call from the assistant."""

import hmac

from fastapi import Header

from backend.config import get_settings
from backend.errors import Unauthorized


def bearer_token(authorization: str | None) -> str | None:
    if authorization and authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return None


def is_service(authorization: str | None) -> bool:
    token = bearer_token(authorization)
    expected = get_settings().backend_service_token
    return token is not None and hmac.compare_digest(token.encode(), expected.encode())


async def require_service_token(
    authorization: str | None = Header(None, description="Bearer <BACKEND_SERVICE_TOKEN>"),
) -> None:
    if not is_service(authorization):
        raise Unauthorized("缺少或错误的服务令牌：请在 Authorization 头中携带 Bearer <BACKEND_SERVICE_TOKEN>。")
