"""The per-matter state machine. Every change writes its timeline event in the same session."""

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.cases.models import MatterCase, TimelineEvent
from backend.cases.schemas import MatterProgress
from backend.clock import now_utc
from backend.errors import Conflict
from backend.matters.catalog import CATALOG, DEPARTMENT_NAMES, Matter
from backend.matters.statuses import FINAL, STATUS_TEXT, Actor, Status, allowed, status_text


def _first_status(matter: Matter, matters: list[Matter]) -> Status:
    """A dependant waits for its prerequisite only when that is applied for too: without the
    marriage registration the couple married earlier, and the matter goes to review at once."""
    prerequisite = CATALOG[matter].prerequisite
    if prerequisite is None:
        return Status.awaiting_visit
    return Status.waiting_prerequisite if prerequisite in matters else Status.in_review


def open_cases(session: Session, application_id: int, matters: list[Matter]) -> list[MatterCase]:
    now = now_utc()
    cases = [
        MatterCase(
            application_id=application_id,
            matter=matter.value,
            department=CATALOG[matter].department.value,
            status=_first_status(matter, matters).value,
            updated_at=now,
        )
        for matter in matters
    ]
    session.add_all(cases)
    session.flush()  # one round trip for all of them: the timeline rows need their ids
    for case in cases:
        status = Status(case.status)
        note = "提交联办申请（已登记结婚，凭结婚证直接审核）" if status == Status.in_review else "提交联办申请"
        _record(session, case, None, status, "citizen", note, now)
    return cases


def cases_of(session: Session, application_id: int) -> list[MatterCase]:
    order = {m.value: i for i, m in enumerate(Matter)}
    rows = session.scalars(select(MatterCase).where(MatterCase.application_id == application_id)).all()
    return sorted(rows, key=lambda c: order[c.matter])


def move(
    session: Session,
    case: MatterCase,
    new: Status,
    *,
    actor: Actor,
    actor_label: str,
    note: str | None = None,
    result: dict | None = None,
    occurred_at: datetime | None = None,
) -> TimelineEvent:
    current = Status(case.status)
    if not allowed(current, new, actor):
        raise Conflict(
            f"{CATALOG[Matter(case.matter)].short_name}当前状态为“{STATUS_TEXT[current]}”，"
            f"不能变更为“{STATUS_TEXT[new]}”。",
        )
    now = now_utc()
    case.status = new.value
    case.note = note
    if result is not None:
        case.result = result
    case.updated_at = now
    return _record(session, case, current, new, actor_label, note, occurred_at or now)


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


def is_final(case: MatterCase) -> bool:
    return Status(case.status) in FINAL


def _record(session, case, old, new, actor_label, note, occurred_at) -> TimelineEvent:
    event = TimelineEvent(
        application_id=case.application_id,
        case_id=case.id,
        matter=case.matter,
        actor=actor_label,
        from_status=old.value if old else None,
        to_status=new.value,
        note=note,
        occurred_at=occurred_at,
    )
    session.add(event)
    return event
