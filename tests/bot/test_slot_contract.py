"""The agreement between the bot's slots and the backend's application (bot/actions/slots.py),
checked against a running backend in both directions: every path a slot fills exists in the
backend's schema (and nested sections refuse unknown keys, so a typo would be a 422, not a loss),
and every field the backend requires for what the bot can choose has a slot."""

import json
import urllib.request

import pytest

from bot.actions import parsing, slots
from bot.actions.vocabulary import CATALOG

SERVICE = {"Authorization": "Bearer local-service-token", "Content-Type": "application/json"}


def _get(url: str) -> dict:
    with urllib.request.urlopen(url) as r:
        return json.loads(r.read())


def _resolve(schema: dict, node: dict) -> dict:
    """The object schema behind `node` ($ref, or anyOf with null)."""
    if "$ref" in node:
        return _resolve(schema, schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]])
    for alt in node.get("anyOf", []):
        if alt.get("type") != "null":
            return _resolve(schema, alt)
    return node


def _leaf(schema: dict, root: dict, path: str) -> dict | None:
    node = root
    for part in path.split("."):
        node = _resolve(schema, node).get("properties", {}).get(part)
        if node is None:
            return None
    return node


def _bot_paths() -> dict[str, str]:
    # Slots without a path are the assistant's own (e.g. whether the couple is married already).
    return {s.path: s.name for s in slots.SPECS if s.path} | {path: name for name, path in slots.OPTIONAL.items()}


def test_every_path_the_bot_fills_is_a_field_of_the_backends_application(backend_url):
    schema = _get(f"{backend_url}/openapi.json")
    root = schema["components"]["schemas"]["ApplicationIn"]
    for path, slot in _bot_paths().items():
        leaf = _leaf(schema, root, path)
        assert leaf is not None, f"slot {slot} fills {path}, which the backend's application does not have"
        assert "properties" not in _resolve(schema, leaf), f"slot {slot} fills the whole section {path}"
    for section in ("PartyIn", "MarriageIn", "HukouIn", "MigrationIn", "BirthIn"):
        assert schema["components"]["schemas"][section].get("additionalProperties") is False, section


def test_every_field_the_backend_requires_has_a_slot():
    """Couples registering now and couples married already: every field the backend requires for
    some choice of matters has a slot, needed for exactly the matters the catalog says."""
    fields = [f for s in CATALOG["sections"] for f in s["fields"]]
    paths = _bot_paths()
    for f in fields:
        if not f["optional"]:
            assert f["path"] in paths, f"the backend requires {f['path']} ({f['label']}) and no slot fills it"
            needed = slots.SPEC[paths[f["path"]]].needed_for
            assert needed == frozenset(f["needed_for"]), f["path"]


@pytest.mark.parametrize("matters", parsing.MATTER_CHOICES + parsing.MARRIED_MATTER_CHOICES, ids=lambda m: "+".join(m))
def test_a_draft_built_from_every_needed_slot_is_a_complete_application(backend_url, matters):
    """build_draft over the slots the chosen matters need, as the bot submits it: the backend's
    check finds nothing wrong or unknown in it, and it holds every field the catalog requires."""
    values = {
        "matters": matters,
        "applicant_name": "张伟",
        "applicant_id": "310104199403051238",
        "applicant_phone": "13812345678",
        "spouse_name": "李娜",
        "spouse_id": "310115199607091249",
        "spouse_phone": "13987654321",
        "registry_office": "浦东新区婚姻登记处",
        "appointment_date": None,
        "certificate_no": "J310115-2024-000123",
        "registered_at": "2024-05-20",  # the day is checked against the calendar: left to the e2e tests
        "shanghai_hukou": ["applicant", "spouse"],
        "migration_mover": "spouse",
        "household_address": "浦东新区世纪大道100弄1号101室",
        "household_head_name": "张伟",
        "household_head_consent": True,
        "child_order": "1",
        "residence_district": "浦东新区",
    }
    body = slots.build_draft(slots.relevant(values))
    request = urllib.request.Request(
        f"{backend_url}/api/v1/applications/check", data=json.dumps(body).encode(), headers=SERVICE
    )
    with urllib.request.urlopen(request) as r:
        assert json.loads(r.read())["errors"] == []
    needed = set(slots.required_slots(matters)) - {slots.CONFIRM_SLOT, "appointment_date", "already_married"}
    assert {slots.BY_PATH.get(p) for p in _paths(body)} - {None} == needed
    required = {
        f["path"]
        for s in CATALOG["sections"]
        for f in s["fields"]
        if set(matters) & set(f["needed_for"]) and not set(matters) & set(f["not_with"]) and not f["optional"]
    }
    left_to_e2e = {"marriage.appointment_date"} if slots.MARRIAGE in matters else set()
    assert required - set(_paths(body)) == left_to_e2e


def _paths(body: dict, prefix: str = "") -> list[str]:
    out = []
    for key, value in body.items():
        path = f"{prefix}{key}"
        out += _paths(value, path + ".") if isinstance(value, dict) else [path]
    return out
