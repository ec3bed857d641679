"""Who of the couple is a Shanghai hukou, read from what each part of a message says about each
party: "我不是上海户口，对方是", "她上海户口我不是", "都是外地的", "男方是上海户口" (the parties'
sexes from their ID numbers), "我是" alone to the question "谁是上海户口？"; the parties by their names (李娜是上海户口), in
Shanghainese (阿拉/伊/侪) or traditional characters (對方是); a self-correction (都是，哦不对，只有我是)
counts from where it starts."""

import re

from bot.actions.party_words import FEMALE_MARKS, MALE_MARKS, SELF_WORDS, SPOUSE_EN, SPOUSE_WORDS
from bot.actions.tidy import after_correction

BOTH, APPLICANT, SPOUSE = "both", "applicant", "spouse"
# The words for each party (bot/actions/party_words.py), the spouse first: "我老公" is the spouse,
# "我" alone the applicant. The words for both of them are read here only.
SUBJECT = re.compile(
    rf"(?P<spouse>(?:我的?|我家|阿拉)?(?:{SPOUSE_WORDS})|她(?!们)|(?<!其)他(?!们)|伊(?!拉))"
    rf"|(?P<male>{MALE_MARKS})|(?P<female>{FEMALE_MARKS})"
    r"|(?P<both>我们|咱们|我俩|俩人?|两个人?|两人|两家头|双方|都|均|全|皆|侪)"
    rf"|(?P<applicant>{SELF_WORDS})"
)
# The traditional forms of the words read here (對方, 戶口, 雙方, 沒有): names are not read here.
TRADITIONAL = str.maketrans("對戶雙們兩個沒無僅隻為與還滬這", "对户双们两个没无仅只为与还沪这")
# Every other province: "她是湖南的", "老公江西户口" is no Shanghai hukou.
PROVINCES = (
    "北京|天津|重庆|河北|山西|内蒙古?|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|广西|海南"
    "|四川|贵州|云南|西藏|陕西|甘肃|青海|宁夏|新疆|台湾|香港|澳门|东北"
)
# A residence permit (居住证) is what a citizen without the hukou holds.
NEGATIVE = re.compile(rf"不是|没有|没|不|非|外地|外省|外籍|农村|老家|外国|新上海人|居住证|暂住证|还在办|{PROVINCES}")
# Settled in Shanghai (落户了, 户口迁来上海了): a Shanghai hukou, a 新上海人 too; "还没落户" is not.
SETTLED = re.compile(r"落户|落了户|落的户|落好户|迁来上海|迁到上海|迁进上海|迁入上海")
NOT_SETTLED = re.compile(r"(还没|没有?|未|不|还在办)[^，,。；;]{0,4}(落|迁)")
# "上海农村户口" is a Shanghai hukou all the same.
SHANGHAI_RURAL = re.compile(r"(上海|本市|沪)[^，,。；;]{0,3}农村")
# "只有一个是": one of the two, not said which.
ONE_OF_TWO = re.compile(r"(只有|就|仅|其中)一个(人)?")
POSITIVE = re.compile(rf"上海|本地|本市|沪|是|有|{SETTLED.pattern}")
ONLY = re.compile(r"只有|就|仅|只")
HUKOU_WORDS = re.compile(r"上海户口|上海户籍|本市户口|本市户籍|沪籍|上海人|本地户口|外地户口")
# Where a party is from, said next to the hukou named in the same sentence ("我是上海户口，她是外地的").
ORIGIN = re.compile(rf"外地|外省|本地|本市|上海|沪|{PROVINCES}")
# A sentence of a longer message that starts by naming the hukou answers the question in the rest
# ("…；上海户口只有我是；…", "上海户口：都是").
LABEL = re.compile(r"^(?:上海户口|上海户籍|本市户口|本市户籍|沪籍)(?:情况)?[:：\s]*")
_SENTENCES = re.compile(r"[；;。\n]+")
# "没有" / "没人是" to the question: nobody is.
NOBODY = re.compile(r"(没有|没|无|没人|没有人|一个都没有|一个也没有)(是|有)?(上海户口|上海户籍)?")
_CLAUSES = re.compile(r"[，,。；;！!、\s]+")


def _parts(text: str) -> list[tuple[str, str]]:
    """(party, words) for each stretch of the text that starts with a party (or with none)."""
    parts = []
    for clause in filter(None, _CLAUSES.split(text)):
        matches = list(SUBJECT.finditer(clause))
        if not matches:
            parts.append(("", clause))
            continue
        if matches[0].start() > 0:  # "上海户口的是我": the words before belong to the party after
            parts.append(("", clause[: matches[0].start()]))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(clause)
            # "我们都", "我们俩都": one party word for both, said in several words.
            if parts and parts[-1][0] == BOTH and m.lastgroup == BOTH and parts[-1][1] == "":
                parts[-1] = (BOTH, clause[m.end() : end])
                continue
            parts.append((m.lastgroup, clause[m.end() : end]))
    return parts


def _settled_said_after(parts: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """ "我是新上海人，落户了": a clause about settling with no party of its own goes on about the
    party just named."""
    out: list[tuple[str, str]] = []
    for group, words in parts:
        if not group and out and out[-1][0] and out[-1][1] and SETTLED.search(words):
            out[-1] = (out[-1][0], f"{out[-1][1]}，{words}")
        else:
            out.append((group, words))
    return out


def _party(group: str, sexes: dict[str, str]) -> str | None:
    """男方/女方 as applicant or spouse, when the ID numbers say who is who: one party's number is
    enough ("女方上海户口" from a man who gave only his own is the other party)."""
    if group in ("male", "female"):
        sex = "M" if group == "male" else "F"
        same = next((role for role, s in sexes.items() if s == sex), None)
        other = next((role for role, s in sexes.items() if s != sex), None)
        return same or {APPLICANT: SPOUSE, SPOUSE: APPLICANT}.get(other)
    return group


def shanghai_parties(
    text: str, asked: bool, sexes: dict[str, str] | None = None, names: dict[str, str] | None = None
) -> list[str] | None:
    """The parties who are Shanghai hukou (["applicant", "spouse"], one of them, or []), or None
    when the text does not say. Outside the question only parts that name the hukou count. `names`
    are the parties' names given so far (role -> name), said instead of 我/对方."""
    text = text.translate(TRADITIONAL)
    for role, name in sorted((names or {}).items(), key=lambda kv: -len(kv[1] or "")):
        if name and len(name) >= 2:
            text = text.replace(name, "我" if role == APPLICANT else "对方")
    corrected = after_correction(text)
    if corrected and (parties := shanghai_parties(corrected, asked, sexes)) is not None:
        return parties
    if asked:
        return _read(text, True, sexes or {})
    found = None
    for sentence in filter(None, (s.strip() for s in _SENTENCES.split(text))):
        label = LABEL.match(sentence)
        if label and sentence[label.end() :]:
            parties = _read(sentence[label.end() :], True, sexes or {})
        else:
            parties = _read(sentence, False, sexes or {}) if HUKOU_WORDS.search(sentence) else None
        found = parties if parties is not None else found
    return found


def _read(text: str, asked: bool, sexes: dict[str, str]) -> list[str] | None:
    said: dict[str, bool] = {}
    explicit: set[str] = set()  # parties said of in words of their own, not only named
    only = None
    parts = _settled_said_after(_parts(text))
    for i, (group, words) in enumerate(parts):
        party = _party(group, sexes)
        if not party:
            continue
        # "我是上海的" says it in its own words; "我，她不是" and "是我" lean on the next part.
        follow = words or (parts[i + 1][1] if i + 1 < len(parts) and not parts[i + 1][0] else "")
        settled = SETTLED.search(follow) and not NOT_SETTLED.search(follow)
        negative = (
            bool(NEGATIVE.search(follow))
            and not settled
            and not (SHANGHAI_RURAL.search(follow) and not NEGATIVE.search(SHANGHAI_RURAL.sub("", follow)))
        )
        weak = not negative and not POSITIVE.search(follow)  # "准备把她户口迁过来": named only
        if weak and not asked:
            continue
        members = {APPLICANT, SPOUSE} if party == BOTH else {party}
        if weak and explicit & members:
            continue
        # "上海户口只有我是": the hukou named in the words just before the party counts too.
        before = parts[i - 1][1] if i > 0 and not parts[i - 1][0] else ""
        if not asked and not HUKOU_WORDS.search(before + follow) and not ORIGIN.search(follow) and party != BOTH:
            continue
        if not weak:
            explicit |= members
        if party == BOTH:
            said = {APPLICANT: not negative, SPOUSE: not negative}
            continue
        said[party] = not negative
        if not negative and ONLY.search(text[: text.find(words) if words else len(text)]):
            only = party
    if only:
        said = {only: True, APPLICANT if only == SPOUSE else SPOUSE: False}
    elif ONE_OF_TWO.search(text) and all(said.get(p) for p in (APPLICANT, SPOUSE)):
        return None  # "我们只有一个是": which one is asked again
    if not said:
        return [] if asked and NOBODY.fullmatch(text.strip("。！! ")) else None
    if len(said) == 1:
        ((party, yes),) = said.items()
        # "我不是" alone leaves the other unsaid; so does "我是上海户口" said in passing, not asked.
        if not yes or not asked:
            return None
    return [p for p in (APPLICANT, SPOUSE) if said.get(p)]


# English, from a citizen who writes English first: "both (of us)", "only me", "just my wife",
# "neither", "I have Shanghai hukou but my wife doesn't", "my husband does, I don't".
_EN_CLAUSES = re.compile(r"[,.;!?，。；]+|\bbut\b|\bwhile\b|\bwhereas\b")
_EN_SPOUSE = re.compile(rf"\b(?:{SPOUSE_EN}|she|he|her|him)\b")
_EN_ME = re.compile(r"\b(?:i|me|myself|i'm|mine)\b")
_EN_BOTH = re.compile(r"\b(?:both|all of us|we|us|we're)\b")
_EN_NOBODY = re.compile(r"\bneither\b|\bnone\b|\bno one\b|\bnobody\b")
_EN_NO = re.compile(r"n't\b|\bnot\b|\bno\b|\bnon-|\boutside\b|\bfrom (?!shanghai\b)[a-z]+")
_EN_ONLY = re.compile(r"\b(?:only|just)\b|\bonly$")


def english_parties(text: str) -> list[str] | None:
    t = text.lower().replace("’", "'")
    t = re.sub(r"(?<=[\u4e00-\u9fa5])(?=[a-z])|(?<=[a-z])(?=[\u4e00-\u9fa5])", " ", t)  # "上海户口both"
    if _EN_NOBODY.search(t):
        return []
    said: dict[str, bool] = {}
    only = None
    for clause in filter(None, (c.strip() for c in _EN_CLAUSES.split(t))):
        spouse, me, both = _EN_SPOUSE.search(clause), _EN_ME.search(clause), _EN_BOTH.search(clause)
        yes = not _EN_NO.search(clause)
        if both or (spouse and me):
            said = {APPLICANT: yes, SPOUSE: yes}
            continue
        party = SPOUSE if spouse else APPLICANT if me else None
        if party is None:
            continue
        said[party] = yes
        if yes and _EN_ONLY.search(clause):
            only = party
    if only:
        return [only]
    if not said or (len(said) == 1 and not next(iter(said.values()))):
        return None
    return [p for p in (APPLICANT, SPOUSE) if said.get(p)]
