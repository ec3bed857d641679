from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class ProgressSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PROGRESS_", extra="ignore")

    max_failures: int = 5
    window_seconds: int = 600


@lru_cache
def get_progress_settings() -> ProgressSettings:
    return ProgressSettings()
