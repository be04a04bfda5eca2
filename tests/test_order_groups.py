"""Group orders through the planner on a toy index (issue #11): each group plays whole in
its place, and a group that finds nothing is said, not guessed, while the rest is kept."""
from __future__ import annotations

from cutbot.agent.intent import parse_request
from cutbot.agent.plan import ConstraintPlan
from cutbot.agent.planner import plan_cut
from cutbot.agent.search import Scorer

from fakes import WordHashEmbedder, make_index

SCENES = [(0, 10, "cat"), (10, 20, "tree"), (20, 30, "dog"), (30, 40, "tree"), (40, 50, "cat"),
          (50, 60, "tree"), (60, 70, "dog")]


def _cut(request: str):
    index, emb = make_index(SCENES), WordHashEmbedder()
    plan = parse_request(request)
    assert isinstance(plan, ConstraintPlan)
    return plan_cut(plan, index, request, Scorer(index, emb, emb))


def test_each_group_plays_whole_in_its_place():
    cut = _cut("the cat, but the dog before it")
    assert [s.start for s in cut.segments] == [20, 60, 0, 40]  # no piece dropped or trimmed
    assert cut.duration == 40.0


def test_a_group_that_finds_nothing_is_said_and_the_rest_kept_in_order():
    cut = _cut("the cat and the giraffe, closing with the dog")
    assert [s.start for s in cut.segments] == [0, 40, 20, 60]  # cat, then dog last
    assert any("giraffe" in n for n in cut.notes)


def test_reverse_order_of_every_group():
    cut = _cut("the cat and the dog, latest first")
    assert [s.start for s in cut.segments] == [60, 40, 20, 0]
