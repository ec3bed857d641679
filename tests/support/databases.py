"""Throwaway PostgreSQL databases: created for one run of a fixture, dropped (WITH FORCE) after it,
also when the fixture's setup fails. Without TEST_POSTGRES_URL, or with the server unreachable,
the test is skipped — and fails instead when REQUIRE_SERVICES=1 (CI): a test that needs PostgreSQL
never skips in silence there."""

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


def admin_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    return f"host={u.host or '127.0.0.1'} port={u.port or 5432} user={u.username or 'postgres'} dbname={u.database}"


@contextmanager
def throwaway_postgres(prefix: str, count: int = 1) -> Iterator[list[str]]:
    """`count` new databases named prefix_<run>[_<i>]; yields their SQLAlchemy URLs."""
    if not POSTGRES_URL:
        unavailable("TEST_POSTGRES_URL is not set")
    import psycopg
    from sqlalchemy.engine import make_url

    try:
        admin = psycopg.connect(admin_conninfo(POSTGRES_URL), autocommit=True)
    except psycopg.OperationalError as exc:
        unavailable(f"PostgreSQL is unreachable ({exc})")
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
