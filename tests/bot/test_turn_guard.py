"""Every channel's turn guard: replies only once the turn is stored; an unstored turn says so."""

from pathlib import Path

import pytest
import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.turn_guard import MAX_MESSAGE_CHARS, NOT_SAVED, TOO_LONG, guard_turns

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.asyncio


def message(text: str) -> tuple[UserMessage, CollectingOutputChannel]:
    out = CollectingOutputChannel()
    return UserMessage(text, out, "rest:guard"), out


async def test_replies_go_out_only_after_the_turn_is_stored():
    seen_during_turn = []

    async def turn(msg: UserMessage) -> None:
        await msg.output_channel.send_response(msg.sender_id, {"text": "请问您的姓名？"})
        await msg.output_channel.send_text_message(msg.sender_id, "第二条")
        seen_during_turn.extend(out.messages)  # nothing reached the citizen yet

    msg, out = message("我要申请")
    await guard_turns(turn)(msg)
    assert seen_during_turn == []
    assert [m["text"] for m in out.messages] == ["请问您的姓名？", "第二条"]


async def test_a_turn_that_fails_to_store_shows_only_the_request_to_resend():
    async def turn(msg: UserMessage) -> None:
        await msg.output_channel.send_response(msg.sender_id, {"text": "请问您的身份证号？"})
        raise RuntimeError("database is locked")

    msg, out = message("我叫张伟")
    await guard_turns(turn)(msg)
    assert [m["text"] for m in out.messages] == [NOT_SAVED]


async def test_an_overlong_message_never_reaches_the_assistant():
    reached = []

    async def turn(msg: UserMessage) -> None:
        reached.append(len(msg.text))

    msg, out = message("好" * (MAX_MESSAGE_CHARS + 1))
    await guard_turns(turn)(msg)
    assert [m["text"] for m in out.messages] == [TOO_LONG] and reached == []
    msg, out = message("好" * MAX_MESSAGE_CHARS)
    await guard_turns(turn)(msg)
    assert reached == [MAX_MESSAGE_CHARS]  # at the limit it goes through


async def test_the_assistant_reads_normalised_text():
    read = []

    async def turn(msg: UserMessage) -> None:
        read.append(msg.text)

    msg, _ = message("手机１３８ １２３４ ５６７８，身份证310104-19940305-123x\u200b，１２月１５号")
    await guard_turns(turn)(msg)
    assert read == ["手机13812345678，身份证31010419940305123x，12月15号"]


async def test_a_stored_turn_without_replies_is_reported_quiet_and_nothing_else():
    # While a person has the conversation (Rasa paused), a citizen's message is stored unanswered:
    # no "not saved" error, and the channel is told so (the widget stops showing "typing").
    quiet, stored = [], []

    async def paused_turn(msg: UserMessage) -> None:
        stored.append(msg.text)

    async def on_quiet(msg: UserMessage) -> None:
        quiet.append(msg.sender_id)

    msg, out = message("我的身份证号写错了")
    await guard_turns(paused_turn, on_quiet=on_quiet)(msg)
    assert stored == ["我的身份证号写错了"] and out.messages == [] and quiet == ["rest:guard"]

    async def answered(msg: UserMessage) -> None:
        await msg.output_channel.send_text_message(msg.sender_id, "好的")

    msg, out = message("你好")
    await guard_turns(answered, on_quiet=on_quiet)(msg)
    assert quiet == ["rest:guard"]  # an answered turn is not quiet


@pytest.mark.parametrize(
    "text",
    [
        "I want to get married",
        "How do I register my marriage?",
        "Can you speak English?",
        "結婚したいです",
        "결혼하고 싶어요",
    ],
)
async def test_another_language_reaches_the_assistant_marked_as_such(text):
    reached = []

    async def turn(msg: UserMessage) -> None:
        reached.append((msg.text, msg.metadata))

    msg, out = message(text)
    await guard_turns(turn)(msg)
    # The text as written, marked: NLU's OtherLanguageGate decides (tests/bot/test_other_language.py).
    assert reached == [(text, {"language": "other"})] and out.messages == []


def test_the_other_language_reply_is_bilingual_with_the_main_choices():
    domain = yaml.safe_load((ROOT / "bot/domain/language.yml").read_text(encoding="utf-8"))
    reply = domain["responses"]["utter_other_language"][0]
    assert "Chinese only" in reply["text"] and "只支持中文" in reply["text"]
    assert [b["payload"] for b in reply["buttons"]] == [
        "婚育一件事能办哪些事",
        "我要申请",
        "我的申请办到哪了",
        "转人工",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "hello",
        "ok",
        "thank you",
        "qwerty uiop",
        "HY26112700000000",
        "我要 apply",
        "<!DOCTYPE x [<!ENTITY a>]>",
        "对方叫买买提・艾力",  # the katakana middle dot, as Chinese keyboards type it in names
        "我叫阿依古丽・吐尔逊ー",
        "我の申请办到哪了",  # one kana as internet slang is still Chinese
        "我の老婆の身份证号码还没拿到",  # nor two in a long Chinese sentence
        "both of us have Shanghai hukou",  # English answers the forms read
        "next Wednesday is fine for us",
        "Her name is Anna Schmidt",  # the spouse's name at its question
        "my husband has Shanghai hukou, I don't",
    ],
)
async def test_latin_letters_chinese_speakers_type_still_reach_the_assistant(text):
    reached = []

    async def turn(msg: UserMessage) -> None:
        reached.append(msg.text)

    msg, out = message(text)
    await guard_turns(turn)(msg)
    assert reached == [text] and out.messages == []


async def test_a_language_mark_sent_by_the_client_is_dropped():
    """A client cannot make its Chinese message read as another language (or noise)."""
    reached = []

    async def turn(msg: UserMessage) -> None:
        reached.append(msg.metadata)

    msg, _ = message("我要申请结婚登记")
    msg.metadata = {"language": "other", "channel": "web"}
    await guard_turns(turn)(msg)
    assert reached == [{"channel": "web"}]
