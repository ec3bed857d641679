"""Guide search on the blind questions: is the first hit the expected matter and aspect?
`python -m bench.blind.search` (backend venv) prints JSON. A question about the bundle as a whole
(matter null) is right when the first hit is the bundle's section for that aspect."""

import json

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
    }


if __name__ == "__main__":
    print(json.dumps(evaluate(), ensure_ascii=False))
