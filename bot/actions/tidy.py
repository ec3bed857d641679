"""What a reply carries besides its values, taken off before the form reads it (after the channel's
normaliser, citizen_text/normalise.py): emoji, WeChat's [微笑] codes and tildes become a pause (a
comma), laughter and sentence-final particles go, quotation marks around a value go; a name typed
with a space between its characters (李 娜) or around its middle dot (米日古丽 · 阿布都) is put
together. Also where a reply corrects itself (对方叫王芳，哦不，王芬)."""

import re

HAN = "\u4e00-\u9fa5"
# Emoji, pictographs, tildes and WeChat's emoji codes ([微笑], [Smile]): a pause between words.
PAUSES = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\uFE0F～~]+|\[[\u4e00-\u9fa5A-Za-z]{1,4}\]")
# Laughter anywhere, and a particle that ends a sentence (王大伟哈, 浦东吧, 李娜喔).
CHATTER = re.compile(
    rf"(哈|嘿|嘻|呵){{2,}}|(?<=[{HAN}])(呀|啊|呢|嘛|哦|噢|喔|啦|哟|呦|咯|哒|吧|哈|嘞|呐)(?=[，,。！!？?\s]|$)"
)
# Quotation marks and brackets around a value (对方叫“刘慧芳”, 【刘慧芳】): the value alone is read.
QUOTES = re.compile(r"[“”「」『』【】〖〗《》\"]|(?<=[\u4e00-\u9fa5])['‘’]|['‘’](?=[\u4e00-\u9fa5])")
# A middle dot of any font with spaces around it, between the parts of a name.
SPACED_DOT = re.compile(rf"(?<=[{HAN}])\s*[·•・‧･∙⋅]\s*(?=[{HAN}])")
# Single characters with spaces between them, as a name is dictated or typed slowly: 李 娜, 王 晓 燕.
# A word of two or more characters is never joined to the next one (李娜 陈浩 are two names).
SPACED_CHARS = re.compile(rf"(?<![{HAN}])[{HAN}](?:[ \u3000]+[{HAN}](?![{HAN}]))+")
# A reply that takes back what it just said: the words after the last of these are meant.
SELF_CORRECTION = re.compile(r"哦不对?|噢不对?|不对不对|不对|说错了?|打错了?|口误|更正一下|纠正一下|我是说")


def tidy(text: str) -> str:
    text = PAUSES.sub("，", text)
    text = QUOTES.sub("", CHATTER.sub("", text))
    text = SPACED_DOT.sub("·", text)
    text = SPACED_CHARS.sub(lambda m: re.sub(r"\s+", "", m.group(0)), text)
    return text.strip("， ")


def after_correction(text: str) -> str | None:
    """The words after the reply's last self-correction, or None when it has none."""
    found = list(SELF_CORRECTION.finditer(text))
    if not found:
        return None
    rest = text[found[-1].end() :].strip("，,。；; ")
    return rest or None
