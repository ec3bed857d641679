"""Issue 20 in the conversation over the running stack (REST): the upload offered after the
submission, an upload recorded in the conversation once, then every matter final and the rating
asked with buttons, answered in words, with one comment, and honestly refused a second time."""

import httpx

from backend.simulator.client import DepartmentClient, register_marriage
from tests.e2e.test_application import submit_four_matters
from tests.e2e.test_notices import notices, wait_for
from tests.support import files

SERVICE = {"Authorization": "Bearer local-service-token"}


def keyed_bot_events(stack, conversation: str) -> list[dict]:
    events = stack.tracker(conversation)["events"]
    return [e for e in events if e["event"] == "bot" and (e.get("metadata") or {}).get("notice_key")]


def test_upload_step_upload_recorded_then_rating_and_comment(chat, stack):
    number, done = submit_four_matters(chat)
    assert "现在上传吗" in done and "《户主同意书》" in done
    yes = chat.text("好的")  # a yes in words answers the offer just made
    assert "还需要：《户口簿户主页和本人页》、《户主同意书》" in yes
    again = chat.text("好的")  # the offer was answered: a second yes is just a yes
    assert "还需要" not in again
    later = chat.text("/upload_later")
    assert "进度查询页" in later and "📎" not in later  # REST: only what this channel can do
    now = chat.text("现在上传")
    assert "还需要：《户口簿户主页和本人页》、《户主同意书》" in now and "进度查询页" in now

    chat_pass = httpx.post(
        f"{stack.backend_url}/api/v1/materials/passes", json={"conversation_id": chat.sender}, headers=SERVICE
    ).json()["pass_token"]
    r = httpx.post(
        f"{stack.backend_url}/api/v1/materials/files/household_register_pages",
        content=files.png(),
        headers={"X-Application-Pass": chat_pass},
        timeout=30,
    )
    assert r.status_code == 201, r.text
    wait_for(lambda: [n for n in notices(stack, number) if n["kind"] == "material_recorded" and n["status"] == "sent"])
    [recorded] = keyed_bot_events(stack, chat.sender)
    assert recorded["text"] == r.json()["message"]  # in the transcript once, as the citizen saw it

    early = chat.text("5分")
    assert "全部办结后才能评价" in early

    assert register_marriage(number, stack.backend_url).status_code == 200
    police = DepartmentClient("public_security", stack.backend_url)
    for matter in ("hukou_marital_status", "hukou_migration"):
        assert police.push(number, matter, "completed").status_code == 200
    assert (
        DepartmentClient("health", stack.backend_url).push(number, "birth_registration", "completed").status_code == 200
    )

    asked = wait_for(
        lambda: [e for e in keyed_bot_events(stack, chat.sender) if "请为本次办理打分" in (e["text"] or "")]
    )
    assert [b["title"] for b in asked[0]["data"]["buttons"]] == ["1分", "2分", "3分", "4分", "5分"]

    rated = chat.text("挺好的 给四颗星")  # in words, whatever the classifier makes of it: the request was just made
    assert "已记下您的评价：4分" in rated and "还有什么建议吗" in rated
    thanked = chat.text("材料清单写得很清楚，不用跑腿")
    assert "您的意见已记下" in thanked
    again = chat.text('/rate{"rating":"2"}')
    assert "已经评价过了" in again

    page_pass = httpx.post(
        f"{stack.backend_url}/api/v1/materials/passes", json={"conversation_id": chat.sender}, headers=SERVICE
    ).json()["pass_token"]
    state = httpx.get(f"{stack.backend_url}/api/v1/ratings/mine", headers={"X-Application-Pass": page_pass}).json()
    assert state["rated"] is True and state["score"] == 4
