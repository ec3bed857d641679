"""Reads a question with the guides' vocabulary (guides/vocabulary.yml): which matter, which
aspect, and which synonyms to search it with.

Each detector finds the vocabulary's words in the question (the longest word wins where words
overlap) and keeps only the highest tier found: a word that says it outright beats a topic, a
topic beats a mere way of asking. Each matter or aspect then weighs the summed length of its
words, as a share of the strongest one (1.0). The matter detector applies three rules on top:
- marriage is the occasion of the other three matters ("结婚后户口迁过来"), so a question that
  also names one of them outright is about that one;
- a word about the joint application as a whole (一件事, 一起办, 进度) makes it about the bundle;
- a question that asks an aspect but names no matter ("要花钱吗", "在哪办") is about the bundle.
Only the bundle has an overview, so that aspect counts only for it.
"""

import unicodedata
from dataclasses import dataclass

from backend.guides.schemas import Cue, Vocabulary

MARRIAGE = "marriage_registration"
BUNDLE = "bundle"
OVERVIEW = "overview"
TIERS = ("words", "topics", "modals")  # strongest first


def normalise(text: str) -> str:
    """Full-width letters and digits to plain ones, lower case, no spaces."""
    return "".join(unicodedata.normalize("NFKC", text).lower().split())


def find_words(text: str, words: set[str]) -> list[str]:
    """The vocabulary's words in the text, in order; where they overlap the longest wins (the
    leftmost among equals)."""
    found = []
    for word in words:
        start = text.find(word)
        while start >= 0:
            found.append((start, start + len(word), word))
            start = text.find(word, start + 1)
    found.sort(key=lambda s: (s[0] - s[1], s[0]))
    taken: list[tuple[int, int, str]] = []
    for span in found:
        if all(span[1] <= t[0] or span[0] >= t[1] for t in taken):
            taken.append(span)
    return [word for _, _, word in sorted(taken)]


def shares(scores: dict[str, float]) -> dict[str, float]:
    """Each key's share of the strongest key (1.0 for the strongest)."""
    top = max(scores.values(), default=0.0)
    return {k: round(v / top, 3) for k, v in scores.items()} if top > 0 else {}


@dataclass(frozen=True)
class Detector:
    """One kind of cue (matters or aspects): for each word, the tier it has for each key."""

    tiers: dict[str, dict[str, int]]

    @classmethod
    def of(cls, cues: dict) -> "Detector":
        tiers: dict[str, dict[str, int]] = {}
        for key, cue in cues.items():
            for tier, name in reversed(list(enumerate(TIERS))):  # a word's strongest tier wins
                for word in getattr(cue, name):
                    tiers.setdefault(word, {})[str(key)] = tier
        return cls(tiers)

    def find(self, text: str) -> list[str]:
        return find_words(text, set(self.tiers))

    def scores(self, words: list[str]) -> dict[str, float]:
        """Each key's summed word length, counting only the highest tier found."""
        found = [(word, key, tier) for word in words for key, tier in self.tiers[word].items()]
        best = min((tier for _, _, tier in found), default=0)
        totals: dict[str, float] = {}
        for word, key, tier in found:
            if tier == best:
                totals[key] = totals.get(key, 0.0) + len(word)
        return totals


@dataclass(frozen=True)
class Reading:
    """What a question points at: matters and aspects with their weights (1.0 = strongest), the
    words that named its matter, and the synonyms to search it with."""

    matters: dict[str, float]
    aspects: dict[str, float]
    matter_words: tuple[str, ...]
    expansion: tuple[str, ...]

    @staticmethod
    def best(weights: dict[str, float]) -> str | None:
        """The single strongest key; None when nothing or a tie was found."""
        top = [k for k, w in weights.items() if w == 1.0]
        return top[0] if len(top) == 1 else None


@dataclass(frozen=True)
class QuestionReader:
    matters: Detector
    aspects: Detector
    synonyms: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, vocabulary: Vocabulary) -> "QuestionReader":
        return cls(
            matters=Detector.of(vocabulary.matters),
            aspects=Detector.of(vocabulary.aspects),
            synonyms=tuple(tuple(group) for group in vocabulary.synonyms),
        )

    def read(self, question: str) -> Reading:
        text = normalise(question)
        matter_words = self.matters.find(text)
        aspects = self.aspects.scores(self.aspects.find(text))
        matters = self._matters(matter_words, asks_an_aspect=bool(aspects))
        if BUNDLE not in matters:
            aspects.pop(OVERVIEW, None)
        return Reading(
            matters=matters,
            aspects=shares(aspects),
            matter_words=tuple(matter_words),
            expansion=self._expand(text),
        )

    def _matters(self, words: list[str], asks_an_aspect: bool) -> dict[str, float]:
        scores = self.matters.scores(words)
        if BUNDLE in scores:
            return {BUNDLE: 1.0}
        if any(
            tier == 0 and key not in (MARRIAGE, BUNDLE) for w in words for key, tier in self.matters.tiers[w].items()
        ):
            scores.pop(MARRIAGE, None)
        if not scores and asks_an_aspect:
            return {BUNDLE: 1.0}
        return shares(scores)

    def _expand(self, text: str) -> tuple[str, ...]:
        words: list[str] = []
        for group in self.synonyms:
            if any(word in text for word in group):
                words += [w for w in group if w not in text]
        return tuple(words)
