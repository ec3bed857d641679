"""Submitting an application: created once per idempotency key, and the citizen told how they
will hear of changes (the notices domain decides that, at the time of the submission)."""

from sqlalchemy.orm import Session

from backend.applications import service as applications
from backend.applications.schemas import ApplicationCreated, ApplicationIn
from backend.cases.service import matter_progress
from backend.database import write_transaction
from backend.idempotency.service import body_hash, run_once
from backend.notices.service import announcement


def submit(
    session: Session,
    body: ApplicationIn,
    idempotency_key: str,
    *,
    scope: str = applications.SUBMIT_SCOPE,
    submitted_by: int | None = None,
) -> ApplicationCreated:
    """The application this key made in this scope: created now, or replayed (the same body only).
    The hotline console submits through here too (its own scope, the agent's id recorded), so the
    rules are the same."""

    def work(s: Session) -> tuple[int, dict]:
        app, cases = applications.create(s, body, submitted_by)
        created = ApplicationCreated(
            application_no=app.application_no,
            created_at=app.created_at,
            matters=[matter_progress(c) for c in cases],
            notices=announcement(s, app, applications.compact_phone(body.applicant.phone)),
        )
        return 201, created.model_dump(mode="json")

    digest = body_hash(body.model_dump(mode="json"))
    with write_transaction(session):
        _status, created = run_once(session, scope, idempotency_key, digest, work)
    return ApplicationCreated.model_validate(created)
