"""Starts the real services (backend, action server, Rasa) on free ports with their own
SQLite files, for the end-to-end tests, the browser tests, the fault tests and the benchmarks.
A service can be SIGKILLed and started again with the same command, port and environment."""

import os
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import jwt

ROOT = Path(__file__).resolve().parents[2]
BOT = ROOT / ".venv" / "bot" / "bin"
BACKEND = ROOT / ".venv" / "backend" / "bin"
MODEL = ROOT / "models" / "current.tar.gz"
RASA_JWT_SECRET = "test-rasa-jwt-secret-for-the-suites-0123"
# Short, so a test holding the tracker file's lock sees Rasa give up quickly.
TRACKER_BUSY_TIMEOUT_MS = 1500


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rasa_command(
    port: int, model: Path = MODEL, endpoints: str = "endpoints.yml", origins: tuple[str, ...] = ()
) -> list[str]:
    """Rasa as the Procfile starts it: HTTP API behind admin JWTs, CORS for the web origins only."""
    return [
        str(BOT / "python"), "-m", "bot.rasa_cli", "run", "--enable-api",
        "--jwt-secret", RASA_JWT_SECRET, "--jwt-method", "HS256",
        "--model", str(model), "--endpoints", endpoints, "--credentials", "credentials.yml",
        "--port", str(port), "--cors", *(origins or ("http://localhost:8000",)),
    ]  # fmt: skip


def admin_jwt(subject: str = "tests") -> str:
    """An admin JWT for Rasa's HTTP API, minted server-side as the backend does."""
    payload = {"user": {"username": subject, "role": "admin"}, "exp": int(time.time()) + 300}
    return jwt.encode(payload, RASA_JWT_SECRET, algorithm="HS256")


def actions_command(port: int) -> list[str]:
    return [str(BOT / "python"), "-m", "bot.action_server", "--port", str(port)]


def local_env(**overrides: str) -> dict[str, str]:
    """.env.example's local defaults under the caller's environment, then the overrides."""
    env = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    env.update(os.environ)
    env.update(overrides)
    env["PYTHONPATH"] = str(ROOT)
    return env


@dataclass
class Service:
    name: str
    command: list[str]
    ready_url: str
    env: dict
    log: Path
    process: subprocess.Popen | None = None
    ready_line: str | None = None  # a process without HTTP: ready once its log shows this line

    def start(self, *, append: bool = False) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        out = self.log.open("a" if append else "w")
        self.process = subprocess.Popen(self.command, env=self.env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT)

    def wait(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.log}\n{self.log.read_text()[-3000:]}")
            if self.ready_line is not None:
                if self.ready_line in self.log.read_text():
                    return
                time.sleep(0.2)
                continue
            try:
                if httpx.get(self.ready_url, timeout=2).status_code < 500:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} not ready after {timeout}s: see {self.log}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def kill(self) -> None:
        """SIGKILL, as a crash or an OOM kill: no shutdown handler runs, nothing is flushed."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=20)

    def restart(self, timeout: float = 240) -> None:
        """The same command, port and environment again; the log goes on in the same file."""
        self.stop()
        if self.ready_line is not None:  # the marker must come from the new process
            self.log.rename(self.log.with_suffix(f".{int(time.time() * 1000)}.log"))
        self.start(append=True)
        self.wait(timeout)


def dispatcher_service(env: dict, log: Path, name: str = "dispatcher") -> Service:
    command = [str(BACKEND / "python"), "-m", "backend.notices.dispatcher"]
    return Service(name, command, "", env, log, ready_line="notice dispatcher ready")


@dataclass
class Stack:
    workdir: Path
    backend_port: int = field(default_factory=free_port)
    actions_port: int = field(default_factory=free_port)
    rasa_port: int = field(default_factory=free_port)
    database_url: str | None = None
    extra_env: dict = field(default_factory=dict)
    endpoints: str = "endpoints.yml"
    rasa_processes: int = 1  # more than one needs endpoints.production.yml (shared trackers and locks)
    dispatcher: bool = True  # the notice dispatcher (backend.notices.dispatcher)
    services: list[Service] = field(default_factory=list)

    @property
    def backend_url(self) -> str:
        return f"http://127.0.0.1:{self.backend_port}"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    @property
    def sms_log(self) -> Path:
        """What the logging SMS provider sent: one JSON line per text."""
        return self.workdir / "sms.log"

    def env(self) -> dict:
        defaults = {
            "DATABASE_URL": self.database_url or f"sqlite:///{self.workdir / 'backend.sqlite3'}",
            "BACKEND_URL": self.backend_url,
            "RASA_SOCKET_URL": self.rasa_url,
            "ACTION_ENDPOINT_URL": f"{self.actions_url}/webhook",
            "TRACKER_DB_NAME": str(self.workdir / "tracker.sqlite3"),
            "WECHAT_STORE_URL": str(self.workdir / "wechat-store.sqlite3"),
            "RASA_JWT_SECRET": RASA_JWT_SECRET,
            "RASA_URL": self.rasa_url,
            "TRACKER_BUSY_TIMEOUT_MS": str(TRACKER_BUSY_TIMEOUT_MS),
            "NOTICES_SMS_LOG_PATH": str(self.sms_log),
            "NOTICES_LEASE_SECONDS": "3",  # a killed dispatcher's notices are due again soon
            # Agents answer at any hour in tests, so results never depend on the time they run.
            "CONSOLE_HOURS": "24/7",
        }
        return local_env(**(defaults | self.extra_env))

    def start(self, *, rasa: bool = True) -> "Stack":
        if rasa and not MODEL.exists():
            raise RuntimeError("models/current.tar.gz is missing: run `make train`")
        env = self.env()
        logs = self.workdir / "logs"
        self.services = [
            Service(
                "backend",
                [str(BACKEND / "python"), "-m", "backend.serve", "--port", str(self.backend_port)],
                f"{self.backend_url}/readyz",
                env,
                logs / "backend.log",
            ),
            Service(
                "actions",
                actions_command(self.actions_port),
                f"{self.actions_url}/health",
                env,
                logs / "actions.log",
            ),
        ]
        if self.dispatcher:
            self.services.append(dispatcher_service(env, logs / "dispatcher.log"))
        if rasa:
            for i in range(self.rasa_processes):
                name, port = ("rasa", self.rasa_port) if i == 0 else (f"rasa-{i + 1}", free_port())
                self.services.append(
                    Service(
                        name,
                        rasa_command(port, endpoints=self.endpoints, origins=(self.backend_url,)),
                        f"http://127.0.0.1:{port}/",
                        env,
                        logs / f"{name}.log",
                    )
                )
        for service in self.services:
            service.start()
        try:
            for service in self.services:
                service.wait(timeout=240)
        except Exception:
            self.stop()
            raise
        return self

    def tracker(self, sender_id: str) -> dict:
        """A conversation's tracker through Rasa's HTTP API, as the backend reads it."""
        r = httpx.get(
            f"{self.rasa_url}/conversations/{sender_id}/tracker",
            headers={"Authorization": f"Bearer {admin_jwt()}"},
            timeout=30,
        )
        r.raise_for_status()
        return r.json()

    def service(self, name: str) -> Service:
        return next(s for s in self.services if s.name == name)

    def url_of(self, name: str) -> str:
        return self.service(name).ready_url.removesuffix("/readyz").removesuffix("/health").rstrip("/")

    def kill(self, name: str) -> None:
        self.service(name).kill()

    def restart(self, name: str, timeout: float = 240) -> None:
        self.service(name).restart(timeout)

    def stop(self) -> None:
        for service in reversed(self.services):
            service.stop()


class Chat:
    """One citizen talking to Rasa's REST channel; Rasa names the conversation `rest:<sender>`."""

    def __init__(self, stack: Stack, sender: str, rasa_url: str | None = None):
        self.url = f"{rasa_url or stack.rasa_url}/webhooks/rest/webhook"
        self.name = sender
        self.sender = f"rest:{sender}"  # the conversation id, as the backend and Rasa's API see it
        self.turns = 0

    def say(self, message: str) -> list[dict]:
        self.turns += 1
        r = httpx.post(self.url, json={"sender": self.name, "message": message}, timeout=60)
        r.raise_for_status()
        return r.json()

    def text(self, message: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(message))
