"""Names read by structure (bot/actions/names.py): every common surname, compound surnames,
middle dots, with or without cue words, first or after other values; and replies that are not
names even though they start with a surname."""

import pytest

from bot.actions.names import is_name, read_name
from bot.actions.surnames import TOP_100
from tests.bot.test_parsing import A_ID, parse

GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "秀兰",
    "霞",
    "平",
    "刚",
    "桂英",
    "小雨",
    "晓梅",
    "建华",
    "文博",
    "子涵",
    "浩然",
    "欣怡",
    "雨桐",
    "梓萱",
    "宇轩",
    "思远",
    "一鸣",
    "佳怡",
    "俊杰",
    "诗涵",
    "天佑",
    "嘉怡",
    "志强",
    "海燕",
    "丽华",
    "建国",
    "春梅",
    "振华",
    "晓东",
    "雪",
    "婷婷",
    "鹏",
    "飞",
    "静怡",
    "安",
    "晨",
    "琳",
    "斌",
    "红",
    "莉",
    "宁",
    "波",
    "慧",
    "颖",
    "凯",
    "辉",
    "鑫",
    "倩",
    "璐",
    "蕾",
    "帆",
    "昊",
    "楠",
    "悦",
    "琪",
    "瑶",
    "欢",
    "晶",
    "翔",
    "薇",
    "冰",
    "立新",
    "玉兰",
    "淑珍",
    "国庆",
    "秀珍",
    "德明",
    "金凤",
    "永红",
    "桂兰",
    "卫东",
    "晓燕",
    "春华",
    "少华",
    "建军",
    "红梅",
    "雅琴",
    "子轩",
    "若曦",
    "梦琪",
    "一诺",
    "嘉豪",
]
assert len(GIVEN) >= len(TOP_100)
COMMON = [surname + GIVEN[i] for i, surname in enumerate(TOP_100)]  # all 100 most common surnames
ISSUE_16 = ["周杰", "周晓梅", "高飞", "文静", "安好", "钟小雨", "陈晓梅", "宁静", "安然", "于是之", "万里", "常胜"]
COMPOUND = [
    "欧阳娜娜",
    "司马光明",
    "上官婉儿",
    "诸葛亮",
    "东方明珠",
    "皇甫嵩",
    "令狐冲",
    "慕容雪",
    "尉迟恭",
    "长孙无忌",
    "夏侯惇",
    "公孙胜",
    "端木蓉",
    "宇文泰",
    "司徒雷",
    "申屠嘉",
    "澹台明",
    "欧阳修",
]
DOTTED = ["买买提·艾力", "买买提•艾力", "买买提・艾力", "阿依古丽·吐尔逊", "努尔·阿不都拉"]
NAMES = COMMON + ISSUE_16 + COMPOUND
CUES = ["{}", "我叫{}", "名字是{}", "本人{}", "是{}", "我的名字叫{}", "姓名：{}"]


def test_the_table_is_big_enough():
    assert len(set(NAMES)) >= 130 and len({n[0] for n in COMMON}) == 100
    assert len(NAMES) * len(CUES) >= 200


@pytest.mark.parametrize("name", NAMES + DOTTED)
def test_a_bare_name_is_a_name(name):
    assert is_name(name)
    assert parse(name, "applicant_name") == {"applicant_name": name.replace("•", "·").replace("・", "·")}


@pytest.mark.parametrize("cue", CUES)
@pytest.mark.parametrize("name", NAMES)
def test_with_or_without_cue_words(name, cue):
    assert read_name(cue.format(name)) == name
    assert parse(cue.format(name), "spouse_name")["spouse_name"] == name


@pytest.mark.parametrize("name", ["周杰", "欧阳娜娜", "钟小雨", "买买提·艾力"])
def test_first_or_after_other_values(name):
    for text in (f"{name}，身份证{A_ID}，手机13812345678", f"身份证{A_ID} 手机13812345678 {name}", f"{name}{A_ID}"):
        values = parse(text, "applicant_name")
        assert values["applicant_name"] == name and values["applicant_id"] == A_ID


def test_surname_given_apart():
    assert read_name("姓王叫王芳") == "王芳"
    assert read_name("我姓王，名小芳") == "王小芳"
    assert read_name("我姓欧阳，叫欧阳娜娜") == "欧阳娜娜"


def test_a_cue_vouches_for_an_unlisted_surname_but_a_bare_word_needs_one():
    assert read_name("我叫那英") == "那英" and read_name("那英") is None


NOT_NAMES = [
    "好的",
    "谢谢你",
    "都不是",
    "都是",
    "不是",
    "是的",
    "下周三",
    "周一",
    "周末",
    "明天",
    "后天",
    "浦东新区",
    "浦东",
    "徐汇",
    "黄浦区",
    "转人工",
    "人工客服",
    "取消",
    "确认",
    "确认提交",
    "继续填写",
    "不办了",
    "查进度",
    "你好",
    "谢谢",
    "第二个",
    "明白",
    "马上",
    "高兴",
    "方便",
    "知道了",
    "好吧",
    "没有",
    "随便",
    "应该是",
    "张伟是谁",
    "身份证",
    "手机号",
    "户口本",
    "婚姻登记处",
    "上海",
    "hello",
    "123",
    "😀",
    "。",
    "？",
    "什么",
    "怎么办",
    "为什么",
    "我是外地人",
    "12月8日",
]


@pytest.mark.parametrize("text", NOT_NAMES)
def test_not_a_name(text):
    assert read_name(text) is None
    assert "applicant_name" not in parse(text, "applicant_name")
