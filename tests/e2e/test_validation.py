"""Every validation rule, in conversation: the Chinese explanation, and earlier answers kept."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from backend.applications.calendar import office_day
from tests.support.citizens import HUSBAND, WIFE, make_id

TODAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the backend's and the bot's today


def _saturday() -> str:
    d = TODAY + timedelta(days=3)
    while d.weekday() != 5 or office_day(d).reason != "周末":  # not an adjusted working Saturday
        d += timedelta(days=1)
    return f"{d.month}月{d.day}日"


def start(chat, matters="四项一起办"):
    chat.text("我要申请")
    chat.text(matters)


def give_parties(chat):
    chat.text(f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    return chat.text(f"对方叫李娜，身份证{WIFE}，手机13987654321")


PARTY_RULES = [
    # (bad answer, requested question it follows, words expected in the explanation)
    (f"身份证{HUSBAND[:-1]}{(int(HUSBAND[-1]) + 1) % 10}", "校验位"),
    ("身份证31010419940305123", "18位"),
    ("手机1381234567", "11位"),
    # Born on the last day of the year 21 years ago: under 22 on every day of the booking window.
    (f"身份证{make_id(date(TODAY.year - 21, 12, 31), 'M')}", "22周岁"),
]


@pytest.mark.parametrize(("bad", "words"), PARTY_RULES, ids=["checksum", "length", "phone", "age"])
def test_applicant_rules(chat, bad, words):
    start(chat)
    assert "身份证号" in chat.text("我叫张伟")
    reply = chat.text(bad)
    assert words in reply
    # The name given before is kept: once the ID and phone are right, the form moves on to
    # the other party instead of asking for the name again.
    assert "对方" in chat.text(f"身份证{HUSBAND}，手机13812345678")


def test_spouse_same_person_and_same_sex(chat):
    start(chat)
    chat.text(f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    reply = chat.text(f"对方叫李娜，身份证{HUSBAND}，手机13987654321")
    assert "双方身份证号相同" in reply
    reply = chat.text(make_id(date(1995, 1, 1), "M", seq=55))
    assert "性别相同" in reply
    reply = chat.text(WIFE)
    assert "婚姻登记处" in reply  # moved on: name and phone given with the bad ID were kept


@pytest.mark.parametrize(
    ("answer", "words"),
    [("今天", "最早"), (_saturday(), "周末"), ("2030-01-08", "最远"), ("随便哪天都行", "没听懂这个日期")],
    ids=["today", "weekend", "beyond-window", "unreadable"],
)
def test_appointment_date_rules(chat, answer, words):
    start(chat)
    give_parties(chat)
    assert "哪天" in chat.text("浦东新区")
    assert words in chat.text(answer)
    # The office given before is kept: a good date moves on to the hukou question.
    assert "上海户口" in chat.text("下周三")


def test_unknown_registry_office(chat):
    start(chat)
    give_parties(chat)
    assert "16个区" in chat.text("火星婚姻登记处")


def test_hukou_rules(chat):
    start(chat)
    give_parties(chat)
    chat.text("浦东新区，下周三")
    assert "户口迁移是谁迁到谁家" in chat.text("双方都是上海户口")
    chat.text("对方迁到我家，地址浦东新区世纪大道100弄1号101室，户主张伟")
    assert "户主同意" in chat.text("户主还没同意")


def test_a_hukou_answer_that_rules_out_migration_drops_it_aloud(chat, stack):
    """Migration within Shanghai needs both to hold Shanghai hukou: the matter is dropped, the
    citizen is told why and how to undo it, and the form goes on instead of asking again."""
    start(chat)
    give_parties(chat)
    chat.text("浦东新区，下周三")
    reply = chat.text("只有我是上海户口")
    assert "双方都是上海户口" in reply and "已为您去掉" in reply and "户口迁移" in reply
    assert "谁是上海户口" not in reply.splitlines()[-1]
    assert "hukou_migration" not in stack.tracker(chat.sender)["slots"]["matters"]


def test_birth_rules(chat):
    start(chat, "结婚登记和生育登记")
    give_parties(chat)
    chat.text("徐汇区，下周三")
    assert "三个子女" in chat.text("第四个孩子")
    chat.text("第二个孩子")
    assert "不是本市的区" in chat.text("朝阳区")
    summary = chat.text("闵行区")
    # Every earlier answer is still there.
    for words in ("张*", "李*", "徐汇区婚姻登记处", "第2个孩子", "居住闵行区", "结婚登记、生育登记"):
        assert words in summary


def test_two_failures_explain_and_offer_a_way_out(chat):
    start(chat)
    chat.text("我叫张伟")
    first = chat.say("身份证123456789012345")
    assert not any(m.get("buttons") for m in first)
    second = chat.say("身份证1234567890123456")
    texts = " ".join(m.get("text", "") for m in second)
    assert "说明" in texts and "法定婚龄" in texts
    buttons = [b["title"] for m in second for b in m.get("buttons", [])]
    assert buttons == ["继续填写", "转人工", "不办了"]
    assert "身份证号" in chat.text("继续填写")
    assert "手机号" in chat.text(HUSBAND)  # the name is still there; the form asks for the phone next


def test_backend_rules_are_the_bots_rules(chat, stack):
    """The bot shows the backend's own message for a rule, word for word."""
    import httpx

    draft = {"applicant": {"phone": "12"}}
    r = httpx.post(
        f"{stack.backend_url}/api/v1/applications/check",
        json=draft,
        headers={"Authorization": "Bearer local-service-token"},
    )
    message = r.json()["errors"][0]["message"]
    start(chat)
    chat.text(f"我叫张伟，身份证{HUSBAND}")
    assert message in chat.text("12")
