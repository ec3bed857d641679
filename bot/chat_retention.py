"""`python -m bot.chat_retention [--endpoints endpoints.yml] [--days N]`: removes from the chat
store every conversation that has been idle for longer than CHAT_RETENTION_DAYS (default 30).
Run it daily (cron, a systemd timer or the platform's scheduler); `make purge-chats` runs it
against the local store. Applications themselves live in the backend, not here."""

import argparse
import os
import time

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.utils.endpoints import read_endpoint_config

DAY = 86400.0


def purge(store: SQLTrackerStore, days: float, now: float | None = None) -> int:
    """Deletes the conversations whose last event is older than `days`; returns how many."""
    cutoff = (time.time() if now is None else now) - days * DAY
    event = store.SQLEvent
    with store.session_scope() as session:
        stale = [
            row.sender_id
            for row in session.query(event.sender_id)
            .group_by(event.sender_id)
            .having(sa.func.max(event.timestamp) < cutoff)
        ]
        for start in range(0, len(stale), 500):  # bounded IN lists
            session.query(event).filter(event.sender_id.in_(stale[start : start + 500])).delete(
                synchronize_session=False
            )
        session.commit()
    return len(stale)


def main() -> None:
    parser = argparse.ArgumentParser(description="purge idle conversations from the chat store")
    parser.add_argument("--endpoints", default="endpoints.yml")
    parser.add_argument("--days", type=float, default=float(os.environ.get("CHAT_RETENTION_DAYS", "30")))
    args = parser.parse_args()
    store = TrackerStore.create(read_endpoint_config(args.endpoints, "tracker_store"))
    if not isinstance(store, SQLTrackerStore):
        raise SystemExit(f"{args.endpoints} names no SQL tracker store")
    count = purge(store, args.days)
    print(f"chat store: {count} conversation(s) idle for more than {args.days:g} days removed")


if __name__ == "__main__":
    main()
