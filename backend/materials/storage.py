"""Where sealed files live. Every store receives only Fernet tokens (sealed by `Vault` before
`put`), so neither the database, the folder nor an S3 bucket ever holds a readable file. An
S3-compatible store implements the same three methods with put_object/get_object/delete_object."""

import os
import re
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from cryptography.fernet import Fernet
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from backend.materials.config import MaterialsSettings, get_materials_settings
from backend.materials.models import MaterialBlob

_KEY = re.compile(r"[A-Za-z0-9_-]{20,64}")


def new_key() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits: the only name a stored file has


class BlobStore(Protocol):
    """Opaque keys to sealed bytes. `session` is the caller's transaction (the database store
    writes in it; other stores ignore it and must make `put` durable before returning)."""

    def put(self, session: Session, key: str, sealed: bytes) -> None: ...
    def get(self, session: Session, key: str) -> bytes: ...
    def delete(self, session: Session, key: str) -> None: ...


class DatabaseStore:
    def put(self, session: Session, key: str, sealed: bytes) -> None:
        session.add(MaterialBlob(key=key, data=sealed))

    def get(self, session: Session, key: str) -> bytes:
        return session.scalar(select(MaterialBlob.data).where(MaterialBlob.key == key))

    def delete(self, session: Session, key: str) -> None:
        session.execute(delete(MaterialBlob).where(MaterialBlob.key == key))


class FolderStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key: str) -> Path:
        if not _KEY.fullmatch(key):  # keys are ours, but a path is built from them: check anyway
            raise ValueError("bad blob key")
        return self.folder / key[:2] / key

    def put(self, session: Session, key: str, sealed: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(".part")
        with open(tmp, "wb") as f:
            f.write(sealed)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)

    def get(self, session: Session, key: str) -> bytes:
        return self._path(key).read_bytes()

    def delete(self, session: Session, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


class Vault:
    """Seals before storing, opens after reading."""

    def __init__(self, store: BlobStore, key: str) -> None:
        self.store = store
        self.fernet = Fernet(key.encode())

    def put(self, session: Session, data: bytes) -> str:
        key = new_key()
        self.store.put(session, key, self.fernet.encrypt(data))
        return key

    def get(self, session: Session, key: str) -> bytes:
        return self.fernet.decrypt(self.store.get(session, key))

    def delete(self, session: Session, key: str) -> None:
        self.store.delete(session, key)


def make_store(settings: MaterialsSettings) -> BlobStore:
    return FolderStore(settings.folder) if settings.storage == "folder" else DatabaseStore()


@lru_cache
def get_vault() -> Vault:
    settings = get_materials_settings()
    return Vault(make_store(settings), settings.key)
