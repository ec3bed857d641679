"""Nobody continues another person's conversation: the web widget's conversation comes from the
backend's signed session only, and REST senders live in their own namespace (CONTRACT §5)."""

import hashlib
import hmac
import time

import httpx
import pytest

from tests.security.web_citizen import WebCitizen, connect_answer, new_session
from tests.support.stack import Chat

SECRET_KEY = "CHAT_SESSION_SECRET"


def user_texts(stack, sender_id: str) -> list[str]:
    return [e.get("text") for e in stack.tracker(sender_id)["events"] if e["event"] == "user"]


def signed(secret: str, session_id: str, expires: int) -> str:
    sig = hmac.new(secret.encode(), f"v1.{session_id}.{expires}".encode(), hashlib.sha256).hexdigest()
    return f"v1.{session_id}.{expires}.{sig}"


@pytest.fixture
def victim(stack):
    session = new_session(stack)
    citizen = WebCitizen(stack, session["session_token"])
    assert citizen.confirm() == session["sender_id"]
    assert citizen.say("结婚登记要带什么")
    yield session, citizen
    citizen.close()


def test_the_conversation_is_the_signed_sessions_not_the_clients_claim(stack, victim):
    session, citizen = victim
    attacker = WebCitizen(stack, new_session(stack)["session_token"])
    try:
        own = attacker.confirm(claimed=session["sender_id"])
        assert own != session["sender_id"] and own.startswith("web:")
        assert attacker.say("我的申请办到哪了", session_id=session["sender_id"])
        assert "我的申请办到哪了" not in user_texts(stack, session["sender_id"])
        assert "我的申请办到哪了" in user_texts(stack, own)
        assert citizen.silent_for(2), "the victim's widget heard the attacker's turn"
    finally:
        attacker.close()


def test_a_reload_with_the_held_session_continues_the_same_conversation(stack, victim):
    session, citizen = victim
    citizen.close()
    renewed = new_session(stack, held=session["session_token"])
    assert renewed["sender_id"] == session["sender_id"]
    again = WebCitizen(stack, renewed["session_token"])
    try:
        assert again.confirm() == session["sender_id"]
        again.say("谢谢")
        assert user_texts(stack, session["sender_id"])[-2:] == ["结婚登记要带什么", "谢谢"]
    finally:
        again.close()


@pytest.mark.parametrize("kind", ["missing", "garbage", "forged", "expired", "victims_id_unsigned"])
def test_socket_refuses_connections_without_a_valid_session(stack, victim, kind):
    session, _ = victim
    victim_id = session["sender_id"].removeprefix("web:")
    secret = stack.env()[SECRET_KEY]
    token = {
        "missing": None,
        "garbage": "not-a-session",
        "forged": signed("someone-elses-secret-0123456789abcdef", victim_id, int(time.time()) + 3600),
        "expired": signed(secret, victim_id, int(time.time()) - 1),
        "victims_id_unsigned": f"v1.{victim_id}.{int(time.time()) + 3600}.{'0' * 64}",
    }[kind]
    answer = connect_answer(stack, token)
    assert answer.startswith("44") and "session_invalid" in answer, answer


def test_the_wire_check_tells_an_accepted_session_apart(stack, victim):
    session, _ = victim
    assert connect_answer(stack, session["session_token"]).startswith("40")


def test_a_forged_session_token_is_not_renewed_by_the_backend(stack, victim):
    session, _ = victim
    victim_id = session["sender_id"].removeprefix("web:")
    forged = signed("someone-elses-secret-0123456789abcdef", victim_id, int(time.time()) + 3600)
    assert new_session(stack, held=forged)["sender_id"] != session["sender_id"]


def test_rest_senders_cannot_reach_web_or_wechat_conversations(stack, victim):
    session, _ = victim
    before = user_texts(stack, session["sender_id"])
    for claimed in (session["sender_id"], session["sender_id"].removeprefix("web:")):
        Chat(stack, claimed).say("撤回申请")
    assert user_texts(stack, session["sender_id"]) == before
    assert user_texts(stack, f"rest:{session['sender_id']}") == ["撤回申请"]

    openid = "oVictim0000000000000000000"
    Chat(stack, f"wechat:{openid}").say("我的申请办到哪了")
    assert user_texts(stack, f"wechat:{openid}") == []
    assert user_texts(stack, f"rest:wechat:{openid}") == ["我的申请办到哪了"]


def test_rest_callers_cannot_claim_another_input_channel(stack):
    sender = f"claims-{time.time_ns()}"
    r = httpx.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "你好", "input_channel": "wechat"},
        timeout=60,
    )
    assert r.status_code == 200
    channels = {e.get("input_channel") for e in stack.tracker(f"rest:{sender}")["events"] if e["event"] == "user"}
    assert channels == {"rest"}


@pytest.mark.parametrize(
    "body", [b"", b"not json", b"[]", b'{"message": "hi"}', b'{"sender": "x", "message": 5}', b'{"sender": 7}']
)
def test_malformed_rest_bodies_are_refused_plainly(stack, body):
    r = httpx.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        content=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert r.status_code == 400


def test_rasas_http_api_wants_an_admin_jwt(stack, victim):
    session, _ = victim
    url = f"{stack.rasa_url}/conversations/{session['sender_id']}/tracker"
    assert httpx.get(url, timeout=10).status_code == 401
    assert httpx.get(url, params={"token": "local-rasa-token"}, timeout=10).status_code == 401
    assert httpx.get(url, headers={"Authorization": "Bearer not.a.jwt"}, timeout=10).status_code == 401


def test_the_backend_speaks_only_into_the_addressed_widget(stack, victim):
    """What the backend says to one conversation (an agent, a notice) reaches that citizen's widget
    live, and nobody else's."""
    from backend.assistant.client import AssistantClient
    from backend.assistant.config import AssistantSettings
    from tests.support.stack import RASA_JWT_SECRET

    session, citizen = victim
    bystander = WebCitizen(stack, new_session(stack)["session_token"])
    try:
        bystander.confirm()
        client = AssistantClient(AssistantSettings(url=stack.rasa_url, jwt_secret=RASA_JWT_SECRET))
        client.say(session["sender_id"], "您的结婚登记已办结。")
        assert citizen.replies.get(timeout=10)["text"] == "您的结婚登记已办结。"
        assert bystander.silent_for(2), "another widget heard a message meant for someone else"
    finally:
        bystander.close()


def test_a_citizen_cannot_make_an_offer_by_payload(stack):
    """`offered` is set by the assistant's own offers only (the submission, the backend's rating
    request): a payload that names it sets nothing, and a yes after it is just a yes."""
    chat = Chat(stack, f"offers-{time.time_ns()}")
    chat.say('/affirm{"offered": "rating", "confirming": "withdraw"}')
    slots = stack.tracker(chat.sender)["slots"]
    assert slots.get("offered") is None and slots.get("confirming") is None
    assert "还有什么可以帮您" in chat.text("好的")
