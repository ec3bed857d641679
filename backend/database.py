"""Engine and sessions. Reads run in ordinary transactions; writes go through
`write_transaction`, which on SQLite begins IMMEDIATE so that concurrent writers queue on the
database lock instead of failing when a read upgrades to a write (readers never wait, in WAL)."""

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from functools import lru_cache

from sqlalchemy import DateTime, Engine, TypeDecorator, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from backend.config import get_settings


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every database (SQLite keeps no time zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime}  # noqa: RUF012 (SQLAlchemy reads it from the class)


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            dbapi_conn.isolation_level = None  # let SQLAlchemy's begin event emit BEGIN
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")

        return engine
    return create_engine(url, pool_size=20, max_overflow=20, pool_pre_ping=True)


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().database_url)


@lru_cache
def get_sessionmaker() -> sessionmaker[Session]:
    return sessionmaker(bind=get_engine(), expire_on_commit=False)


def get_db() -> Iterator[Session]:
    """FastAPI dependency: one session per request; routers commit through services."""
    with get_sessionmaker()() as session:
        yield session


# SQLite has one writer at a time, and a writer that finds the lock taken sleeps in growing steps
# (up to 100 ms) before it tries again: 50 submissions at once took 17 ms each instead of 5. The
# process's own writers queue on a thread lock, and the processes sharing the file (backend and
# dispatcher) on an flock beside it: the kernel wakes the next writer the moment the lock is
# free. SQLite's busy wait stays as the fallback for any writer that takes neither.
_sqlite_writer = threading.RLock()
_lock_files: dict[tuple[int, str], int] = {}
_held = [False]  # whether this process holds the flock (read and written under _sqlite_writer)


def _writer_lock_fd(database: str) -> int:
    """One descriptor per process and database file (a forked child opens its own: a shared
    descriptor would share the lock)."""
    key = (os.getpid(), os.path.abspath(database))
    if key not in _lock_files:
        _lock_files[key] = os.open(f"{key[1]}.writer-lock", os.O_RDWR | os.O_CREAT, 0o600)
    return _lock_files[key]


@contextmanager
def _sqlite_writers(session: Session) -> Iterator[None]:
    database = session.get_bind().url.database
    with _sqlite_writer:
        if not database or database == ":memory:" or _held[0]:
            yield  # in memory: one process; nested: the outer transaction holds the flock
            return
        fd = _writer_lock_fd(database)
        fcntl.flock(fd, fcntl.LOCK_EX)
        _held[0] = True
        try:
            yield
        finally:
            _held[0] = False
            fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def write_transaction(session: Session) -> Iterator[Session]:
    """One write transaction on `session`, committed at the end, rolled back on error."""
    if session.in_transaction():
        session.commit()  # end the read that came before; its data is re-read under the lock
    queue = _sqlite_writers(session) if session.get_bind().dialect.name == "sqlite" else nullcontext()
    with queue, session.begin():
        session.connection(execution_options={"write": True})
        yield session


_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


@lru_cache
def _insert_new_statement(dialect: str, table):
    """INSERT … ON CONFLICT DO NOTHING RETURNING <key>, built once per table: building it per
    call cost more CPU than running it. RETURNING, not rowcount: psycopg reports -1 here."""
    return _INSERTS[dialect](table).on_conflict_do_nothing().returning(table.primary_key.columns[0])


def insert_new(session: Session, model: type[Base], **values) -> bool:
    """Inserts one row unless its primary key is taken; whether it did. One statement instead of
    a savepoint, an INSERT that fails and a rollback to the savepoint. A concurrent insert of the
    same key that is not committed yet is waited for (PostgreSQL) and then decides."""
    statement = _insert_new_statement(session.get_bind().dialect.name, model.__table__)
    return session.execute(statement, values).first() is not None
