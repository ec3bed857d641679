"""One citizen's oversized messages neither freeze the assistant for everybody nor reach NLU."""

import statistics
import threading
import time
import uuid

import httpx

from tests.support.stack import Chat

TOO_LONG_PREFIX = "您的消息太长了"


def turn_seconds(chat: Chat, text: str) -> float:
    started = time.perf_counter()
    chat.say(text)
    return time.perf_counter() - started


def test_an_overlong_message_gets_a_plain_reply_and_skips_nlu(stack):
    chat = Chat(stack, f"long-{uuid.uuid4().hex[:8]}")
    reply = chat.text("结婚登记" * 600)  # 2,400 characters
    assert reply.startswith(TOO_LONG_PREFIX)
    assert not [e for e in stack.tracker(chat.sender)["events"] if e["event"] == "user"]


def test_a_body_over_rasas_limit_is_refused_before_it_is_read(stack):
    r = httpx.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        json={"sender": "huge", "message": "好" * 400_000},
        timeout=60,
    )
    assert r.status_code == 413


def test_a_bystander_stays_fast_while_someone_sends_oversized_messages(stack):
    bystander = Chat(stack, f"bystander-{uuid.uuid4().hex[:8]}")
    bystander.say("你好")
    quiet = [turn_seconds(bystander, "你好") for _ in range(5)]

    stop = threading.Event()

    def flood() -> None:
        attacker = Chat(stack, f"flood-{uuid.uuid4().hex[:8]}")
        for _ in range(200):  # bounded, and stopped as soon as the bystander is done
            if stop.is_set():
                return
            attacker.say("离婚" * 15_000)  # 30,000 characters, under the body limit

    flooders = [threading.Thread(target=flood) for _ in range(3)]
    for t in flooders:
        t.start()
    try:
        busy = [turn_seconds(bystander, "你好") for _ in range(5)]
    finally:
        stop.set()
        for t in flooders:
            t.join(timeout=120)
    # A ratio within one run, not a wall-clock limit: before the limit the bystander waited 100x.
    ratio = statistics.median(busy) / statistics.median(quiet)
    print(f"bystander median turn: quiet {statistics.median(quiet):.3f} s, under flood {statistics.median(busy):.3f} s")
    assert ratio < 5, ratio
