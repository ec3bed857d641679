"""Web chat sessions issued by the backend (`POST /api/v1/chat-sessions`), checked here.

A token is `v1.{id}.{exp}.{sig}`: `sig` is hex HMAC-SHA256(CHAT_SESSION_SECRET, "v1.{id}.{exp}").
The conversation is `web:{id}`: it comes from a token the backend signed, never from the client."""

import hashlib
import hmac
import re
import time
from dataclasses import dataclass

_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
_DIGITS = re.compile(r"[0-9]{1,12}")  # str.isdigit() would take "²"


@dataclass(frozen=True)
class ChatSession:
    sender_id: str
    expires_at: int

    def expired(self, now: float | None = None) -> bool:
        return (time.time() if now is None else now) >= self.expires_at


def verify(token: object, secret: str, now: float | None = None) -> ChatSession | None:
    """The session a token proves, or None for anything forged, malformed or expired."""
    if not isinstance(token, str) or len(token) > 200:
        return None
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != "v1" or not _ID.fullmatch(parts[1]) or not _DIGITS.fullmatch(parts[2]):
        return None
    signed = f"v1.{parts[1]}.{parts[2]}".encode()
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), parts[3].encode()):
        return None
    session = ChatSession(sender_id=f"web:{parts[1]}", expires_at=int(parts[2]))
    return None if session.expired(now) else session
