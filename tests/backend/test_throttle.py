"""The progress throttle cannot be bypassed by rotating names the caller controls (addresses in
X-Forwarded-For, new web chat sessions, forged web sender ids), and other people's failures do
not lock an applicant out of their own application in their own conversation."""

import sys
import uuid
from datetime import date

import httpx
import pytest
from fastapi.testclient import TestClient

import backend.serve
from backend.chat_sessions.service import open_session
from backend.database import get_sessionmaker
from backend.network.config import NetworkSettings, get_network_settings, uvicorn_proxy_options
from tests.backend.helpers import SERVICE, make_id
from tests.backend.live import backend_server

OTHER_ID = make_id(date(1990, 1, 1), "M", seq=78)
QUERY = "/api/v1/progress/query"


def _bot(conversation_id: str) -> dict:
    return {**SERVICE, "X-Conversation-Id": conversation_id}


def _unknown() -> str:
    return "HY" + uuid.uuid4().hex[:14].upper()


def _web_session(client) -> str:
    return client.post("/api/v1/chat-sessions").json()["sender_id"]


def test_owner_is_not_locked_out_by_other_peoples_failures(client, submitted, progress):
    app_no, body = submitted
    right = body["spouse"]["id_number"]
    for _ in range(5):  # someone guessing at this number from the progress page
        assert progress(app_no, OTHER_ID).status_code == 404
    assert progress(app_no, right).status_code == 429  # the guesser, even with the right ID
    assert progress(app_no, right, _bot("web:someone-else")).status_code == 429  # any other conversation
    owner = _bot(body["conversation_id"])
    assert progress(app_no, right, owner).status_code == 200
    r = client.post(f"/api/v1/applications/{app_no}/withdraw", json={"id_number": right}, headers=owner)
    assert r.status_code == 200, r.text


def test_owners_own_failures_still_count(submitted, progress):
    app_no, body = submitted
    owner = _bot(body["conversation_id"])
    for _ in range(5):
        assert progress(_unknown(), OTHER_ID, owner).status_code == 404
    assert progress(app_no, body["spouse"]["id_number"], owner).status_code == 429


def test_refusals_do_not_reveal_whether_a_number_exists(submitted, progress):
    app_no, _ = submitted
    unknown = _unknown()
    for i in range(5):
        progress(app_no, OTHER_ID, _bot(f"a{i}"))
        progress(unknown, OTHER_ID, _bot(f"b{i}"))
    known, missing = progress(app_no, OTHER_ID, _bot("c")), progress(unknown, OTHER_ID, _bot("d"))
    assert known.status_code == missing.status_code == 429
    assert known.json() == missing.json()


def test_new_web_chat_sessions_from_one_address_share_a_count(client, submitted, progress):
    app_no, body = submitted
    for _ in range(5):  # a fresh chat session for every guess
        assert progress(_unknown(), OTHER_ID, _bot(_web_session(client))).status_code == 404
    assert progress(app_no, body["spouse"]["id_number"], _bot(_web_session(client))).status_code == 429
    # A citizen whose session came from another address is not affected.
    with get_sessionmaker()() as s:
        elsewhere = open_session(s, None, "198.51.100.7").sender_id
    assert progress(app_no, body["spouse"]["id_number"], _bot(elsewhere)).status_code == 200


def test_web_sender_ids_never_issued_share_one_count(client, submitted, progress):
    app_no, body = submitted
    right = body["spouse"]["id_number"]
    for i in range(5):
        assert progress(_unknown(), OTHER_ID, _bot(f"web:forged-{i}")).status_code == 404
    assert progress(app_no, right, _bot("web:forged-new")).status_code == 429
    assert progress(app_no, right, _bot(_web_session(client))).status_code == 200
    assert progress(app_no, right, _bot("wechat:o6_bmjrPTlm6_2sgVt7hMZOPfL2M")).status_code == 200


def test_over_long_conversation_id_is_422(progress):
    assert progress(_unknown(), OTHER_ID, _bot("x" * 129)).status_code == 422


# ---- X-Forwarded-For ----


def test_no_proxy_is_trusted_by_default():
    assert uvicorn_proxy_options(NetworkSettings(trusted_proxies="")) == {"proxy_headers": False}
    assert uvicorn_proxy_options(NetworkSettings(trusted_proxies=" 10.0.0.1, 10.0.0.0/8 ")) == {
        "proxy_headers": True,
        "forwarded_allow_ips": "10.0.0.1,10.0.0.0/8",
    }


@pytest.fixture
def no_proxy_env(monkeypatch):
    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    get_network_settings.cache_clear()
    yield
    get_network_settings.cache_clear()


@pytest.mark.usefixtures("no_proxy_env")
def test_serve_passes_the_proxy_options_to_uvicorn(monkeypatch):
    seen = {}
    monkeypatch.setattr(backend.serve, "upgrade_to_head", lambda: None)
    monkeypatch.setattr(backend.serve.uvicorn, "run", lambda *a, **kw: seen.update(kw))
    monkeypatch.setattr(sys, "argv", ["serve"])
    backend.serve.main()
    assert seen["proxy_headers"] is False
    assert "forwarded_allow_ips" not in seen


def _guesses_from_rotating_addresses(base: str) -> list[int]:
    codes = []
    for i in range(6):
        r = httpx.post(
            f"{base}{QUERY}",
            json={"application_no": _unknown(), "id_number": OTHER_ID},
            headers={"X-Forwarded-For": f"203.0.113.{i + 1}"},
            timeout=30,
        )
        codes.append(r.status_code)
    return codes


@pytest.mark.usefixtures("fresh_limits")
def test_rotating_forwarded_for_does_not_reset_the_count(migrated):
    """A real uvicorn on 127.0.0.1: uvicorn itself would trust X-Forwarded-For from there."""
    with backend_server(migrated) as base:
        assert _guesses_from_rotating_addresses(base) == [404] * 5 + [429]


@pytest.mark.usefixtures("fresh_limits")
def test_forwarded_for_counts_behind_a_trusted_proxy(migrated):
    with backend_server(migrated, TRUSTED_PROXIES="127.0.0.1") as base:
        assert _guesses_from_rotating_addresses(base) == [404] * 6


def test_testclient_address_is_what_counts(app, fresh_limits, submitted, progress):
    """In-process too: X-Forwarded-For is not read by the application itself."""
    app_no, body = submitted
    for i in range(5):
        r = progress(_unknown(), OTHER_ID, {"X-Forwarded-For": f"203.0.113.{i}"})
        assert r.status_code == 404
    assert progress(app_no, body["spouse"]["id_number"]).status_code == 429
    with TestClient(app, client=("198.51.100.9", 50000)) as other:
        r = other.post(QUERY, json={"application_no": app_no, "id_number": body["spouse"]["id_number"]})
        assert r.status_code == 200
