"""Personal data: encryption at rest, keyed look-up hashes and masking for display."""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet

from backend.config import get_settings


@lru_cache
def _fernet() -> Fernet:
    return Fernet(get_settings().pii_key.encode())


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    return _fernet().decrypt(token.encode()).decode()


def lookup_hash(value: str) -> str:
    key = get_settings().pii_hash_key.encode()
    return hmac.new(key, value.strip().upper().encode(), hashlib.sha256).hexdigest()


def mask_id_number(value: str) -> str:
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}" if len(value) > 7 else "*" * len(value)


def mask_phone(value: str) -> str:
    return f"{value[:3]}****{value[-4:]}" if len(value) == 11 else "*" * len(value)


def mask_name(value: str) -> str:
    return value[:1] + "*" * (len(value) - 1) if value else value
