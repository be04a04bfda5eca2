"""Exclusion look-alikes (agent/lookalikes.py): what looks most like X's shot goes with X,
and the film's nearest-neighbour structure is built once per film, not per exclusion."""
from __future__ import annotations

import numpy as np

from cutbot.agent import lookalikes
from cutbot.agent.lookalikes import Nearest
from cutbot.agent.plan import Query
from fakes import make_index, run_plan

SCENES = [(0, 10, "zebra striped savanna herd grazing"), (10, 20, "striped savanna herd grazing dust"),
          (20, 30, "kitchen table plates"), (30, 40, "forest trees moss"), (40, 50, "city night lights"),
          (50, 60, "desert dunes wind"), (60, 70, "office desk lamp"), (70, 80, "harbour boats rope")]


def _overlap(cut, lo, hi) -> float:
    return sum(max(0.0, min(s.end, hi) - max(s.start, lo)) for s in cut.segments)


def test_the_shot_that_looks_most_like_an_excluded_one_goes_too():
    cut = run_plan(make_index(SCENES), exclude=[Query(text="zebra")])
    assert _overlap(cut, 0, 10) == 0.0  # named
    assert _overlap(cut, 10, 20) == 0.0  # not named, but its nearest shot is the zebra's
    assert _overlap(cut, 20, 80) == 60.0  # the rest of the film stays


def test_a_look_alike_never_takes_a_shot_the_request_asks_for():
    cut = run_plan(make_index(SCENES), include=[Query(text="dust")], exclude=[Query(text="zebra")])
    assert _overlap(cut, 10, 20) > 0.0 and _overlap(cut, 0, 10) == 0.0


def test_nearest_rows_match_a_brute_force_reading():
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(40, 16))
    vectors[7] = vectors[3] + 0.05 * rng.normal(size=16)  # a clear pair
    near = Nearest.of(vectors)
    v = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sim = v @ v.T
    np.fill_diagonal(sim, -np.inf)
    assert (near.near == sim.argmax(axis=1)).all()
    assert near.to({3}) == [7] and near.to({7}) == [3]
    assert near.to(set()) == [] and not near.clear.all()  # most pairs are no look-alikes
    assert Nearest.of(vectors[:2]).to({0}) == []  # too few rows: no film to read a bar from


def test_the_neighbours_are_built_once_per_film(monkeypatch):
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.plan import ConstraintPlan
    from cutbot.agent.search import Scorer
    from fakes import WordHashEmbedder

    built = []
    real = Nearest.of
    monkeypatch.setattr(lookalikes.Nearest, "of", staticmethod(lambda v: built.append(len(v)) or real(v)))
    index, emb = make_index(SCENES), WordHashEmbedder()
    scorer = Scorer(index, emb, emb)
    for subject in ("zebra", "kitchen", "desert", "harbour"):
        plan_cut(ConstraintPlan(exclude=(Query(text=subject),)), index, "t", scorer)
    assert built == [len(SCENES)]  # one n x n similarity for four exclusions
