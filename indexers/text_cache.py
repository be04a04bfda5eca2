"""A film's query vectors, kept beside its index: the text model loads only for new words.

A single shot or ``cutbot suggest`` on an indexed film asks a handful of short queries
("scenes with clubs", "burger"); loading the sentence model for them costs more than
everything else the command does (about 1.2 s of CPU on 2 cores: the weights, scipy for
its GELU, then a forward pass). The same film is asked the same words again and again
(suggestions are derived from the index, a chat repeats its subjects), so the vectors of
short texts are saved in the index folder, keyed by model, and read back. The model is
loaded lazily, on the first text the cache has not seen; its vectors are the model's own.

On disk: a snapshot (``queries-<model>.npz``, replaced whole by a rename) and a journal
beside it (``.journal``) that a miss only appends to, one write of checksummed records,
so a new query costs the bytes of its own vector, not a rewrite of the cache. A torn or
damaged record ends the journal where it starts (what came before stays good) and the
next miss folds everything into a fresh snapshot; so does a journal past JOURNAL_MAX
records. The journal belongs to its snapshot: without one it is not read. Appends and folds
take one lock (``queries-<model>.lock``), and a fold first takes in what other processes
journaled, so no process's vectors are folded away.
"""
from __future__ import annotations

import logging
import os
import struct
import zlib
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .files import atomic_write, file_lock
from .text import LazyTextEmbedder

log = logging.getLogger(__name__)

MAX_TEXTS = 2000  # entries kept per film and model (384 floats each: about 3 MB at most)
SMALL = 64  # only calls of up to this many texts are cached: bulk embeddings have their own
JOURNAL_MAX = 256  # journal records before they are folded into the snapshot
_HEAD = struct.Struct("<II")  # record: payload length, crc32 of the payload


class CachedTextEmbedder(LazyTextEmbedder):
    """A ``TextEmbedder`` (name, dim, embed) over a lazily loaded one, with a disk cache."""

    def __init__(self, name: str, load: Callable[[], object], folder: str | Path | None) -> None:
        super().__init__(name, load)
        self._path = Path(folder) / f"queries-{_safe(name)}.npz" if folder else None
        self._journal = self._path.with_suffix(".journal") if self._path else None
        self._logged = 0  # records in the journal; -1: damaged (the next write folds it)
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
            fresh = dict(zip(missing, np.asarray(self.inner.embed(missing), np.float32)))
            self._memo.update(fresh)
            self._save(fresh)
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
                memo = dict(zip(data["texts"].tolist(), data["vectors"].astype(np.float32)))
        except (OSError, ValueError, KeyError) as exc:
            log.debug("query cache %s unreadable (%s): starting afresh", self._path, exc)
            return {}
        memo.update(self._read_journal(len(next(iter(memo.values()))) if memo else 0))
        return memo

    def _read_journal(self, dim: int) -> dict[str, np.ndarray]:
        """The journal's whole records, in order; the first torn or damaged one ends it."""
        try:
            raw = self._journal.read_bytes()
        except OSError:
            return {}
        out: dict[str, np.ndarray] = {}
        at = 0
        while at + _HEAD.size <= len(raw):
            size, crc = _HEAD.unpack_from(raw, at)
            payload = raw[at + _HEAD.size:at + _HEAD.size + size]
            if len(payload) < size or size < 4 or zlib.crc32(payload) != crc:
                break
            (n,) = struct.unpack_from("<I", payload)
            vector = np.frombuffer(payload[4 + n:], np.float32)
            if 4 + n > size or (dim and vector.size != dim):
                break
            out[payload[4:4 + n].decode("utf-8", "replace")] = vector.copy()
            at += _HEAD.size + size
        self._logged = len(out) if at == len(raw) else -1
        return out

    def _save(self, fresh: dict[str, np.ndarray]) -> None:
        """Append ``fresh`` to the journal in one write; fold everything into a new snapshot
        when there is none yet, the journal is damaged, or it has grown past JOURNAL_MAX.
        Both under one lock, so a record another process appends is never folded away."""
        if self._path is None or not self._path.parent.is_dir():
            return
        try:
            with file_lock(self._path.with_suffix(".lock")):
                if self._logged < 0 or self._logged + len(fresh) > JOURNAL_MAX or not self._path.is_file():
                    self._fold()
                    return
                fd = os.open(self._journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    os.write(fd, b"".join(_record(t, v) for t, v in fresh.items()))
                finally:
                    os.close(fd)
                self._logged += len(fresh)
        except OSError as exc:  # a read-only home only costs time
            log.debug("could not save the query cache: %s", exc)

    def _fold(self) -> None:
        """A new snapshot of every vector known here or journaled by another process since."""
        dim = len(next(iter(self._memo.values()))) if self._memo else 0
        for text, vector in self._read_journal(dim).items():
            self._memo.setdefault(text, vector)
        keep = list(self._memo.items())[-MAX_TEXTS:]
        texts = np.array([t for t, _ in keep], dtype=str)
        vectors = np.stack([v for _, v in keep]).astype(np.float32)

        def save(tmp: str) -> None:
            with open(tmp, "wb") as fh:
                np.savez(fh, texts=texts, vectors=vectors)
        atomic_write(self._path, save)
        self._journal.unlink(missing_ok=True)  # its records are in the snapshot now
        self._logged = 0

    def __repr__(self) -> str:
        return f"CachedTextEmbedder(name={self.name!r}, cached={len(self._memo)})"


def _record(text: str, vector: np.ndarray) -> bytes:
    encoded = text.encode("utf-8")
    payload = struct.pack("<I", len(encoded)) + encoded + np.asarray(vector, "<f4").tobytes()
    return _HEAD.pack(len(payload), zlib.crc32(payload)) + payload


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:60]


def cached_text_embedder(name: str | None, folder: str | Path | None) -> CachedTextEmbedder:
    """The film's text model (registry name ``name``) behind the query cache in ``folder``."""
    from . import models

    resolved = models._resolve("text", name, "TEXT_MODEL")
    return CachedTextEmbedder(resolved, lambda: models.get_text_embedder(resolved), folder)


def query_folder(index_root: str | Path | None) -> Path | None:
    """Where a film's query vectors live: its index folder; an index without one (built in
    memory) keeps them under CUTBOT_HOME's cache, never in the working directory."""
    root = Path(index_root) if index_root else None
    if root is not None and (root / "manifest.json").is_file():
        return root
    from .settings import cutbot_home

    folder = cutbot_home() / "cache" / "queries"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only home only costs time
        return None
    return folder
