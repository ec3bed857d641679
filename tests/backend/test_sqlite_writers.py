"""SQLite writers of all processes queue on one flock beside the database file, so a writer
waiting in another process (the dispatcher, the backend) is woken when the lock is free instead
of polling in SQLite's growing busy sleeps."""

import fcntl
import os

import pytest
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from backend.database import make_engine, write_transaction


def _taken(lock_path: str) -> bool:
    """Whether someone holds the writers' flock (asked through a descriptor of our own)."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_a_write_transaction_holds_the_writers_flock_until_it_ends(tmp_path):
    database = tmp_path / "w.sqlite3"
    sessions = sessionmaker(bind=make_engine(f"sqlite:///{database}"))
    lock = f"{database}.writer-lock"
    with sessions() as session:
        with write_transaction(session):
            session.execute(text("CREATE TABLE t (x INTEGER)"))
            assert _taken(lock)
        assert not _taken(lock)
        with pytest.raises(RuntimeError), write_transaction(session):
            session.execute(text("INSERT INTO t VALUES (1)"))
            raise RuntimeError("rolled back")
        assert not _taken(lock)  # released on error too
        assert session.scalar(text("SELECT count(*) FROM t")) == 0
