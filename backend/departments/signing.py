"""Request signatures for department systems (CONTRACT §3):
hex HMAC-SHA256(secret, "{timestamp}.{METHOD}.{path?query}.{raw body}")."""

import hashlib
import hmac
import time

from fastapi import Request

from backend.departments.config import get_department_settings
from backend.errors import AppError
from backend.matters.catalog import Department


def sign(secret: str, timestamp: str, method: str, path_qs: str, body: bytes) -> str:
    message = f"{timestamp}.{method.upper()}.{path_qs}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def path_with_query(request: Request) -> str:
    """The path and query exactly as sent (undecoded)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    qs = request.scope.get("query_string", b"")
    return raw.decode("latin-1") + (("?" + qs.decode("latin-1")) if qs else "")


async def verify(request: Request, department: Department) -> bytes:
    """Returns the raw body once the signature and timestamp check out; 401 otherwise."""
    settings = get_department_settings()
    timestamp = request.headers.get("X-Timestamp", "")
    signature = request.headers.get("X-Signature", "")
    body = await request.body()
    if not timestamp.isdigit() or not signature:
        raise AppError(401, "缺少签名：请提供 X-Timestamp（Unix 秒）和 X-Signature 请求头。")
    if abs(time.time() - int(timestamp)) > settings.max_clock_skew_seconds:
        raise AppError(401, "请求时间戳与服务器时间相差超过300秒，请校准时钟后重新签名发送。")
    expected = sign(settings.secret_for(department), timestamp, request.method, path_with_query(request), body)
    if not hmac.compare_digest(expected, signature.lower()):
        raise AppError(401, "签名校验失败：请用本部门密钥按约定格式重新计算 X-Signature。")
    return body
