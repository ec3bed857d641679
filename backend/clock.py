"""Time in the service's time zone (registry offices work on Shanghai dates), and the one type for
every timestamp the API accepts."""

from datetime import UTC, date, datetime, time
from typing import Annotated
from zoneinfo import ZoneInfo

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from backend.config import get_settings


def local_zone() -> ZoneInfo:
    return ZoneInfo(get_settings().timezone)


def now_utc() -> datetime:
    return datetime.now(UTC)


def today_local() -> date:
    return datetime.now(local_zone()).date()


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=local_zone())


def _aware(value: datetime) -> datetime:
    """A timestamp without an offset is local (Shanghai) time (CONTRACT §3, Times). It is stored
    as UTC, so one that has no UTC equivalent (year 1 or 9999 at the edges) is refused here."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=local_zone())
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise PydanticCustomError("datetime_out_of_range", "datetime out of range") from None
    return value


# Every datetime in a request body: with or without an offset, always aware once validated.
LocalDateTime = Annotated[datetime, AfterValidator(_aware)]
