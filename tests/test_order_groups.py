"""Group orders through the planner on a toy index (issue #11): each group plays whole in
its place, and a group that finds nothing is said, not guessed, while the rest is kept."""
from __future__ import annotations

import pytest

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


def test_the_whole_film_with_one_subject_placed_keeps_every_scene():
    cut = _cut("the whole film, but open with the dog")
    assert cut.constraints["include"] == [] and cut.constraints["sequence"] == ["dog", "*"]
    assert [(s.start, s.end) for s in cut.segments] == [(20, 30), (60, 70), (0, 20), (30, 60)]
    assert cut.duration == 70.0  # nothing dropped: the dog's scenes only come first
    assert "dog" in cut.segments[0].reasons[0]
    last = _cut("start with the cat, then everything else, and end with the dog")
    assert [s.start for s in last.segments][:2] == [0, 40] and [s.start for s in last.segments][-2:] == [20, 60]
    assert last.duration == 70.0


def test_the_rest_dropped_or_no_whole_film_keeps_the_subjects_alone():
    for request in ("the dog first and drop the rest", "the dog and the cat, dog first", "open with the dog"):
        cut = _cut(request)
        assert cut.constraints["include"], request
        assert all(s.start in (0, 20, 40, 60) for s in cut.segments), request


@pytest.mark.slow
def test_the_whole_dev_film_opening_with_its_temple_through_the_real_path(indexed_dev, dev_film, dev_truth):
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    cut = Editor.load(dev_film).ask("the whole film but open with the temple")
    temple = [(s["start"], s["end"]) for s in dev_truth["scenes"] if "temple" in s["visible"]]
    first = cut.segments[0]
    assert temple and overlap([(first.start, first.end)], temple) >= 0.9 * (first.end - first.start)
    assert abs(cut.duration - dev_truth["duration"]) < 1.0  # every scene kept, the temple's first
