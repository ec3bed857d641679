"""The patches of bot/rasa_patches keep Rasa's behaviour: events are rebuilt as Rasa rebuilds them,
action server responses are accepted and refused as Rasa does, action server calls (and only they)
share a connection, the loaded model is frozen out of the garbage collector's reach, and trackers
are kept in a SQLite file in WAL mode. Every test that patches Rasa does it through the
`rasa_patched` fixture, which undoes the patches (tests/bot/conftest.py checks after each test)."""

import gc
import uuid
from pathlib import Path

import jsonschema
import pytest
from aiohttp import web
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    DefinePrevUserUtteredFeaturization,
    Event,
    FollowupAction,
    LoopInterrupted,
    SessionStarted,
    SlotSet,
    UserUttered,
    deserialise_events,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from bot.rasa_patches import action_session, event_lookup, model_freeze, response_check
from bot.tracker_store import SealedSQLTrackerStore

ROOT = Path(__file__).resolve().parents[2]


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


def test_events_are_rebuilt_as_rasa_rebuilds_them(request):
    serialised = [e.as_dict() for e in conversation()]
    assert Event.resolve_by_type is event_lookup.rasa_resolve
    by_rasa = deserialise_events(serialised)
    request.getfixturevalue("rasa_patched")
    assert Event.resolve_by_type is event_lookup.resolve_by_type
    assert deserialise_events(serialised) == by_rasa == conversation()
    for cls in all_subclasses(Event):
        assert event_lookup.resolve_by_type(cls.type_name) is event_lookup.rasa_resolve(cls.type_name)


def test_an_unknown_event_type_is_refused_as_rasa_refuses_it(rasa_patched):
    with pytest.raises(ValueError):
        deserialise_events([{"event": "no_such_event"}])
    assert Event.resolve_by_type("topic") is None
    assert Event.resolve_by_type("no_such_event", default=SlotSet) is SlotSet


@pytest.mark.asyncio
async def test_trackers_are_kept_in_a_sqlite_file_in_wal_mode(tmp_path, rasa_domain, monkeypatch, chat_store_key):
    store = SealedSQLTrackerStore(rasa_domain, dialect="sqlite", db=str(tmp_path / "tracker.sqlite3"))
    sender = f"t-{uuid.uuid4().hex[:8]}"
    await store.save(DialogueStateTracker.from_events(sender, conversation()[:6], rasa_domain.slots))
    # A tracker the store has read knows which of its events are stored: Rasa's count is not needed.
    monkeypatch.setattr(SQLTrackerStore, "_additional_events", lambda *_: pytest.fail("counted again"))
    tracker = await store.retrieve(sender)
    for event in conversation()[6:10]:
        tracker.update(event)
    await store.save(tracker)
    for event in conversation()[10:]:
        tracker.update(event)
    await store.save(tracker)  # a second save in the same turn
    loaded = await store.retrieve(sender)
    assert list(loaded.events) == conversation()[1:]  # the last session: from SessionStarted on
    assert loaded.get_slot("application_no") == "HY261127AAAAAAAA" and loaded.get_slot("matters") is None
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("SELECT count(*) FROM events").scalar() == len(conversation())


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
def test_action_responses_are_checked_as_rasa_checks_them(name, request):
    response, valid = RESPONSES[name]
    action = RemoteAction("validate_application_form", None)

    def verdict() -> str:
        try:
            action._validate_action_result(response)
            return "accepted"
        except jsonschema.ValidationError as error:
            return "refused: " + error.message

    assert RemoteAction._validate_action_result is response_check.rasa_check
    rasa_verdict = verdict()
    request.getfixturevalue("rasa_patched")
    assert RemoteAction._validate_action_result is response_check.validate_action_result
    assert verdict() == rasa_verdict
    assert rasa_verdict.startswith("accepted" if valid else "refused")
    assert response_check.quick_valid(response) is valid  # the quick check alone agrees with Rasa


@pytest.mark.asyncio
async def test_the_loaded_model_is_frozen_out_of_the_collectors_reach(request):
    model = [{"weights": list(range(10))} for _ in range(1000)]

    async def load(*_args):
        return model

    assert gc.get_freeze_count() == 0
    try:
        assert await model_freeze.freeze_after(load)("model.tar.gz") is model
        assert gc.get_freeze_count() >= len(model)
    finally:
        gc.unfreeze()
    import rasa.core.run

    rasas_loader = rasa.core.run.load_agent_on_start
    patches = request.getfixturevalue("rasa_patched")
    patches.install()  # a second install changes nothing
    assert rasa.core.run.load_agent_on_start.__wrapped__ is rasas_loader  # wrapped once


async def _webhook_server():
    """An aiohttp server that records the connection and headers of every call."""
    peers, seen = set(), []

    async def webhook(request: web.Request) -> web.Response:
        peers.add(request.transport.get_extra_info("peername"))
        seen.append((request.headers.get("X-Team"), request.query.get("token"), await request.json()))
        if request.query.get("fail"):
            return web.json_response({"error": "no"}, status=400)
        return web.json_response({"events": [], "responses": []})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, site._server.sockets[0].getsockname()[1], peers, seen


def _endpoints_file(tmp_path: Path, port: int) -> str:
    path = tmp_path / "endpoints.yml"
    path.write_text(
        f"action_endpoint:\n  url: http://127.0.0.1:{port}/webhook\n  token: t0k\n  headers:\n    X-Team: hy\n"
        f"models:\n  url: http://127.0.0.1:{port}/webhook\n  token: t0k\n  headers:\n    X-Team: hy\n"
    )
    return str(path)


@pytest.mark.asyncio
async def test_action_server_calls_reuse_one_connection_and_keep_rasas_request(tmp_path, request):
    """Rasa's own request code runs over a session kept open: one connection for many calls to the
    action endpoint read from endpoints.yml, with its headers, token and error handling as before."""
    from rasa.core.utils import AvailableEndpoints

    runner, port, peers, seen = await _webhook_server()
    request.getfixturevalue("rasa_patched")
    endpoint = AvailableEndpoints.read_endpoints(_endpoints_file(tmp_path, port)).action
    try:
        for i in range(5):
            assert await endpoint.request(json={"n": i}, method="post") == {"events": [], "responses": []}
        with pytest.raises(ClientResponseError) as refused:
            await endpoint.request(json={"n": 5}, method="post", params={"fail": "1"})
        assert refused.value.status == 400
        assert len(peers) == 1  # Rasa alone opens a connection per call
        assert seen[0] == ("hy", "t0k", {"n": 0}) and len(seen) == 6
    finally:
        await action_session.close_pooled_sessions()
        await runner.cleanup()


@pytest.mark.asyncio
async def test_only_the_action_endpoint_keeps_its_session_open(tmp_path, request):
    """The model server (and any other endpoint) keeps Rasa's session per call, patched or not."""
    from rasa.core.utils import AvailableEndpoints

    runner, port, peers, _seen = await _webhook_server()
    request.getfixturevalue("rasa_patched")
    endpoints = AvailableEndpoints.read_endpoints(_endpoints_file(tmp_path, port))
    standalone = EndpointConfig(url=f"http://127.0.0.1:{port}/webhook")
    try:
        assert action_session.is_pooled(endpoints.action)
        assert not action_session.is_pooled(endpoints.model) and not action_session.is_pooled(standalone)
        for i in range(3):
            await endpoints.model.request(json={"n": i}, method="post")
        assert len(peers) == 3  # a connection per call, as Rasa does
    finally:
        await action_session.close_pooled_sessions()
        await runner.cleanup()
