"""Materials (issue 20): who may upload for which application, what is accepted (judged by
content), how it is stored (cleaned and sealed), and what departments see and download."""

import io
import uuid
from datetime import date

import pytest
from cryptography.fernet import Fernet
from PIL import Image
from sqlalchemy import func, select

from backend.database import get_sessionmaker
from backend.materials.config import get_materials_settings
from backend.materials.models import Material, MaterialBlob
from tests.backend.helpers import SERVICE, application_body, make_id, signed_headers
from tests.support import files

CERTIFICATE = {"certificate_no": "J310115-2024-000123", "registered_at": "2024-05-20"}
MIGRATION = "hukou_migration"
PAGES = "household_register_pages"
CONSENT = "household_head_consent"


def migration_body(conversation_id: str | None = None) -> dict:
    body = application_body([MIGRATION], marriage=CERTIFICATE)
    if conversation_id:
        body["conversation_id"] = conversation_id
    return body


@pytest.fixture
def migration(submit):
    """An application (already married) whose migration is in police review: (number, body)."""
    body = migration_body()
    r = submit(body)
    assert r.status_code == 201, r.text
    return r.json()["application_no"], body


@pytest.fixture
def open_pass(client):
    def _open(application_no: str, id_number: str):
        return client.post("/api/v1/materials/passes", json={"application_no": application_no, "id_number": id_number})

    return _open


@pytest.fixture
def pass_for(open_pass):
    def _pass(application_no: str, body: dict) -> dict:
        r = open_pass(application_no, body["applicant"]["id_number"])
        assert r.status_code == 200, r.text
        return {"X-Application-Pass": r.json()["pass_token"]}

    return _pass


@pytest.fixture
def download(client):
    def _download(department: str, material_id: str):
        path = f"/api/v1/departments/{department}/materials/{material_id}?nonce={uuid.uuid4().hex}"
        return client.get(path, headers=signed_headers(department, "GET", path, b""))

    return _download


def stored() -> tuple[int, int]:
    with get_sessionmaker()() as s:
        return (
            s.scalar(select(func.count()).select_from(Material)),
            s.scalar(select(func.count()).select_from(MaterialBlob)),
        )


def blobs_of(application_no: str) -> list[bytes]:
    with get_sessionmaker()() as s:
        from backend.applications.models import Application

        app_id = s.scalar(select(Application.id).where(Application.application_no == application_no))
        keys = s.scalars(select(Material.blob_key).where(Material.application_id == app_id)).all()
        return [s.scalar(select(MaterialBlob.data).where(MaterialBlob.key == k)) for k in keys]


def test_checklist_marks_advance_uploads_and_in_person_materials(client):
    data = client.get("/api/v1/guides/checklist", params={"matters": MIGRATION}).json()
    assert {(u["code"], u["name"]) for u in data["uploads_in_advance"]} == {
        (PAGES, "户口簿户主页和本人页"),
        (CONSENT, "户主同意书"),
    }
    items = {i["id"]: i for i in data["bring_to_registry"] + data["on_notice"] + data["not_needed"]}
    assert items["id_card"]["in_person"] is True and items["id_card"]["upload"] is None
    assert items["hukou_booklet"]["upload"]["code"] == PAGES
    assert "可提前在线上传" in data["text"] and "户口簿户主页和本人页" in data["text"]
    # Without the migration the booklet's pages are taken only when police ask for them.
    marital = client.get("/api/v1/guides/checklist", params={"matters": "hukou_marital_status"}).json()
    assert marital["uploads_in_advance"] == []
    booklet = next(i for i in marital["on_notice"] if i["id"] == "hukou_booklet")
    assert booklet["upload"] == {
        "code": PAGES,
        "name": "户口簿户主页和本人页",
        "advance": False,
        "matters": ["hukou_marital_status"],
    }


def test_photo_uploaded_in_advance_is_cleaned_sealed_and_listed_for_police(
    client, migration, pass_for, work_list, download
):
    app_no, body = migration
    headers = pass_for(app_no, body)
    wanted = {w["code"]: w for w in client.get("/api/v1/materials", headers=headers).json()["wanted"]}
    assert set(wanted) == {PAGES, CONSENT} and not any(w["requested"] for w in wanted.values())

    photo = files.photo_with_exif()
    assert files.EXIF_MARKER.encode() in photo
    r = client.post(
        f"/api/v1/materials/files/{PAGES}", content=photo, headers={**headers, "Content-Type": "image/jpeg"}
    )
    assert r.status_code == 201, r.text
    assert "已收到您上传的《户口簿户主页和本人页》" in r.json()["message"]
    assert "还可以上传：《户主同意书》" in r.json()["message"]

    # At rest: a Fernet token, neither the EXIF nor the picture readable.
    [blob] = blobs_of(app_no)
    assert files.EXIF_MARKER.encode() not in blob and b"\xff\xd8\xff" not in blob and b"Exif" not in blob
    clear = Fernet(get_materials_settings().key.encode()).decrypt(blob)
    assert clear.startswith(b"\xff\xd8\xff") and files.EXIF_MARKER.encode() not in clear
    with Image.open(io.BytesIO(clear)) as img:
        assert len(img.getexif()) == 0 and img.size == (640, 480)

    [case] = [c for c in work_list("public_security").json() if c["application_no"] == app_no]
    [ref] = case["materials"]
    assert ref["code"] == PAGES and ref["name"] == "户口簿户主页和本人页" and ref["content_type"] == "image/jpeg"
    got = download("public_security", ref["id"])
    assert got.status_code == 200 and got.content == clear
    assert got.headers["content-type"] == "image/jpeg" and "attachment" in got.headers["content-disposition"]
    # Health does not process the migration: its signed request is refused.
    other = download("health", ref["id"])
    assert other.status_code == 403 and "其他部门" in other.json()["detail"]


def test_replacing_keeps_one_current_file_and_deletes_the_old_bytes(client, migration, pass_for):
    app_no, body = migration
    headers = pass_for(app_no, body)
    first = client.post(f"/api/v1/materials/files/{CONSENT}", content=files.png(), headers=headers)
    second = client.post(f"/api/v1/materials/files/{CONSENT}", content=files.clean_pdf(2), headers=headers)
    assert first.status_code == 201 and second.status_code == 201, second.text
    assert second.json()["replaced"] is True and "已替换" in second.json()["message"]
    received = client.get("/api/v1/materials", headers=headers).json()["received"]
    assert [(m["code"], m["content_type"], m["pages"]) for m in received] == [(CONSENT, "application/pdf", 2)]
    assert len([b for b in blobs_of(app_no) if b is not None]) == 1


def test_supplement_request_upload_timeline_and_back_to_review(client, migration, pass_for, push, work_list, progress):
    app_no, body = migration
    headers = pass_for(app_no, body)
    request = {
        "application_no": app_no,
        "matter": MIGRATION,
        "status": "needs_supplement",
        "note": "请补充户主签字的同意书",
        "result": {"required_materials": [CONSENT]},
    }
    r = push("public_security", request)
    assert r.status_code == 200, r.text
    wanted = client.get("/api/v1/materials", headers=headers).json()["wanted"]
    assert wanted[0]["code"] == CONSENT and wanted[0]["requested"] is True
    assert wanted[0]["note"] == "请补充户主签字的同意书"
    [case] = [c for c in work_list("public_security", "needs_supplement").json() if c["application_no"] == app_no]
    assert case["supplement_received"] is False

    r = client.post(f"/api/v1/materials/files/{CONSENT}", content=files.clean_pdf(), headers=headers)
    assert r.status_code == 201, r.text
    assert "公安部门会审核" in r.json()["message"]
    [case] = [c for c in work_list("public_security", "needs_supplement").json() if c["application_no"] == app_no]
    assert case["supplement_received"] is True and case["materials"][0]["supplement"] is True
    timeline = progress(app_no, body["spouse"]["id_number"]).json()["timeline"]
    assert timeline[-1]["note"] == "已上传补充材料：户主同意书" and timeline[-1]["actor"] == "citizen"

    back = {**request, "status": "in_review", "note": "已收到补充材料", "result": None}
    assert push("public_security", back).status_code == 200
    done = {**request, "status": "completed", "note": "迁移已办结", "result": None}
    assert push("public_security", done).status_code == 200
    assert progress(app_no, body["spouse"]["id_number"]).json()["overall_status"] == "completed"


@pytest.mark.parametrize(
    ("result", "note", "field"),
    [
        ({"required_materials": ["passport_scan"]}, "请补充", "result.required_materials"),
        ({"required_materials": []}, "请补充", "result.required_materials"),
        ({"required_materials": "household_head_consent"}, "请补充", "result.required_materials"),
        ({"required_materials": [CONSENT]}, None, "note"),
    ],
)
def test_supplement_requests_name_codes_from_the_guide(migration, push, result, note, field):
    app_no, _body = migration
    r = push(
        "public_security",
        {"application_no": app_no, "matter": MIGRATION, "status": "needs_supplement", "note": note, "result": result},
    )
    assert r.status_code == 422, r.text
    [error] = r.json()["errors"]
    assert error["field"] == field and any("\u4e00" <= c <= "\u9fff" for c in error["message"])


def _refused(r, status: int, words: str) -> None:
    assert r.status_code == status, r.text
    assert words in r.json()["detail"], r.json()["detail"]


@pytest.mark.parametrize(
    ("make", "status", "words"),
    [
        (files.renamed_executable, 415, "无法识别的文件类型"),
        (files.png_bomb, 415, "像素过多"),
        (lambda: files.png_bomb(9000), 415, "像素过多"),  # 81 MP: Pillow only warns; we refuse
        (files.pdf_with_javascript, 415, "脚本"),
        (files.pdf_with_hidden_javascript, 415, "脚本"),
        (files.pdf_with_attachment, 415, "嵌入文件"),
        (files.pdf_with_launch_action, 415, "自动动作"),
        (lambda: files.photo_with_exif()[:2000], 415, "损坏"),
        (lambda: b"", 422, "没有收到文件"),
    ],
)
def test_hostile_files_are_refused_in_chinese_and_nothing_is_stored(client, migration, pass_for, make, status, words):
    app_no, body = migration
    headers = pass_for(app_no, body)
    before = stored()
    r = client.post(
        f"/api/v1/materials/files/{PAGES}", content=make(), headers={**headers, "Content-Type": "image/jpeg"}
    )
    _refused(r, status, words)
    assert stored() == before


def test_thirty_megabytes_is_refused_before_the_route_reads_it(client, migration, pass_for):
    app_no, body = migration
    headers = pass_for(app_no, body)
    before = stored()
    thirty = b"\xff\xd8\xff" + b"\x00" * (30 * (1 << 20))
    _refused(client.post(f"/api/v1/materials/files/{PAGES}", content=thirty, headers=headers), 413, "文件过大")

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b"\x00" * (1 << 20)

    _refused(client.post(f"/api/v1/materials/files/{PAGES}", content=chunks(), headers=headers), 413, "文件过大")
    assert stored() == before


def test_upload_limit_is_the_upload_route_s_alone(client, migration, pass_for):
    """Two megabytes pass the upload route's limit; any other route still stops at 1 MiB."""
    app_no, body = migration
    headers = pass_for(app_no, body)
    big_photo = files.photo_with_exif(1600, 1200, noise=True)
    assert len(big_photo) > 1 << 20
    assert client.post(f"/api/v1/materials/files/{PAGES}", content=big_photo, headers=headers).status_code == 201
    two_mb = b"{" + b" " * (2 << 20)
    paths = ("/api/v1/materials/passes", "/api/v1/progress/query", f"/api/v1/materials/files/{PAGES}/x", "/healthz")
    for path in paths:
        r = client.post(path, content=two_mb, headers={"Content-Type": "application/json"})
        assert r.status_code == 413 and "请求内容过大" in r.json()["detail"], path


def test_total_per_application_is_bounded(client, migration, pass_for, monkeypatch):
    app_no, body = migration
    headers = pass_for(app_no, body)
    first = client.post(f"/api/v1/materials/files/{PAGES}", content=files.photo_with_exif(), headers=headers)
    assert first.status_code == 201
    monkeypatch.setattr(get_materials_settings(), "max_total_bytes", first.json()["received"]["size"] + 100)
    before = stored()
    r = client.post(f"/api/v1/materials/files/{CONSENT}", content=files.photo_with_exif(), headers=headers)
    _refused(r, 413, "合计不能超过")
    assert stored() == before
    # Replacing the same material does not count the file it replaces.
    assert (
        client.post(f"/api/v1/materials/files/{PAGES}", content=files.photo_with_exif(), headers=headers).status_code
        == 201
    )


def test_a_code_the_application_does_not_take_is_refused(client, submit, pass_for):
    body = application_body(["marriage_registration"])
    app_no = submit(body).json()["application_no"]
    r = client.post(f"/api/v1/materials/files/{PAGES}", content=files.png(), headers=pass_for(app_no, body))
    _refused(r, 422, "不需要上传")


def test_only_the_citizen_s_own_application(client, submit, migration, open_pass, pass_for):
    app_no, body = migration
    stranger = migration_body()
    stranger["applicant"]["id_number"] = make_id(date(1990, 1, 2), "M", "310110", 33)
    stranger["spouse"]["id_number"] = make_id(date(1992, 4, 5), "F", "310110", 34)
    other = submit(stranger)
    assert other.status_code == 201, other.text
    other_no = other.json()["application_no"]
    # Another application's number with this citizen's ID: the progress page's same 404.
    assert open_pass(other_no, body["applicant"]["id_number"]).status_code == 404
    # A pass is for one application: changing its number breaks the signature.
    token = pass_for(app_no, body)["X-Application-Pass"]
    forged = token.replace(app_no, other_no)
    r = client.post(f"/api/v1/materials/files/{PAGES}", content=files.png(), headers={"X-Application-Pass": forged})
    _refused(r, 401, "上传凭证无效")
    _refused(client.get("/api/v1/materials"), 401, "上传凭证无效")
    assert blobs_of(other_no) == []


def test_web_chat_session_uploads_only_for_its_own_conversation(client, submit):
    session = client.post("/api/v1/chat-sessions", json={}).json()
    assert client.post("/api/v1/materials/passes", json={"session_token": session["session_token"]}).status_code == 404
    mine = submit(migration_body(session["sender_id"])).json()["application_no"]
    theirs = submit(migration_body()).json()["application_no"]
    r = client.post("/api/v1/materials/passes", json={"session_token": session["session_token"]})
    assert r.status_code == 200 and r.json()["application_no"] == mine and r.json()["channel"] == "web"
    r = client.post(
        "/api/v1/materials/passes", json={"session_token": session["session_token"], "application_no": theirs}
    )
    _refused(r, 403, "只能为本人")
    forged = session["session_token"][:-4] + "0000"
    _refused(client.post("/api/v1/materials/passes", json={"session_token": forged}), 401, "会话无效")


def test_service_token_with_conversation(client, submit):
    conversation = f"wechat:o{uuid.uuid4().hex[:20]}"
    app_no = submit(migration_body(conversation)).json()["application_no"]
    body = {"conversation_id": conversation}
    _refused(client.post("/api/v1/materials/passes", json=body), 401, "服务令牌")
    r = client.post("/api/v1/materials/passes", json=body, headers=SERVICE)
    assert r.status_code == 200 and r.json()["application_no"] == app_no and r.json()["channel"] == "wechat"


def test_proofs_are_one_at_a_time(client):
    r = client.post("/api/v1/materials/passes", json={})
    _refused(r, 422, "身份证明")


def test_failed_pass_requests_are_throttled_like_progress(client, migration, open_pass):
    app_no, _body = migration
    codes = [open_pass(app_no, files_id).status_code for files_id in ["110101199003070000"] * 6]
    assert codes[:5] == [404] * 5 and codes[5] == 429
