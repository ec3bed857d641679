"""`python -m bench.dev_nlu [model] [--file F]... [--misses] [--thresholds]` (bot venv): intent
accuracy of a trained model on the held-out development utterances (bench/dev_utterances3.yml,
written by a stranger to the bot, or each `--file` given: bench/dev_utterances4.yml is the fourth,
which shares no text with the training data; the earlier sets in bench/strangers/ are
training data now), each text normalised and slip-corrected as the channels do before NLU
(bot/channels/turn_guard.py).

Prints accuracy, accuracy by intent and the most frequent confusions; `--misses` lists the wrong
ones with the classifier's top intent and confidence; `--thresholds` shows what the accuracy
would be at other FallbackClassifier thresholds (from the ranking behind an nlu_fallback). Tune
on these; judge by the blind aggregates (`python -m bench.blind.report`)."""

import asyncio
import logging
import sys
from collections import Counter
from pathlib import Path

import structlog
import yaml
from rasa.core.agent import Agent

from bot.channels.slips import correct_slips
from citizen_text.normalise import normalise

DEV = Path(__file__).resolve().parent / "dev_utterances3.yml"
FALLBACK = "nlu_fallback"


def load(path: Path = DEV) -> list[dict]:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def top_intent(parsed: dict) -> tuple[str, float, float]:
    """The classifier's own best intent behind a possible nlu_fallback, its confidence, and the
    margin to the second."""
    ranking = [r for r in parsed.get("intent_ranking") or [] if r["name"] != FALLBACK]
    if not ranking:
        return parsed["intent"]["name"], parsed["intent"].get("confidence", 0.0), 1.0
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    return ranking[0]["name"], ranking[0]["confidence"], ranking[0]["confidence"] - second


async def parse_all(model: str, files: list[Path]) -> dict[Path, list[dict]]:
    agent = Agent.load(model)
    return {path: await parse_file(agent, path) for path in files}


async def parse_file(agent: Agent, path: Path) -> list[dict]:
    rows = []
    for item in load(path):
        parsed = await agent.parse_message(correct_slips(normalise(item["text"])))
        top, confidence, margin = top_intent(parsed)
        rows.append(
            {
                "text": item["text"],
                "intent": item["intent"],
                "got": parsed["intent"]["name"],
                "top": top,
                "confidence": confidence,
                "margin": margin,
            }
        )
    return rows


def summary(rows: list[dict], name: str = "dev") -> list[str]:
    right = sum(r["intent"] == r["got"] for r in rows)
    by_intent: dict[str, list[int]] = {}
    for r in rows:
        tally = by_intent.setdefault(r["intent"], [0, 0])
        tally[0] += r["intent"] == r["got"]
        tally[1] += 1
    fallbacks = [r for r in rows if r["got"] == FALLBACK]
    confusions = Counter(f"{r['intent']}->{r['got']}" for r in rows if r["intent"] != r["got"])
    return [
        f"{name} intent accuracy: {right / len(rows):.1%} ({right}/{len(rows)})",
        f"nlu_fallback: {len(fallbacks)}, of which the top intent was right: "
        f"{sum(r['top'] == r['intent'] for r in fallbacks)}",
        "by intent: " + ", ".join(f"{k} {v[0] / v[1]:.0%} ({v[1]})" for k, v in sorted(by_intent.items())),
        "confusions: " + ", ".join(f"{pair} {n}" for pair, n in confusions.most_common(15)),
    ]


def at_thresholds(rows: list[dict], ambiguity: float) -> list[str]:
    lines = []
    for threshold in (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        right = sum(r["top"] == r["intent"] and r["confidence"] >= threshold and r["margin"] >= ambiguity for r in rows)
        lines.append(f"threshold {threshold:.2f} (ambiguity {ambiguity}): {right / len(rows):.1%}")
    return lines


def arguments(argv: list[str]) -> tuple[str, list[Path], set[str]]:
    """The model (first plain argument), the files (each `--file F`, or the first set) and the
    flags."""
    model, files, flags = "models/current.tar.gz", [], set()
    rest = iter(argv)
    for arg in rest:
        if arg == "--file":
            files.append(Path(next(rest)))
        elif arg.startswith("--"):
            flags.add(arg)
        else:
            model = arg
    return model, files or [DEV], flags


def main() -> None:
    logging.disable(logging.WARNING)
    # Rasa's structlog messages (one per parsed text) are not held back by logging.disable.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    model, files, flags = arguments(sys.argv[1:])
    results = asyncio.run(parse_all(model, files))
    for path, rows in results.items():
        print("\n".join(summary(rows, path.stem)))
        if "--thresholds" in flags:
            for ambiguity in (0.0, 0.05):
                print("\n".join(at_thresholds(rows, ambiguity)))
        if "--misses" in flags:
            for r in rows:
                if r["intent"] != r["got"]:
                    print(f"  {r['intent']} -> {r['got']} (top {r['top']} {r['confidence']:.2f}): {r['text']}")
    if len(results) > 1:
        everything = [r for rows in results.values() for r in rows]
        print(summary(everything, "all")[0])


if __name__ == "__main__":
    main()
