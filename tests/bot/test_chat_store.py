"""The chat store holds no personal data in clear, on SQLite and PostgreSQL; keys rotate; idle
conversations are purged; Rasa never falls back to a store in memory."""

import uuid

import pytest
from cryptography.fernet import Fernet
from rasa.core.agent import Agent
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.chat_retention import DAY, purge
from bot.tracker_store import ChatStoreKeyError, SealedSQLTrackerStore, SealedText
from tests.support.databases import connection_parts, throwaway_postgres

pytestmark = pytest.mark.asyncio
ID_NUMBER = "110101199003074514"
PHONE = "13912345678"


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load("bot/domain")


def personal_turn(when: float | None = None) -> list:
    text = f"我叫周小雨，身份证{ID_NUMBER}，手机{PHONE}"
    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered(text, {"name": "inform", "confidence": 0.9}, [], {"text": text}),
        SlotSet("applicant_id", ID_NUMBER),
        SlotSet("applicant_phone", PHONE),
        BotUttered(f"已记下：周小雨，身份证{ID_NUMBER}"),
    ]
    for event in events:
        event.timestamp = when or event.timestamp
    return events


def raw_rows(store: SealedSQLTrackerStore) -> str:
    # Every column but the timestamp, whose digits (1796550022.1451437) can hold "4514" by chance.
    columns = "id, sender_id, type_name, intent_name, action_name, data"
    with store.engine.connect() as connection:
        return "\n".join(repr(tuple(row)) for row in connection.exec_driver_sql(f"SELECT {columns} FROM events"))


def sqlite_store(tmp_path, domain) -> SealedSQLTrackerStore:
    return SealedSQLTrackerStore(domain, dialect="sqlite", db=str(tmp_path / "tracker.sqlite3"))


@pytest.fixture
def postgres_store(domain, chat_store_key):
    with throwaway_postgres("hy_chat") as (url,):
        p = connection_parts(url)
        store = SealedSQLTrackerStore(
            domain,
            dialect="postgresql",
            host=p["host"],
            port=p["port"],
            db=p["database"],
            username=p["username"],
            password=p["password"] or None,
        )
        yield store
        store.engine.dispose()


async def check_sealed(store: SealedSQLTrackerStore, domain: Domain) -> None:
    sender = f"web:{uuid.uuid4().hex}"
    await store.save(DialogueStateTracker.from_events(sender, personal_turn(), domain.slots))
    dump = raw_rows(store)
    assert sender in dump  # the rows are there, readable by what Rasa queries ...
    for secret in (ID_NUMBER, PHONE, "周小雨", "110101", "4514"):
        assert secret not in dump  # ... but nothing the citizen typed or the bot said
    loaded = await store.retrieve(sender)
    assert loaded.get_slot("applicant_id") == ID_NUMBER and ID_NUMBER in loaded.latest_message.text


async def test_sqlite_store_holds_no_personal_data_in_clear(tmp_path, domain, chat_store_key):
    await check_sealed(sqlite_store(tmp_path, domain), domain)


async def test_postgres_store_holds_no_personal_data_in_clear(postgres_store, domain):
    await check_sealed(postgres_store, domain)


async def test_keys_rotate_and_a_wrong_key_is_refused(tmp_path, domain, chat_store_key, monkeypatch):
    store = sqlite_store(tmp_path, domain)
    await store.save(DialogueStateTracker.from_events("rest:old", personal_turn(), domain.slots))
    newer = Fernet.generate_key().decode()
    monkeypatch.setattr(SealedText, "current", None)
    monkeypatch.setenv("CHAT_STORE_KEY", f"{newer},{chat_store_key}")
    rotated = sqlite_store(tmp_path, domain)
    assert (await rotated.retrieve("rest:old")).get_slot("applicant_phone") == PHONE
    monkeypatch.setattr(SealedText, "current", None)
    monkeypatch.setenv("CHAT_STORE_KEY", newer)
    with pytest.raises(ChatStoreKeyError, match="CHAT_STORE_KEY"):
        await sqlite_store(tmp_path, domain).retrieve("rest:old")


async def test_the_store_refuses_to_start_without_a_key(tmp_path, domain, monkeypatch):
    monkeypatch.setattr(SealedText, "current", None)
    monkeypatch.setenv("CHAT_STORE_KEY", "")
    with pytest.raises(ChatStoreKeyError, match="CHAT_STORE_KEY"):
        sqlite_store(tmp_path, domain)


async def test_rows_written_before_encryption_are_still_read(tmp_path, domain, chat_store_key):
    store = sqlite_store(tmp_path, domain)
    with store.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, ?, ?, ?)",
            (
                "rest:legacy",
                "slot",
                1.0,
                '{"event": "slot", "name": "applicant_phone", "value": "x", "timestamp": 1.0}',
            ),
        )
    assert (await store.retrieve("rest:legacy")).get_slot("applicant_phone") == "x"


async def test_idle_conversations_are_purged_after_the_retention_period(tmp_path, domain, chat_store_key):
    store = sqlite_store(tmp_path, domain)
    now = 1_800_000_000.0
    await store.save(DialogueStateTracker.from_events("web:idle", personal_turn(now - 31 * DAY), domain.slots))
    await store.save(DialogueStateTracker.from_events("web:recent", personal_turn(now - 29 * DAY), domain.slots))
    assert purge(store, days=30, now=now) == 1
    assert await store.retrieve("web:idle") is None
    assert (await store.retrieve("web:recent")).get_slot("applicant_id") == ID_NUMBER
    assert purge(store, days=30, now=now) == 0


async def test_rasa_keeps_the_configured_store_without_an_in_memory_fallback(
    tmp_path, domain, chat_store_key, rasa_patched
):
    store = sqlite_store(tmp_path, domain)
    agent = Agent(domain=domain, tracker_store=store)
    assert agent.tracker_store is store and not isinstance(agent.tracker_store, FailSafeTrackerStore)
    with pytest.raises(ValueError, match="memory"):
        Agent(domain=domain)
    with pytest.raises(ValueError, match="memory"):  # what Rasa makes of a store class it cannot import
        Agent(domain=domain, tracker_store=InMemoryTrackerStore(domain))
    assert not isinstance(store, InMemoryTrackerStore)
