"""The application form: one validation action reads every value in a message, checks it with
the backend's own rules, and asks next for whatever the chosen matters still need."""

import logging
import re

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT, FormValidationAction
from rasa_sdk.types import DomainDict

from bot.actions import backend
from bot.actions.answer_inside import answers_question
from bot.actions.form_support import (
    PROGRESS,
    clear_failure,
    cleared,
    current_values,
    explanation_of,
    fit_matters_to_hukou,
    fit_matters_to_marriage,
    handover_due,
    handover_text,
    intent_of,
    matters_hinted,
    matters_named,
    missed_text,
    names_matters_at_the_question,
    names_of,
    not_a_name_text,
    reads_as_answer,
    reads_as_application,
    record_failure,
    returning_after_interruption,
    with_next_slot,
)
from bot.actions.married import says_married
from bot.actions.parsing import ALONE_WORDS, DIGRESSION, REMOVE_WORDS, Context, parse_message
from bot.actions.progress_instead import asks_progress, progress_instead
from bot.actions.slots import (
    CONFIRM_SLOT,
    MARRIAGE,
    MATTER_NAMES,
    SPEC,
    build_draft,
    relevant,
    required_slots,
    slot_for_field,
)
from bot.actions.submission import KEY_SLOT, already_submitted, earlier_application, key_for_summary, submit
from bot.actions.summary import summary_text
from bot.actions.turns import wait_for_citizen

logger = logging.getLogger(__name__)

SELECTION_SLOTS = ("matters", "already_married")
# Replies the rules answered instead of the form (not understood, a greeting, "申请正在填写中"): at a
# question, the question comes again, so they count as a miss of it. A question of the citizen's
# own (a guide question, progress), "继续填写", stopping or a person are no misses.
NOT_UNDERSTOOD = {"out_of_scope", "nlu_fallback", "other_language", "apply", "greet", "thank", "bot_challenge"}
# Some sign of applying in a message classified as apply (办, 申请, 结婚, 开始 ...).
APPLY_CUE = re.compile(
    r"办|申请|登记|领证|扯证|结婚|婚|预约|填|开始|迁|生育|户口|孩子|宝宝|联办|一件事|报名|要|想|好|行|可以|嗯|对"
)
UNREADABLE = {
    "registry_office": "结婚登记全国通办，本市16个区的婚姻登记处都可以去。想就近的话，告诉我你们住在或上班在哪个区，"
    "例如“闵行区”，就选那个区的婚姻登记处。",
    "appointment_date": "没听懂这个日期。可以说“下周三”“12月8日”或“2026-12-08”。",
    "registered_at": "没听懂这个日期。请按结婚证上的登记日期说，例如“2024年5月20日”或“2024-05-20”。",
}


def matter_entities(tracker: Tracker) -> list[str]:
    return matters_named(tracker)


async def check_with_backend(values: dict, candidates: dict) -> dict[str, str]:
    """Backend messages per slot for the current values with the candidates applied."""
    merged = relevant({**values, **candidates})
    errors = await backend.check(build_draft(merged))
    by_slot: dict[str, str] = {}
    for error in errors:
        slot = slot_for_field(error["field"], merged.get("matters"))
        if slot and slot not in by_slot:
            by_slot[slot] = error["message"]
    return by_slot


def activated_this_turn(tracker: Tracker) -> bool:
    """Rasa activates the form (an active_loop event) before it calls this action."""
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return False
        if event.get("event") == "active_loop" and event.get("name"):
            return True
    return False


def starts_application(tracker: Tracker) -> bool:
    """The form is being activated by a request to apply (not resumed after an interruption), or
    by action_fallback for a message that reads as an application (form_support.reads_as_application)."""
    intent = intent_of(tracker)[0]
    return activated_this_turn(tracker) and (
        intent == "apply" or (intent != "continue_form" and reads_as_application(tracker))
    )


def answers_with_apply(tracker: Tracker) -> bool:
    """ "已经领证了，办生育登记" to the matters question, or "还要把户口迁过来" later, reads as a
    request to apply: the rule for applying inside the form ran action_continue_form first (silent
    then), and the message is still to be read: a matter named is never dropped in silence. The
    same for "还要生育登记" classified as a guide question at the matters question."""
    if intent_of(tracker)[0] == "ask_guide":
        return names_matters_at_the_question(tracker)
    if intent_of(tracker)[0] != "apply":
        return False
    return tracker.get_slot(REQUESTED_SLOT) in SELECTION_SLOTS or bool(matter_entities(tracker))


def selection_text(matters: list[str], married: bool | None) -> str:
    """The selection, said back: what was chosen, and what the next question settles."""
    lines = ["已为您选择：" + names_of(matters) + "。"]
    if MARRIAGE not in matters and married is True:
        lines.append("你们已经领证，不用再办结婚登记：填上结婚证字号和登记日期，提交后这些事项直接进入审核。")
    elif MARRIAGE not in matters:
        lines.append("这几项要在登记结婚后办理，先确认一下你们是否已经领证。")
    else:
        lines.append("提醒：结婚登记需要双方本人一同到婚姻登记处现场办理；登记办结后，其他事项会自动启动，不用再跑。")
    return "".join(lines)


def marriage_alone(text: str, parsed: dict, values: dict) -> bool:
    """An opening that named the marriage registration and no other matter, without saying that
    it is the only one (只办结婚登记, 别的不用): the other matters are asked about, not left out."""
    married = parsed.get("already_married", values.get("already_married"))
    return parsed.get("matters") == [MARRIAGE] and married is not True and not ALONE_WORDS.search(text)


def start_text(matters: list[str] | None, married: bool | None) -> str:
    return "好的，我们开始填写联办申请，填一次信息就能一起办。" + (selection_text(matters, married) if matters else "")


HUKOU_UNSURE = (
    "您提到了户口，是哪一项呢？户口本上的“未婚”改成“已婚”是户口婚姻状况变更；把一方户口迁到另一方家是"
    "因婚姻市内户口迁移。需要的话说“加上户口婚姻状况变更”或“加上户口迁移”。"
)


def unsure_text(hinted: list[str]) -> str:
    """The start of an application whose matters were hinted at, not named: the matters question
    follows."""
    hukou = "户口本上的“未婚”改成“已婚”是户口婚姻状况变更，把一方户口迁到另一方家是因婚姻市内户口迁移；"
    said = hukou if {"hukou_marital_status", "hukou_migration"} & set(hinted) else ""
    return f"您提到的情况可能涉及{names_of(hinted)}。{said}为免漏办或多办，请确认要一起办理哪几项。"


def unsure_about_hukou(tracker: Tracker, changed: dict, values: dict) -> bool:
    """ "户口" said, but which hukou matter was not clear and none was chosen: asked, not guessed."""
    text = tracker.latest_message.get("text") or ""
    chosen = changed.get("matters") or values.get("matters") or []
    hukou = {"hukou_marital_status", "hukou_migration"}
    named = set(matter_entities(tracker))
    return "户口" in text and not (hukou & named) and not (hukou & set(chosen)) and intent_of(tracker)[0] != "ask_guide"


def mentioned_but_not_chosen(tracker: Tracker, changed: dict, values: dict) -> list[str]:
    """Matters the message named that the application does not hold: never dropped in silence.
    (A guide question about another matter, or a married couple's 领证, adds nothing to say.)"""
    text = tracker.latest_message.get("text") or ""
    if intent_of(tracker)[0] == "ask_guide" or REMOVE_WORDS.search(text):
        return []
    chosen = changed["matters"] if "matters" in changed else values.get("matters")
    if not chosen:  # no selection yet: the matters question comes next
        return []
    married = changed.get("already_married", values.get("already_married")) or says_married(text)
    named = [m for m in matter_entities(tracker) if m in MATTER_NAMES and m not in chosen]
    return [m for m in dict.fromkeys(named) if not (m == MARRIAGE and married)]


def asks_again(tracker: Tracker, events: list, requested: str) -> bool:
    """Whether the form would ask for the requested slot again once these events are applied."""
    slots = {**tracker.slots, **{e["name"]: e["value"] for e in events if e.get("event") == "slot"}}
    return next((s for s in required_slots(slots.get("matters")) if slots.get(s) is None), None) == requested


def with_summary(tracker: Tracker, events: list) -> list:
    """When the next question is the confirmation, the summary it shows (from the slots with these
    events applied: with_next_slot has added them to the tracker), and with the first summary the
    key of the submission to come."""
    if events and events[-1] == SlotSet(REQUESTED_SLOT, CONFIRM_SLOT):
        summary = summary_text(tracker)
        # Set only when it changed: a slot set tells Rasa the form took the message, and a question
        # or a request on the summary (办到哪了, 不办了, 转人工) must go to the rules.
        if summary == tracker.get_slot("application_summary"):
            return events
        # The key comes with a shown summary only: set alone it, too, would take the message.
        return [*events, SlotSet("application_summary", summary), *key_for_summary(tracker)]
    return events


def slots_in(events: list) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def changes_answers(values: dict, candidates: dict) -> bool:
    return any(values.get(k) != v for k, v in candidates.items() if k != CONFIRM_SLOT)


class ValidateApplicationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_application_form"

    async def required_slots(
        self, domain_slots: list[str], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        return required_slots(tracker.get_slot("matters"))

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        requested = tracker.get_slot(REQUESTED_SLOT)
        # Applying in the middle of a progress look-up starts the form after another action too.
        starting = starts_application(tracker)
        selecting = answers_with_apply(tracker)
        answered = not starting and not selecting and answers_question(tracker)  # "我要和李娜登记结婚"
        if starting and asks_progress(tracker.latest_message.get("text") or ""):
            return await progress_instead(dispatcher, tracker)  # "我上周申请的结婚登记办到哪一步了"
        if returning_after_interruption(tracker) and not starting and not selecting and not answered:
            return with_summary(tracker, await self.after_interruption(dispatcher, tracker, domain, requested))
        if starting and not APPLY_CUE.search(tracker.latest_message.get("text") or "") and not matter_entities(tracker):
            # "阿巴阿巴" taken for a request to apply: not understood, and the form does not start.
            from bot.actions.handoff import not_understood

            return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None), *await not_understood(dispatcher, tracker)]
        values = current_values(tracker)
        intent, confidence = intent_of(tracker)
        # The request to apply answers the first question: which matters.
        answer_like = reads_as_answer(tracker) or starting or selecting or answered
        try:
            offices = await backend.offices_by_district()
        except backend.BackendUnavailable:
            offices = {}
        parsed = parse_message(
            tracker.latest_message.get("text") or "",
            Context(
                requested="matters" if starting else requested,
                intent=intent,
                confidence=confidence,
                matters=values.get("matters") or [],
                matter_entities=matter_entities(tracker),
                offices=offices,
                answer_like=answer_like,
                married=values.get("already_married"),
                filled=frozenset(values),
                known=values,
            ),
        )
        said = len(dispatcher.messages)
        hinted = matters_hinted(tracker.latest_message.get("text") or "", matter_entities(tracker)) if starting else []
        if hinted:  # unsure which matters: asked with the matters question, never guessed
            parsed.values.pop("matters", None)
        if starting and marriage_alone(tracker.latest_message.get("text") or "", parsed.values, values):
            # "我们准备结婚": the marriage registration is noted, and the matters question asks what
            # goes with it (action_ask_matters) instead of taking it as the whole selection.
            parsed.values.pop("matters")
            parsed.values["already_married"] = False
        if starting:
            shown = fit_matters_to_marriage(CollectingDispatcher(), values, parsed.values)
            dispatcher.utter_message(
                text=start_text(shown.get("matters"), shown.get("already_married", values.get("already_married")))
                + (unsure_text(hinted) if hinted else "")
            )
        # Only a message that carries no value at all and is not an answer goes back to the rules
        # (the requested slot alone does not count as an answer, so the form is rejected).
        if not parsed.values and not parsed.unreadable and (not answer_like or requested is None):
            return with_summary(tracker, await with_next_slot(self, dispatcher, tracker, domain, []))

        if tracker.get_slot(KEY_SLOT) and changes_answers(values, parsed.values):
            earlier = await self.earlier_submission(dispatcher, tracker)
            if earlier is not None:
                return earlier
        events, counts = await self.apply(dispatcher, values, parsed.values, parsed.unreadable, requested, tracker)
        chosen_now = slots_in(events).get("matters")
        if requested == "matters" and chosen_now and not starting:  # chosen at the question: said back
            married = slots_in(events).get("already_married", values.get("already_married"))
            dispatcher.utter_message(text=selection_text(chosen_now, married))
        elif requested == "matters" and slots_in(events).get("already_married") is True and not starting:
            dispatcher.utter_message(text="好的，知道你们已经领证了。")  # the matters question follows
        if requested == "matters" and unsure_about_hukou(tracker, slots_in(events), values):
            dispatcher.utter_message(text=HUKOU_UNSURE)
        left_out = mentioned_but_not_chosen(tracker, slots_in(events), values)
        if left_out:
            names = names_of(left_out)
            dispatcher.utter_message(text=f"您提到了{names}，目前还没有加入申请。需要一起办的话，说“加上{names}”即可。")
        # Never the same question twice in silence: if nothing was said and the same slot would be
        # asked again (other values taken, or none), say what is missing with an example. Asked
        # again after something else was said (户口, which one?), it is a miss all the same.
        # A message that gave or corrected other answers is progress, not a miss: said so (twice at
        # most per question, so that answers flipping back and forth cannot loop either).
        earlier = (tracker.get_slot("failure_counts") or {}).get(requested, 0)
        taken = [k for k, v in slots_in(events).items() if k in SPEC and v is not None and values.get(k) != v]
        if requested and counts.get(requested, 0) == earlier and asks_again(tracker, events, requested):
            quiet = len(dispatcher.messages) == said
            # One word at a name question (红包, 明天) is said not to be read as the name.
            not_a_name = not_a_name_text(requested, tracker.latest_message.get("text") or "")
            if taken and requested not in taken and counts.get(requested + PROGRESS, 0) < 2:
                counts = {**counts, requested + PROGRESS: counts.get(requested + PROGRESS, 0) + 1}
                noted = f"好的，已记下{'、'.join(SPEC[k].label for k in taken)}。" if quiet else ""
                if noted or not_a_name:
                    dispatcher.utter_message(text=noted + (not_a_name or ""))
            else:
                missed = not_a_name or (missed_text(requested) if quiet else None)
                counts = record_failure(dispatcher, counts, requested, missed, explanation_of(requested))
        if stuck := handover_due(counts):
            return await self.hand_over(dispatcher, tracker, stuck, counts, events)
        # A SlotSet besides requested_slot tells Rasa the form took this message, so the counts are
        # set when they changed or when nothing else was.
        if counts != (tracker.get_slot("failure_counts") or {}) or not events:
            events.append(SlotSet("failure_counts", counts))
        if SlotSet(CONFIRM_SLOT, True) in events:
            return await self.submit(dispatcher, tracker, domain, events)
        return with_summary(tracker, await with_next_slot(self, dispatcher, tracker, domain, events))

    async def after_interruption(self, dispatcher, tracker, domain, requested) -> list[EventType]:
        """Back at the question after another action answered the message. A reply that was not
        understood (out of scope, another language, a "guide question" that asks nothing) is a miss
        of the question all the same: counted, so that the third one ends the loop."""
        intent = intent_of(tracker)[0]
        text = tracker.latest_message.get("text") or ""
        missed = intent in NOT_UNDERSTOOD or (intent == "ask_guide" and not DIGRESSION.search(text))
        if requested not in SPEC or not missed:
            return await with_next_slot(self, dispatcher, tracker, domain, [])
        counts = record_failure(
            dispatcher, tracker.get_slot("failure_counts"), requested, None, explanation_of(requested)
        )
        if handover_due(counts):
            return await self.hand_over(dispatcher, tracker, requested, counts, [])
        return await with_next_slot(self, dispatcher, tracker, domain, [SlotSet("failure_counts", counts)])

    async def hand_over(self, dispatcher, tracker, slot: str, counts: dict, events: list) -> list[EventType]:
        """The third miss of the same question: not asked a fourth time. What the message did give
        is kept, the form pauses and a person (or the hotline, when none is on duty) takes over;
        "继续填写" goes on with fresh tries."""
        from bot.actions.handoff import hand_off

        dispatcher.utter_message(text=handover_text(SPEC[slot].label if slot in SPEC else "信息确认"))
        kept = [e for e in events if e.get("name") not in (REQUESTED_SLOT, "failure_counts")]
        tracker.add_slots(kept)
        handed = await hand_off(dispatcher, tracker, "validation")
        ended = [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]
        return [
            *kept,
            SlotSet("failure_counts", clear_failure(counts, [slot])),
            *handed,
            *(e for e in ended if e not in handed),
            wait_for_citizen(),
        ]

    async def earlier_submission(self, dispatcher, tracker) -> list[EventType] | None:
        """A correction after the summary was shown: an earlier confirmation may have made the
        application while its reply was lost. If so the citizen is told its number and the form
        ends; if not (or if the backend cannot say now: the submission will) the change goes on."""
        try:
            found = await earlier_application(tracker)
        except backend.BackendUnavailable:
            return None
        if found is None:
            return None
        return [
            *already_submitted(dispatcher, tracker, found, changed=True),
            SlotSet(REQUESTED_SLOT, None),
            wait_for_citizen(),
        ]

    async def submit(self, dispatcher, tracker, domain, events) -> list[EventType]:
        """The citizen confirmed the summary: submitted in this same round trip, which ends the form.
        Refused answers are cleared and asked again. Without an answer from the backend the form
        stays on the summary: "重新提交" (or "确认提交") retries with the same key, and a
        correction is taken as before the confirmation."""
        result = await submit(dispatcher, tracker)
        if result.refused:
            return await with_next_slot(self, dispatcher, tracker, domain, [*events, *result.events])
        if result.submitted:
            return [*result.events, SlotSet(REQUESTED_SLOT, None), wait_for_citizen()]
        unconfirmed = [e for e in events if e != SlotSet(CONFIRM_SLOT, True)]
        return [*unconfirmed, *result.events, SlotSet(CONFIRM_SLOT, None), SlotSet(REQUESTED_SLOT, CONFIRM_SLOT)]

    async def apply(self, dispatcher, values, candidates, unreadable, requested, tracker):
        counts = tracker.get_slot("failure_counts") or {}
        # At the start the opening message already said what was chosen.
        said_at_start = starts_application(tracker)
        candidates = fit_matters_to_marriage(
            CollectingDispatcher() if said_at_start else dispatcher, values, candidates
        )
        candidates = fit_matters_to_hukou(dispatcher, values, candidates)
        confirm = candidates.pop(CONFIRM_SLOT, None)
        if confirm is False:
            dispatcher.utter_message(text="请直接告诉我要改的内容，例如“对方手机改成13912345678”或“日期改成下周四”。")
        new = candidates.get("matters")
        if new and values.get("matters") and new != values["matters"] and requested not in (None, "matters"):
            if MARRIAGE in new and len(new) > 1:
                dispatcher.utter_message(
                    text=f"好的，现在办理：{names_of(new)}。结婚登记办结后，其他事项会自动启动，无需再次申请。"
                )
            else:
                dispatcher.utter_message(text=f"好的，现在办理：{names_of(new)}。")
        try:
            # Matters come from a closed list and always include marriage: nothing to check.
            problems = await check_with_backend(values, candidates) if candidates.keys() - {"matters"} else {}
        except backend.BackendUnavailable:
            # The submission checks everything again; the citizen's answers are kept meanwhile.
            problems = {}
            dispatcher.utter_message(text="系统暂时无法校验，先为您记下，提交时会再核对一遍。")
        events: list[EventType] = []
        for slot in unreadable:
            counts = record_failure(dispatcher, counts, slot, UNREADABLE[slot], SPEC[slot].explanation)
        for slot, message in problems.items():
            counts = record_failure(dispatcher, counts, slot, message, SPEC[slot].explanation)
            events.append(SlotSet(slot, None))
        accepted = {k: v for k, v in candidates.items() if k not in problems}
        changed = {k for k, v in accepted.items() if values.get(k) != v}
        # Only what changed: every event is replayed on every later turn of the conversation.
        events += [SlotSet(k, accepted[k]) for k in accepted if k in changed]
        counts = clear_failure(counts, accepted)
        if changed or problems:
            # Any change must be confirmed again, and is a new submission.
            # The key stays: it may have made an application already (see submission.py).
            events += cleared(tracker, CONFIRM_SLOT)
            if requested == CONFIRM_SLOT and changed and not problems:
                dispatcher.utter_message(text="已修改。")
        elif confirm is not None:
            events.append(SlotSet(CONFIRM_SLOT, True if confirm else None))
        logger.debug("form slots updated: %s (rejected: %s)", sorted(accepted), sorted(problems))
        return events, counts
