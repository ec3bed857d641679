from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class StaffSettings(BaseSettings):
    """Staff sign-in: sessions, lock-out and who counts as online (STAFF_* variables)."""

    model_config = SettingsConfigDict(env_prefix="STAFF_", extra="ignore")

    # A session ends at the first of: its absolute lifetime, this long without a request, logout.
    session_ttl_seconds: int = 12 * 3600
    session_idle_seconds: int = 30 * 60
    # Consecutive failed logins before the account is locked, and for how long.
    max_failed_logins: int = 5
    lockout_seconds: int = 15 * 60
    # An agent counts as online (the bot may promise a person) while its console was active this recently.
    online_minutes: int = 5
    # Secure cookies outside local environments; None follows APP_ENV (security.guard.is_production).
    cookie_secure: bool | None = None
    min_password_length: int = 10


@lru_cache
def get_staff_settings() -> StaffSettings:
    return StaffSettings()
