"""The development utterances (bench/dev_utterances.yml) judge how the classifier generalises, so
none of them may be a training example, and each is labelled with an intent of the domain."""

import re
from pathlib import Path

import yaml

from bot.channels.slips import correct_slips
from citizen_text.normalise import normalise

ROOT = Path(__file__).resolve().parents[2]
ANNOTATION = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def _key(text: str) -> str:
    return re.sub(r"\s+", "", correct_slips(normalise(text))).rstrip("。.！!？?")


def training_examples() -> set[str]:
    found = set()
    for path in (ROOT / "bot" / "data" / "nlu").glob("*.yml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu") or []:
            for line in (item.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    found.add(_key(ANNOTATION.sub(r"\1", line.strip()[2:])))
    return found


def domain_intents() -> set[str]:
    names = set()
    for path in (ROOT / "bot" / "domain").glob("*.yml"):
        for intent in yaml.safe_load(path.read_text(encoding="utf-8")).get("intents") or []:
            names.add(intent if isinstance(intent, str) else next(iter(intent)))
    return names


def dev() -> list[dict]:
    return yaml.safe_load((ROOT / "bench" / "dev_utterances.yml").read_text(encoding="utf-8"))


def test_no_development_utterance_is_trained_on():
    trained = training_examples()
    assert [d["text"] for d in dev() if _key(d["text"]) in trained] == []


def test_development_utterances_are_labelled_with_domain_intents():
    utterances = dev()
    assert len(utterances) >= 200
    assert {d["intent"] for d in utterances} <= domain_intents()
