"""Eighth held-out batch of guide questions: bench/dev_guide_questions6.yml, written on 2026-12-06 by a
helper who never saw the bot (its header says what was read), after round 8 of the guide search was
final. Scored at first sight only, in aggregate: 85.6% top-1 (matter 95.0%, aspect 90.0%), the same
with the search before round 8 (main 07d9fa8) as after it (bench/RESULTS.md §9h). None of its
misses has been read: it is the judge of the next round. Never copy these lines into
guides/aspect_examples.yml or guides/vocabulary.yml.
Each item is (question, matter or "bundle", aspect), as in the other batches."""

from pathlib import Path

from tests.backend.guide_questions_stranger import load

SOURCE = Path(__file__).resolve().parents[2] / "bench" / "dev_guide_questions6.yml"

STRANGER6_QUESTIONS = load(SOURCE)
