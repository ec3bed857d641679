"""Personal data: encryption at rest, keyed look-up hashes, and masking for display (the one rule
shared with the bot: security/masking.py)."""

import hashlib
import hmac
import re
from collections.abc import Iterable
from functools import lru_cache

from cryptography.fernet import Fernet

from backend.config import get_settings
from security.masking import mask_address, mask_certificate, mask_id_number, mask_name, mask_phone

__all__ = [
    "decrypt",
    "encrypt",
    "lookup_hash",
    "mask_address",
    "mask_certificate",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "mask_text",
]


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


# An ID number (17 digits and a digit or X) or a mobile number inside free text, not part of a
# longer run of digits.
_ID_IN_TEXT = re.compile(r"(?<![0-9Xx])\d{17}[0-9Xx](?![0-9Xx])")
_PHONE_IN_TEXT = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def mask_text(text: str, names: Iterable[str] = ()) -> str:
    """Free text (what a citizen typed) with ID numbers, phones and the given names masked."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text)
    text = _PHONE_IN_TEXT.sub(lambda m: mask_phone(m.group(0)), text)
    for name in sorted({n for n in names if n and len(n) > 1}, key=len, reverse=True):
        text = text.replace(name, mask_name(name))
    return text
