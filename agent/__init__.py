"""cutbot's agent: requests -> plans -> cuts, and the interfaces over them.

Every name is imported lazily: ``import cutbot.agent`` costs nothing, so the ``cutbot``
command (``launch.main``) is guarding Ctrl-C before anything heavy loads.
"""
from __future__ import annotations

import importlib

_HOMES = {
    "Editor": ".editor", "Cut": ".cut", "Segment": ".cut",
    "ConstraintPlan": ".plan", "Duration": ".plan", "Query": ".plan", "TimeWindow": ".plan",
    "NothingMatched": ".errors", "PlanError": ".errors", "RenderError": ".media_io",
    "CutbotError": "cutbot.indexers.errors", "IndexMissing": "cutbot.indexers.errors",
    "MediaError": "cutbot.indexers.errors", "ModelUnavailable": "cutbot.indexers.errors",
}
__all__ = list(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(home, __name__), name)
