"""Anonymous web chat sessions: issued and refreshed here, checked by Rasa's socket.io channel."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from backend.chat_sessions import tokens
from backend.chat_sessions.config import ChatSessionSettings, get_chat_session_settings
from backend.chat_sessions.models import ChatSession
from backend.chat_sessions.schemas import ChatSessionOut
from backend.clock import now_utc
from backend.database import write_transaction
from backend.errors import TooManyAttempts
from backend.pii import lookup_hash

SENDER_PREFIX = "web:"


def _one_client_at_a_time(session: Session, client_hash: str) -> None:
    """PostgreSQL: concurrent requests from one client would all pass the count; queue them.
    (SQLite writers are serialised already.)"""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:k))"), {"k": f"chat:{client_hash}"})


def _ensure_under_limit(session: Session, client_hash: str, now: datetime, settings: ChatSessionSettings) -> None:
    since = now - timedelta(seconds=settings.window_seconds)
    count = session.scalar(
        select(func.count())
        .select_from(ChatSession)
        .where(ChatSession.client_hash == client_hash, ChatSession.created_at >= since)
    )
    if count >= settings.max_new_per_window:
        raise TooManyAttempts(
            f"新开对话过于频繁，请{max(settings.window_seconds // 60, 1)}分钟后再试；"
            "如需帮助，请拨打12345市民服务热线。",
        )


def open_session(session: Session, token: str | None, client_address: str) -> ChatSessionOut:
    """A genuine unexpired token keeps its id with a new expiry; anything else starts a new
    session, counted against the client's address."""
    settings = get_chat_session_settings()
    now = now_utc().replace(microsecond=0)
    exp = int(now.timestamp()) + settings.ttl_seconds
    expires_at = datetime.fromtimestamp(exp, UTC)
    client_hash = lookup_hash(client_address)
    session_id = tokens.verify(settings.secret, token, int(now.timestamp())) if token else None
    with write_transaction(session):
        _one_client_at_a_time(session, client_hash)
        session.execute(delete(ChatSession).where(ChatSession.expires_at < now - timedelta(days=1)))
        row = session.get(ChatSession, session_id) if session_id else None
        if row is not None:
            row.expires_at = expires_at
        else:
            if session_id is None:
                _ensure_under_limit(session, client_hash, now, settings)
                session_id = tokens.new_id()
            # else: a genuine token whose row is gone (database restored): the conversation goes on.
            session.add(ChatSession(id=session_id, client_hash=client_hash, created_at=now, expires_at=expires_at))
    return ChatSessionOut(
        session_token=tokens.issue(settings.secret, session_id, exp),
        sender_id=SENDER_PREFIX + session_id,
        expires_at=expires_at,
    )


def issuing_client(session: Session, sender_id: str) -> str | None:
    """The client hash that opened a web sender's session; None for other channels or an id
    this backend never issued (or forgot a day after it expired)."""
    if not sender_id.startswith(SENDER_PREFIX):
        return None
    return session.scalar(select(ChatSession.client_hash).where(ChatSession.id == sender_id[len(SENDER_PREFIX) :]))
