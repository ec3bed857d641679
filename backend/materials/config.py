from functools import lru_cache
from pathlib import Path
from typing import Literal

from cryptography.fernet import Fernet
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from backend.config import REPO_ROOT

LOCAL_DEFAULT_KEY = "bG9jYWwtbWF0ZXJpYWxzLWtleS1mb3ItZGV2ZWxvcG0="


class MaterialsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MATERIALS_", extra="ignore")

    # Fernet key sealing every stored file (and signing upload passes); its own key, not PII_KEY,
    # so that files can be re-keyed or moved to another store without touching personal data.
    key: str = LOCAL_DEFAULT_KEY
    # Where sealed files live: the database (one table) or a local folder; an S3-compatible
    # store implements the same three methods (storage.BlobStore).
    storage: Literal["database", "folder"] = "database"
    folder: Path = REPO_ROOT / "var" / "materials"
    max_file_bytes: int = Field(10 * 1024 * 1024, gt=0)
    max_total_bytes: int = Field(50 * 1024 * 1024, gt=0)
    # Pillow refuses larger images as decompression bombs (a phone photo is 12-50 megapixels).
    max_image_pixels: int = Field(60_000_000, gt=0)
    # Longest side of a stored image: enough to read a 户口簿 page, small enough to keep.
    max_image_side: int = Field(4096, gt=0)
    pass_ttl_seconds: int = Field(1800, gt=0)
    # Processes that judge uploads (Pillow's decode and re-encode): off the request path, at most
    # this many at once whatever the number of uploads; the others wait their turn. They run at a
    # lower priority (nice), so that on a small machine chat turns get the CPU first: an upload may
    # take a little longer, a citizen's answer should not (bench/RESULTS.md §7).
    encode_processes: int = Field(1, ge=1, le=16)
    encode_niceness: int = Field(10, ge=0, le=19)

    @field_validator("key")
    @classmethod
    def key_is_a_fernet_key(cls, value: str) -> str:
        try:
            Fernet(value.encode())
        except ValueError:
            raise ValueError("MATERIALS_KEY must be a Fernet key (Fernet.generate_key())") from None
        return value


@lru_cache
def get_materials_settings() -> MaterialsSettings:
    return MaterialsSettings()
