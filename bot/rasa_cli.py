"""`python -m bot.rasa_cli run ...`: Rasa's own command line, same arguments as `rasa`, with four
costs on Rasa's event loop removed first (every conversation waits while the loop is busy),
Rasa's silent fallback to an in-memory tracker store removed (`store_without_fallback`), and
request bodies bounded (`configure_app`).

1. Rasa checks every action server response with jsonschema.validate, which also re-checks Rasa's
   constant response schema against the JSON Schema meta-schema on every call (1.1 ms per action
   call, the largest single cost of a form turn), then tries each event against all 23 event
   schemas. Here the same schema is checked with validators built once, each event against the
   schema for its own type. A response they refuse still goes through Rasa's own check, so what
   Rasa refuses and its error message stay Rasa's.
2. The loaded model is over half a million Python objects that live as long as the process. Each
   full garbage collection walked them all: a 0.3 s stall for every conversation in flight, every
   few thousand turns. Once the model is loaded they are frozen out of the collector's reach.
3. Rasa rebuilds every event it reads (each turn's stored conversation, each action's reply) by
   walking Event's whole class tree to find the class for its type: about 35 µs an event, 4 ms a
   turn for a 100-event conversation. Here the type is looked up in a table built once; a type not
   in it goes to Rasa's own lookup.
4. Rasa opens a new HTTP session, and so a new connection, for every call to the action server and
   closes it after the reply: 2 ms of each form turn here (5.5 ms a call, now 3.5 ms). Its endpoints keep one session per
   event loop instead, with connections kept open for less time than the action server (Sanic,
   5 s) keeps them, so an idle connection is dropped by the client first. Everything else about
   the request (headers, token, timeout, errors) is Rasa's own code.
"""

import asyncio
import functools
import gc
import sys
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
import rasa.core.run
from jsonschema import validators
from rasa.core.actions.action import RemoteAction
from rasa.core.agent import Agent
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig

from security.guard import enforce

_rasa_check = RemoteAction._validate_action_result
_rasa_resolve = Event.resolve_by_type
_rasa_close_resources = rasa.core.run.close_resources
KEEP_ALIVE_SECONDS = 2.0  # below the action server's 5 s


@functools.cache
def _response_checks() -> tuple[Any, dict[str, Any]]:
    """Validators for Rasa's response schema, built once: the response without its events, and one
    per event type. Rasa's event schema is a oneOf whose alternatives each name their event type
    with a const, so an event satisfies the oneOf exactly when it satisfies the alternative for its
    own type; checking only that one skips trying the other 22 for every event."""
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, not on every response
    events = schema["properties"]["events"]["items"]
    common = {k: v for k, v in events.items() if k != "oneOf"}
    by_type = {alt["properties"]["event"]["const"]: cls({"allOf": [common, alt]}) for alt in events["oneOf"]}
    if len(by_type) != len(events["oneOf"]):  # a later Rasa sharing a type between alternatives
        by_type = {}  # every event goes to Rasa's own check
    outer = cls({**schema, "properties": {**schema["properties"], "events": {"type": "array"}}})
    return outer, by_type


def _valid(result: Any) -> bool:
    outer, by_type = _response_checks()
    if not outer.is_valid(result):
        return False
    for event in result.get("events") or []:
        check = by_type.get(event.get("event")) if isinstance(event, dict) else None
        if check is None or not check.is_valid(event):
            return False
    return True


def _validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    if _valid(result):
        return True
    return _rasa_check(self, result)  # Rasa's own verdict: raises its ValidationError


@functools.cache
def _event_types() -> dict[str, type[Event]]:
    types: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):  # in the order Rasa searches: the first match wins
        types.setdefault(cls.type_name, cls)
    return types


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    return _event_types().get(type_name) or _rasa_resolve(type_name, default)


def freeze_after(load: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(load)
    async def load_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await load(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    load_then_freeze.freezes = True
    return load_then_freeze


class _KeptOpen:
    """A pooled session that Rasa's `async with endpoint.session() as session:` leaves open."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *_exc: object) -> None:
        return None


# Sessions belong to the loop they were opened on (tests run several loops, Rasa's server one),
# and are shared by endpoints with the same headers and auth; the URL comes with each request.
_pools: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[tuple, aiohttp.ClientSession]]" = (
    weakref.WeakKeyDictionary()
)


def pooled_session(self: EndpointConfig) -> _KeptOpen:
    """A session as Rasa's own (same headers, auth and timeout), opened once per loop."""
    pool = _pools.setdefault(asyncio.get_running_loop(), {})
    key = (tuple(sorted((self.headers or {}).items())), tuple(sorted((self.basic_auth or {}).items())))
    session = pool.get(key)
    if session is None or session.closed:
        auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) if self.basic_auth else None
        session = pool[key] = aiohttp.ClientSession(
            headers=self.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS),
        )
    return _KeptOpen(session)


async def close_pooled_sessions() -> None:
    for session in _pools.pop(asyncio.get_running_loop(), {}).values():
        await session.close()


async def close_resources(*args: Any, **kwargs: Any) -> None:
    await _rasa_close_resources(*args, **kwargs)
    await close_pooled_sessions()


def store_without_fallback(store: TrackerStore | None, domain: Domain) -> TrackerStore:
    """Rasa wraps the tracker store in FailSafeTrackerStore, which on any error saves to memory
    (the answer is lost at the next restart while the citizen sees the next question) or reads
    nothing (the conversation starts over). The error reaches the channel instead
    (bot/channels/turn_guard.py), which asks the citizen to send the message again."""
    # Rasa also answers a tracker store class it cannot import with an in-memory store, silently.
    if store is None or isinstance(store, InMemoryTrackerStore):
        raise ValueError("no usable tracker store configured: conversations would live in memory only")
    store.domain = domain
    return store


# Bodies above this are refused (413) before anything reads them: a turn's message is at most
# 2,000 characters (bot/channels/turn_guard.py); Sanic's default is 100 MB.
MAX_REQUEST_BYTES = 256 * 1024
_rasa_configure_app = rasa.core.run.configure_app


def configure_app(*args: Any, **kwargs: Any) -> Any:
    app = _rasa_configure_app(*args, **kwargs)
    app.config.REQUEST_MAX_SIZE = MAX_REQUEST_BYTES
    return app


def install() -> None:
    rasa.core.run.configure_app = configure_app
    Agent._create_tracker_store = staticmethod(store_without_fallback)
    RemoteAction._validate_action_result = _validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)
    EndpointConfig.session = pooled_session
    rasa.core.run.close_resources = close_resources
    # serve_application looks the loader up in its module when the server starts.
    if not getattr(rasa.core.run.load_agent_on_start, "freezes", False):
        rasa.core.run.load_agent_on_start = freeze_after(rasa.core.run.load_agent_on_start)


def main() -> None:
    if "run" in sys.argv[1:2]:
        enforce("rasa")  # before loading anything: production refuses local or missing secrets
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
