"""The backend's Rasa client: admin JWT on every call, ids escaped, speech recorded with side effects."""

import json

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
    assert request.url.raw_path.decode().startswith("/conversations/web:abc/tracker/events?")
    assert request.url.params["execute_side_effects"] == "true"
    assert request.url.params["output_channel"] == "latest"
    (event,) = json.loads(request.content)
    assert event["event"] == "bot" and event["text"] == "您好，我是工作人员"
    claims = jwt.decode(request.headers["Authorization"].removeprefix("Bearer "), SECRET, algorithms=["HS256"])
    assert claims["user"]["role"] == "admin"


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


def test_ids_are_escaped_except_the_channel_colon_rasa_reads_raw():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path.decode())
        return httpx.Response(200, json={})

    client_with(handler).tracker("wechat:o-1/../x y")
    assert seen == ["/conversations/wechat:o-1%2F..%2Fx%20y/tracker"]
