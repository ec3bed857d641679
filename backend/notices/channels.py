"""Where notices go. Each sender is idempotent by the notice's delivery key: asked to look first
(a try after one whose outcome was lost), it finds an earlier delivery instead of repeating it."""

import fcntl
import json
import logging
from pathlib import Path
from typing import Protocol

from backend.assistant.client import AssistantClient
from backend.clock import now_utc
from backend.notices.config import NoticeSettings
from backend.pii import mask_phone
from security.guard import is_production

logger = logging.getLogger("backend.notices")
KEY_FIELD = "notice_key"  # in the bot event's metadata


class ChatSender:
    """The conversation's own channel through Rasa (AssistantClient.say): the web widget's
    socket.io room, WeChat's customer-service API, or the transcript alone for `rest:`."""

    def __init__(self, client: AssistantClient | None = None):
        self.client = client or AssistantClient()

    def delivered(self, conversation_id: str, key: str) -> bool:
        events = self.client.tracker(conversation_id).get("events") or []
        return any(e.get("event") == "bot" and (e.get("metadata") or {}).get(KEY_FIELD) == key for e in events)

    def send(
        self,
        conversation_id: str,
        text: str,
        key: str,
        *,
        look_first: bool,
        live: bool = True,
        buttons=None,
        slots: dict | None = None,
    ) -> None:
        if look_first and self.delivered(conversation_id, key):
            logger.info("notice %s was delivered before; not sent again", key)
            return
        self.client.say(conversation_id, text, {KEY_FIELD: key}, live=live, buttons=buttons, slots=slots)


class SmsProvider(Protocol):
    """A text-message gateway. A real one (e.g. a carrier or cloud SMS API) implements:

    - `send(phone, text, reference)`: submit one message to `phone` (11 digits, decrypted by the
      caller just before the call and kept nowhere); `reference` is the notice's delivery key,
      passed as the gateway's client reference (out-id) so its delivery reports name it. Raise on
      any refusal or transport error: the dispatcher retries with backoff.
    - `sent(reference)`: whether a message with this reference was accepted earlier (the gateway's
      send-record query by out-id). Asked only before a try that follows a lost outcome.
    Its credentials become secrets in security/guard.py."""

    def send(self, phone: str, text: str, reference: str) -> None: ...

    def sent(self, reference: str) -> bool: ...


class LogSmsProvider:
    """Local and test environments only: appends each message as a JSON line to a file (the phone
    masked), so a developer or a test can read what a citizen would receive."""

    def __init__(self, path: Path):
        if is_production():
            raise RuntimeError("NOTICES_SMS_PROVIDER=log writes texts to a local file: not allowed in production")
        self.path = path
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def sent(self, reference: str) -> bool:
        if not self.path.exists():
            return False
        with self.path.open(encoding="utf-8") as f:
            return any(json.loads(line).get("reference") == reference for line in f if line.strip())

    def send(self, phone: str, text: str, reference: str) -> None:
        line = {"reference": reference, "to": mask_phone(phone), "text": text, "sent_at": now_utc().isoformat()}
        with self.path.open("a", encoding="utf-8") as f:
            fcntl.flock(f, fcntl.LOCK_EX)  # two dispatchers append whole lines
            f.write(json.dumps(line, ensure_ascii=False) + "\n")


class SmsSender:
    def __init__(self, provider: SmsProvider):
        self.provider = provider

    def send(self, phone: str, text: str, key: str, *, look_first: bool) -> None:
        if look_first and self.provider.sent(key):
            logger.info("text %s was sent before; not sent again", key)
            return
        self.provider.send(phone, f"【婚育一件事】{text}", key)


def sms_provider(settings: NoticeSettings) -> SmsProvider:
    if settings.sms_provider == "log":
        return LogSmsProvider(settings.sms_log_path)
    raise RuntimeError(f"unknown NOTICES_SMS_PROVIDER {settings.sms_provider!r}: only 'log' is built in")
