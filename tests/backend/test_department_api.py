"""Every refusal of the department push API in CONTRACT §3, one test each, and the transition
table of §4 checked exhaustively."""

import time
import uuid

import pytest

from tests.backend.helpers import application_body, certificate_result, encode, event, signed_headers

PUSH_STATUSES = ["in_review", "needs_supplement", "completed", "rejected"]


def test_bad_signature_is_401(submitted, push):
    app_no, _ = submitted
    r = push("civil_affairs", event(app_no, "marriage_registration", "rejected"), secret="wrong-secret")
    assert r.status_code == 401
    assert "签名" in r.json()["detail"]


def test_missing_signature_is_401(client, submitted):
    app_no, _ = submitted
    r = client.post(
        "/api/v1/departments/civil_affairs/events",
        json=event(app_no, "marriage_registration", "rejected"),
        headers={"Idempotency-Key": "x"},
    )
    assert r.status_code == 401


def test_signature_covers_the_query_string(client, submitted):
    path = "/api/v1/departments/health/cases?status=in_review"
    headers = signed_headers("health", "GET", "/api/v1/departments/health/cases", b"")
    assert client.get(path, headers=headers).status_code == 401


@pytest.mark.parametrize("skew", [-301, 301])
def test_stale_or_future_timestamp_is_401(submitted, push, skew):
    app_no, _ = submitted
    r = push("civil_affairs", event(app_no, "marriage_registration", "rejected"), timestamp=int(time.time()) + skew)
    assert r.status_code == 401
    assert "300" in r.json()["detail"]


def test_another_departments_matter_is_403(submitted, push):
    app_no, _ = submitted
    r = push("health", event(app_no, "marriage_registration", "completed", result=certificate_result()))
    assert r.status_code == 403
    assert "民政" in r.json()["detail"]


def test_unknown_application_is_404(client, push):
    r = push("civil_affairs", event("HY000000AAAAAAAA", "marriage_registration", "rejected"))
    assert r.status_code == 404


def test_matter_not_applied_for_is_404(submit, push):
    r = submit(application_body(["marriage_registration"]))
    app_no = r.json()["application_no"]
    r = push("health", event(app_no, "birth_registration", "in_review"))
    assert r.status_code == 404
    assert "没有申请" in r.json()["detail"]


@pytest.mark.parametrize(
    "body,field",
    [
        ({"application_no": "HY1", "matter": "marriage_registration"}, "status"),
        ({"application_no": "HY1", "matter": "marriage_registration", "status": "withdrawn"}, "status"),
        ({"application_no": "HY1", "matter": "divorce", "status": "completed"}, "matter"),
    ],
)
def test_bad_body_is_422(client, push, body, field):
    r = push("civil_affairs", body)
    assert r.status_code == 422
    assert [e["field"] for e in r.json()["errors"]] == [field]


def test_marriage_completed_without_certificate_is_422(submitted, push, progress):
    app_no, body = submitted
    r = push("civil_affairs", event(app_no, "marriage_registration", "completed", result={"certificate_no": ""}))
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"result.certificate_no", "result.registered_at"}
    assert progress(app_no, body["spouse"]["id_number"]).json()["matters"][0]["status"] == "awaiting_visit"


def test_replayed_key_returns_first_answer_and_records_nothing(submitted, push, progress):
    app_no, body = submitted
    ev = event(app_no, "marriage_registration", "completed", result=certificate_result())
    first = push("civil_affairs", ev, key="same-key")
    again = push("civil_affairs", ev, key="same-key")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    timeline = progress(app_no, body["spouse"]["id_number"]).json()["timeline"]
    assert sum(t["to_status"] == "completed" for t in timeline) == 1


def test_reused_key_with_another_body_is_409(submitted, push):
    app_no, _ = submitted
    key = uuid.uuid4().hex
    assert push("civil_affairs", event(app_no, "marriage_registration", "rejected"), key=key).status_code == 200
    r = push("civil_affairs", event(app_no, "marriage_registration", "rejected", note="另一份"), key=key)
    assert r.status_code == 409
    assert "Idempotency-Key" in r.json()["detail"]


def test_keys_are_per_department(submitted, push):
    """The same key from two departments names two different events."""
    app_no, _ = submitted
    push("civil_affairs", event(app_no, "marriage_registration", "completed", result=certificate_result()), key="k")
    r = push("health", event(app_no, "birth_registration", "needs_supplement"), key="k")
    assert r.status_code == 200


# ---- the transition table, exhaustively ----

ALLOWED_FOR_DEPARTMENT = {
    "awaiting_visit": {"completed", "rejected"},
    "waiting_prerequisite": set(),
    "in_review": {"needs_supplement", "completed", "rejected"},
    "needs_supplement": {"in_review", "rejected"},
    "completed": set(),
    "rejected": set(),
    "cancelled": set(),
    "withdrawn": set(),
}


def _case_in(state, submit, push, client):
    """An application whose case is in `state`; returns (application_no, department, matter)."""
    body = application_body()
    app_no = submit(body).json()["application_no"]
    if state == "awaiting_visit":
        return app_no, "civil_affairs", "marriage_registration"
    if state == "withdrawn":
        client.post(f"/api/v1/applications/{app_no}/withdraw", json={"id_number": body["spouse"]["id_number"]})
        return app_no, "health", "birth_registration"
    if state == "waiting_prerequisite":
        return app_no, "health", "birth_registration"
    if state == "cancelled":
        push("civil_affairs", event(app_no, "marriage_registration", "rejected"))
        return app_no, "health", "birth_registration"
    push("civil_affairs", event(app_no, "marriage_registration", "completed", result=certificate_result()))
    steps = {
        "in_review": [],
        "needs_supplement": ["needs_supplement"],
        "completed": ["completed"],
        "rejected": ["rejected"],
    }[state]
    for status in steps:
        assert push("health", event(app_no, "birth_registration", status)).status_code == 200
    return app_no, "health", "birth_registration"


@pytest.mark.parametrize("target", PUSH_STATUSES)
@pytest.mark.parametrize("state", list(ALLOWED_FOR_DEPARTMENT))
def test_transition_table(state, target, submit, push, client):
    app_no, department, matter = _case_in(state, submit, push, client)
    extra = {"result": certificate_result()} if matter == "marriage_registration" else {}
    # A note of its own: the set-up push may have had the same body and second, and that
    # signature can be used only once (CONTRACT §3, replays).
    r = push(department, event(app_no, matter, target, note="状态表检查", **extra))
    if target in ALLOWED_FOR_DEPARTMENT[state]:
        assert r.status_code == 200, r.text
    else:
        assert r.status_code == 409, r.text
        assert "不能变更为" in r.json()["detail"]


def test_work_list_requires_signature_and_known_status(client, work_list):
    assert client.get("/api/v1/departments/health/cases").status_code == 401
    r = work_list("health", "nonsense")
    assert r.status_code == 422


def test_unsigned_body_bytes_are_what_is_checked(client, submitted):
    """Re-serialising the JSON differently breaks the signature: the raw body is signed."""
    app_no, _ = submitted
    path = "/api/v1/departments/civil_affairs/events"
    body = event(app_no, "marriage_registration", "rejected")
    headers = signed_headers("civil_affairs", "POST", path, encode(body), key="x1")
    r = client.post(path, content=encode(body).replace(b", ", b",  "), headers=headers)
    assert r.status_code == 401


def test_signature_is_checked_before_the_query_and_the_department(client):
    """An unsigned caller learns nothing from validation: 401 whatever the query holds."""
    for query in ("limit=0", "limit=abc&status=nonsense", "status=%00"):
        r = client.get(f"/api/v1/departments/health/cases?{query}")
        assert r.status_code == 401, r.text
    r = client.get("/api/v1/departments/tax_bureau/cases")
    assert r.status_code == 404
    assert "civil_affairs" in r.json()["detail"]


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_result_numbers_json_cannot_write_are_422(submitted, push, number):
    """Python's JSON reads NaN and Infinity; neither the answer nor PostgreSQL's json can hold them."""
    app_no, _ = submitted
    r = push("civil_affairs", event(app_no, "marriage_registration", "rejected", result={"score": [number]}))
    assert r.status_code == 422, r.text
    assert [e["field"] for e in r.json()["errors"]] == ["result"]
