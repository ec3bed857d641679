"""Issue #16, the last unfinished personas: answers the form could not read or never saw. A name
answer the classifier took for applying or a greeting (the rule for it runs first inside the form)
is read by the form, not counted as a miss; a name outside the surname table is believed at the
name's own question; hukou answers that name another province, 申请人, 新郎/新娘 by the ID numbers."""

import pytest
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.application import ActionContinueForm
from bot.actions.application_form import ValidateApplicationForm
from bot.actions.parsing import Context, parse_message
from tests.bot.test_actions import HUSBAND, WIFE, bookable_days, close_session, slots_after, texts, tracker  # noqa: F401
from tests.bot.test_form_turns import before
from tests.bot.test_third_miss import back_after

KNOWN = {"applicant_name": "张伟", "applicant_id": HUSBAND}


def parse(text: str, requested: str, known: dict | None = None) -> dict:
    ctx = Context(requested, "inform", 0.99, [], [], {}, True, known=known if known is not None else KNOWN)
    return parse_message(text, ctx).values


@pytest.mark.parametrize(
    "said,name",
    [
        ("扎西卓玛", "扎西卓玛"),
        ("格桑梅朵", "格桑梅朵"),
        ("乌兰托娅", "乌兰托娅"),
        ("热依拉阿不都", "热依拉阿不都"),
        ("对方是扎西卓玛", "扎西卓玛"),
        ("我老婆扎西卓玛", "扎西卓玛"),
        ("我爱人叫扎西卓玛", "扎西卓玛"),
        ("热依拉.阿不都", "热依拉·阿不都"),
        ("她叫刘慧芳，今年28岁", "刘慧芳"),
        ("510104196606191744，刘慧芳", "刘慧芳"),
        ("我老婆叫王上海", "王上海"),
        ("她叫都兰", "都兰"),
        ("上官婉儿", "上官婉儿"),
    ],
)
def test_the_spouse_name_is_read_at_its_question(said, name):
    assert parse(said, "spouse_name").get("spouse_name") == name


@pytest.mark.parametrize(
    "said",
    ["还没想好", "稍等一下", "以后再说", "不方便说", "随便写", "重新开始", "上一步", "对不起", "和李娜", "对方安徽"],
)
def test_words_of_a_sentence_are_no_name(said):
    assert "spouse_name" not in parse(said, "spouse_name")


def test_a_name_outside_the_table_is_not_believed_away_from_its_question():
    assert "spouse_name" not in parse("扎西卓玛", "spouse_phone")


@pytest.mark.parametrize(
    "said,parties",
    [
        ("我上海户口，老公江西户口", ["applicant"]),
        ("我是上海户籍，男朋友是河南的", ["applicant"]),
        ("我户口在上海，对象户口在四川", ["applicant"]),
        ("我是上海的，他是湖南的", ["applicant"]),
        ("我是上海本地人，他是新上海人", ["applicant"]),
        ("申请人是上海户口", ["applicant"]),
        ("申请人上海户籍，配偶外省户籍", ["applicant"]),
        ("俺是上海的", ["applicant"]),
        ("户籍：本人上海，对方安徽", ["applicant"]),
        ("新郎是上海户口", ["applicant"]),  # the applicant's ID number is a man's
        ("新娘是上海户口", ["spouse"]),
        ("女方上海户口", ["spouse"]),  # only the applicant's (a man's) number given
        ("我是上海的，他外地", ["applicant"]),
        ("我们俩都不是上海的", []),
        ("就我一个", ["applicant"]),
    ],
)
def test_who_is_a_shanghai_hukou(said, parties):
    assert parse(said, "shanghai_hukou") == {"shanghai_hukou": parties}


@pytest.mark.asyncio
@pytest.mark.parametrize("intent", ["apply", "greet", "thank"])
async def test_a_name_taken_for_applying_is_read_by_the_form(backend_url, domain, intent):
    """The rule for applying (greeting, thanks) inside the form runs first: it stays silent when the
    message answers the question, and the form reads the answer instead of counting a miss."""
    slots = before("spouse_name")
    said = "我要和刘慧芳登记结婚"
    d = CollectingDispatcher()
    await ActionContinueForm().run(d, tracker(said, slots, intent=intent, loop="application_form"), domain)
    assert not d.messages
    d = CollectingDispatcher()
    t = tracker(said, slots, intent=intent, loop="application_form", events=back_after("action_continue_form"))
    after = slots_after(slots, await ValidateApplicationForm().run(d, t, domain))
    assert after["spouse_name"] == "刘慧芳" and after["requested_slot"] == "spouse_id"
    assert "spouse_name" not in (after.get("failure_counts") or {})


@pytest.mark.asyncio
async def test_applying_again_without_an_answer_still_says_so(domain):
    slots = before("spouse_name")
    d = CollectingDispatcher()
    await ActionContinueForm().run(d, tracker("我要申请", slots, intent="apply", loop="application_form"), domain)
    assert "申请正在填写中" in texts(d)


@pytest.mark.parametrize(
    "said,name",
    [
        ("Anna Smith", "Anna Smith"),
        ("对方叫Anna Smith", "Anna Smith"),
        ("她叫 Emily Chen", "Emily Chen"),
        ("JOHN SMITH", "JOHN SMITH"),
        ("对方是外国人，叫Jean-Pierre Dupont", "Jean-Pierre Dupont"),
        ("Anna Smith 13912345678", "Anna Smith"),
    ],
)
def test_a_name_in_latin_letters_is_read_at_its_question(said, name):
    """The backend takes a name in Latin letters (a foreign spouse): the form reads one too."""
    assert parse(said, "spouse_name").get("spouse_name") == name


@pytest.mark.parametrize(
    "said", ["OK", "yes", "skip", "I don't know", "对方叫Anna，身份证没有", "对方叫Tom，我叫Jerry"]
)
def test_latin_words_that_are_no_name(said):
    assert "spouse_name" not in parse(said, "spouse_name")


@pytest.mark.parametrize("said", ["“刘慧芳”", "对方叫“刘慧芳”", "「刘慧芳」", "【刘慧芳】", '"刘慧芳"', "'刘慧芳'"])
def test_a_name_in_quotation_marks(said):
    assert parse(said, "spouse_name") == {"spouse_name": "刘慧芳"}


def test_a_hukou_answer_in_quotation_marks():
    assert parse("“只有我是”", "shanghai_hukou") == {"shanghai_hukou": ["applicant"]}


@pytest.mark.parametrize(
    "said",
    [
        "我和我未婚妻王芳一起来办结婚登记",
        "我跟王芳要结婚",
        "我和王芳准备结婚",
        "我和女朋友王芳来登记",
        "跟我一起办的是王芳",
        "一起办理的是王芳",
        "我要和王芳办结婚登记",
        "我准备娶王芳",
    ],
)
def test_the_spouse_named_with_the_wish_to_marry(said):
    """What a citizen says when the classifier takes the answer for applying: the name alone."""
    assert parse(said, "spouse_name").get("spouse_name") == "王芳"


@pytest.mark.parametrize("said", ["我家那口子张伟", "孩子他爸张伟", "宝宝爸爸是张伟", "孩子爸爸叫张伟"])
def test_the_spouse_as_the_child_s_parent(said):
    assert parse(said, "spouse_name", {}).get("spouse_name") == "张伟"
