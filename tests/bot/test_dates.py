"""Dates as citizens say them, resolved against a fixed 'today' (Thursday 2026-11-26)."""

from datetime import date

import pytest

from bot.actions.dates import chinese_number, parse_date

TODAY = date(2026, 11, 26)  # a Thursday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("明天", date(2026, 11, 27)),
        ("后天", date(2026, 11, 28)),
        ("大后天", date(2026, 11, 29)),
        ("下周三", date(2026, 12, 2)),
        ("下星期一去", date(2026, 11, 30)),
        ("下个礼拜五", date(2026, 12, 4)),
        ("这周五", date(2026, 11, 27)),
        ("周三", date(2026, 12, 2)),
        ("周五", date(2026, 11, 27)),
        ("12月8日", date(2026, 12, 8)),
        ("12月8号", date(2026, 12, 8)),
        ("十二月八日", date(2026, 12, 8)),
        ("十二月二十八号", date(2026, 12, 28)),
        ("1月5日", date(2027, 1, 5)),
        ("2026-12-08", date(2026, 12, 8)),
        ("2026年12月9日", date(2026, 12, 9)),
        ("2026/12/10", date(2026, 12, 10)),
        ("12.8", date(2026, 12, 8)),
        ("8号", date(2026, 12, 8)),
        ("30号", date(2026, 11, 30)),
        ("就下周二吧", date(2026, 12, 1)),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["随便哪天", "浦东新区", "2026-13-40", "2月30日", "你好"])
def test_unreadable_dates(text):
    assert parse_date(text, TODAY) is None


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("八", "十", "十二", "二十八", "12", "三十一")] == [8, 10, 12, 28, 12, 31]
    assert chinese_number("十x") is None


def test_days_said_in_english():
    from datetime import date

    from bot.actions.dates import parse_date

    today = date(2026, 12, 2)  # a Wednesday
    assert parse_date("next Wednesday", today) == date(2026, 12, 9)
    assert parse_date("tomorrow", today) == date(2026, 12, 3)
    assert parse_date("Dec 18th", today) == date(2026, 12, 18)
