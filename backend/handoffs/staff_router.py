"""The console's queue and conversations (staff login; CONTRACT §5). Conversation ids appear in
URLs (they are not personal data); ID numbers never do."""

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from backend.assistant.client import AssistantClient, get_assistant
from backend.clock import now_utc
from backend.database import get_db, write_transaction
from backend.errors import ErrorBody, Invalid
from backend.handoffs import service, takeover, transcript
from backend.handoffs.models import Handoff
from backend.handoffs.schemas import CloseIn, ConversationView, QueueItem, ReplyIn, RevealIn, TransferIn
from backend.staff.audit import record_reveal
from backend.staff.dependencies import StaffPrincipal, require_agent

router = APIRouter(
    prefix="/api/v1/staff/handoffs",
    tags=["staff console"],
    responses={401: {"model": ErrorBody}, 403: {"model": ErrorBody}, 409: {"model": ErrorBody}},
)


def _item(db: Session, handoff: Handoff, me: str, position: int | None = None) -> QueueItem:
    return QueueItem(
        id=handoff.id,
        conversation_id=handoff.conversation_id,
        channel=handoff.channel,
        reason=handoff.reason,
        summary=handoff.summary,
        matters=handoff.matters or [],
        status=handoff.status,
        waiting_seconds=max(0, int((now_utc() - handoff.waiting_since).total_seconds())),
        position=service.position(db, handoff) if position is None else position,
        claimed_by=handoff.claimed_by,
        mine=handoff.claimed_by == me,
    )


def _name(principal: StaffPrincipal) -> str:
    return principal.username


@router.get("", response_model=list[QueueItem], summary="转人工队列（等待最久的在前）")
def queue(principal: StaffPrincipal = Depends(require_agent), db: Session = Depends(get_db)) -> list[QueueItem]:
    rows = service.queue(db)
    me = _name(principal)
    waiting = 0
    items = []
    for h in rows:
        waiting += h.status == "open"
        items.append(_item(db, h, me, waiting if h.status == "open" else 0))
    return items


@router.post("/{handoff_id}/claim", response_model=QueueItem, summary="接手会话（暂停助手）")
def claim(
    handoff_id: int,
    principal: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    assistant: AssistantClient = Depends(get_assistant),
) -> QueueItem:
    return _item(db, takeover.claim(db, assistant, handoff_id, _name(principal)), _name(principal))


@router.get("/{handoff_id}", response_model=ConversationView, summary="会话记录与已填写内容（脱敏）")
def conversation(
    handoff_id: int,
    principal: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    assistant: AssistantClient = Depends(get_assistant),
) -> ConversationView:
    handoff = service.owned(db, handoff_id, _name(principal))
    tracker = takeover.tracker_of(assistant, handoff)
    return ConversationView(
        handoff=_item(db, handoff, _name(principal)),
        paused=bool(tracker.get("paused")),
        transcript=transcript.lines(tracker),
        answers=transcript.answers(tracker.get("slots") or {}),
        pending_question=transcript.pending_question(tracker),
    )


@router.post("/{handoff_id}/messages", status_code=204, summary="回复市民（发到市民自己的渠道）")
def reply(
    handoff_id: int,
    body: ReplyIn,
    principal: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    assistant: AssistantClient = Depends(get_assistant),
) -> None:
    if not body.text.strip():
        raise Invalid("消息是空的，请输入要发给市民的内容。")
    takeover.reply(db, assistant, handoff_id, _name(principal), body.text)


@router.post("/{handoff_id}/hand-back", response_model=QueueItem, summary="交回助手（继续填写，答案保留）")
def hand_back(
    handoff_id: int,
    principal: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    assistant: AssistantClient = Depends(get_assistant),
) -> QueueItem:
    return _item(db, takeover.hand_back(db, assistant, handoff_id, _name(principal)), _name(principal))


@router.post("/{handoff_id}/close", response_model=QueueItem, summary="结束人工服务并记录结果")
def close(
    handoff_id: int,
    body: CloseIn,
    principal: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    assistant: AssistantClient = Depends(get_assistant),
) -> QueueItem:
    handoff = takeover.close(db, assistant, handoff_id, _name(principal), body.outcome, body.note)
    return _item(db, handoff, _name(principal))


@router.post("/{handoff_id}/release", response_model=QueueItem, summary="放回队列")
def release(
    handoff_id: int,
    principal: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    assistant: AssistantClient = Depends(get_assistant),
) -> QueueItem:
    return _item(db, takeover.release(db, assistant, handoff_id, _name(principal)), _name(principal))


@router.post("/{handoff_id}/transfer", response_model=QueueItem, summary="转给另一位工作人员")
def transfer(
    handoff_id: int,
    body: TransferIn,
    principal: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    assistant: AssistantClient = Depends(get_assistant),
) -> QueueItem:
    handoff = takeover.transfer(db, assistant, handoff_id, _name(principal), body.to)
    return _item(db, handoff, _name(principal))


@router.post("/{handoff_id}/reveal", summary="显示完整信息（需填写原因，写入审计）")
def reveal(
    handoff_id: int,
    body: RevealIn,
    principal: StaffPrincipal = Depends(require_agent),
    db: Session = Depends(get_db),
    assistant: AssistantClient = Depends(get_assistant),
) -> dict:
    handoff = service.owned(db, handoff_id, _name(principal))
    value = takeover.full_value(takeover.tracker_of(assistant, handoff), body.field)
    with write_transaction(db):  # the audit row is written before the value leaves
        record_reveal(db, principal, "conversation", handoff.conversation_id, body.field, body.reason)
    return {"field": body.field, "label": transcript.LABELS[body.field], "value": value}
