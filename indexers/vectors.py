"""Frame and sentence vectors of every film in a library, in FAISS, searchable at once.

Each film's index keeps its own vectors (``store.py``); this store gathers them so one
query can shortlist films and shots across a whole library without looping over films
in Python. Layout under ``cutbot_home()/library/``::

    vectors.json          the library manifest: kind of index, its parameters, the films
    frames.faiss / sentences.faiss       one FAISS index per kind of vector
    frames.ids.npy / sentences.ids.npy   row id -> (film number, row in that film)

Why two index kinds: exact search (``IndexFlatIP``) costs O(n) per query. Measured here
(``bench/library_search.py``, 2 cores under heavy load): 50k 384-d vectors take ~50 ms
(p50; p90 70-340 ms), 200k take 210-550 ms, far past the 300 ms goal at 2 M. So each kind stays exact
up to ``EXACT_LIMIT`` vectors and switches to IVF with 8-bit scalar quantisation past it
(``IndexIVFScalarQuantizer``, about sqrt(n) lists, ``NPROBE`` searched): a quarter of the
float32 memory (2.2 M vectors: 825 MiB instead of 3.2 GiB), p50 65 ms / p90 155 ms per
query and recall@50 0.964 against exact search on the bench's library. PQ would be smaller still but
loses recall on 384-d text vectors; HNSW keeps float32 and costs more memory. The choice
and its parameters are written in the manifest.

A filter restricts a query to some films with an ``IDSelectorBatch`` over the row ids,
so the approximate index keeps its speed. Films are added incrementally as they are
indexed; ``rebuild`` makes the whole store again from the per-film indexes.
"""
from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from .files import atomic_save_npy, atomic_write, atomic_write_text
from .settings import cutbot_home

log = logging.getLogger(__name__)

KINDS = ("frames", "sentences")
MANIFEST = "vectors.json"
STORE_VERSION = 1
EXACT_LIMIT = 50_000  # vectors per kind (see above: exact search past it is too slow here)
MIN_ROWS_PER_LIST = 64  # IVF: about sqrt(n) lists, each with enough rows to train
TRAIN_PER_LIST = 50  # k-means sample per list, 10 iterations: ~1 min for 2M vectors here
NPROBE = 32  # IVF lists searched per query: see bench/library_search.py for recall@50


@dataclass(frozen=True)
class IndexChoice:
    """Which FAISS index a kind uses and why; written to the manifest."""

    kind: str  # "flat" | "ivf_sq8"
    vectors: int
    dim: int
    nlist: int = 0
    nprobe: int = 0
    reason: str = ""


@dataclass(frozen=True)
class Hit:
    """One vector found: whose film, which row of that film's own vectors, how close."""

    film: str
    row: int
    score: float


@dataclass
class _Kind:
    index: object  # faiss.Index
    ids: np.ndarray  # (n, 2) int64: film number, row in the film
    choice: IndexChoice


@dataclass
class Manifest:
    version: int = STORE_VERSION
    films: list[str] = field(default_factory=list)  # film number -> fingerprint
    choices: dict[str, dict] = field(default_factory=dict)


def choose(n: int, dim: int, exact_limit: int = EXACT_LIMIT) -> IndexChoice:
    """Exact below ``exact_limit`` vectors, IVF-SQ8 above (parameters from ``n``)."""
    if n <= exact_limit:
        return IndexChoice("flat", n, dim, reason=f"{n} vectors <= {exact_limit}: exact search")
    nlist = int(np.clip(np.sqrt(n), 16, max(16, n // MIN_ROWS_PER_LIST)))
    return IndexChoice("ivf_sq8", n, dim, nlist=nlist, nprobe=NPROBE,
                       reason=f"{n} vectors > {exact_limit}: IVF {nlist} lists, 8-bit scalars")


def new_index(choice: IndexChoice, sample: np.ndarray | None = None):
    """An empty FAISS inner-product index for ``choice``, trained on ``sample`` (IVF)."""
    import faiss

    if choice.kind == "flat":
        return faiss.IndexIDMap2(faiss.IndexFlatIP(choice.dim))
    quantizer = faiss.IndexFlatIP(choice.dim)
    index = faiss.IndexIVFScalarQuantizer(quantizer, choice.dim, choice.nlist,
                                          faiss.ScalarQuantizer.QT_8bit, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = 10
    index.train(np.ascontiguousarray(sample, dtype=np.float32))
    index.nprobe = choice.nprobe
    return index


def build_index(vectors: np.ndarray, choice: IndexChoice, seed: int = 0):
    """A FAISS inner-product index holding ``vectors`` (row i has id i)."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    sample = None
    if choice.kind != "flat":
        rng = np.random.default_rng(seed)
        take = min(len(vectors), choice.nlist * TRAIN_PER_LIST)
        sample = vectors[np.sort(rng.choice(len(vectors), take, replace=False))]
    index = new_index(choice, sample)
    if len(vectors):
        index.add_with_ids(vectors, np.arange(len(vectors), dtype=np.int64))
    return index


def search(index, queries: np.ndarray, k: int, allowed: np.ndarray | None = None):
    """(scores, ids) of the ``k`` nearest rows; ``allowed`` (ids) filters the rows."""
    import faiss

    queries = np.ascontiguousarray(np.atleast_2d(queries), dtype=np.float32)
    params = None
    if allowed is not None:
        sel = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
        if isinstance(index, faiss.IndexIVF):
            params = faiss.SearchParametersIVF(sel=sel, nprobe=index.nprobe)
        else:
            params = faiss.SearchParameters(sel=sel)
    if len(queries) > 1:
        return index.search(queries, k, params=params)
    threads = faiss.omp_get_max_threads()  # one query: one thread (3x faster on a busy
    faiss.omp_set_num_threads(1)           # machine than waking OpenMP's team, measured)
    try:
        return index.search(queries, k, params=params)
    finally:
        faiss.omp_set_num_threads(threads)


class VectorStore:
    """Every indexed film's frame and sentence vectors, one FAISS index per kind."""

    def __init__(self, root: Path, manifest: Manifest, kinds: dict[str, _Kind],
                 exact_limit: int = EXACT_LIMIT):
        self.root = root
        self.manifest = manifest
        self._kinds = kinds
        self.exact_limit = exact_limit
        self._lock = threading.Lock()

    @classmethod
    def open(cls, home: str | os.PathLike | None = None,
             exact_limit: int = EXACT_LIMIT) -> "VectorStore":
        """The library's store (empty when none was written yet)."""
        import faiss

        root = cutbot_home(home) / "library"
        manifest, kinds = Manifest(), {}
        path = root / MANIFEST
        if path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") == STORE_VERSION:
                manifest = Manifest(data["version"], list(data["films"]), dict(data["choices"]))
                for kind, raw in manifest.choices.items():
                    try:
                        index = faiss.read_index(str(root / f"{kind}.faiss"))
                        ids = np.load(root / f"{kind}.ids.npy")
                    except (RuntimeError, OSError, ValueError):
                        log.warning("library %s vectors unreadable: rebuild them", kind)
                        return cls(root, Manifest(), {}, exact_limit)
                    if isinstance(index, faiss.IndexIVF):
                        index.nprobe = raw.get("nprobe") or NPROBE
                    kinds[kind] = _Kind(index, ids, IndexChoice(**raw))
        return cls(root, manifest, kinds, exact_limit)

    @property
    def films(self) -> list[str]:
        return list(self.manifest.films)

    def choice(self, kind: str) -> IndexChoice | None:
        k = self._kinds.get(kind)
        return k.choice if k else None

    def size(self, kind: str) -> int:
        k = self._kinds.get(kind)
        return int(len(k.ids)) if k else 0

    def add_film(self, fingerprint: str, vectors: dict[str, np.ndarray]) -> None:
        """Add (or replace) one film's vectors; the index kind is chosen again when the
        store crosses the exact limit, so it is rebuilt then, and appended to otherwise."""
        with self._lock:
            if fingerprint in self.manifest.films:
                self._drop(fingerprint)
            self.manifest.films.append(fingerprint)
            number = len(self.manifest.films) - 1
            for kind in KINDS:
                vecs = np.asarray(vectors.get(kind, np.zeros((0, 0))), dtype=np.float32)
                if vecs.ndim != 2 or len(vecs) == 0:
                    continue
                ids = np.stack([np.full(len(vecs), number), np.arange(len(vecs))], 1).astype(np.int64)
                self._append(kind, vecs, ids)
            self._save()

    def remove_film(self, fingerprint: str) -> None:
        with self._lock:
            if fingerprint in self.manifest.films:
                self._drop(fingerprint)
                self._save()

    def rebuild(self, films: Iterable[tuple[str, dict[str, np.ndarray]]]) -> None:
        """Make the store again from scratch (e.g. from the per-film indexes)."""
        with self._lock:
            self.manifest, self._kinds = Manifest(), {}
            per_kind: dict[str, list[tuple[np.ndarray, np.ndarray]]] = {k: [] for k in KINDS}
            for number, (fingerprint, vectors) in enumerate(films):
                self.manifest.films.append(fingerprint)
                for kind in KINDS:
                    vecs = np.asarray(vectors.get(kind, np.zeros((0, 0))), dtype=np.float32)
                    if vecs.ndim == 2 and len(vecs):
                        ids = np.stack([np.full(len(vecs), number), np.arange(len(vecs))], 1)
                        per_kind[kind].append((vecs, ids.astype(np.int64)))
            for kind, parts in per_kind.items():
                if parts:
                    self._set(kind, np.concatenate([p[0] for p in parts]),
                              np.concatenate([p[1] for p in parts]))
            self._save()

    def search(self, kind: str, query: np.ndarray, k: int = 50,
               films: Sequence[str] | None = None) -> list[Hit]:
        """The ``k`` closest rows of ``kind`` to one query vector, best first; ``films``
        (fingerprints) restricts the search to those films."""
        store = self._kinds.get(kind)
        if store is None or len(store.ids) == 0:
            return []
        allowed = None
        if films is not None:
            wanted = [i for i, f in enumerate(self.manifest.films) if f in set(films)]
            allowed = np.flatnonzero(np.isin(store.ids[:, 0], wanted))
            if allowed.size == 0:
                return []
        scores, rows = search(store.index, query, min(k, len(store.ids)), allowed)
        out = []
        for s, r in zip(scores[0], rows[0]):
            if r < 0:
                continue
            number, row = store.ids[int(r)]
            out.append(Hit(self.manifest.films[int(number)], int(row), float(s)))
        return out

    def film_scores(self, kind: str, query: np.ndarray, k: int = 200,
                    films: Sequence[str] | None = None) -> dict[str, float]:
        """Each film's best similarity among the ``k`` nearest rows: a shortlist."""
        best: dict[str, float] = {}
        for hit in self.search(kind, query, k, films):
            best[hit.film] = max(best.get(hit.film, -1.0), hit.score)
        return best

    # -- internals -------------------------------------------------------------------
    def _append(self, kind: str, vecs: np.ndarray, ids: np.ndarray) -> None:
        store = self._kinds.get(kind)
        n = (len(store.ids) if store else 0) + len(vecs)
        new = choose(n, vecs.shape[1], self.exact_limit)
        if store is not None and store.choice.kind == new.kind == "flat":
            store.index.add_with_ids(np.ascontiguousarray(vecs), np.arange(len(store.ids), n))
            store.ids = np.concatenate([store.ids, ids])
            store.choice = new
            return
        if store is not None and store.choice.kind == new.kind and n < 2 * store.choice.vectors:
            store.index.add_with_ids(np.ascontiguousarray(vecs), np.arange(len(store.ids), n))
            store.ids = np.concatenate([store.ids, ids])  # lists retrained when it doubles
            store.choice = IndexChoice(**{**asdict(store.choice), "vectors": n,
                                          "reason": choose(n, new.dim, self.exact_limit).reason})
            return
        old_vecs, old_ids = self._all(kind)
        self._set(kind, np.concatenate([old_vecs, vecs]) if len(old_vecs) else vecs,
                  np.concatenate([old_ids, ids]) if len(old_ids) else ids)

    def _all(self, kind: str) -> tuple[np.ndarray, np.ndarray]:
        store = self._kinds.get(kind)
        if store is None or len(store.ids) == 0:
            return np.zeros((0, 0), np.float32), np.zeros((0, 2), np.int64)
        return _reconstruct(store.index, len(store.ids)), store.ids

    def _set(self, kind: str, vecs: np.ndarray, ids: np.ndarray) -> None:
        choice = choose(len(vecs), vecs.shape[1], self.exact_limit)
        self._kinds[kind] = _Kind(build_index(vecs, choice), ids, choice)

    def _drop(self, fingerprint: str) -> None:
        number = self.manifest.films.index(fingerprint)
        films = [f for f in self.manifest.films if f != fingerprint]
        for kind in list(self._kinds):
            vecs, ids = self._all(kind)
            keep = ids[:, 0] != number
            vecs, ids = vecs[keep], ids[keep].copy()
            ids[ids[:, 0] > number, 0] -= 1
            if len(ids):
                self._set(kind, vecs, ids)
            else:
                del self._kinds[kind]
        self.manifest.films = films

    def _save(self) -> None:
        import faiss

        self.root.mkdir(parents=True, exist_ok=True)
        for kind, store in self._kinds.items():
            atomic_write(self.root / f"{kind}.faiss",
                         lambda tmp, ix=store.index: faiss.write_index(ix, tmp))
            atomic_save_npy(self.root / f"{kind}.ids.npy", store.ids)
        self.manifest.choices = {k: asdict(s.choice) for k, s in self._kinds.items()}
        # last: it names the files above
        atomic_write_text(self.root / MANIFEST, json.dumps(asdict(self.manifest), indent=1), error=None)


def _reconstruct(index, n: int) -> np.ndarray:
    """The stored vectors back (approximate for SQ8), for a re-choice or a removal."""
    import faiss

    inner = faiss.downcast_index(index.index) if isinstance(index, faiss.IndexIDMap) else index
    if isinstance(inner, faiss.IndexIVF):
        inner.make_direct_map()
        return np.vstack([inner.reconstruct(i) for i in range(n)]) if n else np.zeros((0, inner.d))
    return faiss.rev_swig_ptr(inner.get_xb(), n * inner.d).reshape(n, inner.d).copy()


def film_vectors(index) -> dict[str, np.ndarray]:
    """The vectors a per-film Index holds, by kind (what ``add_film`` takes)."""
    return {"frames": np.asarray(index.frame_vectors, np.float32),
            "sentences": np.asarray(index.sentence_vectors, np.float32)}


__all__ = ["EXACT_LIMIT", "Hit", "IndexChoice", "KINDS", "VectorStore", "build_index", "new_index",
           "choose", "film_vectors", "search"]
