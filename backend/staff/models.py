from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base


class StaffAccount(Base):
    """A hotline agent or supervisor. The password is kept only as an argon2id hash."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))  # agent | supervisor
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=now_utc)


class StaffSession(Base):
    """A signed-in browser. Only the token's SHA-256 is stored: a database dump signs nobody in."""

    __tablename__ = "staff_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    last_seen_at: Mapped[datetime] = mapped_column(index=True)
    expires_at: Mapped[datetime] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()


class AuditEntry(Base):
    """Append-only: one row each time staff saw full personal data or acted for a caller."""

    __tablename__ = "staff_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_accounts.id"), index=True)
    staff_username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(32))  # reveal | progress_lookup | hotline_submit | withdraw
    subject_type: Mapped[str] = mapped_column(String(32))  # application | conversation
    subject_id: Mapped[str] = mapped_column(String(128), index=True)
    field: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(default=now_utc, index=True)
