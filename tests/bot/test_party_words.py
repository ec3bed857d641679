"""The words for the parties (bot/actions/party_words.py) mean the same to every reader of a reply:
the spouse's name, the Shanghai-hukou answer, the household head and who moves their hukou."""

import re

import pytest

from bot.actions.household import head_name
from bot.actions.hukou_answers import shanghai_parties
from bot.actions.party_words import SELF_WORDS, SPOUSE_WORDS
from tests.bot.test_parsing import parse

SPOUSE = [
    "对方",
    "配偶",
    "另一半",
    "老婆",
    "老公",
    "爱人",
    "妻子",
    "丈夫",
    "媳妇",
    "媳妇儿",
    "未婚妻",
    "未婚夫",
    "女朋友",
    "男朋友",
    "女友",
    "男友",
    "对象",
    "先生",
    "太太",
    "那位",
    "那口子",
    "老伴",
    "老伴儿",
    "老头子",
    "老太婆",
    "屋里厢",
]
SELF = ["申请人", "我方", "我自己", "我", "本人", "自己", "俺", "阿拉"]
KNOWN = {"applicant_name": "张伟", "spouse_name": "李娜"}


def test_the_tables_are_the_module_s():
    assert all(re.fullmatch(SPOUSE_WORDS, w) for w in SPOUSE) and not re.fullmatch(SPOUSE_WORDS, "我")
    assert all(re.fullmatch(SELF_WORDS, w) for w in SELF) and not re.fullmatch(SELF_WORDS, "对方")


@pytest.mark.parametrize("word", SPOUSE)
def test_a_word_for_the_spouse_is_the_spouse_everywhere(word):
    assert parse(f"{word}叫王芳", "applicant_name").get("spouse_name") == "王芳"
    assert parse(f"我和{word}王芳一起来办", "applicant_name").get("spouse_name") == "王芳"
    assert shanghai_parties(f"{word}是上海户口，我不是", asked=True) == ["spouse"]
    assert head_name(f"户主是{word}", asked=True, known=KNOWN) == "李娜"
    assert parse(f"{word}的户口迁到我家", "migration_mover").get("migration_mover") == "spouse"
    assert parse(f"我迁到{word}家", "migration_mover").get("migration_mover") == "applicant"


def test_the_applicant_named_by_a_cue_word_is_the_name_alone():
    assert parse("本人叫张伟", "applicant_name") == {"applicant_name": "张伟"}  # was '叫张伟'


@pytest.mark.parametrize("word", SELF)
def test_a_word_for_the_applicant_is_the_applicant_everywhere(word):
    assert shanghai_parties(f"{word}是上海户口，对方不是", asked=True) == ["applicant"]
    assert head_name(f"户主是{word}", asked=True, known=KNOWN) == "张伟"
