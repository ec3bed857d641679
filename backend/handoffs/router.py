"""The assistant's side (service token): mark a conversation for a person, list the open ones."""

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from backend.auth import require_service_token
from backend.database import get_db
from backend.errors import ErrorBody
from backend.handoffs import service
from backend.handoffs.schemas import HandoffCreated, HandoffIn, HandoffOut
from backend.staff.service import agents_online

router = APIRouter(
    prefix="/api/v1/handoffs",
    tags=["handoffs"],
    dependencies=[Depends(require_service_token)],
    responses={401: {"model": ErrorBody}},
)


@router.post("", response_model=HandoffCreated, status_code=201, summary="标记会话转人工，并告知能否由人工在线接待")
def create_handoff(body: HandoffIn, db: Session = Depends(get_db)) -> HandoffCreated:
    handoff = service.request_person(db, body)
    now = service.availability(agents_online(db))
    return HandoffCreated(
        **HandoffOut.model_validate(handoff, from_attributes=True).model_dump(),
        agents_online=now.agents_online,
        in_service_hours=now.in_hours,
        service_hours=now.hours,
        person_available=now.person_available,
        position=service.position(db, handoff),
        hotline=service.HOTLINE,
    )


@router.get("", response_model=list[HandoffOut], summary="待人工处理的会话")
def open_handoffs(db: Session = Depends(get_db)) -> list[HandoffOut]:
    return [HandoffOut.model_validate(h, from_attributes=True) for h in service.queue(db)]
