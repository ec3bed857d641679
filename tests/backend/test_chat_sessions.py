"""Web chat sessions: the token format Rasa's socket.io channel checks, refresh, expiry, forgery
and the limit on new sessions per client address."""

import hashlib
import hmac
import re
import time

import pytest
from sqlalchemy import select

from backend.chat_sessions.config import get_chat_session_settings
from backend.chat_sessions.models import ChatSession
from backend.database import get_sessionmaker
from backend.pii import lookup_hash

URL = "/api/v1/chat-sessions"
SECRET = "local-chat-session-secret"
TOKEN = re.compile(r"v1\.([A-Za-z0-9_-]{24})\.([0-9]+)\.([0-9a-f]{64})")


def _token(session_id: str, exp: int, secret: str = SECRET) -> str:
    """Signed independently of the backend's code, exactly as the contract with Rasa says."""
    sig = hmac.new(secret.encode(), f"v1.{session_id}.{exp}".encode(), hashlib.sha256).hexdigest()
    return f"v1.{session_id}.{exp}.{sig}"


def _row(session_id: str) -> ChatSession | None:
    with get_sessionmaker()() as s:
        return s.get(ChatSession, session_id)


@pytest.fixture
def limit(monkeypatch):
    def _set(n: int) -> None:
        monkeypatch.setattr(get_chat_session_settings(), "max_new_per_window", n)

    return _set


def test_new_session_token_has_the_agreed_format(client):
    r = client.post(URL)
    assert r.status_code == 201, r.text
    out = r.json()
    session_id, exp, _sig = TOKEN.fullmatch(out["session_token"]).groups()
    assert out["session_token"] == _token(session_id, int(exp))
    assert out["sender_id"] == f"web:{session_id}"
    assert int(exp) - time.time() > 7 * 24 * 3600 - 60
    row = _row(session_id)
    assert row.client_hash == lookup_hash("testclient")  # the address itself is not stored
    assert int(row.expires_at.timestamp()) == int(exp)


def test_genuine_token_is_refreshed_with_the_same_id(client, limit):
    first = client.post(URL).json()
    session_id = first["sender_id"].removeprefix("web:")
    short = _token(session_id, int(time.time()) + 10)  # as if issued a week ago
    limit(0)  # refreshes are not new sessions: the limit does not apply to them
    r = client.post(URL, json={"session_token": short})
    assert r.status_code == 201, r.text
    assert r.json()["sender_id"] == first["sender_id"]
    _, exp, _ = TOKEN.fullmatch(r.json()["session_token"]).groups()
    assert int(exp) > time.time() + 7 * 24 * 3600 - 60
    assert int(_row(session_id).expires_at.timestamp()) == int(exp)


def test_expired_token_starts_a_new_session(client):
    session_id = client.post(URL).json()["sender_id"].removeprefix("web:")
    r = client.post(URL, json={"session_token": _token(session_id, int(time.time()) - 1)})
    assert r.status_code == 201
    assert r.json()["sender_id"] not in ("", f"web:{session_id}")


@pytest.mark.parametrize(
    "forge",
    [
        lambda sid, exp: _token(sid, exp, secret="guessed-secret"),
        lambda sid, exp: _token(sid, exp)[:-1] + ("0" if _token(sid, exp)[-1] != "0" else "1"),
        lambda sid, exp: _token(sid, exp).upper().replace("V1.", "v1.", 1),
        lambda sid, exp: _token(sid, exp).replace("v1.", "v2.", 1),
        lambda sid, exp: _token(sid, exp) + ".x",
        lambda sid, exp: f"v1.{sid}.{exp}.{'é' * 64}",
        lambda sid, exp: f"v1.{sid}.{'²' * 3}.{'0' * 64}",
        lambda sid, exp: f"v1.{sid}.{'9' * 5000}.{'0' * 64}",
        lambda sid, exp: "",
    ],
)
def test_forged_or_malformed_token_gets_a_new_session(client, forge):
    session_id = client.post(URL).json()["sender_id"].removeprefix("web:")
    r = client.post(URL, json={"session_token": forge(session_id, int(time.time()) + 3600)[:256]})
    assert r.status_code == 201, r.text
    assert r.json()["sender_id"] != f"web:{session_id}"


def test_new_sessions_per_address_are_limited(app, client, limit):
    limit(3)
    tokens = [client.post(URL).json()["session_token"] for _ in range(3)]
    r = client.post(URL)
    assert r.status_code == 429
    assert "分钟" in r.json()["detail"]
    # Forged tokens do not slip past as refreshes; genuine ones still refresh.
    forged = _token("A" * 24, int(time.time()) + 60, secret="guessed")
    assert client.post(URL, json={"session_token": forged}).status_code == 429
    assert client.post(URL, json={"session_token": tokens[0]}).status_code == 201
    # Counted per address: another address may still start one.
    from fastapi.testclient import TestClient

    with TestClient(app, client=("198.51.100.7", 50000)) as other:
        assert other.post(URL).status_code == 201
    with get_sessionmaker()() as s:
        hashes = s.scalars(select(ChatSession.client_hash)).all()
    assert hashes.count(lookup_hash("testclient")) == 3


def test_genuine_token_whose_row_is_gone_keeps_its_conversation(client):
    """E.g. after a database restore: the signature alone proves the backend issued it."""
    out = client.post(URL).json()
    session_id = out["sender_id"].removeprefix("web:")
    with get_sessionmaker().begin() as s:
        s.delete(s.get(ChatSession, session_id))
    r = client.post(URL, json={"session_token": out["session_token"]})
    assert r.json()["sender_id"] == out["sender_id"]
    assert _row(session_id).client_hash == lookup_hash("testclient")
