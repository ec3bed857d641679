"""The backend's vocabulary (GET /api/v1/catalog) as the bot reads it: bot/catalog.json, written
from the backend's own catalog by `make catalog` (run by `make train` and `make test-bot`) and
checked against it by the backend's tests, so the two cannot drift.

Read from a file, not fetched when the action server starts: the same file serves training and the
action server, the action server starts without waiting for the backend (the three services start
together), and a stale copy fails a test instead of a conversation. BOT_CATALOG_PATH names
another file (a test's catalog, exported from a backend with other guides)."""

import json
import os
from pathlib import Path

CATALOG_FILE = Path(os.environ.get("BOT_CATALOG_PATH") or Path(__file__).resolve().parents[1] / "catalog.json")


class CatalogMissing(RuntimeError):
    pass


def _load() -> dict:
    try:
        return json.loads(CATALOG_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CatalogMissing(f"{CATALOG_FILE} cannot be read ({exc}): run `make catalog`") from exc


CATALOG = _load()
ALL_MATTERS: list[str] = [m["code"] for m in CATALOG["matters"]]
MATTER_NAMES: dict[str, str] = {m["code"]: m["short_name"] for m in CATALOG["matters"]}
# Every name the catalog gives a matter (short and official), longest first: a matter added by data
# is recognised by its names before any training data knows it.
MATTER_BY_NAME: dict[str, str] = dict(
    sorted(
        ((name, m["code"]) for m in CATALOG["matters"] for name in {m["short_name"], m["name"]}),
        key=lambda item: -len(item[0]),
    )
)
ASPECT_NAMES: dict[str, str] = {a["code"]: a["name"] for a in CATALOG["aspects"]}
# Application field path -> the matters that need it.
NEEDED_FOR: dict[str, list[str]] = {f["path"]: f["needed_for"] for s in CATALOG["sections"] for f in s["fields"]}


def matter(code: str) -> str:
    """A matter the bot's code names; refuses a code the catalog does not have."""
    if code not in MATTER_NAMES:
        raise CatalogMissing(f"matter {code!r} is not in {CATALOG_FILE}: run `make catalog`")
    return code
