"""Starting, confirming and submitting the joint application."""

import logging
import uuid
from datetime import date

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.application_form import current_values, relevant
from bot.actions.dates import describe
from bot.actions.form_support import form_cleared, intent_of
from bot.actions.slots import CONFIRM_SLOT, MARRIAGE, MATTER_NAMES, build_draft, slot_for_field

logger = logging.getLogger(__name__)
CHANNELS = {"socketio": "web", "rest": "rest", "wechat": "wechat"}
CONTINUE_TEXT = {
    "greet": "您好！我们接着填写联办申请。",
    "thank": "不客气！我们接着填写联办申请。",
    "apply": "申请正在填写中，我们接着来。",
}
RETRY_BUTTONS = [{"title": "重新提交", "payload": "重新提交"}, {"title": "转人工", "payload": "转人工"}]


def channel_of(tracker: Tracker) -> str:
    return CHANNELS.get(tracker.get_latest_input_channel() or "", "web")


class ActionContinueForm(Action):
    def name(self) -> str:
        return "action_continue_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        intent, _ = intent_of(tracker)
        dispatcher.utter_message(text=CONTINUE_TEXT.get(intent or "", "好的，我们继续。"))
        return [SlotSet("confirming", None)]


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


class ActionSubmitApplication(Action):
    def name(self) -> str:
        return "action_submit_application"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot(CONFIRM_SLOT):
            dispatcher.utter_message(text="目前没有待提交的申请。需要办理的话，说“我要申请”就可以开始。")
            return []
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
            return [SlotSet("idempotency_key", key)]
        if reply.status == 201:
            dispatcher.utter_message(text=await _success_message(values, reply.data))
            logger.info("application submitted: %s", reply.data["application_no"])
            return form_cleared(
                tracker, application_no=reply.data["application_no"], owner_id_number=values["applicant_id"]
            )
        if reply.status == 422:
            return self._refused(dispatcher, reply.data)
        logger.error("submission refused with %s", reply.status)
        dispatcher.utter_message(
            text="抱歉，提交没有成功，您的信息都已保留。请稍后重试，或转人工办理。", buttons=RETRY_BUTTONS
        )
        return [SlotSet("idempotency_key", key)]

    @staticmethod
    def _refused(dispatcher: CollectingDispatcher, data: dict) -> list[EventType]:
        """Rules changed under the citizen (e.g. the date is no longer bookable): ask again."""
        events: list[EventType] = []
        for error in data.get("errors", []):
            dispatcher.utter_message(text=error["message"])
            slot = slot_for_field(error["field"])
            if slot:
                events.append(SlotSet(slot, None))
        dispatcher.utter_message(text="请把上面的信息改一下，其他已填写的内容都保留着。")
        return [*events, SlotSet(CONFIRM_SLOT, None), FollowupAction("application_form")]
