"""The handoff queue: one waiting entry per conversation, longest-waiting first so nobody starves;
claims are single compare-and-set updates, so of two agents claiming at once exactly one wins."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from backend.clock import now_utc
from backend.database import write_transaction
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.handoffs.config import get_handoff_settings
from backend.handoffs.models import CLAIMED, CLOSED, OPEN, Handoff
from backend.handoffs.schemas import HandoffIn

HOTLINE = "12345"
OUTCOMES = {
    "resolved": "已解决",
    "handed_back": "交回助手继续办理",
    "referred_hotline": "转12345热线电话办理",
    "citizen_left": "市民已离开",
    "other": "其他",
}


@dataclass(frozen=True)
class Availability:
    agents_online: int
    in_hours: bool
    hours: str

    @property
    def person_available(self) -> bool:
        return self.agents_online > 0 and self.in_hours


def availability(agents_online: int, at: datetime | None = None) -> Availability:
    hours = get_handoff_settings().service_hours
    return Availability(agents_online, hours.open_at(at or now_utc()), hours.text())


def active_for(db: Session, conversation_id: str) -> Handoff | None:
    return db.scalar(
        select(Handoff).where(Handoff.conversation_id == conversation_id, Handoff.status.in_((OPEN, CLAIMED)))
    )


def request_person(db: Session, body: HandoffIn) -> Handoff:
    """A citizen asks for a person: a new waiting entry, or the one they already have (their place
    in the queue is kept; the summary is brought up to date)."""
    with write_transaction(db):
        handoff = active_for(db, body.conversation_id)
        if handoff is None:
            handoff = Handoff(**body.model_dump(), status=OPEN)
            db.add(handoff)
        else:
            handoff.summary, handoff.reason, handoff.matters = body.summary, body.reason, body.matters
        db.flush()
        return handoff


def position(db: Session, handoff: Handoff) -> int:
    """1 = next to be taken; 0 once an agent has it."""
    if handoff.status != OPEN:
        return 0
    ahead = db.scalar(
        select(func.count())
        .select_from(Handoff)
        .where(
            Handoff.status == OPEN,
            (Handoff.waiting_since < handoff.waiting_since)
            | ((Handoff.waiting_since == handoff.waiting_since) & (Handoff.id < handoff.id)),
        )
    )
    return int(ahead or 0) + 1


def queue(db: Session) -> list[Handoff]:
    """Waiting conversations first, longest wait at the top; then those agents are handling."""
    rows = db.scalars(
        select(Handoff).where(Handoff.status.in_((OPEN, CLAIMED))).order_by(Handoff.waiting_since, Handoff.id)
    ).all()
    return sorted(rows, key=lambda h: h.status != OPEN)


def get(db: Session, handoff_id: int) -> Handoff:
    handoff = db.get(Handoff, handoff_id)
    if handoff is None:
        raise NotFound("没有这个转人工会话，请刷新队列。")
    return handoff


def claim(db: Session, handoff_id: int, agent: str) -> Handoff:
    with write_transaction(db):
        taken = db.execute(
            update(Handoff)
            .where(Handoff.id == handoff_id, Handoff.status == OPEN)
            .values(status=CLAIMED, claimed_by=agent, claimed_at=now_utc())
        ).rowcount
    handoff = get(db, handoff_id)
    db.refresh(handoff)
    if not taken:
        if handoff.status == CLAIMED:
            raise Conflict("这个会话已被其他工作人员接手。")
        raise Conflict("这个会话已结束，无需接手。")
    return handoff


def owned(db: Session, handoff_id: int, agent: str) -> Handoff:
    """The handoff if `agent` holds it; 403 for someone else's, 409 when nobody holds it."""
    handoff = get(db, handoff_id)
    if handoff.status == CLAIMED and handoff.claimed_by != agent:
        raise Forbidden("这个会话由其他工作人员处理，您不能操作。")
    if handoff.status != CLAIMED:
        raise Conflict("请先接手这个会话再操作。" if handoff.status == OPEN else "这个会话已结束。")
    return handoff


def _move(db: Session, handoff: Handoff, agent: str, **values) -> Handoff:
    """Changes a claimed handoff only if `agent` still holds it (compare-and-set)."""
    with write_transaction(db):
        moved = db.execute(
            update(Handoff)
            .where(Handoff.id == handoff.id, Handoff.status == CLAIMED, Handoff.claimed_by == agent)
            .values(**values)
        ).rowcount
    db.refresh(handoff)
    if not moved:
        raise Conflict("这个会话的状态刚刚变了，请刷新后再试。")
    return handoff


def release(db: Session, handoff: Handoff, agent: str) -> Handoff:
    return _move(db, handoff, agent, status=OPEN, claimed_by=None, claimed_at=None)


def transfer(db: Session, handoff: Handoff, agent: str, to_agent: str) -> Handoff:
    if to_agent == agent:
        raise Invalid("不能转给自己，请选择另一位工作人员。")
    return _move(db, handoff, agent, claimed_by=to_agent, claimed_at=now_utc())


def close(db: Session, handoff: Handoff, agent: str, outcome: str, note: str | None = None) -> Handoff:
    if outcome not in OUTCOMES:
        raise Invalid("结果不在可选范围内：" + "、".join(f"{k}（{v}）" for k, v in OUTCOMES.items()))
    return _move(db, handoff, agent, status=CLOSED, closed_at=now_utc(), outcome=outcome, outcome_note=note)


def reopen_claim(db: Session, handoff: Handoff, agent: str) -> None:
    """Undoes a claim whose pause failed, so the conversation waits for the next try."""
    release(db, handoff, agent)
