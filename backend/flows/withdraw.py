"""Withdrawing an application: its unfinished matters end, the applicant is notified in the same
transaction, and the caller gets the progress view back."""

from sqlalchemy.orm import Session

from backend.applications import service as applications
from backend.applications.callers import Caller
from backend.applications.models import Application
from backend.applications.ownership import find_for_citizen
from backend.database import write_transaction
from backend.matters.catalog import Matter
from backend.notices import content
from backend.notices.service import record
from backend.progress.schemas import ProgressOut
from backend.progress.service import build_progress


def withdraw_and_notify(session: Session, app: Application, *, actor_label: str, note: str) -> None:
    """Inside the caller's write transaction (the hotline records its audit entry in it too)."""
    events = applications.withdraw_cases(session, app, actor_label=actor_label, note=note)
    text = content.withdrawn(app.application_no, [Matter(e.matter) for e in events])
    record(session, app, events[0], "withdrawn", text)


def by_citizen(session: Session, application_no: str, id_number: str, caller: Caller) -> ProgressOut:
    app = find_for_citizen(session, application_no, id_number, caller)
    with write_transaction(session):
        withdraw_and_notify(session, app, actor_label="citizen", note="申请人撤回申请")
    return build_progress(session, app)
