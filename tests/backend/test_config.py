"""Settings checked at start, and the security headers. The production guard: tests/security."""

import pytest
from pydantic import ValidationError

from backend.config import Settings


def test_bad_pii_key_is_refused_at_start():
    with pytest.raises(ValidationError, match="Fernet"):
        Settings(pii_key="not-a-key")


def test_every_response_carries_the_security_headers(client):
    for response in (client.get("/healthz"), client.get("/"), client.post("/api/v1/progress/query", json={})):
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
