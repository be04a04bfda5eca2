"""Time intervals ``(start, end)`` in seconds: union, length, overlap, intersection,
difference, clipping, and which of a sorted run of intervals holds a time.

Written once, here at the bottom, because the faces stage, the planner's edges, people,
the session's diffs, the profile and the benchmark all ask the same questions about
spans of a film; each used to carry its own copy with its own idea of touching ends.
Touching intervals merge; empty ones (end <= start) cover nothing and are dropped.
"""
from __future__ import annotations

import bisect
from typing import Iterable, Sequence

__all__ = ["Interval", "union", "length", "overlap", "intersect", "subtract", "clip", "index_at"]

Interval = tuple[float, float]


def union(spans: Iterable[Interval]) -> list[Interval]:
    """Sorted, disjoint intervals covering exactly what ``spans`` cover."""
    out: list[list[float]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def length(spans: Iterable[Interval]) -> float:
    """Seconds covered, counting overlapping parts once."""
    return sum(e - s for s, e in union(spans))


def intersect(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    """What both ``a`` and ``b`` cover, as sorted disjoint intervals."""
    ua, ub = union(a), union(b)
    out: list[Interval] = []
    i = j = 0
    while i < len(ua) and j < len(ub):
        s, e = max(ua[i][0], ub[j][0]), min(ua[i][1], ub[j][1])
        if e > s:
            out.append((s, e))
        if ua[i][1] < ub[j][1]:
            i += 1
        else:
            j += 1
    return out


def overlap(a: Iterable[Interval], b: Iterable[Interval]) -> float:
    """Seconds covered by both ``a`` and ``b``."""
    return sum(e - s for s, e in intersect(a, b))


def subtract(a: Iterable[Interval], b: Iterable[Interval]) -> list[Interval]:
    """What ``a`` covers and ``b`` does not, as sorted disjoint intervals."""
    cuts = union(b)
    out: list[Interval] = []
    for s, e in union(a):
        cur = s
        for c, d in cuts:
            if d <= cur or c >= e:
                continue
            if c > cur:
                out.append((cur, c))
            cur = max(cur, d)
        if cur < e:
            out.append((cur, e))
    return out


def clip(spans: Iterable[Interval], lo: float, hi: float) -> list[Interval]:
    """The parts of ``spans`` inside ``[lo, hi]``."""
    return intersect(spans, [(lo, hi)])


def index_at(starts: Sequence[float], t: float) -> int:
    """Which of the back-to-back intervals starting at sorted ``starts`` holds time ``t``
    (a shot at a time): the last one starting at or before ``t``, clamped to the ends."""
    if not starts:
        raise ValueError("no intervals")
    return min(max(bisect.bisect_right(starts, t) - 1, 0), len(starts) - 1)
