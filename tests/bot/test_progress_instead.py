"""A progress question that names a matter ("我上周申请的结婚登记办到哪一步了") may be classified as a
request to apply: the application form that starts hands over to the progress look-up at once."""

import pytest
import pytest_asyncio
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT

from bot.actions import backend
from bot.actions.application_form import ValidateApplicationForm
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
