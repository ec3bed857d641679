from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.config import REPO_ROOT


class NoticeSettings(BaseSettings):
    """The outbox dispatcher's knobs (NOTICES_*)."""

    model_config = SettingsConfigDict(env_prefix="NOTICES_", extra="ignore")

    # Tries before a notice becomes a dead letter that a supervisor can retry.
    max_attempts: int = 6
    # Backoff after the n-th failed try: base * 2**(n-1) seconds, at most max_backoff, with jitter.
    backoff_base_seconds: float = 2.0
    backoff_max_seconds: float = 300.0
    # A leased notice whose dispatcher died becomes due again after this long.
    lease_seconds: float = 30.0
    # How often an idle dispatcher looks for due notices, and how many it leases at once.
    poll_seconds: float = 0.1
    batch_size: int = 64
    # After a try finishes, how long to wait for others to finish before recording them together
    # (each record is a write transaction; on SQLite it queues with the backend's pushes).
    settle_seconds: float = 0.02
    # Deliveries in flight per dispatcher (different applications; one application's in order).
    workers: int = 16
    # SMS provider: "log" (local only: appends the text to sms_log_path) or a gateway's name.
    sms_provider: str = "log"
    sms_log_path: Path = REPO_ROOT / "var" / "sms.log"


@lru_cache
def get_notice_settings() -> NoticeSettings:
    return NoticeSettings()
