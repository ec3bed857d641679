"""The rule for marriage certificate numbers (结婚证字号), one for the backend and the bot.

Since the national format, a number reads like J310115-2024-000123 (letters, digits, hyphens; the
exact shape differs by year and province, so the rule is loose). Couples married before it hold
certificates whose 字号 is written in characters: 沪闵结字第1234号, (1998)沪徐婚字第012号 — the
office's abbreviations, 字, the serial. A couple applying for the other matters gives whichever
their certificate shows; civil affairs' electronic certificates are always of the current format."""

import re

CURRENT = re.compile(r"[A-Z0-9][A-Z0-9-]{4,38}[A-Z0-9]")
OLD_STYLE = re.compile(r"(?:\(\d{4}\))?[\u4e00-\u9fff]{1,8}字第?\d{1,10}号?")
# Where an old-style number stands inside a message (brackets full- or half-width, spaces inside);
# the cue before it (结婚证字号是…) is not part of it.
OLD_STYLE_IN_TEXT = re.compile(r"(?:[(（]\s*\d{4}\s*[)）])?\s*[^\W\d_A-Za-z是为号证的字]{1,7}字\s*第?\s*\d{1,10}\s*号?")

CURRENT_RULE = "6至40位字母、数字或连字符（-），以字母或数字开头和结尾，例如 J310115-2024-000123"
RULE = CURRENT_RULE + "；早年的结婚证按证上的字号填写，例如 沪闵结字第1234号"


def normalise_number(raw: str, *, old_style: bool = True) -> str | None:
    """The number in its stored form (trimmed, upper case, no spaces inside an old-style one), or
    None when it breaks the rule. Old-style numbers only where a couple gives their own."""
    number = raw.strip().upper()
    if CURRENT.fullmatch(number):
        return number
    compact = re.sub(r"\s+", "", number).replace("（", "(").replace("）", ")")
    if old_style and OLD_STYLE.fullmatch(compact):
        return compact
    return None
