"""Issue 20 over the running stack: a migration application made in chat, the 户口簿 photo
uploaded from the progress page, police see and download it, request a supplement that the
citizen's conversation answers (service token + conversation, as the assistant and the WeChat
channel do), the timeline shows it, police complete; then the rating."""

import io

import httpx
from PIL import Image

from backend.simulator.client import DepartmentClient, register_marriage
from tests.e2e.test_application import submit_four_matters
from tests.support import files
from tests.support.citizens import HUSBAND, WIFE

SERVICE = {"Authorization": "Bearer local-service-token"}


def _upload(stack, pass_token: str, code: str, data: bytes) -> httpx.Response:
    return httpx.post(
        f"{stack.backend_url}/api/v1/materials/files/{code}",
        content=data,
        headers={"X-Application-Pass": pass_token, "Content-Type": "application/octet-stream"},
        timeout=30,
    )


def _case(police: DepartmentClient, number: str, status: str) -> dict:
    [case] = [
        c for c in police.cases(status).json() if c["application_no"] == number and c["matter"] == "hukou_migration"
    ]
    return case


def test_migration_photo_supplement_timeline_and_completion(chat, stack):
    number, done = submit_four_matters(chat)
    assert "户口簿户主页和本人页" in done  # the checklist offers the advance upload
    assert register_marriage(number, stack.backend_url).status_code == 200

    # The progress page's proof: number + either party's ID.
    page_pass = httpx.post(
        f"{stack.backend_url}/api/v1/materials/passes", json={"application_no": number, "id_number": WIFE}
    ).json()["pass_token"]
    photo = files.photo_with_exif(1200, 900)
    r = _upload(stack, page_pass, "household_register_pages", photo)
    assert r.status_code == 201, r.text

    police = DepartmentClient("public_security", stack.backend_url)
    [ref] = _case(police, number, "in_review")["materials"]
    assert ref["name"] == "户口簿户主页和本人页"
    got = police.download(ref["id"])
    assert got.status_code == 200 and files.EXIF_MARKER.encode() not in got.content
    with Image.open(io.BytesIO(got.content)) as img:
        assert img.size == (1200, 900) and len(img.getexif()) == 0
    assert DepartmentClient("health", stack.backend_url).download(ref["id"]).status_code == 403

    asked = police.push(
        number,
        "hukou_migration",
        "needs_supplement",
        note="请上传户主签字的同意书",
        result={"required_materials": ["household_head_consent"]},
    )
    assert asked.status_code == 200, asked.text
    asked_reply = chat.text("办到哪了")
    assert "请上传户主签字的同意书" in asked_reply and "需要上传材料" in asked_reply

    # The conversation's own pass (the assistant's service token + its conversation id).
    chat_pass = httpx.post(
        f"{stack.backend_url}/api/v1/materials/passes", json={"conversation_id": chat.sender}, headers=SERVICE
    ).json()
    assert chat_pass["application_no"] == number and chat_pass["channel"] == "rest"
    r = _upload(stack, chat_pass["pass_token"], "household_head_consent", files.clean_pdf())
    assert r.status_code == 201 and "公安部门会审核" in r.json()["message"]

    case = _case(police, number, "needs_supplement")
    assert case["supplement_received"] is True
    progress = httpx.post(
        f"{stack.backend_url}/api/v1/progress/query", json={"application_no": number, "id_number": HUSBAND}
    ).json()
    assert any(t["note"] == "已上传补充材料：户主同意书" for t in progress["timeline"])

    assert police.push(number, "hukou_migration", "in_review", note="补充材料已收到").status_code == 200
    for matter in ("hukou_migration", "hukou_marital_status"):
        assert police.push(number, matter, "completed", note="已办结").status_code == 200
    assert (
        DepartmentClient("health", stack.backend_url).push(number, "birth_registration", "completed").status_code == 200
    )

    rated = httpx.post(
        f"{stack.backend_url}/api/v1/ratings/mine",
        json={"score": 5, "comment": "不用跑腿"},
        headers={"X-Application-Pass": page_pass},
    )
    assert rated.status_code == 201 and rated.json()["rated"] is True


def test_refusals_over_http(chat, stack):
    number, _ = submit_four_matters(chat)
    assert register_marriage(number, stack.backend_url).status_code == 200
    page_pass = httpx.post(
        f"{stack.backend_url}/api/v1/materials/passes", json={"application_no": number, "id_number": HUSBAND}
    ).json()["pass_token"]
    for data, status in (
        (files.renamed_executable(), 415),
        (files.pdf_with_javascript(), 415),
        (files.png_bomb(), 415),
    ):
        r = _upload(stack, page_pass, "household_register_pages", data)
        assert r.status_code == status, r.text
        assert any("\u4e00" <= c <= "\u9fff" for c in r.json()["detail"])
    police = DepartmentClient("public_security", stack.backend_url)
    assert _case(police, number, "in_review")["materials"] == []
