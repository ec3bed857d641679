"""Who may see or change an application: the number and either party's ID number. Citizens'
look-ups are throttled (applications/ratelimit.py); staff look-ups are audited instead."""

from sqlalchemy import select
from sqlalchemy.orm import Session, lazyload

from backend.applications.callers import Caller, client_buckets
from backend.applications.identity import normalise_id
from backend.applications.models import Application
from backend.applications.numbers import normalise
from backend.applications.ratelimit import ensure_not_limited, record_failure
from backend.errors import NotFound
from backend.pii import lookup_hash

NOT_FOUND = "没有找到与申请编号和身份证号匹配的申请，请核对后重试（身份证号填写任一方的即可）。"


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
