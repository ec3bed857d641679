""" "不要通知" / "恢复通知": the choice is stored by the backend, whose dispatcher checks it before
every notice it sends (chat and text message)."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend

FAILED = "抱歉，系统暂时无法保存您的通知设置，请稍后再说一次，或拨打12345。"


class ActionNoticeConsent(Action):
    def name(self) -> str:
        return "action_notice_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        enabled = (tracker.latest_message.get("intent") or {}).get("name") == "notice_opt_in"
        try:
            reply = await backend.notice_consent(tracker.sender_id, enabled)
        except backend.BackendUnavailable:
            dispatcher.utter_message(text=FAILED)
            return []
        dispatcher.utter_message(text=reply.data["text"] if reply.status == 200 else FAILED)
        return []
