"""Handing a web conversation to a person, on the real stack: the citizen in the widget's
socket.io channel, an agent through the console's API. The truth about availability first (no
agent signed in), then a takeover: claim (the bot pauses), a masked transcript, replies both
ways, hand back (the form goes on with its answers) and a submitted application."""

import queue
import re
import time
import uuid

import httpx
import pytest

from tests.security.web_citizen import WebCitizen, new_session
from tests.support.citizens import FOUR_MATTERS, HUSBAND, WIFE
from tests.support.staff import create_staff_cli, login


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def heard(citizen: WebCitizen, wanted: str, timeout: float = 30) -> str:
    """What reaches the citizen without their asking, until a message containing `wanted`."""
    got, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            got.append(citizen.replies.get(timeout=0.5).get("text", ""))
        except queue.Empty:
            continue
        if wanted in got[-1]:
            return "\n".join(got)
    raise AssertionError(f"never heard {wanted!r}; heard {got}")


@pytest.fixture
def citizen(stack):
    c = WebCitizen(stack, new_session(stack)["session_token"])
    c.sender = c.confirm()
    c.quiet = queue.Queue()
    c.sio.on("no_reply", lambda *_: c.quiet.put(True))
    yield c
    c.close()


@pytest.fixture
def agent_factory(stack):
    """Agents signed in to the console; signed out afterwards, so later tests see nobody online."""
    signed_in = []

    def make():
        name = f"agent-{uuid.uuid4().hex[:8]}"
        create_staff_cli(stack.env(), name)
        auth = login(stack.backend_url, name)
        client = auth.client(stack.backend_url, timeout=30)
        client.username = name
        signed_in.append(client)
        return client

    yield make
    for client in signed_in:
        client.post("/api/v1/staff/logout")
        client.close()


def test_no_agent_signed_in_the_citizen_hears_the_truth_and_12345(stack, citizen):
    citizen.say(FOUR_MATTERS[0])
    reply = texts(citizen.say("转人工"))
    assert "现在没有人工客服在线" in reply and "12345" in reply
    assert "会在这个对话里回复" not in reply  # no promise of a person
    assert re.search(r"排第\d+位", reply)  # it waits in the queue for the next agent
    r = httpx.get(f"{stack.backend_url}/api/v1/handoffs", headers={"Authorization": "Bearer local-service-token"})
    assert any(h["conversation_id"] == citizen.sender and h["status"] == "open" for h in r.json())


def queued(agent: httpx.Client, conversation_id: str) -> dict:
    rows = agent.get("/api/v1/staff/handoffs").json()
    return next(r for r in rows if r["conversation_id"] == conversation_id)


def test_an_agent_takes_over_replies_and_hands_back_the_form_goes_on(stack, citizen, agent_factory):
    agent, other = agent_factory(), agent_factory()
    citizen.say("我要申请结婚登记")
    citizen.say("只办结婚登记")
    citizen.say(f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    reply = texts(citizen.say("转人工"))
    assert "已为您转人工" in reply and re.search(r"排第\d+位", reply) and "12345" not in reply

    row = queued(agent, citizen.sender)
    assert row["status"] == "open" and row["matters"] == ["marriage_registration"] and "正在填写" in row["summary"]
    handoff = f"/api/v1/staff/handoffs/{row['id']}"
    assert agent.post(f"{handoff}/claim").status_code == 200
    assert other.post(f"{handoff}/claim").status_code == 409
    assert "人工客服已接入" in heard(citizen, "人工客服已接入")

    view = agent.get(handoff).json()
    assert view["paused"] is True
    shown = str(view)
    assert HUSBAND not in shown and "13812345678" not in shown and "310***********" in shown
    assert any(a["field"] == "applicant_name" and a["value"] == "张*" for a in view["answers"])
    assert view["pending_question"] == "对方姓名"

    assert agent.post(f"{handoff}/messages", json={"text": "您好，我是人工客服，请问哪里需要帮忙？"}).status_code == 204
    assert "【人工客服】您好，我是人工客服" in heard(citizen, "请问哪里需要帮忙")
    assert other.post(f"{handoff}/messages", json={"text": "插话"}).status_code == 403

    # The citizen answers: the bot stays silent (paused), no error, and the agent sees it.
    citizen.sio.emit("user_uttered", {"message": f"我想确认对方身份证{WIFE}能不能用"})
    assert citizen.quiet.get(timeout=30) is True
    assert citizen.silent_for(1.0)
    deadline = time.monotonic() + 10
    while "能不能用" not in str(agent.get(handoff).json()["transcript"]) and time.monotonic() < deadline:
        time.sleep(0.3)
    lines = agent.get(handoff).json()["transcript"]
    assert (
        lines[-1]["who"] == "citizen"
        and lines[-1]["text"] == f"我想确认对方身份证{WIFE[:3]}{'*' * 11}{WIFE[-4:]}能不能用"
    )

    agent.post(f"{handoff}/messages", json={"text": "可以用，您继续填写就行。"})
    heard(citizen, "可以用")
    assert agent.post(f"{handoff}/hand-back").status_code == 200
    back = heard(citizen, "对方")
    assert "交回助手" in back and "保留" in back  # said to the citizen, then the pending question
    assert queued_or_none(agent, citizen.sender) is None

    assert "婚姻登记处" in texts(citizen.say(FOUR_MATTERS[2]))  # the earlier answers are kept
    summary = texts(citizen.say(FOUR_MATTERS[3]))
    assert "请核对申请信息" in summary and "张*" in summary
    assert "申请已提交" in texts(citizen.say("确认提交"))


def queued_or_none(agent: httpx.Client, conversation_id: str) -> dict | None:
    rows = agent.get("/api/v1/staff/handoffs").json()
    return next((r for r in rows if r["conversation_id"] == conversation_id), None)
