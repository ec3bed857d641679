"""Marriage certificates and the one rule for their numbers, shared by civil affairs' pushes and
by couples who married earlier (CONTRACT §3, Already married)."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.certificates.models import MarriageCertificate
from citizen_text.certificates import CURRENT_RULE, RULE
from citizen_text.certificates import normalise_number as normalise_number  # the backend's one rule

# The rule lives with what citizens type (citizen_text/certificates.py): the bot reads numbers by it.
NUMBER_RULE = CURRENT_RULE
APPLICANT_NUMBER_RULE = RULE


class CertificateSource(StrEnum):
    civil_affairs = "civil_affairs"  # pushed by civil affairs on registration
    applicant = "applicant"  # given by a couple married earlier, to be checked by the department


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
