"""Loads the frozen blind set (tests/blind/)."""

from pathlib import Path

import yaml

BLIND = Path(__file__).resolve().parents[2] / "tests" / "blind"


def load(name: str) -> list[dict]:
    return yaml.safe_load((BLIND / f"{name}.yml").read_text(encoding="utf-8"))
