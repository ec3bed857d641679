"""Schema, coverage and leakage checks for the frozen blind evaluation set (see README.md).

These tests only guard the set itself. They never score the bot, and a failure here is fixed by
correcting the set's own mistakes, never by rewording an item toward what the bot knows.

Run with: .venv/backend/bin/python -m pytest -q tests/blind
"""

import re
import unicodedata
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml
from stdnum.cn import ric

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TODAY = date(2026, 12, 1)  # the day the set was written (a Tuesday)

INTENTS = {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "bot_challenge",
    "ask_bundle_intro",
    "ask_guide",
    "apply",
    "inform",
    "ask_progress",
    "request_human",
    "cancel",
    "out_of_scope",
}
MATTERS = {"marriage_registration", "hukou_marital_status", "hukou_migration", "birth_registration"}
ASPECTS = {"conditions", "materials", "process", "fees", "time_limit", "location"}
GOALS = {
    "apply",
    "guide_then_apply",
    "human_then_apply",
    "cancel_midway",
    "withdraw",
    "progress",
    "progress_lost_number",
    "married_birth_only",
    "married_hukou_only",
    "married_migration_only",
    "married_hukou_and_migration",
}
INFORM_KINDS = {
    "person_name",
    "id_number",
    "phone_number",
    "date",
    "office",
    "choice",
    "hukou",
    "migration",
    "birth",
    "certificate",
    "application_no",
}
COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "长孙",
    "司徒",
    "夏侯",
    "公孙",
    "端木",
    "南宫",
    "宇文",
    "轩辕",
}
REQUIRED_COMPOUND = {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙"}
REQUIRED_WORDLIKE = {"周", "钟", "高", "金", "白", "文", "向", "和", "时", "常", "安", "路", "米"}

MOBILE = re.compile(r"^1[3-9]\d{9}$")
APP_NO = re.compile(r"^HY\d{6}[A-Z0-9]{8}$")
CERT_NO = re.compile(r"^J\d{6}-\d{4}-\d{6}$")
ID_IN_TEXT = re.compile(r"(?<!\d)\d{17}[\dX](?![\dX])")


def load(name):
    with open(HERE / name, encoding="utf-8") as f:
        return yaml.safe_load(f)


UTTERANCES = load("utterances.yml")
QUESTIONS = load("guide_questions.yml")
CONVERSATIONS = load("conversations.yml")


# ------------------------------------------------------------------ normalisation helpers
def norm(text: str) -> str:
    """NFKC and no whitespace: the form used for duplicate and leakage checks."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def compact_number(text: str) -> str:
    """Full-width digits to ASCII, spaces and dashes out, upper case."""
    return re.sub(r"[\s\-‐‑–—]", "", unicodedata.normalize("NFKC", text)).upper()


def ids_in(text: str) -> list[str]:
    return ID_IN_TEXT.findall(compact_number(text))


def phone_of(text: str) -> str:
    digits = re.sub(r"\D", "", compact_number(text))
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def age_on(id_number: str, day: date) -> int:
    born = ric.get_birth_date(id_number)
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_male(id_number: str) -> bool:
    return int(id_number[16]) % 2 == 1


def surname(name: str) -> str:
    if "·" in name:  # Uyghur style: given name · father's name
        return name.split("·")[-1]
    return name[:2] if name[:2] in COMPOUND_SURNAMES else name[0]


def strings(value):
    """Every string inside a nested value (a migration's `mover` is a code, not something said)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if k != "mover":
                yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def conversation_messages(c) -> list[str]:
    """What the simulated citizen may type: opening, follow-up, fact phrasings, digressions, corrections."""
    out = [c["opening"]]
    for key in ("follow_up", "bundled_first_message", "cancel_say"):
        if c.get(key):
            out.append(c[key])
    out += list(strings(c["facts"]))
    out += list(c.get("digressions") or [])
    for corr in c.get("corrections") or []:
        out.append(corr["say"])
    return out


def fact_list(value):
    return value if isinstance(value, list) else [value]


# ------------------------------------------------------------------ utterances
def test_utterance_schema():
    problems = []
    for i, u in enumerate(UTTERANCES):
        where = f"utterances[{i}] {u.get('text')!r}"
        if not {"text", "intent", "matters", "aspect"} <= set(u):
            problems.append(f"{where}: missing keys")
            continue
        if set(u) - {"text", "intent", "matters", "aspect", "married_already", "kind", "note"}:
            problems.append(f"{where}: unknown keys {set(u) - {'text', 'intent', 'matters', 'aspect'}}")
        if not isinstance(u["text"], str) or not u["text"].strip():
            problems.append(f"{where}: empty text")
        if u["intent"] not in INTENTS:
            problems.append(f"{where}: bad intent {u['intent']}")
        if not isinstance(u["matters"], list) or set(u["matters"]) - MATTERS:
            problems.append(f"{where}: bad matters {u['matters']}")
        if u["intent"] == "ask_guide":
            if u["aspect"] not in ASPECTS:
                problems.append(f"{where}: ask_guide needs an aspect, got {u['aspect']}")
        elif u["aspect"] is not None:
            problems.append(f"{where}: aspect only for ask_guide")
        if "married_already" in u and (
            u["intent"] != "apply" or u["married_already"] is not True or "marriage_registration" in u["matters"]
        ):
            problems.append(f"{where}: married_already marks married couples applying for other matters only")
        if u["intent"] == "inform" and u.get("kind") not in INFORM_KINDS:
            problems.append(f"{where}: inform needs a kind in {sorted(INFORM_KINDS)}")
    assert not problems, "\n".join(problems)


def test_utterance_counts():
    per_intent = Counter(u["intent"] for u in UTTERANCES)
    assert len(UTTERANCES) >= 320, len(UTTERANCES)
    low = {i: per_intent[i] for i in INTENTS if per_intent[i] < 12}
    assert not low, f"intents with fewer than 12 utterances: {low}"
    for intent in ("apply", "ask_guide", "inform", "ask_progress", "out_of_scope"):
        assert per_intent[intent] >= 20, f"{intent}: {per_intent[intent]} < 20"
    guide_matters = Counter(m for u in UTTERANCES if u["intent"] == "ask_guide" for m in u["matters"])
    assert set(guide_matters) == MATTERS, guide_matters
    guide_aspects = Counter(u["aspect"] for u in UTTERANCES if u["intent"] == "ask_guide")
    assert set(guide_aspects) == ASPECTS, guide_aspects
    apply_matters = Counter(m for u in UTTERANCES if u["intent"] == "apply" for m in u["matters"])
    assert set(apply_matters) == MATTERS, apply_matters
    assert sum(1 for u in UTTERANCES if u.get("married_already")) >= 4


def test_utterance_surface_variety():
    texts = [u["text"] for u in UTTERANCES]
    fullwidth = [t for t in texts if t != unicodedata.normalize("NFKC", t)]
    latin = [
        t
        for t in texts
        if re.search(r"[A-Za-z]{2,}", unicodedata.normalize("NFKC", t)) and not re.search(r"HY\d", t.upper())
    ]
    assert len(fullwidth) >= 6, fullwidth
    assert len(latin) >= 10, latin
    kinds = Counter(u.get("kind") for u in UTTERANCES if u["intent"] == "inform")
    for kind, minimum in {
        "person_name": 8,
        "id_number": 8,
        "phone_number": 6,
        "date": 6,
        "office": 4,
        "choice": 4,
    }.items():
        assert kinds[kind] >= minimum, f"inform {kind}: {kinds[kind]} < {minimum}"


def test_utterance_ids_and_phones_are_valid():
    problems = []
    for u in UTTERANCES:
        for found in ids_in(u["text"]):
            if not ric.is_valid(found):
                problems.append(f"invalid ID in {u['text']!r}")
        if u.get("kind") == "id_number" and not ids_in(u["text"]):
            problems.append(f"no 18-digit ID in {u['text']!r}")
        if u.get("kind") == "phone_number" and not MOBILE.match(phone_of(u["text"])):
            problems.append(f"not a mainland mobile: {u['text']!r}")
        if u.get("kind") == "application_no" or re.search(r"HY\d", compact_number(u["text"])):
            numbers = re.findall(r"HY[0-9A-Z]+", compact_number(u["text"]))
            if not numbers or not all(APP_NO.match(n) for n in numbers):
                problems.append(f"bad application number in {u['text']!r}")
    assert not problems, "\n".join(problems)


# ------------------------------------------------------------------ guide questions
def test_guide_question_schema_and_counts():
    problems = []
    for i, q in enumerate(QUESTIONS):
        where = f"guide_questions[{i}] {q.get('question')!r}"
        if set(q) != {"question", "matter", "aspect"}:
            problems.append(f"{where}: keys must be question, matter, aspect")
            continue
        if q["matter"] is not None and q["matter"] not in MATTERS:
            problems.append(f"{where}: bad matter {q['matter']}")
        if q["aspect"] not in ASPECTS:
            problems.append(f"{where}: bad aspect {q['aspect']}")
    assert not problems, "\n".join(problems)
    assert len(QUESTIONS) >= 70, len(QUESTIONS)
    cells = Counter((q["matter"], q["aspect"]) for q in QUESTIONS if q["matter"])
    missing = [(m, a) for m in sorted(MATTERS) for a in sorted(ASPECTS) if cells[(m, a)] < 2]
    assert not missing, f"matter/aspect pairs with fewer than 2 questions: {missing}"
    assert sum(1 for q in QUESTIONS if q["matter"] is None) <= 10


def test_guide_questions_are_not_templated():
    """No two questions share the same first four or last four characters too often."""
    heads = Counter(norm(q["question"])[:4] for q in QUESTIONS)
    tails = Counter(norm(q["question"])[-4:] for q in QUESTIONS)
    assert max(heads.values()) <= 4, heads.most_common(3)
    assert max(tails.values()) <= 4, tails.most_common(3)


# ------------------------------------------------------------------ conversations
def test_conversation_schema():
    problems = []
    ids = Counter(c.get("id") for c in CONVERSATIONS)
    problems += [f"duplicate id {k}" for k, n in ids.items() if n > 1]
    for c in CONVERSATIONS:
        where = f"conversation {c.get('id')}"
        missing = [
            k
            for k in (
                "id",
                "style",
                "opening",
                "goal",
                "matters",
                "married_already",
                "facts",
                "digressions",
                "expected",
            )
            if k not in c
        ]
        if missing:
            problems.append(f"{where}: missing {missing}")
            continue
        if c["goal"] not in GOALS:
            problems.append(f"{where}: bad goal {c['goal']}")
        if set(c["matters"]) - MATTERS:
            problems.append(f"{where}: bad matters {c['matters']}")
        facts, matters, goal = c["facts"], set(c["matters"]), c["goal"]
        if goal.startswith("progress") or goal == "withdraw":
            if matters:
                problems.append(f"{where}: progress/withdraw conversations choose no matters")
            if not facts.get("applicant_id"):
                problems.append(f"{where}: needs an ID to query with")
            app_no = c["expected"].get("application_no")
            if goal == "progress_lost_number":
                if app_no is not None or not c.get("lost_number"):
                    problems.append(f"{where}: lost number must have expected application_no null, lost_number")
            elif not app_no or not APP_NO.match(app_no):
                problems.append(f"{where}: bad expected application_no {app_no}")
            for said in facts.get("application_no", []) if app_no else []:
                if app_no not in compact_number(said):
                    problems.append(f"{where}: {said!r} does not carry {app_no}")
            continue
        if not matters:
            problems.append(f"{where}: no matters")
        if goal == "cancel_midway":
            if not c.get("cancel_say"):
                problems.append(f"{where}: cancel_midway needs cancel_say")
            continue
        married = c["married_already"]
        if married:
            if "marriage_registration" in matters:
                problems.append(f"{where}: married couple cannot apply for marriage_registration")
            for key in ("certificate_no", "registered_at"):
                if not facts.get(key):
                    problems.append(f"{where}: married needs {key}")
            cert = c["expected"]["marriage"]["certificate_no"]
            if not CERT_NO.match(cert or ""):
                problems.append(f"{where}: bad certificate number {cert}")
            registered = date.fromisoformat(c["expected"]["marriage"]["registered_at"])
            if registered >= TODAY:
                problems.append(f"{where}: registered_at must be in the past")
        else:
            if "marriage_registration" not in matters:
                problems.append(f"{where}: not married, so marriage_registration is needed")
            for key in ("registry_office_or_district", "appointment_date"):
                if not facts.get(key):
                    problems.append(f"{where}: needs {key}")
        for key in ("applicant_name", "applicant_id", "applicant_phone", "spouse_name", "spouse_id", "spouse_phone"):
            if not facts.get(key):
                problems.append(f"{where}: needs {key}")
        if matters & {"hukou_marital_status", "hukou_migration"}:
            sh = (c["expected"].get("hukou") or {}).get("shanghai_hukou") or []
            if not facts.get("shanghai_hukou") or not sh or set(sh) - {"applicant", "spouse"}:
                problems.append(f"{where}: hukou matters need shanghai_hukou (at least one party)")
        if "hukou_migration" in matters:
            mig = facts.get("migration") or {}
            exp = c["expected"]["hukou"].get("migration") or {}
            if set(mig) != {"mover", "household_address", "household_head_name", "consent"}:
                problems.append(f"{where}: migration facts incomplete")
            if mig.get("mover") not in ("applicant", "spouse") or exp.get("mover") != mig.get("mover"):
                problems.append(f"{where}: bad mover")
            if set(c["expected"]["hukou"]["shanghai_hukou"]) != {"applicant", "spouse"}:
                problems.append(f"{where}: migration within Shanghai needs both on Shanghai hukou")
            if exp.get("household_head_consent") is not True:
                problems.append(f"{where}: migration needs the household head's consent")
        if "birth_registration" in matters:
            birth = facts.get("birth") or {}
            exp = c["expected"].get("birth") or {}
            if not birth.get("child_order") or not birth.get("residence_district"):
                problems.append(f"{where}: birth facts incomplete")
            if exp.get("child_order") not in (1, 2, 3):
                problems.append(f"{where}: bad child_order")
            if exp.get("expected_due_date") and date.fromisoformat(exp["expected_due_date"]) <= TODAY:
                problems.append(f"{where}: due date must be in the future")
        for corr in c.get("corrections") or []:
            if set(corr) - {"field", "wrong", "say"} or not corr.get("say") or not corr.get("field"):
                problems.append(f"{where}: bad correction {corr}")
    assert not problems, "\n".join(problems)


def test_conversation_ids_phones_and_ages():
    problems = []
    for c in CONVERSATIONS:
        where = f"conversation {c['id']}"
        text = "\n".join(conversation_messages(c) + [str(x.get("wrong", "")) for x in c.get("corrections") or []])
        for found in ids_in(text):
            if not ric.is_valid(found):
                problems.append(f"{where}: invalid ID {found}")
        facts, exp = c["facts"], c["expected"]
        for party in ("applicant", "spouse"):
            want = (exp.get(party) or {}).get("id_number")
            for said in fact_list(facts.get(f"{party}_id") or []):
                got = ids_in(said)
                if len(got) != 1 or not ric.is_valid(got[0]):
                    problems.append(f"{where}: {party}_id {said!r} is not one valid ID")
                elif want and got[0] != want:
                    problems.append(f"{where}: {party}_id {said!r} is not the expected {want}")
            want_phone = (exp.get(party) or {}).get("phone")
            for said in fact_list(facts.get(f"{party}_phone") or []):
                got = phone_of(said)
                if not MOBILE.match(got):
                    problems.append(f"{where}: {party}_phone {said!r} is not a mainland mobile")
                elif want_phone and got != want_phone:
                    problems.append(f"{where}: {party}_phone {said!r} is not the expected {want_phone}")
        for corr in c.get("corrections") or []:
            field = corr["field"]
            party = exp.get(field.split("_")[0]) or {}
            if field.endswith("_id") and party.get("id_number") not in ids_in(corr["say"]):
                problems.append(f"{where}: correction of {field} does not carry the expected ID")
            if field.endswith("_phone") and (party.get("phone") or "-") not in compact_number(corr["say"]):
                problems.append(f"{where}: correction of {field} does not carry the expected phone")
        if c["goal"].startswith("progress") or c["goal"] in ("withdraw", "cancel_midway"):
            continue
        a, s = exp["applicant"]["id_number"], exp["spouse"]["id_number"]
        if a == s:
            problems.append(f"{where}: same person twice")
        if is_male(a) == is_male(s):
            problems.append(f"{where}: applicant and spouse must be a man and a woman")
        if c["married_already"]:
            continue
        day = date.fromisoformat(exp["marriage"]["appointment_date"])
        if not 7 <= (day - TODAY).days <= 25 or day.weekday() >= 5:
            problems.append(f"{where}: appointment {day} is not a weekday 7-25 days after {TODAY}")
        for who in (a, s):
            need = 22 if is_male(who) else 20
            if age_on(who, day) < need:
                problems.append(f"{where}: {who} is under {need} on {day}")
    assert not problems, "\n".join(problems)


def test_conversation_coverage():
    convs = CONVERSATIONS
    assert len(convs) >= 45, len(convs)
    names = []
    for c in convs:
        for party in ("applicant", "spouse"):
            name = ((c["expected"].get(party)) or {}).get("name")
            if name:
                names.append(name)
    surnames = {surname(n) for n in names}
    assert len(surnames) >= 60, f"{len(surnames)} distinct surnames"
    assert surnames >= REQUIRED_COMPOUND, REQUIRED_COMPOUND - surnames
    assert surnames >= REQUIRED_WORDLIKE, REQUIRED_WORDLIKE - surnames
    assert any("·" in n for n in names), "no middle-dot name"
    plain = [n for n in names if "·" not in n]
    assert all(2 <= len(n) <= 4 for n in plain), [n for n in plain if not 2 <= len(n) <= 4]
    assert {len(n) for n in plain} >= {2, 3, 4}
    regions = {
        exp["id_number"][:3]
        for c in convs
        for k in ("applicant", "spouse")
        if (exp := c["expected"].get(k)) and exp.get("id_number")
    }
    assert "310" in regions and len(regions - {"310"}) >= 3, regions

    married = [c for c in convs if c["married_already"]]
    assert len(married) >= 6
    assert {"birth_registration"} in [set(c["matters"]) for c in married]
    assert {"hukou_marital_status"} in [set(c["matters"]) for c in married]
    assert {"hukou_migration"} in [set(c["matters"]) for c in married]
    progress = [c for c in convs if c["goal"].startswith("progress")]
    assert len(progress) >= 6
    assert any(c["goal"] == "progress_lost_number" for c in progress)
    fullwidth = [
        c
        for c in convs
        if "full-width" in c["style"] and any(t != unicodedata.normalize("NFKC", t) for t in conversation_messages(c))
    ]
    assert len(fullwidth) >= 5, [c["id"] for c in fullwidth]
    english = [
        c
        for c in convs
        if re.search(r"[A-Za-z]{3,}", unicodedata.normalize("NFKC", c["opening"]))
        and not re.search(r"HY\d", c["opening"])
    ]
    assert len(english) >= 5, [c["id"] for c in english]
    assert sum(1 for c in convs if c.get("corrections")) >= 5
    assert sum(1 for c in convs if c.get("digressions")) >= 8
    assert sum(1 for c in convs if c.get("bundled_first_message")) >= 2
    styles = Counter(c["style"] for c in convs)
    assert max(styles.values()) == 1, "every persona has its own style line"


# ------------------------------------------------------------------ duplicates
def all_blind_texts():
    """(where, text) for every message of the set."""
    for u in UTTERANCES:
        yield "utterances.yml", u["text"]
    for q in QUESTIONS:
        yield "guide_questions.yml", q["question"]
    for c in CONVERSATIONS:
        for t in conversation_messages(c):
            yield f"conversations.yml {c['id']}", t


def test_no_duplicate_texts():
    seen: dict[str, str] = {}
    dups = []
    for where, text in list(all_blind_texts())[: len(UTTERANCES) + len(QUESTIONS)]:
        key = norm(text)
        if key in seen:
            dups.append(f"{text!r} in {where} and {seen[key]}")
        seen[key] = where
    openings = Counter(norm(c["opening"]) for c in CONVERSATIONS)
    dups += [f"opening {t!r} used {n} times" for t, n in openings.items() if n > 1]
    assert not dups, "\n".join(dups)


# ------------------------------------------------------------------ leakage
LEAK_SOURCES = [ROOT / "bot" / "data", ROOT / "guides", ROOT / "tests" / "backend" / "test_guides.py"]
# Rasa annotations [text](entity) and [text]{"entity": ...} are read as their text.
ANNOTATION = re.compile(r"\[([^\]\n]*)\](?:\([^)\n]*\)|\{[^}\n]*\})")
QUOTED = re.compile(r"\"([^\"\n]+)\"|'([^'\n]+)'|“([^”\n]+)”|「([^」\n]+)」")
SHORT = 2  # texts this short ("2", "嗯", "好") cannot be told apart from anything; not checked
SUBSTRING_FROM = 6  # from this length a text counts as leaked wherever it appears inside a source file


def _source_files():
    for src in LEAK_SOURCES:
        if src.is_file():
            yield src
        elif src.is_dir():
            yield from sorted(p for p in src.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def sources():
    files = list(_source_files())
    if not files:
        pytest.fail("leakage check has nothing to compare with: bot/data, guides and the search set are all missing")
    out = []
    for path in files:
        try:
            raw = path.read_text(encoding="utf-8", errors="ignore")
        except OSError:
            continue
        text = ANNOTATION.sub(r"\1", raw)
        whole = norm(text)
        pieces = set()
        for line in text.splitlines():
            line = re.sub(r"^\s*(?:-\s+|#+\s*|\*\s+|\d+[.)]\s+)", "", line).strip().strip("\"',")
            if line:
                pieces.add(norm(line))
            for m in QUOTED.finditer(line):
                pieces.add(norm(next(g for g in m.groups() if g)))
        out.append((path.relative_to(ROOT).as_posix(), whole, pieces))
    return out


def test_no_blind_text_leaked_into_training_or_guides(sources):
    leaked = []
    for where, text in all_blind_texts():
        key = norm(text)
        if len(key) <= SHORT:
            continue
        for path, whole, pieces in sources:
            if key in pieces or (len(key) >= SUBSTRING_FROM and key in whole):
                leaked.append(f"{text!r} ({where}) appears in {path}")
                break
    assert not leaked, "blind texts found verbatim in training data, guides or the search set:\n" + "\n".join(leaked)
