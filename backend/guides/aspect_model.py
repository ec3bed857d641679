"""Which aspect a question asks, learnt from examples: a multinomial naive Bayes over the question's
character n-grams. It reads the way of asking as a whole ("外地的能办吗" asks a condition although
外地 is a word of place), where the vocabulary's word lists only see single words. Trained at start
from guides/aspect_examples.yml, the guides' FAQ questions and the aspect words of vocabulary.yml;
pure Python, a few hundred dictionary look-ups a question."""

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
    log_prob: dict[str, dict[str, float]]  # aspect -> n-gram -> log P(n-gram | aspect)
    unseen: dict[str, float]  # aspect -> log P of an n-gram it never had
    vocabulary: frozenset[str]

    @classmethod
    def train(cls, examples: list[tuple[str, str]]) -> "AspectModel":
        counts: dict[str, Counter] = {}
        for text, aspect in examples:
            counts.setdefault(aspect, Counter()).update(ngrams(text))
        vocabulary = frozenset(g for c in counts.values() for g in c)
        log_prob, unseen = {}, {}
        for aspect, c in counts.items():
            total = sum(c.values()) + SMOOTHING * len(vocabulary)
            log_prob[aspect] = {g: math.log((n + SMOOTHING) / total) for g, n in c.items()}
            unseen[aspect] = math.log(SMOOTHING / total)
        return cls(log_prob, unseen, vocabulary)

    def posterior(self, text: str) -> dict[str, float]:
        """P(aspect | question) with equal priors; n-grams no example had are left out."""
        grams = [g for g in ngrams(text) if g in self.vocabulary]
        if not grams:
            return {}
        scores = {a: sum(lp.get(g, self.unseen[a]) for g in grams) for a, lp in self.log_prob.items()}
        top = max(scores.values())
        exp = {a: math.exp((s - top) * SHARPNESS / len(grams)) for a, s in scores.items()}
        total = sum(exp.values())
        return {a: v / total for a, v in exp.items()}
