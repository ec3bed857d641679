"""A greeting, thanks or a request to apply that answers the question all the same ("你好，对方叫李娜",
"我要和李娜登记结婚"): inside the form the rules for those intents run first (action_continue_form),
and the form must still read the answer instead of counting the message as a miss."""

from rasa_sdk import Tracker
from rasa_sdk.forms import REQUESTED_SLOT

from bot.actions.form_support import current_values, intent_of
from bot.actions.parsing import Context, parse_message

# The intents whose rule inside the form is action_continue_form, then the form.
CONTINUED = {"apply", "greet", "thank"}
# The selection questions have their own reading of a request to apply (answers_with_apply).
SELECTION = {"matters", "already_married"}


def answers_question(tracker: Tracker) -> bool:
    """Whether the message, whatever the classifier made of it, holds an answer to the question
    pending (offices are not known here: a district alone is not counted)."""
    intent, confidence = intent_of(tracker)
    requested = tracker.get_slot(REQUESTED_SLOT)
    if intent not in CONTINUED or not requested or requested in SELECTION:
        return False
    values = current_values(tracker)
    context = Context(
        requested=requested,
        intent=intent,
        confidence=confidence,
        matters=values.get("matters") or [],
        matter_entities=[],
        offices={},
        answer_like=True,
        married=values.get("already_married"),
        filled=frozenset(values),
        known=values,
    )
    return requested in parse_message(tracker.latest_message.get("text") or "", context).values
