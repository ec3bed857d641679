"""Messages that reach a WeChat follower outside a turn of theirs: an agent's reply, a notice.

Rasa hands them to this output channel when the backend appends a `bot` event with side effects
on the conversation's latest channel. They can only travel by the customer-service API (there is
no passive reply to carry them); numbered choices are stored so that a reply "2" still works."""

import logging
from typing import Any

from rasa.core.channels.channel import OutputChannel

from bot.channels.wechat_api import WeChatApi
from bot.channels.wechat_store import SharedStore
from bot.channels.wechat_text import render, split

logger = logging.getLogger(__name__)
SENDER_PREFIX = "wechat:"
CHOICES_TTL = 86400


class WeChatPushOutput(OutputChannel):
    def __init__(self, api: WeChatApi, store: SharedStore):
        self.api = api
        self.store = store

    @classmethod
    def name(cls) -> str:
        return "wechat"

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        if not recipient_id.startswith(SENDER_PREFIX):
            raise ValueError("not a WeChat conversation")  # never send another channel's text here
        openid = recipient_id.removeprefix(SENDER_PREFIX)
        text, payloads = render([message])
        if payloads:
            await self.store.set(f"choices:{openid}", payloads, CHOICES_TTL)
        for piece in split(text):
            if piece:
                await self.api.send_text(openid, piece)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text})
