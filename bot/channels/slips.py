"""Homophone slips of voice input and pinyin keyboards in the words the assistant must recognise
(节婚等级 for 结婚登记, 敏行 for 闵行), put right before NLU and the forms read the message.

Only whole phrases that cannot be a name or another word: a district's slip counts when 区 follows
it or when it is the whole reply (王敏行 stays a name)."""

import re

# (slip, meant): matter words, and what people say around them.
PHRASES = [
    ("节婚", "结婚"),
    ("接婚", "结婚"),
    ("结昏", "结婚"),
    ("结婚等级", "结婚登记"),
    ("婚姻等级", "婚姻登记"),
    ("生育等级", "生育登记"),
    ("生于登记", "生育登记"),
    ("等级处", "登记处"),
    ("登计", "登记"),
    ("户口迁一", "户口迁移"),
    ("户口签移", "户口迁移"),
    ("户口前移", "户口迁移"),
    ("婚姻状况便更", "婚姻状况变更"),
    ("领正", "领证"),
]
# District slips (the district without 区).
DISTRICTS = {
    "敏行": "闵行",
    "闽行": "闵行",
    "民行": "闵行",
    "普东": "浦东",
    "浦冬": "浦东",
    "徐会": "徐汇",
    "许汇": "徐汇",
    "常宁": "长宁",
    "精安": "静安",
    "静按": "静安",
    "普托": "普陀",
    "虹扣": "虹口",
    "洪口": "虹口",
    "杨普": "杨浦",
    "洋浦": "杨浦",
    "保山": "宝山",
    "佳定": "嘉定",
    "家定": "嘉定",
    "金善": "金山",
    "松将": "松江",
    "清浦": "青浦",
    "青埔": "青浦",
    "奉先": "奉贤",
    "凤贤": "奉贤",
    "崇名": "崇明",
    "重明": "崇明",
    "黄铺": "黄浦",
}
_DISTRICT_IN_TEXT = re.compile("(" + "|".join(DISTRICTS) + r")(?=新?区)")
_DISTRICT_ALONE = re.compile(r"^\s*(?:在|去|选)?(" + "|".join(DISTRICTS) + r")(?:吧|呀|啊)?[。.！!]?\s*$")


def correct_slips(text: str) -> str:
    for slip, meant in PHRASES:
        text = text.replace(slip, meant)
    text = _DISTRICT_IN_TEXT.sub(lambda m: DISTRICTS[m.group(1)], text)
    return _DISTRICT_ALONE.sub(lambda m: m.group(0).replace(m.group(1), DISTRICTS[m.group(1)]), text)
