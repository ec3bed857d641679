"""显示完整信息: one full value of an application, written to the audit log in the same transaction."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.applications.models import Application
from backend.applications.numbers import normalise
from backend.database import write_transaction
from backend.errors import FieldError, NotFound, invalid
from backend.pii import decrypt
from backend.staff.audit import clean_reason, record_reveal
from backend.staff.principal import StaffPrincipal

PARTY_FIELDS = {"id_number": "id_number_enc", "phone": "phone_enc", "name": "name_enc"}
FIELDS = {f"{role}.{name}" for role in ("applicant", "spouse") for name in PARTY_FIELDS}


def reveal_application_field(db: Session, staff: StaffPrincipal, application_no: str, field: str, reason: str) -> str:
    reason = clean_reason(reason)  # before anything is read
    if field not in FIELDS:
        raise invalid([FieldError(field="field", message="只能查看申请人或对方的身份证号、手机号、姓名。")])
    number = normalise(application_no)
    with write_transaction(db):
        app = db.scalar(select(Application).where(Application.application_no == number))
        if app is None:
            raise NotFound("没有这个申请编号，请核对后重试。")
        role, name = field.split(".")
        party = next(p for p in app.parties if p.role == role)
        value = decrypt(getattr(party, PARTY_FIELDS[name]))
        record_reveal(db, staff, "application", app.application_no, field, reason)
    return value
