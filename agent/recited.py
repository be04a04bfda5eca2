"""A passage read aloud from a book: "when somebody reads from an old novel", "the audiobook
bit", "the poem". Where nothing the film says names the book, the words of the passage itself
mean nothing like the request (an Austen sentence is about Mr Dashwood's leisure, not about
"an old novel": MiniLM 0.13), so what tells it is how it is said: a voice of its own that says
little in the film (a recording, a radio, a reader; not one of the people talking, voices.py)
saying a sentence of a book's length. Asked only when the request names a written work (WordNet:
a literary composition or a publication) and its words find nothing as said.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from .hits import QueryHits, line_hits
from .kinds import load as _wordnet
from .lexical import _lemma, stem
from .voices import NAMING, has_voices, named_voices

if TYPE_CHECKING:
    from .plan import Query


@dataclass(frozen=True)
class RecitedOptions:
    """When a line is a passage read aloud."""

    # a passage is a sentence of at least this many words. Dev (the films' truth): the LibriVox
    # passages say 8-22 words (dev_film 22, dialogue 13, long_dev 8 and 18); the recorded list of
    # playing cards 8; the espeak fragments the voices stage clusters apart 1-5
    min_words: int = 10
    # ...and a reader's voice says no line shorter than this: a person on the phone answers
    # "Oranges and tea." (3 words). The voices stage may put another recording with the reader
    # (dev_film's card caller, 8 words, on an AMD EPYC machine's decode), so a voice of two
    # sentences is a reader too when one is a passage and the other no short answer
    line_words: int = 5
    few: int = 2
    z: float = 3.0  # the calibrated strength a passage gets (as a voice's line: voices.NAMING.z)


RECITED = RecitedOptions()
#: "audiobook" is no WordNet 3.0 word: what follows "audio" is the written work
_AUDIO = re.compile(r"\baudio[- ]?(?=books?\b)", re.I)
_WORDS = re.compile(r"[a-z]+")
_TOPIC = re.compile(r"\b(?:about|regarding|concerning)\b", re.I)
_OF = re.compile(r"\b[a-z]+\s+of\b", re.I)  # "the saga of X": X is what it is; "a reading of an old novel": a novel


@lru_cache(maxsize=1)
def _written_works() -> frozenset[int]:
    return frozenset(_lemma("literary composition", 1) + _lemma("publication", 1))


def reads_a_work(text: str) -> bool:
    """Whether ``text`` names a written work read out ("an old novel", "the audiobook", "old-fashioned
    book reading") in a word's usual sense ("the cooking instructions" are no manual), and no topic of one
    ("the story about the dragon": the dragon; "the saga of hana trying to get her licence": the work
    told of someone is that story, told in the film's talk)."""
    if _TOPIC.search(text):
        return False
    words = [w for w in _WORDS.findall(_OF.sub(" ", _AUDIO.sub("", text.lower())))
             if not w.startswith("read") and not w.endswith(("ing", "ed"))]  # the act, not a work ("booking")
    kinds, works = _wordnet(), _written_works()
    usual = [(kinds.lemma(stem(w)) or kinds.lemma(w))[:1] for w in words]  # the singular's first sense
    return any(works & ({s} | kinds.ancestors(s).keys()) for senses in usual for s in senses)


def recited_hits(scorer, query: Query, loose: bool, opts: RecitedOptions = RECITED) -> QueryHits | None:
    """The passages read aloud, for a query about a written work that its words find nowhere; else None."""
    index = scorer.index
    if query.exact or query.modality not in ("any", "speech") or not reads_a_work(query.text) \
            or not has_voices(index) or scorer.plain(query, loose).mask.any():
        return None
    named = named_voices(index)
    total = sum(named.seconds.values())
    words = [len(_WORDS.findall(s.text.lower())) for s in index.sentences]
    long = [n >= opts.min_words for n in words]
    said = {v: [n for n, w in zip(words, index.voices.voice) if w == v] for v in named.seconds}
    # a reader: a voice of one sentence (in a short film too), or one the film hears little that only
    # ever says long sentences (not a person on the phone who also says "Oranges and tea."), or one
    # of a few sentences with a passage among them and no short answer
    readers = {v for v, secs in named.seconds.items() if index.voices.voices[v].sentences == 1 or (
        said[v] and min(said[v]) >= opts.min_words and secs < NAMING.main_share * total) or (
        said[v] and len(said[v]) <= opts.few and max(said[v]) >= opts.min_words and min(said[v]) >= opts.line_words)}
    hits = line_hits(index, query, ((s, f"a passage read in a voice of its own: '{s.text.strip()}'")
                                    for s, v, ok in zip(index.sentences, index.voices.voice, long) if v in readers and ok),
                     opts.z, (f"nothing said names '{query.text}': the lines read aloud in a voice the film hears little",))
    return hits if hits.mask.any() else None
