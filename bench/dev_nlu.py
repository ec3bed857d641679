"""`python -m bench.dev_nlu [model] [--misses] [--thresholds]` (bot venv): intent accuracy of a
trained model on the hand-written development utterances (bench/dev_utterances.yml), each text
normalised and slip-corrected as the channels do before NLU (bot/channels/turn_guard.py).

Prints accuracy, accuracy by intent and the most frequent confusions; `--misses` lists the wrong
ones with the classifier's top intent and confidence; `--thresholds` shows what the accuracy
would be at other FallbackClassifier thresholds (from the ranking behind an nlu_fallback). Tune
on these; judge by the blind aggregates (`python -m bench.blind.report`)."""

import asyncio
import logging
import sys
from collections import Counter
from pathlib import Path

import yaml
from rasa.core.agent import Agent

from bot.channels.slips import correct_slips
from citizen_text.normalise import normalise

DEV = Path(__file__).resolve().parent / "dev_utterances.yml"
FALLBACK = "nlu_fallback"


def load() -> list[dict]:
    return yaml.safe_load(DEV.read_text(encoding="utf-8"))


def top_intent(parsed: dict) -> tuple[str, float, float]:
    """The classifier's own best intent behind a possible nlu_fallback, its confidence, and the
    margin to the second."""
    ranking = [r for r in parsed.get("intent_ranking") or [] if r["name"] != FALLBACK]
    if not ranking:
        return parsed["intent"]["name"], parsed["intent"].get("confidence", 0.0), 1.0
    second = ranking[1]["confidence"] if len(ranking) > 1 else 0.0
    return ranking[0]["name"], ranking[0]["confidence"], ranking[0]["confidence"] - second


async def parse_all(model: str) -> list[dict]:
    agent = Agent.load(model)
    rows = []
    for item in load():
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


def summary(rows: list[dict]) -> list[str]:
    right = sum(r["intent"] == r["got"] for r in rows)
    by_intent: dict[str, list[int]] = {}
    for r in rows:
        tally = by_intent.setdefault(r["intent"], [0, 0])
        tally[0] += r["intent"] == r["got"]
        tally[1] += 1
    fallbacks = [r for r in rows if r["got"] == FALLBACK]
    confusions = Counter(f"{r['intent']}->{r['got']}" for r in rows if r["intent"] != r["got"])
    return [
        f"dev intent accuracy: {right / len(rows):.1%} ({right}/{len(rows)})",
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


def main() -> None:
    logging.disable(logging.WARNING)
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    rows = asyncio.run(parse_all(args[0] if args else "models/current.tar.gz"))
    print("\n".join(summary(rows)))
    if "--thresholds" in sys.argv:
        for ambiguity in (0.0, 0.05):
            print("\n".join(at_thresholds(rows, ambiguity)))
    if "--misses" in sys.argv:
        for r in rows:
            if r["intent"] != r["got"]:
                print(f"  {r['intent']} -> {r['got']} (top {r['top']} {r['confidence']:.2f}): {r['text']}")


if __name__ == "__main__":
    main()
