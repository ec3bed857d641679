"""Submission: each rule refused with a Chinese message naming the field; idempotency; auth."""

import copy
import json
import uuid
from datetime import date, timedelta

import pytest

from backend.applications.calendar import office_day
from backend.clock import today_local
from tests.backend.helpers import SERVICE, application_body, make_id, next_workday


def _mutate(path: str, value):
    body = application_body()
    target = body
    *parents, leaf = path.split(".")
    for p in parents:
        target = target[p]
    if value is _DELETE:
        del target[leaf]
    else:
        target[leaf] = value
    return body


_DELETE = object()
_TODAY = today_local()  # the backend's today (Asia/Shanghai), not the test machine's


def _saturday() -> str:
    """A plain weekend Saturday: not an adjusted working day (调休), not inside a holiday."""
    d = _TODAY + timedelta(days=3)
    while d.weekday() != 5 or office_day(d).reason != "周末":
        d += timedelta(days=1)
    return d.isoformat()


RULES = [
    # (case name, path to change, new value, field expected in the 422, words in the message)
    ("id checksum", "applicant.id_number", make_id(date(1994, 3, 5), "M")[:-1] + "0", "applicant.id_number", "校验位"),
    ("id length", "spouse.id_number", "31011519960709", "spouse.id_number", "18位"),
    ("id birth date", "applicant.id_number", "310104199413051234", "applicant.id_number", "出生日期"),
    ("phone", "applicant.phone", "1381234567", "applicant.phone", "11位"),
    ("name", "spouse.name", "李", "spouse.name", "姓名"),
    (
        "man under 22",
        "applicant.id_number",
        make_id(date(_TODAY.year - 21, 12, 31), "M"),  # under 22 all through the booking window
        "applicant.id_number",
        "22周岁",
    ),
    ("woman under 20", "spouse.id_number", make_id(date(_TODAY.year - 19, 12, 31), "F"), "spouse.id_number", "20周岁"),
    ("same person twice", "spouse.id_number", make_id(date(1994, 3, 5), "M"), "spouse.id_number", "相同"),
    ("same sex", "spouse.id_number", make_id(date(1995, 3, 5), "M", seq=55), "spouse.id_number", "男女双方"),
    (
        "date in the past",
        "marriage.appointment_date",
        (_TODAY - timedelta(days=1)).isoformat(),
        "marriage.appointment_date",
        "最早",
    ),
    ("date today", "marriage.appointment_date", _TODAY.isoformat(), "marriage.appointment_date", "最早"),
    (
        "beyond window",
        "marriage.appointment_date",
        (_TODAY + timedelta(days=45)).isoformat(),
        "marriage.appointment_date",
        "最远",
    ),
    ("weekend", "marriage.appointment_date", _saturday(), "marriage.appointment_date", "周末"),
    ("not a date", "marriage.appointment_date", "下周三", "marriage.appointment_date", "日期"),
    ("unknown office", "marriage.registry_office", "火星婚姻登记处", "marriage.registry_office", "16个区"),
    ("no shanghai hukou", "hukou.shanghai_hukou", [], "hukou.shanghai_hukou", "上海户"),
    ("hukou not answered", "hukou.shanghai_hukou", None, "hukou.shanghai_hukou", "哪一方是上海户口"),
    ("migration needs both", "hukou.shanghai_hukou", ["applicant"], "hukou.shanghai_hukou", "双方都是上海户口"),
    (
        "no consent",
        "hukou.migration.household_head_consent",
        False,
        "hukou.migration.household_head_consent",
        "户主同意",
    ),
    ("short address", "hukou.migration.household_address", "浦东", "hukou.migration.household_address", "地址"),
    ("mover", "hukou.migration.mover", "neighbour", "hukou.migration.mover", "迁户口"),
    ("fourth child", "birth.child_order", 4, "birth.child_order", "三个子女"),
    ("district", "birth.residence_district", "朝阳区", "birth.residence_district", "16个区"),
    (
        "due date past",
        "birth.expected_due_date",
        (_TODAY - timedelta(days=3)).isoformat(),
        "birth.expected_due_date",
        "预产期",
    ),
    ("missing section", "birth", _DELETE, "birth", "生育登记信息"),
    ("missing field", "applicant.phone", _DELETE, "applicant.phone", "手机号"),
    # Without marriage_registration the couple married earlier: a booking is refused (CONTRACT §3).
    ("booking without marriage", "matters", ["birth_registration"], "marriage.registry_office", "尚未登记结婚"),
    ("born tomorrow", "spouse.id_number", make_id(_TODAY + timedelta(days=1), "F"), "spouse.id_number", "晚于今天"),
    ("born in 9999", "applicant.id_number", make_id(date(9999, 12, 31), "M"), "applicant.id_number", "晚于今天"),
    ("unknown matter", "matters", ["marriage_registration", "divorce"], "matters", "无法识别"),
]


@pytest.mark.parametrize(("path", "value", "field", "words"), [r[1:] for r in RULES], ids=[r[0] for r in RULES])
def test_each_rule_names_the_field_in_chinese(submit, path, value, field, words):
    r = submit(_mutate(path, value))
    assert r.status_code == 422, r.text
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert field in errors, errors
    assert words in errors[field]


def test_extra_section_for_unchosen_matter(submit):
    body = application_body(["marriage_registration"])
    body["birth"] = {"child_order": 1, "residence_district": "浦东新区"}
    r = submit(body)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "birth"


def test_every_bad_field_is_named_at_once(submit):
    body = application_body()
    body["applicant"]["phone"] = "123"
    body["spouse"]["name"] = "x"
    body["birth"]["child_order"] = 9
    fields = {e["field"] for e in submit(body).json()["errors"]}
    assert {"applicant.phone", "spouse.name", "birth.child_order"} <= fields


def test_age_is_checked_on_the_appointment_date(submit):
    """A man turning 22 inside the window may book from his birthday on, not before."""
    first = next_workday(3)
    birthday = first + timedelta(days=7)
    body = application_body()
    body["applicant"]["id_number"] = make_id(birthday.replace(year=birthday.year - 22), "M")
    body["marriage"]["appointment_date"] = first.isoformat()
    r = submit(body)
    assert r.status_code == 422
    errors = {e["field"]: e["message"] for e in r.json()["errors"]}
    assert "22周岁" in errors["marriage.appointment_date"]


def test_requires_service_token(client):
    r = client.post("/api/v1/applications", json=application_body(), headers={"Idempotency-Key": "k"})
    assert r.status_code == 401
    assert "令牌" in r.json()["detail"]


def test_requires_idempotency_key(client):
    r = client.post("/api/v1/applications", json=application_body(), headers=SERVICE)
    assert r.status_code == 422
    assert r.json()["errors"][0]["field"] == "Idempotency-Key"


def test_same_key_same_body_returns_same_answer(submit, progress):
    body = application_body()
    key = uuid.uuid4().hex
    first, again = submit(body, key), submit(copy.deepcopy(body), key)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    timeline = progress(first.json()["application_no"], body["spouse"]["id_number"]).json()["timeline"]
    assert len(timeline) == 4


def test_same_key_other_body_is_409(submit):
    key = uuid.uuid4().hex
    assert submit(application_body(), key).status_code == 201
    other = application_body()
    other["applicant"]["phone"] = "13700000000"
    r = submit(other, key)
    assert r.status_code == 409


def test_refused_submission_can_be_retried_with_the_same_key(submit):
    key = uuid.uuid4().hex
    bad = application_body()
    bad["applicant"]["phone"] = "1"
    assert submit(bad, key).status_code == 422
    assert submit(application_body(), key).status_code == 201


def test_application_numbers_are_unguessable(submit):
    numbers = {submit().json()["application_no"] for _ in range(5)}
    assert len(numbers) == 5
    for no in numbers:
        assert no.startswith("HY") and len(no) == 16


def test_check_endpoint_uses_the_same_rules_on_a_partial_draft(client):
    draft = {"matters": ["marriage_registration"], "applicant": {"phone": "12"}}
    r = client.post("/api/v1/applications/check", json=draft, headers=SERVICE)
    assert r.status_code == 200
    assert [e["field"] for e in r.json()["errors"]] == ["applicant.phone"]
    ok = client.post("/api/v1/applications/check", json={"applicant": {"name": "张伟"}}, headers=SERVICE)
    assert ok.json() == {"errors": []}


@pytest.mark.parametrize("path", ["conversation_id", "hukou.migration.household_address", "spouse.phone"])
def test_unpaired_surrogate_is_422(client, path):
    """JSON's "\\ud800" decodes to a lone surrogate, which no encoder or database takes."""
    raw = json.dumps(_mutate(path, "浦东新区\ud800世纪大道100弄1号")).encode()  # ASCII escapes
    headers = {**SERVICE, "Idempotency-Key": uuid.uuid4().hex, "Content-Type": "application/json"}
    r = client.post("/api/v1/applications", content=raw, headers=headers)
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["field"] == path


def test_personal_data_is_encrypted_at_rest(submitted):
    from sqlalchemy import select

    from backend.applications.models import Party
    from backend.database import get_sessionmaker

    _, body = submitted
    with get_sessionmaker()() as s:
        rows = s.scalars(select(Party)).all()
    stored = " ".join(f"{p.name_enc} {p.id_number_enc} {p.phone_enc} {p.id_hash}" for p in rows)
    assert body["applicant"]["id_number"] not in stored
    assert body["applicant"]["phone"] not in stored
    assert "张伟" not in stored
