"""The outbox: notices written with the change that caused them, consent, dead letters."""

from datetime import timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from backend.applications.models import Application
from backend.cases.models import TimelineEvent
from backend.clock import now_utc
from backend.database import write_transaction
from backend.errors import Conflict, NotFound
from backend.notices.models import Notice, NoticeConsent
from backend.pii import mask_phone

CHAT_CHANNELS = {"web", "wechat", "rest"}
CHANNEL_NAMES = {"web": "本对话（网页）", "wechat": "本对话（微信公众号）", "rest": "本对话"}


def channels_of(app: Application) -> list[str]:
    """Where this application's notices go: its own conversation, and a text to the applicant."""
    chat = ["chat"] if app.conversation_id and app.channel in CHAT_CHANNELS else []
    return [*chat, "sms"]


def record(session: Session, app: Application, event: TimelineEvent, kind: str, text: str) -> None:
    """Called inside the transaction of the change: one row per channel, keyed by the event that
    caused it (a replayed push changes nothing, so it writes nothing). The rows go in one
    statement, in channel order (ids ascending, as the dispatcher's event order needs)."""
    if event.id is None:
        session.flush()  # the key needs the event's id
    now = now_utc()
    rows = [
        _row(app, channel, f"{app.application_no}-{event.id}-{channel}", kind, text, now)
        for channel in channels_of(app)
    ]
    session.execute(insert(Notice.__table__), rows)  # Core: no ORM bookkeeping for rows nobody loads


def record_chat(session: Session, app: Application, key: str, kind: str, text: str) -> Notice | None:
    """A message for the application's own conversation only (none for hotline applications), in
    the transaction of what caused it; `key` names that cause (a material, a final event)."""
    if "chat" not in channels_of(app):
        return None
    return _add(session, app, "chat", f"{app.application_no}-{key}", kind, text)


def _row(app: Application, channel: str, key: str, kind: str, text: str, now) -> dict:
    return {
        "application_id": app.id,
        "channel": channel,
        "delivery_key": key,
        "kind": kind,
        "text": text,
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def _add(session: Session, app: Application, channel: str, key: str, kind: str, text: str) -> Notice:
    notice = Notice(**_row(app, channel, key, kind, text, now_utc()))
    session.add(notice)
    return notice


def enabled_for(session: Session, conversation_id: str | None) -> bool:
    if not conversation_id:
        return True
    consent = session.get(NoticeConsent, conversation_id)
    return consent is None or consent.enabled


def set_consent(session: Session, conversation_id: str, enabled: bool) -> None:
    with write_transaction(session):
        consent = session.get(NoticeConsent, conversation_id, with_for_update=True)
        if consent is None:
            session.add(NoticeConsent(conversation_id=conversation_id, enabled=enabled, updated_at=now_utc()))
        else:
            consent.enabled, consent.updated_at = enabled, now_utc()


def announcement(session: Session, app: Application, applicant_phone: str) -> dict:
    """What the citizen is told at submission: the channels the dispatcher will use, true to
    `channels_of` and the conversation's consent (the dispatcher checks it again at each send)."""
    names = [CHANNEL_NAMES[app.channel] for c in channels_of(app) if c == "chat"]
    names.append(f"短信（{mask_phone(applicant_phone)}）")
    enabled = enabled_for(session, app.conversation_id)
    if enabled:
        text = f"办理状态有变化时，会通过{'和'.join(names)}通知您；不想收到可以说“不要通知”。"
    else:
        text = "您已关闭状态通知，办理状态变化时不会主动通知您；想重新接收可以说“恢复通知”。"
    return {"enabled": enabled, "channels": names, "text": text}


def of_application(session: Session, application_no: str) -> list[Notice]:
    app_id = session.scalar(select(Application.id).where(Application.application_no == application_no))
    if app_id is None:
        raise NotFound(f"没有编号为{application_no}的申请。")
    return list(session.scalars(select(Notice).where(Notice.application_id == app_id).order_by(Notice.id)))


def dead_letters(session: Session, limit: int) -> list[Notice]:
    return list(session.scalars(select(Notice).where(Notice.status == "dead").order_by(Notice.id).limit(limit)))


def retry(session: Session, notice_id: int) -> Notice:
    with write_transaction(session):
        notice = session.get(Notice, notice_id, with_for_update=True)
        if notice is None:
            raise NotFound(f"没有编号为{notice_id}的通知。")
        if notice.status != "dead":
            raise Conflict(f"通知{notice_id}当前状态为{notice.status}，只有投递失败（dead）的通知可以重试。")
        notice.status, notice.attempts, notice.last_error = "pending", 0, None
        notice.next_attempt_at, notice.leased_until, notice.lease_owner = now_utc() - timedelta(seconds=1), None, None
    return notice
