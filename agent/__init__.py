"""cutbot's agent: requests -> plans -> cuts, and the interfaces over them.

Names are imported lazily so ``import cutbot.agent`` stays cheap for the CLI.
"""
from __future__ import annotations

from cutbot.indexers.errors import CutbotError, IndexMissing, MediaError, ModelUnavailable

from .cut import Cut, Segment
from .errors import NothingMatched, PlanError
from .media_io import RenderError
from .plan import ConstraintPlan, Duration, Query, TimeWindow

__all__ = ["Editor", "Cut", "Segment", "ConstraintPlan", "Duration", "Query", "TimeWindow",
           "CutbotError", "IndexMissing", "MediaError", "ModelUnavailable", "NothingMatched",
           "PlanError", "RenderError"]


def __getattr__(name: str):
    if name == "Editor":
        from .editor import Editor
        return Editor
    raise AttributeError(name)
