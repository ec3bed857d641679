"""Marriage certificates and the one rule for their numbers, shared by civil affairs' pushes and
by couples who married earlier (CONTRACT §3, Already married)."""

import re
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.certificates.models import MarriageCertificate

# 结婚证字号 such as J310115-2024-000123: letters, digits and hyphens, 6 to 40 characters, starting
# and ending with a letter or digit. Loose on purpose: the format differs by year and province.
_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9-]{4,38}[A-Z0-9]")
NUMBER_RULE = "6至40位字母、数字或连字符（-），以字母或数字开头和结尾，例如 J310115-2024-000123"


class CertificateSource(StrEnum):
    civil_affairs = "civil_affairs"  # pushed by civil affairs on registration
    applicant = "applicant"  # given by a couple married earlier, to be checked by the department


def normalise_number(raw: str) -> str | None:
    """The number in its stored form (trimmed, upper case), or None when it breaks the rule."""
    number = raw.strip().upper()
    return number if _NUMBER.fullmatch(number) else None


def store_certificate(
    session: Session,
    application_id: int,
    certificate_no: str,
    registered_at: datetime,
    office: str | None,
    source: CertificateSource = CertificateSource.civil_affairs,
) -> MarriageCertificate:
    cert = MarriageCertificate(
        application_id=application_id,
        certificate_no=certificate_no,
        registered_at=registered_at,
        registry_office=office,
        source=source.value,
    )
    session.add(cert)
    return cert


def certificate_of(session: Session, application_id: int) -> MarriageCertificate | None:
    return session.scalar(select(MarriageCertificate).where(MarriageCertificate.application_id == application_id))
