"""Fixtures for the staff suites: accounts with unique names and a clock the test moves."""

import uuid
from datetime import datetime, timedelta

import pytest

from backend.clock import now_utc
from backend.staff.dependencies import staff_now
from tests.support.staff import PASSWORD, create_staff, login


class Clock:
    def __init__(self) -> None:
        self.now: datetime = now_utc()

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(app):
    c = Clock()
    app.dependency_overrides[staff_now] = c
    yield c
    app.dependency_overrides.pop(staff_now, None)


@pytest.fixture
def make_staff(migrated):
    def _make(role: str = "agent", password: str = PASSWORD) -> str:
        username = f"{role[:3]}-{uuid.uuid4().hex[:10]}"
        create_staff(username, password, role)
        return username

    return _make


@pytest.fixture
def agent(client, make_staff):
    return login(client, make_staff("agent"))


@pytest.fixture
def supervisor(client, make_staff):
    return login(client, make_staff("supervisor"))
