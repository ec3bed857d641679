from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class ApplicationSettings(BaseSettings):
    """Booking rules (unverified for today: see guides/marriage_registration.yml)."""

    model_config = SettingsConfigDict(env_prefix="BOOKING_", extra="ignore")

    min_days_ahead: int = 1
    max_days_ahead: int = 30
    # Public holidays and adjusted working days come from the national calendar
    # (backend/applications/calendar.py); these adjust it for the registry offices, ISO dates as a
    # JSON list (BOOKING_CLOSED_DATES='["2026-12-24"]'). A closure wins over an extra opening.
    closed_dates: list[str] = []
    extra_open_dates: list[str] = []


@lru_cache
def get_application_settings() -> ApplicationSettings:
    return ApplicationSettings()


class LookupSettings(BaseSettings):
    """The throttle on look-ups by application number and ID number (progress, withdrawal, uploads)."""

    model_config = SettingsConfigDict(env_prefix="PROGRESS_", extra="ignore")

    max_failures: int = 5
    window_seconds: int = 600


@lru_cache
def get_lookup_settings() -> LookupSettings:
    return LookupSettings()
