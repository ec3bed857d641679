"""The held-out development utterances (bench/dev_utterances3.yml and bench/dev_utterances4.yml,
each written by a stranger to the bot) judge how the classifier generalises, so none of them may be a
training example: the common phrases the third shares with training examples older than it are
listed in bench/dev_utterances3_overlap.txt and allowed, no others; the fourth shares none. The earlier stranger-written sets (bench/strangers/) are training data now,
through the generated bot/data/nlu/strangers.yml, which must be what its generator writes."""

from pathlib import Path

import pytest
import yaml

from bench.stranger_training import TARGET, build, examples_in, key, stranger_items
from bot.channels.slips import correct_slips
from citizen_text.normalise import normalise

ROOT = Path(__file__).resolve().parents[2]
HELD_OUT = ROOT / "bench" / "dev_utterances3.yml"
HELD_OUT_4 = ROOT / "bench" / "dev_utterances4.yml"
# Replies in the small contextual intents (notices, uploads, ratings), written with
# bench/strangers/stranger8.yml and held out from it.
SMALL_INTENTS = ROOT / "bench" / "dev_small_intents.yml"
# The fifth, written after session 11's training data: the judge of the next intent round.
HELD_OUT_5 = ROOT / "bench" / "dev_utterances5.yml"


def training_examples() -> set[str]:
    return {key(text) for path in TARGET.parent.glob("*.yml") for text in examples_in(path)}


def domain_intents() -> set[str]:
    names = set()
    for path in (ROOT / "bot" / "domain").glob("*.yml"):
        for intent in yaml.safe_load(path.read_text(encoding="utf-8")).get("intents") or []:
            names.add(intent if isinstance(intent, str) else next(iter(intent)))
    return names


def held_out(path: Path = HELD_OUT) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def known_overlap() -> set[str]:
    lines = (ROOT / "bench" / "dev_utterances3_overlap.txt").read_text(encoding="utf-8").splitlines()
    return {key(line) for line in lines if line.strip() and not line.startswith("#")}


def test_no_held_out_utterance_is_trained_on_beyond_the_known_overlap():
    trained = training_examples() - known_overlap()
    assert [d["text"] for d in held_out() if key(d["text"]) in trained] == []


@pytest.mark.parametrize(
    "path", [HELD_OUT_4, SMALL_INTENTS, HELD_OUT_5], ids=["held_out_4", "small_intents", "held_out_5"]
)
def test_no_utterance_of_the_later_held_out_sets_is_trained_on(path):
    trained = training_examples()
    assert [d["text"] for d in held_out(path) if key(d["text"]) in trained] == []


def test_the_known_overlap_is_only_of_held_out_utterances():
    assert known_overlap() <= {key(d["text"]) for d in held_out()}


def test_the_stranger_training_file_is_what_its_generator_writes():
    assert TARGET.read_text(encoding="utf-8") == build(), "run: python -m bench.stranger_training"


def test_the_generated_examples_are_normalised_as_the_channels_read_them():
    generated = examples_in(TARGET)
    assert generated and [t for t in generated if correct_slips(normalise(t)) != t] == []


@pytest.mark.parametrize(
    "items, least",
    [
        (held_out(), 200),
        (held_out(HELD_OUT_4), 200),
        (held_out(SMALL_INTENTS), 120),
        (held_out(HELD_OUT_5), 200),
        (stranger_items(), 200),
    ],
    ids=["held_out", "held_out_4", "small_intents", "held_out_5", "strangers"],
)
def test_development_and_stranger_utterances_are_labelled_with_domain_intents(items, least):
    assert len(items) >= least
    assert {d["intent"] for d in items} <= domain_intents()
