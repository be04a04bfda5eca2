"""A relative said is not the topic: the spoken mirror of ``relatives.shadowed``.

``spoken.sibling_said`` refuses a line that names a SIBLING of the topic ("Portugal" for
"Spain": one WordNet parent). Meaning reaches further than one parent: "Mostly, ducks." means
"the swans" (.48 in MiniLM) though a duck is a swan's cousin (both aquatic birds, 3 steps up
from the duck), and "the way back from Leeds" means "London" (.50; both cities, London an
instance of a national capital). The words said name the other thing; only the shared kind
lends the line its meaning. So a line is refused for a topic where it says a RELATIVE of the
topic's head noun (``relatives.kin_senses``: under one close WordNet kind of both, the same
kinship the picture's relatives rule measured on every dev film), says neither the topic nor
a kind of it, and means that relative more than the topic; only for a topic that is a thing or
a place, not an event (a trip is told by its hiking). The evidence is the transcript's own
words; no word table.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from .kinds import load as _wordnet
from .lexical import LEXICAL, _lemma, content_words, stem, topics
from .relatives import kin_senses

if TYPE_CHECKING:
    from cutbot.indexers.schema import TextEmbedder

    from .lexical import Transcript

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_MIN_LETTERS = 3  # "ox", "an": too short to name a thing reliably in a transcript (as sibling_said)


@lru_cache(maxsize=65536)
def usual_sense(word: str) -> int | None:
    """A spoken word's usual noun sense (its own lemma first, then its singular's)."""
    senses = _lemma(word)
    return senses[0] if senses else None


@lru_cache(maxsize=1)
def _event() -> int:
    """WordNet 3.0 "event" (acts, happenings): a topic that is something done is told by its
    relatives. Dev: interview "when they plan the trip" / "the hiking trip" (trip -> journey ->
    travel) lost their "walking in the mountains" and "two weeks of hiking" lines without it."""
    return _wordnet().lemma("event")[0]


@lru_cache(maxsize=65536)
def _kin(sense: int, other: int) -> bool:
    return kin_senses(sense, other)


def line_words(transcript: Transcript, i: int) -> list[str]:
    """The words of sentence ``i`` as said (lower case, not stemmed: "Leeds" is no "leed")."""
    return [w.lower() for w in _WORD.findall(transcript.sentences[i].text)]


def relative_said(vectors: np.ndarray, text: TextEmbedder, transcript: Transcript, topic: str,
                  said: np.ndarray, kinds: np.ndarray) -> np.ndarray:
    """Per sentence, True where it names a relative of the topic's head noun (and neither the
    topic nor a kind of it) and means that relative more than the topic (module docstring)."""
    out = np.zeros(len(said), bool)
    found = topics(topic)
    if not found or not len(transcript.sentences):
        return out
    phrase = found[-1][0]
    mine = usual_sense(phrase)
    if mine is None or _event() in _wordnet().ancestors(mine):
        return out  # something done or happening: its relatives describe it ("hiking" is the trip)
    own = set(content_words(topic)) | {phrase}
    words: dict[int, list[str]] = {}
    for i in np.flatnonzero((said < LEXICAL.said_floor) & (kinds <= 0)).tolist():
        for w in line_words(transcript, i):
            if len(w) < _MIN_LETTERS or w in own or stem(w) in own:
                continue
            other = usual_sense(w)
            if other is not None and other != mine and _kin(mine, other):
                words.setdefault(i, []).append(w)
    if not words:
        return out
    names = sorted({w for ws in words.values() for w in ws})
    near = vectors @ text.embed([phrase] + names).T
    for i, ws in words.items():
        out[i] = max(near[i, 1 + names.index(w)] for w in ws) > near[i, 0]
    return out
