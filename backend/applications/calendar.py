"""Which days the marriage registry offices receive couples: China's working days as the State
Council publishes them each year (public holidays off, adjusted weekend working days — 调休上班 —
open), kept by the `chinesecalendar` library, plus the offices' own configured closures and extra
opening days (BOOKING_CLOSED_DATES, BOOKING_EXTRA_OPEN_DATES).

A year the library does not know yet (the State Council publishes each year's arrangement late in
the year before) falls back to Monday to Friday without the statutory fixed-date holidays, plus the
configured dates, and says so once per year in the log. The library's data is refreshed by
upgrading the pin in requirements/backend.txt."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import chinese_calendar

from backend.applications.config import get_application_settings

logger = logging.getLogger("backend.calendar")

WEEKDAYS = "一二三四五六日"
# The library's English holiday names (its enum values) in Chinese, should its own be missing.
HOLIDAY_NAMES = {h.value: h.chinese for h in chinese_calendar.Holiday}
# Fixed-date public holidays by law (全国年节及纪念日放假办法, as amended 2024): off in any year,
# even one whose arrangement is not published yet. Lunar holidays cannot be known this way.
FIXED_HOLIDAYS = {
    (1, 1): "元旦",
    (5, 1): "劳动节",
    (5, 2): "劳动节",
    (10, 1): "国庆节",
    (10, 2): "国庆节",
    (10, 3): "国庆节",
}


@dataclass(frozen=True)
class OfficeDay:
    day: date
    open: bool
    # Why it is closed (or, when open on a weekend, why it is open), in Chinese; None otherwise.
    reason: str | None = None
    # Whether the State Council's arrangement for that year was known.
    known: bool = True


@lru_cache(maxsize=64)
def _warn_unknown_year(year: int) -> None:
    logger.warning(
        "no public holiday data for %s in chinesecalendar %s: booking falls back to Monday-Friday "
        "without fixed-date holidays, plus BOOKING_CLOSED_DATES / BOOKING_EXTRA_OPEN_DATES; "
        "upgrade chinesecalendar once the State Council publishes that year's arrangement",
        year,
        getattr(chinese_calendar, "__version__", "?"),
    )


def _national(day: date) -> OfficeDay:
    """The national working-day calendar for one day."""
    try:
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        _warn_unknown_year(day.year)
        fixed = FIXED_HOLIDAYS.get((day.month, day.day))
        if fixed:
            return OfficeDay(day, False, f"{fixed}法定节假日", known=False)
        if day.weekday() >= 5:
            return OfficeDay(day, False, "周末", known=False)
        return OfficeDay(day, True, known=False)
    if on_holiday:
        if name:
            return OfficeDay(day, False, f"{HOLIDAY_NAMES.get(name, name)}假期")
        return OfficeDay(day, False, "周末")
    if day.weekday() >= 5:
        return OfficeDay(day, True, "调休上班日")
    return OfficeDay(day, True)


def office_day(day: date) -> OfficeDay:
    """A configured closure wins over everything; a configured extra opening day over the national
    calendar (e.g. a weekend the offices open for a popular wedding date)."""
    cfg = get_application_settings()
    iso = day.isoformat()
    if iso in cfg.closed_dates:
        return OfficeDay(day, False, "婚姻登记处闭馆日")
    if iso in cfg.extra_open_dates:
        return OfficeDay(day, True, "婚姻登记处特别开放日")
    return _national(day)


def open_days(first: date, last: date) -> list[date]:
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [d for d in days if office_day(d).open]


def window_is_known(first: date, last: date) -> bool:
    """Whether the national calendar is published for every year the window touches."""
    return all(_national(date(y, 1, 1)).known for y in range(first.year, last.year + 1))


def describe(day: date) -> str:
    """2026年10月10日（星期六，调休上班日）: the weekday, and why a weekend day is open."""
    status = office_day(day)
    note = f"，{status.reason}" if status.open and status.reason else ""
    return f"{day.year}年{day.month}月{day.day}日（星期{WEEKDAYS[day.weekday()]}{note}）"
