"""The errors of a request: it cannot become a plan, or the film has nothing for it.

They sit at the bottom of ``agent`` (beside the plan types) because the language
layer (intent, grammar, llm) raises ``PlanError`` and the planning layer (planner,
people, search) raises ``NothingMatched``; the session layer and the faces of the
product catch them. Both are ``CutbotError``s, so the CLI prints them as one line.
"""
from __future__ import annotations

from cutbot.indexers.errors import CutbotError

__all__ = ["PlanError", "NothingMatched"]


class PlanError(CutbotError):
    """A request could not be turned into a plan, or the plan cannot be met."""


class NothingMatched(PlanError):
    """The request is understood but nothing in the film matches it."""
