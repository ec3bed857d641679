"""Going on with an interrupted application, and retrying a failed submission."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.form_support import intent_of
from bot.actions.slots import CONFIRM_SLOT
from bot.actions.submission import KEY_SLOT, submit

CONTINUE_TEXT = {
    "greet": "您好！我们接着填写联办申请。",
    "thank": "不客气！我们接着填写联办申请。",
    "apply": "申请正在填写中，我们接着来。",
}


class ActionContinueForm(Action):
    def name(self) -> str:
        return "action_continue_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        intent, _ = intent_of(tracker)
        dispatcher.utter_message(text=CONTINUE_TEXT.get(intent or "", "好的，我们继续。"))
        return [SlotSet("confirming", None)]


class ActionSubmitApplication(Action):
    """ "重新提交" outside the form. The form itself takes it on its summary, where a submission
    without an answer leaves it; this is for a citizen who left the summary (a person, stopping
    and going on) or for a conversation confirmed before the form stayed there."""

    def name(self) -> str:
        return "action_submit_application"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if not tracker.get_slot(CONFIRM_SLOT):
            if tracker.get_slot("application_summary") and tracker.get_slot(KEY_SLOT):  # answers kept
                dispatcher.utter_message(text="好的，您填写的信息都还在。请再核对一次，无误后点“确认提交”。")
                return [FollowupAction("application_form")]
            dispatcher.utter_message(text="目前没有待提交的申请。需要办理的话，说“我要申请”就可以开始。")
            return []
        result = await submit(dispatcher, tracker)
        return [*result.events, FollowupAction("application_form")] if result.refused else result.events
