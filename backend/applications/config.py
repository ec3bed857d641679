from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class ApplicationSettings(BaseSettings):
    """Booking rules (unverified for today: see guides/marriage_registration.yml)."""

    model_config = SettingsConfigDict(env_prefix="BOOKING_", extra="ignore")

    min_days_ahead: int = 1
    max_days_ahead: int = 30
    # Extra dates the registry offices are closed (public holidays), ISO dates.
    closed_dates: list[str] = []


@lru_cache
def get_application_settings() -> ApplicationSettings:
    return ApplicationSettings()
