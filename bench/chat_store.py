"""The chat store's cost per turn, sealed (bot/tracker_store.py) against the same store with Rasa's
plain `events` table: each turn reads the conversation, adds a turn's events (a citizen's answer
with an ID number, the form's slots, the bot's reply) and saves, as Rasa does under the
conversation's lock. Runs in the bot venv; prints JSON for bench/run.py. The two sides alternate,
so machine drift falls on both."""

import asyncio
import json
import os
import tempfile
import time
from pathlib import Path

from cryptography.fernet import Fernet
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import SealedSQLTrackerStore

TURNS = 40  # a long application conversation: about 200 events by the end
ROUNDS = 6


class PlainStore(SealedSQLTrackerStore):
    Base = SQLTrackerStore.Base
    SQLEvent = SQLTrackerStore.SQLEvent


def turn_events(i: int) -> list:
    text = f"我叫周小雨，身份证11010119900307451{i % 10}，手机1391234{i:04d}"
    return [
        UserUttered(text, {"name": "inform", "confidence": 0.9}, [], {"text": text}),
        ActionExecuted("application_form"),
        SlotSet("applicant_id", f"11010119900307451{i % 10}"),
        SlotSet("requested_slot", "applicant_phone"),
        BotUttered("请问您的手机号？"),
        ActionExecuted("action_listen"),
    ]


async def conversation_ms(store: SQLTrackerStore, domain: Domain, sender: str) -> list[float]:
    start = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    await store.save(DialogueStateTracker.from_events(sender, start, domain.slots))
    times = []
    for i in range(TURNS):
        began = time.perf_counter()
        tracker = await store.retrieve(sender)
        for event in turn_events(i):
            tracker.update(event)
        await store.save(tracker)
        times.append((time.perf_counter() - began) * 1000)
    return times


async def main() -> None:
    os.environ.setdefault("CHAT_STORE_KEY", Fernet.generate_key().decode())
    domain = Domain.load("bot/domain")
    results: dict[str, list[float]] = {"sealed": [], "plain": []}
    with tempfile.TemporaryDirectory() as tmp:
        stores = {
            "sealed": SealedSQLTrackerStore(domain, dialect="sqlite", db=str(Path(tmp) / "sealed.sqlite3")),
            "plain": PlainStore(domain, dialect="sqlite", db=str(Path(tmp) / "plain.sqlite3")),
        }
        for r in range(ROUNDS):
            for name, store in stores.items():
                results[name] += await conversation_ms(store, domain, f"rest:bench-{r}")
    print(json.dumps(results))


if __name__ == "__main__":
    asyncio.run(main())
