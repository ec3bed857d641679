"""Reads a question with the guides' vocabulary (guides/vocabulary.yml): which matter, which
aspect, and which synonyms to search it with.

Each detector finds the vocabulary's words in the question (the longest word wins where words
overlap) and keeps only the highest tier found: a word that says it outright beats a topic, a
topic beats a mere way of asking. Each matter or aspect then weighs the summed length of its
words, as a share of the strongest one (1.0). The matter detector applies three rules on top:
- marriage is the occasion of the other three matters ("结婚后户口迁过来"), so a question that
  also names one of them outright is about that one;
- a word about the joint application as a whole (一件事, 一起办, 进度) makes it about the bundle;
- a question that asks an aspect but names no matter ("要花钱吗", "在哪办") is about the bundle.
Only the bundle has an overview, so that aspect counts only for it. The aspect's weights add the
learnt aspect model's probabilities to the vocabulary's words (TIER_WEIGHTS).
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace

from backend.guides.aspect_model import AspectModel
from backend.guides.schemas import Cue, Vocabulary
from citizen_text.normalise import normalise as citizen_normalise

MARRIAGE = "marriage_registration"
BUNDLE = "bundle"
OVERVIEW = "overview"
# Whether one must be there in person (vocabulary.yml `in_person`) is a condition of marriage
# registration (both must come, its conditions say so) and a question of where for the other matters
# and the bundle (their location says one need not come): the aspect follows the matter.
IN_PERSON = "in_person"
# Whether someone else may go for one (vocabulary.yml `proxy`: 代办, 替我去, 一个人去) is a condition of
# marriage registration and of the bundle (both conditions say 不能委托他人代办 / 不能代办) and a question of
# where for the other matters, whose location says one need not go at all (在联办中无需前往; 一般无需到场).
PROXY = "proxy"
# Who one is (vocabulary.yml `status`: 华侨, 军人) is a condition, the situation when another word asks.
STATUS = "status"
# The aspect each of these cues takes, by the matter read, and otherwise.
MATTER_DEPENDENT = {
    IN_PERSON: ({MARRIAGE: "conditions"}, "location"),
    PROXY: ({MARRIAGE: "conditions", "bundle": "conditions"}, "location"),
    STATUS: ({}, "conditions"),
}
TIERS = ("words", "topics", "modals")  # strongest first
SLIP_FROM = 4  # a matter's word this long is still found with one character typed wrong (户口签移 = 户口迁移)
SLIP_COST = 1.5
# A slip is never a question word or a little word of its own: 哪个部门 is not 几个部门 (the
# bundle), 户口在上海 does not hold 户口簿上.
NOT_SLIPS = set("哪几什怎啥咋多谁么吗呢要在的了是和到把给跟与也都还就我你他她它们这那")
LATE_BONUS = 0.05  # breaks ties towards the later word: Chinese asks its question last
# How much the vocabulary's words weigh against the learnt model (backend/guides/aspect_model.py,
# probabilities that sum to 1), by the tier they were found in: a word that says it outright
# decides; the model decides between topics and ways of asking ("外地的能办吗": 外地 is a topic of
# place, the question asks a condition) and where no word was found.
TIER_WEIGHTS = (10.0, 0.5, 0.2)
MODEL_SURE = 0.5  # a question with no aspect word asks one (so, naming no matter, about the bundle)
MATTER_MARK = "＠"  # stands for a matter's words in the question the aspect model reads
# What is left of a follow-up such as "那生育登记呢" once its matter is masked: words that ask
# nothing. With nothing else left the question asks no aspect of its own, and the model (sure of
# "那＠呢" as of anything) is not asked, so the bot keeps the aspect asked last; a single character
# left does ask ("生三胎能登记吗" -> "能": a condition).
_FILLER = re.compile(r"还有|[＠那这个呢吗嘛啊呀吧的也又还和跟么呃哦\s，。？！?!,.~～、…]")


# Two steps in an order ("先迁出再迁入", "先登记还是先领证", "先预约后去"): a question about the order of
# the steps, which each guide's process lists one after the other (审核通过后办理迁移). It says the
# order as outright as the vocabulary's 先后 does, and counts as that word. A single 先 ("能先办吗",
# "要先领证吗") asks whether one step is a condition of the other and is left to the other words.
_ORDER = re.compile(r"先[^先，。,？?！!；;]{1,12}?(再|还是|然后|后)[^，。,？?！!；;]*")
ORDER_WORD = "先后"
# The steps put in order are named, not asked (先网上约再去现场: 现场 is a step, not where to go), so
# the aspect's words inside them count for nothing, except a price or a time, which no step is.
STEP_FREE = {"fees", "time_limit"}

# A day or a span of days together with booking ("周末能预约吗", "能约两个月以后的吗", "下周能约上吗"):
# which days can be booked, which the marriage guide's time limit says (可预约约1个月内的工作日;
# 本助手受理的预约日期为明天起30天内的工作日), as outright as its word 预约日期, and counted as that
# word; the words inside (周末: opening hours, 预约: how one books) count for nothing. A day without
# booking (周六上班吗) is still a question of opening hours, that is of where.
_DAY = r"(周末|周[一二三四五六日天]|星期[一二三四五六日天]|礼拜[一二三四五六日天]|节假日|个月|下周|下个?礼拜|下个?星期|下个月|明天|后天)"
# A day already booked (约了下礼拜三, 预约好了周五, _BOOKED) is the situation, not the question: its
# words count for nothing (周五 asks no opening hours) and what follows it asks.
_BOOKED = re.compile(
    rf"(?<!大)(预约|约)([了过]|好了?)[^，。,？?！!；;]{{0,4}}?{_DAY}|{_DAY}[^，。,？?！!；;]{{0,4}}?(预约|约)([了过]|好了?)"
)
_BOOKING = re.compile(
    rf"(?<!大)(预约|约)(?![了好过]){_DAY}|(?<!大)(预约|约)(?![了好过])[^，。,？?！!；;]{{0,6}}?{_DAY}"
    rf"|{_DAY}[^，。,？?！!；;]{{0,4}}?(预约|约)(?![了好过])"
)
BOOKING_WORD = "预约日期"

# Where the progress or the result is seen ("结果在哪里能一起看到", "进度去哪儿可以查"): the last step of
# each guide's process (办理进度和结果可随时问本助手), as outright as the vocabulary's 在哪查 and counted
# as that word; the 在哪 inside asks no place to go. The words must be close (在哪 + at most four
# characters + 看 or 查), so that 在哪办, 看完在哪签 are untouched.
_LOOKUP = re.compile(r"(在哪|去哪|哪里|哪儿)[^，。,？?！!；;办签领交拿]{0,4}?(看|查)")
LOOKUP_WORD = "在哪查"

# What happens after a step ("提交以后会怎么样", "领证之后会发生什么"): the next steps, which each process
# lists (推送电子结婚证后…自动启动), as outright as the vocabulary's 以后呢 and counted as that word. Not
# after a step left undone ("不改婚姻状况以后会怎么样"): that asks the consequence, a condition (会怎么样).
_AFTER = re.compile(r"(以后|之后|然后|接下来|后)(会|又)?(怎么样|怎样|咋样|发生什么)")
_UNDONE = re.compile(r"[不没未]")
AFTER_WORD = "以后呢"

# Now or later ("是当场改掉还是要等", "当天能拿还是得等几天"): how long it takes, which each time limit
# says (一般当场办结; 当天发证), counted as the vocabulary's 当场; 要等 inside it is no step to wait for.
# "当场能改好吗，要不要等" asks the same, its two halves in two clauses.
_NOW_OR_LATER = re.compile(
    r"(当场|当天|马上|立刻|立马)[^，。,？?！!；;]{0,6}?(还是[要得]?等|[吗伐嘛呢]?[，,]?(要不要|用不用|需不需要|得不得)等)"
)
NOW_WORD = "当场"

# How long it takes, said with a number of days, weeks or months ("一般要三、五天还是更久", "要两个工作日吗",
# "等三天"): the time limit, as outright as the vocabulary's 几天 and counted as that word. Only a number
# said (几天 is a word already, 休几天 a condition: the leave), and only as what it takes: a span the
# question tells (离婚才三个月, 二十一周岁) is the situation.
_SPAN = re.compile(
    r"(要|需要|得|等|大概|一般|最多|最快|最慢|差不多)[^，。,？?！!；;]{0,2}?"
    r"[一二三四五六七八九十两]+([、到至或~\-][一二三四五六七八九十两]+)?个?(天|工作日|周|星期|礼拜|个月)"
    r"(?![一二三四五六日天岁])"
)
SPAN_WORD = "几天"

# Where a form or a paper is got ("申请表去哪里拿", "同意书哪里领"): the material, whose notes say where
# it comes from (现场签署; 签字后拍照或扫描), as outright as the vocabulary's 拿什么 and counted as that
# word; the 去哪 inside asks no place to go.
_FORM_FROM = re.compile(
    r"(申请表|表格|同意书|证明|声明)[^，。,？?！!；;]{0,3}?(在哪|去哪|到哪|哪里|哪儿)[里儿]?(拿|领|取|要|下载|弄)"
)
FORM_WORD = "拿什么"

# The hukou register changed ("户口本怎么改", "户口簿上的未婚咋变已婚"): the change of the marital
# status in the register, which is what the hukou status guide does (把户口登记中的婚姻状况变更为已婚),
# said as outright as its word 户口本要改, and counted as that word. Not when the hukou moves (迁, 落):
# that is the other hukou matter.
_REGISTER_CHANGE = re.compile(
    r"(户口本|户口簿|户口薄|户口|户籍)[^，。,？?！!迁落]{0,6}?(改|变更|更新|变成|变为|变已婚|换)"
)
REGISTER_CHANGE_WORD = "户口本要改"
_MOVES = re.compile(r"[迁落]")  # 迁户口换新户口本: the booklet changes because the hukou moves

# After marriage (领证以后, 结婚后): the occasion of the other matters, not a matter listed beside them.
_OCCASION = re.compile(r"了?(以后|之后|后)")
# Marriage done ("民政局登记好了，户口那边…", "领证以后户口…"): the occasion of the matter asked after it,
# even one named only by a topic (户口: either hukou matter), whose guides start after it (推送电子结婚证后
# …自动启动审核).
_DONE = re.compile(r"[^，。,？?！!；;]{0,3}?(好了|完了|办好|办完|好以后|完以后|以后|之后)")
# What joins two matters named side by side ("结婚登记和户口迁移"), unlike an occasion ("结婚后迁户口").
_CLAUSE = re.compile(r"[，。,？?！!；;]")  # a clause ends
_JOINED = re.compile(r"[和跟与及或、,，/]|还有|以及|或者|加上|还有办|和办|跟办")


def normalise(text: str) -> str:
    """As every channel reads a message (citizen_text: full-width forms, traditional characters, which
    the guides and the vocabulary are not written in), then lower case and no spaces: an API caller's
    question is read as the assistant's is."""
    return "".join(unicodedata.normalize("NFKC", citizen_normalise(text)).lower().split())


_DIGIT = re.compile(r"(?<!\d)\d(?!\d)")
_COUNTED = set("个张本份寸天周年月次趟人位")  # 2 before a measure word is said 两 (两个人, 两寸)


def spoken_numbers(text: str) -> str:
    """A lone digit as the vocabulary writes it (生3胎 = 生三胎, 2个人 = 两个人); longer numbers (22周岁,
    12345) are left as they are."""

    def spoken(match: re.Match) -> str:
        digit, after = match.group(), text[match.end() : match.end() + 1]
        return "两" if digit == "2" and after in _COUNTED else "零一二三四五六七八九"[int(digit)]

    return _DIGIT.sub(spoken, text)


def find_words(
    text: str, by_first: dict[str, list[str]], by_end: dict[str, list[tuple[str, int]]] | None = None
) -> list[tuple[str, int]]:
    """The vocabulary's words in the text (by_first: the words by their first character, longest
    first), in order; where they overlap the longest wins (the leftmost among equals). With by_end
    (fuzzy_index), a long word typed with one wrong character (户口签移, 婚姻登纪) is found too, where
    no word typed right overlaps it."""
    found = [
        (start, start + len(word), word)
        for start, char in enumerate(text)
        for word in by_first.get(char, ())
        if text.startswith(word, start)
    ]
    # A slip counts SLIP_COST characters less than its length: 户口签移 beats 户口, not 迁户口.
    spans = [(start, end, word, end - start) for start, end, word in found]
    if by_end:
        spans += [(start, end, word, end - start - SLIP_COST) for start, end, word in _slips(text, by_end)]
    spans.sort(key=lambda s: (-s[3], s[0]))
    taken: list[tuple[int, int, str, float]] = []
    for span in spans:
        if all(span[1] <= t[0] or span[0] >= t[1] for t in taken):
            taken.append(span)
    return [(word, end) for _, end, word, _ in sorted(taken)]


def fuzzy_index(words) -> dict[str, list[tuple[str, int]]]:
    """The words of at least SLIP_FROM characters by their first and their last two characters (one
    of the two is typed right when only one character is wrong), with where that pair starts."""
    index: dict[str, list[tuple[str, int]]] = {}
    for word in sorted(set(words)):
        if len(word) >= SLIP_FROM:
            index.setdefault(word[:2], []).append((word, 0))
            index.setdefault(word[-2:], []).append((word, len(word) - 2))
    return index


def _slips(text: str, by_end: dict[str, list[tuple[str, int]]]) -> list[tuple[int, int, str]]:
    """Spans of the text that are a long word with exactly one other Chinese character."""
    spans = set()
    for at in range(len(text) - 1):
        for word, offset in by_end.get(text[at : at + 2], ()):
            start, end = at - offset, at - offset + len(word)
            if start < 0 or end > len(text):
                continue
            wrong = [c for c, w in zip(text[start:end], word, strict=True) if c != w]
            if len(wrong) == 1 and "\u4e00" <= wrong[0] <= "\u9fff" and wrong[0] not in NOT_SLIPS:
                spans.add((start, end, word))
    return list(spans)


def by_first_character(words) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for word in sorted(set(words), key=len, reverse=True):
        index.setdefault(word[0], []).append(word)
    return index


def shares(scores: dict[str, float]) -> dict[str, float]:
    """Each key's share of the strongest key (1.0 for the strongest)."""
    top = max(scores.values(), default=0.0)
    return {k: round(v / top, 3) for k, v in scores.items()} if top > 0 else {}


@dataclass(frozen=True)
class Detector:
    """One kind of cue (matters or aspects): for each word, the tier it has for each key."""

    tiers: dict[str, dict[str, int]]
    by_first: dict[str, list[str]]
    by_end: dict[str, list[tuple[str, int]]]

    @classmethod
    def of(cls, cues: dict[str, Cue], neutral: list[str] = (), slips: bool = False) -> "Detector":
        """neutral: words that name nothing but hide the cues inside them (第一次 holds 一次办)."""
        tiers: dict[str, dict[str, int]] = {word: {} for word in neutral}
        for key, cue in cues.items():
            for tier, name in reversed(list(enumerate(TIERS))):  # a word's strongest tier wins
                for word in getattr(cue, name):
                    tiers.setdefault(word, {})[str(key)] = tier
        by_end = fuzzy_index(w for w, keys in tiers.items() if keys) if slips else {}
        return cls(tiers, by_first_character(tiers), by_end)

    def find(self, text: str) -> list[tuple[str, float]]:
        """The words found, each with where it ends in the question (0 = start, 1 = end)."""
        return [(word, end / len(text)) for word, end in self.spans(text) if self.tiers[word]]

    def spans(self, text: str) -> list[tuple[str, int]]:
        """The words found (neutral ones too) with where they end; slips are looked for only when no
        word says a key outright (the costlier look-up, and a slip matters most there)."""
        found = find_words(text, self.by_first)
        if self.by_end and not any(0 in self.tiers[word].values() for word, _ in found):
            found = find_words(text, self.by_first, self.by_end)
        return found

    def scores(self, found: list[tuple[str, float]]) -> dict[str, float]:
        return self.tiered_scores(found)[0]

    def tiered_scores(self, found: list[tuple[str, float]]) -> tuple[dict[str, float], int]:
        """Each key's summed word length, counting only the highest tier found (a word at the end of
        the question counts LATE_BONUS more), and that tier."""
        hits = [(word, at, key, tier) for word, at in found for key, tier in self.tiers[word].items()]
        best = min((tier for *_, tier in hits), default=0)
        totals: dict[str, float] = {}
        for word, at, key, tier in hits:
            if tier == best:
                totals[key] = totals.get(key, 0.0) + len(word) * (1 + LATE_BONUS * at)
        return totals, best


def combine(words: dict[str, float], weight: float, learnt: dict[str, float]) -> dict[str, float]:
    """The vocabulary's shares times its tier's weight plus the model's probabilities, as shares."""
    keys = set(words) | set(learnt)
    return shares({k: weight * words.get(k, 0.0) + learnt.get(k, 0.0) for k in keys})


@dataclass(frozen=True)
class Reading:
    """What a question points at: matters and aspects with their weights (1.0 = strongest), the
    words that named its matter and its aspect, and the synonyms to search it with."""

    matters: dict[str, float]
    aspects: dict[str, float]
    matter_words: tuple[str, ...]
    expansion: tuple[str, ...]
    aspect_words: tuple[str, ...] = ()

    @staticmethod
    def best(weights: dict[str, float]) -> str | None:
        """The single strongest key; None when nothing or a tie was found."""
        top = [k for k, w in weights.items() if w == 1.0]
        return top[0] if len(top) == 1 else None


@dataclass(frozen=True)
class QuestionReader:
    matters: Detector
    aspects: Detector
    synonyms: tuple[tuple[str, ...], ...]
    model: AspectModel | None = None

    @classmethod
    def of(cls, vocabulary: Vocabulary, examples: list[tuple[str, str]] | None = None) -> "QuestionReader":
        """The reader, with an aspect model learnt from (question, aspect) examples if given."""
        reader = cls(
            matters=Detector.of(vocabulary.matters, vocabulary.neutral, slips=True),
            aspects=Detector.of(
                {
                    **vocabulary.aspects,
                    **({IN_PERSON: Cue(words=vocabulary.in_person)} if vocabulary.in_person else {}),
                    **({PROXY: Cue(words=vocabulary.proxy)} if vocabulary.proxy else {}),
                    **({STATUS: Cue(words=vocabulary.status)} if vocabulary.status else {}),
                },
                vocabulary.neutral,
            ),
            synonyms=tuple(tuple(group) for group in vocabulary.synonyms),
        )
        if not examples:
            return reader
        model = AspectModel.train(
            [(reader.without_matter(spoken_numbers(normalise(q))), aspect) for q, aspect in examples]
        )
        return replace(reader, model=model)

    def without_matter(self, text: str, spans: list[tuple[str, int]] | None = None) -> str:
        """The question with each word that names a matter (and no aspect) replaced by one mark, so
        that the aspect model learns and reads the way of asking, not the matter it is asked about;
        what such a word asks besides stays after the mark (户口本要改吗 -> ＠要改吗).
        spans: the matter detector's words in the text, if already found."""
        spans = self.matters.spans(text) if spans is None else spans
        found = [(w, end) for w, end in spans if self.matters.tiers[w] and not self.aspects.tiers.get(w)]
        for word, end in reversed(found):
            text = text[: end - len(word)] + MATTER_MARK + self._asked_inside(word) + text[end:]
        return text

    def read(self, question: str) -> Reading:
        text = spoken_numbers(normalise(question))
        matter_spans = self.matters.spans(text)
        matter_found = [(w, end / len(text)) for w, end in matter_spans if self.matters.tiers[w]]
        named = [(end - len(w), end) for w, end in matter_spans if 0 in self.matters.tiers[w].values()]
        moves = _MOVES.search(text)
        if REGISTER_CHANGE_WORD in self.matters.tiers and not moves and (change := _REGISTER_CHANGE.search(text)):
            matter_found.append((REGISTER_CHANGE_WORD, change.end() / len(text)))
            named.append(change.span())
        if self._marriage_done(text, matter_spans):
            matter_found = [(w, at) for w, at in matter_found if MARRIAGE not in self.matters.tiers.get(w, {})]
        matter_words = [w for w, _ in matter_found]
        aspect_found = self._aspect_words(text, named)
        if ORDER_WORD in self.aspects.tiers and (order := _ORDER.search(text)):
            start, end = order.start() / len(text), order.end() / len(text)
            aspect_found = [
                (w, at) for w, at in aspect_found if not start < at <= end or STEP_FREE & set(self.aspects.tiers[w])
            ] + [(ORDER_WORD, end)]
        for pattern, word in (
            (_BOOKING, BOOKING_WORD),
            (_LOOKUP, LOOKUP_WORD),
            (_AFTER, AFTER_WORD),
            (_NOW_OR_LATER, NOW_WORD),
            (_SPAN, SPAN_WORD),
            (_FORM_FROM, FORM_WORD),
            (_BOOKED, None),
        ):
            if (word is None or word in self.aspects.tiers) and (match := pattern.search(text)):
                if pattern is _AFTER and _UNDONE.search(text, 0, match.start()):
                    continue
                start, end = match.start() / len(text), match.end() / len(text)
                aspect_found = [
                    (w, at) for w, at in aspect_found if not start < at <= end or STEP_FREE & set(self.aspects.tiers[w])
                ] + ([(word, end)] if word else [])
        words, tier = self.aspects.tiered_scores(aspect_found)
        masked = self.without_matter(text, matter_spans)
        asks_something = bool(_FILLER.sub("", masked))
        learnt = self.model.posterior(masked) if self.model and asks_something else {}
        sure = max(learnt.values(), default=0.0) >= MODEL_SURE
        matters = self._matters(
            matter_found, asks_an_aspect=bool(words) or sure, listed=self._listed_together(text, matter_spans)
        )
        # Who goes for one (我帮她去…) is the situation when another word asks an aspect outright
        # (…我要带点啥: a material): it decides only alone.
        for situation in (PROXY, STATUS):
            if situation in words and tier == 0 and set(words) - set(MATTER_DEPENDENT):
                words.pop(situation)
        for cue, (by_matter, otherwise) in MATTER_DEPENDENT.items():
            if cue in words:
                aspect = by_matter.get(Reading.best(matters), otherwise)
                words[aspect] = words.get(aspect, 0.0) + words.pop(cue)
        if BUNDLE not in matters:
            words.pop(OVERVIEW, None)
            learnt.pop(OVERVIEW, None)
        return Reading(
            matters=matters,
            aspects=combine(shares(words), TIER_WEIGHTS[tier], learnt),
            matter_words=tuple(matter_words),
            expansion=self._expand(text),
            aspect_words=tuple(w for w, _ in aspect_found),
        )

    def _aspect_words(self, text: str, named: list[tuple[int, int]]) -> list[tuple[str, float]]:
        """The aspect's words found, where they end (0 = start, 1 = end). Inside a longer span that
        names a matter outright (named: start, end), an aspect's word that is a matter's word too
        is part of that name, not asked: 户口本上的婚姻状况 and 户口本需要改 name the change of the
        hukou register and ask for no 户口本 (materials); 户口本要改 still asks 要改 (_asked_inside)."""
        found = [
            (word, end / len(text))
            for word, end in self.aspects.spans(text)
            if self.aspects.tiers[word]
            and not (
                self.matters.tiers.get(word)
                and any(s <= end - len(word) and end <= e and e - s > len(word) for s, e in named)
            )
        ]
        # A word that names the bundle as well as what it is (一起办, 一次办, 只办) names the joint
        # application first: it asks what the bundle is only when no other word or topic asks an
        # aspect (一起办在哪里办 asks where, 一起办的话要交照片吗 a material, 能一起办吗 what it is: a
        # mere way of asking, 能…吗, does not count). Other words of a matter and an
        # aspect keep both (产假有多少天: the leave is the condition asked, as the birth guide has it).
        if any(min(self.aspects.tiers[w].values()) <= 1 and not self._names_the_bundle(w) for w, _ in found):
            found = [(w, at) for w, at in found if not self._names_the_bundle(w)]
        return found

    def _names_the_bundle(self, word: str) -> bool:
        return BUNDLE in self.matters.tiers.get(word, {}) and set(self.aspects.tiers[word]) == {OVERVIEW}

    def _asked_inside(self, word: str) -> str:
        """The aspect's words inside a matter's word that are no matter's words themselves: what the
        word asks besides naming its matter (户口本要改 -> 要改)."""
        return "".join(
            w
            for w, _ in find_words(word, self.aspects.by_first)
            if self.aspects.tiers[w] and not self.matters.tiers.get(w)
        )

    def _matters(self, found: list[tuple[str, float]], asks_an_aspect: bool, listed: bool = False) -> dict[str, float]:
        scores = self.matters.scores(found)
        dependent = any(self._names_a_dependent_matter(word) for word, _ in found)
        # The progress (进度, 办到哪) names the joint application, whose process says it is looked up in
        # one place; asked of a hukou or birth matter named outright it is that matter's (each of their
        # processes ends 办理进度和结果可随时问本助手): 迁户口的进度 asks about the migration.
        if (
            BUNDLE in scores
            and dependent
            and all(self._names_the_progress(w) for w, _ in found if BUNDLE in self.matters.tiers[w])
        ):
            scores.pop(BUNDLE)
        if BUNDLE in scores or listed:
            return {BUNDLE: 1.0}
        if dependent:
            scores.pop(MARRIAGE, None)
        if not scores and asks_an_aspect:
            return {BUNDLE: 1.0}
        return shares(scores)

    def _listed_together(self, text: str, spans: list[tuple[str, int]]) -> bool:
        """Whether two matters are named outright side by side (结婚登记和户口迁移, 结婚、落户): a
        question about them together, that is about the bundle. Marriage as the occasion (户口迁移，领证以后
        还要跑吗: after it) is not listed, nor a word that names a paper asked about (婚姻状况，结婚证原件要带伐:
        结婚证 is a material of the change)."""
        named = [
            (end - len(w), end, self._outright(w))
            for w, end in spans
            if self._outright(w)
            and not (self._outright(w) == MARRIAGE and _OCCASION.match(text, end))
            and not self.aspects.tiers.get(w)
        ]
        for i, (a, b) in enumerate(itertools.pairwise(named)):
            if a[2] != b[2] and _JOINED.fullmatch(text[a[1] : b[0]]):
                # One of them named again alone in a later clause is the one asked (结婚登记跟生育登记一起勾了，
                # 生育那个是自己启动的伐: the birth registration).
                later = {m for start, _, m in named[i + 2 :] if _CLAUSE.search(text, b[1], start)}
                return len(later) != 1
        return False

    def _marriage_done(self, text: str, spans: list[tuple[str, int]]) -> bool:
        """Whether marriage, named outright, is done (_DONE) before another matter is named after it
        by a word or a topic (民政局登记好了，户口那边…): the occasion, not the matter asked."""
        for i, (word, end) in enumerate(spans):
            if self._outright(word) == MARRIAGE and _DONE.match(text, end):
                return any(
                    set(self.matters.tiers[w]) - {MARRIAGE, BUNDLE} and MARRIAGE not in self.matters.tiers[w]
                    for w, _ in spans[i + 1 :]
                )
        return False

    def _outright(self, word: str) -> str | None:
        """The one matter a word names outright, if it does."""
        keys = [key for key, tier in self.matters.tiers[word].items() if tier == 0]
        return keys[0] if len(keys) == 1 and keys[0] != BUNDLE else None

    def _names_the_progress(self, word: str) -> bool:
        return set(self.aspects.tiers.get(word, {})) == {"process"}

    def _names_a_dependent_matter(self, word: str) -> bool:
        return any(tier == 0 and key not in (MARRIAGE, BUNDLE) for key, tier in self.matters.tiers[word].items())

    def _expand(self, text: str) -> tuple[str, ...]:
        words: list[str] = []
        for group in self.synonyms:
            if any(word in text for word in group):
                words += [w for w in group if w not in text]
        return tuple(words)
