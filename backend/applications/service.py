"""Creating an application, withdrawing its matters, and the assistant's look-ups by
conversation. What goes with them in other domains (the notices, the progress view) is composed
in backend/flows."""

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.applications.identity import parse_id
from backend.applications.models import Application, Party
from backend.applications.numbers import new_application_no
from backend.applications.rules import ROLES, check_application
from backend.applications.schemas import ApplicationIn
from backend.cases.models import MatterCase, TimelineEvent
from backend.cases.service import cases_of, is_final, move, open_cases
from backend.certificates.service import CertificateSource, normalise_number, store_certificate
from backend.clock import local_midnight, today_local
from backend.errors import Conflict, NotFound, invalid
from backend.idempotency.models import IdempotencyRecord
from backend.matters.catalog import Matter
from backend.matters.statuses import Actor, Status
from backend.pii import encrypt, lookup_hash

SUBMIT_SCOPE = "applications"  # the assistant's idempotency keys (the hotline console has its own)


def compact_phone(phone: str) -> str:
    """A phone number as stored: without the spaces and hyphens the rules let through."""
    return phone.replace(" ", "").replace("-", "")


def _unused_number(session: Session) -> str:
    while True:
        number = new_application_no()
        if session.scalar(select(Application.id).where(Application.application_no == number)) is None:
            return number


def create(session: Session, body: ApplicationIn, submitted_by: int | None) -> tuple[Application, list[MatterCase]]:
    """Inside the caller's write transaction: the application, checked by the public rules (the
    hotline console's too), its parties and its matters' cases."""
    errors = check_application(body, complete=True, today=today_local())
    if errors:
        raise invalid(errors)
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
                phone_enc=encrypt(compact_phone(party.phone)),
                sex=ident.sex,
                birth_date=ident.birth_date,
                shanghai_hukou=role in shanghai,
            )
        )
    return app, open_cases(session, app.id, matters)


def withdraw_cases(session: Session, app: Application, *, actor_label: str, note: str) -> list[TimelineEvent]:
    """Inside the caller's write transaction: every unfinished matter becomes withdrawn (409 when
    there is none), one timeline event each. The move is the citizen's, whoever carries it out
    (`actor_label` says who)."""
    session.scalar(select(Application).where(Application.id == app.id).with_for_update())
    unfinished = [c for c in cases_of(session, app.id) if not is_final(c)]
    if not unfinished:
        raise Conflict("该申请的事项都已办结或结束，没有可以撤回的事项。")
    return [
        move(session, case, Status.withdrawn, actor=Actor.citizen, actor_label=actor_label, note=note)
        for case in unfinished
    ]


def latest_of_conversation(session: Session, conversation_id: str) -> Application | None:
    """The application a conversation submitted last (a conversation may submit again after a withdrawal)."""
    return session.scalar(
        select(Application)
        .where(Application.conversation_id == conversation_id)
        .order_by(Application.id.desc())
        .limit(1)
    )


def latest_for_conversation(session: Session, conversation_id: str) -> Application:
    app = latest_of_conversation(session, conversation_id)
    if app is None:
        raise NotFound("这个会话还没有提交过申请。")
    return app


def for_idempotency_key(session: Session, key: str, conversation_id: str) -> Application:
    """The application a submission with this key created, for the conversation that sent it.
    The assistant asks before it submits changed answers or gives up a key: the earlier attempt's
    reply may have been lost while the backend committed. Another conversation's key, a key never
    used and an attempt that failed all get the same 404."""
    record = session.get(IdempotencyRecord, (SUBMIT_SCOPE, key))
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
    return app
