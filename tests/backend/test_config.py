"""Production refuses the local defaults: the backend's settings and the other services' guard."""

import os
import subprocess

import pytest
from pydantic import ValidationError

from backend.config import LOCAL_DEFAULT_SECRETS, Settings
from tests.support.stack import ROOT, local_env


def test_backend_refuses_local_secrets_in_production():
    with pytest.raises(ValidationError) as exc:
        Settings(app_env="production")
    assert "backend_service_token" in str(exc.value)


def test_backend_accepts_real_secrets_in_production():
    from cryptography.fernet import Fernet

    s = Settings(
        app_env="production",
        backend_service_token="x" * 32,
        pii_key=Fernet.generate_key().decode(),
        pii_hash_key="y" * 32,
    )
    assert s.backend_service_token != LOCAL_DEFAULT_SECRETS["backend_service_token"]


def test_bad_pii_key_is_refused_at_start():
    with pytest.raises(ValidationError, match="Fernet"):
        Settings(pii_key="not-a-key")


def _guard(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(ROOT / "scripts" / "refuse-local-defaults.sh"), "true"], env=env, capture_output=True, text=True
    )


def test_service_guard_refuses_local_defaults_in_production():
    refused = _guard(local_env(APP_ENV="production"))
    assert refused.returncode == 1 and "BACKEND_SERVICE_TOKEN" in refused.stderr
    assert _guard(local_env(APP_ENV="local")).returncode == 0
    secrets = {
        k: f"real-{k.lower()}"
        for k in [
            "BACKEND_SERVICE_TOKEN",
            "RASA_AUTH_TOKEN",
            "RASA_JWT_SECRET",
            "PII_KEY",
            "PII_HASH_KEY",
            "DEPT_SECRET_CIVIL_AFFAIRS",
            "DEPT_SECRET_PUBLIC_SECURITY",
            "DEPT_SECRET_HEALTH",
            "WECHAT_TOKEN",
            "WECHAT_APP_SECRET",
            "WECHAT_AES_KEY",
        ]
    }
    assert _guard({**os.environ, **local_env(APP_ENV="production"), **secrets}).returncode == 0


def test_every_response_carries_the_security_headers(client):
    for response in (client.get("/healthz"), client.get("/"), client.post("/api/v1/progress/query", json={})):
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
