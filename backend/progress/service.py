"""The unified progress view: one answer across departments, with personal data masked."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.applications.models import Application
from backend.cases.models import MatterCase, TimelineEvent
from backend.cases.schemas import MatterProgress
from backend.cases.service import cases_of, matter_progress
from backend.matters.catalog import CATALOG, DEPARTMENT_NAMES, Matter
from backend.matters.statuses import FINAL, Status, status_text
from backend.pii import decrypt, mask_id_number, mask_name, mask_phone
from backend.progress.schemas import PartyMasked, ProgressOut, TimelineItem

OVERALL_TEXT = {
    "awaiting_visit": "待双方到婚姻登记处现场登记",
    "in_progress": "办理中",
    "needs_supplement": "有事项需补充材料",
    "completed": "全部办结",
    "closed": "已结束（部分事项未办结）",
    "withdrawn": "已撤回",
}
ACTOR_NAMES = {"citizen": "申请人", "system": "联办系统", "hotline": "12345热线（受申请人委托）"} | {
    d.value: f"{n}部门" for d, n in DEPARTMENT_NAMES.items()
}


def overall_status(cases: list[MatterCase]) -> str:
    statuses = {Status(c.status) for c in cases}
    if statuses == {Status.withdrawn}:
        return "withdrawn"
    if statuses <= FINAL:
        return "completed" if statuses == {Status.completed} else "closed"
    if Status.needs_supplement in statuses:
        return "needs_supplement"
    if Status.awaiting_visit in statuses:
        return "awaiting_visit"
    return "in_progress"


def _summary(app_no: str, overall: str, matters: list[MatterProgress]) -> str:
    parts = "；".join(f"{m.matter_name}：{m.status_text}" + (f"（{m.note}）" if m.note else "") for m in matters)
    return f"申请 {app_no} {OVERALL_TEXT[overall]}。{parts}。"


def build_progress(session: Session, app: Application) -> ProgressOut:
    cases = cases_of(session, app.id)
    matters = [matter_progress(c) for c in cases]
    events = session.scalars(
        select(TimelineEvent).where(TimelineEvent.application_id == app.id).order_by(TimelineEvent.id)
    ).all()
    overall = overall_status(cases)
    return ProgressOut(
        application_no=app.application_no,
        overall_status=overall,
        overall_status_text=OVERALL_TEXT[overall],
        created_at=app.created_at,
        registry_office=app.registry_office,
        appointment_date=app.appointment_date.isoformat() if app.appointment_date else None,
        parties=[
            PartyMasked(
                role=p.role,
                name=mask_name(decrypt(p.name_enc)),
                id_number=mask_id_number(decrypt(p.id_number_enc)),
                phone=mask_phone(decrypt(p.phone_enc)),
            )
            for p in app.parties
        ],
        matters=matters,
        timeline=[
            TimelineItem(
                matter=e.matter,
                matter_name=CATALOG[Matter(e.matter)].short_name,
                actor=e.actor,
                actor_name=ACTOR_NAMES.get(e.actor, e.actor),
                from_status=e.from_status,
                to_status=e.to_status,
                status_text=status_text(e.matter, Status(e.to_status)),
                note=e.note,
                occurred_at=e.occurred_at,
                recorded_at=e.recorded_at,
            )
            for e in events
        ],
        summary=_summary(app.application_no, overall, matters),
    )
