"""Answers in words to the buttons just offered (bot/actions/offers.py): the action takes a yes, a no
or a score only right after its own offer; any other time the intent gets its own reply."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.materials import UPLOAD_BUTTONS, ActionUploadMaterials
from bot.actions.offers import OFFERED, just_offered
from bot.actions.rating import NO_APPLICATION, SCORE_BUTTONS, ActionTakeRating
from tests.bot.test_actions import slots_of, tracker

pytestmark = pytest.mark.asyncio


def answered_after(buttons, text: str, intent: str, slots: dict, turns_between: int = 0):
    """A tracker in which the assistant offered `buttons`, then (after other turns) the citizen said `text`."""
    events = [{"event": "bot", "text": "…", "data": {"buttons": buttons}}]
    for _ in range(turns_between):
        events += [{"event": "user", "text": "办到哪了"}, {"event": "bot", "text": "您的申请正在审核。"}]
    events += [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text}]
    return tracker(text, intent=intent, slots=slots, events=events)


async def run(action, t):
    d = CollectingDispatcher()
    return d, await action.run(d, t, {})


@pytest.mark.parametrize(
    "buttons, offer, between, expected",
    [
        (UPLOAD_BUTTONS, "upload", 0, True),
        (UPLOAD_BUTTONS, "upload", 1, False),  # a later yes answers something else
        (SCORE_BUTTONS, "rating", 0, True),
        (SCORE_BUTTONS, "upload", 0, False),  # another offer's buttons
        (None, "rating", 0, False),
    ],
)
async def test_an_answer_answers_the_offer_only_right_after_it(buttons, offer, between, expected):
    t = answered_after(buttons or [], "好的", "affirm", {OFFERED: offer}, turns_between=between)
    assert just_offered(t, offer) is expected


async def test_a_late_yes_gets_its_own_reply_and_the_offer_is_forgotten():
    t = answered_after(UPLOAD_BUTTONS, "好的", "affirm", {OFFERED: "upload"}, turns_between=1)
    d, events = await run(ActionUploadMaterials(), t)
    assert [m.get("response") for m in d.messages] == ["utter_anything_else"]
    assert slots_of(events) == {OFFERED: None}


@pytest.mark.parametrize("text, intent", [("谢谢", "thank"), ("好的", "affirm")])
async def test_a_reply_without_a_score_to_the_rating_request_gets_its_own_reply(text, intent):
    t = answered_after(SCORE_BUTTONS, text, intent, {OFFERED: "rating"})
    d, events = await run(ActionTakeRating(), t)
    assert d.messages == []  # not asked again: the citizen need not rate
    assert slots_of(events) == {OFFERED: None}
    follow = [e["name"] for e in events if e.get("event") == "followup"]
    assert follow == [{"thank": "utter_thank", "affirm": "utter_anything_else"}[intent]]


async def test_a_score_said_much_later_as_a_yes_is_not_taken():
    t = answered_after(SCORE_BUTTONS, "蛮好额 给五颗星", "affirm", {OFFERED: "rating"}, turns_between=1)
    d, events = await run(ActionTakeRating(), t)
    assert d.messages == [] and [e["name"] for e in events if e.get("event") == "followup"] == ["utter_anything_else"]


async def test_a_yes_carrying_a_score_right_after_the_rating_request_is_taken_as_the_score(backend_url):
    """ "蛮好 五颗星" read as a yes: right after the request it is the score, taken to the backend (here a
    conversation with no application: the backend's answer is said), not "还有什么可以帮您"."""
    t = answered_after(SCORE_BUTTONS, "蛮好 五颗星", "affirm", {OFFERED: "rating"})
    d, events = await run(ActionTakeRating(), t)
    assert [m.get("text") for m in d.messages] == [NO_APPLICATION]
    assert slots_of(events) == {OFFERED: None}
