"""Seventh held-out batch of guide questions: bench/dev_guide_questions5.yml, written on 2026-12-06 by a
helper who never saw the bot (its header says what was read). Measured at first sight on main 07d9fa8
before any change: 80.0% top-1 (128/160; matter 90.0%, aspect 87.5%), bench/RESULTS.md §9h. Only its
odd-numbered items' misses were read (a trial that changed nothing in the end); the even half is still
unseen. Never copy these lines into guides/aspect_examples.yml or guides/vocabulary.yml.
Each item is (question, matter or "bundle", aspect), as in the other batches."""

from pathlib import Path

from tests.backend.guide_questions_stranger import load

SOURCE = Path(__file__).resolve().parents[2] / "bench" / "dev_guide_questions5.yml"

STRANGER5_QUESTIONS = load(SOURCE)
