"""When a person can answer in the chat: the console's service hours (CONSOLE_HOURS)."""

from dataclasses import dataclass
from datetime import datetime, time
from functools import lru_cache

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.clock import local_zone

ALWAYS = "24/7"


@dataclass(frozen=True)
class ServiceHours:
    """Local (Asia/Shanghai) opening hours; start > end means the hours run past midnight."""

    start: time | None  # None: always open
    end: time | None

    def open_at(self, moment: datetime) -> bool:
        if self.start is None or self.end is None:
            return True
        now = moment.astimezone(local_zone()).time()
        if self.start <= self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end

    def text(self) -> str:
        if self.start is None or self.end is None:
            return "24小时"
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


def parse_hours(value: str) -> ServiceHours:
    value = value.strip()
    if value.lower() == ALWAYS:
        return ServiceHours(None, None)
    try:
        start, end = (time.fromisoformat(part.strip()) for part in value.split("-"))
    except ValueError:
        raise ValueError(f'CONSOLE_HOURS must be "HH:MM-HH:MM" or "{ALWAYS}", got {value!r}') from None
    if start == end:
        raise ValueError("CONSOLE_HOURS: start and end are the same; use 24/7 for always")
    return ServiceHours(start, end)


class HandoffSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CONSOLE_", extra="ignore")

    # Hours in which agents answer in the chat (Shanghai time). 12345 itself runs 24/7.
    hours: str = "08:00-20:00"

    @field_validator("hours")
    @classmethod
    def hours_parse(cls, value: str) -> str:
        parse_hours(value)
        return value

    @property
    def service_hours(self) -> ServiceHours:
        return parse_hours(self.hours)


@lru_cache
def get_handoff_settings() -> HandoffSettings:
    return HandoffSettings()
