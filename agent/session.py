"""Conversation state: every turn's plan and cut, with undo and redo."""
from __future__ import annotations

from dataclasses import dataclass

from .cut import Cut
from .plan import ConstraintPlan


@dataclass(frozen=True)
class Turn:
    request: str
    plan: ConstraintPlan
    cut: Cut


@dataclass(frozen=True)
class Change:
    """What one turn did to the cut, for "what changed" lines."""

    added: float  # seconds of source newly in the cut
    removed: float  # seconds no longer in the cut
    segments_before: int
    segments_after: int

    def describe(self) -> str:
        return (f"+{self.added:.1f} s / -{self.removed:.1f} s, "
                f"{self.segments_before} -> {self.segments_after} segment(s)")


class Session:
    """A linear history with a cursor; a new turn after undo drops the redo branch."""

    def __init__(self) -> None:
        self._turns: list[Turn] = []
        self._cursor = 0  # number of turns in effect

    @property
    def current(self) -> Turn | None:
        return self._turns[self._cursor - 1] if self._cursor else None

    @property
    def plan(self) -> ConstraintPlan | None:
        return self.current.plan if self.current else None

    @property
    def turns(self) -> tuple[Turn, ...]:
        return tuple(self._turns[: self._cursor])

    def push(self, turn: Turn) -> Change:
        before = self.current
        del self._turns[self._cursor:]
        self._turns.append(turn)
        self._cursor += 1
        return diff(before.cut if before else None, turn.cut)

    def undo(self) -> Turn | None:
        if self._cursor == 0:
            return None
        self._cursor -= 1
        return self.current

    def redo(self) -> Turn | None:
        if self._cursor == len(self._turns):
            return None
        self._cursor += 1
        return self.current


def _covered(cut: Cut | None) -> list[tuple[float, float]]:
    return sorted((s.start, s.end) for s in cut.segments) if cut else []


def _overlap(a: list[tuple[float, float]], b: list[tuple[float, float]]) -> float:
    return sum(max(0.0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def diff(before: Cut | None, after: Cut) -> Change:
    old, new = _covered(before), _covered(after)
    common = _overlap(old, new)
    return Change(added=after.duration - common,
                  removed=(before.duration if before else 0.0) - common,
                  segments_before=len(old), segments_after=len(new))
