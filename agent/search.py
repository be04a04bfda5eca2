"""Score a film's shots for one query from speech, visual and people evidence (fused).

Raw similarities mean different things per model and per film, so every modality is
calibrated against the film's own background (median and robust spread of all its
frames, sentences or faces). One selection rule then works for every modality and
film: a hit must stand out from the background *and* come close to the film's best
match. ``any`` fuses the modalities per shot; agreement between them ranks a shot
higher, but one clear modality is enough to select it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any, Callable, Optional, Sequence

import numpy as np

from cutbot.indexers.intervals import index_at

from .evidence import Z_MIN, Evidence
from .plan import Query

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

# A hit must stand Z_MIN robust standard deviations above the film's background
# (evidence.py) and reach this share of the way from the background to the film's best match.
RELATIVE = 0.5
# Cosine similarity below which two texts (or a text and a label mix) are unrelated;
# a property of the MiniLM-style embedding space, not of any film. People scores are
# match probabilities from the faces index, so one half is "this person".
FLOOR = {"visual": 0.25, "speech": 0.25, "person": 0.5}
KEYWORD_BONUS = 0.3  # a query word said aloud is strong speech evidence
EXACT_FLOOR = 0.75  # share of a quote's words that must be heard in one sentence
AGREEMENT = 0.5  # weight of a second modality's z when it agrees on the same shot
MODALITIES = {"any": ("speech", "visual", "person"), "speech": ("speech",),
              "visual": ("visual",), "person": ("person",)}

_STOP = frozenset("""a an the of in on at to for with and or but is are was were be been
this that these those it its there here where when who what which some any all every
scene scenes shot shots part parts bit bits moment moments one ones about from by as""".split())
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Item:
    """One piece of raw evidence before calibration: a frame, a sentence or a face."""

    shot: int
    score: float
    detail: str
    time: float
    start: float
    end: float


# The people hook: (index, query) -> face evidence, or None when the film has no faces
# index. It may return raw ``Item``s (match probabilities 0..1, calibrated here like
# every modality) or decisions already made by the faces module: objects with
# ``to_evidence()`` (agent/people.py's PersonEvidence), kept as they are. The lead
# wires agent/people.py into ``find_people`` (or passes ``people=`` to Scorer).
PeopleFinder = Callable[["Index", Query], Optional[Sequence[Any]]]


def find_people(index: Index, query: Query) -> Optional[Sequence[Any]]:
    """Face evidence for ``query``; None when the film has no people or, for an ``any``
    query, when its words name nobody (then speech and pictures answer alone)."""
    if not index.people:
        return None
    from .errors import PlanError
    from .people import person_evidence
    try:
        return person_evidence(index, query.text)
    except PlanError:
        if query.modality == "person":
            raise
        return None


@dataclass(frozen=True)
class QueryHits:
    """Per-shot results for one query; ``strength`` is NaN where the shot is no hit."""

    query: Query
    strength: np.ndarray  # (n_shots,) fused calibrated score of hit shots, NaN elsewhere
    evidence: tuple[tuple[Evidence, ...], ...]  # per shot, the hit evidence, best first
    notes: tuple[str, ...] = ()  # e.g. a modality that could not be searched

    @property
    def mask(self) -> np.ndarray:
        return ~np.isnan(self.strength)


def content_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """Plural folding so 'cats' finds 'cat' and 'bicycles' finds 'bicycle'."""
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def singular(text: str) -> str:
    """'bicycles on the street' -> 'bicycle on the street': fold plural nouns."""
    return " ".join(w if w in _STOP else _stem(w) for w in text.split())


def shot_of(index: Index, t: float) -> int:
    return index_at([s.start for s in index.shots], t)


def _background(values: np.ndarray) -> tuple[float, float]:
    """Median and robust spread; the spread is floored so a flat film stays calm."""
    med = float(np.median(values))
    mad = float(np.median(np.abs(values - med))) * 1.4826
    return med, max(mad, 0.03)


def select(raw: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """(hit mask, z) over items: the adaptive threshold of the module docstring.

    Nothing is selected unless the film's best item clears the floor and stands
    ``Z_MIN`` above the background; then every item at least ``RELATIVE`` of the way
    from the background to the best (and clearly above the background) is a hit.
    """
    if raw.size == 0:
        return np.zeros(0, bool), np.zeros(0)
    med, spread = _background(raw)
    z = (raw - med) / spread
    best = float(raw.max())
    if best < floor or z.max() < Z_MIN:
        return np.zeros(raw.shape, bool), z
    cut = max(floor, med + RELATIVE * (best - med))
    return (raw >= cut) & (z >= Z_MIN * RELATIVE), z


class Scorer:
    """Scores queries against one Index; embedders load lazily on first use."""

    def __init__(self, index: Index, text_embedder=None, visual_embedder=None,
                 people: PeopleFinder | None = None):
        self.index = index
        self._text = text_embedder
        self._visual = visual_embedder
        self._people = people
        self._cache: dict[Query, QueryHits] = {}
        self._decided: list[Evidence] = []
        self.film: dict[str, object] = {}  # per-film helpers other stages keep here

    @property
    def text(self):
        if self._text is None:
            from cutbot.indexers.models import get_text_embedder
            self._text = get_text_embedder(self.index.models.get("text"))
        return self._text

    @property
    def visual(self):
        if self._visual is None:
            from cutbot.indexers.models import get_visual_embedder
            self._visual = get_visual_embedder(self.index.models.get("visual"))
        return self._visual

    @cached_property
    def _frame_shot(self) -> np.ndarray:
        return np.array([f.shot for f in self.index.frames], dtype=int)

    @cached_property
    def _frame_step(self) -> float:
        """Typical time between sampled frames: a frame stands for that much film."""
        times = np.array([f.time for f in self.index.frames])
        gaps = np.diff(np.sort(times))
        gaps = gaps[gaps > 1e-3]
        return float(np.median(gaps)) if gaps.size else 1.0

    @cached_property
    def _sentence_shot(self) -> np.ndarray:
        """Each sentence belongs to the shot holding its midpoint."""
        starts = np.array([s.start for s in self.index.shots])
        mids = np.array([(s.start + s.end) / 2 for s in self.index.sentences])
        if mids.size == 0:
            return np.zeros(0, dtype=int)
        return np.clip(np.searchsorted(starts, mids, side="right") - 1, 0, len(starts) - 1)

    def score(self, query: Query) -> QueryHits:
        """Fused per-shot hits for ``query`` (cached: plans re-ask the same queries)."""
        if query not in self._cache:
            self._cache[query] = self._score(query)
        return self._cache[query]

    def _score(self, query: Query) -> QueryHits:
        n = len(self.index.shots)
        per_shot: list[list[Evidence]] = [[] for _ in range(n)]
        notes: list[str] = []
        modalities = MODALITIES[query.modality]
        if query.exact:  # a quote is words said aloud: only the transcript can hold it
            modalities = ("speech",)
        for modality in modalities:
            items = self._items(modality, query)
            key = "exact" if query.exact else modality
            if items is None:
                if query.modality == "person":  # no faces index: fall back to the rest
                    notes.append(f"no faces index for '{query.text}': searched pictures "
                                 "and speech instead")
                    for other in ("speech", "visual"):
                        self._calibrate(other, self._items(other, query) or Items.empty(), per_shot)
                continue
            self._calibrate(key, items, per_shot)
            if modality == "person":  # hits the faces module decided itself
                for ev in self._decided:
                    per_shot[shot_of(self.index, ev.time)].append(ev)
                self._decided = []
        strength = np.full(n, np.nan)
        evidence = []
        for shot, evs in enumerate(per_shot):
            evs.sort(key=lambda e: -e.z)
            if evs:
                strength[shot] = evs[0].z + AGREEMENT * sum(e.z for e in evs[1:])
            evidence.append(tuple(evs))
        return QueryHits(query, strength, tuple(evidence), tuple(notes))

    def _items(self, modality: str, query: Query) -> Optional[Items]:
        if modality == "speech":
            return self._speech_items(query)
        if modality == "visual":
            return self._visual_items(query)
        found = (self._people or find_people)(self.index, query)
        if found is None:
            return None
        raw = [f for f in found if isinstance(f, Item)]
        self._decided = [f.to_evidence() if hasattr(f, "to_evidence") else f
                         for f in found if not isinstance(f, Item)]
        return Items.of(raw)

    def _calibrate(self, modality: str, items: Items, per_shot: list[list[Evidence]]) -> None:
        """Select the items that stand out, and keep the best one per shot."""
        if items.raw.size == 0:
            return
        raw = items.raw
        hit, z = select(raw, EXACT_FLOOR if modality == "exact" else FLOOR[modality])
        idx = np.flatnonzero(hit)
        best: dict[int, int] = {}
        for i in idx:
            shot = int(items.shot[i])
            if shot not in best or raw[i] > raw[best[shot]]:
                best[shot] = int(i)
        for shot, i in best.items():
            start, end = float(items.start[i]), float(items.end[i])
            if modality == "visual":  # the run of standing-out frames in this shot
                times = items.time[idx[items.shot[idx] == shot]]
                half = self._frame_step / 2
                start, end = float(times.min()) - half, float(times.max()) + half
            name = "speech" if modality == "exact" else modality
            per_shot[shot].append(Evidence(name, float(raw[i]), float(z[i]), items.detail(i),
                                           float(items.time[i]), start, end))

    def _visual_items(self, query: Query) -> Items:
        """One item per frame: the best frames of a shot speak for it, not its mean."""
        vecs = self.index.frame_vectors
        if len(self.index.frames) == 0 or vecs.size == 0:
            return Items.empty()
        # Picture labels are singular ("bicycle"); score the singular form too.
        forms = list(dict.fromkeys([query.text, singular(query.text)]))
        raw = (vecs @ self.visual.embed_queries(forms).T).max(axis=1)
        frames = self.index.frames

        def detail(i: int) -> str:
            merged: dict[str, float] = {}  # ImageNet names repeat ("missile" twice)
            for name, p in frames[i].labels:
                merged[name] = merged.get(name, 0.0) + p
            top = sorted(merged.items(), key=lambda kv: -kv[1])[:2]
            labels = ", ".join(f"{name} {p:.2f}" for name, p in top)
            return f"labels {labels or 'none'}"
        t = self._frame_times
        return Items(raw, self._frame_shot, t, t, t, detail)

    def _speech_items(self, query: Query) -> Items:
        """One item per sentence: meaning (embedding) plus the query's words said aloud."""
        sentences = self.index.sentences
        if not sentences:
            return Items.empty()
        words = content_words(query.text)
        coverage = np.zeros(len(sentences))
        for w in set(words):
            coverage[self._said.get(w, [])] += words.count(w) / len(words)
        if query.exact:
            raw = coverage
        else:
            qv = self.text.embed([query.text])[0]
            raw = self.index.sentence_vectors @ qv + KEYWORD_BONUS * coverage
        st, en = self._sentence_spans
        return Items(raw, self._sentence_shot, (st + en) / 2, st, en,
                     lambda i: f'"{sentences[i].text.strip()}"')

    @cached_property
    def _frame_times(self) -> np.ndarray:
        return np.array([f.time for f in self.index.frames], dtype=float)

    @cached_property
    def _sentence_spans(self) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([s.start for s in self.index.sentences], dtype=float),
                np.array([s.end for s in self.index.sentences], dtype=float))

    @cached_property
    def _said(self) -> dict[str, list[int]]:
        """Inverted index: content word -> sentences that say it."""
        out: dict[str, list[int]] = {}
        for i, s in enumerate(self.index.sentences):
            for w in set(content_words(s.text)):
                out.setdefault(w, []).append(i)
        return out


@dataclass(frozen=True)
class Items:
    """Raw evidence of one modality as arrays (one row per frame, sentence or face)."""

    raw: np.ndarray
    shot: np.ndarray
    time: np.ndarray
    start: np.ndarray
    end: np.ndarray
    detail: Callable[[int], str]

    @staticmethod
    def empty() -> "Items":
        z = np.zeros(0)
        return Items(z, z.astype(int), z, z, z, lambda i: "")

    @staticmethod
    def of(items: list[Item]) -> "Items":
        def col(name):
            return np.array([getattr(it, name) for it in items], dtype=float)
        return Items(col("score"), col("shot").astype(int), col("time"), col("start"), col("end"),
                     lambda i: items[i].detail)
