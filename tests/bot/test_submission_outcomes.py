"""One confirmation, one application: the key drawn with the summary, retries after a lost reply,
corrections after a lost reply, and what the citizen is told each time (real backend)."""

import re
import uuid

import aiohttp
import pytest
import pytest_asyncio
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import backend
from bot.actions.application import ActionSubmitApplication
from bot.actions.application_form import ValidateApplicationForm
from bot.actions.cancel import ActionConfirmCancel
from bot.actions.progress import ActionQueryProgress
from bot.actions.slots import build_draft, relevant
from tests.bot.test_actions import COMPLETE, slots_after, slots_of, texts, tracker

pytestmark = pytest.mark.asyncio
SERVICE = {"Authorization": "Bearer local-service-token"}


@pytest_asyncio.fixture(autouse=True)
async def close_session():
    yield
    if backend._session is not None:
        await backend._session.close()


def at_summary(sender: str, **changes) -> dict:
    """The slots once the summary has been shown: every answer and the key drawn with it."""
    answered = {k: v for k, v in COMPLETE.items() if k != "application_confirmed"}
    return {**answered, **changes, "idempotency_key": uuid.uuid4().hex, "requested_slot": "application_confirmed"}


def confirm(slots: dict, sender: str, text: str = "确认提交", intent: str = "affirm"):
    return tracker(text, slots, intent=intent, sender=sender)


def numbers_told(dispatcher) -> set[str]:
    return set(re.findall(r"HY\d{6}[0-9A-Z]{8}", texts(dispatcher)))


async def post(url: str, body: dict, headers: dict) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session, session.post(url, json=body, headers=headers) as r:
        return r.status, await r.json()


async def submit_directly(backend_url: str, slots: dict, sender: str) -> str:
    """What an earlier confirmation made while its reply was lost (Rasa never saved its events)."""
    body = build_draft(relevant(slots)) | {"channel": "rest", "conversation_id": sender}
    headers = {**SERVICE, "Idempotency-Key": slots["idempotency_key"]}
    status, created = await post(f"{backend_url}/api/v1/applications", body, headers)
    assert status == 201, created
    return created["application_no"]


async def latest_of(backend_url: str, sender: str) -> dict:
    url = f"{backend_url}/api/v1/applications/by-conversation"
    status, found = await post(url, {"conversation_id": sender}, SERVICE)
    return found if status == 200 else {}


async def test_repeating_the_confirmation_after_a_lost_reply_gives_the_same_application(backend_url, domain):
    sender = f"t-{uuid.uuid4().hex[:8]}"
    slots = at_summary(sender)
    lost, again = CollectingDispatcher(), CollectingDispatcher()
    await ValidateApplicationForm().run(lost, confirm(slots, sender), domain)  # its events are never saved
    events = await ValidateApplicationForm().run(again, confirm(slots, sender), domain)
    assert numbers_told(lost) == numbers_told(again) == {(await latest_of(backend_url, sender))["application_no"]}
    assert "申请已提交" in texts(again)
    assert slots_after(slots, events)["application_no"] in numbers_told(again)


async def test_a_correction_after_a_lost_reply_is_told_the_application_made(backend_url, domain):
    sender = f"t-{uuid.uuid4().hex[:8]}"
    slots = at_summary(sender)
    number = await submit_directly(backend_url, slots, sender)
    d = CollectingDispatcher()
    events = await ValidateApplicationForm().run(d, tracker("手机号改成13611112222", slots, sender=sender), domain)
    assert numbers_told(d) == {number}
    assert "已经提交成功" in texts(d) and "没有包含在这份申请里" in texts(d)
    after = slots_after(slots, events)
    assert after == {"application_no": number, "owner_id_number": COMPLETE["applicant_id"]}
    assert events[-2:] == [SlotSet("requested_slot", None), FollowupAction("action_listen")]
    assert (await latest_of(backend_url, sender))["application_no"] == number  # nothing new


async def test_a_correction_after_a_failed_attempt_is_submitted_with_the_same_key(backend_url, domain):
    sender = f"t-{uuid.uuid4().hex[:8]}"
    slots = at_summary(sender)
    d = CollectingDispatcher()
    events = await ValidateApplicationForm().run(d, tracker("手机号改成13611112222", slots, sender=sender), domain)
    corrected = slots_after(slots, events)
    assert corrected["applicant_phone"] == "13611112222" and corrected["idempotency_key"] == slots["idempotency_key"]
    assert corrected["requested_slot"] == "application_confirmed"
    done = CollectingDispatcher()
    await ValidateApplicationForm().run(done, confirm(corrected, sender, "重新提交", "retry_submit"), domain)
    found = await latest_of(backend_url, sender)
    assert numbers_told(done) == {found["application_no"]}
    assert found["parties"][0]["phone"] == "136****2222"


async def test_other_answers_under_a_used_key_are_never_submitted_anew(backend_url, domain):
    """409: the key made an application from earlier answers. The citizen hears its number."""
    sender = f"t-{uuid.uuid4().hex[:8]}"
    slots = at_summary(sender)
    number = await submit_directly(backend_url, slots, sender)
    d = CollectingDispatcher()
    changed = {**slots, "applicant_phone": "13611112222"}
    events = await ActionSubmitApplication().run(d, confirm({**changed, "application_confirmed": True}, sender), domain)
    assert numbers_told(d) == {number} and "没有包含在这份申请里" in texts(d)
    assert slots_after(changed, events)["application_no"] == number
    assert (await latest_of(backend_url, sender))["application_no"] == number


async def test_stopping_after_a_lost_reply_says_the_application_exists(backend_url, domain):
    sender = f"t-{uuid.uuid4().hex[:8]}"
    slots = at_summary(sender)
    number = await submit_directly(backend_url, slots, sender)
    d = CollectingDispatcher()
    stop = {**slots, "confirming": "stop_form", "requested_slot": None}
    events = await ActionConfirmCancel().run(d, tracker("/affirm", stop, intent="affirm", sender=sender), domain)
    assert numbers_told(d) == {number} and "撤回申请" in texts(d) and "已清除" not in texts(d)
    assert slots_after(stop, events)["application_no"] == number


async def test_a_retry_without_a_key_draws_one_and_keeps_it(domain, monkeypatch):
    """A conversation that reached its summary before keys were drawn there."""
    from bot.actions import config

    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")
    backend._session = None
    d = CollectingDispatcher()
    events = await ActionSubmitApplication().run(d, tracker("重新提交", COMPLETE, intent="retry_submit"), domain)
    assert len(slots_of(events)["idempotency_key"]) == 32 and "重新提交" in texts(d)


async def test_a_question_on_the_summary_goes_to_the_rules(backend_url, domain):
    """Only the requested slot comes back, so Rasa rejects the form and a rule answers."""
    sender = f"t-{uuid.uuid4().hex[:8]}"
    shown = at_summary(sender)
    first = slots_of(
        await ValidateApplicationForm().run(CollectingDispatcher(), tracker("住浦东新区", shown, sender=sender), domain)
    )
    slots = {**shown, "application_summary": first["application_summary"]}
    for text, intent in (("办到哪了", "ask_progress"), ("不办了", "cancel"), ("转人工", "request_human")):
        events = await ValidateApplicationForm().run(
            CollectingDispatcher(), tracker(text, slots, intent=intent, sender=sender), domain
        )
        assert slots_of(events) == {"requested_slot": "application_confirmed"}, text


async def test_progress_on_the_summary_after_a_lost_reply_tells_the_number(backend_url, domain):
    sender = f"t-{uuid.uuid4().hex[:8]}"
    slots = at_summary(sender)
    number = await submit_directly(backend_url, slots, sender)
    d = CollectingDispatcher()
    t = tracker("办到哪了", slots, intent="ask_progress", loop="application_form", sender=sender)
    events = await ActionQueryProgress().run(d, t, domain)
    assert numbers_told(d) == {number} and "已经提交成功" in texts(d) and "待现场登记" in texts(d)
    assert slots_after(slots, events)["application_no"] == number
    assert ActiveLoop(None) in events and events[-1] == FollowupAction("action_listen")


async def test_progress_on_the_summary_before_any_application_lets_the_form_go_on(backend_url, domain):
    sender = f"t-{uuid.uuid4().hex[:8]}"
    d = CollectingDispatcher()
    t = tracker("办到哪了", at_summary(sender), intent="ask_progress", loop="application_form", sender=sender)
    events = await ActionQueryProgress().run(d, t, domain)
    assert "还没有提交过申请" in texts(d)
    assert events == []  # no turn-ending follow-up: the form asks for the confirmation again


async def test_a_retry_after_leaving_the_summary_shows_it_again(domain):
    sender = f"t-{uuid.uuid4().hex[:8]}"
    left = {**at_summary(sender), "application_summary": "请核对申请信息：…", "requested_slot": None}
    d = CollectingDispatcher()
    events = await ActionSubmitApplication().run(d, tracker("重新提交", left, intent="retry_submit"), domain)
    assert events == [FollowupAction("application_form")] and "信息都还在" in texts(d)
