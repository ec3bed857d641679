from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from backend.clock import now_utc
from backend.database import Base


class Application(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_no: Mapped[str] = mapped_column(String(24), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    conversation_id: Mapped[str | None] = mapped_column(String(128), index=True)
    registry_office: Mapped[str | None] = mapped_column(String(64))
    appointment_date: Mapped[date | None] = mapped_column(Date)
    # hukou and birth sections, encrypted: they hold addresses and third parties' names.
    sections_enc: Mapped[str] = mapped_column(Text)
    # The hotline agent who filled the application for a caller (channel "hotline"); else None.
    submitted_by_staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_accounts.id"))
    created_at: Mapped[datetime] = mapped_column(default=now_utc)

    parties: Mapped[list["Party"]] = relationship(back_populates="application", order_by="Party.id", lazy="selectin")


class Party(Base):
    __tablename__ = "parties"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))  # applicant | spouse
    name_enc: Mapped[str] = mapped_column(Text)
    id_number_enc: Mapped[str] = mapped_column(Text)
    id_hash: Mapped[str] = mapped_column(String(64), index=True)
    phone_enc: Mapped[str] = mapped_column(Text)
    sex: Mapped[str] = mapped_column(String(1))  # M | F, from the ID number
    birth_date: Mapped[date] = mapped_column(Date)
    shanghai_hukou: Mapped[bool] = mapped_column(Boolean, default=False)

    application: Mapped[Application] = relationship(back_populates="parties")


class FailedLookup(Base):
    """One failed look-up of an application (number + ID number), counted per application number
    and per client: the throttle in applications/ratelimit.py."""

    __tablename__ = "failed_lookups"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    bucket: Mapped[str] = mapped_column(String(160), index=True)
    created_at: Mapped[datetime] = mapped_column(default=now_utc, index=True)
