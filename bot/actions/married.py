"""Couples who registered their marriage earlier (CONTRACT §3 revision 2): how they say so, their
certificate number and the day they registered. The backend's rules decide what is valid."""

import re
from datetime import date

from bot.actions.dates import chinese_number, today_shanghai
from citizen_text.certificates import OLD_STYLE_IN_TEXT, normalise_number

_PAST = r"去年|前年|上个?月|上半年|\d{4}年|[一二〇零三四五六七八九]{4}年"
_AGO = r"[一二两三四五六七八九十几半\d]+(个)?多?(年|月)(以)?前"
# "已经领证了", "结婚两年了", "我们是夫妻了", "领的证", "有结婚证" ... but not "改成已婚" (the hukou
# status change) and not a wish ("想领证", "准备结婚").
MARRIED = re.compile(
    r"(已经|早就|早已|已)(领|扯|拿|办)(了|过|好)?(结婚)?证"
    r"|(领|扯|拿)(了|过|好)(结婚)?证|(领|扯)的证|(领|扯)证(已经)?(了|过)(?!吗|没|么)"
    r"|刚(领|扯)(了)?证|刚结(了)?婚|结婚证(已经|早就)?(领|拿|办)(了|过|好|到)|(已经)?有结婚证(?!吗|么)"
    r"|(已经|早就|早已)(登记)?结(婚|过婚)|结过婚|登记过了|已经登记了"
    r"|结婚(都|已经|快|有)?[好一二两三四五六七八九十几半\d]+(个)?多?(年|月|个月)"
    r"|(?<![改成为变])已婚(?!状态|状况)|是(合法)?夫妻|老夫老妻"
    # A day in the past: 去年结的婚, 2019年领的证, 三年前结的婚, 前年领证, 今年结的婚 (but not 今年结婚).
    rf"|({_PAST}|今年|{_AGO})(就|刚|才)?(已经)?(结的婚|领的证|领的结婚证|登记的|结婚的|领证的|领证了|结婚了|结了婚|领了证)"
    rf"|(去年|前年|上个?月|{_AGO})(就|刚|才)?(领证|结婚|登记结婚|扯证)(?!吗|没|么)"
    r"|领完(结婚)?证|证(已经|早就)?领(了|过|好)|婚(已经|早就)?结了|已登记(结婚)?|(?<![要想快将])结婚了(?!吗|没|么)"
    r"|(领证|扯证)(都|已经|快|有)?[一二两三四五六七八九十几半\d]+(个)?多?(年|月)了"
)
NOT_MARRIED = re.compile(
    r"(还)?没(有)?(领|扯|拿)(结婚)?证|(还)?没(有)?(登记)?结婚|未领证|尚未(领证|结婚|登记)"
    # A wish or a day ahead, also with 了: "我们要扯证了", "明天去领证了" (but "今年结婚了" is done).
    r"|(准备|打算|想|要|将要|马上|快要|快|下个?月|下周|明年|明天|后天|周末)(就要?|要)?(去)?(领证|扯证|结婚|登记结婚)(?!的|证)"
    r"|今年(去)?(领证|扯证|结婚|登记结婚)(?!的|了|证)"
    r"|(准备|打算|想|要|将要|马上|快要)(跟|和|与)[^，。,；;]{1,6}?(领证|扯证|结婚|登记结婚)(?!的|证)"
    r"|还不是夫妻|(还)?没(有)?领(呢|的|$)|还没(有)?登记"
)
# "未婚" said of themselves, weaker than a plain "结婚好几年了" (婚姻状况还是未婚 is the record).
UNMARRIED_WORD = re.compile(r"(?<![改成为变])未婚(?!改|变|夫|妻)")
# How a certificate number may look (the rule: citizen_text/certificates.py).
CERTIFICATE_CUED = re.compile(
    r"(?:(?:结婚证|(?<!身份)证书?)(?:上的)?(?:字号|编号|号码|号)|字号)(?:是|为|:|：)?\s*([A-Za-z0-9][A-Za-z0-9\-]*)"
)
CERTIFICATE_SHAPE = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z]{1,3}\d{4,8}-\d{4}-\d{3,8}(?![A-Za-z0-9\-])")
# The usual shape typed with spaces, other dashes or none between its groups: J 310115 2020 001234,
# J310115—2020—001234, J310115_2020_001234; written back with hyphens (J310115-2020-001234).
_SEP = r"[\s\-‐‑‒–—―_/.·]*"
CERTIFICATE_LOOSE = re.compile(
    rf"(?<![A-Za-z0-9])([A-Za-z]{{1,3}}){_SEP}(\d{{6}}){_SEP}((?:19|20)\d{{2}}){_SEP}(\d{{3,8}})(?![A-Za-z0-9])"
)
TOKEN = re.compile(r"(?<![A-Za-z0-9\-])[A-Za-z0-9][A-Za-z0-9\-]{0,60}(?![A-Za-z0-9\-])")
DATE_SHAPE = re.compile(r"\d{2,4}-\d{1,2}-\d{1,2}|\d{8}")
REGISTRATION_CUE = re.compile(r"领|扯|登记的|登记日期|登记时间|结婚日期|结的婚")


# What the hukou record says ("户口本上还是未婚") is not what the couple says about themselves.
HUKOU_RECORD = re.compile(r"(户口本|户口簿|户籍|户口|婚姻状况|婚姻状态)[^，。,；;]{0,8}(未婚|已婚)")


def says_married(text: str) -> bool | None:
    """True when the citizen says they are married already, False when not yet, else None."""
    text = HUKOU_RECORD.sub("", text)
    if NOT_MARRIED.search(text):
        return False
    if MARRIED.search(text):
        return True
    return False if UNMARRIED_WORD.search(text) else None


def find_certificate(text: str, asked: bool) -> tuple[str, tuple[int, int]] | None:
    """The certificate number in a message and where it stands: in its usual shape anywhere
    (however its groups are separated), after a cue word, or the one number-like token of an answer
    to the question (passed on for the backend to judge)."""
    m = CERTIFICATE_SHAPE.search(text)
    if m:
        return m.group(0).upper(), m.span()
    m = CERTIFICATE_LOOSE.search(text)
    # "ID 310115199607091222" is an ID number labelled in English, not a certificate.
    if m and m.group(1).upper() == "ID":
        m = None
    if m and not re.fullmatch(r"[A-Za-z]+\d+", m.group(0)):  # J3101152020001234 stays as typed
        return "-".join((m.group(1) + m.group(2), m.group(3), m.group(4))).upper(), m.span()
    m = OLD_STYLE_IN_TEXT.search(text)
    if m:  # 沪闵结字第1234号: the whole 字号, as the certificate shows it
        return normalise_number(m.group(0)) or m.group(0).strip(), m.span()
    m = CERTIFICATE_CUED.search(text)
    if m:
        return m.group(1).upper(), m.span(1)
    if not asked:
        return None
    tokens = [t for t in TOKEN.finditer(text) if not DATE_SHAPE.fullmatch(t.group(0)) and re.search(r"\d", t.group(0))]
    return (tokens[0].group(0).upper(), tokens[0].span()) if len(tokens) == 1 else None


def certificate_number(text: str, asked: bool) -> str | None:
    found = find_certificate(text, asked)
    return found[0] if found else None


_YEAR_MONTH_DAY = re.compile(
    r"(?<!\d)((?:19|20)?\d{2})\s*[-/.年]\s*(\d{1,2}|[一二三四五六七八九十]{1,2})\s*[-/.月]\s*"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})(?!\d)"
)
_COMPACT = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)")
_MONTH_DAY = re.compile(
    r"(去年|前年|今年)?(\d{1,2}|[一二三四五六七八九十]{1,2})月(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]?"
)


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str, today: date) -> int:
    year = int(text)
    if year < 100:  # "24年5月20日"
        year += 2000 if 2000 + year <= today.year else 1900
    return year


_YEAR_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
_CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")


def registration_date(text: str, today: date | None = None) -> date | None:
    """A day in the past as people give it: 2024年5月20日, 二〇二四年五月二十日, 2024-05-20, 2024.5.20,
    20240520, 24年5月20号, 去年5月20号, and a month and day alone (the latest such day up to today)."""
    today = today or today_shanghai()
    text = _CHINESE_YEAR.sub(lambda m: "".join(_YEAR_DIGITS[c] for c in m.group(0)), text.replace(" ", ""))
    m = _YEAR_MONTH_DAY.search(text)
    if m:
        month, day = chinese_number(m.group(2)), chinese_number(m.group(3))
        return _safe(_year(m.group(1), today), month, day) if month and day else None
    m = _COMPACT.search(text)
    if m:
        return _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _MONTH_DAY.search(text)
    if m:
        month, day = chinese_number(m.group(2)), chinese_number(m.group(3))
        if not (month and day):
            return None
        back = {"去年": 1, "前年": 2, "今年": 0}.get(m.group(1) or "")
        if back is not None:
            return _safe(today.year - back, month, day)
        this_year = _safe(today.year, month, day)
        return this_year if this_year and this_year <= today else _safe(today.year - 1, month, day)
    return None
