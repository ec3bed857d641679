"""Application numbers: HY + local date + 8 random Crockford base-32 characters (40 bits),
readable over the phone and not guessable."""

import secrets

from backend.clock import today_local

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PATTERN = r"HY\d{6}[0-9A-HJKMNP-TV-Z]{8}"


def new_application_no() -> str:
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"HY{today_local():%y%m%d}{suffix}"


def normalise(raw: str) -> str:
    return raw.strip().upper()
