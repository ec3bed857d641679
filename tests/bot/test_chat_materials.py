"""Issue 20 in the conversation, with the real backend: the offer to upload after a submission,
"上传"/"以后再说" said for the citizen's own channel, and the rating with its one comment."""

import subprocess
import uuid

import pytest
import pytest_asyncio
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import backend
from bot.actions.materials import ActionUploadMaterials
from bot.actions.rating import (
    NO_COMMENT,
    ActionTakeRating,
    ActionTakeRatingComment,
    ValidateRatingCommentForm,
    score_of,
)
from tests.bot.conftest import ROOT
from tests.bot.test_actions import bookable_days, texts, tracker
from tests.bot.test_notice_consent import submit

__all__ = ["bookable_days"]  # the session fixture that puts a bookable day into COMPLETE

pytestmark = pytest.mark.asyncio
INPUT = {"web": "socketio", "wechat": "wechat", "rest": "rest"}


@pytest_asyncio.fixture(autouse=True)
async def close_session():
    yield
    if backend._session is not None:
        await backend._session.close()


def said_on(channel: str, text: str, intent: str, sender: str, **kwargs):
    """A tracker whose latest message came in on `channel`."""
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "input_channel": INPUT[channel], "parse_data": {"intent": {"name": intent}}},
    ]
    return tracker(text, intent=intent, sender=sender, events=events, **kwargs)


async def run(action, t, domain) -> tuple[CollectingDispatcher, list]:
    d = CollectingDispatcher()
    return d, await action.run(d, t, domain)


def department(backend_url: str, *args: str) -> None:
    """The department simulator (backend venv), signing as a real department system does."""
    command = [str(ROOT / ".venv/backend/bin/python"), "-m", "backend.simulator", "--backend", backend_url, *args]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=60)


@pytest.mark.parametrize(
    "text, score",
    [
        *[("5分", 5), ("五星", 5), ("很满意", 5), ("满意", 4), ("一般", 3), ("还行吧", 3), ("不满意", 2)],
        *[("很不满意", 1), ("打4分吧", 4), ("给三星", 3), ("2", 2), ("我觉得", None), ("6分", None)],
        # As strangers wrote them (bench/strangers/stranger8.yml, bench/dev_small_intents.yml)
        *[("⭐⭐⭐", 3), ("3/5", 3), ("5 stars", 5), ("good, 5", 5), ("给100分", 5), ("伍星", 5)],
        *[("不咋地", 2), ("不咋满意", 2), ("差强人意", 3), ("十分满意", 5), ("👎 差", 1), ("非常好", 5)],
        *[("等了2周，还行", 3), ("10分", None), ("2.5分", None), ("给个3吧", 3)],
        *[("looks great", 5), ("不是很好", 2), ("差不多吧", None), ("太差劲了", 1), ("给个最高分", 5)],
    ],
)
async def test_the_score_in_an_answer(text, score):
    assert score_of(text) == score


async def test_a_button_s_score_is_its_entity():
    assert score_of('/rate{"rating":"4"}', "4") == 4


async def test_after_submission_the_upload_is_offered_with_two_buttons(backend_url, domain):
    sender = f"rest:t-{uuid.uuid4().hex[:8]}"
    done = await submit(sender, domain)  # four matters: the migration takes two materials in advance
    assert "《户口簿户主页和本人页》、《户主同意书》可以现在上传" in done and "现在上传吗" in done


async def test_upload_now_says_what_this_channel_can_do(backend_url, domain):
    web, wechat = f"web:{uuid.uuid4().hex}", f"wechat:o{uuid.uuid4().hex[:20]}"
    d, _ = await run(ActionUploadMaterials(), said_on("web", "上传", "upload_now", web), domain)
    assert "还没有提交过联办申请" in texts(d)

    await submit(web, domain)
    d, _ = await run(ActionUploadMaterials(), said_on("web", "上传", "upload_now", web), domain)
    assert "《户口簿户主页和本人页》、《户主同意书》" in texts(d) and "📎 上传材料" in texts(d)
    assert "发送照片" not in texts(d)
    assert d.messages[-1]["custom"] == {"data": {"open_materials": True}}  # the widget opens its panel

    await submit(wechat, domain)
    d, _ = await run(ActionUploadMaterials(), said_on("wechat", "现在上传", "upload_now", wechat), domain)
    assert "直接在这里发送照片" in texts(d) and "📎" not in texts(d)
    assert all("custom" not in m or not m["custom"] for m in d.messages)

    d, _ = await run(ActionUploadMaterials(), said_on("wechat", "先不传", "upload_later", wechat), domain)
    assert texts(d).startswith("好的。之后随时可以在这里发送照片") and "进度查询页" in texts(d)


async def test_rating_only_when_final_once_then_one_comment(backend_url, domain):
    sender = f"wechat:o{uuid.uuid4().hex[:20]}"
    done = await submit(sender, domain)
    number = done.split("申请编号：")[1][:16]

    d, events = await run(ActionTakeRating(), said_on("wechat", "5分", "rate", sender), domain)
    assert "全部办结后才能评价" in texts(d) and events == [FollowupAction("action_listen")]

    department(backend_url, "register", number)
    for matter in ("hukou_marital_status", "hukou_migration", "birth_registration"):
        department(backend_url, "complete", number, matter)

    d, events = await run(ActionTakeRating(), said_on("wechat", "我觉得", "rate", sender), domain)
    assert "请打1到5分" in texts(d) and len(d.messages[0]["buttons"]) == 5  # asked again, nothing stored

    button = said_on("wechat", '/rate{"rating":"4"}', "rate", sender, entities=[{"entity": "rating", "value": "4"}])
    d, events = await run(ActionTakeRating(), button, domain)
    assert texts(d) == "已记下您的评价：4分，谢谢！"
    assert events == [SlotSet("rating_comment", None), FollowupAction("rating_comment_form")]

    d, events = await run(ActionTakeRating(), said_on("wechat", "很满意", "rate", sender), domain)
    assert "已经评价过了" in texts(d)  # honest: once per application

    slots = {"requested_slot": "rating_comment"}
    comment = said_on("wechat", "材料清单很清楚，省了跑腿", "out_of_scope", sender, slots=slots)
    _, events = await run(ValidateRatingCommentForm(), comment, domain)
    assert SlotSet("rating_comment", "材料清单很清楚，省了跑腿") in events
    taken = said_on("wechat", "材料清单很清楚，省了跑腿", "out_of_scope", sender, slots={"rating_comment": "很好"})
    d, _ = await run(ActionTakeRatingComment(), taken, domain)
    assert "您的意见已记下" in texts(d)
    d, _ = await run(ActionTakeRatingComment(), taken, domain)
    assert "只能留一次意见" in texts(d)


async def test_no_comment_and_questions_are_not_comments(domain):
    slots = {"requested_slot": "rating_comment"}
    for text, intent in (("没有", "deny"), ("没有了。", "deny"), ("算了", "cancel")):
        _, events = await run(ValidateRatingCommentForm(), said_on("web", text, intent, "web:x", slots=slots), domain)
        assert SlotSet("rating_comment", NO_COMMENT) in events
    _, events = await run(
        ValidateRatingCommentForm(), said_on("web", "转人工", "request_human", "web:x", slots=slots), domain
    )
    assert events == []  # the form steps aside; the rule hands over
    d, _ = await run(
        ActionTakeRatingComment(), said_on("web", "没有", "deny", "web:x", slots={"rating_comment": NO_COMMENT}), domain
    )
    assert texts(d).startswith("好的，感谢您的评价")
