"""Filling a target length (issue #11 class 6): weaker matches fill "a 30 s promo of X",
strongest first, but never one weaker than the film's weakest clear label, never past the
target, and under "X but only Y" never a shot that is not both."""
from __future__ import annotations

import numpy as np

from cutbot.agent import fill
from cutbot.agent.edges import Piece, Words
from cutbot.agent.evidence import Evidence
from cutbot.agent.hits import QueryHits
from cutbot.agent.plan import ConstraintPlan, Duration, Query
from fakes import make_index

SCENES = [(0, 10, "a"), (10, 20, "b"), (20, 30, "c"), (30, 40, "d"), (40, 50, "e")]


class StubScorer:
    """Loose hits given per query text: {text: [strength or None per shot]}."""

    def __init__(self, strengths: dict[str, list]):
        self.strengths = strengths

    def score(self, query: Query, loose: bool = False) -> QueryHits:
        values = np.array([np.nan if v is None else v for v in self.strengths[query.text]], dtype=float)
        evidence = tuple(() if np.isnan(v) else (Evidence("visual", 0.5, float(v), "labels x 0.50", 10 * i + 5,
                                                          10 * i, 10 * i + 10, query.text),)
                         for i, v in enumerate(values))
        return QueryHits(query, values, evidence)


def _fill(strengths, target, match="any"):
    index = make_index(SCENES)
    plan = ConstraintPlan(include=tuple(Query(text=t) for t in strengths), match=match,
                          duration=Duration(target=target))
    clear = [Piece(0.0, 10.0, 80.0, 0.9, (0,), ["clear"], 5.0, 0)]
    notes: list[str] = []
    scorer = StubScorer(strengths)
    scorer.index = index  # the film's own ties (fill._kin) are read from it
    out = fill.fill(plan, index, scorer, Words(index.sentences), list(range(5)),
                        0.0, 50.0, clear, notes)
    return sorted(p.shots[0] for p in out), notes


def test_weaker_matches_fill_strongest_first_and_stop_at_the_target():
    shots, notes = _fill({"food": [8.0, 5.0, None, 4.0, 6.0]}, target=30)
    assert shots == [0, 1, 4]  # 6.0 then 5.0 reach 30 s; 4.0 is not needed
    assert any("weaker matches" in n for n in notes)


def test_a_match_weaker_than_the_weakest_clear_label_never_fills():
    floor = fill.FILL.least_strength
    shots, _ = _fill({"food": [8.0, floor - 0.7, floor + 0.1, None, None]}, target=50)
    assert shots == [0, 2]  # short of the target rather than padded with a guess


def test_under_match_all_a_filler_must_answer_every_subject():
    shots, _ = _fill({"dinner": [8.0, 6.0, 5.0, None, None], "woman": [8.0, None, 5.0, 6.0, None]},
                     target=50, match="all")
    assert shots == [0, 2]


def test_no_filling_with_a_quiet_stretch_restriction():
    index = make_index(SCENES)
    plan = ConstraintPlan(include=(Query(text="food"), Query(text="no speech", modality="silence")),
                          match="all", duration=Duration(target=50))
    clear = [Piece(0.0, 10.0, 80.0, 0.9, (0,), ["clear"], 5.0, 0)]
    out = fill.fill(plan, index, StubScorer({"food": [8.0, 6.0, 6.0, 6.0, 6.0]}), Words(index.sentences),
                        list(range(5)), 0.0, 50.0, clear, [])
    assert [p.shots for p in out] == [(0,)]


def test_a_minimum_length_fills_like_a_target():
    index = make_index(SCENES)
    plan = ConstraintPlan(include=(Query(text="food"),), duration=Duration(min=30))
    clear = [Piece(0.0, 10.0, 80.0, 0.9, (0,), ["clear"], 5.0, 0)]
    scorer = StubScorer({"food": [8.0, 5.0, None, 4.0, 6.0]})
    scorer.index = index
    out = fill.fill(plan, index, scorer, Words(index.sentences), list(range(5)), 0.0, 50.0, clear, [])
    assert sorted(p.shots[0] for p in out) == [0, 1, 4]  # "at least 30 s of the food": 30 s, best first


def _tom_speaks(index, query, scorer=None):
    """Tom's voice in shots 2 and 3 (voices.voice_hits' answer for a named voice)."""
    strength = np.array([np.nan, np.nan, 3.0, 3.0, np.nan])
    evidence = tuple((Evidence("speech", 1.0, 3.0, "Tom's voice: 'hello'", 10 * i + 5, 10 * i, 10 * i + 10,
                               query.text),) if i in (2, 3) else () for i in range(5))
    return QueryHits(query, strength, evidence, ("voice: Tom's voice",))


class VoiceScorer(StubScorer):
    """A person seen in shot 0 only."""

    def score(self, query: Query, loose: bool = False) -> QueryHits:
        return QueryHits(query, np.array([8.0, np.nan, np.nan, np.nan, np.nan]), ((),) * 5)


def _person_fill(heard: bool, monkeypatch):
    monkeypatch.setattr(fill.voices, "voice_hits", _tom_speaks)
    index = make_index(SCENES)
    plan = ConstraintPlan(include=(Query(text="Tom", modality="person", who="name"),), duration=Duration(min=30))
    clear = [Piece(0.0, 10.0, 80.0, 0.9, (0,), ["clear"], 5.0, 0)]
    scorer = VoiceScorer({})
    scorer.index = index
    notes: list[str] = []
    out = fill.fill(plan, index, scorer, Words(index.sentences), list(range(5)), 0.0, 50.0, clear, notes,
                    heard=heard)
    return sorted(p.shots[0] for p in out), notes


def test_a_persons_length_fills_with_their_own_lines_over_other_shots(monkeypatch):
    shots, notes = _person_fill(True, monkeypatch)  # "at least 30 s of Tom", on screen for 10 s
    assert shots == [0, 2, 3]
    assert any("weaker matches" in n for n in notes)


def test_a_persons_sight_asked_is_not_filled_with_their_voice(monkeypatch):
    shots, _ = _person_fill(False, monkeypatch)  # "at least 30 s of Tom on screen"
    assert shots == [0]


def test_sight_asked_in_the_request():
    from cutbot.agent.subjects import said_seen

    assert said_seen("about a minute of Lena on screen") and said_seen("whenever Alice shows up")
    assert said_seen("every shot where we can see the astronaut")
    assert not said_seen("1.5 min minimum of Tom") and not said_seen("at least a minute of the screen door")
