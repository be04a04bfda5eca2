"""A shot by its neighbour (issue #11): "the shot right after the cat", "whatever comes just
before the dog" are the first shot after where the subject first shows and the last before it;
positions count among the shots of the asked window."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.plan import ConstraintPlan
from cutbot.agent.planner import plan_cut
from cutbot.agent.positions import Position, place_shots
from cutbot.agent.search import Scorer

from fakes import WordHashEmbedder, make_index

SCENES = [(0, 10, "tree"), (10, 20, "cat"), (20, 30, "dog"), (30, 40, "tree"), (40, 50, "dog"), (50, 60, "cat")]


def _starts(request: str) -> list[float]:
    index, emb = make_index(SCENES), WordHashEmbedder()
    plan = parse_request(request)
    assert isinstance(plan, ConstraintPlan)
    return [s.start for s in plan_cut(plan, index, request, Scorer(index, emb, emb)).segments]


@pytest.mark.parametrize("text, side, unit", [
    ("the shot right after the heron", "after", "first shot"),
    ("whatever comes just before the tram", "before", "last scene"),
    ("what comes right after the tree", "after", "first scene"),
    ("what came immediately after the kettle?", "after", "first scene"),
    ("the clip directly preceding the lamp", "before", "last shot"),
    ("the part just after the tram", "after", "first scene"),
    # a person there is that shot: the one on screen right after the heron
    ("the guy who comes right after the heron", "after", "first shot"),
    ("the woman in the shot just before the tram", "before", "last shot"),
])
def test_a_neighbour_is_a_place_in_a_window_anchored_at_the_subject(text, side, unit):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == [unit] and side in plan.window.anchors


def test_the_shot_of_a_person_next_to_something_keeps_the_person():
    plan = parse_request("the shot of the woman that comes right after the heron")
    assert "woman" in [q.text for q in plan.include]


@pytest.mark.parametrize("text, anchors", [("the part after the tram", {"after": "tram"}),
                                           ("anything that comes before the tram", {"before": "tram"})])
def test_a_part_or_whatever_comes_without_a_word_of_closeness_is_all_of_it(text, anchors):
    plan = parse_request(text)
    assert not plan.include and plan.window.anchors == anchors


@pytest.mark.parametrize("text, starts", [
    ("the shot right after the dog", [30]),  # after its first showing
    ("the shot right before the dog", [10]),
    ("the shot right after the tree", [10]),
])
def test_the_neighbour_shot_is_cut(text, starts):
    assert _starts(text) == starts


def test_places_count_among_the_shots_within():
    scenes = [0, 0, 1, 2]
    assert place_shots(Position(1, "shot"), 4, scenes, within=[2, 3]) == [2]
    assert place_shots(Position(-1, "scene"), 4, scenes, within=[0, 1, 2]) == [2]
    assert place_shots(Position(1, None, "heron"), 4, scenes, matching=[1, 3], within=[2, 3]) == [3]
    assert place_shots(Position(1, "shot"), 4, scenes) == [0]


def test_real_shot_right_after_a_subject_on_the_dev_film(indexed_dev, dev_film, dev_truth):
    """Real parser, models and planner: the shot right after the cartoon fish is the motorbike's."""
    from cutbot.agent.editor import Editor
    from cutbot.indexers import load_index

    editor = Editor(load_index(dev_film))
    assert editor.respond("the shot right after the cartoon fish").kind == "plan"
    bike = next(s for s in dev_truth["scenes"] if "motorcycle" in s["visible"])
    kept = [(s.start, s.end) for s in editor.cut.segments]
    assert len(kept) == 1 and abs(kept[0][0] - bike["start"]) < 1.5 and abs(kept[0][1] - bike["end"]) < 1.5
