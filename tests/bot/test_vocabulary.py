"""Issue #16 item 8: a matter named in everyday words is never dropped in silence. Every word the
NLU finds as a matter maps to one of the four matter codes (an unmapped word would reach the form
as an unknown value and be ignored), and the guides' vocabulary knows the same words."""

from pathlib import Path

import yaml

from bot.actions.slots import ALL_MATTERS

ROOT = Path(__file__).resolve().parents[2]


def _examples(item: dict) -> list[str]:
    return [line[2:].strip() for line in item["examples"].strip().splitlines()]


def lookup_words() -> list[str]:
    data = yaml.safe_load((ROOT / "bot/data/lookups/matter.yml").read_text(encoding="utf-8"))
    return _examples(next(i for i in data["nlu"] if i.get("lookup") == "matter"))


def synonyms() -> dict[str, str]:
    data = yaml.safe_load((ROOT / "bot/data/nlu/synonyms.yml").read_text(encoding="utf-8"))
    return {word: item["synonym"] for item in data["nlu"] if "synonym" in item for word in _examples(item)}


def test_every_matter_word_maps_to_a_matter():
    mapped = synonyms()
    unmapped = [w for w in lookup_words() if mapped.get(w) not in ALL_MATTERS]
    assert unmapped == []


def test_longer_words_come_first_so_the_whole_phrase_is_found():
    words = lookup_words()
    assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)


def test_everyday_words_are_known_to_the_nlu_and_the_guides():
    mapped = synonyms()
    vocabulary = yaml.safe_load((ROOT / "guides/vocabulary.yml").read_text(encoding="utf-8"))["matters"]
    everyday = {
        "marriage_registration": ["领证", "扯证", "结婚", "领结婚证"],
        "hukou_migration": ["户口迁过来", "落户", "投靠", "迁到我这"],
        "birth_registration": ["要宝宝", "怀孕", "准生证", "生二胎"],
        "hukou_marital_status": ["改成已婚", "户口本改成已婚"],
    }
    for matter, words in everyday.items():
        for word in words:
            assert mapped.get(word) == matter and word in lookup_words(), word
            tiers = vocabulary[matter]
            assert word in tiers["words"] + tiers.get("topics", []), word
