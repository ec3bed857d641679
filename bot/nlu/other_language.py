"""What the assistant does with a message in another language (issue #16 item 9).

The channels' turn guard (bot/channels/turn_guard.py) marks such a message in its metadata
instead of reading it as Chinese. The classifier has learnt what English requests mean
(bot/data/nlu/english.yml); this component, last in the pipeline, keeps the intents the assistant
can act on without a Chinese dialogue — stop or withdraw, a person, progress, yes/no, thanks,
goodbye — when the classifier is sure of them, and turns everything else into `other_language`:
the bilingual note with the main choices (bot/domain/language.yml). Unmarked messages (Chinese,
and every message parsed outside a channel) pass unchanged."""

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.message import Message

MARK = "language"
OTHER = "other"
OTHER_LANGUAGE = "other_language"
ACTIONABLE = frozenset({"cancel", "request_human", "ask_progress", "affirm", "deny", "thank", "goodbye"})


def mark(metadata: dict | None) -> dict:
    """The metadata of a message the turn guard found to be in another language."""
    return {**(metadata or {}), MARK: OTHER}


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
            if (message.get("metadata") or {}).get(MARK) != OTHER:
                continue
            intent = message.get("intent") or {}
            if intent.get("name") in ACTIONABLE and intent.get("confidence", 0.0) >= self.threshold:
                continue
            message.set("intent", {"name": OTHER_LANGUAGE, "confidence": 1.0}, add_to_output=True)
        return messages
