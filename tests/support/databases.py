"""Throwaway PostgreSQL databases: created for one run of a fixture, dropped (WITH FORCE) after it,
also when the fixture's setup fails. Without TEST_POSTGRES_URL, or with the server unreachable,
the test is skipped — and fails instead when REQUIRE_SERVICES=1 (CI): a test that needs PostgreSQL
never skips in silence there.

One helper for every suite: the backend venv has psycopg 3 and SQLAlchemy 2, the bot venv (Rasa)
has psycopg2 and SQLAlchemy 1.4; the admin connection takes whichever driver is installed.
`connection_parts` splits a yielded URL for what takes host, port, ... (Rasa's tracker stores)."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL")
REQUIRE = os.environ.get("REQUIRE_SERVICES") == "1"


def unavailable(reason: str):
    if REQUIRE:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(f"{reason} (CI sets it)")


def connection_parts(url: str) -> dict:
    """host, port, database, username, password of a URL, with PostgreSQL's defaults filled in."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return {
        "host": u.host or "127.0.0.1",
        "port": u.port or 5432,
        "database": u.database,
        "username": u.username or "postgres",
        "password": u.password or "",
    }


class _Admin:
    """An autocommit connection to the server's admin database, by psycopg 3 or psycopg2."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:  # the bot venv
            import psycopg2 as psycopg
        try:
            p = connection_parts(url)
            login = {"host": p["host"], "port": p["port"], "user": p["username"], "dbname": p["database"]}
            self.connection = psycopg.connect(**login, **({"password": p["password"]} if p["password"] else {}))
        except psycopg.OperationalError as exc:
            unavailable(f"PostgreSQL is unreachable ({exc})")
        self.connection.autocommit = True

    def execute(self, sql: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql)

    def close(self) -> None:
        self.connection.close()


@contextmanager
def throwaway_postgres(prefix: str, count: int = 1) -> Iterator[list[str]]:
    """`count` new databases named prefix_<run>[_<i>]; yields their SQLAlchemy URLs."""
    if not POSTGRES_URL:
        unavailable("TEST_POSTGRES_URL is not set")
    from sqlalchemy.engine import make_url

    admin = _Admin(POSTGRES_URL)
    run = uuid.uuid4().hex[:10]
    names = [f"{prefix}_{run}" + (f"_{i}" if i else "") for i in range(count)]
    try:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        url = make_url(POSTGRES_URL)
        yield [url.set(database=name).render_as_string(hide_password=False) for name in names]
    finally:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
