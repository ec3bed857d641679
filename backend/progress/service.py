"""The unified progress view: one answer across departments, with personal data masked."""

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from backend.applications.identity import normalise_id
from backend.applications.models import Application
from backend.applications.numbers import normalise
from backend.cases.models import MatterCase, TimelineEvent
from backend.cases.service import cases_of
from backend.errors import NotFound
from backend.matters.catalog import CATALOG, DEPARTMENT_NAMES, Matter
from backend.matters.statuses import FINAL, Status, status_text
from backend.pii import decrypt, lookup_hash, mask_id_number, mask_name, mask_phone
from backend.progress.callers import Caller, client_buckets
from backend.progress.ratelimit import ensure_not_limited, record_failure
from backend.progress.schemas import MatterProgress, PartyMasked, ProgressOut, TimelineItem

NOT_FOUND = "没有找到与申请编号和身份证号匹配的申请，请核对后重试（身份证号填写任一方的即可）。"
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


def matter_progress(case: MatterCase) -> MatterProgress:
    info = CATALOG[Matter(case.matter)]
    status = Status(case.status)
    return MatterProgress(
        matter=case.matter,
        matter_name=info.short_name,
        department=info.department.value,
        department_name=DEPARTMENT_NAMES[info.department],
        status=status.value,
        status_text=status_text(case.matter, status),
        updated_at=case.updated_at,
        note=case.note,
        result=case.result,
    )


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


def find_by_number_and_id(session: Session, application_no: str, id_number: str) -> Application | None:
    """The application if the ID number belongs to either party, else None. No throttle: for
    signed-in staff, whose look-ups are audited instead."""
    app = session.scalar(select(Application).where(Application.application_no == normalise(application_no)))
    digest = lookup_hash(normalise_id(id_number))
    if app is None or all(p.id_hash != digest for p in app.parties):
        return None
    return app


def find_for_citizen(session: Session, application_no: str, id_number: str, caller: Caller) -> Application:
    """The application if the ID number belongs to either party; the same 404 otherwise, and a
    429 once the number or the caller has failed too often. The number's count does not lock
    out the conversation that submitted the application: others' guesses must not keep its
    owner from it (the owner's own count still applies)."""
    number = normalise(application_no)
    # Parties load only after the limit check, so a refusal costs about the same for any number.
    app = session.scalar(
        select(Application).options(lazyload(Application.parties)).where(Application.application_no == number)
    )
    client = client_buckets(session, caller)
    owner = app is not None and caller.conversation_id is not None and caller.conversation_id == app.conversation_id
    ensure_not_limited(session, client if owner else [f"app:{number}", *client])
    digest = lookup_hash(normalise_id(id_number))
    if app is None or all(p.id_hash != digest for p in app.parties):
        record_failure(session, [f"app:{number}", *client])
        raise NotFound(NOT_FOUND)
    return app
