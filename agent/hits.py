"""What scoring a query yields, before and after calibration: raw evidence items of one
modality and per-shot hits. Kept apart from the scorer so the planner, people and
suggestions can read hits without the scoring machinery."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from cutbot.indexers.intervals import index_at

from .evidence import Evidence
from .plan import Query

if TYPE_CHECKING:
    from cutbot.indexers.schema import Sentence
    from cutbot.indexers.store import Index


MODALITIES = {"any": ("speech", "visual", "person"), "speech": ("speech",),
              "visual": ("visual",), "person": ("person",)}


@dataclass(frozen=True)
class Item:
    """One piece of raw evidence before calibration: a frame, a sentence or a face."""

    shot: int
    score: float
    detail: str
    time: float
    start: float
    end: float


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

    def answering(self, query: Query, note: str) -> QueryHits:
        """These hits, found for another reading of ``query`` ("squirrel" for "squirel"), as its, with ``note``."""
        return self.narrowed(query, np.ones(len(self.strength), dtype=bool), note)

    def narrowed(self, query: Query, keep: np.ndarray, note: str) -> QueryHits:
        """These hits, answering ``query``, in the ``keep`` shots only, with ``note``."""
        evidence = tuple(tuple(e.about(query) for e in evs) if k else () for evs, k in zip(self.evidence, keep))
        return QueryHits(query, np.where(keep, self.strength, np.nan), evidence, self.notes + (note,))


def shot_of(index: Index, t: float) -> int:
    return index_at([s.start for s in index.shots], t)


def line_hits(index: Index, query: Query, lines: Iterable[tuple[Sentence, str]], z: float,
              notes: tuple[str, ...] = ()) -> QueryHits:
    """Per-shot hits of whole sentences taken as they are (a voice's lines, a passage read aloud):
    each in the shot holding its middle, at strength ``z``, with its detail."""
    strength = np.full(len(index.shots), np.nan)
    per_shot: list[list[Evidence]] = [[] for _ in index.shots]
    for s, detail in lines:
        shot = shot_of(index, (s.start + s.end) / 2)
        per_shot[shot].append(Evidence("speech", 1.0, z, detail, (s.start + s.end) / 2, s.start, s.end, query.text))
        strength[shot] = z
    return QueryHits(query, strength, tuple(tuple(e) for e in per_shot), notes)


@dataclass(frozen=True)
class Items:
    """Raw evidence of one modality as arrays (one row per frame, sentence or face)."""

    raw: np.ndarray
    shot: np.ndarray
    time: np.ndarray
    start: np.ndarray
    end: np.ndarray
    detail: Callable[[int], str]
    gate: np.ndarray | None = None  # items allowed to be hits (None: all)

    @staticmethod
    def empty() -> Items:
        z = np.zeros(0)
        return Items(z, z.astype(int), z, z, z, lambda i: "")

    @staticmethod
    def of(items: list[Item]) -> Items:
        def col(name):
            return np.array([getattr(it, name) for it in items], dtype=float)
        return Items(col("score"), col("shot").astype(int), col("time"), col("start"), col("end"),
                     lambda i: items[i].detail)


def settled_any(per_shot: list[list[Evidence]], guessed: Sequence[Evidence], relative: float, said: float) -> None:
    """An "any" query's shots kept by the evidence that decides it, in place. A person picked ("the
    photographer"): their screen time, not a camera elsewhere. A topic surely said (a line that
    says it and means it, scoring ``said``): a picture only near it in words
    (the label bridge's similarity: ``guessed``, the evidence objects themselves, held since they
    were made, as a freed one's id is soon another's) must stand
    within ``relative`` of that line: "the choir" ~ labels microphone .06 (z 4.2 against the
    line's 13.5) is a guess, "a cup of coffee" ~ espresso .76 (z 6.6 against 7.7) is seen. Dev
    7820: F1 .8568 -> .8579, 48 up, 38 down (all long_dev "the driving test": a moped shot
    guessed for it was, by luck, the scene where she passed)."""
    if any(e.modality == "person" for evs in per_shot for e in evs):
        for evs in per_shot:
            evs[:] = evs if any(e.modality == "person" for e in evs) else []
    sure = [e.z for evs in per_shot for e in evs if e.modality == "speech" and e.score >= said]
    ids = {id(e) for e in guessed}  # while ``guessed`` holds them, no other object has their ids
    for evs in per_shot if sure else ():
        evs[:] = [] if evs and all(id(e) in ids and e.z < relative * max(sure) for e in evs) else evs


def fused(found: list[tuple[Query, QueryHits]], all_: bool = True) -> tuple[Query, QueryHits]:
    """One entry for several queries: the shots every one hits (the weakest strength), or
    with ``all_=False`` any one hits (the strongest)."""
    masks = [h.mask for _, h in found]
    keep = np.all(masks, axis=0) if all_ else np.any(masks, axis=0)
    values = np.array([h.strength * q.weight for q, h in found])
    best = np.where(np.isnan(values), np.inf, values).min(axis=0) if all_ else \
        np.where(np.isnan(values), -np.inf, values).max(axis=0)
    strength = np.where(keep, best, np.nan)
    evidence = tuple(tuple(e for _, h in found for e in h.evidence[i]) if keep[i] else ()
                     for i in range(len(keep)))
    text = (" + " if all_ else " or ").join(q.text for q, _ in found)
    return Query(text=text), QueryHits(Query(text=text), strength, evidence)
