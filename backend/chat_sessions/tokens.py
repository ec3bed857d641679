"""Chat session tokens: "v1.{id}.{exp}.{sig}", sig = hex HMAC-SHA256(secret, "v1.{id}.{exp}").
Rasa's socket.io channel verifies the same format with the same secret: change both together."""

import hashlib
import hmac
import re
import secrets

VERSION = "v1"
_ID = re.compile(r"[A-Za-z0-9_-]{16,64}")
_EXP = re.compile(r"[0-9]{1,12}")  # [0-9], not \d: \d also matches other scripts' digits


def new_id() -> str:
    return secrets.token_urlsafe(18)


def _sig(secret: str, session_id: str, exp: int) -> str:
    message = f"{VERSION}.{session_id}.{exp}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def issue(secret: str, session_id: str, exp: int) -> str:
    return f"{VERSION}.{session_id}.{exp}.{_sig(secret, session_id, exp)}"


def verify(secret: str, token: str, now: int) -> str | None:
    """The session id of a genuine, unexpired token; None otherwise."""
    parts = token.split(".")
    if len(parts) != 4:
        return None
    version, session_id, exp, sig = parts
    if version != VERSION or not _ID.fullmatch(session_id) or not _EXP.fullmatch(exp):
        return None
    # Bytes, not str: compare_digest refuses non-ASCII strings with a TypeError.
    if not hmac.compare_digest(_sig(secret, session_id, int(exp)).encode(), sig.encode("utf-8", "replace")):
        return None
    return session_id if int(exp) > now else None
