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


THREE_CATS = [(0, 10, "cat"), (10, 20, "boat river"), (20, 30, "cat"), (30, 40, "lamp desk"),
              (40, 50, "cat"), (50, 60, "city night"), (60, 70, "mountain snow"), (70, 80, "desert dunes"),
              (80, 90, "tree garden"), (90, 100, "bridge fog")]


@pytest.mark.parametrize("text, kept", [
    ("drop the first two cat shots", [(10, 20), (30, 100)]),  # the third cat stays
    ("cut the last cat shot", [(0, 40), (50, 100)]),
    ("everything except the three cat shots", [(10, 20), (30, 40), (50, 100)])])
def test_a_count_said_of_what_is_dropped_drops_that_many(text, kept):
    plan = parse_request(text)
    assert plan.include == ()
    cut = run_plan(make_index(THREE_CATS), exclude=plan.exclude, pick=plan.pick)
    assert spans(cut) == kept


def test_a_place_the_film_does_not_have_is_said():
    cut = run_plan(make_index(SCENES), include=[Query(text="fifth cat"), Query(text="river")])
    assert spans(cut) == [(10, 20)]
    assert any("no 5th scene with cat" in n for n in cut.notes)


@pytest.mark.parametrize("text", ["last few seconds", "first two minutes", "last 30 seconds", "first couple of minutes"])
def test_a_stretch_of_time_is_no_placed_subject(text):
    assert position_of(Query(text=text)) is None


def _cut(request: str):
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from fakes import WordHashEmbedder
    index, emb = make_index(SCENES), WordHashEmbedder()
    return plan_cut(parse_request(request), index, request, Scorer(index, emb, emb))


def test_two_subjects_asked_together_that_never_share_a_shot_both_play_with_a_note():
    cut = _cut("the river and the desert together")
    assert spans(cut) == [(10, 20), (70, 80)]
    assert any("never on screen at once" in n for n in cut.notes)
    assert not any(n.startswith("nothing in the film matches") for n in cut.notes)


@pytest.mark.parametrize("request_", ["the river and the desert in the same shot",
                                      "the river and the giraffe together"])
def test_at_once_said_strictly_or_with_a_subject_not_in_the_film_is_still_nothing(request_):
    from cutbot.agent.errors import NothingMatched
    with pytest.raises(NothingMatched):
        _cut(request_)


@pytest.mark.parametrize("text, kept", [("the scene at 0:25", [(20, 30)]), ("what happens at 55 seconds", [(50, 60)]),
                                        ("the cat at 0:45", [(40, 50)])])
def test_a_moment_keeps_the_scene_holding_it(text, kept):
    plan = parse_request(text)
    cut = run_plan(make_index(SCENES), include=plan.include, window=plan.window, pick=plan.pick)
    assert spans(cut) == kept


def test_a_moment_past_the_end_is_said():
    from cutbot.agent.errors import NothingMatched
    plan = parse_request("the scene at 9:00")
    with pytest.raises(NothingMatched, match="only 1:20 long"):
        run_plan(make_index(SCENES), window=plan.window, pick=plan.pick)


@pytest.mark.slow
def test_the_real_film_a_moment_is_the_scene_holding_it(indexed_sample, sample_film, sample_truth):
    """The sample film's scene at 1:45 (97.5-107.5 s in its truth) is the cut: one scene, not 105 s of film."""
    from cutbot.agent import Editor

    editor = Editor.open(sample_film)
    reply = Editor(editor.index, scorer=editor.scorer).respond("the scene at 1:45")
    [segment] = reply.cut.segments
    [scene] = [s for s in sample_truth["scenes"] if s["start"] <= 105 < s["end"]]
    assert abs(segment.start - scene["start"]) < 1.5 and abs(segment.end - scene["end"]) < 1.5
