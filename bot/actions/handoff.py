"""Reaching a person: on request, and after the assistant misunderstands twice in a row."""

import contextlib

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.form_support import reads_as_application
from bot.actions.slots import MATTER_NAMES, SPEC
from bot.actions.submission import channel_of
from bot.actions.turns import wait_for_citizen

# A person is promised only when the backend says one is signed in and within service hours
# (#17); otherwise the hotline. Either way the request waits in the console's queue.
KEPT = "您已填写的信息都保留着。"


def handoff_text(answer: dict | None) -> str:
    if answer is None:
        return (
            "抱歉，现在联系不上人工服务。请拨打12345市民服务热线（24小时），说明办理“婚育一件事”。"
            f"{KEPT}想继续自己填，说“继续填写”即可。"
        )
    position = answer["position"]
    if answer["person_available"]:
        return (
            f"好的，已为您转人工，您排第{position}位。工作人员接入后会在这个对话里回复您，请稍候。"
            f"{KEPT}等待时也可以说“继续填写”自己接着填。"
        )
    when = (
        "现在没有人工客服在线"
        if answer["in_service_hours"]
        else f"现在不在人工在线服务时间（{answer['service_hours']}）"
    )
    return (
        f"{when}，这里暂时没有工作人员接手对话。急需办理请拨打{answer['hotline']}市民服务热线（24小时）。"
        f"您的转人工请求已登记（排第{position}位），工作人员上线后会查看这个对话。"
        f"{KEPT}想继续自己填，说“继续填写”即可。"
    )


MISUNDERSTOOD_IN_A_ROW = 2
NOT_UNDERSTOOD = "抱歉，我没有理解您的意思"


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
    answer = None
    # If the backend is down the hotline still works, and the message says so.
    with contextlib.suppress(backend.BackendUnavailable):
        matters = tracker.get_slot("matters") or []
        answer = await backend.handoff(
            tracker.sender_id, channel_of(tracker), reason, handoff_summary(tracker), matters
        )
    dispatcher.utter_message(text=handoff_text(answer), buttons=[{"title": "继续填写", "payload": "继续填写"}])
    return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)] if tracker.active_loop else []


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        return await hand_off(dispatcher, tracker, "requested")


def misunderstood_in_a_row(tracker: Tracker) -> int:
    """Messages in a row that were not understood: classified nlu_fallback, or answered "not
    understood" all the same (a request to apply with no sign of applying, see application_form.py)."""
    count, answered_so = 0, False
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and (event.get("text") or "").startswith(NOT_UNDERSTOOD):
            answered_so = True
        if event.get("event") != "user":
            continue
        if (event.get("parse_data") or {}).get("intent", {}).get("name") != "nlu_fallback" and not answered_so:
            break
        count, answered_so = count + 1, False
    return count


async def not_understood(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """ "Not understood", or a person once it happened before in a row."""
    if misunderstood_in_a_row(tracker) + 1 >= MISUNDERSTOOD_IN_A_ROW:
        dispatcher.utter_message(text="抱歉，我还是没能理解您的意思。")
        return await hand_off(dispatcher, tracker, "misunderstood")
    dispatcher.utter_message(response="utter_default")
    return []


# At "确定撤回/不办了吗？" a yes and the wish repeated both confirm (rules/cancel.yml).
YES_TO_STOPPING = {"affirm", "cancel"}


def repeats_the_wish_to_stop(tracker: Tracker) -> bool:
    """ "是的，撤回" read as neither yes nor the wish alone (too close to call): both mean yes here."""
    if tracker.get_slot("confirming") not in ("withdraw", "stop_form"):
        return False
    ranking = [i.get("name") for i in tracker.latest_message.get("intent_ranking") or []]
    top_two = [name for name in ranking if name != "nlu_fallback"][:2]
    return len(top_two) == 2 and set(top_two) <= YES_TO_STOPPING


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if repeats_the_wish_to_stop(tracker):
            from bot.actions.cancel import ActionConfirmCancel

            return [*await ActionConfirmCancel().run(dispatcher, tracker, domain), wait_for_citizen()]
        loop = tracker.active_loop.get("name")
        if loop:
            events = await self.answer(dispatcher, tracker)  # the form asks its question again
            if (tracker.latest_message.get("intent") or {}).get("name") == "nlu_fallback" or ActiveLoop(None) in events:
                return events  # a rule runs the form next, or a person took over
            # The core fallback: the form rejected a message no rule takes (ask_progress while the
            # look-up waits for a number). No rule runs the form after it, so it follows here;
            # otherwise this action would be predicted again and again.
            return [*events, FollowupAction(loop)]
        # Outside a form this is also the core fallback (config.yml), which no rule follows: it
        # waits for the citizen itself, or Rasa would predict it again and again.
        events = await self.answer(dispatcher, tracker)
        return events if FollowupAction("application_form") in events else [*events, wait_for_citizen()]

    async def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        from bot.actions.progress import lost_number, recover_number

        text = tracker.latest_message.get("text") or ""
        if not tracker.active_loop.get("name"):
            # What the classifier could not place may still be plain: a lost application number,
            # or an application in one message (matters with names and numbers): never "not understood".
            if lost_number(text, asked=False):
                return await recover_number(dispatcher, tracker)
            if reads_as_application(tracker):
                return [FollowupAction("application_form")]
        if misunderstood_in_a_row(tracker) >= MISUNDERSTOOD_IN_A_ROW:
            dispatcher.utter_message(text="抱歉，我还是没能理解您的意思。")
            return await hand_off(dispatcher, tracker, "misunderstood")
        dispatcher.utter_message(response="utter_default")
        return []
