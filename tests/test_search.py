"""Fused scoring and the adaptive threshold on hand-made indexes (word-hash embedder)."""
from __future__ import annotations

import numpy as np
import pytest

from cutbot.agent.plan import Query
from cutbot.agent.search import Item, Scorer, select
from cutbot.agent import NothingMatched

from fakes import WordHashEmbedder, make_index, run_plan

SCENES = [(0, 10, "cat chair"), (10, 20, "coffee cup"), (20, 30, "rocket launch"),
          (30, 40, "cat window"), (40, 50, "bicycle street"), (50, 60, "coffee table"),
          (60, 70, "tree garden"), (70, 80, "boat river"), (80, 90, "dog park"),
          (90, 100, "piano room")]
SENTENCES = [(12, 15, "tomorrow the weather brings heavy rain"),
             (42, 46, "the train leaves the station at nine"),
             (72, 75, "my soup recipe needs tomatoes"),
             (82, 86, "look at the cat on the sofa")]


@pytest.fixture()
def index():
    return make_index(SCENES, SENTENCES)


def scorer(index, people=None):
    emb = WordHashEmbedder()
    return Scorer(index, emb, emb, people=people)


def hit_shots(hits):
    return np.flatnonzero(hits.mask).tolist()


def test_threshold_is_adaptive_not_top_k():
    rng = np.random.default_rng(0)
    background = rng.normal(0.15, 0.03, 200)
    for n in (1, 3, 12):  # however many stand out, all of them and only them
        hits, z = select(np.concatenate([background, rng.uniform(0.66, 0.72, n)]), floor=0.25)
        assert hits.sum() == n and hits[-n:].all() and (z[-n:] > 10).all()


def test_threshold_selects_nothing_without_clear_evidence():
    background = np.random.default_rng(1).normal(0.15, 0.03, 200)
    assert select(background, floor=0.25)[0].sum() == 0
    # one item above the floor but not standing out from a noisy film: nothing either
    noisy = np.random.default_rng(2).uniform(0.0, 0.6, 200)
    assert select(noisy, floor=0.25)[0].sum() == 0
    assert select(np.zeros(0), floor=0.25)[0].size == 0


def test_threshold_does_not_depend_on_the_films_scale():
    rng = np.random.default_rng(3)
    raw = np.concatenate([rng.normal(0.1, 0.02, 100), [0.5, 0.52]])
    shifted = raw * 0.5 + 0.4  # another model: different offset and spread, same ranks
    assert (select(raw, 0.25)[0] == select(shifted, 0.25)[0]).all()


def test_visual_speech_and_any_use_their_own_evidence(index):
    s = scorer(index)
    assert hit_shots(s.score(Query(text="cat", modality="visual"))) == [0, 3]
    assert hit_shots(s.score(Query(text="cat", modality="speech"))) == [8]
    fused = s.score(Query(text="cat"))
    assert hit_shots(fused) == [0, 3, 8]
    assert {e.modality for e in fused.evidence[8]} == {"speech"}


def test_agreeing_modalities_rank_a_shot_higher():
    idx = make_index([(0, 10, "cat chair"), (10, 20, "cat sofa"), (20, 30, "tree"),
                      (30, 40, "boat"), (40, 50, "car"), (50, 60, "house")],
                     [(12, 15, "the cat sleeps on the sofa"), (22, 25, "what a tall tree"),
                      (32, 35, "row the boat home"), (42, 45, "the car will not start")])
    hits = scorer(idx).score(Query(text="cat"))
    assert hits.strength[1] > hits.strength[0]  # seen and heard beats only seen
    assert {e.modality for e in hits.evidence[1]} == {"visual", "speech"}


def test_visual_evidence_is_the_best_frames_not_the_mean():
    # a long shot where the subject is seen only briefly still matches
    idx = make_index([(0, 10, "tree"), (10, 20, "boat"), (20, 30, "house"), (30, 40, "car")])
    frames = list(idx.frames)
    vec = idx.frame_vectors.copy()
    emb = WordHashEmbedder()
    i = next(k for k, f in enumerate(frames) if f.shot == 2 and f.time > 22)
    vec[i] = emb.embed(["rocket launch"])[0]
    idx.frame_vectors = vec
    hits = scorer(idx).score(Query(text="rocket", modality="visual"))
    assert hit_shots(hits) == [2]
    ev = hits.evidence[2][0]
    assert ev.start <= frames[i].time <= ev.end and ev.end - ev.start < 10


def test_exact_quote_needs_the_words(index):
    s = scorer(index)
    assert hit_shots(s.score(Query(text="the train leaves the station", modality="speech",
                                   exact=True))) == [4]
    assert hit_shots(s.score(Query(text="the bus leaves the airport", exact=True))) == []


def test_person_hook_is_called_for_person_and_any(index):
    calls = []

    def people(idx, query):
        calls.append(query.modality)
        return [Item(shot=6, score=0.9, detail="face of Ann", time=65, start=62, end=68)] + [
            Item(shot=k, score=0.05, detail="someone", time=k * 10 + 5, start=k * 10, end=k * 10 + 10)
            for k in range(10) if k != 6]

    s = scorer(index, people)
    hits = s.score(Query(text="Ann", modality="person"))
    assert hit_shots(hits) == [6] and hits.evidence[6][0].modality == "person"
    assert 6 in hit_shots(s.score(Query(text="Ann")))
    assert calls == ["person", "any"]
    assert hit_shots(s.score(Query(text="submarine", modality="visual"))) == []
    assert calls == ["person", "any"]  # a sight is no person
    # ...but a first name asked as a sight that no picture shows is the person it names (read once: cached)
    seen = s.score(Query(text="Ann", modality="visual"))
    assert hit_shots(seen) == [6] and seen.evidence[6][0].modality == "person"


def test_person_without_faces_index_falls_back_and_says_so(index):
    hits = scorer(index).score(Query(text="cat", modality="person"))
    assert hit_shots(hits) == [0, 3, 8]
    assert any("no faces index" in n for n in hits.notes)


def test_query_with_no_evidence_finds_nothing_and_the_agent_says_so(index):
    assert hit_shots(scorer(index).score(Query(text="dinosaur"))) == []
    with pytest.raises(NothingMatched, match="dinosaur"):
        run_plan(index, include=[Query(text="dinosaur")])


def test_every_segment_explains_itself(index):
    cut = run_plan(index, include=[Query(text="cat")])
    for seg in cut.segments:
        assert seg.reasons and all("'cat'" in r and "score" in r and "z " in r for r in seg.reasons)
    text = " ".join(r for s in cut.segments for r in s.reasons)
    assert "labels cat chair" in text and '"look at the cat on the sofa"' in text


def test_person_hook_may_return_decided_evidence(index):
    from cutbot.agent.evidence import Evidence

    class Decided:  # like agent/people.py's PersonEvidence
        def to_evidence(self):
            return Evidence("person", 0.4, 3.0, "Ann (person 1)", 55.0, 52.0, 58.0)

    hits = scorer(index, lambda idx, q: [Decided()]).score(Query(text="Ann", modality="person"))
    assert hit_shots(hits) == [5] and hits.evidence[5][0].detail == "Ann (person 1)"


def test_scoring_is_reentrant_a_finder_may_score_again(index):
    """A described person is found by scoring what describes them: the nested call must
    not clobber the outer query's decided evidence (nothing is kept on the scorer)."""
    from cutbot.agent.evidence import Evidence

    class Decided:
        def __init__(self, t):
            self.t = t

        def to_evidence(self):
            return Evidence("person", 0.4, 3.0, f"at {self.t}", self.t, self.t - 1, self.t + 1)

    def finder(idx, q):
        if q.text == "the one by the cat":
            inner = s.score(Query(text="Bob", modality="person"))  # nested, like people.describe
            assert hit_shots(inner) == [1]
            return [Decided(55.0)]
        return [Decided(15.0)]

    s = scorer(index, finder)
    hits = s.score(Query(text="the one by the cat", modality="person"))
    assert hit_shots(hits) == [5] and hits.evidence[5][0].detail == "at 55.0"
    assert not any(k.startswith("_decided") or k == "film" for k in vars(s))


def test_an_index_without_a_folder_caches_query_vectors_under_cutbot_home(tmp_path, monkeypatch):
    """Never in the working directory, even one that looks like an index folder."""
    from cutbot.indexers.settings import cutbot_home

    (tmp_path / "manifest.json").write_text("{}")
    monkeypatch.chdir(tmp_path)
    index = make_index([(0, 10, "cat"), (10, 20, "dog")])
    index.root = None
    cache = Scorer(index).text  # the model itself loads only on the first new text
    assert cache._path is not None and cache._path.parent == cutbot_home() / "cache" / "queries"
    assert tmp_path not in cache._path.parents
    index.root = str(tmp_path)  # a real index folder keeps its own
    assert Scorer(index).text._path.parent == tmp_path
