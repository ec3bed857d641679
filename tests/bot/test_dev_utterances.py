"""The development utterances (bench/dev_utterances.yml, and the held-out second set
bench/dev_utterances2.yml) judge how the classifier generalises, so none of them may be a training
example, and each is labelled with an intent of the domain. The second set was written by a
stranger to the bot; the common phrases it shares with training examples older than it are listed
in bench/dev_utterances2_overlap.txt and allowed, no others."""

import re
from pathlib import Path

import pytest
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


def dev(name: str = "dev_utterances.yml") -> list[dict]:
    return yaml.safe_load((ROOT / "bench" / name).read_text(encoding="utf-8"))


def known_overlap() -> set[str]:
    lines = (ROOT / "bench" / "dev_utterances2_overlap.txt").read_text(encoding="utf-8").splitlines()
    return {_key(line) for line in lines if line.strip() and not line.startswith("#")}


def test_no_development_utterance_is_trained_on():
    trained = training_examples()
    assert [d["text"] for d in dev() if _key(d["text"]) in trained] == []


def test_no_held_out_utterance_is_trained_on_beyond_the_known_overlap():
    trained = training_examples() - known_overlap()
    assert [d["text"] for d in dev("dev_utterances2.yml") if _key(d["text"]) in trained] == []


def test_the_known_overlap_is_only_of_held_out_utterances():
    held_out = {_key(d["text"]) for d in dev("dev_utterances2.yml")}
    assert known_overlap() <= held_out


@pytest.mark.parametrize("name", ["dev_utterances.yml", "dev_utterances2.yml"])
def test_development_utterances_are_labelled_with_domain_intents(name):
    utterances = dev(name)
    assert len(utterances) >= 200
    assert {d["intent"] for d in utterances} <= domain_intents()
