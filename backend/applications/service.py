"""Submission, withdrawal and the assistant's look-up by conversation."""

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.applications.identity import parse_id
from backend.applications.models import Application, Party
from backend.applications.numbers import new_application_no
from backend.applications.rules import ROLES, check_application
from backend.applications.schemas import ApplicationCreated, ApplicationIn
from backend.cases.service import cases_of, is_final, move, open_cases
from backend.certificates.service import CertificateSource, normalise_number, store_certificate
from backend.clock import local_midnight, today_local
from backend.database import write_transaction
from backend.errors import Conflict, NotFound, invalid
from backend.idempotency.models import IdempotencyRecord
from backend.idempotency.service import body_hash, run_once
from backend.matters.catalog import Matter
from backend.matters.statuses import Actor, Status
from backend.notices import content as notice_content
from backend.notices.service import announcement
from backend.notices.service import record as record_notices
from backend.pii import encrypt, lookup_hash
from backend.progress.callers import Caller
from backend.progress.schemas import ProgressOut
from backend.progress.service import build_progress, find_for_citizen, matter_progress


def _unused_number(session: Session) -> str:
    while True:
        number = new_application_no()
        if session.scalar(select(Application.id).where(Application.application_no == number)) is None:
            return number


def _create(session: Session, body: ApplicationIn, submitted_by: int | None) -> ApplicationCreated:
    matters = list(dict.fromkeys(Matter(m) for m in body.matters))
    shanghai = set(body.hukou.shanghai_hukou or []) if body.hukou else set()
    sections = {
        "hukou": body.hukou.model_dump(mode="json") if body.hukou else None,
        "birth": body.birth.model_dump(mode="json") if body.birth else None,
    }
    marriage = body.marriage  # the rules let through a booking or a certificate, never both
    app = Application(
        application_no=_unused_number(session),
        channel=body.channel,
        conversation_id=body.conversation_id,
        registry_office=marriage.registry_office.strip() if marriage.registry_office else None,
        appointment_date=marriage.appointment_date,
        sections_enc=encrypt(json.dumps(sections, ensure_ascii=False)),
        submitted_by_staff_id=submitted_by,
    )
    session.add(app)
    session.flush()
    if marriage.certificate_no is not None:  # married earlier: work lists carry it, marked as the applicant's
        store_certificate(
            session,
            app.id,
            normalise_number(marriage.certificate_no),
            local_midnight(marriage.registered_at),
            None,
            CertificateSource.applicant,
        )
    for role in ROLES:
        party = getattr(body, role)
        ident = parse_id(party.id_number)
        session.add(
            Party(
                application_id=app.id,
                role=role,
                name_enc=encrypt(party.name.strip()),
                id_number_enc=encrypt(ident.number),
                id_hash=lookup_hash(ident.number),
                phone_enc=encrypt(party.phone.replace(" ", "").replace("-", "")),
                sex=ident.sex,
                birth_date=ident.birth_date,
                shanghai_hukou=role in shanghai,
            )
        )
    cases = open_cases(session, app.id, matters)
    return ApplicationCreated(
        application_no=app.application_no,
        created_at=app.created_at,
        matters=[matter_progress(c) for c in cases],
        notices=announcement(session, app, body.applicant.phone.replace(" ", "").replace("-", "")),
    )


def submit(
    session: Session,
    body: ApplicationIn,
    idempotency_key: str,
    *,
    scope: str = "applications",
    submitted_by: int | None = None,
) -> ApplicationCreated:
    """The application this key made in this scope: created now, or replayed (the same body only).
    The hotline console submits through here too (its own scope, the agent's id recorded), so the
    rules are the same."""

    def work(s: Session) -> tuple[int, dict]:
        errors = check_application(body, complete=True, today=today_local())
        if errors:
            raise invalid(errors)
        return 201, _create(s, body, submitted_by).model_dump(mode="json")

    digest = body_hash(body.model_dump(mode="json"))
    with write_transaction(session):
        _status, created = run_once(session, scope, idempotency_key, digest, work)
    return ApplicationCreated.model_validate(created)


def withdraw(session: Session, application_no: str, id_number: str, caller: Caller) -> ProgressOut:
    app = find_for_citizen(session, application_no, id_number, caller)
    with write_transaction(session):
        withdraw_cases(session, app, actor_label="citizen", note="申请人撤回申请")
    return build_progress(session, app)


def withdraw_cases(session: Session, app: Application, *, actor_label: str, note: str) -> None:
    """Inside the caller's write transaction: every unfinished matter becomes withdrawn (409 when
    there is none). The move is the citizen's, whoever carries it out (`actor_label` says who)."""
    session.scalar(select(Application).where(Application.id == app.id).with_for_update())
    unfinished = [c for c in cases_of(session, app.id) if not is_final(c)]
    if not unfinished:
        raise Conflict("该申请的事项都已办结或结束，没有可以撤回的事项。")
    events = [
        move(session, case, Status.withdrawn, actor=Actor.citizen, actor_label=actor_label, note=note)
        for case in unfinished
    ]
    text = notice_content.withdrawn(app.application_no, [Matter(c.matter) for c in unfinished])
    record_notices(session, app, events[0], "withdrawn", text)


def latest_of_conversation(session: Session, conversation_id: str) -> Application | None:
    """The application a conversation submitted last (a conversation may submit again after a withdrawal)."""
    return session.scalar(
        select(Application)
        .where(Application.conversation_id == conversation_id)
        .order_by(Application.id.desc())
        .limit(1)
    )


def latest_for_conversation(session: Session, conversation_id: str) -> ProgressOut:
    app = latest_of_conversation(session, conversation_id)
    if app is None:
        raise NotFound("这个会话还没有提交过申请。")
    return build_progress(session, app)


def for_idempotency_key(session: Session, key: str, conversation_id: str) -> ProgressOut:
    """The application a submission with this key created, for the conversation that sent it.
    The assistant asks before it submits changed answers or gives up a key: the earlier attempt's
    reply may have been lost while the backend committed. Another conversation's key, a key never
    used and an attempt that failed all get the same 404."""
    record = session.get(IdempotencyRecord, ("applications", key))  # submit()'s scope
    number = record.response.get("application_no") if record is not None and record.status_code == 201 else None
    app = (
        session.scalar(
            select(Application).where(
                Application.application_no == number, Application.conversation_id == conversation_id
            )
        )
        if number
        else None
    )
    if app is None:
        raise NotFound("这个会话没有用该键提交成功的申请。")
    return build_progress(session, app)
