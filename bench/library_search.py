"""Search across a synthetic library: latency, memory and recall of the approximate index.

    .venv/bin/python bench/library_search.py              # 2,000 films, 2.2 M vectors
    .venv/bin/python bench/library_search.py --films 200  # a quick run

A library of ``--films`` films, each with ``--frames`` frame vectors and ``--sentences``
sentence vectors of ``--dim`` dimensions (384: what the index really stores, the text
model's space), random unit vectors with planted true matches: every query has
``--planted`` near copies (cosine ~0.85) hidden at random rows of random films.
The vectors are generated chunk by chunk from seeded generators, so the float32 library
(3.4 GB at 2.2 M x 384) is never held at once: the approximate index (IVF with 8-bit
scalar quantisation, as ``indexers/vectors.py`` chooses past its exact limit) holds a
quarter of that, and exact search for the ground truth runs over the regenerated chunks.

Prints one line per figure: vectors, index build, memory (index bytes and process RSS),
query latency p50/p90 (one query = frames and sentences, k=50, as the library's
shortlist asks), the same with a film filter, recall@50 against exact search, and the
latency of exact search at a few sizes (why the exact limit is where it is).
"""
from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cutbot.indexers.vectors import IndexChoice, choose, new_index, search  # noqa: E402

CHUNK = 100_000


def unit(a: np.ndarray) -> np.ndarray:
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    return a


class Synthetic:
    """One kind of vectors (frames or sentences) of the whole library, made by chunks."""

    def __init__(self, n: int, dim: int, seed: int, queries: np.ndarray, planted: int,
                 rng: np.random.Generator):
        self.n, self.dim, self.seed = n, dim, seed
        self.plants: dict[int, np.ndarray] = {}
        noise = 0.62 / np.sqrt(dim)
        for q in queries:  # near copies of each query, at random rows
            for row in rng.choice(n, planted, replace=False):
                v = q + noise * rng.standard_normal(dim).astype(np.float32)
                self.plants[int(row)] = v / np.linalg.norm(v)

    def chunks(self):
        for start in range(0, self.n, CHUNK):
            size = min(CHUNK, self.n - start)
            g = np.random.default_rng((self.seed, start))
            block = unit(g.standard_normal((size, self.dim), dtype=np.float32))
            for row, v in self.plants.items():
                if start <= row < start + size:
                    block[row - start] = v
            yield start, block


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def build(kind: Synthetic, choice: IndexChoice):
    sample = None
    if choice.kind != "flat":  # train on the first rows (random data: any rows are alike)
        take = choice.nlist * 50
        first = next(kind.chunks())[1]
        sample = first[:take] if take <= len(first) else first
    index = new_index(choice, sample)
    for start, block in kind.chunks():
        index.add_with_ids(block, np.arange(start, start + len(block), dtype=np.int64))
    return index


def exact_top(kinds: list[Synthetic], queries: np.ndarray, k: int) -> list[set]:
    """Ground truth: exact inner-product top-k over every kind, chunk by chunk."""
    best_s = np.full((len(queries), k), -np.inf, np.float32)
    best_i = np.full((len(queries), k), -1, np.int64)
    for kind_no, kind in enumerate(kinds):
        for start, block in kind.chunks():
            s = queries @ block.T
            ids = (kind_no << 40) + start + np.arange(block.shape[0])
            allsc = np.concatenate([best_s, s], axis=1)
            allid = np.concatenate([best_i, np.broadcast_to(ids, s.shape)], axis=1)
            top = np.argpartition(-allsc, k - 1, axis=1)[:, :k]
            best_s = np.take_along_axis(allsc, top, 1)
            best_i = np.take_along_axis(allid, top, 1)
    return [set(row.tolist()) for row in best_i]


def ask(indexes, queries, k, allowed=None):
    """One query at a time over frames and sentences, merged to the best k."""
    times, found = [], []
    for q in queries:
        t0 = time.perf_counter()
        merged = []
        for kind_no, index in enumerate(indexes):
            scores, rows = search(index, q, k, None if allowed is None else allowed[kind_no])
            merged += [(s, (kind_no << 40) + int(r)) for s, r in zip(scores[0], rows[0]) if r >= 0]
        merged.sort(key=lambda sr: -sr[0])
        times.append((time.perf_counter() - t0) * 1000)
        found.append({r for _, r in merged[:k]})
    return np.array(times), found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--films", type=int, default=2000)
    ap.add_argument("--frames", type=int, default=1000, help="frame vectors per film")
    ap.add_argument("--sentences", type=int, default=100, help="sentence vectors per film")
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--queries", type=int, default=100)
    ap.add_argument("--planted", type=int, default=50, help="true matches per query")
    ap.add_argument("--k", type=int, default=50)
    ap.add_argument("--nprobe", type=int, default=0, help="override the store's nprobe")
    ap.add_argument("--filter-films", type=int, default=100)
    args = ap.parse_args()

    rng = np.random.default_rng(7)
    queries = unit(rng.standard_normal((args.queries, args.dim)).astype(np.float32))
    frames = Synthetic(args.films * args.frames, args.dim, 1, queries, args.planted // 2, rng)
    sentences = Synthetic(args.films * args.sentences, args.dim, 2, queries,
                          args.planted - args.planted // 2, rng)
    kinds = [frames, sentences]
    total = frames.n + sentences.n
    print(f"vectors: {total:,} ({args.films} films x ({args.frames} frames + {args.sentences} "
          f"sentences)), {args.dim}-d float32 = {total * args.dim * 4 / 2**30:.2f} GiB raw, "
          f"{args.planted} planted matches per query")
    base_rss = rss_mb()
    t0 = time.perf_counter()
    choices = [choose(k.n, args.dim) for k in kinds]
    if args.nprobe:
        choices = [IndexChoice(**{**c.__dict__, "nprobe": args.nprobe}) if c.nprobe else c
                   for c in choices]
    indexes = [build(k, c) for k, c in zip(kinds, choices)]
    built = time.perf_counter() - t0
    for name, c in zip(("frames", "sentences"), choices):
        print(f"index {name}: {c.kind} nlist={c.nlist} nprobe={c.nprobe} ({c.reason})")
    print(f"build: {built:.1f} s (train + add, {os.cpu_count()} cores)")
    import faiss
    size = sum(faiss.serialize_index(ix).nbytes for ix in indexes) / 2**20
    print(f"memory: index {size:.0f} MiB on disk/in RAM, process RSS {rss_mb():.0f} MiB "
          f"(+{rss_mb() - base_rss:.0f} MiB for the index)")

    times, found = ask(indexes, queries, args.k)
    print(f"latency: p50 {np.percentile(times, 50):.1f} ms, p90 {np.percentile(times, 90):.1f} ms "
          f"per query (frames + sentences, k={args.k}, {len(queries)} queries; target p90 < 300 ms)")
    films = np.sort(rng.choice(args.films, min(args.filter_films, args.films), replace=False))
    allowed = [np.concatenate([np.arange(f * per, (f + 1) * per) for f in films])
               for per in (args.frames, args.sentences)]
    ftimes, _ = ask(indexes, queries[:20], args.k, allowed)
    print(f"latency with a filter to {len(films)} films: p50 {np.percentile(ftimes, 50):.1f} ms, "
          f"p90 {np.percentile(ftimes, 90):.1f} ms")
    t0 = time.perf_counter()
    truth = exact_top(kinds, queries, args.k)
    exact_s = time.perf_counter() - t0
    recall = np.mean([len(t & f) / args.k for t, f in zip(truth, found)])
    print(f"recall@{args.k}: {recall:.3f} against exact search (target >= 0.95; exact pass "
          f"took {exact_s:.0f} s for {len(queries)} queries)")
    del indexes
    for n in (50_000, 200_000):
        if n > total:
            break
        block = unit(np.random.default_rng(3).standard_normal((n, args.dim), dtype=np.float32))
        flat = faiss.IndexFlatIP(args.dim)
        flat.add(block)
        del block
        t = []
        for q in queries[:20]:
            t0 = time.perf_counter()
            search(flat, q, args.k)  # one thread per single query, as the store does
            t.append((time.perf_counter() - t0) * 1000)
        print(f"exact IndexFlatIP at {n:,} vectors: p50 {np.percentile(t, 50):.1f} ms, "
              f"p90 {np.percentile(t, 90):.1f} ms per kind")
        del flat


if __name__ == "__main__":
    main()
