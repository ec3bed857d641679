"""One stack per database for the whole fault suite: a stack start costs ~40 s, a restart of one
service less, and every scenario brings back what it killed. PostgreSQL and Redis come from
TEST_POSTGRES_URL and TEST_REDIS_URL (CI sets both with REQUIRE_SERVICES=1: no skipping there)."""

import os
import shutil
import uuid
from urllib.parse import urlparse

import pytest

from tests.faults.harness import start_fault_stack
from tests.support.stack import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
REQUIRE = os.environ.get("REQUIRE_SERVICES") == "1"


def _workdir(name: str):
    workdir = ARTIFACTS / name
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    return workdir


def _unavailable(reason: str):
    if REQUIRE:
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}")
    pytest.skip(f"{reason} (CI sets it)")


@pytest.fixture(scope="module")
def sqlite_faults():
    fs = start_fault_stack("SQLite", _workdir("faults-sqlite"))
    yield fs
    fs.stop()


@pytest.fixture(scope="module")
def postgres_faults():
    """PostgreSQL for the backend and for Rasa's trackers, Redis for Rasa's locks, two Rasa
    processes. Databases of this run only, dropped afterwards."""
    postgres, redis = os.environ.get("TEST_POSTGRES_URL"), os.environ.get("TEST_REDIS_URL")
    if not postgres or not redis:
        _unavailable("TEST_POSTGRES_URL or TEST_REDIS_URL is not set")
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(postgres)
    admin_info = f"host={url.host or '127.0.0.1'} port={url.port or 5432} user={url.username or 'postgres'}"
    try:
        admin = psycopg.connect(f"{admin_info} dbname={url.database}", autocommit=True)
    except psycopg.OperationalError as exc:
        _unavailable(f"PostgreSQL is unreachable ({exc})")
    run = uuid.uuid4().hex[:8]
    backend_db, tracker_db = f"hy_faults_{run}", f"hy_faults_{run}_tracker"
    for name in (backend_db, tracker_db):
        admin.execute(f'CREATE DATABASE "{name}"')
    lock_store = urlparse(redis)
    try:
        fs = start_fault_stack(
            "PostgreSQL",
            _workdir("faults-postgres"),
            database_url=url.set(database=backend_db).render_as_string(hide_password=False),
            endpoints="endpoints.production.yml",
            rasa_processes=2,
            lock_store=redis,
            extra_env={
                "TRACKER_DB_HOST": url.host or "127.0.0.1",
                "TRACKER_DB_PORT": str(url.port or 5432),
                "TRACKER_DB_NAME": tracker_db,
                "TRACKER_DB_USER": url.username or "postgres",
                "TRACKER_DB_PASSWORD": url.password or "",
                "REDIS_HOST": lock_store.hostname or "127.0.0.1",
                "REDIS_PORT": str(lock_store.port or 6379),
                "REDIS_LOCK_DB": lock_store.path.strip("/") or "0",
                # A process killed holding a conversation's lock frees it this much later.
                "TICKET_LOCK_LIFETIME": "10",
            },
        )
    except Exception:
        for name in (backend_db, tracker_db):
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        raise
    yield fs
    fs.stop()
    for name in (backend_db, tracker_db):
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()
