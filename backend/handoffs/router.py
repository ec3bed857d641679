from fastapi import APIRouter, Depends
from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.auth import require_service_token
from backend.database import get_db, write_transaction
from backend.errors import ErrorBody
from backend.handoffs.models import Handoff
from backend.handoffs.schemas import HandoffIn, HandoffOut

router = APIRouter(
    prefix="/api/v1/handoffs",
    tags=["handoffs"],
    dependencies=[Depends(require_service_token)],
    responses={401: {"model": ErrorBody}},
)


@router.post("", response_model=HandoffOut, status_code=201, summary="标记会话转人工")
def create_handoff(body: HandoffIn, db: Session = Depends(get_db)) -> HandoffOut:
    with write_transaction(db):
        existing = db.scalar(
            select(Handoff).where(Handoff.conversation_id == body.conversation_id, Handoff.status == "open")
        )
        handoff = existing or Handoff(**body.model_dump())
        if existing:
            handoff.summary, handoff.reason = body.summary, body.reason
        db.add(handoff)
        db.flush()
        return HandoffOut.model_validate(handoff, from_attributes=True)


@router.get("", response_model=list[HandoffOut], summary="待人工处理的会话")
def open_handoffs(db: Session = Depends(get_db)) -> list[HandoffOut]:
    rows = db.scalars(select(Handoff).where(Handoff.status == "open").order_by(Handoff.id)).all()
    return [HandoffOut.model_validate(h, from_attributes=True) for h in rows]
