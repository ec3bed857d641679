"""Issue 20 in the conversation: an upload is recorded in the application's own conversation
(said there only when it came from elsewhere), and when the last matter is final the conversation
is asked for a rating, with score buttons; a comment may follow the rating once."""

import uuid

from tests.backend.helpers import SERVICE, application_body
from tests.backend.test_materials import CERTIFICATE, CONSENT, MIGRATION, PAGES
from tests.backend.test_notices import notices_of, outbox
from tests.support import files

__all__ = ["outbox"]  # the notices test's fixture: the dispatcher with a fake chat
MATTERS = ["hukou_marital_status", "hukou_migration"]


def _apply(submit, conversation: str | None, matters=(MIGRATION,)) -> tuple[str, dict]:
    body = application_body(list(matters), marriage=CERTIFICATE)
    if conversation:
        body |= {"channel": conversation.split(":")[0], "conversation_id": conversation}
    else:  # as the hotline's console submits: no conversation
        body |= {"channel": "hotline", "conversation_id": None}
    r = submit(body)
    assert r.status_code == 201, r.text
    return r.json()["application_no"], body


def _chat_pass(client, conversation: str) -> dict:
    r = client.post("/api/v1/materials/passes", json={"conversation_id": conversation}, headers=SERVICE)
    assert r.status_code == 200, r.text
    return {"X-Application-Pass": r.json()["pass_token"]}


def _page_pass(client, app_no: str, body: dict) -> dict:
    proof = {"application_no": app_no, "id_number": body["applicant"]["id_number"]}
    return {"X-Application-Pass": client.post("/api/v1/materials/passes", json=proof).json()["pass_token"]}


def test_a_chat_upload_is_recorded_in_its_conversation_not_said_twice(client, submit, outbox):
    conversation = f"wechat:o{uuid.uuid4().hex[:20]}"
    app_no, _ = _apply(submit, conversation)
    r = client.post(f"/api/v1/materials/files/{PAGES}", content=files.png(), headers=_chat_pass(client, conversation))
    assert r.status_code == 201, r.text
    message = r.json()["message"]
    assert (
        message.startswith("已收到您上传的《户口簿户主页和本人页》（图片）") and "还可以上传：《户主同意书》" in message
    )
    [notice] = notices_of(app_no)
    assert (notice.channel, notice.kind, notice.text) == ("chat", "material_recorded", message)
    outbox.drain(outbox.make())
    [(key, text)] = outbox.chat.transcripts[conversation]
    assert text == message and outbox.chat.how[key] == {
        "live": False,
        "buttons": None,
        "slots": None,
    }  # the channel showed it


def test_a_progress_page_upload_is_said_in_the_conversation(client, submit, outbox):
    conversation = f"web:{uuid.uuid4().hex}"
    app_no, body = _apply(submit, conversation)
    headers = _page_pass(client, app_no, body)
    client.post(f"/api/v1/materials/files/{PAGES}", content=files.png(), headers=headers)
    r = client.post(f"/api/v1/materials/files/{CONSENT}", content=files.clean_pdf(2), headers=headers)
    assert "PDF，2页" in r.json()["message"] and "还可以上传" not in r.json()["message"]
    again = client.post(f"/api/v1/materials/files/{CONSENT}", content=files.png(), headers=headers)
    assert again.json()["message"].startswith("已替换您上传的《户主同意书》")
    assert [n.kind for n in notices_of(app_no)] == ["material_received"] * 3
    outbox.drain(outbox.make())
    said = outbox.chat.transcripts[conversation]
    assert [t for _, t in said] == [n.text for n in notices_of(app_no)]
    assert all(outbox.chat.how[key]["live"] for key, _ in said)


def test_an_opted_out_conversation_still_keeps_the_record(client, submit, outbox):
    conversation = f"web:{uuid.uuid4().hex}"
    app_no, body = _apply(submit, conversation)
    client.post("/api/v1/notices/consent", json={"conversation_id": conversation, "enabled": False}, headers=SERVICE)
    client.post(f"/api/v1/materials/files/{PAGES}", content=files.png(), headers=_chat_pass(client, conversation))
    client.post(f"/api/v1/materials/files/{CONSENT}", content=files.png(), headers=_page_pass(client, app_no, body))
    outbox.drain(outbox.make())
    assert [(n.kind, n.status) for n in notices_of(app_no)] == [
        ("material_recorded", "sent"),
        ("material_received", "skipped"),
    ]


def test_hotline_applications_have_no_conversation_to_tell(client, submit):
    app_no, body = _apply(submit, None)
    r = client.post(f"/api/v1/materials/files/{PAGES}", content=files.png(), headers=_page_pass(client, app_no, body))
    assert r.status_code == 201 and notices_of(app_no) == []


def _complete(push, app_no: str, matter: str) -> None:
    body = {"application_no": app_no, "matter": matter, "status": "completed", "note": "已办结", "result": None}
    assert push("public_security", body, key=uuid.uuid4().hex).status_code == 200


def test_the_last_final_matter_asks_the_conversation_for_a_rating_once(client, submit, push, outbox):
    conversation = f"wechat:o{uuid.uuid4().hex[:20]}"
    app_no, _ = _apply(submit, conversation, MATTERS)
    _complete(push, app_no, MATTERS[0])
    assert "rating_request" not in [n.kind for n in notices_of(app_no)]  # one matter is still open
    _complete(push, app_no, MATTERS[1])
    rows = notices_of(app_no)
    assert [(n.channel, n.kind) for n in rows][-2:] == [("sms", "completed"), ("chat", "rating_request")]
    assert app_no in rows[-1].text and "1分非常不满意，5分非常满意" in rows[-1].text
    outbox.drain(outbox.make())
    key, text = outbox.chat.transcripts[conversation][-1]
    assert text == rows[-1].text
    buttons = outbox.chat.how[key]["buttons"]
    assert [b["title"] for b in buttons] == ["1分", "2分", "3分", "4分", "5分"]
    assert buttons[4]["payload"] == '/rate{"rating":"5"}'
    assert outbox.chat.how[key]["slots"] == {"offered": "rating"}  # a score said in words answers it


def test_no_rating_is_asked_of_an_application_without_a_conversation(submit, push):
    app_no, _ = _apply(submit, None, MATTERS)
    for matter in MATTERS:
        _complete(push, app_no, matter)
    assert "rating_request" not in [n.kind for n in notices_of(app_no)]


def test_a_comment_follows_a_rating_once(client, submit, push):
    conversation = f"web:{uuid.uuid4().hex}"
    app_no, _ = _apply(submit, conversation, MATTERS)
    for matter in MATTERS:
        _complete(push, app_no, matter)
    headers = _chat_pass(client, conversation)
    early = client.post("/api/v1/ratings/mine/comment", json={"comment": "很好"}, headers=headers)
    assert early.status_code == 409 and "先为本次办理打分" in early.json()["detail"]
    assert client.post("/api/v1/ratings/mine", json={"score": 5}, headers=headers).status_code == 201
    blank = client.post("/api/v1/ratings/mine/comment", json={"comment": "  "}, headers=headers)
    assert blank.status_code == 422 and "不能为空" in blank.json()["detail"]
    r = client.post("/api/v1/ratings/mine/comment", json={"comment": "办得很快"}, headers=headers)
    assert r.status_code == 200 and r.json()["score"] == 5
    again = client.post("/api/v1/ratings/mine/comment", json={"comment": "再说一句"}, headers=headers)
    assert again.status_code == 409 and "只能留一次意见" in again.json()["detail"]
