"""Production refuses local, empty and short secrets: one list, one check, every service.
Each service is started as the Procfile starts it with one secret left bad at a time."""

import subprocess
import time

import httpx
import pytest
from cryptography.fernet import Fernet

from security.guard import SECRETS, local_defaults, problems
from tests.support.stack import BACKEND, ROOT, actions_command, free_port, local_env, rasa_command

COMMANDS = {
    "backend": lambda port: [str(BACKEND / "python"), "-m", "backend.serve", "--port", str(port)],
    "actions": actions_command,
    "rasa": rasa_command,
}


def strong_secrets() -> dict[str, str]:
    """Values production would accept for every secret."""
    values = {name: f"{name.lower()}-{'x' * 40}" for name in SECRETS}
    values["PII_KEY"] = Fernet.generate_key().decode()
    values["MATERIALS_KEY"] = Fernet.generate_key().decode()
    values["WECHAT_AES_KEY"] = "Z" * 43
    return values


def start(service: str, **env: str) -> subprocess.CompletedProcess:
    """How the service ended; one that starts serving is stopped and reported with returncode None."""
    port = free_port()
    process = subprocess.Popen(
        COMMANDS[service](port), env=local_env(**env), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/", timeout=1)
            process.terminate()  # it serves: the guard let it start
            process.communicate(timeout=20)
            return subprocess.CompletedProcess([], returncode=None, stderr="serving")
        except httpx.HTTPError:
            time.sleep(0.3)
    if process.poll() is None:
        process.kill()
    return subprocess.CompletedProcess([], returncode=process.wait(), stderr=process.stderr.read().decode())


# An optional secret may stay unset (it switches its feature off), so only a set default is refused.
CASES = [
    (service, name)
    for name, secret in SECRETS.items()
    for service in sorted(secret.services)
    if service in COMMANDS and (not secret.optional or local_defaults().get(name))
]


@pytest.mark.parametrize(("service", "name"), CASES)
def test_each_service_refuses_each_local_default(service, name):
    default = local_defaults().get(name)
    env = strong_secrets() | {"APP_ENV": "production", name: default or ""}
    finished = start(service, **env)
    assert finished.returncode == 78, finished.stderr[-2000:]
    assert name in finished.stderr
    others = [n for n in SECRETS if n != name and n in finished.stderr]
    assert not others, f"only {name} was bad, the refusal also names {others}"


@pytest.mark.parametrize("app_env", ["production", "Production", " PRODUCTION ", "prod", "staging"])
def test_production_is_any_environment_but_the_local_ones(app_env):
    assert problems("backend", {"APP_ENV": app_env})
    assert "BACKEND_SERVICE_TOKEN is unset or empty" in problems("backend", {"APP_ENV": app_env})


@pytest.mark.parametrize("app_env", ["local", "LOCAL", "test", "development"])
def test_local_environments_keep_their_defaults(app_env):
    assert problems("rasa", {"APP_ENV": app_env}) == []


def test_empty_short_and_wrong_length_secrets_are_refused():
    env = strong_secrets() | {"APP_ENV": "production"}
    assert problems("backend", env) == []
    assert problems("rasa", env) == []
    assert problems("actions", env) == []
    assert problems("backend", env | {"BACKEND_SERVICE_TOKEN": ""}) == ["BACKEND_SERVICE_TOKEN is unset or empty"]
    assert problems("actions", env | {"ACTION_SERVER_TOKEN": "   "}) == ["ACTION_SERVER_TOKEN is unset or empty"]
    assert problems("backend", env | {"DEPT_SECRET_HEALTH": "x" * 31}) == [
        "DEPT_SECRET_HEALTH is shorter than 32 characters"
    ]
    assert problems("rasa", env | {"WECHAT_AES_KEY": "Z" * 44}) == ["WECHAT_AES_KEY must be exactly 43 characters"]
    assert problems("rasa", env | {"REST_TOKEN": "short"}) == ["REST_TOKEN is shorter than 32 characters"]
    assert problems("rasa", env | {"REST_TOKEN": ""}) == []  # unset: the REST channel is off


def test_every_secret_has_a_local_default_or_is_optional():
    defaults = local_defaults()
    for name, secret in SECRETS.items():
        assert defaults.get(name) or secret.optional, f"{name} needs a local default in .env.example"


def test_the_backend_starts_in_production_with_strong_secrets(tmp_path):
    env = strong_secrets() | {"APP_ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}"}
    finished = start("backend", **env)
    assert finished.returncode is None, finished.stderr[-2000:]
