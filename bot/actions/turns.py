"""Ending the bot's turn from the action that answers."""

from rasa_sdk.events import EventType, FollowupAction


def wait_for_citizen() -> EventType:
    """The rules wait for the citizen after these answers (a submission, a progress report). Saying
    so in the answer spares Rasa its policies over the whole conversation to find that out: with no
    form active every rule is a candidate, the slowest prediction of the turn."""
    return FollowupAction("action_listen")
