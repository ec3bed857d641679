from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base


class Rating(Base):
    """好差评: one per application, given once every matter is final."""

    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    score: Mapped[int] = mapped_column(Integer)
    # Free text may name people: sealed like other personal data.
    comment_enc: Mapped[str | None] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(16), index=True)
    # The application's matters, so averages per matter need no join through its cases.
    matters: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
