"""Issue #16 item 7: couples who registered their marriage earlier (CONTRACT §3 revision 2). The
assistant recognises or asks it, adds no marriage registration, takes the certificate number and
date (checked by the real backend), and the other matters are submitted to start at once."""

from datetime import date, timedelta

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.application import ActionAskMatters
from bot.actions.application_form import ValidateApplicationForm
from bot.actions.married import certificate_number, registration_date, says_married
from bot.actions.slots import required_slots
from bot.actions.summary import summary_text
from tests.bot.test_actions import HUSBAND, WIFE, close_session, slots_after, slots_of, texts, tracker  # noqa: F401

BIRTH = ["birth_registration"]
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    "text",
    [
        "已经领证了",
        "我们结婚两年了，想办生育登记",
        "我们是夫妻了，想办生育登记",
        "结婚一年多了",
        "去年领的证",
        "我们刚领证",
        "早就领了结婚证",
        "结婚证已经拿到了",
        "我俩已婚",
    ],
)
def test_married_is_recognised(text):
    assert says_married(text) is True


@pytest.mark.parametrize(
    "text", ["还没领证", "我们准备结婚", "下个月去领证", "想领证", "还没结婚呢", "我们下个月就结婚了", "下周就要领证了"]
)
def test_not_married_yet_is_recognised(text):
    assert says_married(text) is False


@pytest.mark.parametrize("text", ["户口本上改成已婚", "未婚改已婚", "领证要带什么", "你好", "结婚登记"])
def test_other_words_say_nothing_about_it(text):
    assert says_married(text) is None


@pytest.mark.parametrize(
    "text,asked,number",
    [
        ("J310115-2024-000123", True, "J310115-2024-000123"),
        ("结婚证字号是j310104-2022-001236", False, "J310104-2022-001236"),
        ("我们的证号：J310101-2021-000321，去年领的", False, "J310101-2021-000321"),
        ("BJ110101-2019-00077", False, "BJ110101-2019-00077"),
        ("abc12", True, "ABC12"),  # passed on: the backend says what is wrong with it
        ("2024-05-20", True, None),  # a date is no certificate number
        ("不知道", True, None),
        # Certificates from before the national format carry a 字号 in characters: kept whole.
        ("沪闵结字第1234号", True, "沪闵结字第1234号"),
        ("我们结婚证字号是沪闵结字第 1234 号，1998年领的", False, "沪闵结字第1234号"),
        ("（1996）沪徐婚字第012号", False, "(1996)沪徐婚字第012号"),
        ("我的名字是王芳", True, None),
    ],
)
def test_certificate_numbers(text, asked, number):
    assert certificate_number(text, asked) == number


@pytest.mark.parametrize(
    "text,day",
    [
        ("2024年5月20日", date(2024, 5, 20)),
        ("2024-05-20", date(2024, 5, 20)),
        ("2024.5.20", date(2024, 5, 20)),
        ("20240520", date(2024, 5, 20)),
        ("24年5月20号", date(2024, 5, 20)),
        ("二〇二三年九月九日", date(2023, 9, 9)),
        ("2023年五月二十日", date(2023, 5, 20)),
        ("去年5月20号领的", date(2025, 5, 20)),
        ("5月20日", date(2026, 5, 20)),  # the latest such day up to today
        ("12月30日", date(2025, 12, 30)),
    ],
)
def test_registration_dates_lie_in_the_past(text, day):
    assert registration_date(text, today=TODAY) == day


def test_the_married_path_asks_the_certificate_instead_of_a_booking():
    married = required_slots(BIRTH)
    assert "already_married" in married and "certificate_no" in married and "registered_at" in married
    assert "registry_office" not in married and "appointment_date" not in married
    registering = required_slots(["marriage_registration", *BIRTH])
    assert "already_married" not in registering and "certificate_no" not in registering
    assert "registry_office" in registering


async def run_form(domain, text, slots, intent="inform", events=None):
    d = CollectingDispatcher()
    t = tracker(text, slots, intent=intent, entities=entities_for(text), events=events)
    got = await ValidateApplicationForm().run(d, t, domain)
    return slots_after(slots, got), d


def entities_for(text: str) -> list[dict]:
    """The matter entities the NLU lookups give for these test messages."""
    words = {"生育登记": "birth_registration", "领证": "marriage_registration", "结婚": "marriage_registration"}
    words |= {"户口迁移": "hukou_migration", "户口迁过来": "hukou_migration", "要宝宝": "birth_registration"}
    return [{"entity": "matter", "value": v} for k, v in words.items() if k in text]


STARTING = [
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "…"},
    {"event": "active_loop", "name": "application_form"},
]


@pytest.mark.asyncio
async def test_a_married_couple_gets_no_marriage_registration_and_no_question(backend_url, domain):
    slots, d = await run_form(domain, "我们结婚两年了，想要宝宝，办个生育登记", {}, intent="apply", events=STARTING)
    assert slots["matters"] == BIRTH and slots["already_married"] is True
    assert slots["requested_slot"] == "applicant_name"
    assert "不用再办结婚登记" in texts(d) and "结婚登记需要双方本人" not in texts(d)


@pytest.mark.asyncio
async def test_unsure_the_assistant_asks_and_a_yes_takes_the_certificate_path(backend_url, domain):
    slots, d = await run_form(domain, "我想办生育登记", {}, intent="apply", events=STARTING)
    assert slots["matters"] == BIRTH and slots["requested_slot"] == "already_married"
    assert "已为您选择：生育登记" in texts(d) and "是否已经领证" in texts(d)
    slots, _ = await run_form(domain, "领了", slots, intent="affirm")
    assert slots["already_married"] is True and slots["matters"] == BIRTH
    assert slots["requested_slot"] == "applicant_name"


@pytest.mark.asyncio
async def test_not_married_yet_adds_the_marriage_registration_and_says_so(backend_url, domain):
    slots = {"matters": BIRTH, "requested_slot": "already_married"}
    slots, d = await run_form(domain, "还没领证", slots, intent="deny")
    assert slots["matters"] == ["marriage_registration", *BIRTH] and slots["already_married"] is False
    assert "结婚登记、生育登记" in texts(d) and "结婚登记办结后" in texts(d)  # the new selection, said


@pytest.mark.asyncio
async def test_the_numbered_choice_answers_the_married_question(backend_url, domain):
    slots, _ = await run_form(
        domain, "2", {"matters": BIRTH, "requested_slot": "already_married"}, intent="nlu_fallback"
    )
    assert slots["matters"] == ["marriage_registration", *BIRTH]


MARRIED_PARTIES = {
    "matters": BIRTH,
    "already_married": True,
    "applicant_name": "张伟",
    "applicant_id": HUSBAND,
    "applicant_phone": "13812345678",
    "spouse_name": "李娜",
    "spouse_id": WIFE,
    "spouse_phone": "13987654321",
}


@pytest.mark.asyncio
async def test_certificate_number_and_date_are_checked_by_the_backend(backend_url, domain):
    slots = {**MARRIED_PARTIES, "requested_slot": "certificate_no"}
    bad, d = await run_form(domain, "J3101", slots)
    assert "certificate_no" not in bad and "格式不对" in texts(d)
    slots, _ = await run_form(domain, "j310115-2024-000123", slots)
    assert slots["certificate_no"] == "J310115-2024-000123" and slots["requested_slot"] == "registered_at"
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    future, d = await run_form(domain, tomorrow, slots)
    assert "registered_at" not in future and "不能晚于今天" in texts(d)
    slots, _ = await run_form(domain, "2024年5月20日领的", slots)
    assert slots["registered_at"] == "2024-05-20" and slots["requested_slot"] == "child_order"


@pytest.mark.asyncio
async def test_summary_and_submission_of_a_married_couples_birth_registration(backend_url, domain):
    slots = {
        **MARRIED_PARTIES,
        "certificate_no": "J310115-2024-000123",
        "registered_at": "2024-05-20",
        "child_order": 1.0,
        "residence_district": "闵行区",
    }
    summary = summary_text(tracker(slots=slots))
    assert "结婚证字号J31" + "*" * 13 + "123" in summary and "2024年5月20日" in summary
    assert "婚姻登记处" not in summary
    slots |= {
        "application_summary": summary,
        "idempotency_key": "k-married-1",
        "requested_slot": "application_confirmed",
    }
    done, d = await run_form(domain, "确认提交", slots, intent="affirm")
    assert "申请编号：HY" in texts(d) and "已直接进入各部门审核" in texts(d)
    assert done.get("application_no", "").startswith("HY")


@pytest.mark.asyncio
async def test_hukou_migration_alone_for_a_married_couple(backend_url, domain):
    slots, _ = await run_form(domain, "已经领证了，想把老婆户口迁过来", {}, intent="apply", events=STARTING)
    assert slots["matters"] == ["hukou_migration"] and slots["already_married"] is True
    order = required_slots(slots["matters"])
    assert order.index("certificate_no") < order.index("shanghai_hukou") < order.index("migration_mover")
    assert "child_order" not in order and "registry_office" not in order


@pytest.mark.asyncio
async def test_a_named_matter_is_never_dropped_in_silence(backend_url, domain):
    slots = {"matters": ["marriage_registration"], "requested_slot": "applicant_name"}
    got, d = await run_form(domain, "户口迁移", slots, intent="inform")
    assert got["matters"] == ["marriage_registration"]
    assert "您提到了因婚姻市内户口迁移" in texts(d) and "加上" in texts(d)
    got, d = await run_form(domain, "还想把户口迁过来", slots, intent="inform")
    assert got["matters"] == ["marriage_registration", "hukou_migration"]


@pytest.mark.asyncio
async def test_married_couples_are_offered_the_three_other_matters(domain):
    d = CollectingDispatcher()
    await ActionAskMatters().run(d, tracker(slots={"already_married": True}), domain)
    assert "不用再办结婚登记" in texts(d)
    assert all("结婚登记" not in b["title"] for b in d.messages[0]["buttons"])
    d = CollectingDispatcher()
    await ActionAskMatters().run(d, tracker(), domain)
    assert [m.get("response") for m in d.messages] == ["utter_ask_matters"]


@pytest.mark.asyncio
async def test_matters_chosen_at_the_question_are_said_back(backend_url, domain):
    slots, d = await run_form(domain, "3", {"requested_slot": "matters"}, intent="nlu_fallback")
    assert slots["matters"] == ["marriage_registration", "birth_registration"]
    assert "已为您选择：结婚登记、生育登记" in texts(d)
    slots, d = await run_form(domain, "已经领证了", {"requested_slot": "matters"}, intent="inform")
    assert slots["already_married"] is True and slots["requested_slot"] == "matters"
    assert "已经领证" in texts(d) and "没有从您的回复里找到" not in texts(d)
    slots, d = await run_form(domain, "2", slots, intent="nlu_fallback")  # the married buttons' second
    assert slots["matters"] == ["hukou_marital_status"] and slots["requested_slot"] == "applicant_name"


@pytest.mark.asyncio
async def test_an_unclear_hukou_wish_is_asked_not_guessed(backend_url, domain):
    slots, d = await run_form(domain, "我们要领证，户口那个也弄一下", {}, intent="apply", events=STARTING)
    assert "matters" not in slots and slots["requested_slot"] == "matters"  # the matters question, no guess
    assert "户口婚姻状况变更、因婚姻市内户口迁移" in texts(d) and "请确认要一起办理哪几项" in texts(d)


@pytest.mark.asyncio
async def test_naming_the_marriage_registration_answers_the_married_question(backend_url, domain):
    slots = {"matters": ["hukou_migration"], "requested_slot": "already_married"}
    got, d = await run_form(domain, "我要申请结婚登记和户口迁移", slots, intent="apply")
    assert got["matters"] == ["marriage_registration", "hukou_migration"] and got["already_married"] is False
    assert got["requested_slot"] == "applicant_name" and "您提到了" not in texts(d)


def test_the_hukou_record_saying_unmarried_is_not_the_couple_saying_so():
    assert says_married("结婚好几年了，户口本上还是未婚，要改一下") is True
    assert says_married("我们还是未婚") is False


@pytest.mark.parametrize(
    "text",
    [
        "我们今年结的婚",
        "去年结的婚",
        "我们结婚了",
        "领完证了",
        "证已经领了",
        "我们是去年领证的",
        "上个月刚领的结婚证",
        "已登记结婚",
        "婚已经结了",
        "2019年结的婚",
        "我们2020年登记的",
        "前年领证",
        "我们都领证两年了",
        "三年前结的婚",
        "我们今年结婚的",
        "结婚好几年了，婚姻状况还是未婚",
    ],
)
def test_married_in_more_words(text):
    """A married couple not recognised is pushed into booking a marriage registration (#16)."""
    assert says_married(text) is True


@pytest.mark.parametrize(
    "text",
    [
        "快结婚了",
        "还没有登记",
        "没领呢",
        "今年结婚",
        "想在2027年结婚",
        "我想结婚了",
        "我们要扯证了",
        "明天去领证了",
        "我要跟王芳结婚了",
    ],
)
def test_not_married_yet_in_more_words(text):
    assert says_married(text) is not True
