"""The actions with the real domain and the real backend: what they say and which slots they set."""

import uuid
from datetime import date, timedelta

import pytest
import pytest_asyncio
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import backend
from bot.actions.application import ActionSubmitApplication
from bot.actions.application_form import ValidateApplicationForm
from bot.actions.cancel import ActionAskCancel, ActionConfirmCancel
from bot.actions.guides import ActionAnswerGuide
from bot.actions.handoff import ActionFallback
from bot.actions.progress import ActionQueryProgress, ValidateProgressForm
from bot.actions.summary import summary_text
from tests.bot.conftest import get_json

pytestmark = pytest.mark.asyncio

HUSBAND, WIFE = "310104199403051238", "310115199607091249"
FOUR = ["marriage_registration", "hukou_marital_status", "hukou_migration", "birth_registration"]


@pytest_asyncio.fixture(autouse=True)
async def close_session():
    yield
    if backend._session is not None:
        await backend._session.close()


# The backend's booking window (its Shanghai today and the days its calendar opens: public holidays
# skipped, adjusted weekend working days included), fetched once the backend runs.
WINDOW: dict = {}


def next_workday(days: int = 7) -> str:
    d = date.fromisoformat(WINDOW["today"]) + timedelta(days=days)
    return next(day for day in WINDOW["open_dates"] if day >= d.isoformat())


@pytest.fixture(scope="session", autouse=True)
def bookable_days(backend_url):
    WINDOW.update(get_json(f"{backend_url}/api/v1/applications/booking-window")[1])
    COMPLETE["appointment_date"] = next_workday()


def tracker(
    text: str = "",
    slots: dict | None = None,
    intent: str = "inform",
    entities=None,
    loop=None,
    events=None,
    sender=None,
):
    return Tracker(
        sender_id=sender or f"t-{uuid.uuid4().hex[:8]}",
        slots=slots or {},
        latest_message={"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []},
        events=events
        or [{"event": "action", "name": "action_listen"}, {"event": "action", "name": "application_form"}],
        paused=False,
        followup_action=None,
        active_loop={"name": loop} if loop else {},
        latest_action_name="action_listen",
    )


def slots_of(events) -> dict:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def slots_after(slots: dict, events) -> dict:
    """The slot values once Rasa has applied the events (a reset sets every slot back to None)."""
    slots = dict(slots)
    for e in events:
        if e.get("event") == "reset_slots":
            slots = {}
        elif e.get("event") == "slot":
            slots[e["name"]] = e["value"]
    return {k: v for k, v in slots.items() if v is not None}


def texts(dispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


COMPLETE = {
    "matters": FOUR,
    "applicant_name": "张伟",
    "applicant_id": HUSBAND,
    "applicant_phone": "13812345678",
    "spouse_name": "李娜",
    "spouse_id": WIFE,
    "spouse_phone": "13987654321",
    "registry_office": "浦东新区婚姻登记处",
    "appointment_date": None,  # a bookable day, set by bookable_days once the backend runs
    "shanghai_hukou": ["applicant", "spouse"],
    "migration_mover": "spouse",
    "household_address": "浦东新区世纪大道100弄1号101室",
    "household_head_name": "张伟",
    "household_head_consent": True,
    "child_order": 1.0,
    "residence_district": "浦东新区",
    "application_confirmed": True,
}
APPLICANT_DONE = {k: COMPLETE[k] for k in ("matters", "applicant_name", "applicant_id", "applicant_phone")}


def form_after(action: str, text: str, intent: str = "inform"):
    """The form running again right after another action, with the applicant's part answered."""
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "action", "name": action},
        {"event": "action", "name": "application_form"},
    ]
    slots = {**APPLICANT_DONE, "requested_slot": "spouse_name"}
    return tracker(text, slots, intent=intent, loop="application_form", events=events)


async def test_applying_starts_the_form_with_the_named_matters(backend_url, domain):
    d = CollectingDispatcher()
    named = [{"entity": "matter", "value": "birth_registration"}]
    activation = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "我要办生育登记"},
        {"event": "active_loop", "name": "application_form"},
        {"event": "action", "name": "application_form"},
    ]
    t = tracker("我要办生育登记", intent="apply", entities=named, loop="application_form", events=activation)
    slots = slots_of(await ValidateApplicationForm().run(d, t, domain))
    # Named alone, the matter needs a registered marriage: whether they have one is asked next.
    assert slots == {"matters": ["birth_registration"], "requested_slot": "already_married"}
    assert texts(d).startswith("好的，我们开始填写联办申请")
    assert "已为您选择：生育登记。这几项要在登记结婚后办理，先确认一下你们是否已经领证" in texts(d)
    assert "无需再次申请" not in texts(d)  # said once, in the start message


async def test_applying_again_inside_the_form_does_not_start_it_again(backend_url, domain):
    d = CollectingDispatcher()
    t = tracker(
        "我要申请", {**APPLICANT_DONE, "requested_slot": "spouse_name"}, intent="apply", loop="application_form"
    )
    await ValidateApplicationForm().run(d, t, domain)
    assert "开始填写" not in texts(d)


async def test_applying_during_a_progress_look_up_starts_the_form(backend_url, domain):
    d = CollectingDispatcher()
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "我要办结婚登记和生育登记"},
        {"event": "action", "name": "action_leave_progress"},
        {"event": "active_loop", "name": None},
        {"event": "active_loop", "name": "application_form"},
        {"event": "action", "name": "application_form"},
    ]
    named = [{"entity": "matter", "value": m} for m in ("marriage_registration", "birth_registration")]
    t = tracker("我要办结婚登记和生育登记", intent="apply", entities=named, loop="application_form", events=events)
    slots = slots_of(await ValidateApplicationForm().run(d, t, domain))
    assert texts(d).startswith("好的，我们开始填写联办申请")
    assert slots["matters"] == ["marriage_registration", "birth_registration"]


async def test_resuming_the_form_does_not_start_it_again(backend_url, domain):
    d = CollectingDispatcher()
    t = form_after("action_continue_form", "继续填写", intent="continue_form")
    slots = slots_of(await ValidateApplicationForm().run(d, t, domain))
    assert slots == {"requested_slot": "spouse_name"}
    assert "开始填写" not in texts(d)


async def test_several_values_in_one_message(backend_url, domain):
    d = CollectingDispatcher()
    t = tracker(f"我叫张伟，身份证{HUSBAND}，手机13812345678", {"matters": FOUR, "requested_slot": "applicant_name"})
    slots = slots_of(await ValidateApplicationForm().run(d, t, domain))
    assert slots["applicant_name"] == "张伟" and slots["applicant_id"] == HUSBAND
    assert slots["applicant_phone"] == "13812345678"
    assert slots["requested_slot"] == "spouse_name"
    assert d.messages == []


async def test_the_last_answer_brings_the_masked_summary(backend_url, domain):
    last = {k: v for k, v in COMPLETE.items() if k not in ("residence_district", "application_confirmed")}
    t = tracker("住浦东新区", {**last, "requested_slot": "residence_district"})
    slots = slots_of(await ValidateApplicationForm().run(CollectingDispatcher(), t, domain))
    assert slots["requested_slot"] == "application_confirmed"
    summary = slots["application_summary"]
    assert "居住浦东新区" in summary and "138****5678" in summary
    assert HUSBAND not in summary and "13812345678" not in summary
    # The submission's key is drawn now, a turn before the confirmation that submits.
    assert len(slots["idempotency_key"]) == 32


async def test_no_summary_while_answers_are_missing(backend_url, domain):
    t = tracker(f"我叫张伟，身份证{HUSBAND}", {"matters": FOUR, "requested_slot": "applicant_name"})
    slots = slots_of(await ValidateApplicationForm().run(CollectingDispatcher(), t, domain))
    assert slots["requested_slot"] == "applicant_phone" and "application_summary" not in slots


async def test_bad_value_is_explained_and_the_rest_kept(backend_url, domain):
    d = CollectingDispatcher()
    t = tracker(
        f"我叫张伟，身份证{HUSBAND[:-1]}0，手机13812345678", {"matters": FOUR, "requested_slot": "applicant_name"}
    )
    slots = slots_of(await ValidateApplicationForm().run(d, t, domain))
    assert "校验位" in texts(d)
    assert slots["applicant_id"] is None and slots["applicant_name"] == "张伟"
    assert slots["requested_slot"] == "applicant_id"
    assert slots["failure_counts"] == {"applicant_id": 1}


async def test_second_failure_explains_and_offers_a_way_out(backend_url, domain):
    d = CollectingDispatcher()
    t = tracker("12345", {"matters": FOUR, "requested_slot": "applicant_id", "failure_counts": {"applicant_id": 1}})
    slots = slots_of(await ValidateApplicationForm().run(d, t, domain))
    assert "法定婚龄" in texts(d)
    assert [b["title"] for b in d.messages[-1]["buttons"]] == ["继续填写", "转人工", "不办了"]
    assert slots["failure_counts"] == {"applicant_id": 2}  # the third miss hands over (test_third_miss.py)


async def test_a_question_is_not_an_answer(backend_url, domain):
    d = CollectingDispatcher()
    t = tracker("领证要多少钱", {"matters": FOUR, "requested_slot": "spouse_name"}, intent="ask_guide")
    events = await ValidateApplicationForm().run(d, t, domain)
    assert [e for e in events if e["name"] != "requested_slot"] == []  # the form steps aside
    assert d.messages == []


async def test_the_form_is_not_read_twice_after_an_interruption(backend_url, domain):
    d = CollectingDispatcher()
    slots = slots_of(await ValidateApplicationForm().run(d, form_after("action_answer_guide", "我叫王五"), domain))
    assert slots == {"requested_slot": "spouse_name"}


async def test_a_new_spouse_id_can_make_the_date_wrong(backend_url, domain):
    """Cross-field rule: the appointment must fall after the woman turns 20."""
    first = date.fromisoformat(next_workday(3))
    birthday = first + timedelta(days=10)
    young = birthday.replace(year=birthday.year - 20)
    body = f"{young:%Y%m%d}"
    from stdnum.cn import ric

    wife = "310104" + body + "122"
    wife += ric.calc_check_digit(wife + "0")
    slots = {**COMPLETE, "appointment_date": first.isoformat(), "requested_slot": "application_confirmed"}
    slots["application_confirmed"] = None
    d = CollectingDispatcher()
    result = slots_of(await ValidateApplicationForm().run(d, tracker(f"对方身份证改成{wife}", slots), domain))
    assert "20周岁" in texts(d)
    assert result["appointment_date"] is None and result["spouse_id"] == wife
    assert result["requested_slot"] == "appointment_date"


async def test_backend_down_keeps_the_answer(domain, monkeypatch):
    from bot.actions import config

    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")
    backend._session = None
    d = CollectingDispatcher()
    slots = slots_of(
        await ValidateApplicationForm().run(
            d, tracker("13812345678", {"matters": FOUR, "requested_slot": "applicant_phone"}), domain
        )
    )
    assert slots["applicant_phone"] == "13812345678"
    assert "暂时无法校验" in texts(d)


def confirming(slots: dict, text: str = "确认提交"):
    answered = {k: v for k, v in slots.items() if k != "application_confirmed"}
    return tracker(text, {**answered, "requested_slot": "application_confirmed"}, intent="affirm")


async def test_confirming_submits_in_the_same_round_trip_and_ends_the_form(backend_url, domain):
    d = CollectingDispatcher()
    events = await ValidateApplicationForm().run(d, confirming(COMPLETE), domain)
    assert "申请已提交！申请编号：HY" in texts(d) and "一次告知" in texts(d)
    after = slots_after(COMPLETE, events)
    # The migration takes materials in advance: the upload is offered, so a "好的" next answers it.
    assert set(after) == {"application_no", "owner_id_number", "offered"} and after["offered"] == "upload"
    assert events[-2:] == [SlotSet("requested_slot", None), FollowupAction("action_listen")]  # the answer ends the turn


async def test_confirming_with_the_backend_down_keeps_everything_for_a_retry(domain, monkeypatch):
    from bot.actions import config

    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")
    backend._session = None
    d = CollectingDispatcher()
    key = uuid.uuid4().hex
    events = await ValidateApplicationForm().run(d, confirming({**COMPLETE, "idempotency_key": key}), domain)
    assert "这次没有提交成功" in texts(d) and "重新提交" in texts(d)  # refused connection: surely not sent
    # The form stays on the summary, which Rasa shows again: a retry or a correction is the form's.
    assert slots_after(COMPLETE, events) == {k: v for k, v in COMPLETE.items() if k != "application_confirmed"} | {
        "requested_slot": "application_confirmed"
    }
    assert "idempotency_key" not in slots_of(events)  # the key drawn with the summary stays
    assert FollowupAction("action_listen") not in events


async def test_a_refused_confirmation_asks_again_inside_the_form(backend_url, domain):
    slots = {**COMPLETE, "appointment_date": (date.today() - timedelta(days=1)).isoformat()}
    d = CollectingDispatcher()
    events = await ValidateApplicationForm().run(d, confirming(slots), domain)
    assert "最早" in texts(d) and "申请已提交" not in texts(d)
    after = slots_of(events)
    assert after["appointment_date"] is None and after["application_confirmed"] is None
    assert after["requested_slot"] == "appointment_date"
    assert FollowupAction("action_listen") not in events  # the form goes on


async def test_submit_is_idempotent_across_retries(backend_url, domain):
    slots = {**COMPLETE, "idempotency_key": uuid.uuid4().hex, "last_guide_aspect": "materials"}
    sender = f"t-{uuid.uuid4().hex[:8]}"
    d1, d2 = CollectingDispatcher(), CollectingDispatcher()
    events = await ActionSubmitApplication().run(d1, tracker("确认提交", slots, sender=sender), domain)
    again = slots_of(await ActionSubmitApplication().run(d2, tracker("重新提交", slots, sender=sender), domain))
    after = slots_after(slots, events)
    # The form's answers are gone, the application and the guide topic stay: in a few events.
    assert after == {
        "application_no": again["application_no"],
        "owner_id_number": HUSBAND,
        "last_guide_aspect": "materials",
        "offered": "upload",  # the materials that may go with it were offered
    }
    assert len(events) == 5
    assert "一次告知" in texts(d1) and HUSBAND not in texts(d1)


async def test_submit_refused_asks_again_keeping_the_rest(backend_url, domain):
    slots = {**COMPLETE, "appointment_date": (date.today() - timedelta(days=1)).isoformat()}
    d = CollectingDispatcher()
    events = await ActionSubmitApplication().run(d, tracker("确认提交", slots), domain)
    assert "最早" in texts(d)
    assert slots_of(events) == {"appointment_date": None, "application_confirmed": None}
    assert events[-1] == FollowupAction("application_form")


async def test_summary_masks_personal_data():
    text = summary_text(tracker(slots=COMPLETE))
    for secret in (HUSBAND, WIFE, "13812345678", "张伟", "世纪大道100弄"):
        assert secret not in text
    assert "张*" in text and "138****5678" in text and "310***********1238" in text


async def test_guide_answer_from_entities_with_source(backend_url, domain):
    d = CollectingDispatcher()
    entities = [{"entity": "matter", "value": "hukou_migration"}, {"entity": "guide_aspect", "value": "conditions"}]
    events = await ActionAnswerGuide().run(
        d, tracker("户口迁移要什么条件", entities=entities, intent="ask_guide"), domain
    )
    assert "户主同意" in texts(d) and "依据：因婚姻市内户口迁移办事指南 版本" in texts(d)
    assert slots_of(events) == {"last_guide_aspect": "conditions"}


async def test_guides_are_cached_so_a_brief_outage_does_not_lose_them(backend_url, domain, monkeypatch):
    from bot.actions import config

    entities = [{"entity": "matter", "value": "hukou_migration"}, {"entity": "guide_aspect", "value": "conditions"}]
    first = CollectingDispatcher()
    await ActionAnswerGuide().run(first, tracker("户口迁移要什么条件", entities=entities, intent="ask_guide"), domain)
    await backend._session.close()
    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")  # nothing listens there
    backend._session = None
    again = CollectingDispatcher()
    await ActionAnswerGuide().run(again, tracker("户口迁移要什么条件", entities=entities, intent="ask_guide"), domain)
    assert texts(again) == texts(first) and "户主同意" in texts(again)
    backend._guide_cache.clear()
    gone = CollectingDispatcher()
    await ActionAnswerGuide().run(gone, tracker("户口迁移要什么条件", entities=entities, intent="ask_guide"), domain)
    assert "户主同意" not in texts(gone)


async def test_guide_aspect_from_the_guides_own_words(backend_url, domain):
    d = CollectingDispatcher()
    entities = [{"entity": "matter", "value": "birth_registration"}]
    await ActionAnswerGuide().run(d, tracker("生育登记收费不", entities=entities, intent="ask_guide"), domain)
    assert "生育登记·收费标准" in texts(d)


async def test_progress_not_found_is_said_plainly(backend_url, domain):
    d = CollectingDispatcher()
    slots = {"progress_application_no": "HY261127AAAAAAAA", "progress_id_number": HUSBAND}
    events = await ActionQueryProgress().run(d, tracker("", slots), domain)
    assert "没有找到" in texts(d)
    assert slots_of(events) == {"progress_application_no": None, "progress_id_number": None}
    assert events[-1] == FollowupAction("action_listen")


async def test_cancel_inside_the_form_asks_first(domain):
    d = CollectingDispatcher()
    events = await ActionAskCancel().run(d, tracker("不办了", {}, intent="cancel", loop="application_form"), domain)
    assert "确定不办了吗" in texts(d)
    assert ActiveLoop(None) in events and SlotSet("confirming", "stop_form") in events


async def test_withdrawing_without_a_number_here_says_how_to_prove_it_first(domain):
    d = CollectingDispatcher()
    events = await ActionAskCancel().run(d, tracker("我要撤回申请", {}, intent="cancel"), domain)
    assert "请先说“查询进度”" in texts(d) and "没有进行中的申请" not in texts(d)
    assert events == []
    d = CollectingDispatcher()
    await ActionAskCancel().run(d, tracker("不办了", {}, intent="cancel"), domain)
    assert "目前没有进行中的申请" in texts(d)


async def test_stopping_the_form_clears_its_answers_but_keeps_an_earlier_application(domain):
    earlier = {"application_no": "HY261127AAAAAAAA", "owner_id_number": HUSBAND}
    slots = {**COMPLETE, **earlier, "confirming": "stop_form", "failure_counts": {"applicant_phone": 1}}
    d = CollectingDispatcher()
    events = await ActionConfirmCancel().run(d, tracker("/affirm", slots, intent="affirm"), domain)
    assert "已停止填写" in texts(d)
    assert slots_after(slots, events) == earlier


async def test_yes_and_the_wish_too_close_to_call_still_confirm_stopping(domain):
    """ "是的，撤回" between affirm and cancel is an nlu_fallback; at "确定不办了吗？" both mean yes."""
    slots = {**COMPLETE, "confirming": "stop_form"}
    t = tracker("是的，不办了", slots, intent="nlu_fallback")
    ranking = [("nlu_fallback", 0.3), ("cancel", 0.49), ("affirm", 0.47)]
    t.latest_message["intent_ranking"] = [{"name": n, "confidence": c} for n, c in ranking]
    d = CollectingDispatcher()
    events = await ActionFallback().run(d, t, domain)
    assert "已停止填写" in texts(d) and "没有理解" not in texts(d)
    assert slots_after(slots, events).get("confirming") is None
    # Anything else too close to call is still not understood.
    t.latest_message["intent_ranking"] = [{"name": n, "confidence": c} for n, c in [("cancel", 0.5), ("greet", 0.4)]]
    d = CollectingDispatcher()
    await ActionFallback().run(d, t, domain)
    assert "已停止填写" not in texts(d)


async def test_second_misunderstanding_hands_off(backend_url, domain):
    user = {"event": "user", "parse_data": {"intent": {"name": "nlu_fallback"}}}
    t = tracker("qwerty", events=[user, {"event": "action", "name": "action_fallback"}, user])
    d = CollectingDispatcher()
    await ActionFallback().run(d, t, domain)
    assert "12345" in texts(d) and "转人工" in texts(d)
    _, handoffs = get_json(f"{backend_url}/api/v1/handoffs")
    assert any(h["conversation_id"] == t.sender_id and h["reason"] == "misunderstood" for h in handoffs)


async def test_an_application_in_one_message_the_classifier_missed_starts_the_form(domain):
    text = f"结婚登记，我叫张伟 身份证{HUSBAND} 电话13812345678"
    matter = [{"entity": "matter", "value": "marriage_registration"}]
    d = CollectingDispatcher()
    events = await ActionFallback().run(d, tracker(text, intent="nlu_fallback", entities=matter), domain)
    assert events == [FollowupAction("application_form")] and not d.messages
    # A question about a matter is not an application.
    d = CollectingDispatcher()
    events = await ActionFallback().run(
        d, tracker("结婚登记要多少钱？", intent="nlu_fallback", entities=matter), domain
    )
    assert FollowupAction("application_form") not in events


async def test_a_lost_number_the_classifier_missed_gets_the_ways_to_find_it(backend_url, domain):
    d = CollectingDispatcher()
    await ActionFallback().run(d, tracker("申请了联办但是编号找不到了", intent="nlu_fallback"), domain)
    assert "12345" in texts(d) and "HY" in texts(d)
    d = CollectingDispatcher()
    await ActionAskCancel().run(d, tracker("我申请了联办但是编号找不到了", intent="cancel"), domain)
    assert "没有进行中的申请" not in texts(d) and "12345" in texts(d)


async def submitted(domain) -> tuple[str, str]:
    """A real application submitted in a conversation: (sender, application number)."""
    sender = f"t-{uuid.uuid4().hex[:8]}"
    slots = {**COMPLETE, "idempotency_key": uuid.uuid4().hex}
    events = await ActionSubmitApplication().run(
        CollectingDispatcher(), tracker("确认提交", slots, sender=sender), domain
    )
    return sender, slots_of(events)["application_no"]


ASKING = [{"event": "action", "name": "action_listen"}, {"event": "action", "name": "action_find_own_application"}]
IN_LOOK_UP = [{"event": "action", "name": "action_listen"}, {"event": "action", "name": "progress_form"}]


async def test_progress_takes_both_numbers_from_the_asking_message(backend_url, domain):
    """Activation reads the question itself: nothing is asked for, the answer follows at once."""
    _, number = await submitted(domain)
    text = f"{number} 办到哪了，身份证{WIFE}"
    ask = tracker(text, intent="ask_progress", events=ASKING)  # another conversation
    events = await ValidateProgressForm().run(CollectingDispatcher(), ask, domain)
    assert slots_of(events) == {
        "progress_application_no": number,
        "progress_id_number": WIFE,
        "failure_counts": {},
        "requested_slot": None,
    }
    d = CollectingDispatcher()
    after = slots_of(await ActionQueryProgress().run(d, tracker(text, slots_of(events), intent="ask_progress"), domain))
    assert f"申请{number}" in texts(d) and "待现场登记" in texts(d)
    assert after["application_no"] == number


async def test_a_number_in_the_question_beats_the_conversations_own(backend_url, domain):
    sender, own = await submitted(domain)
    _, other = await submitted(domain)
    slots = {"application_no": own, "owner_id_number": HUSBAND}
    d = CollectingDispatcher()
    ask = tracker(f"查一下{other}，身份证{HUSBAND}", slots, intent="ask_progress", sender=sender)
    events = await ActionQueryProgress().run(d, ask, domain)
    assert f"申请{other}" in texts(d) and own not in texts(d)
    assert "application_no" not in slots_of(events)  # the conversation's own stays its own


@pytest.mark.parametrize("text", ["编号找不到了", "忘了申请号", "没记下来"])
async def test_a_lost_number_is_found_by_this_conversation(backend_url, domain, text):
    sender, number = await submitted(domain)
    slots = {"requested_slot": "progress_application_no"}
    d = CollectingDispatcher()
    events = slots_of(
        await ValidateProgressForm().run(
            d, tracker(text, slots, loop="progress_form", events=IN_LOOK_UP, sender=sender), domain
        )
    )
    assert number in texts(d)
    # The form is done: the answer follows. The counts are set too: a form that sets only the
    # requested slot is rejected by Rasa, and what it said is lost.
    assert events == {"application_no": number, "failure_counts": {}, "requested_slot": None}


@pytest.mark.parametrize("text", ["编号找不到了", "忘了申请号", "没记下来"])
async def test_a_lost_number_elsewhere_says_where_it_was_sent_and_is_no_failure(backend_url, domain, text):
    slots = {"requested_slot": "progress_application_no", "failure_counts": {"progress_application_no": 1}}
    d = CollectingDispatcher()
    events = slots_of(
        await ValidateProgressForm().run(d, tracker(text, slots, loop="progress_form", events=IN_LOOK_UP), domain)
    )
    assert "申请已提交" in texts(d) and "12345" in texts(d) and "格式不对" not in texts(d)
    assert {"title": "转人工", "payload": "转人工"} in d.messages[-1]["buttons"]
    # Still asked, not counted as failed; the counts set so that Rasa keeps the reply.
    assert events == {
        "failure_counts": {"progress_application_no": 1, "lost_number": 1},
        "requested_slot": "progress_application_no",
    }


async def test_a_number_lost_twice_ends_the_look_up_with_the_ways_on_applying_among_them(backend_url, domain):
    """Not asked a third time: someone who came to apply, or never applied, is not asked for ever."""
    slots = {"requested_slot": "progress_application_no", "failure_counts": {"lost_number": 1}}
    d = CollectingDispatcher()
    raw = await ValidateProgressForm().run(d, tracker("不知道", slots, loop="progress_form", events=IN_LOOK_UP), domain)
    assert "这次先不查了" in texts(d) and "我要申请" in texts(d)
    assert {"title": "我要申请办理", "payload": "/apply"} in d.messages[-1]["buttons"]
    assert slots_of(raw) == {"failure_counts": {}, "requested_slot": None}
    assert {"event": "active_loop", "name": None} in [{k: e.get(k) for k in ("event", "name")} for e in raw]


def test_the_bot_masks_by_the_backends_rule():
    """bot/actions/masking.py is security/masking.py, the rule the backend masks by and serves."""
    from bot.actions import masking as bot_masking
    from bot.actions import summary as summary_module
    from security import masking

    assert bot_masking.mask_id is masking.mask_id_number
    assert bot_masking.mask_phone is masking.mask_phone and bot_masking.mask_name is masking.mask_name
    assert bot_masking.mask_certificate is masking.mask_certificate
    assert bot_masking.mask_address is masking.mask_address
    assert summary_module.mask_address is masking.mask_address  # the summary has no rule of its own
    assert (bot_masking.mask_id("1234567"), bot_masking.mask_phone("138"), bot_masking.mask_name("张")) == (
        "***",
        "***",
        "***",
    )


async def test_the_fallback_outside_a_form_waits_for_the_citizen(domain):
    # It is also Rasa's core fallback (config.yml), which no rule follows: without this Rasa
    # predicted it again and again in one turn.
    d = CollectingDispatcher()
    events = await ActionFallback().run(d, tracker("嗯嗯那个", intent="nlu_fallback", events=[]), domain)
    assert events[-1] == FollowupAction("action_listen")
