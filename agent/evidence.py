"""Why a shot matched a query: the ``Evidence`` record and the z scale it is measured on.

It sits at the bottom of ``agent`` with the plan types because three planning modules
speak it: ``search`` fuses it, ``people`` produces it for faces and ``edges`` snaps cut
edges to it. Keeping it here lets each of them import it without importing the others.

Evidence travels as data all the way to the cut's segments (``Segment.evidence``), so the
profile and the views read the query, modality and scores from fields instead of parsing
the ``reasons`` text back; the plan JSON keeps both (``reasons`` for people, ``evidence``
for programs).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Mapping

from .plan import Query

__all__ = ["Evidence"]

_DIGITS = 4  # plan JSON precision: a round trip through the file changes nothing further


@dataclass(frozen=True)
class Evidence:
    """Why a shot matched: the best item of one modality, for the query ``query``."""

    modality: str  # "visual" | "speech" | "person" | "exact" (a quote)
    score: float  # raw similarity (or keyword coverage for exact quotes)
    z: float  # calibrated against the film's background
    detail: str  # visual labels, the transcript line, or who
    time: float  # where in the source the evidence is
    start: float = 0.0  # the evidence's own span (a sentence, a run of frames)
    end: float = 0.0
    query: str = ""  # the text of the query this answers ("" until the scorer says)

    def about(self, query: Query | str) -> "Evidence":
        """The same evidence, labelled with the query it answers."""
        text = query if isinstance(query, str) else query.text
        return self if text == self.query else replace(self, query=text)

    def describe(self) -> str:
        """The one-line words for a plan's ``reasons`` (what a person reads in the JSON)."""
        return f"{self.modality}: '{self.query}' ~ {self.detail} (score {self.score:.2f}, z {self.z:.1f})"

    def to_dict(self) -> dict[str, Any]:
        return {"modality": self.modality, "query": self.query, "score": round(self.score, _DIGITS),
                "z": round(self.z, _DIGITS), "detail": self.detail,
                "time": round(self.time, _DIGITS), "start": round(self.start, _DIGITS),
                "end": round(self.end, _DIGITS)}

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> "Evidence":
        """The inverse of ``to_dict``; raises TypeError/ValueError/KeyError on bad data."""
        if not isinstance(raw, Mapping):
            raise TypeError("evidence must be an object")
        return cls(modality=str(raw["modality"]), score=float(raw.get("score", 0.0)),
                   z=float(raw.get("z", 0.0)), detail=str(raw.get("detail", "")),
                   time=float(raw.get("time", 0.0)), start=float(raw.get("start", 0.0)),
                   end=float(raw.get("end", 0.0)), query=str(raw.get("query", "")))
