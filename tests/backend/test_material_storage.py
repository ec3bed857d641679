"""The storage interface: both default stores keep only sealed bytes under random keys, and the
vault opens what it sealed."""

import pytest
from cryptography.fernet import Fernet, InvalidToken

from backend.database import get_sessionmaker, write_transaction
from backend.materials.storage import DatabaseStore, FolderStore, Vault

KEY = Fernet.generate_key().decode()
CLEAR = b"\xff\xd8\xff" + b"page of a household register" * 10


@pytest.fixture(params=["database", "folder"])
def store(request, tmp_path, migrated):
    return DatabaseStore() if request.param == "database" else FolderStore(tmp_path / "materials")


def test_sealed_round_trip_and_delete(store, tmp_path):
    vault = Vault(store, KEY)
    with get_sessionmaker()() as s:
        with write_transaction(s):
            key = vault.put(s, CLEAR)
        assert len(key) >= 32  # 192 random bits, nothing to guess
        raw = store.get(s, key)
        assert CLEAR not in raw and b"household" not in raw
        assert vault.get(s, key) == CLEAR
        with pytest.raises(InvalidToken):
            Vault(store, Fernet.generate_key().decode()).get(s, key)
        with write_transaction(s):
            vault.delete(s, key)
        if isinstance(store, FolderStore):
            assert not any(p.is_file() for p in (tmp_path / "materials").rglob("*"))


def test_folder_store_refuses_a_path_as_key(tmp_path):
    with pytest.raises(ValueError):
        FolderStore(tmp_path).get(None, "../../etc/passwd")
