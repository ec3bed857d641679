"""Guide search: the question's matter and aspect, read with the guides' vocabulary
(backend/guides/detect.py), and BM25 over every section's title and text (an FAQ pair's question
and answer), searched with the question's words and their synonyms.

Ranking: BM25 scores normalised to [0, 1], plus MATTER_BOOST times the section's matter weight and
ASPECT_BOOST times its aspect weight (1.0 for the strongest matter or aspect found, less for a
weaker one). So the sections of the detected matter × aspect come first and BM25 orders them; a
question that names an aspect but no matter gets the bundle's section for it; a question that
names neither is ranked by BM25 alone."""

from dataclasses import dataclass
from functools import lru_cache

import bm25s
import jieba
import numpy as np

from backend.guides.detect import QuestionReader, Reading, normalise
from backend.guides.loader import get_library
from backend.guides.schemas import Aspect, SearchHit, SearchResult, Section, Vocabulary
from backend.guides.sections import get_sections

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
    return [t for t in jieba.lcut_for_search(normalise(text)) if t.strip() and t not in STOPWORDS]


@dataclass
class GuideIndex:
    sections: tuple[Section, ...]
    reader: QuestionReader
    retriever: bm25s.BM25
    word_tokens: dict[str, list[str]]  # each synonym's tokens, cut once
    section_matters: np.ndarray  # each section's matter, aspect, and whether it is a main section
    section_aspects: tuple[str, ...]
    main_sections: np.ndarray

    def read(self, query: str) -> Reading:
        return self.reader.read(query)

    def scores(self, query: str, reading: Reading) -> np.ndarray:
        tokens = _tokens(query) + [t for word in reading.expansion for t in self.word_tokens[word]]
        # A query of stop words only ("啊") has no tokens: bm25s wants at least one.
        raw = self.retriever.get_scores(tokens) if tokens else np.zeros(len(self.sections))
        top = float(raw.max()) if len(raw) else 0.0
        if top <= 0 and not (reading.matter_words or reading.aspect_words):
            return raw  # no word of the guides or the vocabulary: the aspect model alone finds nothing
        scores = raw / top if top > 0 else raw.copy()
        for matter, weight in reading.matters.items():
            scores += MATTER_BOOST * weight * (self.section_matters == matter)
        # Every aspect has a weight now (the aspect model's): one look-up per section, not a pass per aspect.
        scores += ASPECT_BOOST * np.array([reading.aspects.get(a, 0.0) for a in self.section_aspects])
        if reading.matters or reading.aspects:
            scores += MAIN_SECTION_BONUS * self.main_sections
        return scores

    def search(self, query: str, limit: int = 5) -> SearchResult:
        query = query.strip()
        reading = self.read(query)
        scores = self.scores(query, reading)
        order = np.argsort(-scores, kind="stable")[:limit]
        hits = [
            SearchHit(**self.sections[i].model_dump(), score=round(float(scores[i]), 4)) for i in order if scores[i] > 0
        ]
        matter = Reading.best(reading.matters)
        aspect = Reading.best(reading.aspects)
        return SearchResult(
            query=query,
            detected_matter=matter if matter != "bundle" else None,
            detected_aspect=aspect if aspect in Aspect.__members__ else None,
            hits=hits,
        )


def aspect_examples(
    sections: tuple[Section, ...], vocabulary: Vocabulary, examples: dict[str, list[str]]
) -> list[tuple[str, str]]:
    """The aspect model's data: the example questions, the FAQ questions (titles that are not an
    aspect's name) and the vocabulary's aspect words."""
    pairs = [(q, str(aspect)) for aspect, questions in examples.items() for q in questions]
    pairs += [(s.title, s.aspect) for s in sections if not s.title.endswith(s.aspect_name)]
    for aspect, cue in vocabulary.aspects.items():
        pairs += [(w, str(aspect)) for w in cue.words + cue.topics + cue.modals]
    pairs += [(w, "conditions") for w in vocabulary.status]
    return pairs


def build_index(
    sections: tuple[Section, ...], vocabulary: Vocabulary, examples: dict[str, list[str]] | None = None
) -> GuideIndex:
    cues = [*vocabulary.matters.values(), *vocabulary.aspects.values()]
    for words in [
        *(c.words + c.topics + c.modals for c in cues),
        *vocabulary.synonyms,
        vocabulary.extra_words,
        vocabulary.proxy,
        vocabulary.status,
    ]:
        for word in words:
            jieba.add_word(word)
    retriever = bm25s.BM25()
    retriever.index([_tokens(f"{s.title} {s.text}") for s in sections], show_progress=False)
    return GuideIndex(
        sections=sections,
        reader=QuestionReader.of(vocabulary, aspect_examples(sections, vocabulary, examples or {})),
        retriever=retriever,
        word_tokens={word: _tokens(word) for group in vocabulary.synonyms for word in group},
        section_matters=np.array([s.matter for s in sections]),
        section_aspects=tuple(s.aspect for s in sections),
        main_sections=np.array([s.title.endswith(s.aspect_name) for s in sections], dtype=float),
    )


@lru_cache
def get_index() -> GuideIndex:
    library = get_library()
    return build_index(get_sections(), library.vocabulary, library.aspect_examples)
