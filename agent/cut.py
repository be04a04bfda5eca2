"""The result of planning: segments of the source, with the evidence for each."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .evidence import Evidence

PLAN_JSON_VERSION = 1


@dataclass(frozen=True)
class Segment:
    start: float
    end: float
    score: float
    reasons: tuple[str, ...] = ()
    shots: tuple[int, ...] = ()
    evidence: tuple[Evidence, ...] = ()  # typed: what the reasons say, for programs

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

    def to_dict(self) -> dict[str, Any]:
        return {"version": PLAN_JSON_VERSION, "source": self.source, "request": self.request,
                "constraints": self.constraints,
                "segments": [s.to_dict() for s in self.segments],
                "duration": round(self.duration, 3), "notes": list(self.notes)}

    def explain(self) -> str:
        lines = [f"{len(self.segments)} segment(s), {self.duration:.1f} s for: {self.request}"]
        for i, s in enumerate(self.segments, 1):
            why = "; ".join(s.reasons) or "no evidence recorded"
            lines.append(f"{i:>3}. {fmt_time(s.start)}-{fmt_time(s.end)} ({s.duration:.1f} s, "
                         f"score {s.score:.2f}): {why}")
        lines.extend(f"note: {n}" for n in self.notes)
        return "\n".join(lines)


def fmt_time(seconds: float) -> str:
    m, s = divmod(max(0.0, seconds), 60)
    h, m = divmod(int(m), 60)
    return f"{h}:{m:02d}:{s:05.2f}" if h else f"{m}:{s:05.2f}"
