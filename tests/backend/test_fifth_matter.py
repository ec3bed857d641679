"""A fifth matter is a data change (issue #19): a backend started with GUIDES_DIR pointing at
guides/ plus the fixture's 新生儿落户 (tests/fixtures/fifth_matter: a guide, a catalog entry and its
words, no code) serves it in the guides, the checklist, the search and the catalog, takes it in a
submission, routes it to public security and starts it when health completes birth registration.
The bot's side is tests/bot/test_fifth_matter.py.

The backend runs as its own process: the matter catalog is read once, at start, as in production."""

import uuid

import httpx
import pytest

from tests.backend.helpers import ALL_MATTERS, application_body, certificate_result, encode, event, signed_headers
from tests.fixtures.fifth_matter import CODE, SHORT_NAME, build_guides, export_catalog
from tests.support.databases import throwaway_postgres
from tests.support.stack import BACKEND, Service, free_port, local_env

SERVICE = {"Authorization": "Bearer local-service-token"}


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def fifth_db(request, tmp_path_factory):
    """A database of its own: the suite's other tests know only the four shipped matters."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('fifth-db') / 'backend.sqlite3'}"
        return
    with throwaway_postgres("hy_fifth") as (url,):
        yield url


@pytest.fixture(scope="module")
def guides_dir(tmp_path_factory):
    return build_guides(tmp_path_factory.mktemp("fifth") / "guides")


@pytest.fixture(scope="module")
def backend(fifth_db, guides_dir, tmp_path_factory):
    port = free_port()
    env = local_env(GUIDES_DIR=str(guides_dir), DATABASE_URL=fifth_db)
    log = tmp_path_factory.mktemp("fifth-logs") / "backend.log"
    command = [str(BACKEND / "python"), "-m", "backend.serve", "--port", str(port)]
    service = Service("backend", command, f"http://127.0.0.1:{port}/readyz", env, log)
    service.start()
    try:
        service.wait(timeout=120)
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            yield client
    finally:
        service.stop()


def push(client: httpx.Client, department: str, body: dict) -> httpx.Response:
    path = f"/api/v1/departments/{department}/events"
    raw = encode(body)
    return client.post(path, content=raw, headers=signed_headers(department, "POST", path, raw, key=uuid.uuid4().hex))


def work_list(client: httpx.Client, department: str, status: str = "in_review") -> list[dict]:
    path = f"/api/v1/departments/{department}/cases?status={status}&nonce={uuid.uuid4().hex}"
    r = client.get(path, headers=signed_headers(department, "GET", path, b""))
    assert r.status_code == 200, r.text
    return r.json()


def submit(client: httpx.Client, body: dict) -> httpx.Response:
    return client.post("/api/v1/applications", json=body, headers={**SERVICE, "Idempotency-Key": uuid.uuid4().hex})


def query(client: httpx.Client, app_no: str, body: dict) -> dict:
    r = client.post("/api/v1/progress/query", json={"application_no": app_no, "id_number": body["spouse"]["id_number"]})
    assert r.status_code == 200, r.text
    return r.json()


def test_the_guides_api_serves_the_fifth_matter(backend):
    listed = {g["code"]: g for g in backend.get("/api/v1/guides").json()}
    assert list(listed) == ["bundle", *ALL_MATTERS, CODE]
    assert listed[CODE]["department"] == "public_security"

    guide = backend.get(f"/api/v1/guides/{CODE}").json()
    assert guide["materials"][0]["name"] == "出生医学证明"
    section = backend.get(f"/api/v1/guides/{CODE}/sections/time_limit").json()
    assert section["matter_name"] == SHORT_NAME

    found = backend.get("/api/v1/guides/search", params={"q": "新生儿落户要带什么材料"}).json()
    assert found["detected_matter"] == CODE
    assert found["hits"][0]["matter"] == CODE


def test_the_checklist_includes_it(backend):
    r = backend.get("/api/v1/guides/checklist", params={"matters": f"birth_registration,{CODE}"})
    assert r.status_code == 200, r.text
    text = r.json()["text"]
    assert "出生医学证明" in text and SHORT_NAME in text

    unknown = backend.get("/api/v1/guides/checklist", params={"matters": "pet_licence"})
    assert unknown.status_code == 422
    assert CODE in unknown.text  # the choices offered name it


def test_the_catalog_lists_it_with_its_department_prerequisite_and_fields(backend):
    catalog = backend.get("/api/v1/catalog").json()
    matters = {m["code"]: m for m in catalog["matters"]}
    assert list(matters) == [*ALL_MATTERS, CODE]
    fifth = matters[CODE]
    assert (fifth["short_name"], fifth["department"], fifth["prerequisite"]) == (
        SHORT_NAME,
        "public_security",
        "birth_registration",
    )
    assert fifth["sections"] == ["applicant", "spouse", "marriage", "hukou"]
    fields = {f["path"]: f for s in catalog["sections"] for f in s["fields"]}
    assert CODE in fields["hukou.shanghai_hukou"]["needed_for"]
    assert CODE in fields["marriage.certificate_no"]["needed_for"]
    assert CODE not in fields["birth.child_order"]["needed_for"]


def test_a_submission_with_it_starts_it_when_birth_registration_completes(backend):
    body = application_body([*ALL_MATTERS, CODE])
    r = submit(backend, body)
    assert r.status_code == 201, r.text
    app_no = r.json()["application_no"]

    r = push(backend, "civil_affairs", event(app_no, "marriage_registration", "completed", result=certificate_result()))
    assert r.status_code == 200, r.text
    assert CODE not in {m["matter"] for m in r.json()["started"]}  # it waits for birth registration
    waiting = query(backend, app_no, body)["matters"][-1]
    assert (waiting["matter"], waiting["status_text"]) == (CODE, "待生育登记办结")

    refused = push(backend, "health", event(app_no, CODE, "completed"))
    assert refused.status_code == 403, refused.text
    assert "公安" in refused.json()["detail"]

    r = push(backend, "health", event(app_no, "birth_registration", "completed"))
    assert r.status_code == 200, r.text
    assert [(m["matter"], m["status"], m["department"]) for m in r.json()["started"]] == [
        (CODE, "in_review", "public_security")
    ]
    case = next(
        c for c in work_list(backend, "public_security") if c["application_no"] == app_no and c["matter"] == CODE
    )
    assert case["matter_name"] == SHORT_NAME
    assert case["details"]["shanghai_hukou"] == ["applicant", "spouse"]

    r = push(backend, "public_security", event(app_no, CODE, "completed", note="已落户"))
    assert r.status_code == 200, r.text
    progress = query(backend, app_no, body)
    assert [(m["matter"], m["status"]) for m in progress["matters"]][-1] == (CODE, "completed")
    steps = [(t["matter"], t["from_status"], t["to_status"], t["actor"]) for t in progress["timeline"]]
    assert (CODE, "waiting_prerequisite", "in_review", "system") in steps


def test_a_rejected_marriage_ends_it_through_birth_registration(backend):
    body = application_body([*ALL_MATTERS, CODE])
    app_no = submit(backend, body).json()["application_no"]
    assert push(backend, "civil_affairs", event(app_no, "marriage_registration", "rejected")).status_code == 200
    progress = query(backend, app_no, body)
    # Marriage rejected ends the matters waiting for it, and the one waiting for those.
    assert [m["status"] for m in progress["matters"]] == ["rejected", *["cancelled"] * 4]


def test_the_submission_rules_ask_for_its_fields(backend):
    body = application_body(["birth_registration", CODE])
    del body["marriage"]
    r = submit(backend, body)
    assert r.status_code == 422, r.text
    fields = {e["field"] for e in r.json()["errors"]}
    assert {"marriage", "hukou"} <= fields


def test_the_exported_bot_catalog_holds_it(guides_dir, tmp_path):
    """`make catalog` run with these guides: the file the bot would read (BOT_CATALOG_PATH)."""
    out = export_catalog(guides_dir, tmp_path / "catalog.json")
    assert f'"code": "{CODE}"' in out.read_text(encoding="utf-8")
