"""Homophone slips in matter and district words are put right; names are left alone."""

import pytest

from bot.channels.slips import correct_slips


@pytest.mark.parametrize(
    ("said", "read"),
    [
        ("我要办节婚等级", "我要办结婚登记"),
        ("去敏行区等级处", "去闵行区登记处"),
        ("敏行", "闵行"),
        ("保山吧", "宝山吧"),
        ("户口迁一也要办", "户口迁移也要办"),
    ],
)
def test_slips_are_put_right(said, read):
    assert correct_slips(said) == read


@pytest.mark.parametrize("kept", ["我叫王敏行", "对方叫李保山，身份证310104199403051238", "浦东新区", "等级考试"])
def test_names_and_other_words_are_left_alone(kept):
    assert correct_slips(kept) == kept
