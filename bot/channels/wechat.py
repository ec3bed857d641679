"""WeChat Official Account (服务号) input channel for Rasa, built on wechatpy's crypto and XML.

- GET /webhooks/wechat/webhook: URL verification (echostr).
- POST: signature checked every time; plaintext, compatible and safe (AES) modes; text messages,
  menu clicks and subscribe events. The conversation id is the user's openid.
- WeChat waits 5 s for a passive reply. A turn that finishes in time is answered passively;
  otherwise the channel answers "success" at once, finishes the turn in the background and sends
  the replies through the customer-service message API. WeChat's retries (same MsgId, or
  FromUserName + CreateTime for events) are processed once.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from wechatpy import create_reply, parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

from bot.channels.wechat_api import WeChatApi
from bot.channels.wechat_store import open_store
from bot.channels.wechat_text import choose, render, split

logger = logging.getLogger(__name__)

SEEN_TTL = 300  # WeChat retries within about 15 s; five minutes is ample
CHOICES_TTL = 86400
MENU_KEYS = {
    "HY_INTRO": "婚育一件事能办哪些事",
    "HY_GUIDE": "我想看办事指南",
    "HY_APPLY": "我要申请",
    "HY_PROGRESS": "查询办理进度",
    "HY_HUMAN": "转人工",
}
NOT_TEXT = "目前只能处理文字消息。请用文字描述您的问题，例如“结婚登记要带什么”。"


class WeChatInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> "WeChatInput":
        if not credentials:
            cls.raise_missing_credentials_exception()
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
        self.reply_timeout = reply_timeout
        self._background: set[asyncio.Task] = set()

    # ---- request handling ----

    def _verify(self, request: Request) -> bool:
        try:
            check_signature(
                self.token,
                request.args.get("signature", ""),
                request.args.get("timestamp", ""),
                request.args.get("nonce", ""),
            )
            return True
        except InvalidSignatureException:
            return False

    def _decode(self, request: Request) -> str | None:
        """The message XML, or None when the signature is wrong."""
        if not self._verify(request):
            return None
        body = request.body.decode("utf-8")
        if request.args.get("encrypt_type") != "aes":
            return body
        if self.crypto is None:
            return None
        try:
            return self.crypto.decrypt_message(
                body,
                request.args.get("msg_signature", ""),
                request.args.get("timestamp", ""),
                request.args.get("nonce", ""),
            )
        except (InvalidSignatureException, InvalidAppIdException):
            return None

    def _encode(self, request: Request, xml: str) -> str:
        if request.args.get("encrypt_type") == "aes" and self.crypto is not None:
            return self.crypto.encrypt_message(xml, request.args.get("nonce", ""), request.args.get("timestamp"))
        return xml

    @staticmethod
    def _first_time_key(message) -> str:
        if message.type == "event":
            return f"seen:{message.source}:{message.create_time}:{getattr(message, 'event', '')}"
        return f"seen:{message.id}"

    async def _text_of(self, message) -> str | None:
        if message.type == "text":
            payloads = await self.store.get(f"choices:{message.source}") or []
            return choose(message.content, payloads)
        if message.type == "event" and message.event == "subscribe":
            return "你好"
        if message.type == "event" and message.event == "click":
            return MENU_KEYS.get(message.key, message.key)
        return None

    async def _run_turn(self, on_new_message, message, text: str) -> list[dict]:
        collector = CollectingOutputChannel()
        await on_new_message(UserMessage(text, collector, sender_id=message.source, input_channel=self.name()))
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

    async def _handle_post(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        xml = self._decode(request)
        if xml is None:
            return response.text("invalid signature", status=403)
        message = parse_message(xml)
        if not await self.store.add_if_absent(self._first_time_key(message), SEEN_TTL):
            # A retry of a message being (or already) handled: its answer comes by the API.
            return response.text("success")
        text = await self._text_of(message)
        if text is None:
            if message.type == "event":
                return response.text("success")
            reply = create_reply(NOT_TEXT, message).render()
            return response.text(self._encode(request, reply), content_type="application/xml")

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
        reply = create_reply(pieces[0], message).render()
        return response.text(self._encode(request, reply), content_type="application/xml")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("wechat_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            if not self._verify(request):
                return response.text("invalid signature", status=403)
            return response.text(request.args.get("echostr", ""))

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self._handle_post(request, on_new_message)

        return webhook
