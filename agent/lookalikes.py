"""Exclusions are recall-first: what looks or sounds most like an excluded X is X too.

"without X" must leave no X, and the models miss some of X's shots: the second shot of
the same animation, a line misheard ("Ten of clothes." beside "Seven of clubs." for "the
card game talk"). A shot whose nearest shot in the film is one X was seen in, clearly so
for this film, goes too. The nearest-neighbour structure does not depend on what is
excluded, so it is built once per film and kept beside the scorer (``neighbours``). A kind
of person left out takes every shot of the faces it was found on (``same_faces``).
"""
from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from cutbot.indexers.intervals import index_at
from cutbot.indexers.text import l2_normalise

from . import edges, framing, heard_again
from .calibration import EXCLUSION, TEXT, median
from .hits import QueryHits
from .lexical import spoken_topic
from .person_phrases import PERSON_WORD
from .person_words import person_noun
from .plan import Query
from .search import Scorer
from .talk import GATE_OK
from .traits import first_names

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


@dataclass(frozen=True)
class Nearest:
    """Each row's nearest other row, and whether that pair's similarity stands
    ``EXCLUSION.lookalike_z`` robust deviations above the film's own pairs: "looks most
    like it, and clearly so for this film" (no fixed similarity). Built once per film
    (``neighbours``): the n x n similarity does not depend on what is excluded."""

    near: np.ndarray  # (n,) the nearest other row
    clear: np.ndarray  # (n,) whether that pair clears the film's bar

    @staticmethod
    def of(vectors: np.ndarray) -> "Nearest":
        n = len(vectors)
        none = Nearest(np.zeros(n, dtype=int), np.zeros(n, dtype=bool))
        if n < EXCLUSION.least_items:
            return none
        norm = np.linalg.norm(vectors, axis=1)
        v = l2_normalise(vectors)
        sim = v @ v.T
        sim[norm < 1e-9] = sim[:, norm < 1e-9] = -np.inf  # a shot without frames resembles nothing
        np.fill_diagonal(sim, -np.inf)
        pairs = sim[np.isfinite(sim)]  # each pair twice: the same median and spread
        if pairs.size < EXCLUSION.least_items:
            return none
        med = median(pairs)
        floor = med + EXCLUSION.lookalike_z * max(median(np.abs(pairs - med)) * 1.4826,
                                                  EXCLUSION.least_spread)
        near = sim.argmax(axis=1)
        return Nearest(near, sim[np.arange(n), near] >= floor)

    def to(self, seeds: set[int]) -> list[int]:
        """Rows (not seeds) whose nearest row is a seed, clearly."""
        if not seeds:
            return []
        hit = self.clear & np.isin(self.near, sorted(seeds))
        return [int(j) for j in np.flatnonzero(hit) if int(j) not in seeds]


_NEIGHBOURS: "weakref.WeakKeyDictionary[Scorer, dict[str, Nearest]]" = weakref.WeakKeyDictionary()


def neighbours(scorer: Scorer, rows: str) -> Nearest:
    """The scorer's film's ``rows`` ("shots" by their mean frame vector, "lines" by their
    sentence vector), computed once per film and kept beside the scorer, like ``_film_edges``."""
    cache = _NEIGHBOURS.setdefault(scorer, {})
    if rows not in cache:
        index = scorer.index
        if rows == "lines":
            vectors = np.asarray(index.sentence_vectors, dtype=np.float32)
        elif len(index.frames) and index.frame_vectors.size:
            shot = np.array([f.shot for f in index.frames], dtype=int)
            unit = l2_normalise(index.frame_vectors)
            order = np.argsort(shot, kind="stable")  # per shot, the sum of its frames (np.add.at is slow)
            firsts = np.flatnonzero(np.r_[True, np.diff(shot[order]) != 0])
            vectors = np.zeros((len(index.shots), index.frame_vectors.shape[1]))
            vectors[shot[order][firsts]] = np.add.reduceat(unit[order], firsts, axis=0)
        else:
            vectors = np.zeros((0, 1))
        cache[rows] = Nearest.of(vectors.reshape(len(vectors), -1))
    return cache[rows]


def look_alikes(scorer: Scorer, query: Query, shots, evidence,
                names_person: bool) -> list[tuple[int, tuple[float, float] | None]]:
    """Exclusions are recall-first: (shot, sentence span or None) for the shots that look
    most like a shot X was seen in, and the sentences most like a line about X that lean
    to X themselves ("Ten of clothes." beside "Seven of clubs." for "the card game talk")."""
    # seeds: the shots X is seen in; where it is seen nowhere, those said to show it (not
    # for a heard X, "the talk", nor a person: faces tell people apart, same_faces)
    seen = {int(i) for i in shots if any(e.modality == "visual" for e in evidence[int(i)])} or {int(i) for i in shots}
    seen = set() if query.modality in ("speech", "silence") or names_person else seen
    index = scorer.index
    out: list[tuple[int, tuple[float, float] | None]] = []
    if seen:
        out += [(j, None) for j in neighbours(scorer, "shots").to(seen)]
    said = [(e.start, e.end) for i in shots for e in evidence[int(i)] if e.modality == "speech"]
    sentences = index.sentences
    if query.modality == "any" and said and not query.exact:
        out += recital_kin(scorer, query)
    if query.modality != "speech" or query.exact or not said or len(sentences) != len(index.sentence_vectors):
        return out
    vecs = np.asarray(index.sentence_vectors, dtype=np.float32)
    lean = vecs @ scorer.text.embed([spoken_topic(query.text)])[0]
    seeds = {k for k, x in enumerate(sentences)
             if any(a < x.end - edges.EPS and b > x.start + edges.EPS for a, b in said)}
    typical, starts = median(lean), [s.start for s in index.shots]
    for k in neighbours(scorer, "lines").to(seeds):
        if lean[k] > typical:  # leans to X more than the film's typical line does
            x = sentences[k]
            out.append((index_at(starts, (x.start + x.end) / 2), (x.start, x.end)))
    return out


def recital_kin(scorer: Scorer, query: Query) -> list[tuple[int, tuple[float, float]]]:
    """For a subject not said to be talk ("the card reading"; a line's nearest line is too loose a
    tie there: "cut everything tom says" would take lines like his), the rest of a recital it
    surely names: (shot, span) of each line said in the voice of a line the subject itself would
    find, in a voice at least half of whose lines are such lines (a caller, a reader, an
    announcer; not a person who talks of many things), that reads like that line
    (TEXT.speech_floor). Gallery's card caller: "Seven of clubs." found, "Ten of clothes."
    misheard, .38 apart. Dev (7820): 18 up, 0 down; the nearest-line pass for these subjects
    instead: 23 up, 43 down (every person's lines and the cartoons' talk)."""
    index = scorer.index
    if index.voices is None or len(index.voices.voice) != len(index.sentences):
        return []
    raw, gate = heard_again.sentence_scores(index, scorer.transcript, scorer.text, query, False)
    sure = (raw >= TEXT.speech_floor) & (np.asarray(gate) >= GATE_OK)
    voice, vecs = np.asarray(index.voices.voice), np.asarray(index.sentence_vectors, dtype=np.float32)
    kin = np.zeros(len(sure), bool)
    for i in np.flatnonzero(sure):
        own = voice == voice[i]
        if 2 * (own & sure).sum() >= own.sum():
            kin |= own & (vecs @ vecs[i] >= TEXT.speech_floor) & ~sure
    starts, lines = [s.start for s in index.shots], [index.sentences[k] for k in np.flatnonzero(kin)]
    return [(index_at(starts, (x.start + x.end) / 2), (x.start, x.end)) for x in lines]


def same_faces(index: Index, scorer: Scorer, hits: QueryHits, query: Query) -> list[int]:
    """Exclusions are recall-first: when ``query`` names a kind of person ("the astronaut",
    "the footballer"), every shot of anyone whose face is on a shot it hit goes too, so a
    second shot of the same person that no label or line names does not leak. In a film that
    shows its speakers (voices tied to faces), a shot found only by a line names no face on it:
    "call my plumber" said in a conversation makes no one there the plumber (a narrator's
    words over a portrait still do)."""
    if query.modality in ("speech", "silence") or query.exact or not names_person(query):
        return []
    hit = {int(i) for i in np.flatnonzero(hits.mask)}
    name = query.who == "name" or query.text.lower().removesuffix("'s") in first_names()  # a name's lines: its voice
    talking = not name and bool(scorer.speaking_faces())
    named = {i for i in hit if not (talking and all(e.modality == "speech" for e in hits.evidence[i]))}
    ids = {t.person for t in index.face_tracks if t.person and t.shot in named}
    return sorted({s for p in index.people if p.id in ids for s in p.shots} - hit)


def names_person(query: Query) -> bool:
    """Whether the words name a person: a ``who`` reading, a person noun, or a noun whose
    first WordNet sense is a kind of person ("astronaut" -> traveler -> person)."""
    if framing.framing_of(query.text):  # a close-up of X is not every shot of X
        return False
    if query.who is not None or query.modality == "person" or PERSON_WORD.search(query.text):
        return True
    head = query.text.lower().split()[-1] if query.text.split() else ""
    try:
        return bool(head) and person_noun(head)
    except (OSError, ValueError):
        return False
