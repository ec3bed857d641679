"""Issue #16, wrong matters: the application holds the matters the citizen asked for, nothing
dropped or added in silence: married couples said so in everyday words, "A和B都办", and a marriage
registration named after an earlier message was read as married."""

import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from tests.bot.test_actions import close_session, texts  # noqa: F401
from tests.bot.test_married import STARTING, run_form

pytestmark = pytest.mark.asyncio
ROOT = Path(__file__).resolve().parents[2]
MARRIAGE, STATUS, MIGRATION, BIRTH = (
    "marriage_registration",
    "hukou_marital_status",
    "hukou_migration",
    "birth_registration",
)


@cache
def _lookup() -> tuple[re.Pattern, dict[str, str]]:
    """The matter entity as the NLU's RegexEntityExtractor finds it (bot/data/lookups/matter.yml, in
    order, no word boundaries) and EntitySynonymMapper names it (bot/data/nlu/synonyms.yml)."""
    lookup = yaml.safe_load((ROOT / "bot/data/lookups/matter.yml").read_text(encoding="utf-8"))["nlu"][0]
    words = [w[2:].strip() for w in lookup["examples"].splitlines() if w.strip()]
    synonyms = {}
    for item in yaml.safe_load((ROOT / "bot/data/nlu/synonyms.yml").read_text(encoding="utf-8"))["nlu"]:
        for w in item["examples"].splitlines():
            if w.strip():
                synonyms[w.strip()[2:].strip()] = item["synonym"]
    return re.compile("|".join(re.escape(w) for w in words)), synonyms


def entities(text: str) -> list[dict]:
    pattern, synonyms = _lookup()
    return [{"entity": "matter", "value": synonyms.get(m.group(0), m.group(0))} for m in pattern.finditer(text)]


async def form(domain, text, slots, intent="inform", events=None):
    import tests.bot.test_married as married

    original = married.entities_for
    married.entities_for = entities
    try:
        return await run_form(domain, text, slots, intent=intent, events=events)
    finally:
        married.entities_for = original


@pytest.mark.parametrize(
    "opening,matters",
    [
        ("2019年结的婚，现在想办生育登记", [BIRTH]),
        ("我们去年就领证了，想把户口迁到老公家", [MIGRATION]),
        ("领完证了，户口本改成已婚", [STATUS]),
    ],
)
async def test_a_married_couple_in_everyday_words_books_no_marriage_registration(backend_url, domain, opening, matters):
    slots, _ = await form(domain, opening, {}, intent="apply", events=STARTING)
    assert slots["matters"] == matters and slots["already_married"] is True
    assert slots["requested_slot"] == "applicant_name"


async def test_two_matters_and_all_said_is_those_two(backend_url, domain):
    slots, d = await form(domain, "结婚登记和生育登记都办", {"requested_slot": "matters"}, intent="apply")
    assert slots["matters"] == [MARRIAGE, BIRTH]
    assert "已为您选择：结婚登记、生育登记" in texts(d)


async def test_a_marriage_registration_named_after_married_was_read_is_kept(backend_url, domain):
    slots = {"already_married": True, "requested_slot": "matters"}
    slots, _ = await form(domain, "结婚登记、生育登记", slots, intent="apply")
    assert slots["matters"] == [MARRIAGE, BIRTH] and slots["already_married"] is False
    assert slots["requested_slot"] == "applicant_name"


async def test_an_opening_in_everyday_words_holds_every_matter_it_named(backend_url, domain):
    opening = "我们打算下个月领证，到时候把她户口迁到我家，再把孩子的生育登记办了"
    slots, _ = await form(domain, opening, {}, intent="apply", events=STARTING)
    assert slots["matters"] == [MARRIAGE, MIGRATION, BIRTH] and slots["already_married"] is False


@pytest.mark.parametrize(
    "opening,hinted",
    [
        ("我想办结婚登记，还有孩子出生的事", "生育登记"),
        ("我们俩结婚，户口本也要改", "户口婚姻状况变更"),
        ("刚领完证，户口本上还是未婚，顺便把户口并到一起", "因婚姻市内户口迁移"),
        ("办理结婚登记跟户口变更", "户口婚姻状况变更、因婚姻市内户口迁移"),
    ],
)
async def test_a_matter_hinted_at_in_the_opening_is_asked_not_dropped(backend_url, domain, opening, hinted):
    """The opening named some matters and hinted at another: the matters question comes, with what
    was hinted at said, instead of holding only the named ones (the citizen never hears the
    matters question then, and the application lacks one)."""
    slots, d = await form(domain, opening, {}, intent="apply", events=STARTING)
    assert "matters" not in slots and slots["requested_slot"] == "matters"
    assert hinted in texts(d) and "请确认要一起办理哪几项" in texts(d)
    slots, _ = await form(domain, "结婚登记、生育登记", slots, intent="apply")
    assert slots["matters"] == [MARRIAGE, BIRTH]


async def test_the_marriage_registration_alone_offers_the_other_matters(backend_url, domain):
    """ "我们准备结婚" picks the marriage registration; the rest of the bundle is offered, not guessed."""
    slots, d = await form(domain, "你好，我们准备结婚", {}, intent="apply", events=STARTING)
    assert slots["matters"] == [MARRIAGE]
    assert "还可以一起申请户口婚姻状况变更、因婚姻市内户口迁移、生育登记" in texts(d)
    slots, d = await form(domain, "结婚登记和生育登记都办", {"requested_slot": "matters"}, intent="apply")
    assert "还可以一起申请" not in texts(d)
