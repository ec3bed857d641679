"""Which channel the citizen is writing on, in the backend's words (web, wechat, rest)."""

from rasa_sdk import Tracker

CHANNELS = {"socketio": "web", "rest": "rest", "wechat": "wechat"}


def channel_of(tracker: Tracker) -> str:
    return CHANNELS.get(tracker.get_latest_input_channel() or "", "web")
