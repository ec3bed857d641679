"""The trained model on the blind utterances, each normalised and slip-corrected as the channels
do before NLU (bot/channels/turn_guard.py):
intent accuracy, and for messages that name matters or an aspect, whether the entities found them.
`python -m bench.blind.nlu [model]` (bot venv) prints JSON as its last line (Rasa logs before it)."""

import asyncio
import json
import logging
import sys
from collections import Counter

from rasa.core.agent import Agent

from bench.blind.data import load
from bot.channels.slips import correct_slips
from citizen_text.normalise import normalise


async def evaluate(model: str) -> dict:
    agent = Agent.load(model)
    rows = []
    for item in load("utterances"):
        parsed = await agent.parse_message(correct_slips(normalise(item["text"])))
        entities = parsed.get("entities") or []
        matters = sorted({e["value"] for e in entities if e["entity"] == "matter"})
        aspects = {e["value"] for e in entities if e["entity"] == "guide_aspect"}
        rows.append(
            {
                "text": item["text"],
                "intent": item["intent"],
                "got": parsed["intent"]["name"],
                "matters_ok": matters == sorted(item.get("matters") or []),
                "aspect_ok": item.get("aspect") is None or item["aspect"] in aspects,
                "has_matters": bool(item.get("matters")),
            }
        )
    n = len(rows)
    by_intent: dict[str, list[int]] = {}
    for r in rows:
        by_intent.setdefault(r["intent"], [0, 0])
        by_intent[r["intent"]][0] += r["intent"] == r["got"]
        by_intent[r["intent"]][1] += 1
    named = [r for r in rows if r["has_matters"]]
    aspect_rows = [r for r in rows if r["intent"] == "ask_guide"]
    return {
        "utterances": n,
        "intent_accuracy": sum(r["intent"] == r["got"] for r in rows) / n,
        "by_intent": {k: v[0] / v[1] for k, v in sorted(by_intent.items())},
        "matters_exact": sum(r["matters_ok"] for r in named) / max(1, len(named)),
        "aspect_found": sum(r["aspect_ok"] for r in aspect_rows) / max(1, len(aspect_rows)),
        "confusions": Counter(f"{r['intent']}->{r['got']}" for r in rows if r["intent"] != r["got"]).most_common(15),
        "misses": [r for r in rows if r["intent"] != r["got"]],
    }


if __name__ == "__main__":
    logging.disable(logging.WARNING)
    result = asyncio.run(evaluate(sys.argv[1] if len(sys.argv) > 1 else "models/current.tar.gz"))
    print("\n" + json.dumps(result, ensure_ascii=False))
