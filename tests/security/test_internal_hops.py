"""The hops behind Rasa: only Rasa runs actions, and only on the private interface; browsers from
other origins get no CORS grant from Rasa or the backend."""

import socket

import httpx
import pytest

ACTION_CALL = {
    "next_action": "action_query_progress",
    "sender_id": "web:someone-elses-conversation",
    "tracker": {"sender_id": "web:someone-elses-conversation", "slots": {}, "latest_message": {}, "events": []},
    "domain": {},
    "version": "3.6.2",
}


@pytest.mark.parametrize("headers", [{}, {"X-Action-Token": "local-action-server-token-wrong"}, {"X-Action-Token": ""}])
def test_action_server_refuses_calls_without_rasas_token(stack, headers):
    for method, path, body in (("POST", "/webhook", ACTION_CALL), ("GET", "/actions", None)):
        r = httpx.request(method, f"{stack.actions_url}{path}", json=body, headers=headers, timeout=10)
        assert r.status_code == 401, (path, r.text)
        assert "events" not in r.text


def test_action_server_answers_rasa(stack):
    token = stack.env()["ACTION_SERVER_TOKEN"]
    r = httpx.get(f"{stack.actions_url}/actions", headers={"X-Action-Token": token}, timeout=10)
    assert r.status_code == 200 and {"name": "action_query_progress"} in r.json()


def test_action_server_listens_on_the_loopback_address_only(stack):
    # 127.0.0.2 is another address of this machine: a server bound to every interface answers it.
    with socket.socket() as s, pytest.raises(ConnectionRefusedError):
        s.settimeout(5)
        s.connect(("127.0.0.2", stack.actions_port))
    with socket.create_connection(("127.0.0.1", stack.actions_port), timeout=5):
        pass


@pytest.mark.parametrize("path", ["/", "/socket.io/?EIO=4&transport=polling", "/webhooks/rest/"])
def test_rasa_grants_cors_to_the_web_origin_only(stack, path):
    foreign = httpx.get(f"{stack.rasa_url}{path}", headers={"Origin": "https://evil.example"}, timeout=10)
    assert "access-control-allow-origin" not in foreign.headers
    ours = httpx.get(f"{stack.rasa_url}{path}", headers={"Origin": stack.backend_url}, timeout=10)
    assert ours.headers.get("access-control-allow-origin") == stack.backend_url


def test_rasa_preflight_from_a_foreign_origin_gets_no_grant(stack):
    r = httpx.options(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
        timeout=10,
    )
    assert "access-control-allow-origin" not in r.headers
    assert "access-control-allow-credentials" not in r.headers


def test_backend_grants_no_cors(stack):
    r = httpx.post(
        f"{stack.backend_url}/api/v1/chat-sessions", json={}, headers={"Origin": "https://evil.example"}, timeout=10
    )
    assert "access-control-allow-origin" not in r.headers
