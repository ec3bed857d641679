from datetime import datetime

from sqlalchemy import BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base


class SignedRequest(Base):
    """A department request whose signature was accepted, kept while its timestamp could still
    pass the clock-skew check: the primary key refuses the same signature a second time."""

    __tablename__ = "signed_requests"

    department: Mapped[str] = mapped_column(String(32), primary_key=True)
    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    timestamp: Mapped[int] = mapped_column(BigInteger)
    # SHA-256 of the Idempotency-Key: the same key again is a retry, not a replay.
    idempotency_key_hash: Mapped[str | None] = mapped_column(String(64))
    seen_at: Mapped[datetime] = mapped_column(default=now_utc, index=True)
