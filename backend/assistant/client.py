"""Rasa's HTTP API as the backend uses it (CONTRACT §5: backend / console → Rasa with an admin JWT).

One client for the console (pause, read, speak as an agent, resume) and for notices (speak on the
citizen's own channel). Speaking appends a `bot` event with `execute_side_effects`, so Rasa records
it in the conversation and sends it through the channel the citizen last wrote on: socket.io
emits to the web widget's room, WeChat sends a customer-service message."""

import re
import time
from functools import lru_cache
from typing import Any

import httpx
import jwt

from backend.assistant.config import AssistantSettings, get_assistant_settings

# Rasa takes the conversation id from the raw path (no percent-decoding: "web%3Aabc" would be
# another, empty conversation), so ids are checked instead of escaped.
CONVERSATION_ID = re.compile(r"[A-Za-z0-9_.:-]{1,128}")


class AssistantUnavailable(Exception):
    """Rasa could not be reached or refused the call; the caller decides what the person sees."""


class AssistantClient:
    def __init__(self, settings: AssistantSettings | None = None, transport: httpx.BaseTransport | None = None):
        self.settings = settings or get_assistant_settings()
        self._http = httpx.Client(
            base_url=self.settings.url.rstrip("/"),
            timeout=self.settings.timeout_seconds,
            transport=transport,
            # Below Sanic's 5 s keep-alive, so a connection Rasa is closing is never reused.
            limits=httpx.Limits(keepalive_expiry=2.0),
        )
        self._minted = ("", 0.0)  # (token, when to mint the next)

    def close(self) -> None:
        self._http.close()

    def _token(self) -> str:
        """A short-lived admin token, minted again once half its life is gone: signing one per
        call was a tenth of the notice dispatcher's CPU."""
        token, renew_at = self._minted
        now = time.time()
        if now >= renew_at:
            ttl = self.settings.jwt_ttl_seconds
            payload = {"user": {"username": "backend", "role": "admin"}, "exp": int(now) + ttl}
            token = jwt.encode(payload, self.settings.jwt_secret, algorithm="HS256")
            self._minted = (token, now + ttl / 2)
        return token

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self._token()}"}
        try:
            response = self._http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as error:
            raise AssistantUnavailable(f"{method} {path}: {type(error).__name__}") from error
        if response.status_code >= 400:
            raise AssistantUnavailable(f"{method} {path}: HTTP {response.status_code}")
        return response.json() if response.content else None

    @staticmethod
    def _conversation(conversation_id: str) -> str:
        if not CONVERSATION_ID.fullmatch(conversation_id):
            raise ValueError("not a conversation id")
        return f"/conversations/{conversation_id}"

    def tracker(self, conversation_id: str) -> dict:
        return self._call("GET", f"{self._conversation(conversation_id)}/tracker")

    def append_events(self, conversation_id: str, events: list[dict], *, side_effects: bool = False) -> dict:
        """Appends `events`; Rasa answers with the tracker's state without its events (no caller
        reads them, and serialising the whole transcript back was most of the answer's cost)."""
        params = {"include_events": "NONE"}
        if side_effects:
            params |= {"output_channel": "latest", "execute_side_effects": "true"}
        return self._call("POST", f"{self._conversation(conversation_id)}/tracker/events", json=events, params=params)

    def pause(self, conversation_id: str) -> None:
        self.append_events(conversation_id, [{"event": "pause", "timestamp": time.time()}])

    def resume(self, conversation_id: str) -> None:
        self.append_events(conversation_id, [{"event": "resume", "timestamp": time.time()}])

    def say(
        self,
        conversation_id: str,
        text: str,
        metadata: dict | None = None,
        *,
        live: bool = True,
        buttons=None,
        slots: dict | None = None,
    ) -> None:
        """Sends `text` (with `buttons`, if any) to the citizen on the conversation's channel and
        records it in the transcript; `live=False` records it only (the citizen saw it already).
        `slots` are set in the same call, so the assistant reads the answer to it as one (the
        rating asked: `offered`, bot/actions/offers.py); both are recorded or neither."""
        now = time.time()
        event = {"event": "bot", "text": text, "timestamp": now, "metadata": metadata or {}}
        if buttons:
            event["data"] = {"buttons": buttons}
        slot_events = [{"event": "slot", "name": k, "value": v, "timestamp": now} for k, v in (slots or {}).items()]
        self.append_events(conversation_id, [event, *slot_events], side_effects=live)

    def execute(self, conversation_id: str, action: str) -> dict:
        """Runs one action (e.g. re-asking the form's question after an agent hands back)."""
        params = {"output_channel": "latest"}
        return self._call(
            "POST", f"{self._conversation(conversation_id)}/execute", json={"name": action}, params=params
        )

    def trigger_intent(self, conversation_id: str, intent: str) -> dict:
        """Runs a whole turn as if the citizen had said `intent`: the assistant's rules decide what
        follows (the form's pending question after "continue_form"), replies on the citizen's channel."""
        params = {"output_channel": "latest"}
        return self._call(
            "POST", f"{self._conversation(conversation_id)}/trigger_intent", json={"name": intent}, params=params
        )


@lru_cache
def get_assistant() -> AssistantClient:
    """One client (and connection pool) per process; a FastAPI dependency tests can override."""
    return AssistantClient()
