"""One stack per database for the whole fault suite: a stack start costs ~40 s, a restart of one
service less, and every scenario brings back what it killed. PostgreSQL and Redis come from
TEST_POSTGRES_URL and TEST_REDIS_URL (CI sets both with REQUIRE_SERVICES=1: no skipping there)."""

import os
import shutil
from urllib.parse import urlparse

import pytest

from tests.faults.harness import start_fault_stack
from tests.support.databases import connection_parts, throwaway_postgres, unavailable
from tests.support.stack import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"


def _workdir(name: str):
    workdir = ARTIFACTS / name
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir(parents=True)
    return workdir


@pytest.fixture(scope="module")
def sqlite_faults():
    fs = start_fault_stack("SQLite", _workdir("faults-sqlite"))
    yield fs
    fs.stop()


@pytest.fixture(scope="module")
def postgres_faults():
    """PostgreSQL for the backend and for Rasa's trackers, Redis for Rasa's locks, two Rasa
    processes. Databases of this run only, dropped afterwards."""
    redis = os.environ.get("TEST_REDIS_URL")
    if not redis:
        unavailable("TEST_REDIS_URL is not set")
    lock_store = urlparse(redis)
    with throwaway_postgres("hy_faults", count=2) as (backend_url, tracker_url):
        tracker = connection_parts(tracker_url)
        fs = start_fault_stack(
            "PostgreSQL",
            _workdir("faults-postgres"),
            database_url=backend_url,
            endpoints="endpoints.production.yml",
            rasa_processes=2,
            lock_store=redis,
            extra_env={
                "TRACKER_DB_HOST": tracker["host"],
                "TRACKER_DB_PORT": str(tracker["port"]),
                "TRACKER_DB_NAME": tracker["database"],
                "TRACKER_DB_USER": tracker["username"],
                "TRACKER_DB_PASSWORD": tracker["password"],
                "REDIS_HOST": lock_store.hostname or "127.0.0.1",
                "REDIS_PORT": str(lock_store.port or 6379),
                "REDIS_LOCK_DB": lock_store.path.strip("/") or "0",
                # A process killed holding a conversation's lock frees it this much later.
                "TICKET_LOCK_LIFETIME": "10",
            },
        )
        yield fs
        fs.stop()
