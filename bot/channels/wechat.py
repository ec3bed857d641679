"""WeChat Official Account (服务号) input channel for Rasa, built on wechatpy's crypto and XML.

- GET /webhooks/wechat/webhook: URL verification (echostr).
- POST: signature and timestamp checked every time, before the body is read. With an AES key
  configured (production), only encrypted messages are accepted (safe mode, or compatible mode
  whose encrypted part alone is used), and the body must carry a valid `msg_signature`, which
  binds the signed query to it. Without an AES key (local trials only), plaintext is accepted.
  Text messages, menu clicks and subscribe events; an image is handed to the backend as the
  material the follower's application needs next (bot/channels/wechat_media.py).
- Conversations are `wechat:<openid>` (`sender_id_for`), so no other channel can address a WeChat
  user's conversation. Everything that talks to WeChat (customer-service sends, `choices:` store
  keys) uses the bare openid.
- Untrusted input is bounded: a timestamp more than TIMESTAMP_WINDOW seconds away is refused
  (403), a body over MAX_BODY_BYTES is refused (413) before decryption or parsing, DOCTYPE and
  entity declarations are refused (400) before parsing, a malformed body is a 400, and a text over
  MAX_MESSAGE_CHARS (bot/channels/turn_guard.py, shared by every channel) gets a short reply instead of reaching NLU.
- WeChat waits 5 s for a passive reply. A turn that finishes in time is answered passively;
  otherwise the channel answers "success" at once, finishes the turn in the background and sends
  the replies through the customer-service message API. WeChat's retries (same MsgId, or
  FromUserName + CreateTime for events) are processed once.
"""

import asyncio
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable
from typing import Any

import xmltodict
from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse
from wechatpy import create_reply, parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

from bot.channels.turn_guard import TOO_LONG, guard_turns, too_long
from bot.channels.wechat_api import WeChatApi
from bot.channels.wechat_media import MaterialsRelay
from bot.channels.wechat_push import CHOICES_TTL, SENDER_PREFIX, WeChatPushOutput
from bot.channels.wechat_store import open_store
from bot.channels.wechat_text import choose, render, split
from security.guard import enforce

logger = logging.getLogger(__name__)

SEEN_TTL = 300  # WeChat retries within about 15 s; five minutes is ample
MENU_KEYS = {
    "HY_INTRO": "婚育一件事能办哪些事",
    "HY_GUIDE": "我想看办事指南",
    "HY_APPLY": "我要申请",
    "HY_PROGRESS": "查询办理进度",
    "HY_HUMAN": "转人工",
}
NOT_TEXT = "目前只能处理文字消息。请用文字描述您的问题，例如“结婚登记要带什么”。"

# Markup that declares entities or a DTD; CDATA sections (user text) are cut out before looking.
CDATA = re.compile(rb"<!\[CDATA\[.*?\]\]>", re.S)
DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)
# openids are 28 URL-safe characters; anything else would be an odd conversation id.
OPENID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def sender_id_for(openid: str) -> str:
    """The Rasa conversation id of a WeChat follower: namespaced so other channels cannot reach it."""
    return f"{SENDER_PREFIX}{openid}"


class BadMessage(Exception):
    """The body is not a message this channel accepts; answered with `status`."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


def _parse_xml(raw: bytes) -> dict:
    """The `<xml>` element of a WeChat body as a dict, without ever expanding entities."""
    if DECLARATION.search(CDATA.sub(b"", raw)):
        raise BadMessage(400, "DTD or entity declaration")
    try:
        document = xmltodict.parse(raw.decode("utf-8"), disable_entities=True)
    except Exception as e:  # not UTF-8 (UnicodeDecodeError), not XML (ExpatError), entities (ValueError)
        raise BadMessage(400, f"malformed XML: {type(e).__name__}") from None
    message = document.get("xml") if isinstance(document, dict) else None
    if not isinstance(message, dict):
        raise BadMessage(400, "no <xml> root")
    return message


class WeChatInput(InputChannel):
    TIMESTAMP_WINDOW = 300  # seconds either side of now
    MAX_BODY_BYTES = 64 * 1024  # WeChat messages are a few KB at most

    @classmethod
    def name(cls) -> str:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "WeChatInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
        enforce("wechat")  # plain `rasa run` with this channel is guarded too
        return cls(
            token=credentials["token"],
            app_id=credentials["app_id"],
            app_secret=credentials["app_secret"],
            aes_key=credentials.get("aes_key") or "",
            api_base=credentials.get("api_base") or "https://api.weixin.qq.com",
            store_url=credentials.get("store_url") or "var/wechat-store.sqlite3",
            reply_timeout=float(credentials.get("reply_timeout") or 4.5),
        )

    def __init__(
        self,
        token: str,
        app_id: str,
        app_secret: str,
        aes_key: str,
        api_base: str,
        store_url: str,
        reply_timeout: float,
    ):
        self.token = token
        self.app_id = app_id
        self.crypto = WeChatCrypto(token, aes_key, app_id) if aes_key else None
        self.store = open_store(store_url)
        self.api = WeChatApi(api_base, app_id, app_secret, self.store)
        # Images are materials for the follower's application, handed to the backend as the
        # action server would (service token + conversation); nothing is kept here.
        self.materials = MaterialsRelay(
            self.api,
            os.environ.get("BACKEND_URL", "http://127.0.0.1:8000"),
            os.environ.get("BACKEND_SERVICE_TOKEN", "local-service-token"),
        )
        self.reply_timeout = reply_timeout
        self._background: set[asyncio.Task] = set()

    def get_output_channel(self) -> WeChatPushOutput:
        # Used by Rasa for events the backend appends with side effects (agents' replies, notices).
        return WeChatPushOutput(self.api, self.store)

    # ---- request handling ----

    def _fresh(self, timestamp: str) -> bool:
        # A signed query is replayable; the window bounds for how long.
        if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
            return False
        return abs(time.time() - int(timestamp)) <= self.TIMESTAMP_WINDOW

    def _verify(self, request: Request) -> bool:
        timestamp = request.args.get("timestamp", "")
        if not self._fresh(timestamp):
            return False
        try:
            check_signature(
                self.token,
                request.args.get("signature", ""),
                timestamp,
                request.args.get("nonce", ""),
            )
            return True
        except InvalidSignatureException:
            return False

    async def _read_body(self, request: Request) -> bytes | None:
        """The body, or None when it is over MAX_BODY_BYTES; never reads much past the limit."""
        declared = request.headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > self.MAX_BODY_BYTES:
            return None
        if request.body:  # already read (a route that does not stream)
            return request.body if len(request.body) <= self.MAX_BODY_BYTES else None
        stream = getattr(request, "stream", None)
        if stream is None:
            return b""
        if hasattr(stream, "request_max_size"):
            # Sanic stops (and, after we answer, drains) at this size rather than its 100 MB default.
            stream.request_max_size = self.MAX_BODY_BYTES
        chunks: list[bytes] = []
        size = 0
        try:
            async for chunk in stream:
                size += len(chunk)
                if size > self.MAX_BODY_BYTES:
                    return None
                chunks.append(chunk)
        except PayloadTooLarge:
            return None
        return b"".join(chunks)

    def _decode(self, request: Request, body: bytes) -> str:
        """The message XML of an authenticated request's body; BadMessage when it is refused."""
        if self.crypto is None:
            if request.args.get("encrypt_type") == "aes":
                raise BadMessage(403, "encrypted message but no AES key")
            _parse_xml(body)  # the same screening as in safe mode
            return body.decode("utf-8")
        if request.args.get("encrypt_type") != "aes":
            raise BadMessage(403, "plaintext refused in safe mode")
        envelope = _parse_xml(body)
        if not isinstance(envelope.get("Encrypt"), str):
            raise BadMessage(403, "no Encrypt element in safe mode")
        try:
            xml = self.crypto.decrypt_message(
                {"Encrypt": envelope["Encrypt"]},
                request.args.get("msg_signature", ""),
                request.args.get("timestamp", ""),
                request.args.get("nonce", ""),
            )
        except (InvalidSignatureException, InvalidAppIdException):
            raise BadMessage(403, "wrong msg_signature or app id") from None
        except Exception as e:  # a corrupt ciphertext fails in base64, AES or the length prefix
            raise BadMessage(400, f"undecryptable: {type(e).__name__}") from None
        _parse_xml(xml.encode("utf-8"))  # the decrypted XML gets the same screening
        return xml

    def _encode(self, request: Request, xml: str) -> str:
        if request.args.get("encrypt_type") == "aes" and self.crypto is not None:
            return self.crypto.encrypt_message(xml, request.args.get("nonce", ""), request.args.get("timestamp"))
        return xml

    @staticmethod
    def _parse(xml: str):
        try:
            message = parse_message(xml)
        except Exception as e:  # wechatpy indexes fields it expects, e.g. MsgType
            raise BadMessage(400, f"not a WeChat message: {type(e).__name__}") from None
        if not isinstance(message.source, str) or not OPENID.fullmatch(message.source):
            raise BadMessage(400, "missing or odd FromUserName")
        return message

    @staticmethod
    def _first_time_key(message) -> str:
        if message.type == "event" or not message.id:
            return f"seen:{message.source}:{message.create_time}:{getattr(message, 'event', '')}"
        return f"seen:{message.id}"

    async def _text_of(self, message) -> str | None:
        if message.type == "text":
            payloads = await self.store.get(f"choices:{message.source}") or []
            return choose(message.content or "", payloads)
        if message.type == "event" and message.event == "subscribe":
            return "你好"
        if message.type == "event" and message.event == "click":
            return MENU_KEYS.get(message.key, message.key)
        return None

    async def _run_turn(self, on_new_message, message, text: str) -> list[dict]:
        collector = CollectingOutputChannel()
        sender_id = sender_id_for(message.source)
        await on_new_message(UserMessage(text, collector, sender_id=sender_id, input_channel=self.name()))
        return collector.messages

    async def _deliver_later(self, openid: str, turn: asyncio.Task, first_sent: bool) -> None:
        try:
            messages = await turn
            text, payloads = render(messages)
            await self.store.set(f"choices:{openid}", payloads, CHOICES_TTL)
            pieces = split(text)[1:] if first_sent else split(text)
            for piece in pieces:
                await self.api.send_text(openid, piece)
        except Exception:  # a lost reply must not take the server down; it is logged
            logger.exception("wechat: could not deliver a reply through the customer-service API")

    def _keep(self, task: asyncio.Task) -> None:
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    def _reply(self, request: Request, message, text: str) -> HTTPResponse:
        reply = create_reply(text, message).render()
        return response.text(self._encode(request, reply), content_type="application/xml")

    async def _handle_post(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        if not self._verify(request):  # before reading the body: strangers cost nothing
            return response.text("invalid signature", status=403)
        body = await self._read_body(request)
        if body is None:
            return response.text("too large", status=413)
        try:
            message = self._parse(self._decode(request, body))
        except BadMessage as e:
            logger.warning("wechat: message refused (%s): %s", e.status, e)
            return response.text("refused", status=e.status)
        if not await self.store.add_if_absent(self._first_time_key(message), SEEN_TTL):
            # A retry of a message being (or already) handled: its answer comes by the API.
            return response.text("success")
        if message.type == "text" and too_long(message.content):
            return self._reply(request, message, TOO_LONG)
        if message.type == "image":
            return await self._answer_soon(
                request, message, self.materials.handle(sender_id_for(message.source), message.media_id)
            )
        text = await self._text_of(message)
        if text is None:
            if message.type == "event":
                return response.text("success")
            return self._reply(request, message, NOT_TEXT)

        turn = asyncio.create_task(self._run_turn(on_new_message, message, text))
        done, _ = await asyncio.wait({turn}, timeout=self.reply_timeout)
        if not done:
            self._keep(asyncio.create_task(self._deliver_later(message.source, turn, first_sent=False)))
            return response.text("success")
        rendered, payloads = render(turn.result())
        await self.store.set(f"choices:{message.source}", payloads, CHOICES_TTL)
        pieces = split(rendered)
        if len(pieces) > 1:  # the passive reply carries the first piece, the API the rest
            for piece in pieces[1:]:
                self._keep(asyncio.create_task(self.api.send_text(message.source, piece)))
        if not pieces[0]:
            return response.text("success")
        return self._reply(request, message, pieces[0])

    async def _answer_soon(self, request: Request, message, work: Awaitable[str]) -> HTTPResponse:
        """A passive reply when `work` is done within WeChat's window; otherwise "success" now and
        the answer through the customer-service API when it is ready."""
        task = asyncio.ensure_future(work)
        done, _ = await asyncio.wait({task}, timeout=self.reply_timeout)
        if done:
            return self._reply(request, message, task.result())

        async def later() -> None:
            try:
                await self.api.send_text(message.source, await task)
            except Exception:  # logged; the server goes on
                logger.exception("wechat: could not deliver a reply through the customer-service API")

        self._keep(asyncio.create_task(later()))
        return response.text("success")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        on_new_message = guard_turns(on_new_message)
        webhook = Blueprint("wechat_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if not self._verify(request):
                return response.text("invalid signature", status=403)
            return response.text(request.args.get("echostr", ""))

        # Streamed so that the body is only read after the signature check, and only up to the limit.
        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            return await self._handle_post(request, on_new_message)

        return webhook
