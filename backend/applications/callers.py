"""Who is looking an application up, and the buckets its failures are counted in: none of them
may be reset by changing a value the caller chooses freely."""

from dataclasses import dataclass

from sqlalchemy.orm import Session

from backend.chat_sessions.service import SENDER_PREFIX, issuing_client
from backend.pii import lookup_hash

# Web sender ids the backend never issued share one bucket: forging new ones resets nothing.
UNISSUED_WEB = "client:unissued-web"


@dataclass(frozen=True)
class Caller:
    address: str
    conversation_id: str | None = None  # only when the assistant (service token) names it


def client_buckets(session: Session, caller: Caller) -> list[str]:
    """An address counts as its keyed hash; a web conversation also counts against the address
    that opened its chat session, so opening new sessions does not start a new count."""
    if caller.conversation_id is None:
        return [f"client:{lookup_hash(caller.address)}"]
    buckets = [f"conversation:{caller.conversation_id}"]
    if caller.conversation_id.startswith(SENDER_PREFIX):
        issuer = issuing_client(session, caller.conversation_id)
        buckets.append(f"client:{issuer}" if issuer else UNISSUED_WEB)
    return buckets
