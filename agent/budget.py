"""Fit the matches into the viewer's time budget as a knapsack, not a top-k.

Each scene's pieces form one item (setup and payoff stay together); its value is its
relevance-seconds, its weight its length. A 0/1 knapsack over those items keeps the
most relevance that fits; a scene longer than the whole budget is split into its
pieces, at a small discount, so whole scenes win over fragments. What room is left
goes to a trimmed piece of the best match dropped, and the notes say what went.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from .cut import fmt_time
from .edges import EPS, Piece, Words, trim
from .plan import ConstraintPlan, Duration

MIN_PIECE = 1.5  # seconds: shorter trimmed pieces are flashes, not moments
FRAGMENT = 0.9  # value kept by a piece taken out of its scene
SLOTS = 2000  # resolution of the knapsack: the budget in this many steps at most
#: a summary with no length said ("a quick recap"): the film's share (``Duration.share``),
#: but never under 10 s (a flash is no summary) nor over 2 minutes (a trailer's length:
#: a fifth of a feature film would be 20 minutes, no longer a recap). General defaults,
#: not measured on any film.
SUMMARY_FLOOR = 10.0
SUMMARY_CEILING = 120.0
_BOUND_WORDS = {"target": "about", "max": "at most", "min": "at least"}


@dataclass
class Fit:
    kept: list[Piece]
    notes: list[str] = field(default_factory=list)


def clip_lengths(pieces: list[Piece], duration: Duration, words: Words, notes: list[str]) -> list[Piece]:
    """Each clip's own length, before the cut's: "no scene shorter than 4 s" leaves the shorter out,
    "each clip under 5 s" plays the strongest 5 s of a longer one (centred on its evidence)."""
    if duration.clip_min:
        pieces = _left_out(pieces, lambda p: p.duration >= duration.clip_min - EPS,
                           f"shorter than {duration.clip_min:g} s", notes)
    if duration.clip_max and duration.clip_over == "left out":  # "drop scenes longer than 10 s"
        pieces = _left_out(pieces, lambda p: p.duration <= duration.clip_max + EPS,
                           f"longer than {duration.clip_max:g} s", notes)
    elif duration.clip_max:
        cap = duration.clip_max
        pieces = [p if p.duration <= cap + EPS else trim(p, cap, words, f"trimmed to {cap:g} s, each clip's length")
                  for p in pieces]
        pieces = [p for p in pieces if p is not None]
    return pieces


def _left_out(pieces: list[Piece], keep, why: str, notes: list[str]) -> list[Piece]:
    kept = [p for p in pieces if keep(p)]
    if len(kept) < len(pieces):
        notes.append(f"left out {len(pieces) - len(kept)} clip(s) {why}")
    return kept


def summary_length(share: float, film: float) -> float:
    """The length of a summary of a ``film``-second film when the viewer said none."""
    return round(min(film, max(SUMMARY_FLOOR, min(SUMMARY_CEILING, share * film))), 1)


def fit_budget(pieces: list[Piece], duration: Duration, words: Words, has_subject: bool) -> Fit:
    total = sum(p.duration for p in pieces)
    upper, lower, target = duration.upper, duration.min, duration.target
    notes: list[str] = []
    if upper is None or total <= upper + EPS:
        if target and total < target * (1 - duration.tolerance):
            notes.append(f"only {total:.1f} s match, short of the {target:g} s asked for")
        if lower and total < lower:
            notes.append(f"only {total:.1f} s match, less than the {lower:g} s minimum")
        return Fit(pieces, notes)
    # a target is a length to fill, so the fit aims at it; ``upper`` (target + tolerance) is
    # only the ceiling that lets whole scenes stand when they already fit under it
    goal = min(upper, target) if target else upper
    if not has_subject:
        return shrink_evenly(pieces, goal, words)
    kept = knapsack(_items(pieces, goal), goal)
    kept_ids = {id(p) for p in kept}
    dropped = [p for p in pieces if id(p) not in kept_ids]
    room = goal - sum(p.duration for p in kept)
    if dropped and room >= MIN_PIECE:
        best = max(dropped, key=lambda p: (p.strength, p.score))
        piece = trim(best, min(room, best.duration), words,
                     f"trimmed to {min(room, best.duration):.1f} s to fit the budget")
        if piece is not None and piece.duration >= MIN_PIECE - EPS:
            kept.append(piece)
            dropped.remove(best)
            notes.append(f"trimmed the match at {fmt_time(best.start)} from {best.duration:.1f} s "
                         f"to {piece.duration:.1f} s to fit {goal:g} s")
    if dropped:
        secs = sum(p.duration for p in dropped)
        notes.append(f"dropped {len(dropped)} weaker match(es), {secs:.1f} s, to stay under "
                     f"{goal:g} s: " + ", ".join(fmt_time(p.start) for p in dropped[:6])
                     + (" ..." if len(dropped) > 6 else ""))
    got = sum(p.duration for p in kept)
    if target and got < target * (1 - duration.tolerance):
        notes.append(f"{got:.1f} s kept, short of the {target:g} s asked for")
    return Fit(sorted(kept, key=lambda p: p.start), notes)


def _items(pieces: list[Piece], upper: float) -> list[tuple[float, float, list[Piece]]]:
    """(value, weight, pieces) per scene; scenes over the budget fall apart into pieces."""
    scenes: dict[int, list[Piece]] = defaultdict(list)
    for p in pieces:
        scenes[p.scene].append(p)
    items = []
    for group in scenes.values():
        weight = sum(p.duration for p in group)
        if weight <= upper + EPS or len(group) == 1:
            items.append((sum(p.value for p in group), weight, group))
        else:
            items.extend((FRAGMENT * p.value, p.duration, [p]) for p in group)
    return items


def knapsack(items: list[tuple[float, float, list[Piece]]], capacity: float) -> list[Piece]:
    """The pieces of the items that keep the most value within ``capacity`` seconds.

    Weights are rounded up to the slot size, so the chosen set never runs over.
    """
    step = max(capacity / SLOTS, 0.01)
    cap = int(np.floor(capacity / step + 1e-9))
    best = np.zeros(cap + 1)
    take = np.zeros((len(items), cap + 1), dtype=bool)
    weights = [int(np.ceil(w / step - 1e-9)) for _, w, _ in items]
    for i, ((value, _, _), w) in enumerate(zip(items, weights)):
        if w > cap or value <= 0:
            continue
        cand = best[: cap + 1 - w] + value
        better = cand > best[w:] + 1e-12
        take[i, w:] = better
        best[w:] = np.where(better, cand, best[w:])
    kept: list[Piece] = []
    c = int(np.argmax(best))
    for i in range(len(items) - 1, -1, -1):
        if take[i, c]:
            kept.extend(items[i][2])
            c -= weights[i]
    return kept


def shrink_evenly(pieces: list[Piece], upper: float, words: Words) -> Fit:
    """No subject asked: keep the start of every piece, in proportion, so the whole film
    stays represented; pieces that would become flashes are skipped evenly."""
    total = sum(p.duration for p in pieces)
    ratio = upper / total
    if min(p.duration for p in pieces) * ratio < MIN_PIECE:
        keep_every = int(np.ceil(MIN_PIECE * len(pieces) / upper)) or 1
        pieces = pieces[::keep_every]
        ratio = min(1.0, upper / sum(p.duration for p in pieces))
    out = _heads(pieces, ratio, words)
    lo, hi = ratio, 1.0  # word edges took a little off each piece: give it back, under ``upper``
    for _ in range(8):  # (a bisection: one word more can overshoot, as a 13.6 s recap of 15.8 s did)
        got = sum(p.duration for p in out)
        if got >= upper * 0.97 or lo >= 1.0 or hi - lo < 1e-3:
            break
        trial = min(hi, lo * upper / max(got, EPS)) if hi >= 1.0 else (lo + hi) / 2
        more = _heads(pieces, trial, words)
        if sum(p.duration for p in more) > upper + EPS:
            hi = trial
        else:
            lo, out = trial, more
    return Fit(out, [f"kept {lo:.0%} of each shot to fit {upper:g} s"])


def _heads(pieces: list[Piece], ratio: float, words: Words) -> list[Piece]:
    """The first ``ratio`` of each piece, ending between words."""
    out = []
    for p in pieces:
        end = p.start + p.duration * ratio
        start, end = words.safe(p.start, end, p.start, end, grow=False)
        if end - start > EPS:
            out.append(p.part(start, end))
    return out


def summarised(plan: ConstraintPlan, film: float, notes: list[str]) -> ConstraintPlan:
    """ "a quick recap" said no length: take a share of the film, and say which length; a share the
    viewer said ("a third of the film") is that much of it, as the bound they said."""
    d = plan.duration
    if d.share and d.share_is:
        said = round(d.share * film, 1)
        notes.append(f"{d.share:.0%} of the {film:.0f} s film: {_BOUND_WORDS[d.share_is]} {said:g} s")
        bound = {d.share_is: min(said, d.max) if d.share_is == "max" and d.max else said}
        if d.share_is == "target" and d.min is not None and d.min > said:
            bound["min"] = None
        return plan.model_copy(update={"duration": d.model_copy(update=bound)})
    if not d.share or d.target is not None or d.max is not None:
        return plan
    target = summary_length(d.share, film)
    notes.append(f"no length said: a summary of the whole {film:.0f} s film in about "
                 f"{target:g} s, a piece of each part (say a length to change it)")
    return plan.model_copy(update={"duration": d.model_copy(update={  # each clip's own length stays
        "target": target, "min": d.min if d.min is not None and d.min <= target else None})})
