from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.clock import now_utc
from backend.database import Base


class MarriageCertificate(Base):
    """The marriage certificate of an application: pushed by civil affairs on registration, or
    given by a couple married earlier (unverified until the department checks it)."""

    __tablename__ = "marriage_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), unique=True)
    certificate_no: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime] = mapped_column()
    registry_office: Mapped[str | None] = mapped_column(String(64))
    # civil_affairs | applicant (CertificateSource)
    source: Mapped[str] = mapped_column(String(16), default="civil_affairs", server_default="civil_affairs")
    created_at: Mapped[datetime] = mapped_column(default=now_utc)
