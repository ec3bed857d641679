"""Guide search on the blind questions: is the first hit the expected matter and aspect?
`python -m bench.blind.search` (backend venv) prints JSON. A question about the bundle as a whole
(matter null) is right when the first hit is the bundle's section for that aspect."""

import json
from collections import Counter

from backend.guides.search import get_index
from bench.blind.data import load


def evaluate() -> dict:
    index = get_index()
    rows = []
    for item in load("guide_questions"):
        result = index.search(item["question"], limit=1)
        hit = result.hits[0] if result.hits else None
        want_matter = item["matter"] or "bundle"
        got = (hit.matter, hit.aspect) if hit else (None, None)
        rows.append(
            {
                "question": item["question"],
                "want": [want_matter, item["aspect"]],
                "got": list(got),
                "matter_ok": got[0] == want_matter,
                "aspect_ok": got[1] == item["aspect"],
            }
        )
    n = len(rows)
    return {
        "questions": n,
        "top1": sum(r["matter_ok"] and r["aspect_ok"] for r in rows) / n,
        "matter": sum(r["matter_ok"] for r in rows) / n,
        "aspect": sum(r["aspect_ok"] for r in rows) / n,
        "misses": [r for r in rows if not (r["matter_ok"] and r["aspect_ok"])],
        "aspect_confusion": aspect_confusion(rows),
    }


def aspect_confusion(rows: list[dict]) -> dict[str, dict[str, int]]:
    """Counts only (no question text): for each expected matter, expected aspect -> predicted aspect,
    over the questions whose aspect was missed."""
    counts = Counter((r["want"][0], r["want"][1], r["got"][1]) for r in rows if not r["aspect_ok"])
    confusion: dict[str, dict[str, int]] = {}
    for (matter, want, got), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1])):
        confusion.setdefault(matter, {})[f"{want} -> {got}"] = n
    return confusion


def print_confusion(result: dict) -> None:
    """The aggregate figures and the aspect confusion, counts only."""
    print(f"top1 {result['top1']:.3f}  matter {result['matter']:.3f}  aspect {result['aspect']:.3f}")
    for matter, pairs in result["aspect_confusion"].items():
        print(f"{matter}: " + ", ".join(f"{pair} x{n}" for pair, n in pairs.items()))


if __name__ == "__main__":
    import sys

    if "--confusion" in sys.argv:
        print_confusion(evaluate())
    else:
        print(json.dumps(evaluate(), ensure_ascii=False))
