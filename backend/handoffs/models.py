from datetime import datetime

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base

OPEN, CLAIMED, CLOSED = "open", "claimed", "closed"


class Handoff(Base):
    """A conversation marked for a person (hotline staff): waiting (`open`), taken by one agent
    (`claimed`, the bot paused) or `closed` with an outcome."""

    __tablename__ = "handoffs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    conversation_id: Mapped[str] = mapped_column(String(128), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(String(32))
    # Already masked by the caller; never holds full personal data.
    summary: Mapped[str | None] = mapped_column(Text)
    matters: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default=OPEN, index=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    # The queue orders by this: the first request's time, kept when the citizen asks again.
    waiting_since: Mapped[datetime] = mapped_column(default=now_utc)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column()
    closed_at: Mapped[datetime | None] = mapped_column()
    outcome: Mapped[str | None] = mapped_column(String(32))
    outcome_note: Mapped[str | None] = mapped_column(Text)
