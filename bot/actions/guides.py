"""Guide answers, always from the backend's guides and always with their source line."""

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.form_support import names_matters_at_the_question
from bot.actions.vocabulary import ALL_MATTERS, MATTER_NAMES
from bot.actions.vocabulary import ASPECT_NAMES as ASPECT_WORDS

UNAVAILABLE = "暂时无法获取办事指南，请稍后再试，或拨打12345市民服务热线咨询。"


def _entities(tracker: Tracker, name: str) -> list[str]:
    values = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == name]
    return list(dict.fromkeys(values))


def _matter_buttons(aspect: str) -> list[dict]:
    word = ASPECT_WORDS[aspect]
    return [{"title": MATTER_NAMES[m], "payload": f"{MATTER_NAMES[m]}的{word}"} for m in ALL_MATTERS]


def _aspect_buttons(matter: str) -> list[dict]:
    name = MATTER_NAMES[matter]
    return [{"title": word, "payload": f"{name}的{word}"} for word in ASPECT_WORDS.values()]


class ActionAnswerGuide(Action):
    def name(self) -> str:
        return "action_answer_guide"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        if names_matters_at_the_question(tracker):
            return []  # an answer to the matters question: the form reads it next
        matters = [m for m in _entities(tracker, "matter") if m in MATTER_NAMES]
        aspects = [a for a in _entities(tracker, "guide_aspect") if a in ASPECT_WORDS]
        aspect = aspects[0] if aspects else None
        try:
            if matters and not aspect:
                aspect = await self._aspect_in_words(tracker)
            return await self._answer(dispatcher, tracker, matters, aspect)
        except backend.BackendUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []

    @staticmethod
    async def _aspect_in_words(tracker: Tracker) -> str | None:
        """The guides' own everyday words (as search reads them); else, for "那生育登记呢",
        the aspect asked about last."""
        detected = (await backend.search(tracker.latest_message.get("text") or ""))["detected_aspect"]
        return detected or tracker.get_slot("last_guide_aspect")

    async def _answer(self, dispatcher, tracker, matters, aspect) -> list[EventType]:
        remember = [SlotSet("last_guide_aspect", aspect)] if aspect else []
        if aspect == "materials" and len(matters) > 1:
            checklist = await backend.checklist(matters)
            versions = "，".join(f"{MATTER_NAMES[m]} {v}" for m, v in checklist["versions"].items())
            dispatcher.utter_message(text=f"{checklist['text']}\n依据：办事指南 版本 {versions}")
            return remember
        if matters and aspect:
            for matter in matters:
                section = await backend.guide_section(matter, aspect)
                dispatcher.utter_message(text=f"【{section['title']}】\n{section['text']}\n{section['source']}")
            return remember
        if matters:
            guide = await backend.guide(matters[0])
            dispatcher.utter_message(
                text=f"【{MATTER_NAMES[matters[0]]}】{guide['summary']}\n想了解哪方面？",
                buttons=_aspect_buttons(matters[0]),
            )
            return []
        if aspect:
            dispatcher.utter_message(text=f"想了解哪个事项的{ASPECT_WORDS[aspect]}？", buttons=_matter_buttons(aspect))
            return remember
        question = tracker.latest_message.get("text") or ""
        hits = (await backend.search(question))["hits"] if len(question) > 4 else []
        if hits:
            hit = hits[0]
            dispatcher.utter_message(text=f"【{hit['title']}】\n{hit['text']}\n{hit['source']}")
            return [SlotSet("last_guide_aspect", hit["aspect"])] if hit["aspect"] in ASPECT_WORDS else []
        dispatcher.utter_message(
            text="想看哪个事项的办事指南？",
            buttons=[{"title": MATTER_NAMES[m], "payload": f"{MATTER_NAMES[m]}办事指南"} for m in ALL_MATTERS],
        )
        return []


class ActionBundleIntro(Action):
    def name(self) -> str:
        return "action_bundle_intro"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        try:
            bundle = await backend.guide("bundle")
        except backend.BackendUnavailable:
            dispatcher.utter_message(text=UNAVAILABLE)
            return []
        steps = "\n".join(f"{i}. {s}" for i, s in enumerate(bundle["process"], 1))
        dispatcher.utter_message(
            text=f"{bundle['summary']}\n办理步骤：\n{steps}\n依据：婚育一件事办事指南 版本 {bundle['version']}",
            buttons=[
                {"title": "办事指南", "payload": "我想看办事指南"},
                {"title": "开始申请", "payload": "我要申请"},
            ],
        )
        return []
