"""The film's own vocabulary: which picture labels, spoken phrases and people it has.

The parser keeps the viewer's words and never reads the index. This module, used by
the Editor, says what those words map to in *this* film ("automobile pursuit" ->
visual: sports car, police van; said: "follow that car") with the text embedder, so
the viewer sees which reading was used; it also resolves pointers at the cut on
screen ("the second chase") and builds the suggestions of a clarifying question.
"""
from __future__ import annotations

import hashlib
import logging
from collections import Counter
from pathlib import Path
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Literal, Optional

import numpy as np

from cutbot.indexers.files import atomic_save_npy

from .arrange import piece_index, spans_of
from .calibration import VISION
from .cut import Cut
from .grammar import SegmentRef
from .people import load_roster
from .labels import category
from .plan import Query, Span
from .lexical import content_words
from .traits import once

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

Kind = Literal["visual", "speech", "person"]
MATCH_FLOOR = 0.35  # cosine below which a term is not what the viewer meant (MiniLM space)
LABEL_FLOOR = VISION.label_floor  # a frame label below this probability is noise, not vocabulary
_MIN_WORD = 3
#: English function words and fillers: never what a film is "about" (no film subjects here).
_FUNCTION = frozenset("""we you they them our your their she her his him i me my mine
    not no yes can could would should will shall must may might need needs want wants get got
    go going gone come came say said tell told know think just like really very much many
    more most also too then than now here there well okay yeah oh hey did does done have has
    had was were been being into onto over under again out off up down what why how who
    whom whose which while because only even still ever let lets let's""".split())
MAX_TERMS = 300  # per kind, most frequent first: bounds the one-off embedding cost


@dataclass(frozen=True)
class Term:
    text: str
    kind: Kind
    count: int  # frames, sentences or shots that carry it


@dataclass(frozen=True)
class Mapping:
    """The film's terms nearest to one query, best first, with cosine similarity."""

    query: Query
    terms: tuple[tuple[Term, float], ...]

    def describe(self) -> str:
        if not self.terms:
            return f"'{self.query.text}': nothing close in this film's labels or transcript"
        by_kind: dict[str, list[str]] = {}
        for term, sim in self.terms:
            shown = f'"{term.text}"' if term.kind == "speech" else term.text
            by_kind.setdefault(term.kind, []).append(f"{shown} {sim:.2f}")
        said = {"visual": "seen", "speech": "said", "person": "people"}
        return f"'{self.query.text}' -> " + "; ".join(
            f"{said[k]}: {', '.join(v)}" for k, v in by_kind.items())


class Vocabulary:
    """Terms of one Index, embedded once (lazily) with the film's text embedder."""

    def __init__(self, index: Index, embedder=None, scorer=None):
        self.index = index
        self._embedder = embedder
        self._scorer = scorer  # shares the scorer's (lazily loaded) text embedder

    @property
    def embedder(self):
        if self._embedder is None and self._scorer is not None:
            self._embedder = self._scorer.text
        if self._embedder is None:
            from cutbot.indexers.models import get_text_embedder
            self._embedder = get_text_embedder(self.index.models.get("text"))
        return self._embedder

    @cached_property
    def terms(self) -> tuple[Term, ...]:
        labels, words = once(self.index, "vocabulary.counts", self._counts)  # one pass per film
        names = load_roster(self.index).names if self.index.people else {}
        people = [Term(names.get(p.id) or f"person {p.id}", "person", len(p.shots))
                  for p in self.index.people]
        return (tuple(Term(t, "visual", n) for t, n in labels.most_common(MAX_TERMS))
                + tuple(Term(t, "speech", n) for t, n in words.most_common(MAX_TERMS))
                + tuple(people))

    def _counts(self) -> tuple[Counter[str], Counter[str]]:
        """The film's labels and spoken words (and word pairs) with their counts; the names
        people are given change, so they are read per Vocabulary, not kept here."""
        labels: Counter[str] = Counter()
        for frame in self.index.frames:
            labels.update(sorted({name for name, p in frame.labels if p >= LABEL_FLOOR}))
        words: Counter[str] = Counter()
        for sentence in self.index.sentences:
            found = [w for w in content_words(sentence.text)
                     if len(w) >= _MIN_WORD and w not in _FUNCTION]
            # sorted: ties keep one order in every process (the vector cache's key)
            words.update(sorted(set(found) | {" ".join(p) for p in zip(found, found[1:])}))
        return labels, words

    @cached_property
    def _vectors(self) -> np.ndarray:
        """Embedded once per film and model, then read from disk: a single-shot run
        must not pay for embedding hundreds of terms (nor for importing torch)."""
        texts = [t.text for t in self.terms]
        if not texts:
            return np.zeros((0, 1), np.float32)
        root = self.index.root
        if not (Path(root) / "manifest.json").is_file():
            return self.embedder.embed(texts)  # in memory only, or not an index folder
        key = hashlib.sha1("\n".join([str(self.embedder.name), *texts]).encode()).hexdigest()[:20]
        path = Path(root) / f"vocabulary-{key}.npy"  # beside the index, outside its manifest
        try:
            cached = np.load(path)
            if cached.shape[0] == len(texts):
                return cached
        except (OSError, ValueError):
            pass
        vectors = self.embedder.embed(texts)
        try:
            atomic_save_npy(path, vectors)
        except OSError as exc:  # a read-only home only costs time
            log.debug("could not cache vocabulary vectors: %s", exc)
        return vectors

    def warm(self) -> None:
        """Embed (or read back) the film's terms now, e.g. right after indexing."""
        _ = self._vectors

    def vectors(self) -> np.ndarray:
        """The terms' vectors, row for row (so other steps reuse them instead of the model)."""
        return self._vectors

    def map(self, query: Query, k: int = 3, floor: float = MATCH_FLOOR) -> Mapping:
        """The ``k`` nearest terms per kind the query's modality searches."""
        kinds = {"any": ("visual", "speech"), "visual": ("visual",), "speech": ("speech",),
                 "person": ("person",)}[query.modality]
        if not self.terms or query.exact:
            return Mapping(query, ())
        sims = self._vectors @ self.embedder.embed([query.text])[0]
        found: list[tuple[Term, float]] = []
        cat = category(query.text) if "visual" in kinds else None
        if cat is not None and cat.whole:  # "pets": the film's labels that ARE pets
            members = [t for t in self.terms if t.kind == "visual" and t.text.lower() in cat.labels]
            found += [(t, 1.0) for t in members[:k]]
            kinds = tuple(x for x in kinds if x != "visual")
        for kind in kinds:
            rows = [i for i, t in enumerate(self.terms) if t.kind == kind and sims[i] >= floor]
            rows.sort(key=lambda i: -sims[i])
            found += [(self.terms[i], round(float(sims[i]), 2)) for i in rows[:k]]
        found.sort(key=lambda ts: -ts[1])
        return Mapping(query, tuple(found))

    def suggestions(self, n: int = 6) -> dict[str, list[str]]:
        """The most frequent terms per kind: what this film can be asked about."""
        out: dict[str, list[str]] = {}
        for term in self.terms:
            if term.kind == "speech" and (" " in term.text or "'" in term.text):
                continue  # a pair, or a contraction ("i'm", "'m"): nothing to ask about
            bucket = out.setdefault(term.kind, [])
            if len(bucket) < n:
                bucket.append(term.text)
        return out

    def clarify(self, message: str) -> str:
        """One short question: what went wrong, and what this film does have."""
        names = {"visual": "seen", "speech": "said", "person": "people"}
        hints = [f"{names[k]}: {', '.join(v)}" for k, v in self.suggestions(5).items() if v]
        if not hints:
            return message
        return f"{message.rstrip('.')}. Did you mean something this film has? " + "; ".join(hints)


def resolve_refs(refs: tuple[SegmentRef, ...], cut: Optional[Cut], scorer=None) -> tuple[Span, ...]:
    """Pointers -> the stretches of the cut they name. "the second chase" counts only the
    segments with evidence for "chase" (scored with ``scorer``, else their reasons)."""
    from .errors import PlanError

    spans = []
    for ref in refs:
        pool = _pool(cut, ref.text, scorer)
        i = piece_index(ref.ordinal, len(pool))
        if i is None:
            what = f"'{ref.text}' segment(s)" if ref.text else "segment(s)"
            raise PlanError(f"the cut has {len(pool)} {what}; there is no number {ref.ordinal}")
        spans += spans_of(pool[i:i + 1])
    return tuple(spans)


def place_about(text: str, cut: Optional[Cut], scorer=None) -> int:
    """The place (1-based) of the first piece of ``cut`` about ``text`` ("trim the coffee clip")."""
    return cut.segments.index(_pool(cut, text, scorer)[0]) + 1


def pieces_with(queries: tuple[Query, ...], cut: Optional[Cut], scorer=None) -> list[int]:
    """The indexes of the pieces of ``cut`` with evidence for one of ``queries`` ("only the ones with people")."""
    return [i for i, s in enumerate(_segments(cut)) if any(_about(s, q, scorer) for q in queries)]


def _segments(cut: Optional[Cut]) -> list:
    from .errors import PlanError

    if cut is None or not cut.segments:
        raise PlanError("there is no cut on screen to point at yet: ask for one first")
    return list(cut.segments)


def _pool(cut: Optional[Cut], text: Optional[str], scorer) -> list:
    """The pieces of ``cut`` about ``text`` (all of them without one), in their order."""
    from .errors import PlanError

    pool = [s for s in _segments(cut) if not text or _about(s, text, scorer)]
    if not pool:
        raise PlanError(f"no segment of the cut is about '{text}'")
    return pool


def _about(segment, text: str | Query, scorer) -> bool:
    query = text if isinstance(text, Query) else Query(text=text)
    if scorer is not None and segment.shots and segment.source is None:  # shots of its film
        try:
            hits = scorer.score(query)
            return any(0 <= s < len(hits.strength) and not np.isnan(hits.strength[s])
                       for s in segment.shots)
        except Exception:  # noqa: BLE001 - a scorer problem falls back to the reasons
            pass
    words = set(content_words(query.text))
    return any(words & set(content_words(r)) for r in segment.reasons)
