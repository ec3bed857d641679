from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base


class FailedLookup(Base):
    """One failed progress look-up, counted per application number and per client."""

    __tablename__ = "failed_lookups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bucket: Mapped[str] = mapped_column(String(160), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc, index=True)
