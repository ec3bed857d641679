"""Shared by both forms: what counts as an answer, and the explain-and-offer step after a
slot's answer has failed twice."""

import re

from rasa_sdk import Tracker
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction

from bot.actions.names import COMMON_WORDS, is_name
from bot.actions.parsing import DIGRESSION
from bot.actions.slots import (
    ALL_MATTERS,
    BIRTH,
    EXAMPLES,
    FORM_SLOTS,
    HUKOU_STATUS,
    MARRIAGE,
    MATTER_NAMES,
    MIGRATION,
    SPEC,
)
from bot.actions.vocabulary import MATTER_BY_NAME

# Intents that are not answers: the form steps aside and the rules handle them.
NOT_ANSWERS = {
    "greet",
    "goodbye",
    "thank",
    "bot_challenge",
    "ask_bundle_intro",
    "ask_guide",
    "ask_progress",
    "request_human",
    "cancel",
    "out_of_scope",
    "continue_form",
    "retry_submit",
    "apply",
    "other_language",
}
CONFIDENT = 0.6
FAILURES_BEFORE_HELP = 2
# The third miss of the same question in a row does not ask it a fourth time: a person takes over
# (form_handover), or the hotline where none is on duty.
FAILURES_BEFORE_HANDOVER = 3
OPTIONS = [
    {"title": "继续填写", "payload": "继续填写"},
    {"title": "转人工", "payload": "转人工"},
    {"title": "不办了", "payload": "不办了"},
]


# What the application form owns: cleared when it is submitted or stopped.
FORM_OWNED = {*FORM_SLOTS, "failure_counts", "idempotency_key", "confirming", REQUESTED_SLOT}


def current_values(tracker: Tracker) -> dict:
    return {name: tracker.get_slot(name) for name in FORM_SLOTS if tracker.get_slot(name) is not None}


def cleared(tracker: Tracker, *names: str) -> list:
    """Resets for those of the slots that are set: every event is replayed on every later turn."""
    return [SlotSet(name, None) for name in names if tracker.get_slot(name) is not None]


def form_cleared(tracker: Tracker, **kept) -> list:
    """Clears what the form collected with one reset, then sets back what outlives it (the
    conversation's application, the guide topic, ...) and the given slots: a few events instead of
    one per slot, and every event is replayed and sent to the action server on each later turn."""
    keep = {k: v for k, v in tracker.slots.items() if v is not None and k not in FORM_OWNED} | kept
    return [AllSlotsReset(), *[SlotSet(k, v) for k, v in keep.items() if v is not None]]


def intent_of(tracker: Tracker) -> tuple[str | None, float]:
    intent = tracker.latest_message.get("intent") or {}
    return intent.get("name"), float(intent.get("confidence") or 0.0)


def reads_as_answer(tracker: Tracker) -> bool:
    name, confidence = intent_of(tracker)
    return name not in NOT_ANSWERS or confidence < CONFIDENT


# Words that name the hukou status change without its catalog name (户口本上还是未婚，要改).
HUKOU_STATUS_WORDS = re.compile(r"(户口本|户口簿|户籍|户口)[^，。,；;]{0,8}(未婚|已婚|婚姻状况)|未婚改(成)?已婚")
APPLICATION_NUMBERS = re.compile(r"(?<![0-9Xx])(\d{17}[0-9Xx]|1[3-9]\d{9})(?![0-9Xx])")
APPLY_WORDS = re.compile(r"办|申请|登记|领证|扯证|预约|迁")


def matters_named(tracker: Tracker) -> list[str]:
    """The matters a message names: the NLU's entities, the catalog's own names for them (a button's
    payload names a matter added by data that no training example knows), and the hukou status
    change in everyday words."""
    text = tracker.latest_message.get("text") or ""
    named = [e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == "matter"]
    named += [code for name, code in MATTER_BY_NAME.items() if name in text]
    if HUKOU_STATUS_WORDS.search(text):
        named.append(HUKOU_STATUS)
    return list(dict.fromkeys(named))


# Everyday words that hint at a matter the NLU did not name (孩子出生的事, 户口本也要改, 户口并到一起):
# at the start of an application they are asked about with the matters question, never guessed.
MATTER_HINTS = {
    BIRTH: re.compile(r"孩子|宝宝|小孩|怀孕|怀上|生育|准生|生娃|生小孩|二胎|三胎|二孩|三孩|出生|产检|备孕|要娃"),
    MIGRATION: re.compile(r"迁|落户|投靠|并户|户口.{0,4}(并|转|挪|移|落)"),
    HUKOU_STATUS: re.compile(r"户口本.{0,6}(改|变|更)|改户口本|户口.{0,6}(已婚|未婚|婚姻)|婚姻状况|婚姻状态"),
}
HUKOU_ANY = re.compile(r"户口|户籍")


def matters_hinted(text: str, named: list[str]) -> list[str]:
    """Matters the words hint at that were not named; "户口" alone hints at both hukou matters
    (unless one of them was named)."""
    hinted = [m for m, words in MATTER_HINTS.items() if m not in named and words.search(text)]
    if HUKOU_ANY.search(text) and not {HUKOU_STATUS, MIGRATION} & {*named, *hinted}:
        hinted += [HUKOU_STATUS, MIGRATION]
    return [m for m in ALL_MATTERS if m in hinted]


def reads_as_application(tracker: Tracker) -> bool:
    """A message the classifier did not take for a request to apply, that is one all the same: a
    matter named with the parties' numbers, or with a word for doing it (办, 申请, 登记)."""
    text = tracker.latest_message.get("text") or ""
    if not matters_named(tracker) or re.search(r"[？?]|吗|怎么|什么|多少|哪", text):
        return False
    return bool(APPLICATION_NUMBERS.search(text) or APPLY_WORDS.search(text))


def names_matters_at_the_question(tracker: Tracker) -> bool:
    """ "还要生育登记" at the matters question, classified as a guide question: an answer that names
    matters and asks nothing. The guide action stays silent and the form reads it."""
    text = tracker.latest_message.get("text") or ""
    asked = tracker.get_slot(REQUESTED_SLOT) == "matters" and tracker.active_loop.get("name") == "application_form"
    return asked and bool(matters_named(tracker)) and not DIGRESSION.search(text)


def returning_after_interruption(tracker: Tracker) -> bool:
    """The form runs again after another action answered an interruption (a guide question,
    a greeting): the latest message was handled already and must not be read twice."""
    if not tracker.active_loop.get("name"):
        return False
    actions = [e.get("name") for e in tracker.events if e.get("event") == "action"]
    return len(actions) >= 2 and actions[-2] != "action_listen"


async def with_next_slot(form: FormValidationAction, dispatcher, tracker: Tracker, domain, events: list) -> list:
    """The events plus the next slot to ask for (None when done), always decided here from the
    form's dynamic required slots rather than left to the domain's static list."""
    tracker.add_slots(events)
    required = await form.required_slots(form.domain_slots(domain), dispatcher, tracker, domain)
    missing = next((name for name in required if tracker.slots.get(name) is None), None)
    return [*events, SlotSet(REQUESTED_SLOT, missing)]


def record_failure(
    dispatcher: CollectingDispatcher, counts: dict | None, slot: str, message: str | None, explanation: str
) -> dict:
    """Says what was wrong; on the second failure in a row also explains the question and
    offers to go on, reach a person or stop. Returns the new counts (a third failure in a row is
    left to the form: see handover_due)."""
    counts = dict(counts or {})
    counts[slot] = counts.get(slot, 0) + 1
    if message:  # None: what was wrong is said already
        dispatcher.utter_message(text=message)
    if counts[slot] == FAILURES_BEFORE_HELP:
        dispatcher.utter_message(
            text=f"说明：{explanation}\n已填写的信息都保留着。您可以重新输入继续填写，也可以转人工或者不办了。",
            buttons=OPTIONS,
        )
    return counts


# counts[slot + PROGRESS]: turns at the slot's question that gave other answers instead (no misses).
PROGRESS = "~progress"


def handover_due(counts: dict | None) -> str | None:
    """The slot whose answer has now failed three times in a row, if any."""
    failed = ((slot, n) for slot, n in (counts or {}).items() if not slot.endswith(PROGRESS))
    return next((slot for slot, n in failed if n >= FAILURES_BEFORE_HANDOVER), None)


def handover_text(label: str) -> str:
    return f"“{label}”已经试了三次还没填上，我就不再重复问了，请工作人员来帮您。"


def clear_failure(counts: dict | None, slots) -> dict:
    counts = dict(counts or {})
    for slot in slots:
        counts.pop(slot, None)
        counts.pop(slot + PROGRESS, None)
    return counts


def missed_text(slot: str) -> str:
    """What the citizen hears when a reply held no value for the question just asked."""
    if slot not in SPEC:
        return f"还没收到您的确认。{EXAMPLES[slot]}。"
    return f"没有从您的回复里找到{SPEC[slot].label}，{EXAMPLES[slot]}。"


# The name questions, and the cue word that makes a word be believed as the name there.
NAME_CUES = {"applicant_name": "我叫", "spouse_name": "对方叫", "household_head_name": "户主叫"}
_ONE_WORD = re.compile(r"[\u4e00-\u9fa5]{2,4}")


def not_a_name_text(slot: str, text: str) -> str | None:
    """At a name question, a reply of one short word that was not read as a name (红包, 年底, 没有,
    不清): said so, with how to give the name and, for an everyday word that could be someone's
    name, how to insist on it (我叫红包). None for any other reply."""
    word = text.strip(" \t　。，,.!！~～")
    if slot not in NAME_CUES or not _ONE_WORD.fullmatch(word):
        return None
    label = SPEC[slot].label
    insist = word in COMMON_WORDS and is_name(word, cued=True)
    hint = f"；如果“{word}”就是姓名，请说“{NAME_CUES[slot]}{word}”" if insist else ""
    return f"“{word}”不像是姓名，没有记作{label}。请告诉我{label}，{EXAMPLES[slot]}{hint}。"


def explanation_of(slot: str) -> str:
    return SPEC[slot].explanation if slot in SPEC else EXAMPLES[slot] + "。"


def names_of(matters) -> str:
    return "、".join(MATTER_NAMES[m] for m in ALL_MATTERS if m in matters)


DEPENDANT_NAMES = "户口婚姻状况变更、因婚姻市内户口迁移和生育登记"


def fit_matters_to_marriage(dispatcher: CollectingDispatcher, values: dict, candidates: dict) -> dict:
    """Whether the couple registers their marriage now decides the marriage registration: married
    already, it is taken out (said so); not yet, it goes with the other matters (said so); not
    known, the form asks (already_married). Returns the candidates to apply."""
    candidates = dict(candidates)
    married = candidates.get("already_married", values.get("already_married"))
    matters = candidates.get("matters", values.get("matters"))
    if "matters" in candidates and MARRIAGE not in matters and married is False and "already_married" not in candidates:
        # Taking the marriage registration out says they married already: asked, not assumed.
        candidates["already_married"] = married = None
    if not matters:
        return candidates
    if married is True and MARRIAGE in matters:
        rest = [m for m in matters if m != MARRIAGE]
        if rest:
            dispatcher.utter_message(text="你们已经领证了，不用再办结婚登记，已为您去掉。")
            candidates["matters"] = rest
        else:
            dispatcher.utter_message(
                text=f"你们已经领证了，结婚登记不用再办。还可以一起办的是{DEPENDANT_NAMES}，请告诉我要办哪几项。"
            )
            candidates["matters"] = None
    elif married is False and MARRIAGE not in matters:
        dispatcher.utter_message(text="还没领证的，联办以结婚登记为前提，已为您一并加入结婚登记。")
        candidates["matters"] = [m for m in ALL_MATTERS if m in matters or m == MARRIAGE]
    return candidates


def fit_matters_to_hukou(dispatcher: CollectingDispatcher, values: dict, candidates: dict) -> dict:
    """A hukou answer that rules out a chosen hukou matter (都不是, or only one side for the
    migration) is a real answer: that matter is dropped, said so, and the form goes on instead of
    asking the same question again."""
    if "shanghai_hukou" not in candidates:
        return candidates
    parties = set(candidates["shanghai_hukou"] or [])
    matters = candidates.get("matters") or values.get("matters") or []
    drop = [m for m in (HUKOU_STATUS, MIGRATION) if m in matters]
    drop = [m for m in drop if not parties or (m == MIGRATION and parties != {"applicant", "spouse"})]
    if not drop:
        return candidates
    names = "、".join(MATTER_NAMES[m] for m in drop)
    reason = "双方都不是上海户口" if not parties else "户口迁移只办理双方都是上海户口的市内迁移"
    rest = [m for m in ALL_MATTERS if m in matters and m not in drop]
    if not rest:  # a married couple who came for the hukou matters only: nothing left to apply for
        dispatcher.utter_message(
            text=f"{reason}，{names}在这里办不了，这样就没有可以一起办的事项了。"
            "可以改选生育登记，或者拨打12345咨询户籍业务；如果说错了，直接告诉我谁是上海户口。"
        )
        return {k: v for k, v in candidates.items() if k != "shanghai_hukou"}
    dispatcher.utter_message(
        text=f"{reason}，{names}在这里办不了，已为您去掉{names}，其他事项照常办理。"
        "如果说错了，直接告诉我谁是上海户口，再说“加上户口迁移”即可。"
    )
    return {**candidates, "matters": rest}
