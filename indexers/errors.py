"""The small error hierarchy every layer raises; the CLI turns each into one line.

It lives in ``indexers`` (the bottom layer) so both layers can raise the same types;
``cutbot.agent`` re-exports it.
"""
from __future__ import annotations


class CutbotError(Exception):
    """Base of every error cutbot means to show a user as one clear line."""


class MediaError(CutbotError):
    """The input file is missing, unreadable or not a usable film."""


class ModelUnavailable(CutbotError):
    """A model could not be loaded (not installed offline, bad checksum, no network)."""


class IndexMissing(CutbotError):
    """The film has no (usable) index yet."""


class PlanError(CutbotError):
    """A request could not be turned into a plan, or the plan cannot be met."""


class NothingMatched(PlanError):
    """The request is understood but nothing in the film matches it."""


class RenderError(CutbotError):
    """Rendering or exporting the cut failed."""
