"""Generated requests never produce a 500, and every refusal says in Chinese what was wrong
(CONTRACT §3: bad input of any kind, in a body, a header or a query, is a 4xx). Three sweeps:

- the OpenAPI schema with its headers fuzzed too (Authorization, Idempotency-Key, X-Timestamp,
  X-Signature, X-Conversation-Id): department endpoints, never correctly signed, answer 401;
- the same operations as the assistant, with a valid service token, so bodies get past auth;
- department pushes signed with the local secret, so the checks after the signature see random
  JSON, random types and random times.
"""

import json
import re
import uuid
from datetime import UTC, timedelta, timezone

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error

from backend.matters.catalog import CATALOG, Department, Matter
from tests.backend.helpers import SERVICE, certificate_result, event, signed_headers

schema = schemathesis.pytest.from_fixture("api_schema")
# Bounded: the three sweeps take about half a minute for both databases on two cores.
# Derandomized: CI runs the same examples every time (a new 500 is found by a developer raising
# max_examples or dropping derandomize, not by a CI run that fails at random).
FUZZ = settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
DEPARTMENTS = {d.value for d in Department}
# Operations that read headers; the others have nothing more to fuzz in the first sweep.
WITH_HEADERS = r"^/api/v1/(applications|progress|departments|handoffs)"


@pytest.fixture
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def refusals_are_in_chinese(ctx, response, case):
    if 400 <= response.status_code < 500:
        detail = response.json().get("detail")
        assert isinstance(detail, str) and CHINESE.search(detail), f"{response.status_code}: {response.text[:300]}"


def unsigned_department_requests_are_401(ctx, response, case):
    """The signature is checked before the query, the headers or the body."""
    documented_method = case.method.upper() == case.operation.method.upper()  # else 405
    if documented_method and case.operation.path.startswith("/api/v1/departments/"):
        known = case.path_parameters.get("department") in DEPARTMENTS
        assert response.status_code == (401 if known else 404), response.text[:300]


CHECKS = [not_a_server_error, refusals_are_in_chinese, unsigned_department_requests_are_401]


@schema.include(path_regex=WITH_HEADERS).parametrize()
@FUZZ
def test_fuzzed_headers(case):
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@FUZZ
def test_as_the_assistant(case):
    case.call_and_validate(checks=CHECKS, headers=SERVICE)


# ---- signed department pushes ----

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),  # NaN, Infinity too
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
EDGE_ZONES = st.sampled_from([None, UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-14))])
TIMES = st.one_of(
    st.datetimes(timezones=EDGE_ZONES).map(lambda d: d.isoformat()),  # years 1 to 9999, with or without offset
    st.dates().map(lambda d: d.isoformat()),
    st.integers(),
    st.text(max_size=30),
)
CERTIFICATE_NO = st.one_of(st.from_regex(r"[A-Za-z0-9][A-Za-z0-9-]{4,38}[A-Za-z0-9]", fullmatch=True), st.text())
RESULT = st.one_of(
    st.fixed_dictionaries({"certificate_no": CERTIFICATE_NO, "registered_at": TIMES}),
    st.fixed_dictionaries({}, optional={"certificate_no": CERTIFICATE_NO, "registered_at": TIMES, "x": JSON}),
    JSON,
)
OPTIONAL = {"note": st.one_of(st.none(), st.text(max_size=600)), "result": RESULT, "occurred_at": TIMES}
PUSHED = ["in_review", "needs_supplement", "completed", "rejected", "withdrawn"]
KEYS = st.one_of(
    st.uuids().map(str),
    st.uuids().map(str),
    st.none(),
    st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), max_size=140),
)


@st.composite
def pushes(draw, numbers: list[str]) -> tuple[str, bytes]:
    """Mostly well-formed events from the matter's own department, so that many reach the state
    machine and the certificate checks; then a field of any type, or bytes that are no JSON."""
    matter = draw(st.sampled_from(list(Matter)))
    owner = CATALOG[matter].department.value
    department = draw(st.sampled_from([owner, owner, owner, *DEPARTMENTS]))
    body = {
        "application_no": draw(st.sampled_from([*numbers, numbers[0].lower(), "HY000000AAAAAAAA"])),
        "matter": matter.value,
        "status": draw(st.sampled_from(PUSHED)),
    }
    # Hypothesis leans to False and 0: those keep the event whole.
    for key, values in OPTIONAL.items():
        if not draw(st.booleans()):
            body[key] = draw(values)
    if draw(st.integers(0, 3)) == 3:
        body[draw(st.sampled_from([*body, "unknown"]))] = draw(JSON)
    encoding = draw(st.sampled_from(["ascii", "utf-8", "ascii", "bytes"]))
    if encoding == "bytes":
        return department, draw(st.binary(max_size=64))
    # ASCII escapes carry lone surrogates as "\\ud800"; UTF-8 carries them as raw bytes.
    text = json.dumps(body, ensure_ascii=encoding == "ascii")
    return department, text.encode("utf-8", "surrogatepass")


def test_signed_pushes_with_random_bodies(client, submit, push):
    """Two applications: one waiting for the marriage registration, one whose dependants are
    in review already, so that random pushes reach every state."""
    waiting, registered = (submit().json()["application_no"] for _ in range(2))
    done = event(registered, "marriage_registration", "completed", result=certificate_result())
    assert push("civil_affairs", done).status_code == 200

    @given(push=pushes([registered, waiting]), key=KEYS)
    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    def run(push, key):
        department, raw = push
        # Each example signs a path of its own: every signature is accepted once.
        path = f"/api/v1/departments/{department}/events?n={uuid.uuid4().hex}"
        r = client.post(path, content=raw, headers=signed_headers(department, "POST", path, raw, key=key))
        assert r.status_code in (200, 403, 404, 409, 422), r.text[:300]
        if r.status_code != 200:
            assert CHINESE.search(r.json()["detail"]), r.text[:300]

    run()


def test_openapi_documents_every_endpoint(app):
    paths = app.openapi()["paths"]
    for path in (
        "/api/v1/applications",
        "/api/v1/applications/check",
        "/api/v1/applications/{application_no}/withdraw",
        "/api/v1/progress/query",
        "/api/v1/chat-sessions",
        "/api/v1/departments/{department}/events",
        "/api/v1/departments/{department}/cases",
        "/api/v1/guides",
        "/api/v1/guides/search",
        "/api/v1/guides/checklist",
        "/api/v1/guides/{code}",
        "/healthz",
        "/readyz",
    ):
        assert path in paths, path
    push = paths["/api/v1/departments/{department}/events"]["post"]
    assert {"401", "403", "404", "409", "422"} <= set(push["responses"])
    assert "重放" in push["description"] and "Idempotency-Key 相同" in push["description"]

    def headers(path: str, method: str = "post") -> set[str]:
        return {p["name"].lower() for p in paths[path][method]["parameters"] if p["in"] == "header"}

    # Documented, so that the fuzz sweeps send them.
    assert {"x-timestamp", "x-signature", "idempotency-key"} <= headers("/api/v1/departments/{department}/events")
    assert {"x-timestamp", "x-signature"} <= headers("/api/v1/departments/{department}/cases", "get")
    assert {"authorization", "x-conversation-id"} <= headers("/api/v1/progress/query")
    assert {"authorization", "idempotency-key"} <= headers("/api/v1/applications")


def test_framework_refusals_are_in_chinese(client):
    """Refusals Starlette and FastAPI make before any route of ours runs."""
    assert "没有这个地址" in client.get("/api/v1/nowhere").json()["detail"]
    assert "请求方法" in client.delete("/api/v1/applications").json()["detail"]
    headers = {**SERVICE, "Idempotency-Key": "bad-json", "Content-Type": "application/json"}
    r = client.post("/api/v1/applications", content=b'{"matters": [', headers=headers)
    assert r.status_code == 422
    assert r.json()["errors"] == [{"field": "body", "message": "请求内容不是有效的 JSON，请检查格式。"}]
