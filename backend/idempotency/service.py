"""Run a unit of work at most once per (scope, key), safely under concurrency.

The record is inserted first (INSERT … ON CONFLICT DO NOTHING: no savepoint), inside the
caller's transaction: a concurrent request with the same key blocks on the primary key until the
first commits, then sees its stored answer. If the work fails, the transaction rolls back with
the record, and a retry runs the work again."""

import hashlib
import json
from collections.abc import Callable
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from backend.clock import now_utc
from backend.database import insert_new
from backend.errors import Conflict, FieldError, invalid
from backend.idempotency.models import IdempotencyRecord

Work = Callable[[Session], tuple[int, dict[str, Any]]]


def body_hash(body: bytes | dict) -> str:
    raw = body if isinstance(body, bytes) else json.dumps(body, sort_keys=True).encode()
    return hashlib.sha256(raw).hexdigest()


def run_once(session: Session, scope: str, key: str, digest: str, work: Work) -> tuple[int, dict]:
    if not key or len(key) > 128:
        message = "缺少或过长的 Idempotency-Key 请求头：请为每次提交生成一个唯一键（不超过128个字符），重试时沿用。"
        raise invalid([FieldError(field="Idempotency-Key", message=message)])
    fields = {"scope": scope, "key": key, "body_hash": digest, "status_code": 0, "response": {}}
    if not insert_new(session, IdempotencyRecord, **fields, created_at=now_utc()):
        existing = session.get(IdempotencyRecord, (scope, key), populate_existing=True)
        if existing is None:  # pragma: no cover - the row was there a moment ago
            raise Conflict("同一 Idempotency-Key 的请求正在处理，请稍后重试。")
        if existing.body_hash != digest:
            raise Conflict("该 Idempotency-Key 已用于另一份内容不同的请求；新的请求请使用新的键。")
        return existing.status_code, existing.response
    status_code, response = work(session)
    session.execute(
        update(IdempotencyRecord)
        .where(IdempotencyRecord.scope == scope, IdempotencyRecord.key == key)
        .values(status_code=status_code, response=response)
        .execution_options(synchronize_session=False)
    )
    return status_code, response
