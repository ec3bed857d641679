from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class ProgressSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROGRESS_", extra="ignore")

    # The look-up throttle (PROGRESS_MAX_FAILURES, PROGRESS_WINDOW_SECONDS): applications/config.py.
    # Live progress (SSE): how long a stream token lasts, how often the stream looks for changes.
    stream_ttl_seconds: int = 900
    stream_poll_seconds: float = 0.5
    stream_heartbeat_seconds: float = 15.0


@lru_cache
def get_progress_settings() -> ProgressSettings:
    return ProgressSettings()
