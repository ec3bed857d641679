from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base


class Notice(Base):
    """One outbox row: one application event for one channel, written in the same transaction as
    the status change. `delivery_key` travels with the message (bot event metadata, the SMS
    provider's reference), so a delivery whose outcome was lost is found instead of repeated."""

    __tablename__ = "notices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    channel: Mapped[str] = mapped_column(String(8))  # chat | sms
    delivery_key: Mapped[str] = mapped_column(String(80), unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # marriage_registered, needs_supplement, ...
    text: Mapped[str] = mapped_column(Text)  # masked: no name, ID number or phone
    # pending -> sent | skipped (the citizen opted out) | dead (after max_attempts); dead -> pending by a retry
    status: Mapped[str] = mapped_column(String(8), index=True, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=now_utc, index=True)
    # Set at the first lease and never cleared: from then on a try first looks for an earlier
    # delivery whose outcome was lost (a dispatcher killed mid-send), and a retry keeps it.
    first_tried_at: Mapped[datetime | None] = mapped_column()
    leased_until: Mapped[datetime | None] = mapped_column()
    lease_owner: Mapped[str | None] = mapped_column(String(64))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    delivered_at: Mapped[datetime | None] = mapped_column()


class NoticeConsent(Base):
    """A conversation's choice ("不要通知" / "恢复通知"); without a row notices are on."""

    __tablename__ = "notice_consents"

    conversation_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    enabled: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=now_utc)
