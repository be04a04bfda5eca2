"""The WordNet 3.0 noun hierarchy, compact: which nouns a word is a kind of.

``indexers/data/wordnet_kinds.json.gz`` (make_wordnet_kinds.py) takes 0.3-3 s to parse,
which a single-shot request on 2 cores cannot afford on its first spoken query. Its
arrays are written once under ``$CUTBOT_HOME/cache`` (keyed by the source's hash) and
memory-mapped after, a few ms; nouns are found by binary search over the sorted names.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from functools import lru_cache
from importlib import resources

import numpy as np

from cutbot.indexers.settings import cutbot_home


class Kinds:
    """The WordNet noun hierarchy as flat arrays: (parents per synset, a noun's synsets,
    depth per synset), cached and memory-mapped as the module says; no dict built."""

    FILES = ("p_off", "p_flat", "l_off", "l_flat", "depth", "names", "n_off")
    KEPT = 8192  # ancestor walks kept (as many as an lru_cache of them once kept)

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.p_off, self.p_flat = arrays["p_off"], arrays["p_flat"]
        self.l_off, self.l_flat, self.depth = arrays["l_off"], arrays["l_flat"], arrays["depth"]
        self.names, self.n_off = arrays["names"], arrays["n_off"]
        self._ancestors: dict[int, dict[int, int]] = {}

    def parents(self, i: int) -> list[int]:
        return self.p_flat[self.p_off[i]:self.p_off[i + 1]].tolist()

    def ancestors(self, synset: int) -> dict[int, int]:
        """Every synset ``synset`` is a kind of (itself included) -> the fewest WordNet
        steps up to it. The one walk up the hierarchy (labels, everyday, spoken and who
        all ask it); kept per synset, since the same few nouns are asked again and again.
        The dict is shared: callers read it, never change it."""
        got = self._ancestors.get(synset)
        if got is None:
            got, frontier, step = {synset: 0}, [synset], 0
            while frontier:
                step += 1
                frontier = [p for f in frontier for p in self.parents(f) if p not in got]
                got.update(dict.fromkeys(frontier, step))
            if len(self._ancestors) >= self.KEPT:
                self._ancestors.clear()  # a bound on memory; WordNet walks are cheap to redo
            self._ancestors[synset] = got
        return got

    def below(self, synset: int) -> frozenset[int]:
        """Every synset that is a kind of ``synset`` (itself included): a kind's extent."""
        if not hasattr(self, "_c_off"):  # children, inverted from the parents once (a few ms)
            child = np.repeat(np.arange(len(self.p_off) - 1), np.diff(self.p_off))
            order = np.argsort(self.p_flat, kind="stable")
            self._c_flat = child[order]
            self._c_off = np.searchsorted(self.p_flat[order], np.arange(len(self.p_off)))
            self._below: dict[int, frozenset[int]] = {}
        got = self._below.get(synset)
        if got is None:
            seen, frontier = {synset}, [synset]
            while frontier:
                frontier = [c for f in frontier for c in self._c_flat[self._c_off[f]:self._c_off[f + 1]].tolist()
                            if c not in seen]
                seen.update(frontier)
            got = self._below[synset] = frozenset(seen)  # few kinds are asked: kept
        return got

    def names_of(self, synset: int) -> tuple[str, ...]:
        """Every noun that names ``synset`` (its lemmas, in name order): "holiday" and
        "vacation" for one sense. The lemma lists inverted once (a few ms), then searched."""
        if not hasattr(self, "_by_synset"):
            owner = np.repeat(np.arange(len(self.l_off) - 1), np.diff(self.l_off))
            order = np.argsort(self.l_flat, kind="stable")
            self._by_synset = (np.asarray(self.l_flat)[order], owner[order])
        syn, owner = self._by_synset
        lo, hi = np.searchsorted(syn, synset), np.searchsorted(syn, synset, "right")
        return tuple(self._name(int(i)).decode("utf-8") for i in owner[lo:hi])

    def _name(self, k: int) -> bytes:
        return self.names[self.n_off[k]:self.n_off[k + 1]].tobytes()

    def lemma(self, word: str) -> list[int]:
        key, lo, hi = word.encode("utf-8"), 0, len(self.n_off) - 1
        while lo < hi:  # sorted by bytes
            mid = (lo + hi) // 2
            if self._name(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(self.n_off) - 1 or self._name(lo) != key:
            return []
        return self.l_flat[self.l_off[lo]:self.l_off[lo + 1]].tolist()

    @staticmethod
    def arrays(raw: bytes) -> dict[str, np.ndarray]:
        """The JSON (make_wordnet_kinds.py) as the flat arrays above."""
        data = json.loads(gzip.decompress(raw))
        names = sorted(data["lemmas"], key=lambda n: n.encode("utf-8"))
        lem = [data["lemmas"][n] for n in names]
        encoded = [n.encode("utf-8") for n in names]

        def flat(rows):
            return np.fromiter((x for r in rows for x in r), np.int32)

        def offsets(rows):
            return np.cumsum([0] + [len(r) for r in rows], dtype=np.int64)

        return {"p_off": offsets(data["parents"]), "p_flat": flat(data["parents"]),
                "l_off": offsets(lem), "l_flat": flat(lem), "depth": np.asarray(data["depth"], np.int16),
                "names": np.frombuffer(b"".join(encoded), np.uint8), "n_off": offsets(encoded)}


@lru_cache(maxsize=1)
def load() -> Kinds:
    """The hierarchy, read once per process: from the cache when its source is unchanged,
    else from ``indexers/data/wordnet_kinds.json.gz`` (then cached; a cache that cannot be
    written is no error)."""
    source = resources.files("cutbot.indexers").joinpath("data/wordnet_kinds.json.gz")
    raw = source.read_bytes()
    folder = cutbot_home() / "cache" / f"wordnet_kinds.{hashlib.sha256(raw).hexdigest()[:16]}"
    try:
        # plain ndarray views of the maps: np.memmap's Python __getitem__ cost ~40 ms a query
        return Kinds({k: np.load(folder / f"{k}.npy", mmap_mode="r").view(np.ndarray) for k in Kinds.FILES})
    except (OSError, ValueError):
        pass
    arrays = Kinds.arrays(raw)
    try:
        tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
        tmp.mkdir(parents=True, exist_ok=True)
        for k, a in arrays.items():
            np.save(tmp / f"{k}.npy", a)
        os.replace(tmp, folder)  # whole or not at all; a racing writer's copy is as good
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
    return Kinds(arrays)


@lru_cache(maxsize=1)
def noun_names() -> tuple[str, ...]:
    """Every one-word WordNet noun (for spelling), decoded only when a query needs it."""
    k = load()
    names = bytes(k.names).decode("utf-8")
    return tuple(w for w in (names[a:b] for a, b in zip(k.n_off[:-1].tolist(), k.n_off[1:].tolist()))
                 if w.isalpha())
