"""What an agent does for a caller on the phone: submit (the public rules, channel `hotline`),
look up progress and withdraw. Look-ups are audited with the agent's id instead of being
throttled like citizens'; a withdrawal needs the caller's recorded consent."""

from sqlalchemy.orm import Session

from backend.applications.numbers import normalise
from backend.applications.ownership import NOT_FOUND, find_by_number_and_id
from backend.applications.schemas import ApplicationCreated, ApplicationIn
from backend.database import write_transaction
from backend.errors import FieldError, NotFound, invalid
from backend.flows import submission
from backend.flows.withdraw import withdraw_and_notify
from backend.hotline.schemas import CallerLookup, HotlineApplicationIn, HotlineWithdrawIn
from backend.progress.schemas import ProgressOut
from backend.progress.service import build_progress
from backend.staff.audit import record
from backend.staff.principal import StaffPrincipal

CHANNEL = "hotline"
SUBMIT_SCOPE = "hotline-applications"  # idempotency keys of the console, apart from the assistant's
CONSENT_NEEDED = "撤回前请向来电人确认并勾选“来电人已同意撤回”；撤回后未办结的事项将终止。"


def submit(db: Session, staff: StaffPrincipal, body: HotlineApplicationIn, idempotency_key: str) -> ApplicationCreated:
    application = ApplicationIn(**body.model_dump(), channel=CHANNEL, conversation_id=None)
    return submission.submit(db, application, idempotency_key, scope=SUBMIT_SCOPE, submitted_by=staff.id)


def lookup(db: Session, staff: StaffPrincipal, query: CallerLookup) -> ProgressOut:
    app = find_by_number_and_id(db, query.application_no, query.id_number)
    with write_transaction(db):  # the look-up is on record whether it matched or not
        outcome = "来电查询进度" if app else "来电查询进度（编号与身份证号不匹配）"
        record(db, staff, "progress_lookup", "application", normalise(query.application_no), None, outcome)
    if app is None:
        raise NotFound(NOT_FOUND)
    return build_progress(db, app)


def withdraw(db: Session, staff: StaffPrincipal, body: HotlineWithdrawIn) -> ProgressOut:
    if not body.caller_consent:
        raise invalid([FieldError(field="caller_consent", message=CONSENT_NEEDED)])
    app = find_by_number_and_id(db, body.application_no, body.id_number)
    if app is None:
        raise NotFound(NOT_FOUND)
    with write_transaction(db):
        withdraw_and_notify(db, app, actor_label=CHANNEL, note="申请人致电12345热线，同意撤回申请")
        record(db, staff, "withdraw", "application", app.application_no, None, "来电人同意撤回（已勾选同意）")
    return build_progress(db, app)
