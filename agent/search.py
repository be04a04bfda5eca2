"""Score a film's shots for one query from speech and visual evidence.

Raw similarities mean different things per model and per film, so every modality is
calibrated against the film's own background (median and robust spread of all its
frames or sentences). One selection rule then works for every modality and film: a
hit must stand out from the background *and* come close to the film's best match.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np


from .plan import Query

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

# A hit must be this many robust standard deviations above the film's background...
Z_MIN = 2.5
# ...and reach this share of the way from the background to the film's best match.
RELATIVE = 0.5
# Cosine similarity below which two texts (or a text and a label mix) are unrelated;
# a property of the MiniLM-style embedding space, not of any film.
FLOOR = {"visual": 0.25, "speech": 0.25}
KEYWORD_BONUS = 0.3

_STOP = frozenset("""a an the of in on at to for with and or but is are was were be been
this that these those it its there here where when who what which some any all every
scene scenes shot shots part parts bit bits moment moments one ones about from by as""".split())
_WORD = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True)
class Evidence:
    """Why a shot matched: the best item of one modality."""

    modality: str  # "visual" | "speech"
    score: float  # raw similarity (or keyword coverage for exact quotes)
    z: float  # calibrated against the film's background
    detail: str  # visual labels or the transcript line
    time: float  # where in the source the evidence is
    start: float = 0.0  # the evidence's own span (a sentence), for tight edges
    end: float = 0.0

    def describe(self, query: Query) -> str:
        return f"{self.modality}: '{query.text}' ~ {self.detail} {self.score:.2f}"


@dataclass(frozen=True)
class QueryHits:
    """Per-shot results for one query; ``strength`` is NaN where the shot is no hit."""

    query: Query
    strength: np.ndarray  # (n_shots,) calibrated score of hit shots, NaN elsewhere
    evidence: tuple[tuple[Evidence, ...], ...]  # per shot, the hit evidence

    @property
    def mask(self) -> np.ndarray:
        return ~np.isnan(self.strength)


def content_words(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP]


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


def _background(values: np.ndarray) -> tuple[float, float]:
    """Median and robust spread; the spread is floored so a flat film stays calm."""
    med = float(np.median(values))
    mad = float(np.median(np.abs(values - med))) * 1.4826
    return med, max(mad, 0.03)


def select(raw: np.ndarray, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """(hit mask, z) over items: the adaptive threshold of the module docstring."""
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

    def __init__(self, index: Index, text_embedder=None, visual_embedder=None):
        self.index = index
        self._text = text_embedder
        self._visual = visual_embedder

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
    def _sentence_shot(self) -> np.ndarray:
        """Each sentence belongs to the shot holding its midpoint."""
        starts = np.array([s.start for s in self.index.shots])
        mids = np.array([(s.start + s.end) / 2 for s in self.index.sentences])
        if mids.size == 0:
            return np.zeros(0, dtype=int)
        return np.clip(np.searchsorted(starts, mids, side="right") - 1, 0, len(starts) - 1)

    @cached_property
    def _sentence_words(self) -> list[set[str]]:
        return [set(content_words(s.text)) for s in self.index.sentences]

    def score(self, query: Query) -> QueryHits:
        n = len(self.index.shots)
        strength = np.full(n, np.nan)
        evidence: list[list[Evidence]] = [[] for _ in range(n)]
        modalities = {"any": ("visual", "speech"), "visual": ("visual",), "speech": ("speech",)}
        for modality in modalities[query.modality]:
            if query.exact and modality == "visual":
                continue
            items = self._visual_items(query) if modality == "visual" else self._speech_items(query)
            for shot, ev in items:
                evidence[shot].append(ev)
                if np.isnan(strength[shot]) or ev.z > strength[shot]:
                    strength[shot] = ev.z
        return QueryHits(query, strength, tuple(tuple(e) for e in evidence))

    def _visual_items(self, query: Query):
        vecs = self.index.frame_vectors
        if len(self.index.frames) == 0 or vecs.size == 0:
            return []
        # Picture labels are singular ("bicycle"); score the singular form too.
        forms = list(dict.fromkeys([query.text, singular(query.text)]))
        raw = (vecs @ self.visual.embed_queries(forms).T).max(axis=1)
        hit, z = select(raw, FLOOR["visual"])
        best_per_shot: dict[int, int] = {}
        for i in np.flatnonzero(hit):
            shot = int(self._frame_shot[i])
            if shot not in best_per_shot or raw[i] > raw[best_per_shot[shot]]:
                best_per_shot[shot] = int(i)
        out = []
        for shot, i in best_per_shot.items():
            frame = self.index.frames[i]
            labels = ", ".join(name for name, _ in frame.labels[:2]) or "frame"
            out.append((shot, Evidence("visual", float(raw[i]), float(z[i]), labels,
                                       frame.time, frame.time, frame.time)))
        return out

    def _speech_items(self, query: Query):
        sentences = self.index.sentences
        if not sentences:
            return []
        words = content_words(query.text)
        coverage = np.array([sum(w in sw for w in words) / max(1, len(words))
                             for sw in self._sentence_words])
        if query.exact:
            raw, floor = coverage, 0.75
        else:
            qv = self.text.embed([query.text])[0]
            raw, floor = self.index.sentence_vectors @ qv + KEYWORD_BONUS * coverage, FLOOR["speech"]
        hit, z = select(raw, floor)
        out = []
        for i in np.flatnonzero(hit):
            s = sentences[i]
            out.append((int(self._sentence_shot[i]),
                        Evidence("speech", float(raw[i]), float(z[i]), f'"{s.text.strip()}"',
                                 s.start, s.start, s.end)))
        return out
