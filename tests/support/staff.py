"""Staff accounts and sign-in for tests, against a FastAPI TestClient or a running backend.

    create_staff("sup1", PASSWORD, "supervisor")                 # this process's database
    create_staff_cli(stack.env(), "agent1", PASSWORD, "agent")    # a running stack's database
    auth = login(client, "agent1", PASSWORD)                      # or login(stack.backend_url, …)
    client.get("/api/v1/staff/me", headers=auth.headers)
    client.post(url, json=..., headers=auth.headers)              # cookie + X-CSRF-Token

`login` leaves nothing in a TestClient's cookie jar: every authenticated request names its
session explicitly through `auth.headers` (or `auth.cookies` + `auth.csrf_headers`), so an
unauthenticated request from the same client stays unauthenticated."""

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
COOKIE_NAME = "hy_staff_session"  # backend.staff.dependencies.COOKIE_NAME
CSRF_HEADER = "X-CSRF-Token"
PASSWORD = "correct-horse-battery-staple"


@dataclass
class StaffAuth:
    token: str
    csrf: str
    staff: dict = field(default_factory=dict)

    @property
    def cookies(self) -> dict[str, str]:
        return {COOKIE_NAME: self.token}

    @property
    def csrf_headers(self) -> dict[str, str]:
        return {CSRF_HEADER: self.csrf}

    @property
    def headers(self) -> dict[str, str]:
        """The session cookie and the CSRF header: enough for any staff request."""
        return {"Cookie": f"{COOKIE_NAME}={self.token}", CSRF_HEADER: self.csrf}

    def client(self, base_url: str, **kwargs) -> httpx.Client:
        """An httpx client for a running backend that sends this session with every request."""
        return httpx.Client(base_url=base_url, headers=self.headers, **kwargs)


def create_staff(username: str, password: str = PASSWORD, role: str = "agent", display_name: str | None = None):
    """Creates the account in this process's database (DATABASE_URL, as the backend fixtures set it)."""
    from backend.database import get_sessionmaker
    from backend.staff.service import create_account

    with get_sessionmaker()() as db:
        return create_account(db, username, password, role, display_name)


def create_staff_cli(env: dict, username: str, password: str = PASSWORD, role: str = "agent") -> None:
    """Creates the account through the CLI, in the database of the environment given
    (a running stack's: `stack.env()`), as an operator would."""
    python = ROOT / ".venv" / "backend" / "bin" / "python"
    args = ["--username", username, "--role", role]
    result = subprocess.run(
        [str(python if python.exists() else sys.executable), "-m", "backend.staff", "create", *args],
        env={**os.environ, **env, "STAFF_PASSWORD": password, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"staff create failed: {result.stderr or result.stdout}")


def login(client_or_base_url, username: str, password: str = PASSWORD) -> StaffAuth:
    """Signs in; raises AssertionError with the backend's answer when refused."""
    body = {"username": username, "password": password}
    if isinstance(client_or_base_url, str):
        r = httpx.post(f"{client_or_base_url.rstrip('/')}/api/v1/staff/login", json=body, timeout=30)
    else:
        r = client_or_base_url.post("/api/v1/staff/login", json=body)
        client_or_base_url.cookies.clear()  # nothing implicit: requests name their session
    assert r.status_code == 200, f"login {username}: {r.status_code} {r.text}"
    token = r.cookies.get(COOKIE_NAME)
    assert token, "login set no session cookie"
    data = r.json()
    return StaffAuth(token=token, csrf=data["csrf_token"], staff=data["staff"])
