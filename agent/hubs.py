"""Hubness of transcript lines: how close a line sits to ANY topic at all.

Short or generic lines ("I'm Nora.", "Take it to the shop") lie near almost every query in
MiniLM space, so an absent topic's best line can outscore a present topic's own line. Cross-
lingual retrieval's cure (CSLS, Conneau et al. 2018) reads a line's hubness as its mean
similarity to its k nearest queries in a large generic background set: here the commonest
WordNet nouns (SemCor sense counts), each in the product's meaning form (the word and its talk
form, averaged), none chosen for any film or request.
"""
from __future__ import annotations

from importlib import resources

import numpy as np

from cutbot.indexers.models import TextEmbedder

BANK_FILE = "data/common_nouns.txt"


def bank_words(limit: int | None = None) -> list[str]:
    """The background topics, commonest first (indexers/data/make_common_nouns.py)."""
    raw = resources.files("cutbot.indexers").joinpath(BANK_FILE).read_text()
    words = [w for w in raw.splitlines() if w and not w.startswith("#")]
    return words[:limit] if limit else words


def bank_vectors(text: TextEmbedder, words: list[str], form: str = "talking about {}") -> np.ndarray:
    """Each background topic's meaning vector, as a query's: its word and its talk form, averaged."""
    plain = text.embed(words)
    talk = text.embed([form.format(w) for w in words])
    return ((plain + talk) / 2).astype(np.float32)


def hubness(vectors: np.ndarray, bank: np.ndarray, k: int) -> np.ndarray:
    """Each line's mean similarity to its ``k`` nearest background topics."""
    if len(vectors) == 0:
        return np.zeros(0, np.float32)
    sims = vectors @ bank.T
    k = min(k, sims.shape[1])
    return np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)
