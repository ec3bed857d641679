"""Issue #16 items 7-9 over the running stack: a married couple's birth registration alone, matters
named in everyday words, and a message in English."""

import re

import pytest

from backend.simulator.client import DepartmentClient
from tests.support.citizens import HUSBAND, WIFE

CERTIFICATE = "J310115-2024-000123"


def test_a_married_couples_birth_registration_alone(chat, stack):
    start = chat.text("我们结婚两年了，想要个宝宝，先把生育登记办了")
    assert "已为您选择：生育登记。" in start and "不用再办结婚登记" in start
    assert "婚姻登记处" not in start
    chat.text(f"我叫张伟，身份证{HUSBAND}，手机13812345678")
    asks_number = chat.text(f"对方叫李娜，身份证{WIFE}，手机13987654321")
    assert "结婚证上的字号" in asks_number
    asks_day = chat.text(CERTIFICATE.lower())
    assert "哪天领的证" in asks_day
    chat.text("2024年5月20日")
    summary = chat.text("第一个孩子，住闵行区")
    assert "已登记结婚：结婚证字号J31" in summary and "2024年5月20日" in summary
    assert CERTIFICATE not in summary and "预约" not in summary
    done = chat.text("确认提交")
    number = re.search(r"HY\d{6}[0-9A-Z]{8}", done).group(0)
    assert "生育登记已直接进入各部门审核" in done
    assert chat.turns <= 8

    progress = chat.text("办到哪了")
    assert "生育登记（卫健）：审核中" in progress and "结婚登记" not in progress
    # The certificate reached the department with the case, marked as given by the applicant.
    cases = DepartmentClient("health", stack.backend_url).cases("in_review").json()
    case = next(c for c in cases if c["application_no"] == number)
    assert case["certificate"]["certificate_no"] == CERTIFICATE and case["certificate"]["source"] == "applicant"


def test_unsure_whether_married_the_assistant_asks(chat):
    start = chat.text("我要办户口迁移")
    assert "已为您选择：因婚姻市内户口迁移。" in start and "你们已经领结婚证了吗" in start
    reply = chat.text("还没领证")
    assert "结婚登记、因婚姻市内户口迁移" in reply and "您的姓名" in reply


@pytest.mark.parametrize(
    "opening,chosen",  # the one-word opener 结婚 was once out of scope
    [
        ("我们要扯证了，顺便把媳妇户口迁过来", "结婚登记、因婚姻市内户口迁移"),
        ("准备领证，也想要宝宝了，一起办", "结婚登记、生育登记"),
        ("领证加上户口本上改成已婚", "结婚登记、户口婚姻状况变更"),
    ],
)
def test_everyday_words_for_the_matters(chat, opening, chosen):
    reply = chat.text(opening)
    assert "不在“婚育一件事”的办理范围内" not in reply
    assert "开始填写联办申请" in reply and f"已为您选择：{chosen}。" in reply


@pytest.mark.parametrize(
    "opening,answer,chosen",
    [
        ("结婚", "户口也改一下", "结婚登记、户口婚姻状况变更"),
        ("你好，我们准备结婚", "不用了", "结婚登记"),
        ("我要办结婚登记", "还要生育登记", "结婚登记、生育登记"),
        ("我们准备结婚", "都办", "结婚登记、户口婚姻状况变更、因婚姻市内户口迁移、生育登记"),
        ("我要办结婚登记", "就这个", "结婚登记"),
    ],
)
def test_the_marriage_registration_named_alone_is_noted_and_the_rest_asked(chat, opening, answer, chosen):
    """Blind: completed applications lacked the hukou status change after "我们准备结婚"."""
    reply = chat.text(opening)
    assert "不在“婚育一件事”的办理范围内" not in reply and "已为您选择" not in reply
    assert "结婚登记已为您记下" in reply and "请选择要一起办理的事项" in reply
    reply = chat.text(answer)
    assert f"已为您选择：{chosen}。" in reply and "您的姓名" in reply and "确定不办了" not in reply


def test_only_the_marriage_registration_said_at_the_opening_is_not_asked_about(chat):
    reply = chat.text("我们准备结婚，只办结婚登记")
    assert "已为您选择：结婚登记。" in reply and "您的姓名" in reply and "记下" not in reply


def test_a_matter_named_later_is_never_dropped_in_silence(chat):
    chat.text("我要办结婚登记")
    chat.text("只办结婚登记")
    reply = chat.text("还有老婆户口迁到我这边")
    assert "现在办理：结婚登记、因婚姻市内户口迁移" in reply


def test_english_gets_a_bilingual_reply_with_the_main_choices(chat):
    reply = chat.say("I want to get married")
    assert "Chinese only" in reply[0]["text"] and "只支持中文" in reply[0]["text"]
    assert [b["payload"] for b in reply[0]["buttons"]] == [
        "婚育一件事能办哪些事",
        "我要申请",
        "我的申请办到哪了",
        "转人工",
    ]
    assert "不客气" not in reply[0]["text"]


def test_a_request_in_english_that_needs_no_chinese_dialogue_is_acted_on(chat):
    """A person asked for in English is asked for (queued for the console when staff are on duty,
    else the hotline); a question in English about the guides still gets the bilingual note."""
    reply = chat.text("I need to speak to a real person please")
    assert "已为您转人工" in reply or ("现在没有人工客服在线" in reply and "12345" in reply)
    assert "Chinese only" in chat.text("which documents do we need for the registration")
