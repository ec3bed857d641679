"""The backend over HTTP (aiohttp): one shared session, timeouts, the service token.
Nothing here blocks the event loop."""

import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import aiohttp

from bot.actions import config

logger = logging.getLogger(__name__)
_session: aiohttp.ClientSession | None = None


class BackendUnavailable(Exception):
    """The backend did not answer in time, or answered with a server error. Unless the connection
    was refused, the request may have been carried out: only its reply is missing."""

    def __init__(self, message: str, *, maybe_done: bool = True):
        super().__init__(message)
        self.maybe_done = maybe_done


@dataclass
class Reply:
    status: int
    data: Any


def _get_session() -> aiohttp.ClientSession:
    global _session
    if _session is None or _session.closed:
        _session = aiohttp.ClientSession(
            base_url=config.BACKEND_URL,
            headers={"Authorization": f"Bearer {config.BACKEND_SERVICE_TOKEN}"},
            # Idle connections are dropped before uvicorn's 5 s keep-alive ends: reusing one the
            # server is closing at that moment fails the citizen's turn (ClientOSError).
            connector=aiohttp.TCPConnector(limit=100, keepalive_timeout=2.0),
        )
    return _session


async def request(method: str, path: str, *, timeout: float | None = None, **kwargs) -> Reply:
    try:
        async with _get_session().request(
            method, path, timeout=aiohttp.ClientTimeout(total=timeout or config.BACKEND_TIMEOUT_SECONDS), **kwargs
        ) as response:
            data = await response.json(content_type=None)
            if response.status >= 500:
                raise BackendUnavailable(f"{method} {path}: {response.status}")
            return Reply(response.status, data)
    except (aiohttp.ClientError, TimeoutError, ValueError) as exc:
        # Paths carry no personal data (IDs travel in bodies), so they are safe to log.
        logger.warning("backend unavailable: %s %s (%s)", method, path, type(exc).__name__)
        refused = isinstance(exc, aiohttp.ClientConnectorError)  # never reached the backend
        raise BackendUnavailable(f"{method} {path}", maybe_done=not refused) from exc


async def check(draft: dict) -> list[dict]:
    return (await request("POST", "/api/v1/applications/check", json=draft)).data["errors"]


async def submit(body: dict, idempotency_key: str) -> Reply:
    return await request(
        "POST",
        "/api/v1/applications",
        json=body,
        headers={"Idempotency-Key": idempotency_key},
        timeout=config.SUBMIT_TIMEOUT_SECONDS,
    )


async def by_idempotency_key(idempotency_key: str, conversation_id: str) -> Reply:
    """The application an earlier submission with this key made for this conversation (404: none)."""
    return await request(
        "POST",
        "/api/v1/applications/by-idempotency-key",
        json={"idempotency_key": idempotency_key, "conversation_id": conversation_id},
    )


async def progress(application_no: str, id_number: str, conversation_id: str) -> Reply:
    return await request(
        "POST",
        "/api/v1/progress/query",
        json={"application_no": application_no, "id_number": id_number},
        headers={"X-Conversation-Id": conversation_id},
    )


async def by_conversation(conversation_id: str) -> Reply:
    return await request("POST", "/api/v1/applications/by-conversation", json={"conversation_id": conversation_id})


async def withdraw(application_no: str, id_number: str, conversation_id: str) -> Reply:
    return await request(
        "POST",
        f"/api/v1/applications/{quote(application_no)}/withdraw",
        json={"id_number": id_number},
        headers={"X-Conversation-Id": conversation_id},
    )


# Guides change only when the backend is redeployed: a few minutes of caching saves a backend round
# trip on most turns that quote them (the checklist after every submission, guide answers).
_guide_cache: dict[str, tuple[float, Any]] = {}


async def _guide_get(path: str, **params) -> Any:
    key = path + "?" + "&".join(f"{k}={v}" for k, v in sorted(params.items()))
    hit = _guide_cache.get(key)
    if hit and hit[0] > time.monotonic():
        return hit[1]
    data = (await request("GET", path, params=params or None)).data
    _guide_cache[key] = (time.monotonic() + config.GUIDE_CACHE_SECONDS, data)
    return data


async def guide_section(matter: str, aspect: str) -> dict:
    return await _guide_get(f"/api/v1/guides/{quote(matter)}/sections/{quote(aspect)}")


async def guide(code: str) -> dict:
    return await _guide_get(f"/api/v1/guides/{quote(code)}")


async def search(question: str) -> dict:
    return (await request("GET", "/api/v1/guides/search", params={"q": question[:200], "limit": 1})).data


async def checklist(matters: list[str]) -> dict:
    return await _guide_get("/api/v1/guides/checklist", matters=",".join(matters))


async def handoff(conversation_id: str, channel: str, reason: str, summary: str, matters: list[str]) -> dict | None:
    """The queue entry and whether a person can answer now (agents signed in, service hours);
    None when the backend refused it."""
    reply = await request(
        "POST",
        "/api/v1/handoffs",
        json={
            "conversation_id": conversation_id,
            "channel": channel,
            "reason": reason,
            "summary": summary,
            "matters": matters,
        },
    )
    return reply.data if reply.status == 201 else None


async def offices_by_district() -> dict[str, str]:
    """District -> registry office name, from the marriage guide."""
    data = await guide("marriage_registration")
    return {o["district"]: o["name"] for o in data["location"]["offices"]}


async def notice_consent(conversation_id: str, enabled: bool) -> Reply:
    """Stores whether this conversation's applications send status notices (chat and text)."""
    return await request(
        "POST", "/api/v1/notices/consent", json={"conversation_id": conversation_id, "enabled": enabled}
    )


async def application_pass(conversation_id: str) -> Reply:
    """A pass for the application this conversation submitted (404: none): materials and rating."""
    return await request("POST", "/api/v1/materials/passes", json={"conversation_id": conversation_id})


async def with_pass(method: str, path: str, pass_token: str, **kwargs) -> Reply:
    return await request(method, path, headers={"X-Application-Pass": pass_token}, **kwargs)
