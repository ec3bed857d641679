"""GET /api/v1/catalog serves the vocabulary that the bot and the web used to copy; the form it
describes is the one the submission rules enforce; the bot's copy is the served one."""

import itertools
import json
from pathlib import Path

import pytest

from backend.applications.rules import check_application
from backend.applications.schemas import ApplicationIn
from backend.clock import today_local
from backend.matters.catalog import CATALOG, Matter
from backend.matters.form import FIELDS, required_paths
from backend.vocabulary.export import BOT_CATALOG, render
from tests.backend.helpers import SERVICE, application_body

CERTIFICATE = {"certificate_no": "J310115-2024-000123", "registered_at": "2024-05-20"}


def test_the_catalog_names_matters_departments_aspects_and_statuses_in_chinese(client):
    r = client.get("/api/v1/catalog")
    assert r.status_code == 200 and "max-age" in r.headers["cache-control"]
    body = r.json()
    matters = {m["code"]: m for m in body["matters"]}
    assert list(matters) == [m.value for m in Matter]
    birth = matters["birth_registration"]
    assert (birth["short_name"], birth["department"], birth["department_name"]) == ("生育登记", "health", "卫健")
    assert birth["prerequisite"] == "marriage_registration" and matters["marriage_registration"]["prerequisite"] is None
    assert birth["sections"] == ["applicant", "spouse", "marriage", "birth"]
    assert "birth.child_order" in birth["fields"] and "hukou.shanghai_hukou" not in birth["fields"]
    assert {a["code"]: a["name"] for a in body["aspects"]}["materials"] == "所需材料"
    statuses = {s["code"]: s for s in body["statuses"]}
    assert statuses["waiting_prerequisite"] == {
        "code": "waiting_prerequisite",
        "text": "待婚姻登记办结",
        "final": False,
    }
    assert statuses["withdrawn"]["final"] and len(statuses) == 8
    rules = body["masking"]["rules"]
    assert rules["phone"] == {"keep_start": 3, "keep_end": 4, "min_length": 11, "max_length": 11, "fill": None}
    assert rules["address"] == {"keep_start": 5, "keep_end": 0, "min_length": 6, "max_length": None, "fill": 4}
    fields = {f["path"]: f for s in body["sections"] for f in s["fields"]}
    assert (
        fields["applicant.id_number"]["label"] == "申请人身份证号" and "18位" in fields["applicant.id_number"]["hint"]
    )
    assert fields["marriage.certificate_no"]["not_with"] == ["marriage_registration"]
    assert {s["code"]: s["name"] for s in body["sections"]}["spouse"] == "配偶（对方）"


def test_the_bots_copy_is_the_served_catalog(client):
    """bot/catalog.json is written by `make catalog`; a catalog change without it fails here."""
    assert json.loads(BOT_CATALOG.read_text(encoding="utf-8")) == client.get("/api/v1/catalog").json(), (
        "bot/catalog.json is stale: run `make catalog`"
    )
    assert BOT_CATALOG.read_text(encoding="utf-8") == render()


def _complete_body(chosen: set[Matter]) -> dict:
    body = application_body([m.value for m in Matter if m in chosen])
    if Matter.marriage_registration not in chosen:
        body["marriage"] = dict(CERTIFICATE)
    return body


def _drop(body: dict, path: str) -> dict:
    body = json.loads(json.dumps(body))
    *parents, leaf = path.split(".")
    node = body
    for p in parents:
        node = node[p]
    del node[leaf]
    return body


COMBINATIONS = [set(c) for n in (1, 2, 4) for c in itertools.combinations(list(Matter), n)]


@pytest.mark.parametrize("chosen", COMBINATIONS, ids=lambda c: "+".join(sorted(m.value for m in c)))
def test_the_rules_require_exactly_the_fields_the_catalog_names(chosen):
    today = today_local()
    complete = _complete_body(chosen)
    assert check_application(ApplicationIn.model_validate(complete), complete=True, today=today) == []
    for path in required_paths(chosen):
        errors = check_application(ApplicationIn.model_validate(_drop(complete, path)), complete=True, today=today)
        assert [e.field for e in errors] == [path], path
    optional = [f.path for f in FIELDS if f.optional and chosen & f.needed_for]
    for path in optional:
        body = _drop(complete, path)
        assert check_application(ApplicationIn.model_validate(body), complete=True, today=today) == []


def test_every_matter_has_a_guide_and_its_fields_are_labelled_in_chinese():
    guides = Path(__file__).resolve().parents[2] / "guides"
    for code in CATALOG:
        assert (guides / f"{code.value}.yml").exists()
    for field in FIELDS:
        assert not any(part in field.label for part in field.path.split(".")), field.path


@pytest.mark.parametrize(
    "path",
    ["applicant.mobile", "marriage.office", "hukou.migration.head_name", "birth.due_date", "hukou.shanghai"],
)
def test_an_unknown_key_in_a_section_is_refused_in_chinese_naming_it(submit, client, path):
    body = application_body()
    *parents, leaf = path.split(".")
    node = body
    for p in parents:
        node = node[p]
    node[leaf] = "x"
    draft = {k: v for k, v in body.items() if k not in ("channel", "conversation_id")}
    for r in (submit(body), client.post("/api/v1/applications/check", json=draft, headers=SERVICE)):
        assert r.status_code == 422, r.text
        errors = r.json()["errors"]
        assert [e["field"] for e in errors] == [path]
        assert f"“{path}”不是可以填写的字段" in errors[0]["message"]
