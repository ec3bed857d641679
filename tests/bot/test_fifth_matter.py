"""The bot's side of a fifth matter added by data (tests/backend/test_fifth_matter.py): the catalog
exported from a backend with the fixture's guides, read through BOT_CATALOG_PATH, puts 新生儿落户
into the bot's own choices and the form's slots. The actions read the catalog at import, so each
reading runs in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fixtures.fifth_matter import CODE, SHORT_NAME, build_guides

ROOT = Path(__file__).resolve().parents[2]
BACKEND_PYTHON = ROOT / ".venv" / "backend" / "bin" / "python"

READ = """
import json
from bot.actions.application import ADDED_BUTTONS, MARRIED_BUTTONS
from bot.actions.guides import _matter_buttons
from bot.actions.parsing import MARRIED_MATTER_CHOICES, MATTER_CHOICES
from bot.actions.slots import ALL_MATTERS, MATTER_NAMES, required_slots
from bot.actions.form_support import matters_named
from rasa_sdk import Tracker

def named(text):
    message = {"text": text, "intent": {"name": "inform"}, "entities": []}
    return matters_named(Tracker("t", {}, message, [], False, None, {}, "action_listen"))

print(json.dumps({
    "matters": ALL_MATTERS,
    "names": MATTER_NAMES,
    "married_buttons": MARRIED_BUTTONS,
    "added_buttons": ADDED_BUTTONS,
    "guide_buttons": _matter_buttons("materials"),
    "choices": MATTER_CHOICES,
    "married_choices": MARRIED_MATTER_CHOICES,
    "married_slots": required_slots(["%(code)s"]),
    "registering_slots": required_slots(["marriage_registration", "%(code)s"]),
    "birth_only_slots": required_slots(["birth_registration"]),
    "named_by_button": named(ADDED_BUTTONS[0]["payload"] if ADDED_BUTTONS else "结婚登记和%(short)s"),
}, ensure_ascii=False))
"""


def _read_bot(catalog: Path | None) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("BOT_CATALOG_PATH", None)
    if catalog is not None:
        env["BOT_CATALOG_PATH"] = str(catalog)
    out = subprocess.run(
        [sys.executable, "-c", READ % {"code": CODE, "short": SHORT_NAME}],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def fifth(tmp_path_factory) -> dict:
    guides = build_guides(tmp_path_factory.mktemp("fifth") / "guides")
    catalog = guides.parent / "catalog.json"
    subprocess.run(
        [str(BACKEND_PYTHON), "-m", "backend.vocabulary.export", "--out", str(catalog)],
        env={**os.environ, "GUIDES_DIR": str(guides), "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    return _read_bot(catalog)


def test_the_bot_knows_the_fifth_matter_and_its_name(fifth):
    assert fifth["matters"][-1] == CODE
    assert fifth["names"][CODE] == SHORT_NAME


def test_the_matters_question_offers_it(fifth):
    # A couple still to register: the domain's four buttons, then one for the added matter.
    assert fifth["added_buttons"] == [{"title": f"结婚登记+{SHORT_NAME}", "payload": f"结婚登记和{SHORT_NAME}"}]
    assert fifth["choices"][0][-1] == CODE and fifth["choices"][-1] == ["marriage_registration", CODE]
    # A married couple: every matter they can apply for, then each alone.
    titles = [b["title"] for b in fifth["married_buttons"]]
    assert titles == ["四项都办", "户口婚姻状况变更", "因婚姻市内户口迁移", "生育登记", SHORT_NAME]
    assert fifth["married_buttons"][0]["payload"].endswith(f"和{SHORT_NAME}")
    assert fifth["married_choices"][-1] == [CODE]
    # Guide questions that name no matter.
    assert fifth["guide_buttons"][-1]["title"] == SHORT_NAME


def test_the_form_asks_what_it_needs(fifth):
    married = fifth["married_slots"]
    assert {"already_married", "certificate_no", "registered_at", "shanghai_hukou"} <= set(married)
    assert not {"child_order", "registry_office", "migration_mover"} & set(married)
    registering = fifth["registering_slots"]
    assert "registry_office" in registering and "certificate_no" not in registering
    assert "shanghai_hukou" in registering
    assert "shanghai_hukou" not in fifth["birth_only_slots"]


def test_the_shipped_catalog_offers_none_of_it():
    shipped = _read_bot(None)
    assert CODE not in shipped["matters"]
    assert shipped["added_buttons"] == []
    assert shipped["married_buttons"][0]["title"] == "三项都办"


def test_its_button_is_understood_without_training_data(fifth):
    # The payload of its button names it in the catalog's words; no NLU example knows them.
    assert sorted(fifth["named_by_button"]) == sorted(["marriage_registration", CODE])
