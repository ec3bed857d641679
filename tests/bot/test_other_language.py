"""OtherLanguageGate (bot/nlu/other_language.py): a message the channels marked as another language
keeps an intent the assistant can act on when the classifier is sure of it; anything else is the
bilingual note. Unmarked messages pass unchanged."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.other_language import OtherLanguageGate, mark


def gated(intent: str, confidence: float, metadata: dict | None) -> str:
    message = Message(data={"text": "…", "metadata": metadata, "intent": {"name": intent, "confidence": confidence}})
    gate = OtherLanguageGate(OtherLanguageGate.get_default_config())
    return gate.process([message])[0].get("intent")["name"]


@pytest.mark.parametrize("intent", ["cancel", "request_human", "ask_progress", "affirm", "deny", "thank", "goodbye"])
def test_a_sure_request_it_can_act_on_is_kept(intent):
    assert gated(intent, 0.9, mark(None)) == intent


@pytest.mark.parametrize(
    ("intent", "confidence"),
    [
        ("cancel", 0.4),  # not sure enough to stop someone's application
        ("apply", 0.99),  # the form is a Chinese dialogue: the note and its buttons instead
        ("ask_guide", 0.99),
        ("greet", 0.99),  # a greeting in English should learn that the service is in Chinese
        ("nlu_fallback", 0.3),
    ],
)
def test_anything_else_gets_the_bilingual_note(intent, confidence):
    assert gated(intent, confidence, mark({"channel": "web"})) == "other_language"


@pytest.mark.parametrize("metadata", [None, {}, {"channel": "web"}, {"language": "zh"}])
def test_unmarked_messages_pass_unchanged(metadata):
    assert gated("apply", 0.5, metadata) == "apply"


def test_mark_keeps_the_other_metadata():
    assert mark({"channel": "wechat"}) == {"channel": "wechat", "language": "other"}
