"""Live progress for an open progress page (server-sent events) without the ID number in a URL.

A successful look-up returns a short-lived stream token, "ps1.{application_no}.{exp}.{sig}",
sig = hex HMAC-SHA256 over "ps1.{application_no}.{exp}" with a key derived from PII_HASH_KEY for
this purpose only. The stream sends the masked progress at once and again whenever the
application's timeline grows, until the token expires (the page then looks up again)."""

import asyncio
import hashlib
import hmac
import json
import re
import time
from collections.abc import AsyncIterator

from fastapi.concurrency import run_in_threadpool
from sqlalchemy import func, select

from backend.applications.models import Application
from backend.cases.models import TimelineEvent
from backend.config import get_settings
from backend.database import get_sessionmaker
from backend.errors import Unauthorized
from backend.progress.config import get_progress_settings
from backend.progress.service import build_progress

VERSION = "ps1"
_NUMBER = re.compile(r"[A-Z0-9]{1,32}")
_EXP = re.compile(r"[0-9]{1,12}")
INVALID = "进度推送凭证无效或已过期，请重新查询进度后再打开。"


def _key() -> bytes:
    return hmac.new(get_settings().pii_hash_key.encode(), b"progress-stream-token", hashlib.sha256).digest()


def _sig(number: str, exp: int) -> str:
    return hmac.new(_key(), f"{VERSION}.{number}.{exp}".encode(), hashlib.sha256).hexdigest()


def issue(application_no: str, now: int | None = None) -> str:
    exp = int(now if now is not None else time.time()) + get_progress_settings().stream_ttl_seconds
    return f"{VERSION}.{application_no}.{exp}.{_sig(application_no, exp)}"


def verify(token: str, now: int | None = None) -> tuple[str, int]:
    """(application number, expiry) of a genuine, unexpired token; a 401 otherwise."""
    parts = token.split(".")
    if len(parts) == 4 and parts[0] == VERSION and _NUMBER.fullmatch(parts[1]) and _EXP.fullmatch(parts[2]):
        number, exp = parts[1], int(parts[2])
        genuine = hmac.compare_digest(_sig(number, exp).encode(), parts[3].encode("utf-8", "replace"))
        if genuine and exp > int(now if now is not None else time.time()):
            return number, exp
    raise Unauthorized(INVALID)


def _snapshot(number: str) -> tuple[tuple, str | None]:
    """(version, masked progress JSON); the version changes with every timeline event."""
    with get_sessionmaker()() as session:
        app = session.scalar(select(Application).where(Application.application_no == number))
        if app is None:
            return (None,), None
        version = session.execute(
            select(func.count(TimelineEvent.id), func.max(TimelineEvent.id)).where(
                TimelineEvent.application_id == app.id
            )
        ).one()
        return tuple(version), build_progress(session, app).model_dump_json()


async def events(number: str, exp: int) -> AsyncIterator[str]:
    settings = get_progress_settings()
    last = None
    quiet = 0.0
    while time.time() < exp:
        version, body = await run_in_threadpool(_snapshot, number)
        if version != last and body is not None:
            last, quiet = version, 0.0
            yield f"event: progress\ndata: {body}\n\n"
        elif quiet >= settings.stream_heartbeat_seconds:
            quiet = 0.0
            yield ": keep-alive\n\n"  # a comment: keeps proxies from closing an idle stream
        await asyncio.sleep(settings.stream_poll_seconds)
        quiet += settings.stream_poll_seconds
    yield f"event: expired\ndata: {json.dumps({'detail': INVALID}, ensure_ascii=False)}\n\n"
