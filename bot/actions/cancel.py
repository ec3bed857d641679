"""Stopping the form, or withdrawing a submitted application: always asked once first."""

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.form_support import form_cleared
from bot.actions.progress import lost_number, recover_number, render_progress
from bot.actions.submission import already_submitted, earlier_application

# Yes/no to stopping or withdrawing goes straight to its intent: nothing left to NLU on a decision
# that loses the citizen's answers or application.
STOP_BUTTONS = [{"title": "确定不办了", "payload": "/affirm"}, {"title": "继续填写", "payload": "/deny"}]
WITHDRAW_BUTTONS = [{"title": "确定撤回", "payload": "/affirm"}, {"title": "不撤回", "payload": "/deny"}]
WITHDRAW_WORDS = re.compile(r"撤回|撤销|撤掉|撤了|退回申请")
PROVE_FIRST = "为保护您的信息，撤回前需要核实身份：请先说“查询进度”，提供申请编号和身份证号，再说“撤回申请”。"


class ActionAskCancel(Action):
    def name(self) -> str:
        return "action_ask_cancel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        loop = tracker.active_loop.get("name") if tracker.active_loop else None
        leave = [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)] if loop else []
        if loop == "application_form":
            dispatcher.utter_message(text="确定不办了吗？确定的话，已填写的信息会清除。", buttons=STOP_BUTTONS)
            return [*leave, SlotSet("confirming", "stop_form")]
        if loop == "progress_form":
            dispatcher.utter_message(text="好的，已取消查询。")
            return [*leave, SlotSet("progress_application_no", None), SlotSet("progress_id_number", None)]
        number = tracker.get_slot("application_no")
        if number:
            dispatcher.utter_message(
                text=f"确定撤回申请{number}吗？未办结的事项都会撤回，已办结的不受影响。", buttons=WITHDRAW_BUTTONS
            )
            return [SlotSet("confirming", "withdraw")]
        text = tracker.latest_message.get("text") or ""
        if lost_number(text, asked=False):  # "申请了但是编号找不到了": not a wish to stop
            return await recover_number(dispatcher, tracker)
        if WITHDRAW_WORDS.search(text):
            # A submitted application this conversation does not hold: proven first, then withdrawn.
            dispatcher.utter_message(text=PROVE_FIRST)
            return []
        dispatcher.utter_message(text="目前没有进行中的申请。需要办理时，说“我要申请”就可以开始。")
        return []


class ActionConfirmCancel(Action):
    def name(self) -> str:
        return "action_confirm_cancel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("confirming") == "stop_form":
            return await self.stop_form(dispatcher, tracker)
        done = [SlotSet("confirming", None)]
        number, id_number = tracker.get_slot("application_no"), tracker.get_slot("owner_id_number")
        if not id_number:
            dispatcher.utter_message(text=PROVE_FIRST)
            return done
        try:
            reply = await backend.withdraw(number, id_number, tracker.sender_id)
        except backend.BackendUnavailable:
            dispatcher.utter_message(text="系统暂时无法撤回，申请保持不变。请稍后再试，或拨打12345。")
            return done
        if reply.status == 200:
            dispatcher.utter_message(text="已撤回。\n" + render_progress(reply.data))
        else:
            dispatcher.utter_message(text=reply.data.get("detail") or "撤回没有成功，请稍后再试。")
        return done

    async def stop_form(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
        """Clears the answers, unless a confirmation whose reply was lost made the application."""
        try:
            found = await earlier_application(tracker)
        except backend.BackendUnavailable:
            dispatcher.utter_message(
                text="好的，已停止填写，填写的信息已清除。如果您之前点过“确认提交”，申请可能已经提交，"
                "稍后说“办到哪了”可以查询。需要时说“我要申请”就能重新开始。"
            )
            return form_cleared(tracker)
        if found:
            events = already_submitted(dispatcher, tracker, found, changed=False)
            dispatcher.utter_message(text="这份申请不会因为停止填写而取消；如需撤回，请说“撤回申请”。")
            return events
        dispatcher.utter_message(text="好的，已停止填写，填写的信息已清除。需要时说“我要申请”就能重新开始。")
        return form_cleared(tracker)


class ActionDeclineCancel(Action):
    def name(self) -> str:
        return "action_decline_cancel"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("confirming") == "stop_form":
            dispatcher.utter_message(text="好的，我们继续填写，已填写的信息都保留着。")
        else:
            dispatcher.utter_message(text="好的，申请保持不变。")
        return [SlotSet("confirming", None)]
