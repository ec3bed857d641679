"""The household head's name as people give it: 户主是我爸张三丰, 我公公王大海是户主, 李秀英（我婆婆）,
户主是我爸爸，叫张三丰; and the head who is one of the couple: 户主是我 / 我就是户主 / 户主是我老公
(the name given for that party earlier)."""

import re

from bot.actions.names import normalise, read_name
from bot.actions.party_words import SELF_WORDS, SPOUSE_WORDS

KIN = (
    r"公公|婆婆|爸爸|爸|妈妈|妈|父亲|母亲|岳父|岳母|丈人|丈母娘|爷爷|奶奶|外公|外婆|哥哥|哥|姐姐|姐|"
    r"弟弟|妹妹|叔叔|舅舅|姑姑|阿姨|姨妈|伯伯|家公|家婆|老爸|老妈|老爷子|老太太"
)
SELF = re.compile(rf"({SELF_WORDS})(本人)?")
PARTNER_WORDS = re.compile(rf"(我的?)?({SPOUSE_WORDS})|他|她|他本人|她本人")
# "户主是", "迁入的家庭户户主叫" at the start; "是户主", "就是户主" at the end.
LEADING = re.compile(r"^(迁入的?)?(家庭户的?)?户主(的名字|的姓名|名字|姓名)?(就)?(是|叫|为|:|：)?\s*")
TRAILING = re.compile(r"(就)?(是|为|当)?(户主)(哦|呢|啊|吧)?$")
# "我爸", "他的妈妈", "我老公的爷爷", then 叫/是 before the name.
RELATION = re.compile(
    rf"^(就是|是|叫)?((我|他|她|对方|我们|({SPOUSE_WORDS}))的?)*({KIN}|{SPOUSE_WORDS})(的名字)?(是|叫|为)?"
)
_CLAUSES = re.compile(r"[，,。；;！!、\s（）()]+")


def head_name(text: str, asked: bool, known: dict) -> str | None:
    """The head's name in the text: a name said for the head wins over "户主是我/我老公"; outside
    the question only words that name the head (户主) count."""
    names, parties = [], []
    for clause in filter(None, _CLAUSES.split(text)):
        rest = TRAILING.sub("", LEADING.sub("", clause))
        if rest == clause and not asked:
            continue
        if SELF.fullmatch(rest):
            parties.append(known.get("applicant_name"))
            continue
        if PARTNER_WORDS.fullmatch(rest):
            parties.append(known.get("spouse_name"))
            continue
        name = read_name(RELATION.sub("", rest)) if RELATION.sub("", rest) else None
        if name:
            names.append(normalise(name))
    found = names or [p for p in parties if p]
    return found[0] if found else None
