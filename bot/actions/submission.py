"""Submitting the joint application: once when the citizen confirms the summary (from the form's
validation, in the same round trip) and again on "重新提交" after a failure. The idempotency key
makes a retry safe: the backend answers a repeat with the application it already made."""

import logging
import uuid
from dataclasses import dataclass
from datetime import date

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import backend
from bot.actions.dates import describe
from bot.actions.form_support import current_values, form_cleared
from bot.actions.slots import CONFIRM_SLOT, MARRIAGE, MATTER_NAMES, build_draft, relevant, slot_for_field

logger = logging.getLogger(__name__)
CHANNELS = {"socketio": "web", "rest": "rest", "wechat": "wechat"}
RETRY_BUTTONS = [{"title": "重新提交", "payload": "重新提交"}, {"title": "转人工", "payload": "转人工"}]


@dataclass
class Submission:
    events: list[EventType]
    submitted: bool = False  # the events clear the form and keep the application's number
    refused: bool = False  # the backend refused some answers: they are cleared to be asked again


def channel_of(tracker: Tracker) -> str:
    return CHANNELS.get(tracker.get_latest_input_channel() or "", "web")


async def _success_message(values: dict, created: dict) -> str:
    matters = values["matters"]
    others = [MATTER_NAMES[m] for m in matters if m != MARRIAGE]
    lines = [
        f"申请已提交！申请编号：{created['application_no']}（请记下，查询进度时要用）。",
        f"接下来：请双方于{describe(date.fromisoformat(values['appointment_date']))}一同携带居民身份证，"
        f"到{values['registry_office']}办理结婚登记。",
    ]
    if others:
        lines.append(f"登记办结后，{'、'.join(others)}会自动启动，无需再跑。")
    try:
        checklist = await backend.checklist(matters)
        lines.append("一次告知·材料清单：\n" + checklist["text"])
    except backend.BackendUnavailable:
        lines.append("材料清单暂时无法获取，可以稍后问我“要带什么材料”。")
    lines.append("随时说“办到哪了”就能查询进度。")
    return "\n".join(lines)


def _refused(dispatcher: CollectingDispatcher, data: dict) -> Submission:
    """Rules changed under the citizen (e.g. the date is no longer bookable): ask again."""
    events: list[EventType] = []
    for error in data.get("errors", []):
        dispatcher.utter_message(text=error["message"])
        slot = slot_for_field(error["field"])
        if slot:
            events.append(SlotSet(slot, None))
    dispatcher.utter_message(text="请把上面的信息改一下，其他已填写的内容都保留着。")
    return Submission([*events, SlotSet(CONFIRM_SLOT, None)], refused=True)


async def submit(dispatcher: CollectingDispatcher, tracker: Tracker) -> Submission:
    """Success clears the form and keeps the application's number; a failure keeps every answer
    and the key for a retry."""
    values = relevant(current_values(tracker))
    body = build_draft(values) | {"channel": channel_of(tracker), "conversation_id": tracker.sender_id}
    key = tracker.get_slot("idempotency_key") or uuid.uuid4().hex
    try:
        reply = await backend.submit(body, key)
        if reply.status == 409:  # an earlier attempt with this key carried other answers
            key = uuid.uuid4().hex
            reply = await backend.submit(body, key)
    except backend.BackendUnavailable:
        dispatcher.utter_message(
            text="抱歉，系统暂时无法提交。您填写的信息都已保留，稍后点“重新提交”即可，不会重复提交；着急的话可以转人工或拨打12345。",
            buttons=RETRY_BUTTONS,
        )
        return Submission([SlotSet("idempotency_key", key)])
    if reply.status == 201:
        dispatcher.utter_message(text=await _success_message(values, reply.data))
        logger.info("application submitted: %s", reply.data["application_no"])
        number = reply.data["application_no"]
        kept = form_cleared(tracker, application_no=number, owner_id_number=values["applicant_id"])
        return Submission(kept, submitted=True)
    if reply.status == 422:
        return _refused(dispatcher, reply.data)
    logger.error("submission refused with %s", reply.status)
    dispatcher.utter_message(
        text="抱歉，提交没有成功，您的信息都已保留。请稍后重试，或转人工办理。", buttons=RETRY_BUTTONS
    )
    return Submission([SlotSet("idempotency_key", key)])
