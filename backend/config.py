"""Core settings shared by every domain; each domain keeps its own settings next to it."""

from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet
from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class GuidesSettings(BaseSettings):
    """Where the guides and the matter catalog live: read alone by backend.matters.catalog at import,
    before (and without) the secrets the other settings check."""

    model_config = SettingsConfigDict(extra="ignore")

    guides_dir: Path = REPO_ROOT / "guides"


class Settings(GuidesSettings):
    """Secrets default to the local values of .env.example; security.guard refuses them (and any
    empty or short secret) in production before the settings are read."""

    model_config = SettingsConfigDict(extra="ignore")

    database_url: str = f"sqlite:///{REPO_ROOT / 'var' / 'backend.sqlite3'}"
    backend_service_token: str = "local-service-token"
    # Fernet key (urlsafe base64 of 32 bytes) for ID numbers, phones and names at rest.
    pii_key: str = "bG9jYWwtcGlpLWtleS1mb3ItZGV2ZWxvcG1lbnQtMDA="
    # HMAC key for look-up hashes of ID numbers (so look-ups need no decryption).
    pii_hash_key: str = "local-pii-hash-key"
    timezone: str = "Asia/Shanghai"
    web_dist_dir: Path = REPO_ROOT / "web" / "dist"
    # Where browsers reach Rasa's socket.io channel, and who may embed the chat page.
    rasa_socket_url: str = "http://localhost:5005"
    web_embed_origins: str = "*"

    @field_validator("pii_key")
    @classmethod
    def pii_key_is_a_fernet_key(cls, value: str) -> str:
        try:
            Fernet(value.encode())
        except ValueError:
            raise ValueError(
                "PII_KEY must be a Fernet key: urlsafe base64 of 32 bytes (Fernet.generate_key())"
            ) from None
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
