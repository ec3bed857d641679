"""Messages in another language: the assistant understands Chinese only, so a message written in
English (or Japanese, Korean, or a few other common languages) gets a short bilingual reply saying
so (utter_other_language), with the main choices numbered, instead of a guess by the Chinese
classifier ("I want to get married" was once answered "不客气"); a request the assistant can act
on without a Chinese dialogue is acted on (bot/nlu/other_language.py).

Short words that Chinese speakers type themselves (ok, hi, hello, thanks, bye) and anything with a
Chinese character, a number or an application number in it are left to the assistant."""

import re

HAN = re.compile(r"[\u4e00-\u9fff]")
# Kana letters and Hangul syllables. Not the katakana middle dot or the long-vowel mark (U+30FB,
# U+30FC): Chinese keyboards type "・" inside names such as 买买提・艾力.
KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
HANGUL = re.compile(r"[\uac00-\ud7af]")
WORD = re.compile(r"[A-Za-zÀ-ÿ']+")
DIGIT = re.compile(r"\d")
# Replies Chinese speakers type in Latin letters: left to the classifier.
EVERYDAY = {
    "ok", "okay", "hi", "hello", "hey", "bye", "byebye", "thanks", "thank you", "thx", "yes", "no",
    "sorry", "good", "nice", "yeah", "yep", "nope", "hao", "en", "ng", "emm", "emmm", "haha",
}  # fmt: skip
# Common words: a message with two of them reads as a sentence, not as noise (qwerty uiop).
COMMON = set(
    re.findall(
        r"\S+",
        """i you we he she they it me my your our his her their a an the to of in on at for with and or
    but is are am was were be been do does did have has had can could would should will want need
    how what when where why which who get got married marry register registration apply baby child
    birth household please help speak english chinese this that there here not don't i'm it's
    hello thanks know wedding wife husband certificate office
    quiero casarme necesito hola ich möchte heiraten je veux bonjour""",
    )
)
# English answers the forms read (bot/actions/parsing.py, dates.py): a citizen who writes English
# first answers "both of us", "next Wednesday", "first baby", "yes he agrees" to the question asked.
# Also anything about the hukou ("my husband has Shanghai hukou, I don't").
ANSWERS = re.compile(
    r"\b(both|neither|only me|just me|only my|just my|first|second|third|1st|2nd|3rd|tomorrow|next "
    r"(monday|tuesday|wednesday|thursday|friday|week)|agrees?|agreed|hukou|none of us"
    r"|from shanghai|shanghainese|shanghai (local|native|resident)s?|(i|she|he|we) (do|does|don't|doesn't)"
    r"|me and my (wife|husband|fianc\w*|partner|spouse))\b",
    re.IGNORECASE,
)
# A person's name given in English: a word for the name or the partner, and a name in capitals
# ("Her name is Anna Schmidt", "She's called Li Na", "Wang Fang is my wife").
NAME_WORDS = re.compile(r"\b(name|named|called|wife|husband|fianc\w*|partner|spouse|bride|groom|she|he)\b", re.I)
CAPITALISED = re.compile(r"\b[A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)+\b")


def other_language(text: str | None) -> bool:
    """Whether a message is written in a language the assistant cannot read."""
    if not text:
        return False
    kana = len(KANA.findall(text))
    # Korean, or Japanese: kana beside its kanji, not a few slang kana in a Chinese sentence (我の老婆の…).
    if HANGUL.search(text) or (kana >= 2 and kana * 3 >= len(HAN.findall(text))):
        return True
    if HAN.search(text):
        return False
    if DIGIT.search(text) or ANSWERS.search(text):  # numbers and the answers the forms read in English
        return False
    if NAME_WORDS.search(text) and _names_in_capitals(text):
        return False
    words = [w.lower() for w in WORD.findall(text)]
    if " ".join(words) in EVERYDAY or len(words) < 2:
        return False
    letters = sum(len(w) for w in words)
    if letters < 0.7 * len(re.sub(r"\s", "", text)):  # markup, code or symbols: not a language
        return False
    return sum(w in COMMON for w in words) >= 2


def _names_in_capitals(text: str) -> bool:
    """Two or more capitalised words in a row that are no common words (Anna Schmidt, Li Na)."""
    for run in CAPITALISED.finditer(text):
        words = [w for w in run.group(0).split() if w.lower() not in COMMON]
        if len(words) >= 2:
            return True
    return False


def keyboard_noise(text: str | None) -> bool:
    """Latin letters that are neither a language above nor an answer the forms read: keyboard
    mashing (qwerty uiop), pinyin, random letters. The classifier, which has learnt English, may
    guess an English intent for them; NLU keeps only a sure one (bot/nlu/other_language.py)."""
    if not text or HAN.search(text) or DIGIT.search(text) or ANSWERS.search(text) or other_language(text):
        return False
    words = WORD.findall(text)
    if not words or " ".join(w.lower() for w in words) in EVERYDAY:
        return False
    # A capital is a name or a sentence begun with care; a common word is English, however short.
    return not any(w[0].isupper() or w.lower() in COMMON for w in words)


# One short unit said three times or more (阿巴阿巴阿巴, 人工人工人工, 对对对): a reading the classifier is
# sure of is kept (转人工 said thrice is still the request), an unsure one is babble, not a yes
# (bot/nlu/other_language.py).
_REPEATED = re.compile(r"^(.{1,3}?)\1{2,}$")
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def repeated_babble(text: str | None) -> bool:
    core = re.sub(r"[\W_]+", "", text or "")
    return bool(_HAN_ONLY.fullmatch(core) and _REPEATED.match(core))
