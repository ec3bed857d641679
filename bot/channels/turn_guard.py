"""Every channel's turns go through `guard_turns`:

- The text is normalised (citizen_text/normalise.py: full-width digits, zero-width characters,
  spaces inside phone and ID numbers) and homophone slips in matter and district words are put
  right (bot/channels/slips.py) before NLU and the forms read it.
- An overlong message is answered before NLU sees it, so one citizen's 100 KB paste cannot stall
  every other conversation on Rasa's event loop.
- A message in another language (bot/channels/language.py) is marked so in its metadata: NLU's
  last component (bot/nlu/other_language.py) keeps a request the assistant can act on (cancel, a
  person, progress, yes/no, thanks, goodbye) and turns anything else into `other_language`, a
  short bilingual reply with the main choices as buttons (utter_other_language); inside a form the
  question just asked comes again after it.
- The bot's replies are held until the turn is stored. If the chat store cannot save it (a lock
  held too long, the database down), the citizen sees none of the turn's replies, only a request
  to send the message again: a reply must never suggest that an answer was kept when it was not.
  (Rasa's own fallback to an in-memory store is removed by bot/rasa_patches/store_without_fallback.py, so the failure
  reaches here.)"""

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import OutputChannel, UserMessage

from bot.channels.language import keyboard_noise, other_language, repeated_babble
from bot.channels.slips import correct_slips
from bot.nlu.other_language import MARK, NOISE, OTHER, REPEATED
from bot.nlu.other_language import mark as mark_other_language
from citizen_text.normalise import normalise

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 2000
TOO_LONG = f"您的消息太长了（超过{MAX_MESSAGE_CHARS}字），助手没有处理。请分几条发送，每条说一件事。"
NOT_SAVED = "抱歉，系统繁忙，刚才这条消息没有保存成功。请把上一条消息再发送一次，之前已经填写的内容不受影响。"


def too_long(text: str | None) -> bool:
    return text is not None and len(text) > MAX_MESSAGE_CHARS


class HeldOutput(OutputChannel):
    """Keeps the turn's replies until `release`, whichever of the output channel's sends made them
    (Rasa uses send_response; a channel or an action may call the others)."""

    SENDS = (
        "send_response",
        "send_text_message",
        "send_text_with_buttons",
        "send_quick_replies",
        "send_image_url",
        "send_attachment",
        "send_elements",
        "send_custom_json",
    )

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.held: list[tuple[str, tuple, dict]] = []
        for send in self.SENDS:
            setattr(self, send, self._holder(send))

    def _holder(self, send: str) -> Callable[..., Awaitable[None]]:
        async def hold(*args: Any, **kwargs: Any) -> None:
            self.held.append((send, args, kwargs))

        return hold

    def name(self) -> str:  # type: ignore[override]
        return self.inner.name()

    async def release(self) -> None:
        held, self.held = self.held, []
        for send, args, kwargs in held:
            await getattr(self.inner, send)(*args, **kwargs)


def guard_turns(
    on_new_message: Callable[[UserMessage], Awaitable[Any]],
    on_quiet: Callable[[UserMessage], Awaitable[None]] | None = None,
) -> Callable[[UserMessage], Awaitable[Any]]:
    """`on_quiet` runs for a turn that was stored with no reply: the conversation is paused while
    a person (the console) answers, so the citizen's message waits for them, not for the bot."""

    async def handle(message: UserMessage) -> Any:
        if message.text is not None:
            message.text = correct_slips(normalise(message.text))
        if too_long(message.text):
            await message.output_channel.send_text_message(message.sender_id, TOO_LONG)
            return None
        kind = (
            OTHER
            if other_language(message.text)
            else NOISE
            if keyboard_noise(message.text)
            else REPEATED
            if repeated_babble(message.text)
            else None
        )
        if kind or (message.metadata or {}).get(MARK):
            message.metadata = mark_other_language(message.metadata, kind)
        output = message.output_channel
        held = HeldOutput(output)
        message.output_channel = held
        try:
            result = await on_new_message(message)
        except Exception:
            logger.exception("a turn failed and was not stored; the citizen is asked to send it again")
            await output.send_text_message(message.sender_id, NOT_SAVED)
            return None
        quiet = not held.held
        await held.release()
        if quiet and on_quiet is not None:
            await on_quiet(message)
        return result

    return handle
