"""Guide search: jieba tokens, BM25 over sections and FAQ pairs, nudged towards the matter
and aspect that the question's everyday words point at."""

from dataclasses import dataclass
from functools import lru_cache

import bm25s
import jieba
import numpy as np

from backend.guides.loader import get_library
from backend.guides.schemas import SearchHit, SearchResult, Section, Vocabulary
from backend.guides.sections import get_sections

# Boosts are added to BM25 scores normalised to [0, 1]: a matter or aspect named in everyday
# words is the strongest signal, and BM25 ranks the sections within it (and decides alone
# when the question names neither).
MATTER_BOOST = 1.0
ASPECT_BOOST = 1.0
MAIN_SECTION_BONUS = 0.05  # prefer the full section over an FAQ when both match
STOPWORDS = set(
    [
        "的",
        "了",
        "吗",
        "呢",
        "啊",
        "呀",
        "吧",
        "么",
        "是",
        "我",
        "我们",
        "你",
        "要",
        "想",
        "请问",
        "一下",
        "怎么",
        "什么",
        "哪些",
        "需要",
        "可以",
        "能",
        "和",
        "跟",
        "与",
        "在",
        "有",
    ]
)


def _tokens(text: str) -> list[str]:
    return [t for t in jieba.lcut_for_search(text.lower()) if t.strip() and t not in STOPWORDS]


def _longest_hit(text: str, words_by_key: dict) -> str | None:
    """The key whose longest matching word is longest: 户口迁移 beats 户口."""
    best, best_len = None, 0
    for key, words in words_by_key.items():
        for word in words:
            if word in text and len(word) > best_len:
                best, best_len = key, len(word)
    return best


@dataclass
class GuideIndex:
    sections: tuple[Section, ...]
    vocabulary: Vocabulary
    retriever: bm25s.BM25

    def detect(self, query: str) -> tuple[str | None, str | None]:
        matter = _longest_hit(query, self.vocabulary.matters)
        aspect = _longest_hit(query, self.vocabulary.aspects)
        return (str(matter) if matter else None, str(aspect) if aspect else None)

    def search(self, query: str, limit: int = 5) -> SearchResult:
        query = query.strip()
        matter, aspect = self.detect(query)
        tokens = _tokens(query)  # empty for a query of stop words only ("啊"): bm25s wants at least one
        raw = self.retriever.get_scores(tokens) if tokens else np.zeros(len(self.sections))
        top = float(raw.max()) if len(raw) else 0.0
        scores = raw / top if top > 0 else raw.copy()
        for i, section in enumerate(self.sections):
            if matter and section.matter == matter:
                scores[i] += MATTER_BOOST
            if aspect and section.aspect == aspect:
                scores[i] += ASPECT_BOOST
            if section.title.endswith(section.aspect_name):
                scores[i] += MAIN_SECTION_BONUS if (matter or aspect) else 0
        order = np.argsort(-scores, kind="stable")[:limit]
        hits = [
            SearchHit(**self.sections[i].model_dump(), score=round(float(scores[i]), 4)) for i in order if scores[i] > 0
        ]
        return SearchResult(query=query, detected_matter=matter, detected_aspect=aspect, hits=hits)


def build_index(sections: tuple[Section, ...], vocabulary: Vocabulary) -> GuideIndex:
    for words in [*vocabulary.matters.values(), *vocabulary.aspects.values(), vocabulary.extra_words]:
        for word in words:
            jieba.add_word(word)
    retriever = bm25s.BM25()
    retriever.index([_tokens(f"{s.title} {s.text}") for s in sections], show_progress=False)
    return GuideIndex(sections=sections, vocabulary=vocabulary, retriever=retriever)


@lru_cache
def get_index() -> GuideIndex:
    return build_index(get_sections(), get_library().vocabulary)
