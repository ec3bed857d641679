"""Ratings: once per application, only when every matter is final; averages for supervisors."""

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.applications.models import Application
from backend.cases.models import TimelineEvent
from backend.cases.service import cases_of, is_final
from backend.database import write_transaction
from backend.errors import Conflict, Invalid
from backend.matters.catalog import CATALOG, Matter
from backend.notices.content import RATING_REQUEST, rating_request
from backend.notices.service import record_chat
from backend.pii import encrypt
from backend.ratings.models import Rating
from backend.ratings.schemas import Average, CommentIn, RatingIn, RatingState, RatingSummary

CHANNEL_NAMES = {"progress_page": "进度查询页", "web": "网页对话", "wechat": "微信", "rest": "其他渠道"}
NOT_YET = "还有事项没有办结，全部办结后才能评价。"
ALREADY = "这份申请已经评价过了，每份申请只能评价一次。感谢您的反馈！"


def _rating(session: Session, app: Application) -> Rating | None:
    return session.scalar(select(Rating).where(Rating.application_id == app.id))


def state(session: Session, app: Application) -> RatingState:
    done = _rating(session, app)
    finished = all(is_final(c) for c in cases_of(session, app.id))
    if done is not None:
        message = f"您已评价（{done.score}分），感谢您的反馈！"
    else:
        message = "全部事项已办结，欢迎为本次办理打分（1–5分）。" if finished else NOT_YET
    return RatingState(
        application_no=app.application_no,
        can_rate=finished and done is None,
        rated=done is not None,
        score=done.score if done else None,
        rated_at=done.created_at if done else None,
        message=message,
    )


def rate(session: Session, app: Application, body: RatingIn, channel: str) -> RatingState:
    try:
        with write_transaction(session):
            cases = cases_of(session, app.id)
            if not all(is_final(c) for c in cases):
                raise Conflict(NOT_YET)
            if _rating(session, app) is not None:
                raise Conflict(ALREADY)
            comment = (body.comment or "").strip()
            session.add(
                Rating(
                    application_id=app.id,
                    score=body.score,
                    comment_enc=encrypt(comment) if comment else None,
                    channel=channel,
                    matters=",".join(c.matter for c in cases),
                )
            )
    except IntegrityError:  # two ratings at once: the unique application_id keeps one
        raise Conflict(ALREADY) from None
    return state(session, app)


def add_comment(session: Session, app: Application, body: CommentIn) -> RatingState:
    """The comment asked for after a rating in chat: once, and only to a rating without one."""
    if not body.comment.strip():
        raise Invalid("意见不能为空；没有意见就不用提交。")
    with write_transaction(session):
        done = session.scalar(select(Rating).where(Rating.application_id == app.id).with_for_update())
        if done is None:
            raise Conflict("请先为本次办理打分（1–5分），再留下意见。")
        if done.comment_enc is not None:
            raise Conflict("这份申请的意见已经收到了，每份申请只能留一次意见。感谢您的反馈！")
        done.comment_enc = encrypt(body.comment.strip())
    return state(session, app)


def ask_for_rating(session: Session, app: Application, event: TimelineEvent) -> None:
    """In the transaction of a department's change: when it made every matter final, the
    conversation is asked for a rating (once: final matters never change again)."""
    if not all(is_final(c) for c in cases_of(session, app.id)) or _rating(session, app) is not None:
        return
    if event.id is None:
        session.flush()  # the key names the event
    record_chat(session, app, f"{event.id}-rating", RATING_REQUEST, rating_request(app.application_no))


def summary(session: Session) -> RatingSummary:
    rows = session.execute(select(Rating.score, Rating.channel, Rating.matters)).all()
    per_matter: dict[str, list[int]] = {m.value: [] for m in Matter}
    per_channel: dict[str, list[int]] = {c: [] for c in CHANNEL_NAMES}
    for score, channel, matters in rows:
        for m in matters.split(","):
            per_matter.setdefault(m, []).append(score)
        per_channel.setdefault(channel, []).append(score)

    def avg(key: str, name: str, scores: list[int]) -> Average:
        return Average(
            key=key, name=name, count=len(scores), average=round(sum(scores) / len(scores), 2) if scores else None
        )

    return RatingSummary(
        total=session.scalar(select(func.count()).select_from(Rating)) or 0,
        by_matter=[avg(m, CATALOG[Matter(m)].short_name, s) for m, s in per_matter.items() if m in Matter.__members__],
        by_channel=[avg(c, CHANNEL_NAMES.get(c, c), s) for c, s in per_channel.items()],
    )
