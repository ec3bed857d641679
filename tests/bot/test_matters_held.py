"""Issue #16, wrong matters: the application holds the matters the citizen asked for, nothing
dropped or added in silence: married couples said so in everyday words, "A和B都办", and a marriage
registration named after an earlier message was read as married."""

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.application import ActionAskMatters
from bot.actions.slots import MATTER_NAMES
from tests.bot.test_actions import close_session, texts, tracker  # noqa: F401
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


@pytest.mark.parametrize(
    "opening",
    [
        "你好，我们准备结婚",
        "我要办结婚登记",
        "结婚",
        "我要和王芳办结婚登记",
        "我们下个月就结婚了",
        "我们准备结婚，其他的都不太懂",
        "我只是想问问，我们要结婚了，怎么申请",
    ],
)
async def test_the_marriage_registration_named_alone_gets_the_matters_question(backend_url, domain, opening):
    """Blind: completed applications lacked the hukou status change after "我们准备结婚": the
    marriage registration named alone is noted, and which matters go with it is asked, not assumed."""
    slots, d = await form(domain, opening, {}, intent="apply", events=STARTING)
    assert "matters" not in slots and slots["already_married"] is False
    assert slots["requested_slot"] == "matters" and "已为您选择" not in texts(d)
    d = CollectingDispatcher()
    await ActionAskMatters().run(d, tracker(slots=slots), domain)
    assert "结婚登记已为您记下" in texts(d) and "请选择要一起办理的事项" in texts(d)
    assert [b["title"] for b in d.messages[0]["buttons"]] == [
        "四项都办",
        "结婚登记+户口婚姻状况变更",
        "结婚登记+生育登记",
        "只办结婚登记",
    ]


@pytest.mark.parametrize(
    "opening", ["我们准备结婚，只办结婚登记", "就办结婚登记", "办结婚登记，别的都不用", "我们只领证，其他事项不需要"]
)
async def test_the_marriage_registration_alone_on_purpose_is_not_asked_about(backend_url, domain, opening):
    slots, d = await form(domain, opening, {}, intent="apply", events=STARTING)
    assert slots["matters"] == [MARRIAGE] and slots["requested_slot"] == "applicant_name"
    assert "已为您选择：结婚登记。" in texts(d)


NOTED = {"already_married": False, "requested_slot": "matters"}


@pytest.mark.parametrize(
    "answer,intent,matters",
    [
        ("户口也改一下", "inform", [MARRIAGE, STATUS]),
        ("户口本上改成已婚吧", "inform", [MARRIAGE, STATUS]),
        ("都办", "inform", [MARRIAGE, STATUS, MIGRATION, BIRTH]),
        ("全部事项都办", "apply", [MARRIAGE, STATUS, MIGRATION, BIRTH]),
        ("就结婚登记", "apply", [MARRIAGE]),
        ("只办结婚登记", "apply", [MARRIAGE]),
        ("还要生育登记", "apply", [MARRIAGE, BIRTH]),
        ("再把她户口迁过来", "inform", [MARRIAGE, MIGRATION]),
        ("宝宝的也一起办", "inform", [MARRIAGE, BIRTH]),
        ("不用了", "deny", [MARRIAGE]),
        ("不用了", "affirm", [MARRIAGE]),
        ("就这个", "affirm", [MARRIAGE]),
        ("其他的都不需要", "inform", [MARRIAGE]),
        ("2", "inform", [MARRIAGE, STATUS]),
        ("不了", "deny", [MARRIAGE]),
    ],
)
async def test_each_answer_to_the_matters_question_after_the_marriage_is_noted(
    backend_url, domain, answer, intent, matters
):
    slots, d = await form(domain, answer, dict(NOTED), intent=intent)
    assert slots["matters"] == matters and slots["requested_slot"] == "applicant_name"
    assert "已为您选择：" + "、".join(MATTER_NAMES[m] for m in matters) + "。" in texts(d)
    assert "确定不办了" not in texts(d) and "一并加入结婚登记" not in texts(d)


async def test_married_after_all_at_that_question_books_no_marriage_registration(backend_url, domain):
    slots, _ = await form(domain, "已经领证了，办生育登记", dict(NOTED), intent="apply")
    assert slots["matters"] == [BIRTH] and slots["already_married"] is True


async def test_a_no_that_means_something_else_is_not_taken_for_marriage_only(backend_url, domain):
    slots, _ = await form(domain, "不对", dict(NOTED), intent="deny")
    assert "matters" not in slots and slots["requested_slot"] == "matters"


async def test_hukou_alone_at_that_question_asks_which(backend_url, domain):
    slots, d = await form(domain, "户口", dict(NOTED), intent="inform")
    assert "matters" not in slots and "是哪一项呢" in texts(d)


async def test_a_matter_named_at_that_question_taken_for_a_guide_question_is_read(backend_url, domain):
    """ "还要生育登记" classified as ask_guide: the guide action (its rule runs first inside the form)
    says nothing, and the form reads the answer instead of asking again."""
    from bot.actions.application_form import ValidateApplicationForm
    from bot.actions.guides import ActionAnswerGuide
    from tests.bot.test_actions import slots_after

    ran_guide = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "还要生育登记"},
        {"event": "action", "name": "action_answer_guide"},
    ]
    said = tracker("还要生育登记", dict(NOTED), "ask_guide", entities("还要生育登记"), "application_form", ran_guide)
    d = CollectingDispatcher()
    assert await ActionAnswerGuide().run(d, said, domain) == [] and d.messages == []
    got = await ValidateApplicationForm().run(d, said, domain)
    assert slots_after(dict(NOTED), got)["matters"] == [MARRIAGE, BIRTH]
    asked = tracker("生育登记要带什么材料？", dict(NOTED), "ask_guide", entities("生育登记"), "application_form")
    d = CollectingDispatcher()
    await ActionAnswerGuide().run(d, asked, domain)
    assert d.messages  # a real question is answered
