"""One production guard for every service (CONTRACT §5).

Each service calls `enforce("<service>")` before it serves anything. Outside local, development
and test environments (`APP_ENV`, any case; an unknown value counts as production, so a typo
cannot switch the guard off) a service refuses to start while any secret it uses is unset, empty,
shorter than its minimum, or still the local default published in `.env.example`. The refusal
names every offending variable."""

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

ENV_EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"
NON_PRODUCTION = {"local", "dev", "development", "test"}
MIN_LENGTH = 32


@dataclass(frozen=True)
class Secret:
    services: frozenset[str]
    # Optional secrets switch a feature on when set (REST_TOKEN opens the REST channel).
    optional: bool = False
    exact_length: int | None = None


def _secret(*services: str, **kwargs) -> Secret:
    return Secret(frozenset(services), **kwargs)


# The one list: which service needs which secret.
SECRETS: dict[str, Secret] = {
    "BACKEND_SERVICE_TOKEN": _secret("backend", "actions", "wechat"),
    "PII_KEY": _secret("backend"),
    "PII_HASH_KEY": _secret("backend"),
    # Fernet key sealing uploaded materials (and signing citizens' upload passes).
    "MATERIALS_KEY": _secret("backend"),
    "DEPT_SECRET_CIVIL_AFFAIRS": _secret("backend"),
    "DEPT_SECRET_PUBLIC_SECURITY": _secret("backend"),
    "DEPT_SECRET_HEALTH": _secret("backend"),
    "CHAT_SESSION_SECRET": _secret("backend", "rasa"),
    "RASA_JWT_SECRET": _secret("rasa", "backend"),
    "CHAT_STORE_KEY": _secret("rasa"),
    "ACTION_SERVER_TOKEN": _secret("actions", "rasa"),
    "REST_TOKEN": _secret("rasa", optional=True),
    # WeChat issues a token of at most 32 characters and an AES key of exactly 43.
    "WECHAT_TOKEN": _secret("rasa", "wechat"),
    "WECHAT_APP_SECRET": _secret("rasa", "wechat"),
    "WECHAT_AES_KEY": _secret("rasa", "wechat", exact_length=43),
}


class ProductionConfigError(RuntimeError):
    pass


def is_production(environ: Mapping[str, str] = os.environ) -> bool:
    return environ.get("APP_ENV", "local").strip().lower() not in NON_PRODUCTION


def local_defaults(path: Path = ENV_EXAMPLE) -> dict[str, str]:
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            values[key.strip()] = value.strip()
    return values


def problems(service: str, environ: Mapping[str, str] = os.environ) -> list[str]:
    """What is wrong with the service's secrets in production; empty when it may start."""
    if not is_production(environ):
        return []
    defaults = local_defaults()
    found = []
    for name, secret in SECRETS.items():
        if service not in secret.services:
            continue
        value = environ.get(name, "").strip()
        if not value:
            if not secret.optional:
                found.append(f"{name} is unset or empty")
        elif defaults.get(name) and value == defaults[name]:
            found.append(f"{name} has the local default from .env.example")
        elif secret.exact_length and len(value) != secret.exact_length:
            found.append(f"{name} must be exactly {secret.exact_length} characters")
        elif len(value) < MIN_LENGTH:
            found.append(f"{name} is shorter than {MIN_LENGTH} characters")
    return found


def check(service: str, environ: Mapping[str, str] = os.environ) -> None:
    found = problems(service, environ)
    if found:
        raise ProductionConfigError(f"APP_ENV=production: {service} refuses to start: " + "; ".join(found))


def enforce(service: str, environ: Mapping[str, str] = os.environ) -> None:
    """Exits with status 78 (configuration error) and the reasons when the check fails."""
    try:
        check(service, environ)
    except ProductionConfigError as exc:
        print(exc, file=sys.stderr, flush=True)
        raise SystemExit(78) from None
