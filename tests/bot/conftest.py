"""Action tests run the real actions against a real backend (started here from .venv/backend),
with the real domain loaded from bot/domain."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def backend_url(tmp_path_factory):
    port = _free_port()
    db = tmp_path_factory.mktemp("backend") / "backend.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    proc = subprocess.Popen(
        [str(ROOT / ".venv/backend/bin/python"), "-m", "backend.serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120  # jieba and the guides load in 10 s on a quiet machine, 40 s on a busy one
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=1):
                break
        except OSError:
            time.sleep(0.25)
    else:
        proc.kill()
        pytest.fail("backend did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(autouse=True)
def point_actions_at_backend(request, monkeypatch):
    if "backend_url" not in request.fixturenames:
        return
    from bot.actions import backend, config

    monkeypatch.setattr(config, "BACKEND_URL", request.getfixturevalue("backend_url"))
    backend._session = None  # a fresh session per test, on this test's event loop
    backend._guide_cache.clear()


@pytest.fixture(scope="session")
def domain() -> dict:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


def get_json(url: str) -> tuple[int, object]:
    req = urllib.request.Request(url, headers={"Authorization": "Bearer local-service-token"})
    with urllib.request.urlopen(req) as r:
        return r.status, json.loads(r.read())


@pytest.fixture
def chat_store_key(monkeypatch) -> str:
    """A fresh Fernet key for the chat store (bot/tracker_store.py)."""
    from cryptography.fernet import Fernet

    from bot.tracker_store import SealedText

    key = Fernet.generate_key().decode()
    monkeypatch.setenv("CHAT_STORE_KEY", key)
    monkeypatch.setattr(SealedText, "current", None)
    return key


@pytest.fixture
def rasa_patched():
    """Rasa with bot/rasa_patches applied for one test, then Rasa's own code again."""
    from bot import rasa_patches

    rasa_patches.install()
    yield rasa_patches
    rasa_patches.uninstall()


@pytest.fixture(autouse=True)
def rasa_left_unpatched():
    yield
    patches = sys.modules.get("bot.rasa_patches")
    assert patches is None or not patches.installed(), "a test left Rasa patched: use the rasa_patched fixture"
