"""The handoff queue's rules on the real database (SQLite and PostgreSQL): order, queue position,
atomic claims, and who may act on a claimed conversation."""

import threading
import uuid
from datetime import UTC, datetime

import pytest

from backend.database import get_sessionmaker
from backend.errors import DomainError
from backend.handoffs import service
from backend.handoffs.config import parse_hours
from backend.handoffs.models import Handoff
from backend.handoffs.schemas import HandoffIn
from backend.pii import mask_text


@pytest.fixture
def db(migrated):
    with get_sessionmaker()() as session:
        with service.write_transaction(session):
            session.query(Handoff).delete()
        yield session


def ask(db, summary: str = "事项：结婚登记") -> Handoff:
    body = HandoffIn(conversation_id=f"web:{uuid.uuid4().hex}", channel="web", reason="requested", summary=summary)
    return service.request_person(db, body)


def test_longest_waiting_first_and_asking_again_keeps_the_place(db):
    first, second, third = ask(db), ask(db), ask(db)
    assert [service.position(db, h) for h in (first, second, third)] == [1, 2, 3]
    again = service.request_person(
        db, HandoffIn(conversation_id=first.conversation_id, reason="requested", summary="正在填写：对方姓名")
    )
    assert again.id == first.id and service.position(db, again) == 1 and again.summary == "正在填写：对方姓名"
    service.claim(db, first.id, "agent-a")
    assert service.position(db, second) == 1 and service.position(db, first) == 0
    assert [h.id for h in service.queue(db)] == [second.id, third.id, first.id]  # waiting ones on top


def test_two_agents_claiming_at_once_one_wins_the_other_gets_409(db):
    handoff = ask(db)
    results: list = []
    start = threading.Barrier(2)

    def claim(agent: str) -> None:
        with get_sessionmaker()() as session:
            start.wait()
            try:
                service.claim(session, handoff.id, agent)
                results.append(agent)
            except DomainError as error:
                results.append(error.status_code)

    threads = [threading.Thread(target=claim, args=(a,)) for a in ("agent-a", "agent-b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    (winner,) = [r for r in results if isinstance(r, str)]
    assert [r for r in results if not isinstance(r, str)] == [409]
    db.refresh(handoff)
    assert handoff.claimed_by == winner and handoff.status == "claimed"


def test_only_the_holder_acts(db):
    handoff = ask(db)
    with pytest.raises(DomainError) as not_claimed:
        service.owned(db, handoff.id, "agent-a")
    assert not_claimed.value.status_code == 409
    service.claim(db, handoff.id, "agent-a")
    with pytest.raises(DomainError) as other:
        service.owned(db, handoff.id, "agent-b")
    assert other.value.status_code == 403
    service.transfer(db, service.owned(db, handoff.id, "agent-a"), "agent-a", "agent-b")
    with pytest.raises(DomainError) as gone:
        service.owned(db, handoff.id, "agent-a")
    assert gone.value.status_code == 403
    closed = service.close(db, service.owned(db, handoff.id, "agent-b"), "agent-b", "resolved", "已电话办理")
    assert closed.status == "closed" and closed.outcome == "resolved" and closed.closed_at is not None
    with pytest.raises(DomainError) as again:
        service.claim(db, handoff.id, "agent-a")
    assert again.value.status_code == 409


def test_an_unknown_outcome_is_refused_in_chinese(db):
    handoff = service.claim(db, ask(db).id, "agent-a")
    with pytest.raises(DomainError) as refused:
        service.close(db, handoff, "agent-a", "whatever")
    assert refused.value.status_code == 422 and "resolved（已解决）" in refused.value.detail


def test_release_puts_it_back_at_its_old_place(db):
    first, second = ask(db), ask(db)
    service.claim(db, first.id, "agent-a")
    service.release(db, first, "agent-a")
    assert first.status == "open" and first.claimed_by is None and service.position(db, first) == 1
    assert service.position(db, second) == 2


@pytest.mark.parametrize(
    ("hours", "shanghai_time", "open_"),
    [
        ("08:00-20:00", "07:59", False),
        ("08:00-20:00", "08:00", True),
        ("08:00-20:00", "19:59", True),
        ("08:00-20:00", "20:00", False),
        ("22:00-06:00", "23:30", True),
        ("22:00-06:00", "05:59", True),
        ("22:00-06:00", "12:00", False),
        ("24/7", "03:00", True),
    ],
)
def test_console_hours_in_shanghai_time(hours, shanghai_time, open_):
    h, m = map(int, shanghai_time.split(":"))
    utc_hour = (h - 8) % 24  # Shanghai is UTC+8 all year
    moment = datetime(2026, 12, 1, utc_hour, m, tzinfo=UTC)
    assert parse_hours(hours).open_at(moment) is open_


@pytest.mark.parametrize("bad", ["8-20", "08:00", "25:00-26:00", "08:00-08:00", ""])
def test_bad_console_hours_are_refused_at_start(bad):
    with pytest.raises(ValueError):
        parse_hours(bad)


def test_free_text_masking_for_transcripts():
    text = "我叫张伟，身份证310104199403051238，手机13812345678，对方张伟伟"
    masked = mask_text(text, ["张伟", "张伟伟"])
    assert masked == "我叫张*，身份证310***********1238，手机138****5678，对方张**"
    assert mask_text("编号HY26120100000000，电话 021-12345678") == "编号HY26120100000000，电话 021-12345678"
