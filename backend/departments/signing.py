"""Request signatures for department systems (CONTRACT §3):
hex HMAC-SHA256(secret, "{timestamp}.{METHOD}.{path?query}.{raw body}").

Replays (CONTRACT §3 revision 2): every accepted signature is kept in the database for twice
the clock-skew window, committed whatever the request's outcome, so that a copy is refused by
any process; the primary key decides between two copies arriving at once. A push records its
signature in the transaction of its change (one commit a push), the other signed requests in a
transaction of their own. The one exception is a retry of the same signed request with the same
non-empty Idempotency-Key: it goes on to the idempotency check, which answers with the first
response and records nothing."""

import hashlib
import hmac
import re
import time
from dataclasses import dataclass
from datetime import timedelta

from fastapi import Request
from sqlalchemy import delete
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from backend.clock import now_utc
from backend.database import get_sessionmaker, insert_new, write_transaction
from backend.departments.config import get_department_settings
from backend.departments.models import SignedRequest
from backend.errors import Unauthorized
from backend.matters.catalog import Department

# ASCII digits only: str.isdigit() also accepts "²" and "１２３", which int() then refuses or reads.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
REPLAYED = "该签名请求已使用过（疑似重放）：请用新的时间戳重新签名后发送。"


def sign(secret: str, timestamp: str, method: str, path_qs: str, body: bytes) -> str:
    message = f"{timestamp}.{method.upper()}.{path_qs}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def path_with_query(request: Request) -> str:
    """The path and query exactly as sent (undecoded)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    qs = request.scope.get("query_string", b"")
    return raw.decode("latin-1") + (("?" + qs.decode("latin-1")) if qs else "")


@dataclass(frozen=True)
class Signed:
    """A request whose signature checked out, not yet remembered."""

    department: Department
    signature: str
    timestamp: int
    key_hash: str | None  # SHA-256 of the Idempotency-Key, if any
    body: bytes


# Expired signatures are deleted at most this often per process: every push deleting the same
# rows would make concurrent pushes wait on each other's row locks (PostgreSQL).
_PRUNE_EVERY_SECONDS = 30.0
_pruned_at = [float("-inf")]


def remember(session: Session, signed: Signed) -> None:
    """Inside the caller's write transaction: 401 if this signature was accepted before, unless
    it is a retry with the same key."""
    window = timedelta(seconds=2 * get_department_settings().max_clock_skew_seconds)
    if time.monotonic() - _pruned_at[0] >= _PRUNE_EVERY_SECONDS:
        _pruned_at[0] = time.monotonic()
        session.execute(delete(SignedRequest).where(SignedRequest.seen_at < now_utc() - window))
    new = insert_new(
        session,
        SignedRequest,
        department=signed.department.value,
        signature=signed.signature,
        timestamp=signed.timestamp,
        idempotency_key_hash=signed.key_hash,
        seen_at=now_utc(),
    )
    if not new:
        first = session.get(SignedRequest, (signed.department.value, signed.signature), populate_existing=True)
        if signed.key_hash is None or first is None or first.idempotency_key_hash != signed.key_hash:
            raise Unauthorized(REPLAYED)


def _remember_alone(signed: Signed) -> None:
    with get_sessionmaker()() as session, write_transaction(session):
        remember(session, signed)


async def check(request: Request, department: Department) -> Signed:
    """The signed request once the signature and timestamp check out; 401 otherwise. Whether it
    is a replay is for `remember` to say."""
    settings = get_department_settings()
    timestamp = request.headers.get("X-Timestamp", "")
    signature = request.headers.get("X-Signature", "")
    body = await request.body()
    if not _TIMESTAMP.fullmatch(timestamp) or not signature:
        raise Unauthorized("缺少签名：请提供 X-Timestamp（Unix 秒，阿拉伯数字）和 X-Signature 请求头。")
    if abs(time.time() - int(timestamp)) > settings.max_clock_skew_seconds:
        raise Unauthorized("请求时间戳与服务器时间相差超过300秒，请校准时钟后重新签名发送。")
    expected = sign(settings.secret_for(department), timestamp, request.method, path_with_query(request), body)
    # Bytes: compare_digest raises TypeError on non-ASCII strings, and headers may hold any byte.
    if not hmac.compare_digest(expected.encode(), signature.lower().encode("latin-1", "replace")):
        raise Unauthorized("签名校验失败：请用本部门密钥按约定格式重新计算 X-Signature。")
    key = request.headers.get("Idempotency-Key", "")
    key_hash = hashlib.sha256(key.encode("latin-1", "replace")).hexdigest() if key else None
    return Signed(department, expected, int(timestamp), key_hash, body)


async def verify(request: Request, department: Department) -> bytes:
    """The raw body of a genuine request that is not a replay, remembered; 401 otherwise."""
    signed = await check(request, department)
    await run_in_threadpool(_remember_alone, signed)
    return signed.body
