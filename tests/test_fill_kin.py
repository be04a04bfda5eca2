"""Filling a target length (issue #11 class 6), second choice: when the clear matches and
the weaker ones above ``FILL.least_strength`` run short, the subject's weaker matches in a
shot the film ties to a clear one (nearest line or picture) fill next; a weaker match
with no such tie, or a tie with no evidence of the subject, never does."""
from __future__ import annotations

import numpy as np

from cutbot.agent import fill
from cutbot.agent.edges import Piece, Words
from cutbot.agent.evidence import Evidence
from cutbot.agent.hits import QueryHits
from cutbot.agent.plan import ConstraintPlan, Duration, Query
from fakes import make_index

# scene 0 is the clear match; scene 3 says the same thing in other words; 5 is unrelated
SCENES = [(10 * i, 10 * i + 10, what) for i, what in enumerate(
    ["kitchen", "street", "office", "garden", "station", "river", "market", "harbour"])]
LINES = [(1, 8, "about our summer trip to the sea in july"),
         (11, 18, "the bus was late again this morning"),
         (21, 28, "my printer keeps jamming on every page"),
         (31, 38, "where shall we go this summer, a trip to the sea"),
         (41, 48, "did you see the match on saturday night"),
         (51, 58, "the rent went up twice this year already"),
         (61, 68, "tomatoes are cheaper at the stall by the bridge"),
         (71, 78, "my cousin repairs old boats for a living")]


class StubScorer:
    """Loose hits given per query text: [strength or None per shot], spoken evidence."""

    def __init__(self, index, strengths: dict[str, list]):
        self.index, self.strengths = index, strengths

    def score(self, query: Query, loose: bool = False) -> QueryHits:
        values = np.array([np.nan if v is None else v for v in self.strengths[query.text]], dtype=float)
        evidence = tuple(() if np.isnan(v) else (Evidence("speech", 0.5, float(v), "a line", 10 * i + 5,
                                                          10 * i + 1, 10 * i + 8, query.text),)
                         for i, v in enumerate(values))
        return QueryHits(query, values, evidence)


def _fill(strengths: list, target: float):
    index = make_index(SCENES, LINES)
    plan = ConstraintPlan(include=(Query(text="summer trip"),), duration=Duration(target=target))
    clear = [Piece(0.0, 10.0, 80.0, 0.9, (0,), ["clear"], 5.0, 0)]
    notes: list[str] = []
    out = fill.fill(plan, index, StubScorer(index, {"summer trip": strengths}), Words(index.sentences),
                    list(range(len(SCENES))), 0.0, 80.0, clear, notes)
    return sorted(p.shots[0] for p in out), notes, out


def test_the_same_topic_said_again_fills_the_target():
    weak = fill.FILL.kin_strength + 0.3  # below least_strength: no filler on its own
    shots, notes, out = _fill([9.0, None, None, weak, None, weak, None, None], target=20)
    assert shots == [0, 3]  # the tied scene, never the unrelated one of equal strength
    assert sum(p.duration for p in out) >= 20 * 0.9
    assert any("weaker matches" in n for n in notes)
    assert any("beside a clear one" in r for p in out if p.shots == (3,) for r in p.reasons)


def test_an_unrelated_weak_match_never_pads_the_target():
    weak = fill.FILL.kin_strength + 0.3
    shots, notes, _ = _fill([9.0, None, None, None, weak, weak, weak, None], target=40)
    assert shots == [0]  # short of the target rather than padded with a guess
    assert notes == []


def test_a_tie_without_evidence_of_the_subject_never_fills():
    shots, _, _ = _fill([9.0, None, None, fill.FILL.kin_strength - 0.5, None, None, None, None], target=20)
    assert shots == [0]


def test_a_strong_weaker_match_fills_before_a_tied_one():
    strong, weak = fill.FILL.least_strength + 0.5, fill.FILL.kin_strength + 0.3
    shots, _, _ = _fill([9.0, None, None, weak, None, None, strong, None], target=20)
    assert shots == [0, 6]  # best first: the clear-enough match meets the target alone


def test_the_kin_of_a_clear_match_are_read_from_the_film():
    index = make_index(SCENES, LINES)
    assert 3 in fill._kin(StubScorer(index, {}), {0})
    assert not {1, 2, 4, 5, 6, 7} & fill._kin(StubScorer(index, {}), {0})
