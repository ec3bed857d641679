"""The backend's Rasa client: admin JWT on every call, ids escaped, speech recorded with side effects."""

import json
import time

import httpx
import jwt
import pytest

from backend.assistant.client import AssistantClient, AssistantUnavailable
from backend.assistant.config import AssistantSettings

SECRET = "a-test-secret-that-is-long-enough-000"


def client_with(handler) -> AssistantClient:
    settings = AssistantSettings(url="http://rasa.test", jwt_secret=SECRET)
    return AssistantClient(settings, transport=httpx.MockTransport(handler))


def test_say_appends_a_bot_event_with_side_effects_on_the_latest_channel():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"events": []})

    client_with(handler).say("web:abc", "您好，我是工作人员")
    (request,) = seen
    # The id as Rasa names it: its route does not percent-decode, so "web%3Aabc" is someone else.
    assert request.url.raw_path.decode().startswith("/conversations/web:abc/tracker/events?")
    assert request.url.params["execute_side_effects"] == "true"
    assert request.url.params["output_channel"] == "latest"
    assert request.url.params["include_events"] == "NONE"  # nobody reads the transcript it would return
    (event,) = json.loads(request.content)
    assert event["event"] == "bot" and event["text"] == "您好，我是工作人员"
    claims = jwt.decode(request.headers["Authorization"].removeprefix("Bearer "), SECRET, algorithms=["HS256"])
    assert claims["user"]["role"] == "admin"


def test_say_sets_the_offer_in_the_same_call_as_the_message():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"events": []})

    client_with(handler).say(
        "web:abc", "请打分", buttons=[{"title": "5分", "payload": "/rate"}], slots={"offered": "rating"}
    )
    (request,) = seen  # one append: the message and the offer are recorded together or not at all
    said, slot = json.loads(request.content)
    assert said["event"] == "bot" and said["data"]["buttons"][0]["title"] == "5分"
    assert slot["event"] == "slot" and (slot["name"], slot["value"]) == ("offered", "rating")


def test_pause_records_without_side_effects():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client_with(handler).pause("wechat:o-1")
    assert "execute_side_effects" not in seen[0].url.params
    assert json.loads(seen[0].content)[0]["event"] == "pause"


@pytest.mark.parametrize("status", [401, 500])
def test_refusals_and_outages_raise_one_error(status):
    with pytest.raises(AssistantUnavailable):
        client_with(lambda request: httpx.Response(status)).tracker("web:x")

    def down(request):
        raise httpx.ConnectError("refused")

    with pytest.raises(AssistantUnavailable):
        client_with(down).tracker("web:x")


@pytest.mark.parametrize("conversation_id", ["web:a/../b", "web:a?x=1", "", "web:" + "a" * 200, "web:张"])
def test_odd_conversation_ids_never_reach_rasa(conversation_id):
    def handler(request):
        raise AssertionError("no request expected")

    with pytest.raises(ValueError):
        client_with(handler).say(conversation_id, "hi")


def test_the_admin_token_is_reused_until_half_its_life_is_gone(monkeypatch):
    tokens = []

    def handler(request: httpx.Request) -> httpx.Response:
        tokens.append(request.headers["Authorization"])
        return httpx.Response(200, json={})

    now = [time.time()]
    monkeypatch.setattr("backend.assistant.client.time.time", lambda: now[0])
    client = client_with(handler)
    client.pause("web:a")
    now[0] += 20  # ttl 60 s: still fresh
    client.pause("web:a")
    now[0] += 15  # 35 s old: minted again
    client.pause("web:a")
    assert tokens[0] == tokens[1] != tokens[2]
    claims = jwt.decode(tokens[2].removeprefix("Bearer "), SECRET, algorithms=["HS256"])
    assert claims["exp"] == int(now[0]) + 60
