"""The WeChat channel's blueprint on a real Sanic server, fed what WeChat's servers send (signed
queries, bodies encrypted with wechatpy's WeChatCrypto) and what an attacker could send instead.
Rasa is replaced by a fake `on_new_message` that records every UserMessage it is given."""

import asyncio
import contextlib
import hashlib
import re
import socket
import time
import uuid

import aiohttp
import pytest
import xmltodict
from rasa.core.channels.channel import UserMessage
from sanic import Sanic
from wechatpy.crypto import WeChatCrypto

from bot.channels.turn_guard import MAX_MESSAGE_CHARS
from bot.channels.wechat import TOO_LONG, WeChatInput, sender_id_for

TOKEN = "unit-wechat-token"
APP_ID = "wx1234567890abcdef"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
OPENID = "oUnitTest0123456789abcdefghi"
WINDOW = WeChatInput.TIMESTAMP_WINDOW
PATH = "/webhooks/wechat/webhook"

Sanic.test_mode = True  # one app per test, all in this process

BOMB = (
    '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]><xml><ToUserName>gh</ToUserName><FromUserName>{openid}</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&i;</Content><MsgId>1</MsgId></xml>"
)
XXE = (
    '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    "<xml><ToUserName>gh</ToUserName><FromUserName>{openid}</FromUserName><CreateTime>1</CreateTime>"
    "<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>2</MsgId></xml>"
)


def text_xml(content: str, msg_id: int = 1, openid: str = OPENID) -> str:
    return (
        f"<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[{openid}]]></FromUserName>"
        f"<CreateTime>{int(time.time())}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{content}]]></Content><MsgId>{msg_id}</MsgId></xml>"
    )


def sign(timestamp: str, nonce: str) -> str:
    return hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce])).encode()).hexdigest()


def query(timestamp: str | None = None, nonce: str = "n0nce") -> dict:
    timestamp = str(int(time.time())) if timestamp is None else timestamp
    return {"timestamp": timestamp, "nonce": nonce, "signature": sign(timestamp, nonce), "openid": OPENID}


def sealed(xml: str, app_id: str = APP_ID, timestamp: str | None = None) -> tuple[dict, bytes]:
    """A safe-mode request as WeChat's servers make it: the query and the encrypted body."""
    params = query(timestamp, nonce=uuid.uuid4().hex[:10])
    encrypted = WeChatCrypto(TOKEN, AES_KEY, app_id).encrypt_message(xml, params["nonce"], params["timestamp"])
    params["encrypt_type"] = "aes"
    params["msg_signature"] = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]>", encrypted).group(1)
    return params, encrypted.encode()


def opened(reply: str) -> str:
    """The Content of a passive reply, decrypted when it is encrypted."""
    if "<Encrypt>" in reply:
        sig = re.search(r"<MsgSignature><!\[CDATA\[(.*?)\]\]>", reply).group(1)
        ts = re.search(r"<TimeStamp>(\d+)</TimeStamp>", reply).group(1)
        nonce = re.search(r"<Nonce><!\[CDATA\[(.*?)\]\]>", reply).group(1)
        reply = WeChatCrypto(TOKEN, AES_KEY, APP_ID).decrypt_message(reply, sig, ts, nonce)
    return re.search(r"<Content><!\[CDATA\[(.*?)\]\]></Content>", reply, re.S).group(1)


class Harness:
    """A channel behind a real Sanic server, a recording Rasa and an HTTP client."""

    def __init__(self, channel: WeChatInput, base: str, session: aiohttp.ClientSession, said: list):
        self.channel, self.base, self.session, self.said = channel, base, session, said

    async def post(self, params: dict, body, headers: dict | None = None) -> tuple[int, str]:
        async with self.session.post(self.base + PATH, params=params, data=body, headers=headers) as r:
            return r.status, await r.text()

    async def get(self, params: dict) -> tuple[int, str]:
        async with self.session.get(self.base + PATH, params=params) as r:
            return r.status, await r.text()


def make_channel(tmp_path, aes: bool = True, reply_timeout: float = 5.0) -> WeChatInput:
    return WeChatInput.from_credentials(
        {
            "token": TOKEN,
            "app_id": APP_ID,
            "app_secret": "secret",
            "aes_key": AES_KEY if aes else "",
            "api_base": "http://127.0.0.1:9",  # never reached: tests replace send_text
            "store_url": str(tmp_path / f"store-{uuid.uuid4().hex[:6]}.sqlite3"),
            "reply_timeout": reply_timeout,
        }
    )


@contextlib.asynccontextmanager
async def serving(channel: WeChatInput, buttons: list[dict] | None = None, delay: float = 0.0):
    said: list[UserMessage] = []

    async def on_new_message(message: UserMessage) -> None:
        said.append(message)
        await asyncio.sleep(delay)
        if buttons:
            await message.output_channel.send_text_with_buttons(message.sender_id, "请选择", buttons)
        else:
            await message.output_channel.send_text_message(message.sender_id, f"收到：{message.text}")

    app = Sanic(f"wechat_test_{uuid.uuid4().hex[:8]}")
    app.blueprint(channel.blueprint(on_new_message), url_prefix="/webhooks/wechat")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    # Listening once this returns; startup() finalizes the routes.
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    try:
        async with aiohttp.ClientSession() as session:
            yield Harness(channel, f"http://127.0.0.1:{sock.getsockname()[1]}", session, said)
    finally:
        server.close()
        await server.wait_closed()


def run(tmp_path, scenario, **options):
    channel_options = {k: options.pop(k) for k in ("aes", "reply_timeout") if k in options}

    async def main():
        async with serving(make_channel(tmp_path, **channel_options), **options) as h:
            await scenario(h)

    asyncio.run(main())


# ---- conversation id ----


def test_sender_id_is_namespaced_and_wechat_still_gets_the_bare_openid(tmp_path):
    assert sender_id_for(OPENID) == f"wechat:{OPENID}"
    buttons = [{"title": "开始申请", "payload": "/apply"}, {"title": "查进度", "payload": "/progress"}]

    async def scenario(h: Harness):
        status, reply = await h.post(*sealed(text_xml("你好", 1)))
        assert status == 200 and "1. 开始申请" in opened(reply)
        message = h.said[0]
        assert message.sender_id == f"wechat:{OPENID}" and message.input_channel == "wechat"
        # The numbered choices are kept under the bare openid and still resolve.
        assert await h.channel.store.get(f"choices:{OPENID}") == ["/apply", "/progress"]
        await h.post(*sealed(text_xml("2", 2)))
        assert h.said[1].text == "/progress"

    run(tmp_path, scenario, buttons=buttons)


def test_late_replies_go_to_the_bare_openid(tmp_path):
    sent: list[tuple[str, str]] = []

    async def scenario(h: Harness):
        async def send_text(openid: str, content: str) -> None:
            sent.append((openid, content))

        h.channel.api.send_text = send_text
        status, reply = await h.post(*sealed(text_xml("结婚登记要带什么")))
        assert (status, reply) == (200, "success")
        await asyncio.gather(*list(h.channel._background))
        assert sent == [(OPENID, "收到：结婚登记要带什么")]
        assert h.said[0].sender_id == f"wechat:{OPENID}"

    run(tmp_path, scenario, reply_timeout=0.01, delay=0.5)


def test_a_retry_is_processed_once(tmp_path):
    async def scenario(h: Harness):
        params, body = sealed(text_xml("你好", 7))
        first = await h.post(params, body)
        retry = await h.post(*sealed(text_xml("你好", 7)))
        assert first[0] == 200 and "收到：你好" in opened(first[1])
        assert retry == (200, "success") and len(h.said) == 1

    run(tmp_path, scenario)


# ---- safe mode ----


def test_plaintext_is_refused_in_safe_mode(tmp_path):
    async def scenario(h: Harness):
        body = text_xml("你好").encode()
        assert (await h.post(query(), body))[0] == 403  # no encrypt_type
        assert (await h.post(query() | {"encrypt_type": "aes", "msg_signature": "x"}, body))[0] == 403
        assert (await h.post(query() | {"encrypt_type": "raw"}, body))[0] == 403
        assert h.said == []

    run(tmp_path, scenario)


def test_plaintext_is_accepted_without_an_aes_key(tmp_path):
    async def scenario(h: Harness):
        status, reply = await h.post(query(), text_xml("你好").encode())
        assert status == 200 and "<Encrypt>" not in reply and opened(reply) == "收到：你好"
        assert h.said[0].sender_id == f"wechat:{OPENID}"

    run(tmp_path, scenario, aes=False)


def test_the_body_must_match_its_msg_signature(tmp_path):
    async def scenario(h: Harness):
        params, body = sealed(text_xml("你好", 1))
        assert (await h.post(params | {"msg_signature": "0" * 40}, body))[0] == 403
        assert (await h.post({k: v for k, v in params.items() if k != "msg_signature"}, body))[0] == 403
        # A captured, validly signed query with another (validly encrypted) body.
        _, other_body = sealed(text_xml("转人工", 2))
        assert (await h.post(params, other_body))[0] == 403
        assert h.said == []
        assert (await h.post(params, body))[0] == 200  # the genuine pair still goes through
        assert len(h.said) == 1

    run(tmp_path, scenario)


def test_a_body_encrypted_for_another_app_is_refused(tmp_path):
    async def scenario(h: Harness):
        assert (await h.post(*sealed(text_xml("你好"), app_id="wx0000000000000000")))[0] == 403
        assert h.said == []

    run(tmp_path, scenario)


def test_a_corrupt_but_signed_ciphertext_is_a_client_error(tmp_path):
    async def scenario(h: Harness):
        params = query(nonce="abc")
        for encrypt in ("not base64!", "QUJD", ""):
            signature = hashlib.sha1("".join(sorted([TOKEN, params["timestamp"], "abc", encrypt])).encode())
            body = f"<xml><ToUserName>gh</ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>".encode()
            full = params | {"encrypt_type": "aes", "msg_signature": signature.hexdigest()}
            status, _ = await h.post(full, body)
            assert 400 <= status < 500, (encrypt, status)
        assert h.said == []

    run(tmp_path, scenario)


# ---- timestamps ----

BAD_TIMESTAMPS = {
    "2010": lambda now: "1262304000",
    "future": lambda now: str(now + 3600),
    "just too old": lambda now: str(now - WINDOW - 30),
    "just too new": lambda now: str(now + WINDOW + 30),
    "missing": lambda now: "",
    "letters": lambda now: f"{now}a",
    "negative": lambda now: f"-{now}",
    "fullwidth digits": lambda now: str(now).translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789"}),
    "huge": lambda now: "9" * 5000,
}


@pytest.mark.parametrize("case", BAD_TIMESTAMPS)
def test_stale_future_or_malformed_timestamps_are_refused(tmp_path, case):
    timestamp = BAD_TIMESTAMPS[case](int(time.time()))

    async def scenario(h: Harness):
        # Signed correctly over the bad timestamp: the timestamp alone is at fault.
        assert (await h.get(query(timestamp) | {"echostr": "e1"}))[0] == 403
        params, body = sealed(text_xml("你好"), timestamp=timestamp)
        assert (await h.post(params, body))[0] == 403
        assert h.said == []

    run(tmp_path, scenario)


def test_timestamps_inside_the_window_are_accepted(tmp_path):
    async def scenario(h: Harness):
        now = int(time.time())
        for i, timestamp in enumerate((now - WINDOW + 30, now + WINDOW - 30)):
            assert await h.get(query(str(timestamp)) | {"echostr": "e1"}) == (200, "e1")
            assert (await h.post(*sealed(text_xml("你好", i), timestamp=str(timestamp))))[0] == 200
        assert len(h.said) == 2

    run(tmp_path, scenario)


# ---- malformed and oversized bodies ----

MALFORMED = {
    "billion laughs": BOMB.format(openid=OPENID).encode(),
    "external entity": XXE.format(openid=OPENID).encode(),
    "external DTD": ('<!DOCTYPE xml SYSTEM "http://127.0.0.1:9/x.dtd">' + text_xml("你好")).encode(),
    "parameter entity": (
        '<!DOCTYPE xml [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>' + text_xml("你好")
    ).encode(),
    "garbage": b"\x00\x01 this is not XML",
    "truncated": text_xml("你好").encode()[:-10],
    "not UTF-8": text_xml("你好").encode("gb18030"),
    "another root": b"<message><Content>hi</Content></message>",
    "empty root": b"<xml/>",
    "empty": b"",
    "no MsgType": f"<xml><FromUserName>{OPENID}</FromUserName></xml>".encode(),
    "odd openid": text_xml("你好", openid="../../admin").encode(),
}


@pytest.mark.parametrize("case", MALFORMED)
@pytest.mark.parametrize("aes", [True, False], ids=["safe", "plaintext"])
def test_malformed_bodies_are_client_errors_and_reach_no_one(tmp_path, case, aes):
    async def scenario(h: Harness):
        raw = MALFORMED[case]
        if aes:
            # As the outer body (unauthenticated), then sealed by a sender holding the keys.
            outer = query() | {"encrypt_type": "aes", "msg_signature": "0" * 40}
            status, _ = await h.post(outer, raw)
            assert 400 <= status < 500, status
            try:
                params, body = sealed(raw.decode("utf-8"))
            except UnicodeDecodeError:
                params, body = None, None  # cannot be sealed as text: the outer case covers it
            if params is not None:
                status, _ = await h.post(params, body)
                assert 400 <= status < 500, status
        else:
            status, _ = await h.post(query(), raw)
            assert 400 <= status < 500, status
        assert h.said == []

    run(tmp_path, scenario, aes=aes)


def test_markup_inside_a_message_text_is_just_text(tmp_path):
    async def scenario(h: Harness):
        status, reply = await h.post(*sealed(text_xml('<!DOCTYPE x [<!ENTITY a "b">]>')))
        assert status == 200 and h.said[0].text == '<!DOCTYPE x [<!ENTITY a "b">]>'
        assert opened(reply) == '收到：<!DOCTYPE x [<!ENTITY a "b">]>'

    run(tmp_path, scenario)


def test_xmltodict_itself_refuses_entity_declarations():
    # wechatpy parses with xmltodict's defaults; they must keep entities off.
    with pytest.raises(ValueError):
        xmltodict.parse(XXE.format(openid=OPENID))


def test_oversized_bodies_are_refused_before_reading_them_whole(tmp_path):
    limit = WeChatInput.MAX_BODY_BYTES

    async def chunks():
        for _ in range(64):
            yield b" " * 4096

    async def scenario(h: Harness):
        padded = text_xml("你好").encode()
        too_big = padded + b" " * (limit + 1 - len(padded))
        assert (await h.post(query(), too_big))[0] == 413  # with Content-Length
        assert (await h.post(query(), chunks()))[0] == 413  # chunked, no Content-Length
        assert h.said == []
        just_fits = padded + b" " * (limit - len(padded))
        assert (await h.post(query(), just_fits))[0] == 200
        assert len(h.said) == 1

    run(tmp_path, scenario, aes=False)


def test_oversized_safe_mode_body_is_refused(tmp_path):
    async def scenario(h: Harness):
        params, body = sealed(text_xml("你好"))
        assert (await h.post(params, body + b" " * WeChatInput.MAX_BODY_BYTES))[0] == 413
        assert h.said == []

    run(tmp_path, scenario)


# ---- message length ----


def test_an_overlong_text_gets_a_short_reply_instead_of_nlu(tmp_path):
    limit = MAX_MESSAGE_CHARS

    async def scenario(h: Harness):
        status, reply = await h.post(*sealed(text_xml("婚" * (limit + 1), 1)))
        assert status == 200 and opened(reply) == TOO_LONG and "请分几条发送" in TOO_LONG
        assert h.said == []
        status, reply = await h.post(*sealed(text_xml("婚" * limit, 2)))
        assert status == 200 and len(h.said) == 1

    run(tmp_path, scenario)
