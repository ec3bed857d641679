"""Personal data: encryption at rest, keyed look-up hashes, and masking for display (the one rule
shared with the bot: security/masking.py)."""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet

from backend.config import get_settings
from security.masking import mask_id_number, mask_name, mask_phone

__all__ = ["decrypt", "encrypt", "lookup_hash", "mask_id_number", "mask_name", "mask_phone"]


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
