"""Reads every application value out of one citizen message: names, ID numbers and phones for
either party, dates, offices, districts, hukou answers, migration details and the child order.
Values come back raw; the backend's rules decide whether they are valid."""

import re
from dataclasses import dataclass, field, replace

from bot.actions.dates import from_english, parse_date
from bot.actions.household import head_name
from bot.actions.hukou_answers import english_parties, shanghai_parties
from bot.actions.married import REGISTRATION_CUE, find_certificate, registration_date, says_married
from bot.actions.names import has_surname, is_name, normalise, read_latin_name, read_name, strip_title
from bot.actions.party_words import MALE_MARKS, PARTY_MARK, SPOUSE_WORDS
from bot.actions.slots import ADDED_MATTERS, ALL_MATTERS, BIRTH, DEPENDANTS, HUKOU_STATUS, MARRIAGE, MIGRATION
from bot.actions.surnames import WORDLIKE
from bot.actions.tidy import SELF_CORRECTION, after_correction, tidy

SPOUSE_CUE = re.compile(
    r"(?:孩子|孩|宝宝|小孩)(?:的|他|她)?(?:爸爸?|妈妈?)|(?:我们?|咱们?)家(?:里)?的?(?:那个|那位|那口子)|我的?(?:男人|女人)"
    # elderly and Shanghainese words: 我家老太婆, 我屋里厢 (my wife), 伊叫/伊是 (he, she)
    rf"|家属|^伊(?=[是叫个的姓])|{SPOUSE_WORDS}|她|(?<!其)他|嫁|娶"
)
# A clause about the applicant: not party_words.SELF_WORDS (俺, 阿拉, 自己), since "我叫…" alone at the
# spouse's question is the spouse's name (_bare_name), a rule that knows read_name's cues only.
SELF_CUE = re.compile(r"^(我|本人|申请人)")
CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?、\n（）()]|\s+")
ID = re.compile(r"(?<![0-9Xx])\d{17}[0-9Xx](?![0-9Xx])")
ID_ATTEMPT = re.compile(r"(?<![0-9Xx])\d{14,20}[Xx]?(?![0-9Xx])")
PHONE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
PHONE_ATTEMPT = re.compile(r"(?<!\d)1\d{6,12}(?!\d)")
_STOP = r"(?=身份证|手机|电话|号码|证件|今年|的|，|,|。|；|;|\s|\d|$)"
NAME_CUED = re.compile(
    r"(?:(?:姓名|名字|全名|大名)(?:是|为|叫做?|:|：)?|叫做?|我是|本人(?:是|叫做?)?)\s*([\u4e00-\u9fa5·•・‧]{2,12}?)"
    + _STOP
)
# The spouse named by the marriage itself: 我要娶的是刘慧芳, 结婚对象是王建国, 和刘慧芳结婚.
_HAN_NAME = r"([\u4e00-\u9fa5·•・‧]{2,10}?)"
SPOUSE_BY_MARRIAGE = re.compile(
    r"(?:(?:要|想)?(?:娶|嫁|结婚|登记|领证)的(?:人|对象|那位|是)?|结婚对象|另一方|嫁给|娶了?)(?:是|叫|为)?[:：]?\s*"
    + _HAN_NAME
    + r"(?=[，,。；;\s\d]|身份|手机|电话|$)"
    + rf"|(?:和|跟|与|同)(?:我的?)?(?:{SPOUSE_WORDS})?(?!一起|我)"
    + _HAN_NAME
    + r"(?=(?:一起)?(?:要|准备|打算|想|来|去)?(?:下个?月|下周|明天|今年|明年|年底)?(?:结婚|登记|领证|扯证|办|申请))"
    # "跟我一起办的是王芳", "一起登记的是王芳"
    + r"|一起(?:来)?(?:办理?|登记|领证|申请)的(?:人)?(?:是|叫)"
    + _HAN_NAME
    + r"(?=[，,。；;\s\d]|身份|手机|电话|$)"
)
# A name said with the words for the party around it: 我媳妇儿刘慧芳, 对方是我未婚妻刘慧芳, 女方刘慧芳,
# 刘慧芳是我老婆.
_PARTY_WORDS = rf"{SPOUSE_CUE.pattern}|我家|我的?|的|就是|是|叫做?|为|[:：]|名字|姓名|准|未来的?|{PARTY_MARK.pattern}"
PARTY_PREFIX = re.compile(rf"^(?:{_PARTY_WORDS})+")
PARTY_SUFFIX = re.compile(
    rf"(?:就是|是|为)(?:我的?|我家)?(?:{PARTY_MARK.pattern}|{SPOUSE_CUE.pattern})(?:的?(?:名字|姓名|全名))?$"
)
# What is left of a clause once its numbers and their labels are gone: "陈晓梅身份证3101…" -> 陈晓梅.
NUMBER_LABELS = re.compile(r"(?:身份证|证件)(?:号码|号)?|(?:手机|电话)(?:号码|号)?|[:：\dXx\s-]+$|\d+")
# A question, or a wish to stop, get a person or check progress: never read as an answer.
DIGRESSION = re.compile(
    r"[？?]|怎么|什么|为什么|吗|哪|多少|能不能|可不可以|是否|人工|客服|进度|办到|不办|取消|撤回|算了|不填"
)
# Numbered answers to the buttons of utter_ask_<slot> (bot/domain/application.yml), in their order.
CHOICES = {
    "shanghai_hukou": ["双方都是上海户口", "只有我是上海户口", "只有对方是上海户口", "双方都不是上海户口"],
    "migration_mover": ["对方迁到我家", "我迁到对方家"],
    "household_head_consent": ["户主同意", "户主还没同意"],
    "already_married": ["已经领证了", "还没领证"],
}
# Short replies to "已经领证了吗" that name no certificate.
YES_MARRIED = re.compile(r"^(领了|领过了?|领啦|早领了|有的?|是的?|对的?|嗯+|已经(领)?了?|领证了)[。！!，,]?$")
NO_MARRIED = re.compile(r"^(没有?|还没有?|没领|还没领|不是|还不是|没呢|还没呢)[。！!，,]?$")
# utter_ask_matters's buttons (bot/domain/application.yml), then one per matter added by data.
ADDED_MATTER_CHOICES = [[MARRIAGE, m] for m in ADDED_MATTERS]
MATTER_CHOICES = [ALL_MATTERS, [MARRIAGE, HUKOU_STATUS], [MARRIAGE, BIRTH], [MARRIAGE], *ADDED_MATTER_CHOICES]
# The same question for a couple married already (bot/actions/application.py: action_ask_matters):
# all the matters they can apply for, then each alone.
MARRIED_MATTER_CHOICES = [DEPENDANTS, *([m] for m in DEPENDANTS)]
ORDINAL = re.compile(r"\s*(?:选|就)?\s*第?\s*([1-4一二三四])\s*(?:个|项|种|条|号)?\s*[。.]?\s*")
ADDRESS_MARK = re.compile(r"路|弄|街|室|栋|幢|号楼|村|巷|公寓|小区")
ADDRESS_CUED = re.compile(r"(?:地址|住址)(?:是|为|在|:|：)?\s*([^，,。；;]+)")
LIVES = re.compile(r"住在|居住|家在|住(?!址)")
# "就近", "随便哪个", "你们推荐一个": any office will do, no district named.
ANY_OFFICE = re.compile(
    r"就近|附近|近的|近点|近一点|随便|都行|都可以|无所谓|哪个都|哪里都|任意|推荐|不知道|不清楚|没想好"
)
DATE_WORDS = re.compile(r"月|日|号|周|星期|礼拜|明天|后天|今天|\d{4}-|\d/\d|\d\.\d")
CHILD = {
    "首": 1,
    "大": 1,
    "1": 1,
    "一": 1,
    "头": 1,
    "2": 2,
    "二": 2,
    "两": 2,
    "3": 3,
    "三": 3,
    "4": 4,
    "四": 4,
    "5": 5,
    "五": 5,
}
ALL_WORDS = re.compile(r"(?<!第)四(项|件|个事|个都|样)|所有事项|全部事项")
# "全部都办" is every matter, but "结婚登记和生育登记都办" only the ones it names.
LOOSE_ALL_WORDS = re.compile(r"全部|都办|全都|都要|都需要|都加")
ADD_WORDS = re.compile(r"加上|还要|再加|也办|增加|追加|加一个|一起办|补选|还想|也想|也要|顺便|同时|另外|再办|还有|一块")
# "手机号写错了，应该是…": a value given before is changed, whatever question is being asked now.
CORRECTION = re.compile(r"错了|写错|填错|输错|打错|说错|改成|改为|改一下|更正|应该是|不对")
REMOVE_WORDS = re.compile(r"不办|不要|去掉|取消|删掉|删除|不用办|不需要")
ONLY_WORDS = re.compile(r"只办|只要|仅办|就办")
# The marriage registration and nothing else, in other words than ONLY_WORDS ("单办结婚登记，别的不用").
ALONE_WORDS = re.compile(
    r"(只|仅|单独|单)(办|要|需要|申请|登记|领证|扯证|结婚|做)|就(办|要办)(结婚|领证|扯证|登记)"
    r"|(别的|其他|其它|其余)(的)?(事|事项)?(都|先|暂时)?(不用|不要|不需要|不办|不必|没有|没什么)"
)
# "不用了", "就这个", "其他都不用": nothing besides the marriage registration, once it is noted.
NOTHING_MORE = re.compile(
    r"^(好的?|嗯|那)?[，,]?(不用|不需要|不要|不必|不了|没有|没了|没别的|就这|只要这|只这|够了|不加|先不|暂时不"
    r"|(都|全都|别的|其他|其它|其余)(的)?(都)?(不|没|先不|暂时不))"
)
# At the question after the marriage registration was noted, the words it explained answer it: "户口也改一下"
# is the status change in the hukou register, "她户口也迁过来" the migration, "宝宝的也办" the birth.
NOTED_HINTS = {
    HUKOU_STATUS: re.compile(
        r"(户口|户籍)(本|簿)?(上的?)?(也|都|还|要|得|需要|一起|顺便|顺带)*(改|变更|更改|更新)(?!到|去|迁)"
        r"|婚姻状况|婚姻状态|改成已婚|未婚改"
    ),
    MIGRATION: re.compile(r"迁|落户|投靠|并户|户口.{0,4}(并|转|挪|移|落)"),
    BIRTH: re.compile(r"孩子|宝宝|小孩|生育|准生|生娃|二胎|三胎|二孩|三孩|出生|备孕|要娃"),
}
NEGATION = re.compile(r"不|没|别|无需|免")


@dataclass
class Context:
    requested: str | None
    intent: str | None
    confidence: float
    matters: list[str]
    matter_entities: list[str]
    offices: dict[str, str]  # district -> office name
    answer_like: bool  # the message reads as an answer, not a question or a command
    married: bool | None = None  # the couple registered earlier (True), not yet (False), unknown
    filled: frozenset = frozenset()  # the slots answered already
    known: dict = field(default_factory=dict)  # their values (names and ID numbers say who is who)


@dataclass
class Parsed:
    values: dict = field(default_factory=dict)
    # Slots where the citizen clearly tried but the words could not be read (e.g. a date).
    unreadable: set = field(default_factory=set)


def _sexes(ctx: Context) -> dict[str, str]:
    """Each party's sex from the 17th digit of the ID number given so far (男方/女方)."""
    sexes = {}
    for role in ("applicant", "spouse"):
        number = str(ctx.known.get(f"{role}_id") or "")
        if ID.fullmatch(number):
            sexes[role] = "M" if int(number[16]) % 2 else "F"
    return sexes


def _party_of(requested: str | None) -> str:
    return "spouse" if requested and requested.startswith("spouse_") else "applicant"


def _clauses(text: str) -> list[str]:
    return [c for c in CLAUSE_SPLIT.split(text) if c]


# Districts merged away that older citizens still name: 闸北 (2015), 卢湾 (2011), 南汇 (2009).
FORMER_DISTRICTS = {"闸北": "静安区", "卢湾": "黄浦区", "南汇": "浦东新区"}


def _aliases(offices: dict[str, str]) -> dict[str, str]:
    """District names as people say them: 浦东新区, 浦东; 徐汇区, 徐汇; 闸北 for today's 静安区."""
    aliases = {old: new for old, new in FORMER_DISTRICTS.items() if new in offices}
    for district in offices:
        aliases[district] = district
        short = district.removesuffix("新区").removesuffix("区")
        aliases[short] = district
    return aliases


def _find_district(text: str, offices: dict[str, str]) -> str | None:
    for alias, district in sorted(_aliases(offices).items(), key=lambda kv: -len(kv[0])):
        if alias in text:
            return district
    return None


def _valid_name(name: str, cue: str = "", asked: bool = False) -> bool:
    """A name after a cue word: 叫/名字/姓名 vouch for a surname outside the table, 我是/户主 do not
    (but the answer to the name's own question does: 对方是扎西卓玛)."""
    return is_name(name, cued=bool(re.search("叫|名", cue)), asked=asked)


def _digits_only(text: str, ctx: Context, out: Parsed) -> None:
    """A bare number answers the requested ID or phone question, whatever its length."""
    if re.fullmatch(r"[\dXx\s-]+", text) and ctx.requested in (
        "applicant_id",
        "spouse_id",
        "applicant_phone",
        "spouse_phone",
    ):
        out.values.setdefault(ctx.requested, re.sub(r"[\s-]", "", text).upper())


# A transliterated name typed with a comma or a space for its middle dot: 热依拉，阿不都拉.
_TWO_PARTS = re.compile(r"([\u4e00-\u9fa5]{2,8})[，,\s]+([\u4e00-\u9fa5]{2,8})")


def _dotted_without_dot(text: str, ctx: Context, out: Parsed) -> bool:
    m = _TWO_PARTS.fullmatch(text.strip())
    if ctx.requested not in ("applicant_name", "spouse_name") or not m:
        return False
    first, second = m.groups()
    if any(has_surname(p) or p[0] in WORDLIKE for p in (first, second)):
        return False  # two names, or a name and how it is written (王芳，芳草的芳)
    if any(PARTY_PREFIX.match(p) or re.search("名|姓|叫|是|的", p) for p in (first, second)):
        return False  # 男方张伟，女方李娜; 大名…，小名…
    if not all(is_name(p, asked=True) for p in (first, second)):
        return False
    out.values[ctx.requested] = f"{first}·{second}"
    return True


def _parties(text: str, ctx: Context, out: Parsed) -> None:
    if _dotted_without_dot(text, ctx, out):
        return
    role = _party_of(ctx.requested)
    seen: set[str] = set()
    marks: dict[str, str] = {}  # "M"/"F" -> the role the man or the woman was given
    corrected = False  # "哦不，王芬": a name after a self-correction replaces the one before
    for clause in _clauses(text):
        if "户主" in clause:
            continue
        if SELF_CORRECTION.search(clause):
            corrected, clause = True, after_correction(clause) or ""
            if not clause:
                continue
        marked = PARTY_MARK.search(clause)
        if SPOUSE_CUE.search(clause):
            role = "spouse"
        elif SELF_CUE.search(clause):
            role = "applicant"
        elif marked:
            role = _marked_role(marked.group(0), ctx, marks)
        ids = ID.findall(clause) or ([] if PHONE.search(clause) else ID_ATTEMPT.findall(clause))
        for number in ids:
            key = f"{role}_id"
            if key in seen:  # a second number without a cue belongs to the other party
                role = "applicant" if role == "spouse" else "spouse"
                key = f"{role}_id"
            out.values[key] = number.upper()
            seen.add(key)
        phones = PHONE.findall(clause)
        if (
            not phones
            and not ids
            and ("手机" in clause or "电话" in clause or ctx.requested in ("applicant_phone", "spouse_phone"))
        ):
            phones = PHONE_ATTEMPT.findall(clause)
        for number in phones:
            key = f"{role}_phone"
            if key in seen:
                role = "applicant" if role == "spouse" else "spouse"
                key = f"{role}_phone"
            out.values[key] = number
            seen.add(key)
        m = NAME_CUED.search(clause)
        bare = strip_title(NUMBER_LABELS.sub("", clause))
        asked = ctx.requested == f"{role}_name"
        if asked and role == "spouse":
            bare = _without_own_name(bare, ctx.known.get("applicant_name"))
        if m and _valid_name(strip_title(m.group(1)), m.group(0), asked):
            out.values[f"{role}_name"] = normalise(strip_title(m.group(1)))
            seen.add(f"{role}_name")
        elif (named := _named_with_party_words(bare, asked)) and (SPOUSE_CUE.search(clause) or marked):
            # "我老婆李娜", "女方刘慧芳", "刘慧芳是我老婆": the party's words around a name
            out.values[f"{role}_name"] = named
        elif bare and read_name(bare, asked) and (asked or ids or phones):
            # A bare name among other values ("陈晓梅，身份证…，手机…"), first or after them: the
            # name of the party being asked about, or of the party whose number is beside it.
            if corrected:
                out.values[f"{role}_name"] = read_name(bare, asked)
            else:
                out.values.setdefault(f"{role}_name", read_name(bare, asked))
            seen.add(f"{role}_name")


def _without_own_name(bare: str, own: str | None) -> str:
    """The applicant's own name said again before or after the spouse's ("张伟，李娜", "张伟和李娜"
    to the spouse's question): what is left is the spouse's."""
    if not own or len(own) < 2:
        return bare
    if bare == own:
        return ""
    joined = r"(?:和|跟|与|及|同|、)"
    return re.sub(rf"^{re.escape(own)}{joined}|{joined}{re.escape(own)}$", "", bare)


SURNAME_THEN_GIVEN = re.compile(
    r"姓([\u4e00-\u9fa5]{1,2})[，,\s]*(?:单名|名字?(?:是|叫做?)?|叫做?)[:：\s]*"
    # "单名一个婷字", "名字就一个芳字": the one character of the given name
    r"(?:就?一个([\u4e00-\u9fa5])字?|([\u4e00-\u9fa5]{1,3}))(?=[，,。；;\s\d]|身份|手机|电话|$)"
)


def _surname_then_given(text: str, ctx: Context, out: Parsed) -> None:
    """ "她姓刘，叫慧芳": the whole name 刘慧芳, not the given name alone."""
    for m in SURNAME_THEN_GIVEN.finditer(text):
        surname, one, given = m.groups()
        given = one or given
        name = given if given.startswith(surname) else surname + given
        said_of = re.split(r"[，,。；;]", text[: m.start()])[-1]  # "她", "我老婆", "我" before 姓
        role = _party_of(ctx.requested)
        if SPOUSE_CUE.search(said_of):
            role = "spouse"
        elif SELF_CUE.search(said_of):
            role = "applicant"
        if is_name(name, cued=True):
            out.values[f"{role}_name"] = name


def _named_with_party_words(bare: str, asked: bool = False) -> str | None:
    rest = PARTY_SUFFIX.sub("", PARTY_PREFIX.sub("", bare))
    if rest != bare and is_name(rest, asked=asked) and not re.search(r"是|叫", rest):
        return normalise(rest)
    return None


def _marked_role(mark: str, ctx: Context, marks: dict[str, str]) -> str:
    """男方/女方 (新郎/新娘): by the ID numbers given so far; else the first one said is the party
    asked about and the other one the other party."""
    sex = "M" if re.fullmatch(MALE_MARKS, mark) else "F"
    by_id = {s: role for role, s in _sexes(ctx).items()}
    if sex in by_id:
        return by_id[sex]
    if by_id:  # only the other sex's number given: this is the other party
        return "spouse" if next(iter(by_id.values())) == "applicant" else "applicant"
    if sex not in marks:
        other = next(iter(marks.values()), None)
        marks[sex] = {"applicant": "spouse", "spouse": "applicant"}[other] if other else _party_of(ctx.requested)
    return marks[sex]


def _spouse_by_marriage(text: str, out: Parsed) -> None:
    if "spouse_name" in out.values:
        return
    for m in SPOUSE_BY_MARRIAGE.finditer(text):
        name = next(g for g in m.groups() if g)
        if is_name(name):  # a listed surname: "领证的是我们俩" names nobody
            out.values["spouse_name"] = normalise(name)
            return


def _corrected_party(text: str, ctx: Context, out: Parsed) -> None:
    """A correction that names no party ("手机号写错了，应该是139…") changes the one value of that
    kind given so far, not the party the current question is about."""
    if not CORRECTION.search(text) or SPOUSE_CUE.search(text) or re.search(r"我|本人", text):
        return
    for kind in ("id", "phone", "name"):
        for role, other in (("applicant", "spouse"), ("spouse", "applicant")):
            key, moved = f"{role}_{kind}", f"{other}_{kind}"
            if key in out.values and key not in ctx.filled and moved in ctx.filled and moved not in out.values:
                out.values[moved] = out.values.pop(key)


def _latin_name(text: str) -> str | None:
    """A Latin-letter name, alone or, in an English message, in the one part without numbers ("Her
    name is Wang Fang, ID 3101…, phone 139…")."""
    if name := read_latin_name(text):
        return name
    if re.search(r"[\u4e00-\u9fa5]", text):  # "对方叫Anna，身份证没有": the Chinese words decide
        return None
    found = {read_latin_name(p) for p in re.split(r"[，,;；。\n]", text) if p.strip() and not re.search(r"\d", p)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _bare_name(text: str, ctx: Context, out: Parsed) -> None:
    if ctx.requested not in ("applicant_name", "spouse_name", "household_head_name") or not ctx.answer_like:
        return
    if ctx.requested in out.values:
        return
    # "刘 慧芳": a space typed inside the name.
    asked = ctx.requested != "household_head_name"
    spaced = re.sub(r"(?<=[\u4e00-\u9fa5])\s+(?=[\u4e00-\u9fa5])", "", text)  # "刘 慧芳"
    name = read_name(text, asked) or read_name(spaced, asked) or (asked and _latin_name(text))
    if not name:
        return
    # "我叫…" alone at the spouse's question answers it (the template of the applicant's question,
    # copied): the spouse's name, not a change of the applicant's.
    if out.values.get("applicant_name") == name and ctx.requested == "spouse_name":
        out.values.pop("applicant_name")
    out.values[ctx.requested] = name


def _marriage(text: str, ctx: Context, out: Parsed) -> None:
    married = _married_path(ctx, out)
    days = from_english(text)  # "next Wednesday" is one clause: 下周三
    for clause in _clauses(days) if len(days) > 12 else [days]:
        if "预产" in clause:
            due = parse_date(clause)
            if due:
                out.values["expected_due_date"] = due.isoformat()
            continue
        number = out.values.get("certificate_no")
        if ADDRESS_MARK.search(clause) or (number and number in clause.upper()):
            continue
        if ctx.requested == "registered_at" or REGISTRATION_CUE.search(clause) or married:
            day = registration_date(clause)
            if day:
                out.values["registered_at"] = day.isoformat()
            continue
        if ctx.requested == "appointment_date" or DATE_WORDS.search(clause):
            day = parse_date(clause)
            if day:
                out.values["appointment_date"] = day.isoformat()
    for slot in ("appointment_date", "registered_at"):
        if ctx.requested == slot and slot not in out.values and ctx.answer_like:
            out.unreadable.add(slot)

    if _places_by_clause(text, ctx, out, married):
        return
    district = _find_district(text, ctx.offices)
    office_named = "登记处" in text or "登记中心" in text
    lives = LIVES.search(text)
    if district and (ctx.requested == "residence_district" or (lives and ctx.requested != "registry_office")):
        out.values["residence_district"] = district
    elif married:
        pass  # where they registered earlier is not asked
    elif district and (ctx.requested == "registry_office" or office_named or "登记" in text):
        out.values["registry_office"] = ctx.offices[district]
    elif ctx.requested == "registry_office" and ctx.answer_like and ANY_OFFICE.search(text):
        out.unreadable.add("registry_office")  # any, or the nearest: where they live decides
    elif ctx.requested == "registry_office" and ctx.answer_like and not district:
        out.values["registry_office"] = text.strip()
    elif ctx.requested == "residence_district" and ctx.answer_like and not district:
        out.values["residence_district"] = text.strip()


def _places_by_clause(text: str, ctx: Context, out: Parsed, married: bool) -> bool:
    """Two places in one message ("在徐汇区登记，下周三去；第一个孩子，住闵行"): each clause's district
    goes where its own words say, the home or the registry office. False when no clause says."""
    clauses = _clauses(text)
    if len(clauses) < 2:
        return False
    found = False
    for clause in clauses:
        district = _find_district(clause, ctx.offices)
        if not district:
            continue
        if LIVES.search(clause):
            out.values.setdefault("residence_district", district)
            if ctx.requested == "registry_office" and not married and ANY_OFFICE.search(text):
                out.values.setdefault("registry_office", ctx.offices[district])  # 就近吧，我们住在闵行
            found = True
        elif "登记" in clause and not married:
            out.values.setdefault("registry_office", ctx.offices[district])
            found = True
    return found


def _hukou(text: str, ctx: Context, out: Parsed) -> None:
    said = {**ctx.known, **out.values}
    names = {role: said.get(f"{role}_name") for role in ("applicant", "spouse")}
    parties = shanghai_parties(text, asked=ctx.requested == "shanghai_hukou", sexes=_sexes(ctx), names=names)
    if parties is None and ctx.requested == "shanghai_hukou":
        if (english := english_parties(text)) is not None:
            parties = english
        elif ctx.intent == "affirm":
            parties = ["applicant", "spouse"]
    if parties is not None:
        out.values["shanghai_hukou"] = parties

    spouse = rf"(?:{SPOUSE_WORDS}|她|他)"
    spouse_moves = re.search(rf"{spouse}(的户口)?(迁|搬)", text) or re.search(
        r"迁(到|入|进)(我家|我这|我的|我户)", text
    )
    self_moves = re.search(r"(^|[^对])(我|本人)(的户口)?(迁|搬)", text) or re.search(rf"迁(到|入|进){spouse}", text)
    if spouse_moves and not self_moves:
        out.values["migration_mover"] = "spouse"
    elif self_moves and not spouse_moves:
        out.values["migration_mover"] = "applicant"
    elif ctx.requested == "migration_mover" and re.search(r"对方|她|他|配偶", text):
        out.values["migration_mover"] = "spouse"
    elif ctx.requested == "migration_mover" and re.search(r"我|本人", text):
        out.values["migration_mover"] = "applicant"

    m = ADDRESS_CUED.search(text)
    if m:
        out.values["household_address"] = m.group(1).strip()
    elif ctx.requested == "household_address" and ctx.answer_like:
        out.values["household_address"] = re.sub(r"^(在|住在|是)", "", text.strip("。 "))

    asked = ctx.requested == "household_head_name" and ctx.answer_like
    head = head_name(text, asked, {**ctx.known, **out.values}) if "户主" in text or asked else None
    if head:
        out.values["household_head_name"] = head
        # The name was the head's, not a party's ("户主是他爸爸，叫王大海"), unless it is said twice:
        # "我叫张伟，…，户主叫张伟" (the applicant heads the household).
        for key in ("applicant_name", "spouse_name"):
            if out.values.get(key) == head and text.count(head) < 2:
                out.values.pop(key)

    if "户主" in text or ctx.requested == "household_head_consent":
        if re.search(r"不同意|没同意|没有同意|未同意|不愿意|还没问|不答应|没答应", text):
            out.values["household_head_consent"] = False
        elif re.search(r"同意|愿意|答应|没意见|签了字|签过字", text):
            out.values["household_head_consent"] = True
        elif ctx.requested == "household_head_consent" and re.search(r"\bnot yet\b|\bno\b|\bhasn'?t\b", text.lower()):
            out.values["household_head_consent"] = False
        elif ctx.requested == "household_head_consent" and re.search(
            r"^(没问题|可以|当然|肯定|是的|对|嗯)|agree|(?<![a-z])(yes|ok|okay|sure)(?![a-z])", text.lower()
        ):
            out.values["household_head_consent"] = True
        elif ctx.requested == "household_head_consent" and ctx.intent in ("affirm", "deny"):
            out.values["household_head_consent"] = ctx.intent == "affirm"


def _birth(text: str, ctx: Context, out: Parsed) -> None:
    m = re.search(r"第([一二三四五1-5])(个|胎|孩)|([一二两三四1-4头首])胎|老([大二三])|([大二三])宝", text)
    english = re.search(r"\b(first|1st|second|2nd|third|3rd)\b", text.lower())
    if m:
        word = m.group(1) or m.group(3) or {"大": "1", "二": "2", "三": "3"}[m.group(4) or m.group(5)]
        out.values["child_order"] = float(CHILD.get(word, 1))
    elif english:
        out.values["child_order"] = float({"f": 1, "1": 1, "s": 2, "2": 2, "t": 3, "3": 3}[english.group(1)[0]])
    elif ctx.requested == "child_order":
        m = re.fullmatch(r"\s*([1-9一二两三四五])\s*(个)?\s*", text)
        if m:
            out.values["child_order"] = float(CHILD.get(m.group(1), 9))


def _matters(text: str, ctx: Context, out: Parsed) -> None:
    """The matters named, as they are: whether a marriage registration goes with them is decided
    from the couple's answer (already married or not), never added or dropped silently."""
    if ctx.intent == "ask_guide" and ctx.requested != "matters":
        return
    named = [m for m in ALL_MATTERS if m in ctx.matter_entities]
    if says_married(text):  # "已经领证了" / "结婚两年了" name no marriage registration to do
        named = [m for m in named if m != MARRIAGE]
    current = list(ctx.matters or [])
    chosen: list[str] = []
    if marriage_noted(ctx) and says_married(text) is not True:
        named = _noted_answer(text, ctx, named) or named
    loose_all = ctx.requested == "matters" and LOOSE_ALL_WORDS.search(text) and not named
    if ALL_WORDS.search(text) or loose_all:
        chosen = list(ALL_MATTERS)
    elif ctx.requested == "matters" and named:
        chosen = named
    elif ctx.requested == "already_married" and named:  # "结婚登记也一起办": added to the selection
        chosen = [m for m in ALL_MATTERS if m in current or m in named]
    elif ctx.requested == "matters" and ONLY_WORDS.search(text) and re.search("结婚|领证|扯证", text):
        chosen = [MARRIAGE]
    elif named and REMOVE_WORDS.search(text) and current:
        chosen = [m for m in current if m not in named]
    elif named and ADD_WORDS.search(text) and current:
        chosen = [m for m in ALL_MATTERS if m in current or m in named]
    if chosen:
        out.values["matters"] = chosen
    if ctx.requested == "matters" and ctx.married is True and MARRIAGE in named:
        # The marriage registration asked for by name: not married yet after all (an earlier
        # message read as married must not drop it again and again).
        out.values["already_married"] = False


def marriage_noted(ctx: Context) -> bool:
    """At the matters question, a couple not married yet (the opening named the marriage
    registration alone, or "还没领证"): the marriage registration is noted, the question is which
    other matters go with it (bot/actions/application.py: action_ask_matters)."""
    return ctx.requested == "matters" and ctx.married is False and not ctx.matters


def _noted_answer(text: str, ctx: Context, named: list[str]) -> list[str]:
    """The matters an answer to that question holds: the marriage registration with any other
    matter it names or its words point to ("户口也改一下", "还要生育登记"), or alone ("不用了", "就这个",
    "只办结婚登记"). "户口" alone is not read (which hukou matter: asked); nothing read is a miss."""
    hinted = [] if NEGATION.search(text) else [m for m, words in NOTED_HINTS.items() if words.search(text)]
    if named or hinted:
        return [m for m in ALL_MATTERS if m == MARRIAGE or m in named or m in hinted]
    # A short no ("不了", "不必了"), but not "不对"/"不是" (something else was meant).
    short_no = ctx.intent == "deny" and ctx.confidence >= 0.6 and len(text) <= 8 and not re.search("对|错|是|改", text)
    return [MARRIAGE] if NOTHING_MORE.search(text) or short_no else []


def _married(text: str, ctx: Context, out: Parsed) -> str:
    """Reads whether they are married and the certificate number; returns the text without the
    number, whose digits are no ID or phone ("J3101152020001234")."""
    said = says_married(text)
    if said is None and ctx.requested == "already_married":
        if MARRIAGE in out.values.get("matters", []):  # asking for the registration: not married yet
            said = False
        elif YES_MARRIED.match(text) or ctx.intent == "affirm":
            said = True
        elif NO_MARRIED.match(text) or ctx.intent == "deny":
            said = False
    if said is not None:
        out.values["already_married"] = said
    found = find_certificate(text, asked=ctx.requested == "certificate_no" and ctx.answer_like)
    if not found:
        return text
    number, (start, end) = found
    out.values["certificate_no"] = number
    return text[:start] + "，" + text[end:]


def _married_path(ctx: Context, out: Parsed) -> bool:
    """Dates and offices mean the registration day, not a booking, for a couple married already."""
    married = out.values.get("already_married", ctx.married)
    matters = out.values.get("matters", ctx.matters)
    return married is True or bool(matters and MARRIAGE not in matters)


def _choice(text: str, ctx: Context) -> Parsed | None:
    """ "2" or "第二个" for the second button of the question just asked."""
    m = ORDINAL.fullmatch(text)
    if not m or ctx.requested not in (*CHOICES, "matters"):
        return None
    index = int(CHILD[m.group(1)]) - 1
    if ctx.requested == "matters":
        choices = MARRIED_MATTER_CHOICES if ctx.married else MATTER_CHOICES
        return Parsed(values={"matters": list(choices[index])}) if index < len(choices) else None
    options = CHOICES[ctx.requested]
    return _read(options[index], ctx) if index < len(options) else None


def _plausible(slot: str, value, ctx: Context) -> bool:
    """A value read from a reply the classifier took for something else must stand on its own:
    a known office or district, an address with a street, not free text."""
    if slot == "registry_office":
        return value in ctx.offices.values()
    if slot == "residence_district":
        return value in ctx.offices
    if slot == "household_address":
        return bool(ADDRESS_MARK.search(value))
    return True


def parse_message(text: str, ctx: Context) -> Parsed:
    text = tidy(text)
    if not text or text.startswith("/"):
        return Parsed()
    out = _choice(text, ctx) or _read(text, ctx)
    if ctx.answer_like or not ctx.requested or ctx.requested in out.values or DIGRESSION.search(text):
        return out
    # The requested slot comes first: a valid answer to the question just asked is taken
    # whatever the intent classifier made of it (钟小雨 as out_of_scope).
    strict = _read(text, replace(ctx, answer_like=True))
    value = strict.values.get(ctx.requested)
    if value is not None and _plausible(ctx.requested, value, ctx):
        strict.unreadable.clear()
        return strict
    return out


def _read(text: str, ctx: Context) -> Parsed:
    out = Parsed()
    _matters(text, ctx, out)
    text = _married(text, ctx, out)
    _parties(text, ctx, out)
    _surname_then_given(text, ctx, out)
    _spouse_by_marriage(text, out)
    _digits_only(text, ctx, out)
    _corrected_party(text, ctx, out)
    _bare_name(text, ctx, out)
    _hukou(text, ctx, out)
    _birth(text, ctx, out)
    _marriage(text, ctx, out)
    # "重新提交" on the summary (kept after a submission got no answer) confirms it again.
    if ctx.requested == "application_confirmed" and not out.values and ctx.intent in ("affirm", "deny", "retry_submit"):
        out.values["application_confirmed"] = ctx.intent != "deny"
    return out
