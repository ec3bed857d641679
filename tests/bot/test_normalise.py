"""The one input normaliser: what citizens' keyboards produce becomes what the forms read."""

import pytest

from citizen_text.normalise import normalise


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("１３８１２３４５６７８", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("310104 19940305 123X", "31010419940305123X"),
        ("３１０１０４１９９４０３０５１２３Ｘ", "31010419940305123X"),
        ("ＨＹ２６１１２７ＡＢＣＤ１２３４", "HY261127ABCD1234"),
        ("编号HY261127 ABCD 1234", "编号HY261127ABCD1234"),
        ("hy-261127-abcd1234，身份证310104199403051238", "HY261127ABCD1234，身份证310104199403051238"),
        ("HY 2611 27AB CD12 34", "HY261127ABCD1234"),
        ("１２月１５号", "12月15号"),
        ("张\u200b伟", "张伟"),
        ("买买提·艾力", "买买提·艾力"),
        # Written in traditional characters: read in simplified (OpenCC t2s).
        ("預約結婚，順便遷戶口", "预约结婚，顺便迁户口"),
        ("結婚登記需要什麼材料？", "结婚登记需要什么材料？"),
        ("我叫張偉，電話１３８１２３４５６７８", "我叫张伟，电话13812345678"),
        # A short message of traditional characters only, one character repeated.
        ("謝謝", "谢谢"),
        ("對對", "对对"),
    ],
)
def test_normalised(typed, read):
    assert normalise(typed) == read


@pytest.mark.parametrize(
    "kept",
    [
        "2026-12-08",
        "下周三 10点",
        "你好，请问要带什么？（急）",
        "13812345678 13987654321",
        "门牌 1-2-301",
        "123 456",
        "HY 是什么 1234",
        # One traditional-looking character in a simplified message is a name's own, not a script.
        "我姓於，叫於美玲",
        "配偶叫乾小明",
        "於",
        "對",
    ],
)
def test_left_alone(kept):
    assert normalise(kept) == kept
