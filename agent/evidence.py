"""Why a shot matched a query: the ``Evidence`` record and the z scale it is measured on.

It sits at the bottom of ``agent`` with the plan types because three planning modules
speak it: ``search`` fuses it, ``people`` produces it for faces and ``edges`` snaps cut
edges to it. Keeping it here lets each of them import it without importing the others.
"""
from __future__ import annotations

from dataclasses import dataclass

from .plan import Query

__all__ = ["Evidence"]


@dataclass(frozen=True)
class Evidence:
    """Why a shot matched: the best item of one modality."""

    modality: str  # "visual" | "speech" | "person"
    score: float  # raw similarity (or keyword coverage for exact quotes)
    z: float  # calibrated against the film's background
    detail: str  # visual labels, the transcript line, or who
    time: float  # where in the source the evidence is
    start: float = 0.0  # the evidence's own span (a sentence, a run of frames)
    end: float = 0.0

    def describe(self, query: Query) -> str:
        return f"{self.modality}: '{query.text}' ~ {self.detail} (score {self.score:.2f}, z {self.z:.1f})"
