"""Department pushes and work lists. A push locks its application, so that two departments
finishing at once are applied one after the other and nothing is lost. Its signature, its
idempotency record, its change and its notices are one write transaction, one commit; what needs
no database (parsing, the status rules) is done before it, outside SQLite's writer lock."""

import json
from datetime import datetime

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from backend.applications.models import Application
from backend.applications.numbers import normalise
from backend.cases.models import MatterCase
from backend.cases.service import cases_of, is_final, matter_progress, move
from backend.certificates.service import NUMBER_RULE, certificate_of, normalise_number, store_certificate
from backend.clock import LocalDateTime
from backend.database import write_transaction
from backend.departments.schemas import CaseParty, Certificate, DepartmentCase, DepartmentEvent, EventAccepted
from backend.departments.signing import Signed, remember
from backend.errors import DomainError, FieldError, Forbidden, NotFound, chinese_field_error, invalid
from backend.idempotency.service import body_hash, run_once
from backend.materials.catalog import name_of
from backend.materials.requests import check_supplement_request, requested_codes
from backend.materials.service import department_materials, supplement_received
from backend.matters.catalog import CATALOG, DEPARTMENT_NAMES, Department, Matter, dependants_of
from backend.matters.form import MATTER_SECTIONS, matters_needing
from backend.matters.statuses import DEPARTMENT_PUSH_STATUSES, Actor, Status, status_text
from backend.notices.content import for_department_event
from backend.notices.service import record as record_notices
from backend.pii import decrypt
from backend.ratings.service import ask_for_rating

_DATETIME = TypeAdapter(LocalDateTime)


def _validate_event(department: Department, event: DepartmentEvent) -> tuple[Matter, Status]:
    if event.matter not in Matter.__members__:
        raise invalid([FieldError(field="matter", message=f"无法识别的事项“{event.matter}”。")])
    if event.status not in {s.value for s in DEPARTMENT_PUSH_STATUSES}:
        allowed = "、".join(s.value for s in DEPARTMENT_PUSH_STATUSES)
        raise invalid([FieldError(field="status", message=f"部门只能推送以下状态：{allowed}。")])
    matter = Matter(event.matter)
    owner = CATALOG[matter].department
    if owner != department:
        raise Forbidden(
            f"“{CATALOG[matter].short_name}”由{DEPARTMENT_NAMES[owner]}部门办理，"
            f"{DEPARTMENT_NAMES[department]}部门不能推送该事项的状态。",
        )
    return matter, Status(event.status)


def _certificate_fields(result: dict | None) -> tuple[str, datetime]:
    result = result or {}
    errors = []
    raw = result.get("certificate_no")
    number = normalise_number(raw, old_style=False) if isinstance(raw, str) else None
    if number is None:
        errors.append(
            FieldError(
                field="result.certificate_no",
                message=f"结婚登记办结须附电子结婚证编号 certificate_no：{NUMBER_RULE}。",
            )
        )
    try:
        registered_at = _DATETIME.validate_python(result.get("registered_at"))
    except ValidationError:
        registered_at = None
        errors.append(
            FieldError(
                field="result.registered_at",
                message="结婚登记办结须附登记时间 registered_at，ISO 8601 格式，"
                "例如“2026-12-08T10:00:00+08:00”（不带时区的按上海时间理解）。",
            )
        )
    if errors:
        raise invalid(errors)
    return number, registered_at


def _settle_note(prerequisite: Matter, started: bool) -> str:
    if prerequisite == Matter.marriage_registration:
        return "已收到电子结婚证，自动启动办理" if started else "结婚登记未通过，联办事项终止"
    name = CATALOG[prerequisite].short_name
    return f"{name}已办结，自动启动办理" if started else f"{name}未能办结，本事项终止"


def _start_dependants(
    session: Session, cases: list[MatterCase], prerequisite: Matter, status: Status
) -> list[MatterCase]:
    """A prerequisite completed: the matters waiting for it start; rejected: they end, and so do
    the matters waiting for those. Done by the system, on the application's cases loaded once."""
    started = status == Status.completed
    target = Status.in_review if started else Status.cancelled
    moved, settling = [], [prerequisite]
    while settling:
        dependants = {m.value for m in dependants_of(settling.pop())}
        for case in cases:
            if case.matter in dependants and case.status == Status.waiting_prerequisite:
                note = _settle_note(CATALOG[Matter(case.matter)].prerequisite, started)
                move(session, case, target, actor=Actor.system, actor_label="system", note=note)
                moved.append(case)
                if not started:
                    settling.append(Matter(case.matter))
    return moved


def _parse(department: Department, raw: bytes) -> tuple[DepartmentEvent, Matter, Status]:
    # The signature covers the raw bytes, so the body is parsed only after it is verified.
    try:
        event = DepartmentEvent.model_validate_json(raw)
    except ValidationError as exc:
        raise invalid([chinese_field_error(e) for e in exc.errors()]) from None
    matter, status = _validate_event(department, event)
    check_supplement_request(matter, status, event.result, event.note)
    return event, matter, status


def apply_push(session: Session, signed: Signed, key: str) -> tuple[int, dict]:
    """A replay is refused (401) before anything else is said; any other refusal still keeps the
    signature, so that the same signed request cannot be tried again."""
    department = signed.department
    try:
        event, matter, status = _parse(department, signed.body)
        refused = None
    except DomainError as exc:
        refused = exc

    def work(s: Session) -> tuple[int, dict]:
        app = s.scalar(
            select(Application)
            .where(Application.application_no == normalise(event.application_no))
            .options(lazyload(Application.parties))  # not needed here: one round trip less
            .with_for_update()
        )
        if app is None:
            raise NotFound(f"没有编号为{event.application_no}的申请。")
        # All of its cases in one query: the pushed one, its dependants, whether all are final.
        cases = cases_of(s, app.id)
        case = next((c for c in cases if c.matter == matter.value), None)
        if case is None:
            raise NotFound(f"申请{app.application_no}没有申请“{CATALOG[matter].short_name}”。")
        is_marriage = matter == Matter.marriage_registration
        if is_marriage and status == Status.completed:
            number, registered_at = _certificate_fields(event.result)
            store_certificate(s, app.id, number, registered_at, app.registry_office)
        event_row = move(
            s,
            case,
            status,
            actor=Actor.department,
            actor_label=department.value,
            note=event.note,
            result=event.result,
            occurred_at=event.occurred_at,
        )
        started = _start_dependants(s, cases, matter, status) if status in (Status.completed, Status.rejected) else []
        requested = [name_of(code) for code in requested_codes(event.result)]
        message = for_department_event(
            app.application_no, matter, status, event.note, [Matter(c.matter) for c in started], requested
        )
        if message:
            record_notices(s, app, event_row, *message)
        if all(is_final(c) for c in cases):  # it reads them again, so only when it may ask
            ask_for_rating(s, app, event_row)
        accepted = EventAccepted(
            application_no=app.application_no,
            matter=matter_progress(case),
            started=[matter_progress(c) for c in started],
        )
        return 200, accepted.model_dump(mode="json")

    with write_transaction(session):
        remember(session, signed)
        if refused is None:
            try:
                with session.begin_nested():
                    return run_once(session, f"dept:{department.value}", key, body_hash(signed.body), work)
            except DomainError as exc:  # the change rolls back to the savepoint; the signature stays
                refused = exc
    raise refused


def _details(app: Application, matter: Matter) -> dict:
    sections = json.loads(decrypt(app.sections_enc))
    needed = [s for s in MATTER_SECTIONS if matter in matters_needing(s)]
    return sections.get(needed[0]) or {} if needed else {}


def work_list(session: Session, department: Department, status: str, limit: int) -> list[DepartmentCase]:
    if status not in Status.__members__:
        raise invalid([FieldError(field="status", message=f"无法识别的状态“{status}”。")])
    rows = session.execute(
        select(MatterCase, Application)
        .join(Application, Application.id == MatterCase.application_id)
        .where(MatterCase.department == department.value, MatterCase.status == status)
        .order_by(MatterCase.updated_at, MatterCase.id)
        .limit(limit)
    ).all()
    out = []
    for case, app in rows:
        matter = Matter(case.matter)
        cert = certificate_of(session, app.id) if CATALOG[matter].prerequisite else None
        materials = department_materials(session, case)
        out.append(
            DepartmentCase(
                application_no=app.application_no,
                matter=case.matter,
                matter_name=CATALOG[matter].short_name,
                status=case.status,
                status_text=status_text(case.matter, Status(case.status)),
                updated_at=case.updated_at,
                registry_office=app.registry_office,
                appointment_date=app.appointment_date,
                # Department systems process the case, so they receive the full identity data.
                parties=[
                    CaseParty(
                        role=p.role,
                        name=decrypt(p.name_enc),
                        id_number=decrypt(p.id_number_enc),
                        phone=decrypt(p.phone_enc),
                        sex=p.sex,
                        birth_date=p.birth_date,
                        shanghai_hukou=p.shanghai_hukou,
                    )
                    for p in app.parties
                ],
                details=_details(app, matter),
                certificate=Certificate(
                    certificate_no=cert.certificate_no,
                    registered_at=cert.registered_at,
                    registry_office=cert.registry_office,
                    source=cert.source,
                )
                if cert
                else None,
                materials=materials,
                supplement_received=supplement_received(session, case, materials),
            )
        )
    return out
