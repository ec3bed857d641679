"""The chat store: Rasa's SQL tracker store with every event encrypted at rest, on a local SQLite
file (WAL, pooled connections) or on PostgreSQL (several Rasa processes, endpoints.production.yml).

Citizens type ID numbers, phones and names; Rasa keeps each event as JSON (user text, slots, bot
replies). Here the event's JSON is sealed with Fernet (CHAT_STORE_KEY; several comma-separated keys
rotate: the first seals, all open) before it reaches the database, so a dump of the store shows no
personal data. The columns Rasa queries by (sender id, event type, intent and action names,
timestamp) stay readable. Rows written before encryption was switched on are read as they are and
disappear with the retention purge (bot/chat_retention.py).

SQLite: Rasa reads and commits every turn on its event loop. With its defaults (rollback journal, a
new connection per session) a read plus a commit cost 1.3 ms here; WAL with synchronous=NORMAL
over pooled connections costs 0.1 ms and stays consistent after a crash. A lock held longer than
TRACKER_BUSY_TIMEOUT_MS fails the turn visibly (bot/channels/turn_guard.py), never silently.

Saves skip Rasa's count of the stored events (bot/rasa_patches/event_count.py).
"""

import os
from collections import OrderedDict
from typing import Any

import sqlalchemy as sa
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from rasa.core.tracker_store import SQLTrackerStore, _create_sequence
from sqlalchemy.orm import declarative_base, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.rasa_patches.event_count import KnownEventCount

SEALED_PREFIX = "gAAAAA"  # every Fernet token starts so (version byte 0x80, base64)


class ChatStoreKeyError(RuntimeError):
    """Not a ValueError: Rasa's session_scope turns any ValueError into a process exit."""


class Seal:
    """Fernet with a bounded memory of what it opened: every turn re-reads the whole session, and
    opening each of its events again cost more than the rest of the store's work (see bench)."""

    OPENED_MAX = 50_000

    def __init__(self, keys: str) -> None:
        fernets = [Fernet(k.strip().encode()) for k in keys.split(",") if k.strip()]
        if not fernets:
            raise ChatStoreKeyError("the chat store needs CHAT_STORE_KEY (a Fernet key; comma-separated to rotate)")
        self.fernet = MultiFernet(fernets)
        self.opened: OrderedDict[str, str] = OrderedDict()

    def seal(self, text: str) -> str:
        return self.fernet.encrypt(text.encode()).decode()

    def open(self, token: str) -> str:
        text = self.opened.get(token)
        if text is None:
            try:
                text = self.fernet.decrypt(token.encode()).decode()
            except InvalidToken:
                raise ChatStoreKeyError(
                    "a chat store event cannot be opened: is CHAT_STORE_KEY the key it was sealed with?"
                ) from None
            self.opened[token] = text
            if len(self.opened) > self.OPENED_MAX:
                self.opened.popitem(last=False)
        return text


def chat_store_seal() -> Seal:
    return Seal(os.environ.get("CHAT_STORE_KEY", ""))


class SealedText(sa.types.TypeDecorator):
    """Text that is Fernet-sealed in the database and plain in Python."""

    impl = sa.Text
    cache_ok = False  # the key is process state, not part of the SQL

    current: Seal | None = None

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else self._seal().seal(value)

    def process_result_value(self, value: str | None, dialect: Any) -> str | None:
        if value is None or not value.startswith(SEALED_PREFIX):
            return value  # written before encryption: read as it is
        return self._seal().open(value)

    @staticmethod
    def _seal() -> Seal:
        if SealedText.current is None:
            SealedText.current = chat_store_seal()
        return SealedText.current


Base = declarative_base()


class SealedEvent(Base):
    """Rasa's `events` table, with `data` sealed."""

    __tablename__ = "events"

    id = sa.Column(sa.Integer, _create_sequence(__tablename__), primary_key=True)  # as Rasa's
    sender_id = sa.Column(sa.String(255), nullable=False, index=True)
    type_name = sa.Column(sa.String(255), nullable=False)
    timestamp = sa.Column(sa.Float)
    intent_name = sa.Column(sa.String(255))
    action_name = sa.Column(sa.String(255))
    data = sa.Column(SealedText)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    busy_ms = int(os.environ.get("TRACKER_BUSY_TIMEOUT_MS", "10000"))
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.close()


class SealedSQLTrackerStore(KnownEventCount, SQLTrackerStore):
    Base = Base
    SQLEvent = SealedEvent

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        SealedText.current = chat_store_seal()  # refuse to start without a key, not on the first turn
        super().__init__(*args, **kwargs)  # creates the tables
        if self.engine.dialect.name != "sqlite":
            return
        url = self.engine.url
        self.engine.dispose()
        # Rasa calls the store from its one event-loop thread; the pool keeps connections open so
        # the WAL is not checkpointed and removed after every session.
        self.engine = sa.create_engine(url, poolclass=QueuePool, connect_args={"check_same_thread": False})
        sa.event.listen(self.engine, "connect", _sqlite_pragmas)
        self.sessionmaker = sessionmaker(bind=self.engine)
