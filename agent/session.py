"""Conversation state: every turn's plan and cut, versioned, with undo, redo and "why".

A turn is one version of the plan. "start over" is a turn too (an empty one), so it
can be undone like any other change.
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from cutbot.indexers.intervals import overlap

from .cut import Cut, Segment, fmt_time
from .plan import ConstraintPlan, plan_changes


@dataclass(frozen=True)
class Turn:
    request: str
    plan: Optional[ConstraintPlan]  # None: a fresh start ("start over")
    cut: Optional[Cut]
    notes: tuple[str, ...] = ()  # how the request was read: vocabulary used, LLM fallback


@dataclass(frozen=True)
class Change:
    """What one turn did: seconds and segments in/out of the cut, and the plan lines."""

    added: float  # seconds of source newly in the cut
    removed: float  # seconds no longer in the cut
    segments_before: int
    segments_after: int
    plan: tuple[str, ...] = field(default=())  # plan lines that are new in this version
    version: int = 0

    def describe(self) -> str:
        text = (f"v{self.version}: +{self.added:.1f} s / -{self.removed:.1f} s, "
                f"{self.segments_before} -> {self.segments_after} segment(s)")
        return text + ("; " + "; ".join(self.plan) if self.plan else "")


class Session:
    """A linear history with a cursor; a new turn after undo drops the redo branch."""

    def __init__(self) -> None:
        self._turns: list[Turn] = []
        self._cursor = 0  # number of turns in effect
        self.last_change: Change | None = None  # of the latest push, undo or redo

    @property
    def current(self) -> Turn | None:
        return self._turns[self._cursor - 1] if self._cursor else None

    @property
    def plan(self) -> ConstraintPlan | None:
        return self.current.plan if self.current else None

    @property
    def cut(self) -> Cut | None:
        return self.current.cut if self.current else None

    @property
    def version(self) -> int:
        """1 for the first plan, +1 per turn in effect; undo steps it back."""
        return self._cursor

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns[: self._cursor])

    @property
    def history(self) -> tuple[Turn, ...]:
        """Every turn, including the ones an undo stepped back from (redo brings them)."""
        return tuple(self._turns)

    @property
    def can_redo(self) -> bool:
        return self._cursor < len(self._turns)

    def to_dict(self) -> dict[str, Any]:
        """The whole history as JSON-ready data (``sessions_store`` writes it)."""
        return {"cursor": self._cursor, "turns": [_turn_to_dict(t) for t in self._turns]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Session":
        session = cls()
        session._turns = [_turn_from_dict(t) for t in data["turns"]]
        cursor = int(data.get("cursor", len(session._turns)))
        if not 0 <= cursor <= len(session._turns):
            raise ValueError(f"cursor {cursor} outside {len(session._turns)} turn(s)")
        session._cursor = cursor
        return session

    def push(self, turn: Turn) -> Change:
        before = self.current
        del self._turns[self._cursor:]
        self._turns.append(turn)
        self._cursor += 1
        self.last_change = self._change(before, turn)
        return self.last_change

    def reset(self, request: str = "start over") -> Change:
        """Forget the plan (undoable): the next request starts from nothing."""
        return self.push(Turn(request, None, None))

    def undo(self) -> Turn | None:
        """Step back one version; None when there is nothing to undo."""
        if self._cursor == 0:
            return None
        before = self.current
        self._cursor -= 1
        self.last_change = self._change(before, self.current)
        return self.current or Turn("", None, None)

    def redo(self) -> Turn | None:
        if not self.can_redo:
            return None
        before = self.current
        self._cursor += 1
        self.last_change = self._change(before, self.current)
        return self.current

    def adopt(self, other: "Session") -> None:
        """Take ``other``'s history and cursor (a save merged in another process's turns)."""
        self._turns, self._cursor = list(other._turns), other._cursor

    def _change(self, before: Turn | None, after: Turn | None) -> Change:
        return diff(before.cut if before else None, after.cut if after else None,
                    before.plan if before else None, after.plan if after else None,
                    self._cursor)


def _turn_to_dict(turn: Turn) -> dict[str, Any]:
    cut = None
    if turn.cut is not None:
        cut = turn.cut.to_dict()
        for seg, raw in zip(turn.cut.segments, cut["segments"]):  # exact, not rounded
            raw.update(start=seg.start, end=seg.end, score=seg.score, shots=list(seg.shots))
            if seg.evidence:
                raw["evidence"] = [asdict(e) for e in seg.evidence]
    return {"request": turn.request, "notes": list(turn.notes), "cut": cut,
            "plan": turn.plan.model_dump(mode="json") if turn.plan is not None else None}


def _turn_from_dict(data: dict[str, Any]) -> Turn:
    from .export import cut_from_dict
    plan = ConstraintPlan.model_validate(data["plan"]) if data.get("plan") is not None else None
    cut = cut_from_dict(data["cut"], where="saved session") if data.get("cut") else None
    return Turn(str(data["request"]), plan, cut, tuple(data.get("notes", ())))


def _covered(cut: Cut | None) -> list[tuple[float, float]]:
    return sorted(cut.spans) if cut else []


def diff(before: Cut | None, after: Cut | None, old_plan: ConstraintPlan | None = None,
         new_plan: ConstraintPlan | None = None, version: int = 0) -> Change:
    old, new = _covered(before), _covered(after)
    common = overlap(old, new)
    return Change(added=(after.duration if after else 0.0) - common,
                  removed=(before.duration if before else 0.0) - common,
                  segments_before=len(old), segments_after=len(new),
                  plan=tuple(plan_changes(old_plan, new_plan)) if old_plan or new_plan else (),
                  version=version)


# --- why ------------------------------------------------------------------------------
def _segment_lines(i: int, seg: Segment) -> list[str]:
    head = (f"segment {i}: {fmt_time(seg.start)}-{fmt_time(seg.end)} ({seg.duration:.1f} s), "
            f"score {seg.score:.2f}")
    return [head] + [f"  - {r}" for r in seg.reasons or ("no evidence recorded",)]


def explain(cut: Cut, segment: int | None = None, at: float | None = None,
            plan: ConstraintPlan | None = None, about: str | None = None) -> list[str]:
    """Lines answering "why N", "why the last one", "why did you keep 12:30?", "why?", "why is
    the horse in there?" (``about``: the segments whose evidence names it, else every segment)."""
    segs = cut.segments
    if not segs:
        return ["the cut is empty"]
    if about:
        words = _words(about) - {"the", "and", "shot", "scene", "bit"}
        named = [(i, s) for i, s in enumerate(segs, 1) if words & _words(" ".join(s.reasons))]
        if named:
            return [line for i, s in named for line in _segment_lines(i, s)]
        return [f"no segment was kept for '{about}' by name; each was kept for:"] + explain(cut, plan=plan)
    if at is not None:
        for i, seg in enumerate(segs, 1):
            if seg.start - 1e-6 <= at <= seg.end + 1e-6:
                return [f"{fmt_time(at)} is in the cut:"] + _segment_lines(i, seg)
        return [f"{fmt_time(at)} is not in the cut"] + _why_not(cut, at, plan)
    if segment is not None:
        n = len(segs) if segment == -1 else segment
        if not 1 <= n <= len(segs):
            return [f"there is no segment {segment}: give a number from 1 to {len(segs)}"]
        return _segment_lines(n, segs[n - 1])
    lines = [f"{len(segs)} segment(s), {cut.duration:.1f} s:"]
    for i, seg in enumerate(segs, 1):
        lines.append(f"{i}. {fmt_time(seg.start)}-{fmt_time(seg.end)}: "
                     + ("; ".join(seg.reasons[:2]) or "no evidence recorded"))
    return lines + [f"note: {n}" for n in cut.notes]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", text.lower()))


def _why_not(cut: Cut, at: float, plan: ConstraintPlan | None) -> list[str]:
    lines = []
    if plan is not None:
        if any(s.start <= at <= s.end for s in plan.skip):
            lines.append("you dropped that part earlier")
        if plan.window is not None:
            lines.append("the plan only looks inside its time window; see 'show the plan'")
    nearest = min(cut.segments, key=lambda s: min(abs(s.start - at), abs(s.end - at)))
    lines.append(f"the nearest kept segment is {fmt_time(nearest.start)}-{fmt_time(nearest.end)}")
    return lines
