"""Everyday two-character words that start with a surname (时间, 年底, 红包, 单位, 国庆): at the name
question such a reply is a word, not a name, unless the citizen cues it (我叫…, 名字是…).

The list is kept in common_words.txt, derived from jieba's dictionary (its word frequencies and
part-of-speech tags, counted on a large news corpus) by `python -m bot.actions.common_words`;
tests/bot/test_everyday_words.py checks that the kept list is what that derivation gives. A word
is listed when
- it starts with a listed surname that is not one of the hundred commonest (TOP_100 carry most
  people: 高明, 金星, 万里, 高峰 are names far more often than answers; the few words said at the
  question that start with one, 马上, 高兴, 方便, stay in names.NON_NAMES),
- jieba saw it at least MIN_FREQUENCY times (rarer words are seldom typed, and 文静 stays a name),
- jieba does not tag it as a person's name (nr: 宁静, 安然, 红梅, 海燕, 卫东) nor as an adjective
  (a: 安好, 文静, 平安: virtues are what given names are made of).
Places, brands and organisations (ns, nz, nt: 法国, 福利, 和平) are words here: not a person's name."""

import sys
from pathlib import Path

from bot.actions.surnames import SINGLE, TOP_100, WORDLIKE

KEPT = Path(__file__).with_name("common_words.txt")
MIN_FREQUENCY = 100
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "a"})
HEADER = "# Derived by `python -m bot.actions.common_words` from jieba's dictionary: do not edit by hand.\n"


def derive() -> list[str]:
    import jieba

    starts = (SINGLE | WORDLIKE) - frozenset(TOP_100)
    found = []
    with jieba.get_dict_file() as lines:
        for line in lines:
            word, frequency, tag = line.decode("utf-8").split()
            if len(word) == 2 and word[0] in starts and int(frequency) >= MIN_FREQUENCY and tag not in NAME_TAGS:
                found.append(word)
    return sorted(set(found))


def kept() -> frozenset[str]:
    return frozenset(line for line in KEPT.read_text(encoding="utf-8").splitlines() if line and line[0] != "#")


if __name__ == "__main__":
    words = derive()
    KEPT.write_text(HEADER + "".join(f"{w}\n" for w in words), encoding="utf-8")
    print(f"{len(words)} words -> {KEPT}", file=sys.stderr)
