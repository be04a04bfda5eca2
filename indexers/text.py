"""Sentence embeddings for transcript search and for matching image labels to queries.

One backend, sentence-transformers, because it reads both the packaged MiniLM folder
and any hub model by name; the registry in ``models.py`` decides which one is loaded.
"""
from __future__ import annotations

import logging
import threading
from typing import Any, Sequence

import numpy as np

log = logging.getLogger(__name__)


def l2_normalise(x: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    x = np.asarray(x, dtype=np.float32)
    if x.ndim != 2 or x.shape[0] == 0:
        return x
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)


class SentenceTransformerEmbedder:
    """A ``TextEmbedder`` over a loaded ``SentenceTransformer``.

    The encode call is serialised with a lock: the indexing pipeline runs stages in
    threads and a torch module is not meant to run two forwards at once on 2 cores.
    """

    def __init__(self, model: Any, name: str, batch_size: int = 64) -> None:
        self._model = model
        self.name = name
        self.batch_size = batch_size
        dim_fn = getattr(model, "get_embedding_dimension", None) or getattr(
            model, "get_sentence_embedding_dimension"
        )
        dim = dim_fn()
        if not dim:  # some models only know their size after a forward
            dim = int(self._encode(["dimension probe"]).shape[1])
        self.dim = int(dim)
        self._lock = threading.Lock()

    def _encode(self, texts: list[str]) -> np.ndarray:
        out = self._model.encode(
            texts,
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(n, dim) float32, L2-normalised; empty input gives (0, dim)."""
        if isinstance(texts, str):
            texts = [texts]
        items = [str(t) for t in texts]
        if not items:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._encode(items)
        return l2_normalise(vectors.reshape(len(items), -1))

    def __repr__(self) -> str:
        return f"SentenceTransformerEmbedder(name={self.name!r}, dim={self.dim})"


class LazyTextEmbedder:
    """A ``TextEmbedder`` whose model loads on first use. The label bridge is built for
    every picture query, yet a query whose vector the film has cached needs no text model
    (the bridge then answers through the film's cache: ``LabelBridgeEmbedder.with_text``)."""

    def __init__(self, name: str, load) -> None:
        self.name = name
        self._load = load
        self._inner = None
        self._lock = threading.Lock()

    @property
    def inner(self):
        with self._lock:
            if self._inner is None:
                self._inner = self._load()
            return self._inner

    @property
    def dim(self) -> int:
        return int(self.inner.dim)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed(texts)

    def __repr__(self) -> str:
        return f"LazyTextEmbedder(name={self.name!r}, loaded={self._inner is not None})"


def load_sentence_transformer(source: str, name: str) -> SentenceTransformerEmbedder:
    """Load ``source`` (a folder or hub name) on CPU; errors propagate to the registry."""
    from sentence_transformers import SentenceTransformer

    try:  # the weight-loading bar would break the CLI's own progress display
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:
        pass

    log.debug("loading sentence-transformers model %s from %s", name, source)
    model = SentenceTransformer(source, device="cpu")
    model.eval()
    return SentenceTransformerEmbedder(model, name=name)
