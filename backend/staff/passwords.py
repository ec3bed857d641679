"""Password hashing with argon2id (argon2-cffi's defaults, RFC 9106's second recommendation)."""

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@lru_cache
def _dummy_hash() -> str:
    return _hasher.hash("not-a-password-anyone-has")


def verify_password(stored_hash: str | None, password: str) -> bool:
    """False on a mismatch. With no stored hash (unknown user, locked account) a dummy hash is
    verified anyway, so the answer takes as long and says nothing about who exists."""
    try:
        return _hasher.verify(stored_hash or _dummy_hash(), password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)
