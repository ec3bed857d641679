"""Changes to Rasa's own code, fenced: one module per patch, each naming why it exists and what it
measured (bench/RESULTS.md), all applied and undone together here.

Every patch replaces code of one Rasa release, so `install()` refuses any other release unless
RASA_PATCHES_ANY_VERSION=1 is set (for trying an upgrade: run `make test-bot` and `make bench`
against it, then move SUPPORTED_RASA). `uninstall()` puts Rasa's own code back; tests apply the
patches only through a fixture that undoes them.

Not here because it patches nothing: bot/tracker_store.py (a subclass of Rasa's SQLTrackerStore
named in endpoints.yml) and its `KnownEventCount` (event_count.py), which overrides a private
method of that class and so is fenced by the same version.
"""

import logging
import os
from collections.abc import Mapping

from bot.rasa_patches.replacing import Applied

SUPPORTED_RASA = "3.6.21"
OVERRIDE_ENV = "RASA_PATCHES_ANY_VERSION"

log = logging.getLogger(__name__)
_applied: list[Applied] = []


class UnsupportedRasa(RuntimeError):
    pass


def check_version(version: str, env: Mapping[str, str] = os.environ) -> None:
    if version == SUPPORTED_RASA:
        return
    if env.get(OVERRIDE_ENV) == "1":
        log.warning("Rasa %s is not %s: its patches are applied untested (%s=1)", version, SUPPORTED_RASA, OVERRIDE_ENV)
        return
    raise UnsupportedRasa(
        f"bot/rasa_patches replace code of Rasa {SUPPORTED_RASA}, and Rasa {version} is installed. "
        f"Install rasa=={SUPPORTED_RASA} (requirements/rasa.txt), or set {OVERRIDE_ENV}=1 to try this "
        "release and run `make test-bot` and `make bench` before moving SUPPORTED_RASA."
    )


def _modules() -> list:
    # Imported here: each imports Rasa, which the version check reads first.
    from bot.rasa_patches import (
        action_session,
        event_lookup,
        event_schema,
        model_freeze,
        request_size,
        response_check,
        store_without_fallback,
    )

    return [
        response_check,
        event_lookup,
        model_freeze,
        action_session,
        store_without_fallback,
        request_size,
        event_schema,
    ]


def installed() -> bool:
    return bool(_applied)


def install() -> None:
    """Applies every patch once; a second call changes nothing."""
    import rasa

    check_version(rasa.__version__)
    if _applied:
        return
    from bot.rasa_patches.replacing import apply

    for module in _modules():
        _applied.extend(apply(r) for r in module.replacements())


def uninstall() -> None:
    """Puts Rasa's own code back, last patch first."""
    while _applied:
        _applied.pop().undo()
