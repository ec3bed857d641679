"""Reading several values from one message, for the right party."""

import pytest

from bot.actions.parsing import Context, parse_message

OFFICES = {
    d: f"{d}婚姻登记处"
    for d in [
        "黄浦区",
        "徐汇区",
        "长宁区",
        "静安区",
        "普陀区",
        "虹口区",
        "杨浦区",
        "闵行区",
        "宝山区",
        "嘉定区",
        "浦东新区",
        "金山区",
        "松江区",
        "青浦区",
        "奉贤区",
        "崇明区",
    ]
}
A_ID, S_ID = "310104199403051238", "310115199607091249"


def parse(text, requested=None, intent="inform", matters=None, entities=None, answer_like=True):
    ctx = Context(requested, intent, 0.99, matters or [], entities or [], OFFICES, answer_like)
    return parse_message(text, ctx).values


def test_applicant_in_one_message():
    assert parse(f"我叫张伟，身份证{A_ID}，手机13812345678", "applicant_name") == {
        "applicant_name": "张伟",
        "applicant_id": A_ID,
        "applicant_phone": "13812345678",
    }


def test_spouse_by_cue_word():
    values = parse(f"对方叫李娜，身份证{S_ID}，手机13987654321", "applicant_name")
    assert values == {"spouse_name": "李娜", "spouse_id": S_ID, "spouse_phone": "13987654321"}


def test_both_parties_in_one_message():
    values = parse(f"我叫张伟 {A_ID} 13812345678，我老婆李娜 {S_ID} 13987654321", "applicant_name")
    assert values["applicant_id"] == A_ID and values["spouse_id"] == S_ID
    assert values["applicant_phone"] == "13812345678" and values["spouse_phone"] == "13987654321"
    assert values["spouse_name"] == "李娜"


def test_requested_party_is_the_default():
    assert parse(S_ID, "spouse_id") == {"spouse_id": S_ID}
    assert parse("王芳", "spouse_name") == {"spouse_name": "王芳"}


def test_bare_name_needs_an_answer():
    assert parse("你好", "applicant_name", intent="greet", answer_like=False) == {}
    assert parse("继续填写", "applicant_name") == {}


def test_correction_of_spouse_phone():
    values = parse("对方手机号写错了，应该是13787654321", "application_confirmed")
    assert values == {"spouse_phone": "13787654321"}


def test_wrong_length_id_is_passed_on_for_a_precise_message():
    assert parse("31010419940305123", "applicant_id") == {"applicant_id": "31010419940305123"}


def test_office_and_date_together():
    values = parse("浦东，下周三", "registry_office")
    assert values["registry_office"] == "浦东新区婚姻登记处"
    assert "appointment_date" in values


def test_unknown_office_is_passed_on():
    assert parse("火星婚姻登记处", "registry_office") == {"registry_office": "火星婚姻登记处"}


def test_residence_district_is_not_an_office():
    assert parse("我们住在闵行", "residence_district") == {"residence_district": "闵行区"}
    assert parse("第一个孩子，住浦东新区", "child_order") == {"child_order": 1.0, "residence_district": "浦东新区"}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("双方都是上海户口", ["applicant", "spouse"]),
        ("只有我是上海户口", ["applicant"]),
        ("只有对方是上海户口", ["spouse"]),
        ("我是上海户口她不是", ["applicant"]),
        ("双方都不是上海户口", []),
    ],
)
def test_shanghai_hukou(text, expected):
    assert parse(text, "shanghai_hukou")["shanghai_hukou"] == expected


def test_migration_details_in_one_message():
    values = parse("对方迁到我家，地址浦东新区世纪大道100弄1号101室，户主张伟，户主同意", "migration_mover")
    assert values == {
        "migration_mover": "spouse",
        "household_address": "浦东新区世纪大道100弄1号101室",
        "household_head_name": "张伟",
        "household_head_consent": True,
    }


@pytest.mark.parametrize(
    "text,mover", [("我迁到对方家", "applicant"), ("我要把户口迁到老公家", "applicant"), ("她的户口迁到我家", "spouse")]
)
def test_mover(text, mover):
    assert parse(text, "migration_mover")["migration_mover"] == mover


def test_consent_refused():
    assert parse("户主还没同意", "household_head_consent") == {"household_head_consent": False}
    assert parse("是的", "household_head_consent", intent="affirm") == {"household_head_consent": True}


@pytest.mark.parametrize(
    "text,order", [("第一个孩子", 1), ("二胎", 2), ("头胎", 1), ("第三胎", 3), ("2", 2), ("第四个", 4)]
)
def test_child_order(text, order):
    assert parse(text, "child_order")["child_order"] == order


def test_matters_from_entities_and_words():
    assert parse("四项一起办", "matters")["matters"] == [
        "marriage_registration",
        "hukou_marital_status",
        "hukou_migration",
        "birth_registration",
    ]
    # Named alone: whether a marriage registration goes with it is asked (already_married).
    assert parse("生育登记", "matters", entities=["birth_registration"])["matters"] == ["birth_registration"]
    current = ["marriage_registration", "hukou_migration"]
    added = parse("再加上生育登记", "applicant_name", matters=current, entities=["birth_registration"])
    assert added["matters"] == ["marriage_registration", "hukou_migration", "birth_registration"]
    removed = parse("不办户口迁移了", "applicant_name", matters=current, entities=["hukou_migration"])
    assert removed["matters"] == ["marriage_registration"]


def test_guide_question_is_not_a_matter_change():
    assert "matters" not in parse("所有材料要带什么", "applicant_name", intent="ask_guide", answer_like=False)


def test_address_numbers_are_not_dates():
    values = parse("闵行区七莘路888弄12号502室", "household_address")
    assert values == {"household_address": "闵行区七莘路888弄12号502室"}


def test_due_date_is_not_the_appointment():
    values = parse("预产期明年5月1日", "child_order")
    assert "appointment_date" not in values and values["expected_due_date"].endswith("-05-01")


def test_confirmation():
    assert parse("确认提交", "application_confirmed", intent="affirm") == {"application_confirmed": True}
    assert parse("我要修改", "application_confirmed", intent="deny") == {"application_confirmed": False}


def test_fourth_child_is_not_four_matters():
    values = parse("第四个孩子", "child_order", matters=["marriage_registration", "birth_registration"])
    assert "matters" not in values and values["child_order"] == 4


def test_a_bare_number_answers_the_requested_question():
    assert parse("12", "applicant_phone", intent="goodbye", answer_like=False) == {"applicant_phone": "12"}
    assert parse("3101", "spouse_id") == {"spouse_id": "3101"}


def test_a_correction_naming_no_party_changes_the_value_given_before():
    filled = frozenset({"applicant_name", "applicant_id", "applicant_phone"})
    ctx = Context("spouse_name", "inform", 0.99, [], [], OFFICES, True, filled=filled)
    assert parse_message("手机号写错了，应该是13912345601", ctx).values == {"applicant_phone": "13912345601"}
    # Not a correction: the spouse's phone, as asked.
    assert parse_message(
        "13912345601", Context("spouse_phone", "inform", 0.99, [], [], OFFICES, True, filled=filled)
    ).values == {"spouse_phone": "13912345601"}


@pytest.mark.parametrize("said", ["next Wednesday", "next wednesday please", "Wednesday next week 下周三"])
def test_a_day_said_in_english_is_read(said):
    assert "appointment_date" in parse(said, "appointment_date")


@pytest.mark.parametrize(
    "said",
    ["我老公叫王大伟哈哈～", "王大伟😄", "老公是王大伟", "未婚夫：王大伟", "我家那位叫王大伟呀", "我对象叫王大伟"],
)
def test_the_spouse_named_with_chatter_or_a_relation_word(said):
    assert parse(said, "spouse_name") == {"spouse_name": "王大伟"}


@pytest.mark.parametrize(("said", "order"), [("first baby", 1), ("2nd", 2), ("二宝", 2), ("首胎", 1)])
def test_child_order_in_more_words(said, order):
    assert parse(said, "child_order") == {"child_order": float(order)}


@pytest.mark.parametrize("said", ["户主是我公公王大海", "我爸王大海", "户主是他爸爸，叫王大海"])
def test_the_household_head_named_after_the_relation(said):
    assert parse(said, "household_head_name") == {"household_head_name": "王大海"}


@pytest.mark.parametrize(
    ("said", "parties"), [("both of us", ["applicant", "spouse"]), ("only me", ["applicant"]), ("neither", [])]
)
def test_shanghai_hukou_in_english(said, parties):
    assert parse(said, "shanghai_hukou") == {"shanghai_hukou": parties}


@pytest.mark.parametrize(("said", "district"), [("闸北", "静安区"), ("我们住卢湾那边", "黄浦区")])
def test_former_district_names(said, district):
    assert parse(said, "residence_district") == {"residence_district": district}


@pytest.mark.parametrize(("said", "consent"), [("OK的", True), ("没意见", True), ("not yet", False)])
def test_household_head_consent_in_more_words(said, consent):
    assert parse(said, "household_head_consent") == {"household_head_consent": consent}
