"""Bounded input for every channel: an overlong message is answered before NLU sees it, so one
citizen's 100 KB paste cannot stall every other conversation on Rasa's event loop."""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage

MAX_MESSAGE_CHARS = 2000
TOO_LONG = f"您的消息太长了（超过{MAX_MESSAGE_CHARS}字），助手没有处理。请分几条发送，每条说一件事。"


def too_long(text: str | None) -> bool:
    return text is not None and len(text) > MAX_MESSAGE_CHARS


def bounded(on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Callable[[UserMessage], Awaitable[Any]]:
    """`on_new_message` for messages within the limit; a short Chinese reply for the rest."""

    async def handle(message: UserMessage) -> Any:
        if too_long(message.text):
            await message.output_channel.send_text_message(message.sender_id, TOO_LONG)
            return None
        return await on_new_message(message)

    return handle
