"""One open HTTP session for the calls to the action server, and for nothing else.

Why: Rasa opens a new aiohttp session, and so a new connection, for every call to an endpoint and
closes it after the reply.
Gain: 2 ms of each form turn (a call took 5.5 ms, now 3.5 ms; bench/RESULTS.md).
How: the action endpoint Rasa reads from endpoints.yml keeps one session per event loop, with
connections kept open for less time than the action server (Sanic, 5 s) keeps them, so an idle
connection is dropped by the client first. Everything else about the request (headers, token,
timeout, errors) is Rasa's own code. Other endpoints (model server, NLG, event broker) keep Rasa's
session per call: a model download must not hold a connection, and their servers' limits are
not ours to know.
"""

import asyncio
import types
import weakref
from typing import Any

import aiohttp
import rasa.core.run
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.core.utils import AvailableEndpoints
from rasa.utils.endpoints import EndpointConfig

from bot.rasa_patches.replacing import Replacement

KEEP_ALIVE_SECONDS = 2.0  # below the action server's 5 s


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


def _pooled_session(endpoint: EndpointConfig) -> _KeptOpen:
    """A session as Rasa's own (same headers, auth and timeout), opened once per loop."""
    pool = _pools.setdefault(asyncio.get_running_loop(), {})
    key = (tuple(sorted((endpoint.headers or {}).items())), tuple(sorted((endpoint.basic_auth or {}).items())))
    session = pool.get(key)
    if session is None or session.closed:
        auth = (
            aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
            if endpoint.basic_auth
            else None
        )
        session = pool[key] = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS),
        )
    return _KeptOpen(session)


def pool_sessions(endpoint: EndpointConfig | None) -> EndpointConfig | None:
    """This one endpoint keeps its session open (an instance attribute: the class is untouched)."""
    if endpoint is not None:
        endpoint.session = types.MethodType(_pooled_session, endpoint)
    return endpoint


def is_pooled(endpoint: EndpointConfig) -> bool:
    return "session" in vars(endpoint)


async def close_pooled_sessions() -> None:
    for session in _pools.pop(asyncio.get_running_loop(), {}).values():
        await session.close()


def _pool_action_endpoint(read_endpoints: Any) -> classmethod:
    def read_with_pooled_actions(cls: type[AvailableEndpoints], *args: Any, **kwargs: Any) -> AvailableEndpoints:
        endpoints = read_endpoints(*args, **kwargs)
        pool_sessions(endpoints.action)
        return endpoints

    return classmethod(read_with_pooled_actions)


def _close_pooled_too(close_resources: Any) -> Any:
    async def close_resources_and_sessions(*args: Any, **kwargs: Any) -> None:
        await close_resources(*args, **kwargs)
        await close_pooled_sessions()

    return close_resources_and_sessions


def replacements() -> list[Replacement]:
    return [
        Replacement(AvailableEndpoints, "read_endpoints", _pool_action_endpoint(AvailableEndpoints.read_endpoints)),
        Replacement(rasa.core.run, "close_resources", _close_pooled_too(rasa.core.run.close_resources)),
    ]
