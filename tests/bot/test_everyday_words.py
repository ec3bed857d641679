"""Everyday words at the name question are not names (红包 and 年底 were taken for one, because 红 and
年 are surnames too): the reply says the word was not read as a name and how to give one, and how
to insist on it (我叫…) where the word could be a name. Names that are everyday words too (高明,
文静, 金星, 宁静, 安好) stay names. The rule: bot/actions/names.py, the word list:
bot/actions/common_words.py."""

import pytest

from bot.actions.common_words import derive, kept
from bot.actions.names import is_name, read_name
from bot.actions.slots import SPEC
from tests.bot.test_actions import bookable_days, texts
from tests.bot.test_form_turns import before, turn
from tests.bot.test_parsing import parse

__all__ = ["bookable_days"]  # the session fixture that puts a bookable day into the filled form
NAME_SLOTS = ["applicant_name", "spouse_name", "household_head_name"]
# Two-character replies a citizen may type when asked for a name: time words, not knowing or not
# wanting to say, the family and the form, a place.
EVERYDAY = [
    # when
    "时间",
    "年底",
    "明年",
    "年初",
    "过年",
    "元旦",
    "春节",
    "国庆",
    "明早",
    "明日",
    "凌晨",
    "平日",
    "时候",
    "明天",
    "上午",
    "下午",
    "晚上",
    "今天",
    "最近",
    "以后",
    "回头",
    "改天",
    "稍后",
    "现在",
    "刚才",
    # not knowing, not wanting to say
    "没有",
    "知道",
    "随便",
    "不清",
    "已经",
    "忘了",
    "保密",
    "暂无",
    "待定",
    "还没",
    "不想",
    "算了",
    "等等",
    "稍等",
    "跳过",
    "匿名",
    "隐私",
    "未知",
    "商量",
    "空白",
    "相同",
    "别人",
    "经常",
    "开始",
    "喜欢",
    "满意",
    "习惯",
    # the family, the household, the form
    "红包",
    "单位",
    "公司",
    "家人",
    "家长",
    "家庭",
    "爱人",
    "年纪",
    "年龄",
    "房子",
    "居住",
    "通知",
    "管理",
    "相关",
    "计划",
    "开心",
    "花钱",
    "门口",
    # a place: a foreign spouse's country, home
    "法国",
    "国家",
    "国内",
]
# Names in the name tables that are everyday words too, and names with a word-like surname.
WORDS_AND_NAMES = [
    "王芳",
    "高明",
    "文静",
    "金星",
    "宁静",
    "安然",
    "安好",
    "万里",
    "常胜",
    "常乐",
    "高飞",
    "高峰",
    "高洁",
    "红梅",
    "海燕",
    "成龙",
    "春华",
    "桂兰",
    "卫东",
    "胡蝶",
    "那英",
    "都敏",
    "和静",
    "过伟",
]
CUES = {"applicant_name": "我叫{}", "spouse_name": "对方叫{}", "household_head_name": "户主叫{}"}


def test_the_tables_are_big_enough():
    assert len(set(EVERYDAY)) == len(EVERYDAY) >= 60 and all(len(w) == 2 for w in EVERYDAY)
    assert sum(w in kept() for w in EVERYDAY) >= 40  # most start with a surname: the word list decides them


def test_the_kept_word_list_is_what_jiebas_dictionary_gives():
    assert kept() == frozenset(derive())


@pytest.mark.parametrize("word", EVERYDAY)
def test_an_everyday_word_is_no_name(word):
    assert not is_name(word, asked=True) and not is_name(word)
    assert read_name(word, asked=True) is None
    for slot in NAME_SLOTS:
        assert slot not in parse(word, slot)


@pytest.mark.parametrize("word", [w for w in EVERYDAY if w in kept() and w != "明天"])  # a date is never a name
def test_a_cue_word_vouches_for_a_listed_word(word):
    assert read_name(f"我叫{word}") == word and read_name(f"名字是{word}") == word


@pytest.mark.parametrize("name", WORDS_AND_NAMES)
def test_names_that_are_words_too_stay_names(name):
    assert is_name(name, asked=True) and read_name(name, asked=True) == name
    assert name not in kept()


@pytest.mark.asyncio
@pytest.mark.parametrize("word", EVERYDAY)
async def test_the_reply_says_the_word_was_not_read_as_a_name(backend_url, domain, word):
    slots, d = await turn(domain, word, before("applicant_name"))
    assert "applicant_name" not in slots
    said = texts(d)
    assert f"“{word}”不像是姓名，没有记作您的姓名" in said and "例如“张伟”" in said
    could_be_a_name = word in kept() and is_name(word, cued=True)
    assert (f"请说“我叫{word}”" in said) == could_be_a_name  # how to insist, where a cue would do


@pytest.mark.asyncio
@pytest.mark.parametrize("slot", NAME_SLOTS)
@pytest.mark.parametrize("word", ["红包", "年底", "单位", "随便"])
async def test_each_name_question_explains_and_the_offered_cue_works(backend_url, domain, slot, word):
    slots, d = await turn(domain, word, before(slot))
    assert slot not in slots and f"“{word}”不像是姓名，没有记作{SPEC[slot].label}" in texts(d)
    cue = CUES[slot].format(word)
    assert (f"请说“{cue}”" in texts(d)) == (word in kept())  # 随便: no name, no cue offered
    if word in kept():
        slots, _ = await turn(domain, cue, before(slot))
        assert slots[slot] == word


@pytest.mark.asyncio
@pytest.mark.parametrize("name", ["王芳", "高明", "文静", "金星", "安好"])
async def test_a_name_that_is_a_word_too_is_taken_at_the_question(backend_url, domain, name):
    slots, _ = await turn(domain, name, before("spouse_name"))
    assert slots["spouse_name"] == name and slots["requested_slot"] == "spouse_id"
