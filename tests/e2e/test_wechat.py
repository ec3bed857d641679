"""The WeChat channel against the running Rasa server, with XML signed and AES-encrypted by
wechatpy's crypto as WeChat's servers make it, and a local fake of WeChat's API."""

import asyncio
import hashlib
import re
import shutil
import threading
import time
import uuid

import httpx
import pytest
from aiohttp import ClientSession, web
from wechatpy.crypto import WeChatCrypto

from tests.e2e.conftest import ARTIFACTS
from tests.support.citizens import HUSBAND, WIFE
from tests.support.stack import Stack, free_port
from tests.support.staff import create_staff_cli, login

TOKEN = "test-wechat-token"
APP_ID = "wx1234567890abcdef"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"


class FakeWeChat:
    """WeChat's API (token, customer-service messages) and a proxy to the backend that can be
    made slow, both on real HTTP in a background thread."""

    def __init__(self, backend_url: str):
        self.backend_url = backend_url
        self.sent: list[dict] = []
        self.token_calls = 0
        self.delay = 0.0
        self.api_port, self.proxy_port = free_port(), free_port()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True).start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=10)

    async def _token(self, request):
        self.token_calls += 1
        return web.json_response({"access_token": f"token-{self.token_calls}", "expires_in": 7200})

    async def _send(self, request):
        body = await request.json()
        self.sent.append({"access_token": request.query.get("access_token"), **body})
        return web.json_response({"errcode": 0, "errmsg": "ok"})

    async def _proxy(self, request):
        await asyncio.sleep(self.delay)
        async with (
            ClientSession() as s,
            s.request(
                request.method,
                f"{self.backend_url}{request.rel_url}",
                data=await request.read(),
                headers={k: v for k, v in request.headers.items() if k.lower() != "host"},
            ) as r,
        ):
            return web.Response(status=r.status, body=await r.read(), content_type=r.content_type)

    async def _start(self):
        api = web.Application()
        api.router.add_get("/cgi-bin/token", self._token)
        api.router.add_post("/cgi-bin/message/custom/send", self._send)
        proxy = web.Application()
        proxy.router.add_route("*", "/{tail:.*}", self._proxy)
        for app, port in ((api, self.api_port), (proxy, self.proxy_port)):
            runner = web.AppRunner(app)
            await runner.setup()
            await web.TCPSite(runner, "127.0.0.1", port).start()


@pytest.fixture(scope="module")
def wechat_stack():
    workdir = ARTIFACTS / "wechat-stack"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    stack = Stack(workdir)
    fake = FakeWeChat(stack.backend_url)
    stack.extra_env = {
        "BACKEND_URL": f"http://127.0.0.1:{fake.proxy_port}",  # the action server goes through the proxy
        "WECHAT_TOKEN": TOKEN,
        "WECHAT_APP_ID": APP_ID,
        "WECHAT_AES_KEY": AES_KEY,
        "WECHAT_API_BASE": f"http://127.0.0.1:{fake.api_port}",
        "WECHAT_STORE_URL": str(workdir / "wechat-store.sqlite3"),
        "WECHAT_REPLY_TIMEOUT": "2",
    }
    stack.start()
    yield stack, fake
    stack.stop()


def signature(timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce])).encode()).hexdigest()


class WeChatUser:
    """Sends what WeChat's servers would send for one follower."""

    def __init__(self, stack: Stack, aes: bool = True):
        self.url = f"{stack.rasa_url}/webhooks/wechat/webhook"
        self.openid = f"o{uuid.uuid4().hex[:27]}"
        self.aes = aes
        self.crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
        self.msg_id = int(time.time() * 1000)

    def xml(self, inner: str, create_time: int | None = None) -> str:
        return (
            f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{self.openid}]]></FromUserName>"
            f"<CreateTime>{create_time or int(time.time())}</CreateTime>{inner}</xml>"
        )

    def text_xml(self, content: str) -> str:
        self.msg_id += 1
        return self.xml(
            f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content><MsgId>{self.msg_id}</MsgId>"
        )

    def post(self, xml: str, *, good_signature: bool = True) -> httpx.Response:
        timestamp, nonce = str(int(time.time())), uuid.uuid4().hex[:10]
        params = {"timestamp": timestamp, "nonce": nonce, "openid": self.openid}
        params["signature"] = signature(timestamp, nonce) if good_signature else "0" * 40
        body = xml
        if self.aes:
            encrypted = self.crypto.encrypt_message(xml, nonce, timestamp)
            params["encrypt_type"] = "aes"
            params["msg_signature"] = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]>", encrypted).group(1)
            body = encrypted
        return httpx.post(self.url, params=params, content=body.encode(), timeout=30)

    def reply_text(self, response: httpx.Response) -> str:
        assert response.status_code == 200, response.text
        if response.text == "success":
            return ""
        xml = response.text
        if self.aes:
            m = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]>", xml)
            ts = re.search(r"<TimeStamp>(\d+)</TimeStamp>", xml).group(1)
            nonce = re.search(r"<Nonce><!\[CDATA\[(.*?)\]\]>", xml).group(1)
            xml = self.crypto.decrypt_message(xml, m.group(1), ts, nonce)
        return re.search(r"<Content><!\[CDATA\[(.*?)\]\]></Content>", xml, re.S).group(1)

    def say(self, content: str) -> str:
        return self.reply_text(self.post(self.text_xml(content)))


def test_url_verification(wechat_stack):
    stack, _ = wechat_stack
    ts, nonce = str(int(time.time())), "n123"
    url = f"{stack.rasa_url}/webhooks/wechat/webhook"
    ok = httpx.get(url, params={"signature": signature(ts, nonce), "timestamp": ts, "nonce": nonce, "echostr": "e42"})
    assert ok.status_code == 200 and ok.text == "e42"
    bad = httpx.get(url, params={"signature": "x", "timestamp": ts, "nonce": nonce, "echostr": "e42"})
    assert bad.status_code == 403
    stale = "1262304000"  # correctly signed, but from 2010: a replay
    old = httpx.get(
        url, params={"signature": signature(stale, nonce), "timestamp": stale, "nonce": nonce, "echostr": "e"}
    )
    assert old.status_code == 403


def test_bad_signature_is_refused(wechat_stack):
    stack, _ = wechat_stack
    user = WeChatUser(stack)
    assert user.post(user.text_xml("你好"), good_signature=False).status_code == 403
    plain = WeChatUser(stack, aes=False)
    assert plain.post(plain.text_xml("你好"), good_signature=False).status_code == 403
    # The stack has an AES key: plaintext is refused even when correctly signed.
    assert plain.post(plain.text_xml("你好")).status_code == 403


def test_subscribe_and_menu_click(wechat_stack):
    stack, _ = wechat_stack
    user = WeChatUser(stack)
    greeting = user.reply_text(
        user.post(user.xml("<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event>"))
    )
    assert "婚育一件事" in greeting and "回复数字选择" in greeting and "3. 开始申请" in greeting
    click = user.xml(
        "<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[CLICK]]></Event><EventKey><![CDATA[HY_INTRO]]></EventKey>"
    )
    assert "四个事项" in user.reply_text(user.post(click))


def test_whole_application_over_wechat_then_progress(wechat_stack):
    stack, _ = wechat_stack
    user = WeChatUser(stack)
    assert "开始申请" in user.say("你好")
    assert "事项" in user.say("3")  # numbered choice: 开始申请
    user.say("1")  # 四项一起办
    user.say(f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    user.say(f"对方叫李娜，身份证{WIFE}，手机13987654321")
    assert "1. 双方都是上海户口" in user.say("浦东新区，下周三")
    assert "谁迁到谁家" in user.say("1")
    user.say("对方迁到我家，地址浦东新区世纪大道100弄1号101室，户主张伟，户主同意")
    summary = user.say("第一个孩子，住浦东新区")
    assert "请核对申请信息" in summary and HUSBAND not in summary
    done = user.say("1")  # 确认提交
    number = re.search(r"HY\d{6}[0-9A-Z]{8}", done).group(0)
    progress = user.say("查进度")
    assert number in progress and "待现场登记" in progress
    tracker = stack.tracker(f"wechat:{user.openid}")
    assert tracker["latest_input_channel"] == "wechat"


def test_retried_message_is_processed_once(wechat_stack):
    stack, _ = wechat_stack
    user = WeChatUser(stack)
    xml = user.text_xml("你是机器人吗")
    first = user.reply_text(user.post(xml))
    retry = user.post(xml)
    assert "不是真人" in first and retry.text == "success"
    tracker = stack.tracker(f"wechat:{user.openid}")
    assert sum(1 for e in tracker["events"] if e["event"] == "user") == 1


def test_slow_turn_is_answered_through_the_customer_service_api(wechat_stack):
    stack, fake = wechat_stack
    user = WeChatUser(stack)
    fake.delay = 3.0  # the backend answers the action server slowly; the turn outlives 2 s
    try:
        started = time.monotonic()
        response = user.post(user.text_xml("结婚登记要带什么"))
        assert response.text == "success" and time.monotonic() - started < 4
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(m["touser"] == user.openid for m in fake.sent):
            time.sleep(0.2)
    finally:
        fake.delay = 0.0
    sent = [m for m in fake.sent if m["touser"] == user.openid]
    assert sent and "居民身份证" in sent[0]["text"]["content"]
    assert sent[0]["access_token"].startswith("token-")
    # The token is cached in the shared store, not fetched per message.
    before = fake.token_calls
    fake.delay = 3.0
    try:
        user.post(user.text_xml("生育登记要带什么"))
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and len([m for m in fake.sent if m["touser"] == user.openid]) < 2:
            time.sleep(0.2)
    finally:
        fake.delay = 0.0
    assert fake.token_calls == before


def test_backend_speaks_to_a_follower_outside_their_turn(wechat_stack):
    """An agent's reply or a notice: the backend's AssistantClient appends a bot event, Rasa sends it
    through the customer-service API and records it in the conversation."""
    from backend.assistant.client import AssistantClient
    from backend.assistant.config import AssistantSettings
    from tests.support.stack import RASA_JWT_SECRET

    stack, fake = wechat_stack
    user = WeChatUser(stack)
    user.say("你好")
    before = len(fake.sent)
    client = AssistantClient(AssistantSettings(url=stack.rasa_url, jwt_secret=RASA_JWT_SECRET))
    client.say(f"wechat:{user.openid}", "您好，我是12345的工作人员小王。")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not any(m["touser"] == user.openid for m in fake.sent[before:]):
        time.sleep(0.1)
    sent = [m for m in fake.sent[before:] if m["touser"] == user.openid]
    assert [m["text"]["content"] for m in sent] == ["您好，我是12345的工作人员小王。"]
    texts = [e.get("text") for e in stack.tracker(f"wechat:{user.openid}")["events"] if e["event"] == "bot"]
    assert texts[-1] == "您好，我是12345的工作人员小王。"


def test_marriage_registration_notice_reaches_a_wechat_follower(wechat_stack):
    from backend.simulator.client import register_marriage
    from tests.backend.helpers import SERVICE, application_body

    stack, fake = wechat_stack
    user = WeChatUser(stack)
    assert user.say("你好")  # the follower's conversation: its latest channel is WeChat
    conversation = f"wechat:{user.openid}"
    body = application_body(channel="wechat", conversation_id=conversation)
    headers = {**SERVICE, "Idempotency-Key": uuid.uuid4().hex}
    created = httpx.post(f"{stack.backend_url}/api/v1/applications", json=body, headers=headers, timeout=30)
    assert created.json()["notices"]["channels"][0] == "本对话（微信公众号）"
    number = created.json()["application_no"]
    assert register_marriage(number, stack.backend_url).status_code == 200
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(m["touser"] == user.openid for m in fake.sent):
        time.sleep(0.1)
    [sent] = [m for m in fake.sent if m["touser"] == user.openid]
    assert sent["msgtype"] == "text" and number in sent["text"]["content"]
    assert "结婚登记已办结" in sent["text"]["content"] and "生育登记" in sent["text"]["content"]


def pushed_to(fake: FakeWeChat, user: WeChatUser, wanted: str, after: str = "", timeout: float = 30) -> str:
    """Customer-service messages sent to this follower (from the first one containing `after`),
    once they contain `wanted`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        sent = "\n".join(m["text"]["content"] for m in fake.sent if m["touser"] == user.openid)
        sent = sent[sent.find(after) :] if after in sent else ""
        if wanted in sent:
            return sent
        time.sleep(0.2)
    raise AssertionError(f"{wanted!r} was never sent to the follower")


# These two run in this order: first nobody is signed in to the console, then an agent is.
def test_handoff_with_no_agent_signed_in_gives_the_truth_and_12345(wechat_stack):
    stack, _ = wechat_stack
    user = WeChatUser(stack)
    user.say("我要申请结婚登记")
    reply = user.say("转人工")
    assert "现在没有人工客服在线" in reply and "12345" in reply and "会在这个对话里回复" not in reply


def test_an_agent_answers_a_wechat_follower_through_the_customer_service_api(wechat_stack):
    stack, fake = wechat_stack
    user = WeChatUser(stack)
    user.say("我要申请结婚登记")
    user.say("只办结婚登记")
    user.say(f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    name = f"agent-{uuid.uuid4().hex[:8]}"
    create_staff_cli(stack.env(), name)
    with login(stack.backend_url, name).client(stack.backend_url, timeout=30) as agent:
        try:
            assert "已为您转人工" in user.say("转人工")
            row = next(
                r for r in agent.get("/api/v1/staff/handoffs").json() if r["conversation_id"] == f"wechat:{user.openid}"
            )
            assert row["channel"] == "wechat"
            handoff = f"/api/v1/staff/handoffs/{row['id']}"
            assert agent.post(f"{handoff}/claim").status_code == 200
            pushed_to(fake, user, "人工客服已接入")
            assert agent.post(f"{handoff}/messages", json={"text": "您好，请问需要什么帮助？"}).status_code == 204
            assert "【人工客服】您好，请问需要什么帮助？" in pushed_to(fake, user, "需要什么帮助")
            # The follower's answer is kept for the agent; the paused bot sends nothing back.
            assert user.say("对方的身份证我还没拿到") == ""
            transcript = agent.get(handoff).json()["transcript"]
            assert transcript[-1] == {**transcript[-1], "who": "citizen", "text": "对方的身份证我还没拿到"}
            assert agent.post(f"{handoff}/hand-back").status_code == 200
            # Told, then asked the form's pending question.
            assert "保留" in pushed_to(fake, user, "对方", after="交回助手")
        finally:
            agent.post("/api/v1/staff/logout")
    assert "婚姻登记处" in user.say(f"对方叫李娜，身份证{WIFE}，手机13987654321")
