"""不要通知 / 恢复通知 with the real backend: the choice is stored, and the next submission in the
conversation says truthfully whether notices will come and by which channels."""

import uuid

import pytest
import pytest_asyncio
from rasa_sdk.executor import CollectingDispatcher

from bot.actions import backend
from bot.actions.application import ActionSubmitApplication
from bot.actions.notices import ActionNoticeConsent
from tests.bot.test_actions import COMPLETE, bookable_days, texts, tracker

__all__ = ["bookable_days"]  # the session fixture that puts a bookable day into COMPLETE

pytestmark = pytest.mark.asyncio


@pytest_asyncio.fixture(autouse=True)
async def close_session():
    yield
    if backend._session is not None:
        await backend._session.close()


async def submit(sender: str, domain) -> str:
    d = CollectingDispatcher()
    slots = {**COMPLETE, "idempotency_key": uuid.uuid4().hex}
    await ActionSubmitApplication().run(d, tracker("确认提交", slots, sender=sender), domain)
    return texts(d)


async def consent(sender: str, intent: str, domain) -> str:
    d = CollectingDispatcher()
    await ActionNoticeConsent().run(d, tracker("", intent=intent, sender=sender), domain)
    return texts(d)


async def test_submission_names_the_channels_then_opting_out_is_stored(backend_url, domain):
    sender = f"rest:t-{uuid.uuid4().hex[:8]}"
    done = await submit(sender, domain)
    assert "会通过本对话" in done and "短信（138****5678）通知您" in done and "不要通知" in done
    assert "已为您关闭" in await consent(sender, "notice_opt_out", domain)
    assert "您已关闭状态通知" in await submit(sender, domain)
    assert "已为您恢复" in await consent(sender, "notice_opt_in", domain)
    assert "会通过本对话（网页）和短信" in await submit(sender, domain)


async def test_backend_down_says_the_choice_was_not_saved(domain, monkeypatch):
    from bot.actions import config

    monkeypatch.setattr(config, "BACKEND_URL", "http://127.0.0.1:9")
    backend._session = None
    said = await consent(f"rest:t-{uuid.uuid4().hex[:8]}", "notice_opt_out", domain)
    assert "无法保存" in said and "12345" in said
