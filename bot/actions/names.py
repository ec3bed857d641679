"""Is this a person's name? Decided by structure: a known surname (or compound surname) and 1-3
more characters, or a name with a middle dot; and not a whole known reply, a date, a district, a
phrase with one of the form's own words in it, or (without a cue word) an everyday word that
starts with a surname (bot/actions/common_words.py: 时间, 红包, 单位). No single character is
banned, so surnames that are also words (周, 高, 文, 安, 不…) stay usable."""

import re

from bot.actions.common_words import kept
from bot.actions.party_words import SPOUSE_EN
from bot.actions.surnames import COMPOUND, SINGLE, WORDLIKE

HAN = "\u4e00-\u9fa5"
# Middle dots as keyboards and fonts produce them; the backend accepts only U+00B7.
_DOTS = re.compile(r"(?<=[\u4e00-\u9fa5])\s*[·•・‧･∙⋅.．]\s*(?=[\u4e00-\u9fa5])")
PLAIN = re.compile(rf"[{HAN}]{{2,4}}")
# Words of a sentence around a dotted name, never inside one: 结婚对象是买买提·艾力. Not a table of
# bot/actions/party_words.py: 是, 叫, 的 and the pronouns count too, anywhere in the dotted text.
_SAID_AROUND = re.compile(r"是|叫|的|对象|名字|姓名|老婆|老公|对方|我|她|他")
# Longer names written without the middle dot (古丽娜扎尔, 阿依古丽·… typed plain): believed after a
# cue word only (她叫…, 名字是…).
LONG = re.compile(rf"[{HAN}]{{5,10}}")
DOTTED = re.compile(rf"[{HAN}]{{1,10}}(?:·[{HAN}]{{1,10}}){{1,3}}")

# Whole replies that are never names, although some start with a surname (都, 高, 方, 马, 明…).
NON_NAMES = frozenset(
    [
        "好的",
        "好吧",
        "好啊",
        "谢谢",
        "谢谢你",
        "谢谢您",
        "多谢",
        "不是",
        "都是",
        "都不是",
        "是的",
        "对的",
        "对啊",
        "不对",
        "没有",
        "没了",
        "不用",
        "不用了",
        "可以",
        "行吧",
        "取消",
        "确认",
        "确定",
        "继续",
        "提交",
        "修改",
        "明白",
        "明白了",
        "知道",
        "知道了",
        "方便",
        "高兴",
        "马上",
        "万一",
        "于是",
        "何时",
        "随便",
        "算了",
        "没事",
        "你好",
        "您好",
        "再见",
        "拜拜",
        "嗯嗯",
        "哈哈",
        "双方",
        "我们",
        "对方",
        "本人",
        "自己",
        "老婆",
        "老公",
        "不知道",
        "不清楚",
        "一样",
        "同上",
        "第一个",
        "第二个",
        "第三个",
        "第四个",
        "头一个",
        "一个",
        "两个",
        "三个",
        "上海",
        "中国",
        "江苏",
        "浙江",
    ]
)
# Everyday words that start with a surname (时间, 年底, 红包, 单位): a name only with a cue word.
COMMON_WORDS = kept()
# The form's own words: a reply containing one is about the form, not a name.
FORM_WORDS = re.compile(
    "身份证|证件|手机|电话|号码|户口|户籍|户主|登记|申请|预约|事项|孩子|人工|客服|进度|办理|不办|撤回|取消|提交|"
    "确认|修改|继续|填写|谢谢|什么|怎么|为什么|多少|哪里|哪个|可以|知道|不是|没有|地址|应该|谁"
)
# Dates and districts said alone: 下周三, 周末, 明天; 浦东新区, 徐汇.
DATE_LIKE = re.compile(
    r"^(?:下下|下|这|本|上)?个?(?:周|星期|礼拜)[一二三四五六日天末1-7]?$|^(?:今|明|后|大后|昨)天$|月.{1,3}[日号]$"
)
DISTRICTS = frozenset(
    [
        "黄浦",
        "徐汇",
        "长宁",
        "静安",
        "普陀",
        "虹口",
        "杨浦",
        "闵行",
        "宝山",
        "嘉定",
        "浦东",
        "金山",
        "松江",
        "青浦",
        "奉贤",
        "崇明",
        "上海",
        "浦西",
    ]
)
# Provinces said alone (对方安徽): a place, not a name.
PROVINCES = re.compile(
    "北京|天津|重庆|河北|山西|内蒙古?|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南"
    "|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门|东北|外地|外省|本地"
)
PLACE_END = re.compile(r"[区市省县路街弄室]$")
# A name does not end with a particle or a copula: 好了, 是吗, 他的, 应该是.
PARTICLE_END = re.compile(r"[的了吗呢吧啊呀哦嘛么哈嗯是]$")
# Pronouns are never part of a Chinese name (我们家, 他们, 你那边).
PRONOUNS = re.compile(r"[我你您他她们]")

_CUE = re.compile(
    r"^(?:(?:我的|本人的?)?(?:名字|姓名|全名|大名)(?:是|叫做?|为)?|我叫做?|我是|本人(?:是|叫)?|叫做?|是|就是|对方叫|对方是|户主(?:是|叫)?)"
    r"[:：\s]*"
)
_SURNAME_GIVEN = re.compile(rf"^(?:我|本人)?姓([{HAN}]{{1,2}})[，,\s]*(?:名字?(?:是|叫)?|叫)[:：\s]*([{HAN}]{{1,4}})$")
_EDGES = "。，,.!！~～ 　\t"
# A courtesy title or the sex after the name: 刘慧芳女士, 王建国先生, 刘慧芳（女）.
_TITLE = re.compile(r"(?<=[\u4e00-\u9fa5])(女士|先生|小姐|同志|[（(][男女][)）]|[，,\s]+[男女])$")


# At the name's own question a name outside the surname table (扎西卓玛, 乌兰托娅, 热依拉阿不都) is
# believed from three characters on, unless a word of a sentence is in it (还没想好, 等一下问问她).
# The spouse's words here are stems (朋友, 未婚, 媳妇, 老伴), not bot/actions/party_words.py's whole
# words: a stem found anywhere inside the answer is enough to tell a sentence from a name.
_SENTENCE_WORDS = re.compile(
    r"想|忘|等|问|说|告诉|一下|稍|先|再|还|没|不用|不要|不想|不会|不能|不行|暂时|回头|以后|之后|马上|现在|已经|"
    r"我|你|他|她|们|这|吧|呢|就|也|在|有|要|会|能|给|看|去|来|好|步|写|发|开始|重新|随便|奉告|不起|"
    r"对方|老婆|老公|对象|爱人|配偶|名字|姓名|叫|的|国人|外国|外地|本地|"
    r"朋友|未婚|媳妇|妻子|丈夫|先生|太太|新娘|新郎|男方|女方|家属|老伴|"
    r"娶|嫁|准备|打算|结婚|领证|扯证|办|一起|是|宝宝|爸爸|妈妈|^[跟与同]"
)
# The second character of an everyday word, never that of a given name after a word-like surname:
# 都是, 那个, 来了, 有的, 都行, 那边, 有事, 能够, 平时, 春天, 东西, 海外 are no names; 那英, 都敏, 和静 are.
_WORD_TAIL = re.compile(
    "[是的了吗呢吧啊呀么个些过来去好对行有没不都也就还要会能可在和跟与说想等这那哪谁里边点事够自样时天西女头前后上下面方外]"
)
# "和李娜" (with 李娜) is a sentence's start, but 和晓丽 a name: 和 is a surname too.
_WITH_NAME = re.compile(r"^和(?=[\u4e00-\u9fa5]{2})")


def strip_title(text: str) -> str:
    """Without a courtesy title or the sex after the name: 刘慧芳女士 -> 刘慧芳."""
    return _TITLE.sub("", text)


def normalise(name: str) -> str:
    """One middle dot (U+00B7) between the parts of a name, whatever the keyboard typed."""
    return _DOTS.sub("·", name.strip())


def has_surname(name: str) -> bool:
    if name[:2] in COMPOUND:
        return len(name) >= 3
    return name[0] in SINGLE


def is_name(text: str, cued: bool = False, asked: bool = False) -> bool:
    """Whether the whole text is a name. With a cue word (我叫…) a surname outside the table is
    believed; without one it must be a listed surname, except in the answer to the name's own
    question (asked) from three characters on."""
    name = normalise(text)
    if DOTTED.fullmatch(name):
        return not FORM_WORDS.search(name) and not _SAID_AROUND.search(name)
    if not PLAIN.fullmatch(name) and not ((cued or asked) and LONG.fullmatch(name)):
        return False
    if name in NON_NAMES or FORM_WORDS.search(name) or DATE_LIKE.search(name) or PARTICLE_END.search(name):
        return False
    if PRONOUNS.search(name):  # "叫我们家的那个…": the words around a name, not one
        return False
    if name in COMMON_WORDS and not cued:  # 红包, 年底; "我叫红包" is believed
        return False
    if name in DISTRICTS or name.removesuffix("新区") in DISTRICTS or PLACE_END.search(name):
        return False
    place = re.sub("[省市人]$", "", name)  # 安徽人, 上海人, 浦东人
    if PROVINCES.fullmatch(place) or place in DISTRICTS:
        return False
    with_name = _WITH_NAME.match(name) and has_surname(name[1:])
    if asked and len(name) == 2 and name[0] in WORDLIKE:
        return not _WORD_TAIL.search(name[1])  # 那英, 都敏 at the name's own question
    if asked and len(name) >= 3 and name[0] in WORDLIKE:  # 来福生, 能静怡: the surname is no word here
        return not _SENTENCE_WORDS.search(name[1:]) and "不" not in name and not with_name
    return (
        cued or has_surname(name) or (asked and len(name) >= 3 and not _SENTENCE_WORDS.search(name) and not with_name)
    )


def read_name(text: str, asked: bool = False) -> str | None:
    """The name in a reply that is only a name, with or without a cue: 张伟, 我叫张伟, 名字是
    欧阳娜娜, 本人周杰, 姓王叫王芳, 我姓王，名小芳, 买买提•艾力."""
    text = _TITLE.sub("", normalise(text.strip(_EDGES)))
    m = _SURNAME_GIVEN.match(text)
    if m:
        surname, given = m.groups()
        name = given if given.startswith(surname) else surname + given
        return name if is_name(name, cued=True) else None
    m = _CUE.match(text)
    rest = text[m.end() :].strip(_EDGES) if m else text
    half = len(rest) // 2
    if len(rest) >= 4 and rest[:half] == rest[half:] and is_name(rest[:half], asked=asked):
        return normalise(rest[:half])  # "李娜李娜": said twice
    # Only 叫/名字/姓名 vouch for an unlisted surname; 是/本人 are said of anything (我是外地人).
    if rest and is_name(rest, cued=bool(m and re.search("叫|名", m.group(0))), asked=asked):
        return normalise(rest)
    return None


# A name in Latin letters (a foreign spouse, a name as on a passport), which the backend accepts:
# "Anna Smith", "对方叫JOHN SMITH", "她是 Maria García", "Her name is Emily Chen".
_LATIN_RUN = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.-]*(?:[ ·][A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.-]*){0,4}")
_PARTNER_EN = rf"(?:{SPOUSE_EN})"
_ENGLISH_CUE = re.compile(
    r"(?i)^(?:(?:her|his|my|the)\s+)?(?:(?:full|chinese|english)\s+)?"
    rf"(?:name|{_PARTNER_EN})(?:'s\s+(?:(?:full|chinese|english)\s+)?name)?(?:\s+is|'s|\s*:)"
    rf"|^(?:my\s+)?{_PARTNER_EN}(?=\s+[A-Z])|^{_PARTNER_EN}\s+name\s*:?"
    r"|^(?:she|he)(?:\s+is|'s)(?:\s+called)?|^(?:i\s+am|i'm)|^it'?s|^(?:full\s+)?name:?|^called"
    rf"|\s+is\s+my\s+{_PARTNER_EN}\.?$"
)
_NOT_LATIN_NAME = re.compile(
    r"(?i)\b(?:yes|no|ok|okay|hi|hello|hey|thanks?|sorry|skip|next|help|what|why|how|who|the|is|not|know|wait|later"
    r"|human|agent|sure|please|none|unknown|wechat|id|phone|english|chinese|sir|madam|miss|ms|mr|mrs|dr)\b"
)


def read_latin_name(text: str) -> str | None:
    """The one Latin-letter name in a reply to a name question, with Chinese or English words
    around it that are no form words (对方叫…, 我老婆是…，英国人)."""
    text = _ENGLISH_CUE.sub("", text.strip(_EDGES)).strip()  # "my wife's name is Sophie Martin": the cue first
    runs = [_ENGLISH_CUE.sub("", m.group(0)).strip(" .") for m in _LATIN_RUN.finditer(text)]
    runs = [r for r in runs if len(r.replace(" ", "")) >= 2]
    if len(runs) != 1 or _NOT_LATIN_NAME.search(runs[0]):
        return None
    rest = text.replace(runs[0], "")
    if FORM_WORDS.search(rest) or re.search(r"[?？]|吗|怎么", rest) or len(runs[0].split()) > 4:
        return None
    return re.sub(r"\s+", " ", runs[0])
