"""What the assistant says on 转人工: a person only when the backend says one can answer now."""

from bot.actions.handoff import handoff_text


def answer(**overrides) -> dict:
    return {
        "person_available": True,
        "in_service_hours": True,
        "service_hours": "08:00-20:00",
        "position": 2,
        "hotline": "12345",
        "agents_online": 1,
    } | overrides


def test_a_person_is_promised_with_the_queue_position_when_one_is_signed_in():
    text = handoff_text(answer())
    assert "已为您转人工，您排第2位" in text and "会在这个对话里回复您" in text and "12345" not in text


def test_nobody_signed_in_gives_the_truth_and_the_hotline():
    text = handoff_text(answer(person_available=False, agents_online=0, position=3))
    assert text.startswith("现在没有人工客服在线") and "12345" in text and "排第3位" in text
    assert "会在这个对话里回复" not in text


def test_outside_service_hours_says_the_hours():
    text = handoff_text(answer(person_available=False, in_service_hours=False))
    assert "不在人工在线服务时间（08:00-20:00）" in text and "12345" in text and "会在这个对话里回复" not in text


def test_backend_down_gives_the_hotline_only():
    text = handoff_text(None)
    assert "联系不上人工服务" in text and "12345" in text
    assert "会在这个对话里回复" not in text and "排第" not in text
