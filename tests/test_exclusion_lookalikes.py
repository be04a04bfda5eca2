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


# A narrator (voice 0), a card caller (voice 1) whose second card the recogniser misheard, and
# a sat-nav (voice 2) whose line is near the misheard one in meaning but is no card.
RECITAL = ["The mandrill has a red nose.", "Seven of clubs.", "A butterfly rests on a leaf.",
           "Ten of clothes.", "Fresh orange juice is my favourite breakfast.", "Go forward ten meters."]


def _recital_film(caller=(0, 1, 0, 1, 0, 2)):
    from cutbot.indexers.voices import Voices, VoiceStats
    from fakes import SpokenFilm

    film = SpokenFilm(RECITAL, {"card reading": [0.05, 0.40, 0.05, -0.05, 0.05, 0.05],
                                "breakfast": [0.05, 0.05, 0.05, 0.05, 0.60, 0.05]})
    idx = film.index()
    v = np.eye(len(RECITAL), idx.sentence_vectors.shape[1], dtype=np.float32)
    v[3] = 0.38 * v[1] + np.sqrt(1 - 0.38 ** 2) * v[3]  # "Ten of clothes." reads like "Seven of clubs." (MiniLM)
    v[5] = 0.30 * v[3] + np.sqrt(1 - 0.30 ** 2) * v[5]  # ...and "Go forward ten meters." a little like it
    idx.sentence_vectors = v
    pitch = {0: 195.0, 1: 105.0, 2: 117.0}
    idx.voices = Voices(tuple(caller), tuple(pitch[c] for c in caller), "t",
                        {c: VoiceStats(pitch[c], 4.0 * caller.count(c), caller.count(c)) for c in set(caller)})
    return idx, film.meaning()


def test_a_recital_left_out_takes_its_misheard_lines_in_the_same_voice():
    idx, emb = _recital_film()
    cut = run_plan(idx, emb=emb, exclude=[Query(text="card reading")])
    assert _overlap(cut, 10, 20) == 0.0  # "Seven of clubs.": a kind of playing card said
    assert _overlap(cut, 30, 40) == 0.0  # "Ten of clothes.": the caller's voice, and reads like it
    assert _overlap(cut, 50, 60) == 10.0  # the sat-nav: near the misheard line, but another voice
    assert _overlap(cut, 0, 10) + _overlap(cut, 20, 30) + _overlap(cut, 40, 50) == 30.0  # the narrator stays


def test_a_line_in_another_voice_or_a_talker_of_many_things_is_no_recital():
    idx, emb = _recital_film(caller=(0, 1, 0, 2, 0, 2))  # the misheard card in the sat-nav's voice
    cut = run_plan(idx, emb=emb, exclude=[Query(text="card reading")])
    assert _overlap(cut, 10, 20) == 0.0 and _overlap(cut, 30, 40) == 10.0
    idx, emb = _recital_film()
    cut = run_plan(idx, emb=emb, exclude=[Query(text="breakfast")])  # the narrator's line: one of three
    assert _overlap(cut, 40, 50) == 0.0 and _overlap(cut, 0, 40) == 40.0
