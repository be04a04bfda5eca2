"""What person words mean, read from WordNet: a kind of person ("astronaut", not "star") or
how someone looks ("bow tie", "striped shirt", "navy"), for who.py and roles.py."""
from __future__ import annotations

import re
from functools import lru_cache

from .kinds import load as _wordnet
from .lexical import STOP, stem
from .parts import usual_sense
from .word_forms import PLAIN_PEOPLE


@lru_cache(maxsize=1)
def _person_synset() -> int | None:
    found = _wordnet().lemma("person")
    return found[0] if found else None


@lru_cache(maxsize=4096)
def person_noun(word: str) -> bool:
    """Whether the commonest WordNet sense of ``word`` is a kind of person ("astronaut",
    "footballer", "pilot"; not "star", whose first sense is in the sky)."""
    top, sense = _person_synset(), usual_sense(word)
    return top is not None and sense is not None and top in _wordnet().ancestors(sense)


# What a person wears or looks like: the classifier's labels rarely name it (glasses, a striped
# shirt, a navy uniform), so when nothing shows it the person words may decide (described_person).
_LOOKS = ("clothing", "spectacles", "jewelry", "hair", "color", "chromatic color", "headdress", "body covering")


@lru_cache(maxsize=1)
def _looks_synsets() -> frozenset[int]:
    return frozenset(s for w in _LOOKS for s in _wordnet().lemma(w)[:1])


def looks(what: str) -> bool:
    """Whether a description only says how someone looks ("striped shirt", "glasses",
    "navy"): every noun in it is, in some WordNet sense, clothing, spectacles, jewellery,
    hair or a colour ("striped", "old": no noun, how not what), and at least one noun is.
    "the giraffe" or "the tripod by the river" are things near a person, not looks."""
    kinds, tops, found = _wordnet(), _looks_synsets(), False
    noun = lambda w: kinds.lemma(w) or (kinds.lemma(stem(w)) if w.endswith("s") else [])  # noqa: E731
    words, i = re.findall(r"[a-z]+", what.lower()), 0
    while i < len(words):
        w, nxt = words[i], words[i + 1] if i + 1 < len(words) else ""
        senses = nxt and (noun(f"{w} {nxt}") or noun(w + nxt))  # "bow ties", "space suit" (spacesuit)
        i += 2 if senses else 1
        if not senses:  # plurals only: "striped" is no "strip"
            senses = [] if w in STOP or w in PLAIN_PEOPLE else noun(w)
        if senses and all(tops.isdisjoint(kinds.ancestors(x)) for x in senses):
            return False
        found |= bool(senses)
    return found
