from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base


class ChatSession(Base):
    """A web chat session the backend issued; the sender id is "web:{id}"."""

    __tablename__ = "chat_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Keyed hash of the issuing client's address: throttles without storing addresses.
    client_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc, index=True)
    expires_at: Mapped[datetime] = mapped_column(index=True)
