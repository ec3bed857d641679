"""Dates as citizens say them: 明天, 后天, 下周三, 这周五, 12月8日, 十二月八号, 2026-12-08, 12.8."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
_WEEKDAY = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "1": 0,
    "2": 1,
    "3": 2,
    "4": 3,
    "5": 4,
    "6": 5,
    "7": 6,
}
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUM = r"[0-9]{1,2}|[零〇一二两三四五六七八九十]{1,3}"
_RELATIVE = {"今天": 0, "明天": 1, "明日": 1, "后天": 2, "大后天": 3}


def today_shanghai() -> date:
    return datetime.now(SHANGHAI).date()


def chinese_number(text: str) -> int | None:
    """1-99 in Arabic or Chinese numerals (八, 十, 十二, 二十八)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        value = (_DIGITS.get(tens, 0) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)
        return value if all(c in _DIGITS or c == "十" for c in text) else None
    if len(text) == 1 and text in _DIGITS:
        return _DIGITS[text]
    return None


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_day(month: int, day: int, today: date) -> date | None:
    """The next occurrence of a month and day, this year or next."""
    candidate = _safe(today.year, month, day)
    if candidate and candidate < today:
        candidate = _safe(today.year + 1, month, day)
    return candidate


# A day said in English by a citizen who writes English first ("next Wednesday", "Dec 8").
_ENGLISH_DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_ENGLISH_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_ENGLISH = [
    (r"\bday after tomorrow\b", "后天"),
    (r"\btomorrow\b", "明天"),
    (r"\btoday\b", "今天"),
    *[(rf"\bnext\s+{d}\b", f"下周{'一二三四五六日'[i]}") for i, d in enumerate(_ENGLISH_DAYS)],
    *[(rf"\b(this\s+)?{d}\b", f"周{'一二三四五六日'[i]}") for i, d in enumerate(_ENGLISH_DAYS)],
    *[(rf"\b{m}[a-z]*\.?\s*(\d{{1,2}})(st|nd|rd|th)?\b", rf"{i + 1}月\1日") for i, m in enumerate(_ENGLISH_MONTHS)],
]


def from_english(text: str) -> str:
    if not re.search(r"[A-Za-z]", text):
        return text
    lowered = text.lower()
    for pattern, chinese in _ENGLISH:
        lowered = re.sub(pattern, chinese, lowered)
    return lowered


def parse_date(text: str, today: date | None = None) -> date | None:
    today = today or today_shanghai()
    text = from_english(text).replace(" ", "")
    m = re.search(r"(?<!\d)(20\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})(?!\d)", text)
    if m:
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(rf"({_NUM})月({_NUM})[日号]?", text)
    if m:
        month, day = chinese_number(m.group(1)), chinese_number(m.group(2))
        return _month_day(month, day, today) if month and day else None
    for word in sorted(_RELATIVE, key=len, reverse=True):
        if word in text:
            return today + timedelta(days=_RELATIVE[word])
    m = re.search(r"(下下|下|这|本)?(?:个)?(?:周|星期|礼拜)([一二三四五六日天1-7])", text)
    if m:
        weekday = _WEEKDAY[m.group(2)]
        monday = today - timedelta(days=today.weekday())
        if m.group(1) in ("下",):
            return monday + timedelta(days=7 + weekday)
        if m.group(1) == "下下":
            return monday + timedelta(days=14 + weekday)
        candidate = monday + timedelta(days=weekday)
        if m.group(1) in ("这", "本"):
            return candidate
        return candidate if candidate > today else candidate + timedelta(days=7)
    m = re.search(r"(?<![\d.])(\d{1,2})[./](\d{1,2})(?![\d./])", text)
    if m:
        return _month_day(int(m.group(1)), int(m.group(2)), today)
    m = re.search(rf"(?<![月\d])({_NUM})[号日]", text)
    if m:
        day = chinese_number(m.group(1))
        if not day:
            return None
        candidate = _safe(today.year, today.month, day)
        if candidate is None or candidate < today:
            nxt = today.replace(day=1) + timedelta(days=32)
            candidate = _safe(nxt.year, nxt.month, day)
        return candidate
    return None


def describe(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日（星期{'一二三四五六日'[d.weekday()]}）"
