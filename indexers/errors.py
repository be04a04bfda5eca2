"""The bottom of the error hierarchy, and the errors the indexers raise.

Every error cutbot means to show a user as one clear line is a ``CutbotError``. Each
layer defines and raises its own subclasses where it lives: the indexers' here, the
plan and planning errors in ``cutbot.agent.errors``, ``RenderError`` in the render
stack (``cutbot.agent.media_io``); ``cutbot.agent`` re-exports them all. Anything that
is not a ``CutbotError`` is a bug: the CLI shows it as a bug (with its traceback under
``CUTBOT_DEBUG=1``), never as a user error.
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


_MOVED = {"PlanError": "cutbot.agent.errors", "NothingMatched": "cutbot.agent.errors",
          "RenderError": "cutbot.agent.media_io"}


def __getattr__(name: str):
    # a clear pointer for code written before the errors moved up to their layers
    if name in _MOVED:
        raise ImportError(f"{name} now lives in {_MOVED[name]}: use 'from cutbot.agent import {name}'")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
