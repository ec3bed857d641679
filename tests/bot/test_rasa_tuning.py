"""The speed-ups around Rasa keep Rasa's behaviour: the tracker store rebuilds the same events,
action server responses are accepted and refused as Rasa does, and the loaded model is frozen out
of the garbage collector's reach."""

import gc
import os
import uuid
from pathlib import Path
from urllib.parse import urlparse

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    FollowupAction,
    LoopInterrupted,
    SessionStarted,
    SlotSet,
    UserUttered,
    deserialise_events,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot import rasa_cli
from bot.tracker_store import TunedSQLTrackerStore
from bot.tracker_store import deserialise_events as fast_deserialise_events

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "")


@pytest.fixture(scope="module")
def rasa_domain() -> Domain:
    return Domain.load(str(ROOT / "bot" / "domain"))


def conversation() -> list:
    parse = {"intent": {"name": "apply", "confidence": 0.98}, "entities": [], "text": "我要办结婚登记"}
    return [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("我要办结婚登记", parse["intent"], [], parse),
        DefinePrevUserUtteredFeaturization(False),
        ActionExecuted("application_form"),
        ActiveLoop("application_form"),
        SlotSet("matters", ["marriage_registration"]),
        SlotSet("requested_slot", "applicant_name"),
        BotUttered("请问您的姓名？", {"buttons": None}),
        LoopInterrupted(True),
        FollowupAction("action_listen"),
        AllSlotsReset(),
        SlotSet("application_no", "HY261127AAAAAAAA"),
        ActionExecuted("action_listen"),
    ]


def test_events_are_rebuilt_as_rasa_rebuilds_them():
    serialised = [e.as_dict() for e in conversation()]
    assert fast_deserialise_events(serialised) == deserialise_events(serialised) == conversation()


def test_an_unknown_event_type_is_refused_as_rasa_refuses_it():
    with pytest.raises(ValueError):
        deserialise_events([{"event": "no_such_event"}])
    with pytest.raises(ValueError):
        fast_deserialise_events([{"event": "no_such_event"}])


async def round_trip(store: TunedSQLTrackerStore, rasa_domain: Domain) -> None:
    sender = f"t-{uuid.uuid4().hex[:8]}"
    tracker = DialogueStateTracker.from_events(sender, conversation(), rasa_domain.slots)
    await store.save(tracker)
    loaded = await store.retrieve(sender)
    by_rasa = await SQLTrackerStore._retrieve(store, sender, False)  # Rasa's own decoding
    assert len(loaded.events) == len(conversation()) - 1  # the last session: from SessionStarted on
    assert list(loaded.events) == list(by_rasa.events)
    assert loaded.current_slot_values() == by_rasa.current_slot_values()
    assert loaded.get_slot("application_no") == "HY261127AAAAAAAA" and loaded.get_slot("matters") is None
    assert await store.retrieve(f"never-{sender}") is None


@pytest.mark.asyncio
async def test_tracker_round_trip_on_sqlite_in_wal_mode(tmp_path, rasa_domain):
    store = TunedSQLTrackerStore(rasa_domain, dialect="sqlite", db=str(tmp_path / "tracker.sqlite3"))
    await round_trip(store, rasa_domain)
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.asyncio
async def test_tracker_round_trip_on_postgresql(rasa_domain):
    if not POSTGRES_URL:
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail("REQUIRE_SERVICES=1 but TEST_POSTGRES_URL is not set")
        pytest.skip("TEST_POSTGRES_URL not set (CI sets it)")
    url = urlparse(POSTGRES_URL)
    store = TunedSQLTrackerStore(
        rasa_domain,
        dialect="postgresql",
        host=url.hostname,
        port=url.port,
        db="hy_test_tracker",  # Rasa creates it through the login database
        login_db=url.path.lstrip("/"),
        username=url.username,
        password=url.password or "",
    )
    await round_trip(store, rasa_domain)


RESPONSES = {
    "nothing": ({}, True),
    "slots and a reply": (
        {
            "events": [{"event": "slot", "name": "matters", "value": ["birth_registration"]}],
            "responses": [{"text": "好"}],
        },
        True,
    ),
    "a reset": ({"events": [{"event": "reset_slots"}, {"event": "followup", "name": "application_form"}]}, True),
    "events not a list": ({"events": {"event": "slot"}}, False),
    "event without a type": ({"events": [{"name": "matters", "value": None}]}, False),
    "unknown event type": ({"events": [{"event": "teleport"}]}, False),
    "responses not objects": ({"responses": ["好"]}, False),
    "a user message and an action": (
        {"events": [{"event": "user", "text": "你好", "parse_data": {}}, {"event": "action", "name": "utter_greet"}]},
        True,
    ),
    "slot name not a string": ({"events": [{"event": "slot", "name": 5, "value": 1}]}, False),
    "timestamp not a number": ({"events": [{"event": "reset_slots", "timestamp": "now"}]}, False),
    "event not an object": ({"events": ["reset_slots"]}, False),
    "events missing, reply only": ({"responses": [{"text": "好", "buttons": []}]}, True),
}


@pytest.mark.parametrize("name", RESPONSES)
def test_action_responses_are_checked_as_rasa_checks_them(name, monkeypatch):
    response, valid = RESPONSES[name]
    action = RemoteAction("validate_application_form", None)

    def verdict() -> str:
        try:
            action._validate_action_result(response)
            return "accepted"
        except jsonschema.ValidationError as error:
            return "refused: " + error.message

    monkeypatch.setattr(RemoteAction, "_validate_action_result", rasa_cli._rasa_check)
    rasa_verdict = verdict()
    rasa_cli.install()
    assert RemoteAction._validate_action_result is rasa_cli._validate_action_result
    assert verdict() == rasa_verdict
    assert rasa_verdict.startswith("accepted" if valid else "refused")
    assert rasa_cli._valid(response) is valid  # the quick check alone agrees with Rasa


@pytest.mark.asyncio
async def test_the_loaded_model_is_frozen_out_of_the_collectors_reach():
    model = [{"weights": list(range(10))} for _ in range(1000)]

    async def load(*_args):
        return model

    assert gc.get_freeze_count() == 0
    try:
        assert await rasa_cli.freeze_after(load)("model.tar.gz") is model
        assert gc.get_freeze_count() >= len(model)
    finally:
        gc.unfreeze()
    rasa_cli.install()
    rasa_cli.install()
    import rasa.core.run

    assert rasa.core.run.load_agent_on_start.freezes
    assert not getattr(rasa.core.run.load_agent_on_start.__wrapped__, "freezes", False)  # wrapped once
