from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base


class Material(Base):
    """One uploaded file. `id` is random (never a counter), and no URL serves it: departments
    download through their signed API, citizens only see what they sent."""

    __tablename__ = "materials"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    matter: Mapped[str] = mapped_column(String(32))
    department: Mapped[str] = mapped_column(String(32), index=True)
    content_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer, default=1)
    blob_key: Mapped[str] = mapped_column(String(64), unique=True)
    channel: Mapped[str] = mapped_column(String(16))  # progress_page | web | wechat | rest
    # Sent in answer to a department's needs_supplement request (not in advance).
    supplement: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
    # A newer upload of the same code replaced this one; its sealed bytes are deleted then.
    replaced_at: Mapped[datetime | None] = mapped_column(default=None)


class MaterialBlob(Base):
    """The database store's sealed bytes (backend.materials.storage.DatabaseStore)."""

    __tablename__ = "material_blobs"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
