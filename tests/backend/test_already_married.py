"""A couple married earlier applies without marriage_registration (CONTRACT §3 revision 2,
Already married): the certificate replaces the booking, dependants start in review, and the
departments' work lists carry the certificate."""

from datetime import datetime, timedelta

import pytest

from backend.certificates.service import normalise_number
from backend.clock import today_local
from tests.backend.helpers import SERVICE, application_body, event, next_workday

CERTIFICATE = {"certificate_no": " j310115-2024-000123 ", "registered_at": "2024-05-20"}
MATTERS = ["hukou_marital_status", "birth_registration"]
_TODAY = today_local()  # the backend's today (Asia/Shanghai), not the test machine's


def married_body(matters: list[str] | None = None, **marriage) -> dict:
    return application_body(matters or MATTERS, marriage={**CERTIFICATE, **marriage})


def test_dependants_start_in_review_and_carry_the_certificate(submit, push, work_list, progress):
    body = married_body()
    r = submit(body)
    assert r.status_code == 201, r.text
    app_no = r.json()["application_no"]
    assert {m["matter"]: m["status"] for m in r.json()["matters"]} == {
        "hukou_marital_status": "in_review",
        "birth_registration": "in_review",
    }
    out = progress(app_no, body["applicant"]["id_number"]).json()
    assert out["overall_status"] == "in_progress"
    assert out["registry_office"] is None and out["appointment_date"] is None
    assert all(t["from_status"] is None and t["to_status"] == "in_review" for t in out["timeline"])

    police = [c for c in work_list("public_security").json() if c["application_no"] == app_no]
    health = [c for c in work_list("health").json() if c["application_no"] == app_no]
    assert [c["matter"] for c in police] == ["hukou_marital_status"]
    assert [c["matter"] for c in health] == ["birth_registration"]
    for case in police + health:
        cert = case["certificate"]
        assert cert["certificate_no"] == "J310115-2024-000123"  # stored trimmed, in capitals
        assert cert["source"] == "applicant"
        # A date is the start of that day in Shanghai.
        assert datetime.fromisoformat(cert["registered_at"]) == datetime.fromisoformat("2024-05-20T00:00:00+08:00")

    # No marriage registration to wait for or to push; the departments work as usual.
    marriage = event(app_no, "marriage_registration", "rejected")
    assert push("civil_affairs", marriage).status_code == 404
    assert push("health", event(app_no, "birth_registration", "completed")).status_code == 200


def test_an_old_certificate_with_a_character_number_is_accepted(submit, work_list):
    """A couple married in 1998 holds a certificate numbered 沪闵结字第1234号: the application is
    taken, and public security's work list shows the number as the certificate has it."""
    r = submit(
        married_body(["hukou_marital_status"], certificate_no="（1998）沪闵结字第 1234 号", registered_at="1998-10-01")
    )
    assert r.status_code == 201, r.text
    app_no = r.json()["application_no"]
    case = next(c for c in work_list("public_security").json() if c["application_no"] == app_no)
    assert case["certificate"]["certificate_no"] == "(1998)沪闵结字第1234号"


def test_civil_affairs_cannot_complete_with_a_character_number(submitted, push):
    app_no, _ = submitted
    result = {"certificate_no": "沪闵结字第1234号", "registered_at": "2026-12-08T10:00:00+08:00"}
    r = push("civil_affairs", event(app_no, "marriage_registration", "completed", result=result))
    assert r.status_code == 422, r.text
    assert "J310115-2024-000123" in r.text


def test_certificate_pushed_by_civil_affairs_is_marked_as_theirs(submitted, push, work_list):
    app_no, _ = submitted
    result = {"certificate_no": "J310115-2026-000777", "registered_at": "2026-12-08T10:00:00+08:00"}
    assert push("civil_affairs", event(app_no, "marriage_registration", "completed", result=result)).status_code == 200
    case = next(c for c in work_list("health").json() if c["application_no"] == app_no)
    assert case["certificate"]["source"] == "civil_affairs"


REFUSALS = [
    # (case, matters, marriage section (None: left out), field named, words in its message)
    ("no section", MATTERS, None, "marriage", "结婚证字号"),
    ("no number", MATTERS, {"registered_at": "2024-05-20"}, "marriage.certificate_no", "结婚证字号"),
    ("no date", MATTERS, {"certificate_no": "J310115-2024-000123"}, "marriage.registered_at", "登记日期"),
    ("number too short", MATTERS, {**CERTIFICATE, "certificate_no": "J3101"}, "marriage.certificate_no", "格式不对"),
    ("number too long", MATTERS, {**CERTIFICATE, "certificate_no": "J" * 41}, "marriage.certificate_no", "格式不对"),
    ("underscore", MATTERS, {**CERTIFICATE, "certificate_no": "J310115_2024"}, "marriage.certificate_no", "格式不对"),
    ("leading hyphen", MATTERS, {**CERTIFICATE, "certificate_no": "-J310115"}, "marriage.certificate_no", "格式不对"),
    (
        "words, no number",
        MATTERS,
        {**CERTIFICATE, "certificate_no": "结婚证找不到了"},
        "marriage.certificate_no",
        "格式不对",
    ),
    ("not text", MATTERS, {**CERTIFICATE, "certificate_no": 31011520240001}, "marriage.certificate_no", "格式"),
    (
        "date tomorrow",
        MATTERS,
        {**CERTIFICATE, "registered_at": (_TODAY + timedelta(days=1)).isoformat()},
        "marriage.registered_at",
        "不能晚于今天",
    ),
    ("date in year 1", MATTERS, {**CERTIFICATE, "registered_at": "0001-01-01"}, "marriage.registered_at", "1950年"),
    ("date garbage", MATTERS, {**CERTIFICATE, "registered_at": "去年五月"}, "marriage.registered_at", "日期"),
    (
        "office without registration",
        MATTERS,
        {**CERTIFICATE, "registry_office": "浦东新区婚姻登记处"},
        "marriage.registry_office",
        "不需要预约婚姻登记处",
    ),
    (
        "date without registration",
        MATTERS,
        {**CERTIFICATE, "appointment_date": next_workday().isoformat()},
        "marriage.appointment_date",
        "不需要预约登记日期",
    ),
    (
        "certificate with registration",
        ["marriage_registration", "birth_registration"],
        {"registry_office": "浦东新区婚姻登记处", "appointment_date": next_workday().isoformat(), **CERTIFICATE},
        "marriage.certificate_no",
        "不需要填写结婚证字号",
    ),
    (
        "registered date with registration",
        ["marriage_registration"],
        {
            "registry_office": "浦东新区婚姻登记处",
            "appointment_date": next_workday().isoformat(),
            "registered_at": "2024-05-20",
        },
        "marriage.registered_at",
        "不需要填写",
    ),
]


@pytest.mark.parametrize(
    ("matters", "marriage", "field", "words"), [r[1:] for r in REFUSALS], ids=[r[0] for r in REFUSALS]
)
def test_each_refusal_names_the_field(submit, matters, marriage, field, words):
    body = application_body(matters)
    if marriage is None:
        del body["marriage"]
    else:
        body["marriage"] = marriage
    r = submit(body)
    assert r.status_code == 422, r.text
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert field in errors, errors
    assert words in errors[field]


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("J310115-2024-000123", "J310115-2024-000123"),
        ("  bj-2019-1 ", "BJ-2019-1"),
        ("A1B2C3", "A1B2C3"),  # 6 characters
        ("A" + "-" * 38 + "9", "A" + "-" * 38 + "9"),  # 40 characters
        ("A1B2C", None),
        ("A" * 41, None),
        ("J310115-", None),
        ("J310115 2024", None),
        ("", None),
        # Older certificates: the 字号 in characters, as the certificate shows it.
        ("沪闵结字第1234号", "沪闵结字第1234号"),
        (" （1998）沪徐婚字 第012号", "(1998)沪徐婚字第012号"),
        ("沪结字1234", "沪结字1234"),
        ("结婚证", None),
        ("字第1234号", None),
        ("沪闵结字第号", None),
    ],
)
def test_certificate_number_rule(raw, stored):
    assert normalise_number(raw) == stored


def test_civil_affairs_pushes_the_current_format_only():
    """Electronic certificates are issued in the national format; a character 字号 from a
    department's push is a mistake, not an old certificate."""
    assert normalise_number("沪闵结字第1234号", old_style=False) is None
    assert normalise_number("J310115-2024-000123", old_style=False) == "J310115-2024-000123"


def test_certificate_is_stored_from_the_first_answer_only(submit, work_list):
    """A retry with the same key creates nothing: one certificate, one case."""
    body = married_body(["birth_registration"])
    first, again = submit(body, "married-once"), submit(body, "married-once")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    app_no = first.json()["application_no"]
    assert [c["matter"] for c in work_list("health").json() if c["application_no"] == app_no] == ["birth_registration"]


def check(client, draft: dict) -> dict:
    r = client.post("/api/v1/applications/check", json=draft, headers=SERVICE)
    assert r.status_code == 200, r.text
    return {e["field"]: e["message"] for e in r.json()["errors"]}


def test_draft_check_applies_the_same_rules(client):
    tomorrow = (_TODAY + timedelta(days=1)).isoformat()
    married = {"matters": ["birth_registration"]}
    assert check(client, {**married, "marriage": {"certificate_no": "J310115-2024-000123"}}) == {}
    errors = check(client, {**married, "marriage": {"certificate_no": "J3", "registered_at": tomorrow}})
    assert "格式不对" in errors["marriage.certificate_no"]
    assert "不能晚于今天" in errors["marriage.registered_at"]
    errors = check(client, {**married, "marriage": {"registry_office": "浦东新区婚姻登记处"}})
    assert list(errors) == ["marriage.registry_office"]
    registering = {"matters": ["marriage_registration"], "marriage": {"certificate_no": "J310115-2024-000123"}}
    assert list(check(client, registering)) == ["marriage.certificate_no"]
    # No matter chosen yet: what is there is checked, nothing is asked for.
    assert list(check(client, {"marriage": {"certificate_no": "J3"}})) == ["marriage.certificate_no"]
    assert check(client, {"marriage": {"registered_at": "2024-05-20"}}) == {}
