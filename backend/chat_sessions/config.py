from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_DEFAULT_SECRET = "local-chat-session-secret"


class ChatSessionSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CHAT_SESSION_", extra="ignore")

    # Shared with Rasa's socket.io channel, which checks the tokens this backend signs.
    secret: str = LOCAL_DEFAULT_SECRET
    ttl_seconds: int = 7 * 24 * 3600
    # New sessions per client address and window; refreshes are not counted.
    max_new_per_window: int = 30
    window_seconds: int = 600


@lru_cache
def get_chat_session_settings() -> ChatSessionSettings:
    return ChatSessionSettings()
