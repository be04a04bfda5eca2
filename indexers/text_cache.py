"""A film's query vectors, kept beside its index: the text model loads only for new words.

A single shot or ``cutbot suggest`` on an indexed film asks a handful of short queries
("scenes with clubs", "burger"); loading the sentence model for them costs more than
everything else the command does (about 1.2 s of CPU on 2 cores: the weights, scipy for
its GELU, then a forward pass). The same film is asked the same words again and again
(suggestions are derived from the index, a chat repeats its subjects), so the vectors of
short texts are saved in the index folder, keyed by model, and read back. The model is
loaded lazily, on the first text the cache has not seen; its vectors are the model's own.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .files import atomic_write
from .text import LazyTextEmbedder

log = logging.getLogger(__name__)

MAX_TEXTS = 2000  # entries kept per film and model (384 floats each: about 3 MB at most)
SMALL = 64  # only calls of up to this many texts are cached: bulk embeddings have their own


class CachedTextEmbedder(LazyTextEmbedder):
    """A ``TextEmbedder`` (name, dim, embed) over a lazily loaded one, with a disk cache."""

    def __init__(self, name: str, load: Callable[[], object], folder: str | Path | None) -> None:
        super().__init__(name, load)
        self._path = Path(folder) / f"queries-{_safe(name)}.npz" if folder else None
        self._memo: dict[str, np.ndarray] = self._read()
        self._known: dict[str, np.ndarray] = {}  # seeded: used, never saved (the film has them)

    @property
    def dim(self) -> int:
        for known in (self._memo, self._known):
            if known:
                return len(next(iter(known.values())))
        return int(self.inner.dim)

    def embed(self, texts: Sequence[str] | str) -> np.ndarray:
        items = [texts] if isinstance(texts, str) else [str(t) for t in texts]
        if len(items) > SMALL:
            return self.inner.embed(items)
        missing = [t for t in dict.fromkeys(items) if t not in self._memo and t not in self._known]
        if missing:
            log.debug("query cache: embedding %s", missing)
            self._memo.update(zip(missing, np.asarray(self.inner.embed(missing), np.float32)))
            self._write()
        if not items:
            return np.zeros((0, self.dim), np.float32)
        return np.stack([self._memo[t] if t in self._memo else self._known[t] for t in items]).astype(np.float32)

    def seed(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Vectors this film already holds (its vocabulary), so they need no model."""
        for t, v in zip(texts, vectors):
            self._known.setdefault(t, np.asarray(v, np.float32))

    def _read(self) -> dict[str, np.ndarray]:
        if self._path is None or not self._path.is_file():
            return {}
        try:
            with np.load(self._path, allow_pickle=False) as data:
                return dict(zip(data["texts"].tolist(), data["vectors"].astype(np.float32)))
        except (OSError, ValueError, KeyError) as exc:
            log.debug("query cache %s unreadable (%s): starting afresh", self._path, exc)
            return {}

    def _write(self) -> None:
        if self._path is None or not self._path.parent.is_dir():
            return
        keep = list(self._memo.items())[-MAX_TEXTS:]
        texts = np.array([t for t, _ in keep], dtype=str)
        vectors = np.stack([v for _, v in keep]).astype(np.float32)

        def save(tmp: str) -> None:
            with open(tmp, "wb") as fh:
                np.savez(fh, texts=texts, vectors=vectors)
        try:
            atomic_write(self._path, save)
        except OSError as exc:  # a read-only home only costs time
            log.debug("could not save the query cache: %s", exc)

    def __repr__(self) -> str:
        return f"CachedTextEmbedder(name={self.name!r}, cached={len(self._memo)})"


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:60]


def cached_text_embedder(name: str | None, folder: str | Path | None) -> CachedTextEmbedder:
    """The film's text model (registry name ``name``) behind the query cache in ``folder``."""
    from . import models

    resolved = models._resolve("text", name, "TEXT_MODEL")
    return CachedTextEmbedder(resolved, lambda: models.get_text_embedder(resolved), folder)
