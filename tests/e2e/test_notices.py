"""Status notices on the running stack: civil affairs registers the marriage and the citizen's open
web widget hears it without typing; the text message reaches the SMS provider's log; the
citizen can turn notices off and on in the dialogue; the progress page's stream follows the change."""

import json
import queue
import re
import threading
import time
import uuid

import httpx

from backend.simulator.client import DepartmentClient, register_marriage
from tests.backend.helpers import SERVICE, application_body
from tests.e2e.test_application import submit_four_matters
from tests.security.web_citizen import WebCitizen, new_session

STARTED = ("户口婚姻状况变更", "因婚姻市内户口迁移", "生育登记")


def submit_for(stack, conversation_id: str, channel: str) -> dict:
    body = application_body(channel=channel, conversation_id=conversation_id)
    r = httpx.post(
        f"{stack.backend_url}/api/v1/applications",
        json=body,
        headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex},
        timeout=30,
    )
    assert r.status_code == 201, r.text
    return r.json() | {"body": body}


def notices(stack, number: str) -> list[dict]:
    r = httpx.get(f"{stack.backend_url}/api/v1/notices", params={"application_no": number}, headers=SERVICE)
    assert r.status_code == 200, r.text
    return r.json()


def wait_for(check, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError("not seen in time")


def sms_lines(stack) -> list[dict]:
    return [json.loads(line) for line in stack.sms_log.read_text().splitlines()] if stack.sms_log.exists() else []


def test_open_web_widget_hears_the_marriage_registration_without_typing(stack):
    session = new_session(stack)
    citizen = WebCitizen(stack, session["session_token"])
    try:
        conversation = session["sender_id"]
        citizen.confirm()
        assert citizen.say("你好")  # the conversation's latest channel is now socket.io
        created = submit_for(stack, conversation, "web")
        number = created["application_no"]
        assert created["notices"]["channels"][0] == "本对话（网页）"
        assert citizen.silent_for(0.5)
        pushed = time.monotonic()
        r = register_marriage(number, stack.backend_url)
        assert r.status_code == 200, r.text
        # Without typing anything: the notice arrives on its own. Its delay is printed, not asserted
        # (shared, noisy machines); bench/notices.py measures it against the 1 s goal.
        notice = citizen.replies.get(timeout=30)
        waited = time.monotonic() - pushed
    finally:
        citizen.close()
    print(f"\n[notices] web widget: push to notice on screen {waited * 1000:.0f} ms")
    text = notice["text"]
    assert number in text and "结婚登记已办结" in text
    assert all(matter in text for matter in STARTED)
    assert "张" not in text and created["body"]["applicant"]["id_number"] not in text
    [chat_notice] = [n for n in notices(stack, number) if n["channel"] == "chat"]
    tracker = stack.tracker(conversation)
    keyed = [e for e in tracker["events"] if e["event"] == "bot" and (e.get("metadata") or {}).get("notice_key")]
    assert [e["text"] for e in keyed] == [chat_notice["text"]]  # recorded in the transcript, once
    texts = wait_for(lambda: [t for t in sms_lines(stack) if t["reference"].startswith(number)])
    assert texts[0]["to"] == "138****5678" and texts[0]["text"] == f"【婚育一件事】{text}"


def test_needs_supplement_over_rest_is_recorded_in_the_conversation(stack):
    conversation = f"rest:notice-{uuid.uuid4().hex[:8]}"
    number = submit_for(stack, conversation, "rest")["application_no"]
    register_marriage(number, stack.backend_url)
    police = DepartmentClient("public_security", stack.backend_url)
    r = police.push(number, "hukou_migration", "needs_supplement", note="请补交户主同意迁入的书面声明")
    assert r.status_code == 200, r.text
    wait_for(lambda: all(n["status"] == "sent" for n in notices(stack, number)) and len(notices(stack, number)) == 4)
    said = [e["text"] for e in stack.tracker(conversation)["events"] if e["event"] == "bot"]
    assert len(said) == 2 and "结婚登记已办结" in said[0]
    assert "户主同意迁入的书面声明" in said[1] and "公安" in said[1] and number in said[1]


def test_citizen_turns_notices_off_and_on_in_the_dialogue(chat, stack):
    number, done = submit_four_matters(chat)
    assert "短信（138****5678）" in done and "不要通知" in done
    off = chat.text("不要通知")
    assert "已为您关闭" in off
    register_marriage(number, stack.backend_url)
    wait_for(lambda: {n["status"] for n in notices(stack, number)} == {"skipped"})
    assert not [e for e in stack.tracker(chat.sender)["events"] if (e.get("metadata") or {}).get("notice_key")]
    on = chat.text("恢复通知")
    assert "已为您恢复" in on
    DepartmentClient("health", stack.backend_url).push(number, "birth_registration", "completed")
    wait_for(lambda: [n["status"] for n in notices(stack, number)] == ["skipped", "skipped", "sent", "sent"])
    said = [e["text"] for e in stack.tracker(chat.sender)["events"] if (e.get("metadata") or {}).get("notice_key")]
    assert len(said) == 1 and "生育登记已办结" in said[0]


def test_progress_stream_follows_a_change(stack):
    created = submit_for(stack, f"rest:stream-{uuid.uuid4().hex[:8]}", "rest")
    number, id_number = created["application_no"], created["body"]["spouse"]["id_number"]
    found = httpx.post(
        f"{stack.backend_url}/api/v1/progress/query", json={"application_no": number, "id_number": id_number}
    ).json()
    events: queue.Queue = queue.Queue()

    def listen():
        url = f"{stack.backend_url}/api/v1/progress/stream"
        with httpx.stream("GET", url, params={"token": found["stream_token"]}, timeout=30) as r:
            for line in r.iter_lines():
                if line.startswith("data: "):
                    events.put(json.loads(line[6:]))
                    if events.qsize() == 2:
                        return

    threading.Thread(target=listen, daemon=True).start()
    assert events.get(timeout=10)["overall_status"] == "awaiting_visit"
    register_marriage(number, stack.backend_url)
    after = events.get(timeout=10)
    assert [m["status"] for m in after["matters"]] == ["completed", "in_review", "in_review", "in_review"]
    assert id_number not in json.dumps(after) and not re.search(r"\d{17}[\dX]", json.dumps(after))
