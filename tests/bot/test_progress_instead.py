"""Progress openings as Rasa runs them: a progress question that names a matter ("我上周申请的结婚登记
办到哪一步了") may be classified as a request to apply, and the application form that starts hands over
to the progress look-up at once; the look-up reads the message that asked for it (a lost number, the
numbers); a lost number later on is no rejected message; and a message no rule takes inside a form
hands back to it once instead of looping in the fallback."""

import pytest
import pytest_asyncio
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT

from bot.actions import backend
from bot.actions.application_form import ValidateApplicationForm
from bot.actions.handoff import ActionFallback
from bot.actions.progress import ActionQueryProgress, ValidateProgressForm
from bot.actions.progress_instead import asks_progress
from tests.bot.conftest import get_json
from tests.bot.test_actions import COMPLETE, WIFE, WINDOW, next_workday, submitted, texts, tracker

MARRIAGE = [{"entity": "matter", "value": "marriage_registration"}]


@pytest_asyncio.fixture(autouse=True)
async def close_session():
    yield
    if backend._session is not None:
        await backend._session.close()


@pytest.fixture(autouse=True)
def bookable(backend_url):
    if not WINDOW:
        WINDOW.update(get_json(f"{backend_url}/api/v1/applications/booking-window")[1])
        COMPLETE["appointment_date"] = next_workday()


def starting(text: str, sender: str | None = None):
    """The application form activated this turn by a message classified as apply."""
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text},
        {"event": "active_loop", "name": "application_form"},
        {"event": "action", "name": "application_form"},
    ]
    return tracker(text, intent="apply", entities=MARRIAGE, loop="application_form", events=events, sender=sender)


@pytest.mark.parametrize(
    "text",
    [
        "我上周申请的结婚登记办到哪一步了",
        "结婚登记的申请进度查一下",
        "上个月办的生育登记审核得怎么样了",
        "我们的结婚登记申请批下来了吗",
        "阿拉的结婚登记申请办得哪能了",
        "结婚登记申请编号忘记了",
        "我提交的生育登记申请通过了没",
        "想知道我的结婚登记申请处理得怎么样",
        "结婚登记申请现在走到哪个环节",
        "帮我查查结婚登记的申请",
        "之前申请的户口迁移有没有消息",
        "前几天提交的结婚登记申请，现在呢？",
        "我上周申请了结婚登记",
        "我前几天提交了结婚登记和生育登记的申请",
    ],
)
def test_progress_questions_that_name_a_matter(text):
    assert asks_progress(text)


@pytest.mark.parametrize(
    "text",
    [
        "我要申请结婚登记",
        "想办结婚登记和生育登记",
        "结婚登记，我叫张伟",
        "办好结婚登记要多久",
        "四项一起办",
        "我要扯证",
        "结婚登记什么情况下可以办",
        "我们已经领证了，办生育登记",
        "申请户口迁移和生育登记",
    ],
)
def test_applying_is_not_a_progress_question(text):
    assert not asks_progress(text)


@pytest.mark.asyncio
async def test_a_progress_question_read_as_applying_asks_for_the_number(backend_url, domain):
    d = CollectingDispatcher()
    events = await ValidateApplicationForm().run(d, starting("我上周申请的结婚登记办到哪一步了"), domain)
    # The progress form takes over; the application form asks the progress form's question.
    assert ActiveLoop("progress_form") in events
    assert SlotSet(REQUESTED_SLOT, "progress_application_no") in events
    assert "开始填写" not in texts(d) and not any(e.get("name") == "matters" for e in events)


@pytest.mark.asyncio
async def test_a_progress_question_read_as_applying_shows_this_conversations_application(backend_url, domain):
    sender, number = await submitted(domain)
    d = CollectingDispatcher()
    events = await ValidateApplicationForm().run(d, starting("我的结婚登记申请办得怎么样了", sender), domain)
    assert f"申请{number}" in texts(d)
    assert ActiveLoop(None) in events and "开始填写" not in texts(d)


@pytest.mark.asyncio
async def test_the_number_and_id_in_the_question_are_looked_up(backend_url, domain):
    _, number = await submitted(domain)
    d = CollectingDispatcher()
    events = await ValidateApplicationForm().run(d, starting(f"结婚登记申请{number}进度，身份证{WIFE}"), domain)
    assert f"申请{number}" in texts(d) and ActiveLoop(None) in events


@pytest.mark.asyncio
async def test_a_lost_number_read_as_applying_gets_the_ways_on(backend_url, domain):
    d = CollectingDispatcher()
    events = await ValidateApplicationForm().run(d, starting("上个月申请了结婚登记，编号找不到了"), domain)
    assert "12345" in texts(d) and "申请已提交" in texts(d)
    assert ActiveLoop("progress_form") in events and "开始填写" not in texts(d)


# As Rasa calls the look-up's validation on the asking message: after action_find_own_application
# (the rule's first step), with the form's own action added (FormAction._temporary_tracker).
ACTIVATING = [
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "…"},
    {"event": "action", "name": "action_find_own_application"},
    {"event": "active_loop", "name": "progress_form"},
    {"event": "action", "name": "progress_form"},
]


@pytest.mark.asyncio
async def test_the_asking_message_is_read_when_the_look_up_starts(backend_url, domain):
    d = CollectingDispatcher()
    ask = tracker("我申请了联办但是编号找不到了", intent="ask_progress", loop="progress_form", events=ACTIVATING)
    events = await ValidateProgressForm().run(d, ask, domain)
    assert "12345" in texts(d) and "申请已提交" in texts(d)
    assert SlotSet(REQUESTED_SLOT, "progress_application_no") in events
    _, number = await submitted(domain)
    text = f"{number}办到哪了，身份证{WIFE}"
    ask = tracker(text, intent="ask_progress", loop="progress_form", events=ACTIVATING)
    events = await ValidateProgressForm().run(CollectingDispatcher(), ask, domain)
    assert SlotSet("progress_application_no", number) in events and SlotSet(REQUESTED_SLOT, None) in events


@pytest.mark.asyncio
async def test_a_guide_answer_during_the_look_up_is_still_an_interruption(backend_url, domain):
    events = [*ACTIVATING[:1], {"event": "user", "text": "…"}, {"event": "action", "name": "action_answer_guide"}]
    events.append({"event": "action", "name": "progress_form"})
    slots = {"requested_slot": "progress_application_no"}
    ask = tracker("编号找不到了要多久能补", slots, intent="ask_guide", loop="progress_form", events=events)
    d = CollectingDispatcher()
    assert await ValidateProgressForm().run(d, ask, domain) == [SlotSet(REQUESTED_SLOT, "progress_application_no")]
    assert not d.messages


@pytest.mark.asyncio
async def test_the_core_fallback_inside_a_form_hands_back_to_it(domain):
    """A message the look-up rejects and no rule takes (ask_progress while it waits for a number):
    said not understood once, and the form asks again, instead of the fallback again and again."""
    waiting = [{"event": "action", "name": "progress_form"}, {"event": "action", "name": "action_listen"}]
    slots = {"requested_slot": "progress_application_no"}
    t = tracker("我要查进度", slots, intent="ask_progress", loop="progress_form", events=waiting)
    events = await ActionFallback().run(CollectingDispatcher(), t, domain)
    assert events[-1] == FollowupAction("progress_form")
    t = tracker("阿巴阿巴", slots, intent="nlu_fallback", loop="progress_form", events=waiting)
    assert FollowupAction("progress_form") not in await ActionFallback().run(CollectingDispatcher(), t, domain)


@pytest.mark.asyncio
async def test_asking_again_while_the_look_up_waits_says_what_is_missing(domain):
    waiting = [
        {"event": "action", "name": "progress_form"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "我要查进度"},
        {"event": "action", "name": "progress_form"},
    ]
    slots = {"requested_slot": "progress_application_no"}
    t = tracker("我要查进度", slots, intent="ask_progress", loop="progress_form", events=waiting)
    d = CollectingDispatcher()
    events = await ValidateProgressForm().run(d, t, domain)
    assert "没有从您的回复里找到申请编号" in texts(d)
    assert SlotSet("failure_counts", {"progress_application_no": 1}) in events  # taken: not rejected


@pytest.mark.asyncio
async def test_progress_asked_right_after_an_opening_that_started_the_form(backend_url, domain):
    """Only the matters chosen, no application in this conversation: the form stops and the look-up
    asks for the number (the rule "progress question inside the form" ran action_query_progress)."""
    slots = {"matters": ["marriage_registration"], "requested_slot": "applicant_name"}
    t = tracker("查询进度", slots, intent="ask_progress", loop="application_form")
    d = CollectingDispatcher()
    events = await ActionQueryProgress().run(d, t, domain)
    assert ActiveLoop("progress_form") in events and SlotSet(REQUESTED_SLOT, "progress_application_no") in events
    assert SlotSet("matters", None) in events and events[-1] == FollowupAction("action_listen")
    assert "还没有提交过申请" not in texts(d)
    # Once the citizen has filled something in, the form goes on after the answer.
    t = tracker("查询进度", {**slots, "applicant_name": "张伟"}, intent="ask_progress", loop="application_form")
    d = CollectingDispatcher()
    events = await ActionQueryProgress().run(d, t, domain)
    assert "还没有提交过申请" in texts(d) and ActiveLoop("progress_form") not in events
