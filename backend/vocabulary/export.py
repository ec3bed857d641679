"""`python -m backend.vocabulary.export [--check]`: writes the catalog the backend serves to
bot/catalog.json, which the action server (bot/actions/vocabulary.py) reads; `make catalog` runs
it, and `make train` and `make test-bot` through it. With --check it only says whether the file
is current (test-backend runs the same comparison); --out writes elsewhere (a test's catalog)."""

import argparse
import json
import sys
from pathlib import Path

from backend.vocabulary.service import build_catalog

BOT_CATALOG = Path(__file__).resolve().parents[2] / "bot" / "catalog.json"


def render() -> str:
    return json.dumps(build_catalog().model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="exit 1 if bot/catalog.json is not current")
    parser.add_argument("--out", type=Path, default=BOT_CATALOG, help="the file to write (default: bot/catalog.json)")
    args = parser.parse_args()
    target: Path = args.out
    current = target.read_text(encoding="utf-8") if target.exists() else ""
    if current == render():
        return 0
    if args.check:
        print(f"{target} is not the backend's catalog: run `make catalog`", file=sys.stderr)
        return 1
    target.write_text(render(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
