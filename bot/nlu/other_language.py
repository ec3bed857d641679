"""What the assistant does with a message in another language (issue #16 item 9).

The channels' turn guard (bot/channels/turn_guard.py) marks such a message in its metadata
instead of reading it as Chinese. The classifier has learnt what English requests mean
(bot/data/nlu/english.yml); this component, last in the pipeline, keeps the intents the assistant
can act on without a Chinese dialogue — stop or withdraw, a person, progress, yes/no, thanks,
goodbye — when the classifier is sure of them, and turns everything else into `other_language`:
the bilingual note with the main choices (bot/domain/language.yml). Latin letters that are no
language at all (keyboard noise, marked NOISE: qwerty uiop, thx, pinyin) keep only a sure social
reply (yes, no, thanks, hello, goodbye: the lowercase abbreviations people type) and are otherwise
not understood (nlu_fallback): a classifier that learnt English can be sure of anything for them
(qwerty uiop read as progress at 0.85), and nothing with consequences is done on noise. Unmarked messages (Chinese, and every
message parsed outside a channel) pass unchanged."""

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

MARK = "language"
OTHER = "other"
NOISE = "noise"
REPEATED = "repeated"  # one short unit repeated (阿巴阿巴阿巴): only a sure reading is kept
OTHER_LANGUAGE = "other_language"
FALLBACK = "nlu_fallback"
ACTIONABLE = frozenset({"cancel", "request_human", "ask_progress", "affirm", "deny", "thank", "goodbye"})
SOCIAL = frozenset({"affirm", "deny", "thank", "greet", "goodbye"})


def mark(metadata: dict | None, kind: str | None = OTHER) -> dict:
    """The metadata of a message with the turn guard's own reading of its language (another
    language, noise, or None for none): a mark the client sent itself is never kept."""
    kept = {k: v for k, v in (metadata or {}).items() if k != MARK}
    return {**kept, MARK: kind} if kind else kept


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class OtherLanguageGate(GraphComponent):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        # Below this the note is the better answer than a guess at what the person wants.
        return {"threshold": 0.6}

    def __init__(self, config: dict[str, Any]) -> None:
        self.threshold = config["threshold"]

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "OtherLanguageGate":
        return cls(config)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            kind = (message.get("metadata") or {}).get(MARK)
            intent = message.get("intent") or {}
            sure = intent.get("confidence", 0.0) >= self.threshold
            if kind == OTHER and not (sure and intent.get("name") in ACTIONABLE):
                message.set("intent", {"name": OTHER_LANGUAGE, "confidence": 1.0}, add_to_output=True)
            elif (kind == NOISE and not (sure and intent.get("name") in SOCIAL)) or (kind == REPEATED and not sure):
                message.set("intent", {"name": FALLBACK, "confidence": 1.0}, add_to_output=True)
        return messages
