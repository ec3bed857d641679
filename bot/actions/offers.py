"""Answers in words to the buttons just offered outside a form: "好的" to "现在上传吗？" is an upload
now, "蛮好额 给五颗星" to the rating request is a score. The `offered` slot says which buttons were
offered (rules in bot/data/rules/offers.yml send a yes, a no or an unclear answer to the action
that owns them); the action takes the answer only if those buttons were the last thing the
assistant said, so a "好的" many turns later is not read as an upload."""

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

OFFERED = "offered"
UPLOAD = "upload"
RATING = "rating"
PAYLOADS = {UPLOAD: "/upload_", RATING: "/rate"}
# What a message that does not answer the offer gets instead: the intent's own reply (rules/core.yml).
OWN_REPLY = {
    "affirm": "utter_anything_else",
    "deny": "utter_anything_else",
    "thank": "utter_thank",
    "nlu_fallback": "action_fallback",
}


def just_offered(tracker: Tracker, offer: str) -> bool:
    """Whether the assistant's last message before the citizen's latest one offered these buttons."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return False
            seen_user = True
        elif event.get("event") == "bot" and seen_user:
            buttons = (event.get("data") or {}).get("buttons") or []
            return any(str(b.get("payload", "")).startswith(PAYLOADS[offer]) for b in buttons)
    return False


def intent_of(tracker: Tracker) -> str | None:
    return (tracker.latest_message.get("intent") or {}).get("name")


def answered(tracker: Tracker) -> list[EventType]:
    """The offer is answered (or passed by): forget it."""
    return [SlotSet(OFFERED, None)] if tracker.get_slot(OFFERED) else []
