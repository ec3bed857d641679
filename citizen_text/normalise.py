"""One input normaliser for every channel, applied before NLU and the form's parsing:

- NFKC: full-width digits, letters and symbols (１３８…, ＨＹ…, ＋８６) and other compatibility
  forms become their plain forms; the Chinese punctuation the assistant was trained on (，？！：；（）～)
  is kept as it is.
- Zero-width characters, which copy-paste from other apps leaves inside numbers, are removed.
- Spaces and dashes inside a phone or ID number (138 1234 5678, 310104-19940305-123X) and a +86
  prefix are removed; other digit groups (dates such as 2026-12-08) are left alone.
- A message written in traditional characters (預約結婚，順便遷戶口) is converted to simplified by
  OpenCC's t2s tables: the assistant, its vocabulary and the backend's rules are in simplified
  Chinese. Only when two or more different characters change, or every Chinese character of a
  message (two at least) changes (謝謝, 對對): one traditional-looking character in a simplified
  message is more likely a name's own character (the surname 於) than a script.
- So are spaces and dashes inside an application number copied as an SMS or a phone shows it in
  groups (HY261127 ABCD 1234, hy-261127-abcd1234): joined and upper-cased.

The backend applies the same rules to the values API callers send (backend/text.py CitizenStr)."""

import re
import unicodedata
from functools import cache

import opencc

KEEP = set("，？！：；（）～")
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
# Digit groups joined by spaces or dashes: kept only when they make a phone or an ID number.
GROUPED = re.compile(r"(?<![\dXx])(?:\+?86[ \-]*)?\d[\d \-]{9,22}[\dXx](?![\dXx])")
SEPARATORS = re.compile(r"[ \-]")
# An application number (HY + 6 digits + 8 letters or digits) typed in groups.
GROUPED_NUMBER = re.compile(r"(?<![A-Za-z0-9])[Hh][ \-]*[Yy](?:[ \-]*[0-9A-Za-z]){14}(?![A-Za-z0-9])")
APPLICATION_NO = re.compile(r"HY\d{6}[0-9A-Z]{8}")
HAN = re.compile(r"[\u4e00-\u9fff]")


def _nfkc(text: str) -> str:
    return "".join(ch if ch in KEEP else unicodedata.normalize("NFKC", ch) for ch in text)


def _join_number(match: re.Match) -> str:
    raw = match.group(0)
    digits = SEPARATORS.sub("", raw)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    is_phone = len(digits) == 11 and digits.startswith("1")
    is_id = len(digits) == 18
    return digits if (is_phone or is_id) and digits != raw else raw


def _join_application_no(match: re.Match) -> str:
    joined = SEPARATORS.sub("", match.group(0)).upper()
    return joined if APPLICATION_NO.fullmatch(joined) else match.group(0)


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _simplified(text: str) -> str:
    converted = _t2s().convert(text)
    if len(converted) != len(text):  # t2s maps character to character; anything else is kept
        return text
    pairs = [(a, b) for a, b in zip(text, converted, strict=True) if HAN.match(a)]
    changed = {a for a, b in pairs if a != b}
    wholly = len(pairs) >= 2 and all(a != b for a, b in pairs)
    return converted if len(changed) >= 2 or wholly else text


def normalise(text: str) -> str:
    text = _simplified(ZERO_WIDTH.sub("", _nfkc(text)))
    text = GROUPED_NUMBER.sub(_join_application_no, text)
    return GROUPED.sub(_join_number, text)
