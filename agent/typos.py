"""Typos in a request: a word that is no English word is read as the noun it misspells;
and two nouns that find nothing together, as the first ("holiday planning": the holiday).

One fixer for every modality ("the squirel" -> "the squirrel"), and never for a real word
("cartoon" is no typo of "carton") nor a word heard in the film.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from .calibration import LABELS
from .kinds import load as _kinds, noun_names as _noun_names
from .lexical import LEXICAL, STOP, _lemma, fold, sound, stem
from .word_forms import PREPOSITIONS


@dataclass(frozen=True)
class TypoOptions:
    """How far a reading of the viewer's words may go when they find nothing as typed."""

    # The first of two nouns stands for both only when it is this far down WordNet (a specific
    # noun, as heard_again.AgainOptions.min_depth): "holiday" 7, "money" 6; not "people" 3.
    modifier_depth: int = 6
    # ... and its best shot must stand out this far (calibrated z; any hit needs z_min 2.5):
    # dev_film "the weather forecast" (not in the film) as "weather" took "quiet in the summer
    # heat" at z 3.4; dialogue "holiday planning" as "holiday" z 4.6, "money problems" 5.7.
    modifier_z: float = 4.0


TYPOS = TypoOptions()


@lru_cache(maxsize=256)
def respelled(text: str, heard: frozenset[str] = frozenset()) -> str:
    """``text`` with each lower-case word that is no English noun (nor a word ``heard`` in
    the film) read as the noun it is a typo of ("the squirel" -> "the squirrel")."""
    out = []
    for word in text.split():
        fixed = word
        if (word.isalpha() and word.islower() and len(word) >= LEXICAL.min_fuzzy_len
                and word not in STOP | PREPOSITIONS and stem(word) not in heard and not _lemma(word)
                and not is_word(word)):  # "cartoon" is no typo of "carton", nor a verb of a noun
            fixed = _noun_near(word) or _split(word) or word
            if fixed == word and word.endswith("s") and (base := _noun_near(word[:-1])):
                fixed = base + "s"  # "monkys": the plural of a misspelt noun
            if fixed == word:
                fixed = _one_letter_off(word) or word
        out.append(fixed)
    return " ".join(out)


def _noun_near(word: str) -> str | None:
    """The noun ``word`` is a near-miss of, with its first letter (a typo seldom changes it);
    else the noun it is spelled as it sounds ("astronot" -> astronaut, "telefone" -> telephone)."""
    near = process.extractOne(word, _nouns_like(word[0], len(word)), scorer=fuzz.ratio,
                              score_cutoff=LEXICAL.spelling_ratio)
    if near and near[0][0] == word[0]:
        return near[0]
    best = max(((fuzz.ratio(word, n), n) for n in sounding(word[0], sound(word), len(word))), default=(0.0, None))
    return best[1] if best[0] >= LABELS.sound_ratio else None


#: words WordNet lacks that a typo may miss: "somthing to eat"
_INDEFINITE = frozenset("something anything nothing everything someone anyone everyone somebody anybody everybody"
                        " nobody somewhere anywhere everywhere".split())


def _split(word: str) -> str | None:
    """Two nouns written as one ("spacewoman", "pushbike" -> space woman, push bike): the split
    into two nouns of three letters or more whose shorter part is longest; never a misspelt word
    ("somthing" is no "som thing", "animls" no "ani mls": a misspelt plural is read as one)."""
    near = [w for w in _words_by_letter().get(word[:1], ()) if abs(len(w) - len(word)) <= 2]
    if any(process.extractOne(form, [w for w in near if w.replace("-", "") != form],  # not "push-bike"
                              scorer=fuzz.ratio, score_cutoff=LEXICAL.spelling_ratio)
           for form in {word, word.removesuffix("s")}):
        return None
    splits = [(word[:i], word[i:]) for i in range(3, len(word) - 2)]
    nouns = [(a, b) for a, b in splits if _lemma(a) and _lemma(b)]
    return " ".join(max(nouns, key=lambda ab: min(map(len, ab)))) if nouns else None


@lru_cache(maxsize=1)
def english() -> frozenset[str]:
    """Every one-word WordNet 3.0 lemma and irregular form (make_english_words.py)."""
    raw = resources.files("cutbot.indexers").joinpath("data/english_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").split())


def is_word(w: str) -> bool:
    """A real English word (any inflection we fold): never a typo to correct."""
    words = english()
    return w in words or fold(w) in words or stem(w) in words


@lru_cache(maxsize=1)
def _words_by_letter() -> dict[str, tuple[str, ...]]:
    """Every English word (and the words WordNet lacks) by first letter: a split compares a few thousand."""
    out: dict[str, list[str]] = {}
    for w in english() | _INDEFINITE:
        out.setdefault(w[:1], []).append(w)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _nouns_by_letter() -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for name in _noun_names():
        out.setdefault(name[:1], []).append(name)
    return {k: tuple(v) for k, v in out.items()}


@lru_cache(maxsize=256)
def sounding(first: str, said: str, size: int) -> tuple[str, ...]:
    """The one-word nouns starting ``first``, about ``size`` letters, that sound ``said`` (metaphone)."""
    return tuple(n for n in _nouns_like(first, size) if sound(n) == said)


def _one_letter_off(word: str) -> str | None:
    """The one noun a word of ``one_letter_len`` letters or more is a letter typed for another of
    ("cartoom"): a ratio of 86 in 7 letters, under the near-miss bar, so asked as one edit, last."""
    if len(word) < LEXICAL.one_letter_len:
        return None
    found = [n for n in _nouns_like(word[0], len(word))
             if len(n) == len(word) and Levenshtein.distance(word, n, score_cutoff=1) <= 1]
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=512)
def _nouns_like(first: str, size: int) -> tuple[str, ...]:
    """The nouns a typo of ``size`` letters starting with ``first`` can be (a typo seldom
    changes the first letter; a ratio of 90 allows about a fifth more or fewer letters):
    a few thousand names to compare instead of every noun (75 ms -> a few ms a word)."""
    lo, hi = 0.8 * size, 1.25 * size
    return tuple(n for n in _nouns_by_letter().get(first, ()) if lo <= len(n) <= hi)


def compound_modifier(text: str, options: TypoOptions = TYPOS) -> str | None:
    """The first of two nouns when the second names no thing ("holiday planning", "money problems"
    -> holiday, money; a birthday cake is a cake) and the first is a thing of its own: no quality
    ("red stripes", "old novel"), no verb's "-ing" ("going skiing"); None for any other phrase."""
    words = [w for w in text.lower().split() if w not in ("the", "a", "an", "some", "any", "all")]
    if len(words) == 3 and words[0].endswith(("'s", "’s")):
        words = words[1:]  # "felix's money problems": whose they are is no noun of the compound
    senses = [_lemma(w, 1) if w.isalpha() and w not in STOP else [] for w in words]
    if len(words) != 2 or not all(senses) or words[0].endswith("ing"):
        return None
    kinds, (physical, quality) = _kinds(), _anchors()
    if physical in kinds.ancestors(senses[1][0]) or quality & kinds.ancestors(senses[0][0]).keys() \
            or int(kinds.depth[senses[0][0]]) < options.modifier_depth:
        return None
    return words[0]


@lru_cache(maxsize=1)
def _anchors() -> tuple[int, frozenset[int]]:
    """WordNet's physical entity, and every sense of "attribute" (a quality: red, old)."""
    return _lemma("physical entity", 1)[0], frozenset(_lemma("attribute"))
