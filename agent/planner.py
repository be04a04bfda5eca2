"""ConstraintPlan + Index -> Cut: select shots, drop exclusions, fit the budget, explain.

Selection is per shot (whole shots are what an editor would keep); the budget is
met by keeping the shots with the most relevance per second, trimming one shot only
when no whole shot fits what is left.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass, field

import numpy as np

from cutbot.indexers.errors import NothingMatched

from .cut import Cut, Segment, fmt_time
from .plan import ConstraintPlan
from .search import Evidence, Scorer

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

MIN_PIECE = 1.5  # seconds: shorter trimmed pieces are flashes, not moments
MERGE_GAP = 0.05  # seconds between picks that are joined into one segment


@dataclass
class Pick:
    shot: int
    start: float
    end: float
    strength: float  # calibrated relevance (higher is better)
    score: float  # best raw evidence score, reported to the viewer
    reasons: list[str] = field(default_factory=list)
    focus: float | None = None  # where the evidence is, for trimming around it

    @property
    def duration(self) -> float:
        return self.end - self.start


def plan_cut(plan: ConstraintPlan, index: Index, request: str = "",
             scorer: Scorer | None = None) -> Cut:
    scorer = scorer or Scorer(index)
    notes: list[str] = []
    picks = _candidates(plan, index, scorer)
    picks = _drop_excluded(plan, picks, scorer, notes)
    if not picks:
        raise NothingMatched(_nothing_message(plan))
    picks = _fit_budget(plan, picks, notes)
    segments = _merge(sorted(picks, key=lambda p: p.start))
    if plan.order == "reverse":
        segments.reverse()
    elif plan.order == "score":
        segments.sort(key=lambda s: -s.score)
    return Cut(source=index.media.path, request=request, segments=tuple(segments),
               constraints=plan.model_dump(mode="json"), notes=tuple(notes))


def _window(plan: ConstraintPlan, duration: float) -> tuple[float, float]:
    return plan.window.resolve(duration) if plan.window else (0.0, duration)


def _candidates(plan: ConstraintPlan, index: Index, scorer: Scorer) -> list[Pick]:
    lo, hi = _window(plan, index.media.duration)
    inside = [s for s in index.shots if s.end > lo + 1e-6 and s.start < hi - 1e-6]
    if not plan.include:
        return [Pick(s.index, max(s.start, lo), min(s.end, hi), 0.0, 1.0,
                     ["no subject asked: the film within the window"]) for s in inside]
    picks: dict[int, Pick] = {}
    for query in plan.include:
        hits = scorer.score(query)
        for shot in inside:
            strength = hits.strength[shot.index]
            if np.isnan(strength):
                continue
            evidence: tuple[Evidence, ...] = hits.evidence[shot.index]
            best = max(evidence, key=lambda e: e.z)
            pick = picks.setdefault(shot.index, Pick(shot.index, max(shot.start, lo),
                                                     min(shot.end, hi), -np.inf, 0.0))
            pick.strength = max(pick.strength, float(strength) * query.weight)
            if best.score > pick.score:
                pick.score, pick.focus = best.score, (best.start + best.end) / 2
            pick.reasons.extend(e.describe(query) for e in evidence)
    return list(picks.values())


def _drop_excluded(plan: ConstraintPlan, picks: list[Pick], scorer: Scorer,
                   notes: list[str]) -> list[Pick]:
    for query in plan.exclude:
        hits = scorer.score(query)
        banned = set(np.flatnonzero(hits.mask).tolist())
        dropped = [p for p in picks if p.shot in banned]
        if dropped:
            secs = sum(p.duration for p in dropped)
            notes.append(f"left out {len(dropped)} shot(s), {secs:.1f} s, showing '{query.text}'")
        picks = [p for p in picks if p.shot not in banned]
    return picks


def _fit_budget(plan: ConstraintPlan, picks: list[Pick], notes: list[str]) -> list[Pick]:
    total = sum(p.duration for p in picks)
    upper, lower = plan.duration.upper, plan.duration.min
    target = plan.duration.target
    if target and total < target * (1 - plan.duration.tolerance):
        notes.append(f"only {total:.1f} s match, short of the {target:g} s asked for")
    if lower and total < lower:
        notes.append(f"only {total:.1f} s match, less than the {lower:g} s minimum")
    if upper is None or total <= upper + 1e-6:
        return picks
    if not plan.include:
        return _shrink_evenly(picks, upper, notes)
    kept: list[Pick] = []
    room = upper
    ranked = sorted(picks, key=lambda p: (-p.strength, p.start))
    for pick in ranked:
        if pick.duration <= room + 1e-6:
            kept.append(pick)
            room -= pick.duration
    leftovers = [p for p in ranked if p not in kept]
    if leftovers and room >= MIN_PIECE:
        kept.append(_trim(leftovers[0], room))
    dropped = [p for p in leftovers if all(k.shot != p.shot for k in kept)]
    if dropped:
        notes.append(f"dropped {len(dropped)} weaker match(es) to stay under "
                     f"{upper:.0f} s: " + ", ".join(fmt_time(p.start) for p in dropped[:5])
                     + (" ..." if len(dropped) > 5 else ""))
    return kept


def _trim(pick: Pick, length: float) -> Pick:
    """A piece of ``length`` seconds of the shot, centred on its evidence."""
    centre = pick.focus if pick.focus is not None else (pick.start + pick.end) / 2
    start = min(max(pick.start, centre - length / 2), pick.end - length)
    return Pick(pick.shot, start, start + length, pick.strength, pick.score,
                pick.reasons + [f"trimmed to {length:.1f} s to fit the budget"], pick.focus)


def _shrink_evenly(picks: list[Pick], upper: float, notes: list[str]) -> list[Pick]:
    """No subject asked: keep the start of every shot, in proportion, so the whole
    film stays represented; shots that would become flashes are skipped evenly."""
    total = sum(p.duration for p in picks)
    ratio = upper / total
    if min(p.duration for p in picks) * ratio < MIN_PIECE:
        keep_every = int(np.ceil(MIN_PIECE * len(picks) / upper)) or 1
        picks = picks[::keep_every]
        ratio = min(1.0, upper / sum(p.duration for p in picks))
    notes.append(f"kept {ratio:.0%} of each shot to fit {upper:.0f} s")
    out = []
    for p in picks:
        length = min(p.duration, p.duration * ratio)
        out.append(Pick(p.shot, p.start, p.start + length, p.strength, p.score, list(p.reasons)))
    return out


def _merge(picks: list[Pick]) -> list[Segment]:
    segments: list[Segment] = []
    for p in picks:
        if segments and p.start - segments[-1].end <= MERGE_GAP:
            last = segments[-1]
            reasons = last.reasons + tuple(r for r in p.reasons if r not in last.reasons)
            segments[-1] = Segment(last.start, max(last.end, p.end), max(last.score, p.score),
                                   reasons, last.shots + (p.shot,))
        else:
            segments.append(Segment(p.start, p.end, p.score, tuple(dict.fromkeys(p.reasons)),
                                    (p.shot,)))
    return segments


def _nothing_message(plan: ConstraintPlan) -> str:
    if plan.include:
        asked = " or ".join(f"'{q.text}'" for q in plan.include)
        return f"nothing in the film matches {asked}"
    return "the request leaves nothing of the film (check the window and exclusions)"
