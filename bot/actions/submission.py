"""Submitting the joint application: once when the citizen confirms the summary (from the form's
validation, in the same round trip) and again on each retry.

One confirmation makes at most one application, whatever is killed when. The idempotency key is
drawn when the summary is first shown, so it is in the tracker before any submission (the events an
action returns are saved only after it returns, and a crash loses them), and it stays the same until
an application is known to exist: every retry, and a submission of corrected answers too, carries
it. The backend then either replays the application the key already made, makes the first one, or
refuses changed answers under a key that made one (409): that, like a correction after a lost
reply, is looked up (`by-idempotency-key`) and the citizen is told the application's number."""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import date

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import backend
from bot.actions.channel import channel_of
from bot.actions.dates import describe
from bot.actions.form_support import current_values, form_cleared
from bot.actions.materials import offer
from bot.actions.offers import OFFERED, UPLOAD
from bot.actions.progress import render_progress
from bot.actions.slots import CONFIRM_SLOT, MARRIAGE, MATTER_NAMES, build_draft, relevant, slot_for_field

logger = logging.getLogger(__name__)
KEY_SLOT = "idempotency_key"
RETRY_BUTTONS = [{"title": "重新提交", "payload": "重新提交"}, {"title": "转人工", "payload": "转人工"}]
NOT_SENT = "抱歉，系统暂时无法提交，这次没有提交成功。"
UNKNOWN = "抱歉，系统暂时没有答复，这次提交是否成功还不能确定。"
KEPT = (
    "您填写的信息都已保留，稍后点“重新提交”即可：如果其实已经提交成功，我会告诉您申请编号，不会重复提交。"
    "着急的话可以转人工或拨打12345。"
)


@dataclass
class Submission:
    events: list[EventType] = field(default_factory=list)
    submitted: bool = False  # an application exists: the events clear the form and keep its number
    refused: bool = False  # the backend refused some answers: they are cleared to be asked again
    # Otherwise nothing is known to exist yet: every answer and the key stay for a retry.


def new_key() -> str:
    return uuid.uuid4().hex


def key_for_summary(tracker: Tracker) -> list[EventType]:
    """The key is drawn with the first summary, a turn before any submission, and kept after."""
    return [] if tracker.get_slot(KEY_SLOT) else [SlotSet(KEY_SLOT, new_key())]


async def _success_message(values: dict, created: dict) -> tuple[str, list[str]]:
    """The reply, and the names of the materials that may be uploaded now."""
    matters = values["matters"]
    others = [MATTER_NAMES[m] for m in matters if m != MARRIAGE]
    lines = [f"申请已提交！申请编号：{created['application_no']}（请记下，查询进度时要用）。"]
    if MARRIAGE in matters:
        lines.append(
            f"接下来：请双方于{describe(date.fromisoformat(values['appointment_date']))}一同携带居民身份证，"
            f"到{values['registry_office']}办理结婚登记。"
        )
        if others:
            lines.append(f"登记办结后，{'、'.join(others)}会自动启动，无需再跑。")
    else:  # married earlier: the backend opened the dependants in review (CONTRACT §3 rev. 2)
        lines.append(f"你们已登记结婚，{'、'.join(others)}已直接进入各部门审核。")
    advance: list[str] = []
    try:
        checklist = await backend.checklist(matters)
        lines.append("一次告知·材料清单：\n" + checklist["text"])
        advance = [u["name"] for u in checklist.get("uploads_in_advance") or []]
    except backend.BackendUnavailable:
        lines.append("材料清单暂时无法获取，可以稍后问我“要带什么材料”。")
    notices = created.get("notices")  # the backend's own account of where its dispatcher will send
    if notices:
        lines.append(notices["text"])
    lines.append("随时说“办到哪了”就能查询进度。")
    return "\n".join(lines), advance


def _refused(dispatcher: CollectingDispatcher, data: dict, matters: list[str]) -> Submission:
    """Rules changed under the citizen (e.g. the date is no longer bookable): ask again."""
    events: list[EventType] = []
    for error in data.get("errors", []):
        dispatcher.utter_message(text=error["message"])
        slot = slot_for_field(error["field"], matters)
        if slot:
            events.append(SlotSet(slot, None))
    dispatcher.utter_message(text="请把上面的信息改一下，其他已填写的内容都保留着。")
    return Submission([*events, SlotSet(CONFIRM_SLOT, None)], refused=True)


async def earlier_application(tracker: Tracker, key: str | None = None) -> dict | None:
    """The application the conversation's key already made, if any. Raises BackendUnavailable."""
    key = key or tracker.get_slot(KEY_SLOT)
    if not key:
        return None
    reply = await backend.by_idempotency_key(key, tracker.sender_id)
    return reply.data if reply.status == 200 else None


def already_submitted(
    dispatcher: CollectingDispatcher, tracker: Tracker, found: dict, *, changed: bool
) -> list[EventType]:
    """Says the truth about an application an earlier confirmation made (its reply was lost), and
    clears the form as a submission does. `changed`: the answers now differ from its answers."""
    text = f"您之前确认的申请已经提交成功，申请编号：{found['application_no']}（请记下，查询进度时要用）。"
    if changed:
        text += "刚才修改的内容没有包含在这份申请里：如需更改，请转人工或拨打12345，也可以说“撤回申请”后重新申请。"
    dispatcher.utter_message(text=text + "\n" + render_progress(found))
    logger.info("earlier submission found: %s", found["application_no"])
    owner = tracker.get_slot("applicant_id")  # the backend checks it again on every use
    return form_cleared(tracker, application_no=found["application_no"], owner_id_number=owner)


def _not_known(dispatcher: CollectingDispatcher, exc: backend.BackendUnavailable, minted: list) -> Submission:
    dispatcher.utter_message(text=(UNKNOWN if exc.maybe_done else NOT_SENT) + KEPT, buttons=RETRY_BUTTONS)
    return Submission(minted)


async def submit(dispatcher: CollectingDispatcher, tracker: Tracker) -> Submission:
    """Success clears the form and keeps the application's number; otherwise every answer and the
    key stay for a retry."""
    values = relevant(current_values(tracker))
    body = build_draft(values) | {"channel": channel_of(tracker), "conversation_id": tracker.sender_id}
    key = tracker.get_slot(KEY_SLOT)
    minted: list[EventType] = []
    if not key:  # a conversation that reached its summary before keys were drawn there
        key = new_key()
        minted = [SlotSet(KEY_SLOT, key)]
    try:
        reply = await backend.submit(body, key)
        if reply.status == 409:  # the key made an application from earlier answers: which one?
            found = await earlier_application(tracker, key)
            if found:  # made from other answers: the same answers would have been replayed
                return Submission(already_submitted(dispatcher, tracker, found, changed=True), submitted=True)
            logger.warning("idempotency key taken and not by this conversation: drawing a new one")
            key = new_key()
            minted = [SlotSet(KEY_SLOT, key)]
            reply = await backend.submit(body, key)
    except backend.BackendUnavailable as exc:
        return _not_known(dispatcher, exc, minted)
    if reply.status == 201:
        text, advance = await _success_message(values, reply.data)
        dispatcher.utter_message(text=text)
        if advance:  # a step of its own: the citizen may upload now or skip it
            offer(dispatcher, advance)
        logger.info("application submitted: %s", reply.data["application_no"])
        number = reply.data["application_no"]
        kept = form_cleared(tracker, application_no=number, owner_id_number=values["applicant_id"])
        offered = [SlotSet(OFFERED, UPLOAD)] if advance else []  # a "好的" next answers the offer
        return Submission([*kept, *offered], submitted=True)
    if reply.status == 422:
        return _refused(dispatcher, reply.data, values.get("matters") or [])
    logger.error("submission refused with %s", reply.status)
    dispatcher.utter_message(
        text="抱歉，提交没有成功，您的信息都已保留。请稍后点“重新提交”，或转人工办理。", buttons=RETRY_BUTTONS
    )
    return Submission(minted)
