"""Prompt and help texts, as data files read with importlib.resources."""
from __future__ import annotations

from importlib import resources


def read_text(name: str) -> str:
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
