from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.certificates.models import MarriageCertificate


def store_certificate(
    session: Session, application_id: int, certificate_no: str, registered_at: datetime, office: str | None
) -> MarriageCertificate:
    cert = MarriageCertificate(
        application_id=application_id,
        certificate_no=certificate_no,
        registered_at=registered_at,
        registry_office=office,
    )
    session.add(cert)
    return cert


def certificate_of(session: Session, application_id: int) -> MarriageCertificate | None:
    return session.scalar(select(MarriageCertificate).where(MarriageCertificate.application_id == application_id))
