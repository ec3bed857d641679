"""Two pages at once in Chromium: a citizen in the web widget and an agent in the console. The
citizen fills part of an application and asks 转人工; the agent claims it, reads the masked
transcript and replies; the citizen sees the reply and answers; the agent sees it live and hands
back; the assistant asks the form's next question with the earlier answers kept, and the
application is submitted."""

import re
import uuid

import pytest

from tests.browser.conftest import shot
from tests.browser.test_web import BOT, bot_count, last_bot_text, send, wait_until
from tests.support.citizens import HUSBAND, WIFE
from tests.support.staff import PASSWORD, create_staff_cli


@pytest.fixture
def agent_page(browser, stack):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", base_url=stack.backend_url)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def bubbles(page) -> str:
    return "\n".join(page.locator(BOT).all_inner_texts())


def test_citizen_and_agent_on_two_pages(page, agent_page, stack):
    citizen, agent = page, agent_page
    errors = []
    agent.on("pageerror", lambda e: errors.append(str(e)))
    name = f"agent-{uuid.uuid4().hex[:8]}"
    create_staff_cli(stack.env(), name)
    agent.goto("/console/")
    agent.get_by_label("用户名").fill(name)
    agent.get_by_label("密码").fill(PASSWORD)
    agent.get_by_role("button", name="登录").click()
    agent.locator(".console-queue").wait_for()  # signed in: the queue is the first view

    citizen.goto("/chat.html")
    citizen.locator(BOT).first.wait_for()
    send(citizen, "我要申请结婚登记")
    send(citizen, "只办结婚登记")
    send(citizen, f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    send(citizen, "转人工")
    assert re.search(r"已为您转人工，您排第\d+位", last_bot_text(citizen)) and "12345" not in last_bot_text(citizen)
    sender = citizen.evaluate("localStorage.getItem('hy.chat.sender')")

    row = agent.locator(f"tr[data-conversation='{sender}']")
    row.wait_for()  # the queue refreshed by itself
    assert "结婚登记" in row.inner_text() and "正在填写" in row.inner_text()
    row.get_by_role("button", name="接手").click()
    transcript = agent.locator(".transcript")
    transcript.wait_for()
    wait_until(citizen, lambda: "人工客服已接入" in bubbles(citizen))
    assert "310***********" in transcript.inner_text() and HUSBAND not in agent.content()
    assert "13812345678" not in agent.content() and HUSBAND not in agent.url
    assert "张*" in agent.locator(".answers").inner_text()
    shot(agent, "console-conversation")

    agent.get_by_label("回复市民").fill("您好，我是12345人工客服，请问哪里需要帮忙？")
    agent.get_by_role("button", name="发送").click()
    wait_until(citizen, lambda: "【人工客服】您好，我是12345人工客服" in bubbles(citizen))

    before = bot_count(citizen)
    box = citizen.locator(".Composer-input")
    box.fill(f"对方身份证是{WIFE}，这个号码能用吗")
    box.press("Enter")
    wait_until(agent, lambda: "这个号码能用吗" in transcript.inner_text())  # live, without a reload
    assert WIFE not in agent.content() and f"{WIFE[:3]}***********{WIFE[-4:]}" in transcript.inner_text()
    citizen.wait_for_timeout(1000)
    assert bot_count(citizen) == before  # the paused bot did not answer, nor show an error
    shot(citizen, "chat-with-agent")

    agent.get_by_role("button", name="交回助手").click()
    agent.locator(".console-queue").wait_for()
    wait_until(citizen, lambda: "对方" in bubbles(citizen).split("交回助手")[-1])
    assert "您已填写的信息都保留着" in bubbles(citizen).split("【人工客服】")[-1]

    send(citizen, f"对方叫李娜，身份证{WIFE}，手机13987654321")  # the earlier answers are kept
    assert "婚姻登记处" in last_bot_text(citizen)
    send(citizen, "浦东新区婚姻登记处，下周三")
    assert "请核对申请信息" in last_bot_text(citizen) and "张*" in last_bot_text(citizen)
    citizen.get_by_text("确认提交", exact=True).click()
    wait_until(citizen, lambda: "申请已提交" in last_bot_text(citizen, 5))
    shot(citizen, "chat-submitted-after-handoff")
    assert errors == []  # the console never failed in the page
