"""Issue #16: the ways strangers answer the questions that looped (who is a Shanghai hukou, the
household head, the certificate number, the registry office, the spouse), table by table."""

import pytest

from bot.actions.parsing import Context, parse_message
from citizen_text.normalise import normalise
from tests.bot.test_parsing import OFFICES

HUSBAND, WIFE = "310104199403051238", "310115199607091249"
KNOWN = {"applicant_name": "吴志强", "spouse_name": "马丽丽", "applicant_id": HUSBAND, "spouse_id": WIFE}
BOTH, ME, SPOUSE = ["applicant", "spouse"], ["applicant"], ["spouse"]


def parse(text, requested, known=None, matters=None):
    ctx = Context(requested, "inform", 0.99, matters or [], [], OFFICES, True, known=known or {})
    return parse_message(normalise(text), ctx).values


@pytest.mark.parametrize(
    "said,parties",
    [
        ("我们俩都是", BOTH),
        ("两个人都是上海人", BOTH),
        ("都有", BOTH),
        ("我是，她也是", BOTH),
        ("都不是", []),
        ("都是外地的", []),
        ("我们都是外地户口", []),
        ("没有", []),
        ("我不是上海户口，对方是", SPOUSE),
        ("我是外地的，对方上海的", SPOUSE),
        ("她上海户口我不是", SPOUSE),
        ("我老公是上海户口，我不是", SPOUSE),
        ("他是", SPOUSE),
        ("对方", SPOUSE),
        ("是我老婆", SPOUSE),
        ("我家那位是上海的", SPOUSE),
        ("我是", ME),
        ("我有，他没有", ME),
        ("就我是", ME),
        ("上海户口的是我", ME),
    ],
)
def test_who_is_a_shanghai_hukou(said, parties):
    assert parse(said, "shanghai_hukou") == {"shanghai_hukou": parties}


@pytest.mark.parametrize("said,parties", [("男方是上海户口", ME), ("女方是上海户口", SPOUSE), ("女的是", SPOUSE)])
def test_the_man_or_the_woman_by_their_id_numbers(said, parties):
    assert parse(said, "shanghai_hukou", known=KNOWN) == {"shanghai_hukou": parties}


@pytest.mark.parametrize("said", ["男方是上海户口", "我不是上海户口", "上海户口"])
def test_not_said_is_not_guessed(said):
    assert "shanghai_hukou" not in parse(said, "shanghai_hukou")


@pytest.mark.parametrize("said", ["我是上海户口，想办结婚登记", "我老婆是上海户口"])
def test_one_side_said_in_passing_drops_no_matter(said):
    """Outside the question, one party alone is not the answer (the migration needs both)."""
    assert "shanghai_hukou" not in parse(said, "applicant_name")


@pytest.mark.parametrize(
    "said,head",
    [
        ("户主是我爸张三丰", "张三丰"),
        ("户主是我爸爸，叫张三丰", "张三丰"),
        ("我爸爸张三丰是户主", "张三丰"),
        ("是我公公王大海", "王大海"),
        ("李秀英（我婆婆）", "李秀英"),
        ("李秀英，我婆婆", "李秀英"),
        ("户主我爸，张三丰", "张三丰"),
        ("户主是我丈母娘刘桂花", "刘桂花"),
        ("我老公王建国是户主", "王建国"),
        ("户主是欧阳修", "欧阳修"),
        ("户主是我自己", "吴志强"),
        ("我就是户主", "吴志强"),
        ("户主是我老公", "马丽丽"),
        ("她是户主", "马丽丽"),
        ("户主是对方", "马丽丽"),
    ],
)
def test_the_household_head(said, head):
    assert parse(said, "household_head_name", known=KNOWN)["household_head_name"] == head


def test_a_head_named_only_by_kin_is_not_guessed():
    assert "household_head_name" not in parse("户主是他爸", "household_head_name", known=KNOWN)


MARRIED = ["birth_registration"]


@pytest.mark.parametrize(
    "said,number",
    [
        ("J310115-2020-001234", "J310115-2020-001234"),
        ("j310115-2020-001234", "J310115-2020-001234"),
        ("J310115 2020 001234", "J310115-2020-001234"),
        ("J 310115-2020-001234", "J310115-2020-001234"),
        ("Ｊ３１０１１５－２０２０－００１２３４", "J310115-2020-001234"),
        ("J310115—2020—001234", "J310115-2020-001234"),
        ("J310115_2020_001234", "J310115-2020-001234"),
        ("J310115/2020/001234", "J310115-2020-001234"),
        ("结婚证字号：J310115-2020-001234", "J310115-2020-001234"),
        ("编号是 J310115-2020-001234", "J310115-2020-001234"),
        ("J3101152020001234", "J3101152020001234"),
        ("BJ110105-2019-012345", "BJ110105-2019-012345"),
    ],
)
def test_certificate_numbers_in_their_real_shapes(said, number):
    values = parse(said, "certificate_no", matters=MARRIED)
    assert values["certificate_no"] == number
    assert not {"applicant_id", "spouse_id", "applicant_phone", "spouse_phone"} & set(values)


@pytest.mark.parametrize(
    "said,office",
    [
        ("闵行", "闵行区婚姻登记处"),
        ("去徐汇区的吧", "徐汇区婚姻登记处"),
        ("徐汇区民政局", "徐汇区婚姻登记处"),
        ("浦东新区婚姻登记中心（世纪大道）", "浦东新区婚姻登记处"),
        ("想在宝山登记", "宝山区婚姻登记处"),
        ("浦东那边", "浦东新区婚姻登记处"),
        ("就近吧，我们住在闵行", "闵行区婚姻登记处"),
        ("离我家近的，我住长宁", "长宁区婚姻登记处"),
    ],
)
def test_registry_offices(said, office):
    assert parse(said, "registry_office")["registry_office"] == office


@pytest.mark.parametrize("said", ["就近", "随便哪个", "哪个都行", "离家近的", "你们推荐一个", "都可以"])
def test_any_office_is_asked_where_they_live_not_sent_to_the_backend(said):
    ctx = Context("registry_office", "inform", 0.99, [], [], OFFICES, True)
    parsed = parse_message(said, ctx)
    assert "registry_office" not in parsed.values and "registry_office" in parsed.unreadable


@pytest.mark.parametrize(
    "said,name",
    [
        ("我媳妇儿刘慧芳", "刘慧芳"),
        ("新郎是王建国", "王建国"),
        ("男方王建国", "王建国"),
        ("女方刘慧芳", "刘慧芳"),
        ("她名字叫刘慧芳", "刘慧芳"),
        ("对方刘慧芳身份证510104196606191744手机13912340002", "刘慧芳"),
        ("刘慧芳是我老婆", "刘慧芳"),
        ("我老婆的名字叫刘慧芳", "刘慧芳"),
        ("老婆：刘慧芳，510104196606191744，13912340002", "刘慧芳"),
        ("对方是我未婚妻刘慧芳", "刘慧芳"),
        ("刘 慧芳", "刘慧芳"),
        ("刘慧芳女士", "刘慧芳"),
        ("王建国先生", "王建国"),
        ("对方姓名：刘慧芳（女）", "刘慧芳"),
        ("叫刘慧芳吧", "刘慧芳"),
        ("对方名字叫做刘慧芳", "刘慧芳"),
        ("她姓刘，叫慧芳", "刘慧芳"),
        ("我要嫁的人叫王建国", "王建国"),
    ],
)
def test_the_spouse_named_every_way(said, name):
    assert parse(said, "spouse_name")["spouse_name"] == name


FOUR = ["marriage_registration", "hukou_marital_status", "hukou_migration", "birth_registration"]


@pytest.mark.parametrize(
    "said,named,chosen",
    [
        ("结婚登记和生育登记都办", ["marriage_registration", "birth_registration"], None),
        ("结婚登记、户口婚姻状况变更都要办", ["marriage_registration", "hukou_marital_status"], None),
        ("全部都办", [], FOUR),
        ("四项都办", [], FOUR),
    ],
)
def test_both_named_and_all_said_is_the_ones_named(said, named, chosen):
    """ "都办" after the matters it names is those matters, not all four (a silent addition)."""
    ctx = Context("matters", "apply", 0.99, [], named, OFFICES, True)
    assert parse_message(said, ctx).values["matters"] == (chosen or named)


def test_all_said_at_another_question_changes_no_matter():
    ctx = Context("appointment_date", "inform", 0.99, ["marriage_registration"], [], OFFICES, True)
    assert "matters" not in parse_message("全部都办好了，下周三", ctx).values


def test_the_marriage_registration_named_at_the_question_wins_over_an_earlier_married():
    ctx = Context("matters", "inform", 0.99, [], ["marriage_registration", "birth_registration"], OFFICES, True)
    ctx.married = True
    values = parse_message("结婚登记、生育登记", ctx).values
    assert values == {"matters": ["marriage_registration", "birth_registration"], "already_married": False}


def test_an_id_number_after_its_label_is_no_certificate_number():
    """ "身份证号码…" read as a certificate number (证号码) lost the ID (#16)."""
    values = parse(f"我女朋友刘慧芳，身份证号码{WIFE}，手机号13912340002", "spouse_name")
    assert values == {"spouse_name": "刘慧芳", "spouse_id": WIFE, "spouse_phone": "13912340002"}


def test_the_surname_and_the_given_name_said_apart_make_the_whole_name():
    values = parse("我叫王小芳，老婆姓刘，叫慧芳", "applicant_name")
    assert values == {"applicant_name": "王小芳", "spouse_name": "刘慧芳"}


@pytest.mark.parametrize(
    "said,name",
    [
        ("我要娶的是刘慧芳", "刘慧芳"),
        ("和我结婚的是王建国", "王建国"),
        ("结婚对象是刘慧芳", "刘慧芳"),
        ("我和刘慧芳结婚", "刘慧芳"),
        ("我要嫁给王建国", "王建国"),
        ("结婚对象是买买提·艾力", "买买提·艾力"),
    ],
)
def test_the_spouse_named_by_the_marriage_itself(said, name):
    """Classified as a request to apply, these went to "申请正在填写中" and the same question (#16)."""
    ctx = Context("spouse_name", "apply", 0.99, [], [], OFFICES, False)
    assert parse_message(said, ctx).values["spouse_name"] == name


@pytest.mark.parametrize("said", ["领证的是我们俩", "登记的是浦东"])
def test_no_spouse_named_by_the_marriage(said):
    assert "spouse_name" not in parse(said, "spouse_name")
