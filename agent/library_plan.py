"""ConstraintPlan + many films -> one Cut: each film judged alone, the budget shared.

Every film keeps its own calibration: its own ``Scorer`` and ``plan_cut`` decide what in
it matches and where the clean edges are, exactly as for a single film. Across films
only three things are decided here, so they hold over the whole cut:

1. the budget: every film's clear matches (planned without a length) are ranked
   together by score, and each film gets the share of the budget its best segments
   earn; it is then planned again with that share as its ceiling, so its own budget
   fitting trims at its own sentence and shot edges. The shares add up to the budget;
2. exclusions: each film's planner subtracts what the request excludes from it, so no
   film contributes excluded material;
3. order: source order is library order then time; "reverse", "best first" and group
   order ("open with X") apply to the cut as a whole.

With a large library, FAISS (``indexers/vectors.py``) shortlists the films whose frames
or sentences come closest to the request, and only those are planned exactly.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from cutbot.indexers.text_cache import SMALL

from . import addressed, voices
from .arrange import arranged, in_order
from .cut import Cut, Segment
from .errors import NothingMatched
from .plan import ConstraintPlan, Duration
from .planner import plan_cut
from .positions import in_sequence
from .search import Scorer
from .vocabulary import Vocabulary

if TYPE_CHECKING:
    from cutbot.indexers.store import Index
    from cutbot.indexers.vectors import VectorStore

log = logging.getLogger(__name__)

SHORTLIST_FROM = 16  # films: above this many, FAISS picks the films planned exactly
SHORTLIST = 12  # films kept by the shortlist (the best by their closest frame or sentence)
SLIVER = 1.0  # s: a budget remainder smaller than this is not worth a film's share
# s of film: a name no film of the library places is listened for again in at most this much
# of them per request. A second listen decodes a film's whole speech (about a tenth of its
# length with Whisper tiny.en on 2 cores): half an hour of film is about three minutes.
LISTEN_S = 1800.0


@dataclass
class LibraryFilm:
    """One indexed film of the library, with the scorer that stays its judge."""

    index: Index
    scorer: Scorer

    @property
    def path(self) -> str:
        return str(self.index.media.path)

    @property
    def fingerprint(self) -> str:
        return self.index.media.fingerprint

    @property
    def name(self) -> str:
        return Path(self.path).name

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The film's terms, embedded once per library: each suggest reuses them."""
        return Vocabulary(self.index, scorer=self.scorer)


class SharedQueries:
    """One embedding of each query for every film of a library that shares a text model.

    Each film's ``Scorer`` has its own query cache (in its index folder), so a new request
    across N films was embedded N times, the same words by the same model. ``text_of``
    gives a film a text embedder that asks this library-wide memo first and the film's own
    (cached, lazily loaded) embedder only for words no film has embedded yet."""

    def __init__(self) -> None:
        self._memo: dict[tuple[str, str], object] = {}

    def text_of(self, index: Index) -> "_SharedText":
        return _SharedText(lambda: Scorer(index).text, self._memo)


class _SharedText:
    """A film's text embedder (name, dim, embed, seed) behind the library's query memo."""

    def __init__(self, load, memo: dict) -> None:
        self._load, self._inner, self._memo = load, None, memo

    @property
    def inner(self):
        if self._inner is None:
            self._inner = self._load()
        return self._inner

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dim(self) -> int:
        return int(self.inner.dim)

    def embed(self, texts):
        import numpy as np
        items = [texts] if isinstance(texts, str) else [str(t) for t in texts]
        if not items or len(items) > SMALL:  # bulk (a vocabulary): the film's own embedder
            return self.inner.embed(items)
        name = self.name
        missing = [t for t in dict.fromkeys(items) if (name, t) not in self._memo]
        if missing:
            self._memo.update(((name, t), v) for t, v in zip(missing, self.inner.embed(missing)))
        return np.stack([self._memo[(name, t)] for t in items]).astype(np.float32)

    def seed(self, texts, vectors) -> None:
        seed = getattr(self.inner, "seed", None)
        if seed is not None:
            seed(texts, vectors)


def plan_across(plan: ConstraintPlan, films: Sequence[LibraryFilm], request: str = "",
                vectors: VectorStore | None = None) -> Cut:
    """Plan ``plan`` over ``films``; every segment says its ``source`` film."""
    if not films:
        raise NothingMatched("the library has no indexed film: add films and index them first")
    notes: list[str] = []
    chosen = shortlist(plan, films, vectors, notes)
    listen_across(plan, chosen, notes)
    free = plan.model_copy(update={"duration": Duration(), "order": "source", "sequence": (), "arrange": ()})
    found: dict[int, Cut] = {}
    errors: list[str] = []
    for i, film in enumerate(chosen):
        try:
            found[i] = plan_cut(_own_skips(free, film), film.index, request, film.scorer, listen=False)
        except NothingMatched as exc:
            errors.append(str(exc))
    if not found:
        raise NothingMatched(_nothing(plan, errors))
    budget = plan.duration
    shares = _shares(budget, {i: c.segments for i, c in found.items()})
    parts: list[tuple[int, Cut]] = []
    for i, cut in found.items():
        if shares is None:
            parts.append((i, cut))
            continue
        share = shares.get(i, 0.0)
        if share < SLIVER:
            continue
        own = _own_skips(plan.model_copy(update={"duration": _own_budget(budget, share),
                                                 "order": "source", "sequence": (), "arrange": ()}), chosen[i])
        try:
            parts.append((i, plan_cut(own, chosen[i].index, request, chosen[i].scorer, listen=False)))
        except NothingMatched:
            continue
    segments: list[Segment] = []
    for i, cut in sorted(parts, key=lambda ic: ic[0]):
        film = chosen[i]
        segments.extend(replace(s, source=film.path) for s in cut.segments)
        notes.extend(f"{film.name}: {n}" for n in cut.notes if "nothing in the film" not in n)
    segments = _within(segments, budget.max if budget.target is None else None)
    segments = _ordered(segments, plan)
    used = {}
    for s in segments:
        used[s.source] = used.get(s.source, 0.0) + s.duration
    notes.append("from " + ", ".join(f"{Path(p).name} ({d:.1f} s)" for p, d in used.items())
                 + f" of {len(films)} film(s) in the library")
    return Cut(source=segments[0].source if segments else films[0].path, request=request,
               segments=tuple(segments), constraints=plan.model_dump(mode="json"),
               notes=tuple(dict.fromkeys(notes)))


def listen_across(plan: ConstraintPlan, films: Sequence[LibraryFilm], notes: list[str],
                  budget: float = LISTEN_S) -> None:
    """Listen again for the names ``plan`` asks for that no film's voices bear: a name one
    film places is that film's person, never worth decoding the others; an unplaced one is
    listened for film by film, in shortlist order, until it is heard or ``budget`` seconds
    of film were listened to (a whole library's speech would take hours)."""
    asked = addressed.names_asked(plan)
    if not asked:
        return
    named = [set(voices.named_voices(f.index).names) for f in films]
    placed = {n for n in asked if any(addressed.sounds_like(n, k) for names in named for k in names)}
    spent, skipped = 0.0, []
    for film, names in zip(films, named):
        todo = addressed.unplaced(film.index, asked - placed, lambda: names)
        if not todo:
            continue
        length = film.index.media.duration
        if spent + length > budget:
            skipped.append(film.name)
            continue
        spent += length
        heard = addressed.listen_for(film.index, todo)
        placed |= {n for n in todo if heard.get(n)}
    if skipped and asked - placed:
        notes.append(f"not listened for {', '.join(sorted(n.title() for n in asked - placed))} again in "
                     f"{len(skipped)} more film(s) ({', '.join(skipped[:3])}{'...' if len(skipped) > 3 else ''}): "
                     "ask in one of them alone to listen there")


def shortlist(plan: ConstraintPlan, films: Sequence[LibraryFilm], vectors: VectorStore | None,
              notes: list[str], above: int = SHORTLIST_FROM, keep: int = SHORTLIST) -> list[LibraryFilm]:
    """The films worth planning exactly: all of a small library; in a large one, the
    ``keep`` films whose frames or sentences come closest to any subject asked for."""
    if vectors is None or len(films) <= above or not plan.include:
        return list(films)
    texts = [q.text for q in plan.include if q.modality != "silence"]
    if not texts:
        return list(films)
    scorer = films[0].scorer  # one library, one pair of models (the index records them)
    best: dict[str, float] = {}
    wanted = [f.fingerprint for f in films]
    for kind, embed in (("sentences", scorer.text.embed), ("frames", scorer.visual.embed_queries)):
        for vec in embed(texts):
            for fp, score in vectors.film_scores(kind, vec, films=wanted).items():
                best[fp] = max(best.get(fp, -1.0), score)
    ranked = sorted(films, key=lambda f: -best.get(f.fingerprint, -1.0))[:keep]
    notes.append(f"searched the {len(ranked)} of {len(films)} films closest to the request")
    order = {f.fingerprint: i for i, f in enumerate(films)}
    return sorted(ranked, key=lambda f: order[f.fingerprint])


def _shares(budget: Duration, found: dict[int, tuple[Segment, ...]]) -> dict[int, float] | None:
    """Seconds of the budget each film earns (None: no budget, everything plays).

    The best segments of the whole library are taken first; one that does not fit
    whole gives its film the remainder, which that film's own fitting trims cleanly."""
    limit = budget.target if budget.target is not None else budget.max
    if limit is None:
        return None
    ranked = sorted(((s.score, i, s.duration) for i, segs in found.items() for s in segs),
                    key=lambda t: -t[0])
    total = sum(d for _, _, d in ranked)
    shares: dict[int, float] = {}
    if total <= limit:  # too little clear material: each film fills its part of the rest
        extra = (limit - total) if budget.target is not None else 0.0
        for _, i, d in ranked:
            shares[i] = shares.get(i, 0.0) + d + extra * d / max(total, 1e-9)
        return shares
    room = limit
    for _, i, d in ranked:
        if room <= 0:
            break
        take = min(d, room)
        shares[i] = shares.get(i, 0.0) + take
        room -= take
    return shares


def _own_skips(plan: ConstraintPlan, film: LibraryFilm) -> ConstraintPlan:
    """Spans the viewer dropped ("drop 2") apply to their own film only."""
    if not plan.skip:
        return plan
    mine = tuple(s for s in plan.skip if s.source is None or s.source == film.path)
    return plan.model_copy(update={"skip": mine})


def _own_budget(budget: Duration, share: float) -> Duration:
    if budget.target is not None:
        return Duration(target=share, tolerance=budget.tolerance)
    return Duration(max=share)


def _within(segments: list[Segment], limit: float | None) -> list[Segment]:
    """A ceiling holds over the whole cut even if a film overshot its share."""
    if limit is None or sum(s.duration for s in segments) <= limit + 1e-6:
        return segments
    kept, total = [], 0.0
    for s in sorted(segments, key=lambda s: -s.score):
        if total + s.duration <= limit + 1e-6:
            kept.append(s)
            total += s.duration
    return [s for s in segments if s in kept]


def _ordered(segments: list[Segment], plan: ConstraintPlan) -> list[Segment]:
    segments = in_order(segments, plan.order)
    if plan.sequence:
        segments = in_sequence(segments, plan.sequence)
    return arranged(segments, plan.arrange)


def _nothing(plan: ConstraintPlan, errors: list[str]) -> str:
    if plan.include:
        asked = " or ".join(f"'{q.text}'" for q in plan.include)
        if any("also excluded" in e for e in errors):
            return f"everything in the library matching {asked} is also excluded"
        return f"nothing in the library matches {asked}"
    return errors[0] if errors else "the request leaves nothing of the library"


__all__ = ["LibraryFilm", "SHORTLIST", "SHORTLIST_FROM", "plan_across", "shortlist"]
