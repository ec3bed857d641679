"""OtherLanguageGate (bot/nlu/other_language.py): a message the channels marked as another language
keeps an intent the assistant can act on when the classifier is sure of it; anything else is the
bilingual note. Unmarked messages pass unchanged."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.channels.language import keyboard_noise, repeated_babble
from bot.nlu.other_language import NOISE, REPEATED, OtherLanguageGate, mark


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


@pytest.mark.parametrize(
    ("intent", "confidence", "read"),
    [
        ("cancel", 0.32, "nlu_fallback"),
        ("ask_progress", 0.85, "nlu_fallback"),
        ("request_human", 0.95, "nlu_fallback"),
        ("affirm", 0.9, "affirm"),
        ("thank", 0.9, "thank"),
        ("thank", 0.4, "nlu_fallback"),
    ],
)
def test_keyboard_noise_keeps_only_a_sure_social_reply(intent, confidence, read):
    """ "qwerty uiop" read as cancel at 0.32, then as progress at 0.85 by a classifier that learnt
    more English: not understood. A sure yes or thanks (ok-like abbreviations) is kept."""
    assert gated(intent, confidence, mark(None, NOISE)) == read


@pytest.mark.parametrize("text", ["qwerty uiop", "asdf", "zxcv bnm", "wo yao ban"])
def test_keyboard_noise_is_recognised(text):
    assert keyboard_noise(text)


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "thanks",
        "Anna",  # a name at the name question
        "Her name is Anna Schmidt",
        "both of us",
        "I want to get married",  # English: marked as another language, not noise
        "HY26112700000000",
        "我要 apply",
        "",
    ],
)
def test_words_and_answers_are_no_noise(text):
    assert not keyboard_noise(text)


@pytest.mark.parametrize(
    ("intent", "confidence", "read"),
    [("affirm", 0.32, "nlu_fallback"), ("request_human", 1.0, "request_human"), ("affirm", 1.0, "affirm")],
)
def test_a_repeated_unit_keeps_only_a_sure_reading(intent, confidence, read):
    """ "阿巴阿巴阿巴" read as a yes at 0.32 is babble; "人工人工人工" read as a person at 1.0 is the request."""
    assert gated(intent, confidence, mark(None, REPEATED)) == read


@pytest.mark.parametrize(
    ("text", "repeated"),
    [
        *[("阿巴阿巴阿巴", True), ("人工人工人工！", True), ("对对对", True), ("要 要 要", True)],
        *[("阿巴阿巴", False), ("好的好的", False), ("谢谢", False), ("111111", False), ("哈哈ok哈哈", False)],
        *[("王芳", False), ("", False)],
    ],
)
def test_a_short_unit_said_three_times_is_marked(text, repeated):
    assert repeated_babble(text) is repeated


def test_a_mark_the_client_sent_is_replaced_by_the_guards_own_reading():
    assert mark({"language": "other", "channel": "web"}, None) == {"channel": "web"}
    assert mark({"language": "other"}, "noise") == {"language": "noise"}
