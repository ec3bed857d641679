"""Time in the service's time zone (registry offices work on Shanghai dates)."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from backend.config import get_settings


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_local() -> date:
    return datetime.now(ZoneInfo(get_settings().timezone)).date()
