"""Backend suites run on SQLite and, when TEST_POSTGRES_URL is set, on PostgreSQL too.
REQUIRE_SERVICES=1 (set by .ci/run) turns a missing PostgreSQL into a failure, not a skip."""

import os
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete

from backend.applications.models import FailedLookup
from backend.chat_sessions.models import ChatSession
from backend.config import get_settings
from backend.database import get_engine, get_sessionmaker
from backend.main import create_app
from backend.migrate import upgrade_to_head
from tests.backend.helpers import SERVICE, application_body, encode, signed_headers
from tests.support.databases import throwaway_postgres


def _reset_caches() -> None:
    for fn in (get_settings, get_engine, get_sessionmaker):
        fn.cache_clear()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    with throwaway_postgres("hy_test") as (url,):
        yield url
        get_engine().dispose()


@pytest.fixture(scope="session")
def migrated(database_url):
    os.environ["DATABASE_URL"] = database_url
    _reset_caches()
    upgrade_to_head()
    yield database_url
    get_engine().dispose()


@pytest.fixture(scope="session")
def app(migrated):
    return create_app()


@pytest.fixture
def fresh_limits(migrated):
    """Every test starts with clean rate limits: no failed look-ups, no chat sessions."""
    with get_sessionmaker().begin() as s:
        s.execute(delete(FailedLookup))
        s.execute(delete(ChatSession))


@pytest.fixture
def client(app, fresh_limits):
    with TestClient(app) as c:
        yield c


@pytest.fixture
def submit(client):
    def _submit(body: dict | None = None, key: str | None = None):
        return client.post(
            "/api/v1/applications",
            json=body or application_body(),
            headers={**SERVICE, "Idempotency-Key": key or uuid.uuid4().hex},
        )

    return _submit


@pytest.fixture
def submitted(submit):
    """A four-matter application: (application_no, body)."""
    body = application_body()
    r = submit(body)
    assert r.status_code == 201, r.text
    return r.json()["application_no"], body


@pytest.fixture
def push(client):
    def _push(department: str, body: dict, *, key: str | None = None, **sign_kwargs):
        path = f"/api/v1/departments/{department}/events"
        raw = encode(body)
        headers = signed_headers(department, "POST", path, raw, key=key or uuid.uuid4().hex, **sign_kwargs)
        return client.post(path, content=raw, headers=headers)

    return _push


@pytest.fixture
def work_list(client):
    def _list(department: str, status: str = "in_review"):
        # A nonce of its own: each signature is accepted once, and tests may poll within a second.
        path = f"/api/v1/departments/{department}/cases?status={status}&nonce={uuid.uuid4().hex}"
        return client.get(path, headers=signed_headers(department, "GET", path, b""))

    return _list


@pytest.fixture
def progress(client):
    def _progress(application_no: str, id_number: str, headers: dict | None = None):
        return client.post(
            "/api/v1/progress/query",
            json={"application_no": application_no, "id_number": id_number},
            headers=headers or {},
        )

    return _progress


# Staff accounts, sessions and a movable clock for the staff suites.
from tests.backend.staff_fixtures import agent, clock, make_staff, supervisor  # noqa: E402, F401
