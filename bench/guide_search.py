"""Guide search on the project's own quality set (tests/backend/test_guides.py), the held-out batches
(tests/backend/guide_questions_heldout.py, now a development set, guide_questions_heldout2.py, the
stranger's bench/dev_guide_questions2.yml and guide_questions_heldout3.py,
guide_questions_heldout4.py, the strangers'
bench/dev_guide_questions3.yml, dev_guide_questions4.yml, dev_guide_questions5.yml and dev_guide_questions6.yml) and its latency. `python -m bench.guide_search` (backend
venv) prints JSON: top-1 (matter + aspect), matter and aspect accuracy for the named, the everyday
and the held-out questions, and the mean time of one search."""

import json
import time
from dataclasses import replace

from backend.guides.search import get_index
from tests.backend.guide_questions_heldout import HELDOUT_QUESTIONS
from tests.backend.guide_questions_heldout2 import HELDOUT2_QUESTIONS
from tests.backend.guide_questions_heldout3 import HELDOUT3_QUESTIONS
from tests.backend.guide_questions_heldout4 import HELDOUT4_QUESTIONS
from tests.backend.guide_questions_stranger import STRANGER_QUESTIONS
from tests.backend.guide_questions_stranger3 import STRANGER3_QUESTIONS
from tests.backend.guide_questions_stranger4 import STRANGER4_QUESTIONS
from tests.backend.guide_questions_stranger5 import STRANGER5_QUESTIONS
from tests.backend.guide_questions_stranger6 import STRANGER6_QUESTIONS
from tests.backend.test_guides import EVERYDAY_QUESTIONS, NAMED_QUESTIONS


def accuracy(questions: list[tuple[str, str, str]]) -> dict:
    index = get_index()
    rows = []
    for question, matter, aspect in questions:
        hits = index.search(question, limit=1).hits
        got = (hits[0].matter, hits[0].aspect) if hits else (None, None)
        rows.append((got[0] == matter, got[1] == aspect, question, (matter, aspect), got))
    n = len(rows)
    return {
        "questions": n,
        "top1": round(sum(m and a for m, a, *_ in rows) / n, 3),
        "matter": round(sum(m for m, *_ in rows) / n, 3),
        "aspect": round(sum(a for _, a, *_ in rows) / n, 3),
        "misses": [f"{q} want {w} got {g}" for m, a, q, w, g in rows if not (m and a)],
    }


def _mean_ms(index, questions: list[str], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for question in questions:
            index.search(question)
    return (time.perf_counter() - start) * 1000 / (rounds * len(questions))


def latency_ms(rounds: int = 20) -> dict:
    """Mean milliseconds per search over the whole quality set, index already built; and the same
    index without the learnt aspect model (vocabulary and BM25 only, as before issue 16 item 11),
    the two interleaved round by round so that other load on the machine hits both alike."""
    index = get_index()
    without_model = replace(index, reader=replace(index.reader, model=None))
    questions = [q for q, *_ in NAMED_QUESTIONS + EVERYDAY_QUESTIONS]
    index.search(questions[0])
    with_ms = without_ms = 0.0
    for _ in range(rounds):
        with_ms += _mean_ms(index, questions, 1) / rounds
        without_ms += _mean_ms(without_model, questions, 1) / rounds
    return {"ms": round(with_ms, 3), "ms_without_model": round(without_ms, 3), "ratio": round(with_ms / without_ms, 2)}


if __name__ == "__main__":
    report = {
        "named": accuracy(NAMED_QUESTIONS),
        "everyday": accuracy(EVERYDAY_QUESTIONS),
        "heldout": accuracy(HELDOUT_QUESTIONS),
        "heldout2": accuracy(HELDOUT2_QUESTIONS),
        "stranger": accuracy(STRANGER_QUESTIONS),
        "heldout3": accuracy(HELDOUT3_QUESTIONS),
        "heldout4": accuracy(HELDOUT4_QUESTIONS),
        "stranger3": accuracy(STRANGER3_QUESTIONS),
        "stranger4": accuracy(STRANGER4_QUESTIONS),
        "stranger5": accuracy(STRANGER5_QUESTIONS),
        "stranger6": accuracy(STRANGER6_QUESTIONS),
        **latency_ms(),
    }
    print(json.dumps(report, ensure_ascii=False, indent=1))
