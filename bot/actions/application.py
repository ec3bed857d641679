"""Going on with an interrupted application, and retrying a failed submission."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.answer_inside import answers_question
from bot.actions.form_support import intent_of
from bot.actions.parsing import ADDED_MATTER_CHOICES, MARRIED_MATTER_CHOICES, MATTER_CHOICES
from bot.actions.slots import ALL_MATTERS, CONFIRM_SLOT, DEPENDANTS, HUKOU_STATUS, MARRIAGE, MATTER_NAMES, MIGRATION
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
        named = any(e.get("entity") == "matter" for e in tracker.latest_message.get("entities", []))
        if intent == "apply" and (named or tracker.get_slot("requested_slot") in ("matters", "already_married")):
            return [SlotSet("confirming", None)]  # an answer or a change of matters: the form reads it
        if answers_question(tracker):  # "你好，对方叫李娜": an answer all the same, read by the form
            return [SlotSet("confirming", None)]
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


COUNTS = "零一两三四五六七八九"


def _married_choice(matters: list[str]) -> dict:
    every = len(matters) > 1 and matters == MARRIED_MATTER_CHOICES[0]
    title = f"{COUNTS[len(matters)]}项都办" if every else "、".join(MATTER_NAMES[m] for m in matters)
    return {"title": title, "payload": "已经领证了，办" + "和".join(MATTER_NAMES[m] for m in matters)}


MARRIED_BUTTONS = [_married_choice(m) for m in MARRIED_MATTER_CHOICES]
# Added to utter_ask_matters's buttons: the matters the catalog holds beyond the domain's four
# (none for the shipped bundle).
ADDED_BUTTONS = [
    {"title": "+".join(MATTER_NAMES[m] for m in ms), "payload": "和".join(MATTER_NAMES[m] for m in ms)}
    for ms in ADDED_MATTER_CHOICES
]


def _noted_choice(matters: list[str]) -> dict:
    if matters == [MARRIAGE]:
        return {"title": "只办结婚登记", "payload": "只办结婚登记"}
    if matters == ALL_MATTERS:
        return {"title": f"{COUNTS[len(matters)]}项都办", "payload": "全部事项都办"}
    return {"title": "+".join(MATTER_NAMES[m] for m in matters), "payload": "和".join(MATTER_NAMES[m] for m in matters)}


# The matters question once the marriage registration is noted (not married yet): the same choices
# as utter_ask_matters (parsing.MATTER_CHOICES: "2" or "第二个" reads the same), without "已经领证了".
NOTED_BUTTONS = [_noted_choice(m) for m in MATTER_CHOICES]
WHAT_IT_IS = {HUKOU_STATUS: "户口本上的“未婚”改成“已婚”", MIGRATION: "一方户口迁到另一方家"}
NOTED_TEXT = (
    "结婚登记已为您记下。领证后还可以一起办："
    + "、".join(f"{MATTER_NAMES[m]}（{WHAT_IT_IS[m]}）" if m in WHAT_IT_IS else MATTER_NAMES[m] for m in DEPENDANTS)
    + "，填这一次信息就行，不用再跑。请选择要一起办理的事项，只办结婚登记也可以。"
)


class ActionAskMatters(Action):
    """The matters question: a couple who said they are married is not offered a marriage
    registration (their buttons are the three other matters); a couple not married yet (an opening
    that named the marriage registration alone, or "还没领证") hears it noted, and is asked which
    other matters go with it (read by parsing._noted_answer)."""

    def name(self) -> str:
        return "action_ask_matters"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("already_married"):
            dispatcher.utter_message(
                text="你们已经领证，不用再办结婚登记。请选择要一起办理的事项，也可以直接说，"
                "例如“生育登记”或“户口婚姻状况变更和户口迁移”。",
                buttons=MARRIED_BUTTONS,
            )
        elif tracker.get_slot("already_married") is False:
            dispatcher.utter_message(text=NOTED_TEXT, buttons=NOTED_BUTTONS)
        else:
            dispatcher.utter_message(response="utter_ask_matters", buttons=ADDED_BUTTONS)
        return []
