"""Reaching a person: on request, and after the assistant misunderstands twice in a row."""

import contextlib

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.slots import MATTER_NAMES, SPEC
from bot.actions.submission import channel_of

# Honest until the staff console exists (#17): nobody reads these conversations yet, so the
# assistant promises no person here; the request is recorded for when one does.
HANDOFF_TEXT = (
    "关于转人工：在线人工客服目前还没有开通，这里暂时没有工作人员接手对话。"
    "请拨打12345市民服务热线（24小时），说明办理“婚育一件事”，由热线人工为您办理。"
    "您在这里已填写的信息都保留着，想继续自己填，说“继续填写”即可。"
)
MISUNDERSTOOD_IN_A_ROW = 2


def handoff_summary(tracker: Tracker) -> str:
    """What a staff member needs to pick up, without personal data."""
    parts = []
    matters = tracker.get_slot("matters") or []
    if matters:
        parts.append("事项：" + "、".join(MATTER_NAMES[m] for m in matters))
    requested = tracker.get_slot(REQUESTED_SLOT)
    if requested in SPEC:
        parts.append(f"正在填写：{SPEC[requested].label}")
    if tracker.get_slot("application_no"):
        parts.append(f"已提交申请：{tracker.get_slot('application_no')}")
    return "；".join(parts) or "尚未开始申请"


async def hand_off(dispatcher: CollectingDispatcher, tracker: Tracker, reason: str) -> list[EventType]:
    # If the backend is down the hotline still works, and the message below says so.
    with contextlib.suppress(backend.BackendUnavailable):
        await backend.handoff(tracker.sender_id, channel_of(tracker), reason, handoff_summary(tracker))
    dispatcher.utter_message(text=HANDOFF_TEXT, buttons=[{"title": "继续填写", "payload": "继续填写"}])
    return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)] if tracker.active_loop else []


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return await hand_off(dispatcher, tracker, "requested")


def misunderstood_in_a_row(tracker: Tracker) -> int:
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        if (event.get("parse_data") or {}).get("intent", {}).get("name") != "nlu_fallback":
            break
        count += 1
    return count


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if misunderstood_in_a_row(tracker) >= MISUNDERSTOOD_IN_A_ROW:
            dispatcher.utter_message(text="抱歉，我还是没能理解您的意思。")
            return await hand_off(dispatcher, tracker, "misunderstood")
        dispatcher.utter_message(response="utter_default")
        return []
