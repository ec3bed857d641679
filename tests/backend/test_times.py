"""Timestamps with or without an offset (CONTRACT §3 revision 2, Times): none means Shanghai
local time; anything that is not a time is a 422 in Chinese, never a 500."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import TypeAdapter, ValidationError

from backend.clock import LocalDateTime
from tests.backend.helpers import event

SHANGHAI = timezone(timedelta(hours=8))
ADAPTER = TypeAdapter(LocalDateTime)


def test_naive_is_shanghai_and_an_offset_is_kept():
    assert ADAPTER.validate_python("2026-12-08T10:00:00") == datetime(2026, 12, 8, 2, tzinfo=UTC)
    assert ADAPTER.validate_python("2026-12-08 10:00") == datetime(2026, 12, 8, 10, tzinfo=SHANGHAI)
    assert ADAPTER.validate_python("2026-12-08T10:00:00Z") == datetime(2026, 12, 8, 10, tzinfo=UTC)
    assert ADAPTER.validate_python("2026-12-08T10:00:00-05:00").utcoffset() == timedelta(hours=-5)
    assert ADAPTER.validate_python("2026-12-08T10:00:00").tzinfo is not None


@pytest.mark.parametrize("raw", ["9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00", "0001-01-01T00:00:00+14:00"])
def test_times_outside_utc_are_refused(raw):
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(raw)


@pytest.fixture
def registered(submitted, push):
    """Civil affairs registers the marriage at 10:00 Shanghai time, without an offset."""

    def _register(registered_at, **extra):
        app_no, body = submitted
        result = {"certificate_no": "J310115-2026-000123", "registered_at": registered_at}
        return (
            app_no,
            body,
            push("civil_affairs", event(app_no, "marriage_registration", "completed", result=result, **extra)),
        )

    return _register


@pytest.mark.parametrize("registered_at", ["2026-12-08T10:00:00", "2026-12-08 10:00:00", "2026-12-08T02:00:00Z"])
def test_registered_at_with_or_without_offset(registered, work_list, registered_at):
    app_no, _, r = registered(registered_at)
    assert r.status_code == 200, r.text
    case = next(c for c in work_list("health").json() if c["application_no"] == app_no)
    stored = datetime.fromisoformat(case["certificate"]["registered_at"])
    assert stored == datetime(2026, 12, 8, 10, tzinfo=SHANGHAI)


def test_occurred_at_without_offset_is_shanghai(registered, progress):
    app_no, body, r = registered("2026-12-08T10:00:00+08:00", occurred_at="2026-12-08T10:05:00")
    assert r.status_code == 200, r.text
    timeline = progress(app_no, body["spouse"]["id_number"]).json()["timeline"]
    done = next(t for t in timeline if t["to_status"] == "completed")
    assert datetime.fromisoformat(done["occurred_at"]) == datetime(2026, 12, 8, 10, 5, tzinfo=SHANGHAI)


GARBAGE = ["下周三", "2026-13-01T00:00:00", "2026-12-08T25:00:00", "9999-12-31T23:59:59-14:00", "", True, [1]]


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_registered_at_is_422_in_chinese(registered, progress, value):
    app_no, body, r = registered(value)
    assert r.status_code == 422, r.text
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert list(errors) == ["result.registered_at"]
    assert "上海时间" in errors["result.registered_at"]
    assert progress(app_no, body["spouse"]["id_number"]).json()["matters"][0]["status"] == "awaiting_visit"


@pytest.mark.parametrize("value", GARBAGE)
def test_garbage_occurred_at_is_422_in_chinese(submitted, push, value):
    app_no, _ = submitted
    r = push("civil_affairs", event(app_no, "marriage_registration", "rejected", occurred_at=value))
    assert r.status_code == 422, r.text
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert list(errors) == ["occurred_at"]
    assert "发生时间" in errors["occurred_at"]
