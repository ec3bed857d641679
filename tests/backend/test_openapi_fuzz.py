"""Property-based requests generated from the live OpenAPI schema never produce a 500."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def api_schema(app):
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error], headers={"Authorization": "Bearer local-service-token"})


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
    headers = {p["name"].lower() for p in push["parameters"] if p["in"] == "header"}
    assert {"x-timestamp", "x-signature", "idempotency-key"} <= headers
    assert "重放" in push["description"] and "Idempotency-Key 相同" in push["description"]
