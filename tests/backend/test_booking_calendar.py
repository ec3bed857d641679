"""Appointment days follow China's published working-day calendar (chinesecalendar): public
holidays refused by name, adjusted weekend working days (调休上班) accepted, configured closures and
extra opening days applied, and a year without published data falls back to weekdays. "Today" is
frozen where the backend reads it, so these dates stay inside the booking window on any CI day."""

import logging
from datetime import date

import pytest

from backend.applications import router, service
from backend.applications.calendar import _warn_unknown_year, office_day
from backend.applications.config import get_application_settings
from tests.backend.helpers import SERVICE, application_body

PATH = "marriage.appointment_date"


@pytest.fixture
def today(monkeypatch):
    """Freezes the backend's Shanghai today for the check, submit and booking-window endpoints."""

    def freeze(day: date) -> None:
        monkeypatch.setattr(router, "today_local", lambda: day)
        monkeypatch.setattr(service, "today_local", lambda: day)

    return freeze


@pytest.fixture
def booking_env(monkeypatch):
    def configure(**env: str) -> None:
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        get_application_settings.cache_clear()

    yield configure
    get_application_settings.cache_clear()


def date_problems(client, day: str) -> list[str]:
    draft = {"matters": ["marriage_registration"], "marriage": {"appointment_date": day}}
    r = client.post("/api/v1/applications/check", json=draft, headers=SERVICE)
    assert r.status_code == 200
    return [e["message"] for e in r.json()["errors"] if e["field"] == PATH]


def test_national_day_is_refused_by_name_with_days_that_can_be_booked(client, today):
    today(date(2026, 9, 20))
    [message] = date_problems(client, "2026-10-01")
    assert "国庆节" in message and "不办理" in message
    # The suggestions come from the same calendar: the first open days after the holiday week.
    assert "2026年10月8日（星期四）" in message and "2026年10月10日（星期六，调休上班日）" in message


def test_spring_festival_is_refused_by_name(client, today):
    today(date(2026, 2, 1))
    [message] = date_problems(client, "2026-02-17")
    assert "春节" in message


def test_adjusted_saturday_is_accepted_and_submitted(client, today, submit):
    assert date(2026, 10, 10).weekday() == 5  # a Saturday the State Council made a working day
    today(date(2026, 10, 1))
    assert date_problems(client, "2026-10-10") == []
    body = application_body()
    body["marriage"]["appointment_date"] = "2026-10-10"
    r = submit(body)
    assert r.status_code == 201, r.text


def test_plain_weekend_is_still_refused(client, today):
    today(date(2026, 10, 12))
    [message] = date_problems(client, "2026-10-17")
    assert "周末" in message


def test_booking_window_lists_the_open_days(client, today):
    today(date(2026, 9, 27))
    window = client.get("/api/v1/applications/booking-window").json()
    assert window["calendar_known"] is True
    days = set(window["open_dates"])
    assert "2026-10-10" in days and "2026-09-30" in days
    assert not days & {f"2026-10-0{n}" for n in range(1, 8)} and "2026-10-11" not in days


def test_unknown_year_falls_back_to_weekdays_and_says_so(client, today, caplog):
    # The library knows no year this far ahead, whatever version is installed.
    today(date(2098, 12, 20))
    _warn_unknown_year.cache_clear()  # said once per year and process
    with caplog.at_level(logging.WARNING, logger="backend.calendar"):
        assert date_problems(client, "2099-01-05") == []  # a Monday
        [saturday] = date_problems(client, "2099-01-03")
        [new_year] = date_problems(client, "2099-01-01")  # fixed by law, known without the data
    assert "周末" in saturday and "元旦" in new_year
    assert "no public holiday data for 2099" in caplog.text
    window = client.get("/api/v1/applications/booking-window").json()
    assert window["calendar_known"] is False and "2099-01-02" in window["open_dates"]


def test_configured_closures_and_extra_opening_days(client, today, booking_env):
    today(date(2026, 5, 1))
    booking_env(BOOKING_CLOSED_DATES='["2026-05-12"]', BOOKING_EXTRA_OPEN_DATES='["2026-05-17", "2026-05-12"]')
    [closed] = date_problems(client, "2026-05-12")  # a Tuesday; the closure wins
    assert "闭馆" in closed
    assert date_problems(client, "2026-05-17") == []  # a Sunday the offices open
    assert office_day(date(2026, 5, 17)).reason == "婚姻登记处特别开放日"
