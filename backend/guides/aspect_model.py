"""Which aspect a question asks, learnt from examples: a multinomial naive Bayes over the question's
character n-grams. It reads the way of asking as a whole ("外地的能办吗" asks a condition although
外地 is a word of place), where the vocabulary's word lists only see single words. Trained at start
from guides/aspect_examples.yml, the guides' FAQ questions and the aspect words of vocabulary.yml;
pure Python: a look-up per n-gram and seven sums a question."""

import math
from collections import Counter
from dataclasses import dataclass

NGRAMS = (1, 2, 3)
SMOOTHING = 0.05  # Laplace-style pseudo-count: an n-gram never seen for an aspect is not impossible
# The posterior uses the mean log-likelihood per n-gram times SHARPNESS: naive Bayes multiplies
# dependent n-grams as if independent and is far too sure of itself otherwise.
SHARPNESS = 2.0


def ngrams(text: str) -> list[str]:
    """Character n-grams of the text with its start and end marked (^要, 吗$)."""
    marked = f"^{text}$"
    grams = [marked[i : i + n] for n in NGRAMS for i in range(len(marked) - n + 1)]
    return [g for g in grams if g not in ("^", "$")]


@dataclass(frozen=True)
class AspectModel:
    aspects: tuple[str, ...]
    log_prob: dict[str, tuple[float, ...]]  # n-gram -> log P(n-gram | aspect), aspect by aspect

    @classmethod
    def train(cls, examples: list[tuple[str, str]]) -> "AspectModel":
        counts: dict[str, Counter] = {}
        for text, aspect in examples:
            counts.setdefault(aspect, Counter()).update(ngrams(text))
        aspects = tuple(counts)
        grams = {g for c in counts.values() for g in c}
        totals = [sum(counts[a].values()) + SMOOTHING * len(grams) for a in aspects]
        log_prob = {
            g: tuple(math.log((counts[a][g] + SMOOTHING) / total) for a, total in zip(aspects, totals, strict=True))
            for g in grams
        }
        return cls(aspects, log_prob)

    def posterior(self, text: str) -> dict[str, float]:
        """P(aspect | question) with equal priors; n-grams no example had are left out."""
        seen = [self.log_prob[g] for g in ngrams(text) if g in self.log_prob]
        if not seen:
            return {}
        sums = [sum(column) for column in zip(*seen, strict=True)]
        top, scale = max(sums), SHARPNESS / len(seen)
        odds = [math.exp((s - top) * scale) for s in sums]
        total = sum(odds)
        return {a: o / total for a, o in zip(self.aspects, odds, strict=True)}
