from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_DEFAULT_SECRET = "local-rasa-jwt-secret"


class AssistantSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RASA_", extra="ignore")

    # Rasa's HTTP API on the private interface (not the browser-facing RASA_SOCKET_URL).
    url: str = "http://127.0.0.1:5005"
    # Shared with Rasa (--jwt-secret); the backend mints short-lived admin tokens with it.
    jwt_secret: str = LOCAL_DEFAULT_SECRET
    jwt_ttl_seconds: int = 60
    timeout_seconds: float = 10.0


@lru_cache
def get_assistant_settings() -> AssistantSettings:
    return AssistantSettings()
