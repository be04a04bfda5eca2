"""The library's FAISS store: exact below the limit, IVF above it (recorded in the
manifest), approximate search agreeing with exact search, film filters, incremental
adds, removal and rebuilding from the per-film vectors."""
from __future__ import annotations

import json

import numpy as np
import pytest

from cutbot.indexers.vectors import VectorStore, build_index, choose, search

DIM = 64


def unit(a: np.ndarray) -> np.ndarray:
    return (a / np.linalg.norm(a, axis=1, keepdims=True)).astype(np.float32)


def library(n_films: int, rows: int, seed: int = 0) -> dict[str, dict[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    return {f"{i:064x}": {"frames": unit(rng.normal(size=(rows, DIM))),
                          "sentences": unit(rng.normal(size=(rows // 4, DIM)))}
            for i in range(n_films)}


def test_exact_below_the_limit_ivf_above_and_the_manifest_says_so(tmp_path):
    films = library(6, 1000)
    store = VectorStore.open(tmp_path, exact_limit=3500)
    for i, (fp, vecs) in enumerate(films.items()):
        store.add_film(fp, vecs)
        assert store.choice("frames").kind == ("flat" if (i + 1) * 1000 <= 3500 else "ivf_sq8")
    manifest = json.loads((tmp_path / "library" / "vectors.json").read_text())
    assert manifest["choices"]["frames"]["kind"] == "ivf_sq8"
    assert manifest["choices"]["frames"]["nlist"] > 0 and manifest["choices"]["frames"]["nprobe"] > 0
    assert manifest["choices"]["sentences"]["kind"] == "flat"
    assert manifest["films"] == list(films)
    reopened = VectorStore.open(tmp_path, exact_limit=3500)
    assert reopened.size("frames") == 6000 and reopened.choice("frames").kind == "ivf_sq8"
    fp = list(films)[4]
    hit = reopened.search("frames", films[fp]["frames"][123], k=1)[0]
    assert (hit.film, hit.row) == (fp, 123) and hit.score > 0.98


def test_approximate_search_finds_what_exact_search_finds():
    """Planted matches: each query has 50 close neighbours among 40k random vectors."""
    rng = np.random.default_rng(1)
    base = unit(rng.normal(size=(40_000, DIM)))
    queries = unit(rng.normal(size=(20, DIM)))
    for q, vec in enumerate(queries):  # near copies of each query at random rows
        rows = rng.choice(len(base), 50, replace=False)
        base[rows] = unit(vec + 0.35 * rng.normal(size=(50, DIM)) / np.sqrt(DIM))
    exact = build_index(base, choose(len(base), DIM, exact_limit=10**9))
    approx = build_index(base, choose(len(base), DIM, exact_limit=1000))
    _, truth = search(exact, queries, 50)
    _, found = search(approx, queries, 50)
    recall = np.mean([len(set(t) & set(f)) / 50 for t, f in zip(truth, found)])
    assert recall >= 0.95


@pytest.mark.parametrize("limit", [10**9, 1000])
def test_a_filter_keeps_the_search_inside_the_films_asked(tmp_path, limit):
    films = library(5, 600, seed=2)
    store = VectorStore.open(tmp_path, exact_limit=limit)
    for fp, vecs in films.items():
        store.add_film(fp, vecs)
    names = list(films)
    query = films[names[0]]["frames"][7]
    hits = store.search("frames", query, k=30, films=names[2:4])
    assert hits and {h.film for h in hits} <= set(names[2:4])
    assert store.search("frames", query, k=1)[0].film == names[0]
    assert store.search("frames", query, k=5, films=["0" * 64 + "x"]) == []
    best = store.film_scores("sentences", films[names[1]]["sentences"][3], k=50)
    assert max(best, key=best.get) == names[1]


def test_remove_and_rebuild_from_the_per_film_vectors(tmp_path):
    films = library(4, 300, seed=3)
    store = VectorStore.open(tmp_path)
    for fp, vecs in films.items():
        store.add_film(fp, vecs)
    gone = list(films)[1]
    store.remove_film(gone)
    assert gone not in store.films and store.size("frames") == 900
    last = list(films)[3]
    hit = store.search("frames", films[last]["frames"][5], k=1)[0]
    assert (hit.film, hit.row) == (last, 5)
    store.add_film(last, films[last])  # adding again replaces, never duplicates
    assert store.size("frames") == 900
    store.rebuild(films.items())
    again = VectorStore.open(tmp_path)
    assert again.films == list(films) and again.size("frames") == 1200
    hit = again.search("sentences", films[gone]["sentences"][2], k=1)[0]
    assert (hit.film, hit.row) == (gone, 2)
