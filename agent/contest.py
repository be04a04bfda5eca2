""""Whichever is on screen longer, the cat or the tree": of the subjects asked, only the one
with the most material plays (``Pick(unit="subject", which="longest")``, read by counts.py).

Each subject is planned alone, inside the window the request gives, and measured by the
seconds its pieces cover (overlaps once); the comparison is said in a note, so the viewer
sees why one subject played and not the other.
"""
from __future__ import annotations

from typing import Callable

from cutbot.indexers.intervals import union

from .plan import ConstraintPlan, Query


def settled(plan: ConstraintPlan, place: Callable[[ConstraintPlan], list], notes: list[str]) -> ConstraintPlan:
    """``plan`` with only the winning include queries (``pick.n`` of them) and no pick; unchanged
    but for the pick when nothing can be compared (one subject, or none found at all), and
    unchanged when its pick is no contest ("the first three dog scenes")."""
    if plan.pick is None or plan.pick.unit != "subject":
        return plan
    plain = plan.model_copy(update={"pick": None})
    if len(plan.include) <= plan.pick.n:
        return plain
    seconds: dict[Query, float] = {}
    for q in plan.include:
        alone = plain.model_copy(update={"include": (q,), "match": "any", "sequence": ()})
        seconds[q] = sum(b - a for a, b in union((p.start, p.end) for p in place(alone)))
    if not any(seconds.values()):
        return plain  # nothing of any of them: the usual "nothing matches" answers
    ranked = sorted(plan.include, key=lambda q: -seconds[q])  # ties: the one named first
    kept = ranked[:plan.pick.n]
    told = ", ".join(f"'{q.text}' {seconds[q]:.0f} s" for q in ranked)
    notes.append(f"on screen: {told}; only {' and '.join(repr(q.text) for q in kept)} plays")
    return plain.model_copy(update={"include": tuple(kept), "sequence": tuple(
        t for t in plan.sequence if t == "*" or t.casefold() in {q.text.casefold() for q in kept})})
