"""The configured tracker store, without Rasa's silent in-memory fallback.

Why: Rasa wraps the tracker store in FailSafeTrackerStore, which on any error saves to memory (the
answer is lost at the next restart while the citizen sees the next question) or reads nothing (the
conversation starts over); it also answers a store class it cannot import with an in-memory store.
Gain: no turn is ever silently lost. The error reaches the channel instead
(bot/channels/turn_guard.py), which asks the citizen to send the message again.
"""

from rasa.core.agent import Agent
from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain

from bot.rasa_patches.replacing import Replacement


def store_without_fallback(store: TrackerStore | None, domain: Domain) -> TrackerStore:
    if store is None or isinstance(store, InMemoryTrackerStore):
        raise ValueError("no usable tracker store configured: conversations would live in memory only")
    store.domain = domain
    return store


def replacements() -> list[Replacement]:
    return [Replacement(Agent, "_create_tracker_store", staticmethod(store_without_fallback))]
