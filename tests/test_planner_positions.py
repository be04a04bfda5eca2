"""A subject picked by its place (issue #11 class 4 and the positional words of class 10):
"the opening shot", "the last scene", "the second cat", in a first request, kept or
dropped as that one shot or scene, not searched for as words."""
from __future__ import annotations

import pytest
from cutbot.agent.intent import parse_request
from cutbot.agent.plan import Query
from cutbot.agent.positions import Position, position_of
from fakes import make_index, run_plan

SCENES = [(0, 10, "cat"), (10, 20, "boat river"), (20, 30, "tree garden"), (30, 40, "lamp desk"),
          (40, 50, "cat"), (50, 60, "city night"), (60, 70, "mountain snow"), (70, 80, "desert dunes")]


def spans(cut):
    return [(round(s.start), round(s.end)) for s in cut.segments]


@pytest.mark.parametrize("text, position", [
    ("opening shot", Position(1, "shot")), ("final scene", Position(-1, "scene")),
    ("3rd shot", Position(3, "shot")), ("second cat", Position(2, None, "cat")),
    ("last red car", Position(-1, None, "red car")), ("first one", Position(1, "scene")),
    ("first aid kit", None), ("closing credits", None), ("opening night", None), ("cat", None),
    ("first scene with the bow tie guy", Position(1, None, "bow tie guy"))])
def test_a_place_is_read_from_the_words_and_a_compound_is_left_alone(text, position):
    assert position_of(Query(text=text)) == position


@pytest.mark.parametrize("text, kept", [
    ("just the opening shot please", [(0, 10)]), ("show me the final scene", [(70, 80)]),
    ("the second cat", [(40, 50)]), ("the last cat and the river", [(10, 20), (40, 50)])])
def test_a_first_request_keeps_the_shot_or_scene_it_places(text, kept):
    plan = parse_request(text)
    assert spans(run_plan(make_index(SCENES), include=plan.include)) == kept


@pytest.mark.parametrize("text, kept", [
    ("lose the second cat", [(0, 40), (50, 80)]),  # the first cat stays
    ("everything but the first scene", [(10, 80)]),
    ("without the last shot", [(0, 70)])])
def test_a_first_request_drops_only_the_shot_or_scene_it_places(text, kept):
    plan = parse_request(text)
    assert plan.include == ()
    assert spans(run_plan(make_index(SCENES), exclude=plan.exclude)) == kept


def test_a_place_the_film_does_not_have_is_said():
    cut = run_plan(make_index(SCENES), include=[Query(text="fifth cat"), Query(text="river")])
    assert spans(cut) == [(10, 20)]
    assert any("no 5th scene with cat" in n for n in cut.notes)


@pytest.mark.parametrize("text", ["last few seconds", "first two minutes", "last 30 seconds", "first couple of minutes"])
def test_a_stretch_of_time_is_no_placed_subject(text):
    assert position_of(Query(text=text)) is None
