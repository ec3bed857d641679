"""An efficient citizen answers the first question with everything ("也可以一次说完"): every value of
both parties, the booking or the earlier registration, hukou, migration and the child, each taken
from its own clause."""

import pytest
import pytest_asyncio
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import backend
from bot.actions.application_form import ValidateApplicationForm
from bot.actions.parsing import Context, parse_message
from tests.bot.conftest import get_json
from tests.bot.test_actions import slots_of, tracker
from tests.bot.test_parsing import OFFICES

ME, OTHER = "31011219900314825X", "310104199208022749"
FOUR = ["marriage_registration", "hukou_marital_status", "hukou_migration", "birth_registration"]
PARTIES = f"我叫陆家豪，身份证{ME}，手机13661234567；对方叫沈佳怡，身份证{OTHER}，手机13761234567"
BOTH = {
    "applicant_name": "陆家豪",
    "applicant_id": ME,
    "applicant_phone": "13661234567",
    "spouse_name": "沈佳怡",
    "spouse_id": OTHER,
    "spouse_phone": "13761234567",
}


def parse(text, matters, married=None, requested="applicant_name"):
    ctx = Context(requested, "inform", 0.99, matters, [], OFFICES, True, married, frozenset({"matters"}))
    return parse_message(text, ctx).values


def test_office_and_home_in_different_districts():
    values = parse(
        f"{PARTIES}；在徐汇区登记，下周三去；第一个孩子，住闵行", ["marriage_registration", "birth_registration"]
    )
    assert values["registry_office"] == "徐汇区婚姻登记处"
    assert values["residence_district"] == "闵行区"
    assert values["child_order"] == 1.0 and "appointment_date" in values
    assert {k: values[k] for k in BOTH} == BOTH


def test_office_and_home_in_the_same_district():
    values = parse(
        f"{PARTIES}；闵行区婚姻登记处，下周三；第1个孩子，我们住在闵行区",
        ["marriage_registration", "birth_registration"],
    )
    assert values["registry_office"] == "闵行区婚姻登记处" and values["residence_district"] == "闵行区"


@pytest.mark.parametrize(
    "place",
    ["在浦东新区登记", "浦东新区婚姻登记处", "去浦东登记", "浦东婚姻登记处"],
)
def test_the_office_in_its_own_clause(place):
    values = parse(f"{PARTIES}；{place}，12月18日去", ["marriage_registration"])
    assert values["registry_office"] == "浦东新区婚姻登记处"
    assert values["appointment_date"].endswith("-12-18")


def test_four_matters_in_one_message():
    text = (
        f"{PARTIES}；浦东新区婚姻登记处，下周二去；上海户口双方都是；对方迁到我家，家庭户地址浦东新区张杨路1200弄8号1101室，"
        "户主叫严国平，户主同意；第一个孩子，住浦东"
    )
    values = parse(text, FOUR)
    assert {k: values[k] for k in BOTH} == BOTH
    assert values["registry_office"] == "浦东新区婚姻登记处"
    assert values["shanghai_hukou"] == ["applicant", "spouse"]
    assert values["migration_mover"] == "spouse"
    assert values["household_address"] == "浦东新区张杨路1200弄8号1101室"
    assert values["household_head_name"] == "严国平" and values["household_head_consent"] is True
    assert values["child_order"] == 1.0 and values["residence_district"] == "浦东新区"


def test_a_married_couple_with_the_certificate_and_the_day():
    text = f"{PARTIES}；结婚证字号J310105-2023-004411，2023年9月16日领的证；上海户口只有我是"
    values = parse(text, ["hukou_marital_status"], married=True)
    assert values["certificate_no"] == "J310105-2023-004411"
    assert values["registered_at"] == "2023-09-16"
    assert values["shanghai_hukou"] == ["applicant"]
    assert "registry_office" not in values and "appointment_date" not in values


def test_an_id_number_labelled_with_hao_ma_is_no_certificate():
    """ "身份证号码是…" beside the other values: the ID, not a certificate number."""
    text = f"我姓陆，叫陆家豪，身份证号码是{ME}，手机是13661234567；对方叫沈佳怡，身份证号{OTHER}"
    values = parse(text, ["birth_registration"], married=True)
    assert values["applicant_id"] == ME and values["spouse_id"] == OTHER
    assert "certificate_no" not in values


def test_the_due_date_and_the_child_in_one_clause_group():
    values = parse(
        f"{PARTIES}；结婚证字号J310105-2023-004411，2023年9月16日领的证；第二胎，住杨浦区，预产期明年3月1日",
        ["birth_registration"],
        married=True,
    )
    assert values["child_order"] == 2.0 and values["residence_district"] == "杨浦区"
    assert values["expected_due_date"].endswith("-03-01")
    assert values["registered_at"] == "2023-09-16"


def test_a_single_place_still_follows_the_question():
    # One clause: the district answers the question asked, as before.
    assert parse("闵行", ["marriage_registration"], requested="registry_office") == {
        "registry_office": "闵行区婚姻登记处"
    }
    assert parse("闵行", ["birth_registration"], requested="residence_district") == {"residence_district": "闵行区"}


@pytest_asyncio.fixture
async def closing_session():
    yield
    if backend._session is not None:
        await backend._session.close()


@pytest.mark.asyncio
@pytest.mark.usefixtures("closing_session")
async def test_the_form_takes_everything_and_shows_the_summary(backend_url, domain):
    """Four matters answered in the one message after the opening: the next question is the
    confirmation, so the application takes three messages (opening, everything, 确认提交)."""
    window = get_json(f"{backend_url}/api/v1/applications/booking-window")[1]
    day = window["open_dates"][len(window["open_dates"]) // 2]
    month, date_of_month = int(day[5:7]), int(day[8:10])
    text = (
        f"{PARTIES}；在徐汇区登记，{month}月{date_of_month}日去；上海户口双方都是；对方迁到我家，"
        "家庭户地址闵行区莘庄镇莘建路100弄5号201室，户主叫陆建华，户主同意；第一个孩子，住闵行"
    )
    t = tracker(text, {"matters": FOUR, "requested_slot": "applicant_name"})
    d = CollectingDispatcher()
    slots = slots_of(await ValidateApplicationForm().run(d, t, domain))
    assert slots["requested_slot"] == "application_confirmed", [m.get("text") for m in d.messages]
    assert slots["registry_office"] == "徐汇区婚姻登记处" and slots["residence_district"] == "闵行区"
    assert slots["appointment_date"] == day and slots["household_head_name"] == "陆建华"
