"""The result of planning: segments of the source, with the evidence for each."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .evidence import Evidence

PLAN_JSON_VERSION = 1  # a cut of one film
PLAN_JSON_VERSION_SOURCES = 2  # a cut across films: every segment names its ``source``


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    score: float
    reasons: tuple[str, ...] = ()
    shots: tuple[int, ...] = ()
    # keyword-only: two optional fields of the same position are easy to swap by mistake
    source: str | None = field(default=None, kw_only=True)  # the film, in a cut across films (plan v2)
    evidence: tuple[Evidence, ...] = field(default=(), kw_only=True)  # typed: what the reasons say

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def queries(self) -> tuple[str, ...]:
        """The query texts this segment's evidence answers, best first, each once."""
        return tuple(dict.fromkeys(e.query for e in self.evidence if e.query))

    def to_dict(self) -> dict[str, Any]:
        out = {"start": round(self.start, 3), "end": round(self.end, 3),
               "score": round(self.score, 3), "reasons": list(self.reasons)}
        if self.source is not None:
            out["source"] = self.source
        if self.evidence:  # old readers ignore it; old files without it still load
            out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


@dataclass(frozen=True)
class Cut:
    """Segments in play order; ``constraints`` is the ConstraintPlan as JSON."""

    source: str
    request: str
    segments: tuple[Segment, ...]
    constraints: dict[str, Any] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # what the planner wants the viewer to know (drops, fits)

    @property
    def duration(self) -> float:
        return sum(s.duration for s in self.segments)

    @property
    def spans(self) -> list[tuple[float, float]]:
        """(start, end) of each segment, in play order."""
        return [(s.start, s.end) for s in self.segments]

    @property
    def sources(self) -> tuple[str, ...]:
        """The films the segments come from, in first-played order."""
        return tuple(dict.fromkeys(s.source or self.source for s in self.segments))

    def to_dict(self) -> dict[str, Any]:
        version = PLAN_JSON_VERSION_SOURCES if any(s.source for s in self.segments) else PLAN_JSON_VERSION
        return {"version": version, "source": self.source, "request": self.request,
                "constraints": self.constraints,
                "segments": [s.to_dict() for s in self.segments],
                "duration": round(self.duration, 3), "notes": list(self.notes)}

    def explain(self) -> str:
        lines = [f"{len(self.segments)} segment(s), {self.duration:.1f} s for: {self.request}"]
        for i, s in enumerate(self.segments, 1):
            why = "; ".join(s.reasons) or "no evidence recorded"
            film = f"{s.source.rsplit('/', 1)[-1]} " if s.source else ""
            lines.append(f"{i:>3}. {film}{fmt_time(s.start)}-{fmt_time(s.end)} ({s.duration:.1f} s, "
                         f"score {s.score:.2f}): {why}")
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


def fmt_time(seconds: float) -> str:
    m, s = divmod(max(0.0, seconds), 60)
    h, m = divmod(int(m), 60)
    return f"{h}:{m:02d}:{s:05.2f}" if h else f"{m}:{s:05.2f}"
