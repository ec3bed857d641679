"""The audit log: who saw full personal data or acted for a caller, when, on what, and why.
Rows are added to the caller's transaction, so an action and its record commit together."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.clock import now_utc
from backend.errors import FieldError, Invalid
from backend.staff.models import AuditEntry
from backend.staff.principal import StaffPrincipal

REASON_REQUIRED = "请填写查看完整信息的原因（例如“来电人核对身份”），原因会记入审计记录。"


def clean_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if not text:
        raise Invalid(REASON_REQUIRED, [FieldError(field="reason", message=REASON_REQUIRED)])
    return text


def record(
    db: Session,
    staff: StaffPrincipal,
    action: str,
    subject_type: str,
    subject_id: str,
    field: str | None,
    reason: str,
    now: datetime | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        staff_id=staff.id,
        staff_username=staff.username,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        field=field,
        reason=reason,
        occurred_at=now or now_utc(),
    )
    db.add(entry)
    return entry


def record_reveal(
    db: Session, staff: StaffPrincipal, subject_type: str, subject_id: str, field: str, reason: str
) -> AuditEntry:
    """One row for one full value shown. A blank reason is refused (422) and nothing is written."""
    return record(db, staff, "reveal", subject_type, subject_id, field, clean_reason(reason))


def search(
    db: Session,
    *,
    staff_id: int | None = None,
    subject_type: str | None = None,
    subject_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    query = select(AuditEntry)
    if staff_id is not None:
        query = query.where(AuditEntry.staff_id == staff_id)
    if subject_type:
        query = query.where(AuditEntry.subject_type == subject_type)
    if subject_id:
        query = query.where(AuditEntry.subject_id == subject_id.strip())
    if since is not None:
        query = query.where(AuditEntry.occurred_at >= since)
    if until is not None:
        query = query.where(AuditEntry.occurred_at < until)
    return list(db.scalars(query.order_by(AuditEntry.id.desc()).limit(limit)).all())
