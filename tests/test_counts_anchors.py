"""How many and from where: "the first three dog scenes" keeps three scenes of the dog, not
a search for "first three dog"; "everything after the wedding" starts the cut where the
wedding first shows or is talked of, not a cut of the wedding (agent/counts.py, the plan's
``pick`` and ``TimeWindow`` anchors, positions.picked/anchored)."""
from __future__ import annotations

import pytest
from cutbot.agent.errors import NothingMatched
from cutbot.agent.intent import parse_intent, parse_request
from cutbot.agent.plan import ConstraintPlan, Pick, Query
from fakes import make_index, run_plan

SCENES = [(0, 10, "cat"), (10, 20, "boat river"), (20, 30, "cat"), (30, 40, "lamp desk"),
          (40, 50, "cat"), (50, 60, "tree garden"), (60, 70, "cat"), (70, 80, "desert dunes"),
          (80, 90, "city night"), (90, 100, "mountain snow"), (100, 110, "bridge fog"), (110, 120, "harbour ships")]


def spans(cut):
    return [(round(s.start), round(s.end)) for s in cut.segments]


@pytest.mark.parametrize("text, subject, pick", [
    ("just the opening two cat scenes please", "cat", ("first", 2, "scene")),
    ("the final 3 shots with the pony", "pony", ("last", 3, "shot")),
    ("give me four clips of the harbour", "harbour", ("best", 4, "shot")),
    ("my five favourite moments with the tractor", "tractor", ("best", 5, "scene")),
    ("the top 3 bits", None, ("best", 3, "scene")),
    ("a couple of scenes where the kettle boils", "kettle boils", ("best", 2, "scene")),
    ("the best kite scene", "kite", ("best", 1, "scene")),
    ("both lighthouse shots", "lighthouse", ("best", 2, "shot")),
    ("the last three chats about the rent", "rent", ("last", 3, "scene")),
    ("the first three times the kettle boils", "kettle boils", ("first", 3, "scene")),
    ("the last two times they mention the rent", "rent", ("last", 2, "scene"))])
def test_a_count_is_read_off_and_its_subject_kept(text, subject, pick):
    plan = parse_request(text)
    assert (plan.pick.which, plan.pick.n, plan.pick.unit) == pick
    assert [q.text for q in plan.include] == ([subject] if subject else [])


def test_a_count_of_conversations_keeps_them_talk_and_both_of_them_is_no_count():
    plan = parse_request("the two garden conversations")
    assert (plan.pick.n, [(q.text, q.modality) for q in plan.include]) == (2, [("garden", "speech")])
    assert parse_request("keep both of them").pick is None


@pytest.mark.parametrize("text", ["the first kite scene", "the last four minutes", "the first half",
                                  "three minutes of kites"])
def test_one_placed_subject_and_a_stretch_of_time_are_no_count(text):
    assert parse_request(text).pick is None


@pytest.mark.parametrize("text, anchors", [
    ("everything after the fireworks", {"after": "fireworks"}),
    ("whatever comes before the argument", {"before": "argument"}),
    ("from the thunderstorm to the end", {"since": "thunderstorm"}),
    ("play it from the picnic onwards", {"since": "picnic"}),
    ("from the beginning up to the car crash", {"until": "car crash"}),
    ("the scenes after the fireworks", {"after": "fireworks"}),
    ("all the scenes before the kite appears", {"before": "kite appears"}),
    ("the part leading up to the fireworks", {"before": "fireworks"}),  # was "g up to the fireworks" and a lead-in
    ("the build up to the fireworks", {"before": "fireworks"}),
    ("the aftermath of the fireworks", {"after": "fireworks"}),
    ("the stuff between the picnic and the fireworks", {"since": "picnic", "until": "fireworks"})])
def test_a_subject_that_bounds_the_film_is_a_window_edge(text, anchors):
    plan = parse_request(text)
    assert plan.window.anchors == anchors and plan.include == ()


@pytest.mark.parametrize("text", ["anything after the three minute mark", "the kites from the fourth minute on",
                                  "everything after the first 30 seconds"])
def test_a_time_is_no_subject_edge(text):
    window = parse_request(text).window
    assert window is not None and window.anchors == {} and (window.start or window.fraction_start)


def test_two_subjects_in_order_stay_an_order_not_a_window():
    plan = parse_request("the kites before the boats")
    assert plan.window is None and [t.lower() for t in plan.sequence] == ["kites", "boats"]


@pytest.mark.parametrize("text, kept", [
    ("the first two cat scenes", [(0, 10), (20, 30)]),
    ("the last 2 scenes with the cat", [(40, 50), (60, 70)]),
    ("the first three scenes", [(0, 30)])])
def test_the_planner_keeps_that_many_scenes_from_that_end(text, kept):
    plan = parse_request(text)
    cut = run_plan(make_index(SCENES), include=plan.include, pick=plan.pick)
    assert spans(cut) == kept


def test_the_best_of_a_whole_film_are_spread_over_it_and_too_few_matches_are_said():
    cut = run_plan(make_index(SCENES), pick=parse_request("the top four moments").pick)
    assert len(cut.segments) == 4 and cut.segments[0].start < 20 and cut.segments[-1].end > 60
    few = run_plan(make_index(SCENES), **_fields("the first 6 cat scenes"))
    assert len(few.segments) == 4 and any("only 4 scenes match, fewer than the 6" in n for n in few.notes)


def _fields(text: str) -> dict:
    plan = parse_request(text)
    return {"include": plan.include, "pick": plan.pick, "window": plan.window}


@pytest.mark.parametrize("text, kept", [
    ("everything after the river", [(20, 120)]),
    ("from the lamp to the end", [(30, 120)]),
    ("everything before the garden", [(0, 50)]),
    ("from the start up to the desk", [(0, 40)]),
    ("the first two scenes after the river", [(20, 40)])])
def test_the_window_starts_or_stops_where_the_subject_first_is(text, kept):
    assert spans(run_plan(make_index(SCENES), **_fields(text))) == kept


@pytest.mark.parametrize("text, anchors", [
    ("drop everything after the fireworks", {"until": "fireworks"}),  # was everything after them: the part dropped
    ("cut everything before the picnic", {"since": "picnic"}),
    ("the kite, but lose the stuff after the fireworks", {"until": "fireworks"}),
    ("nothing after the fireworks", {"until": "fireworks"}),  # was the fireworks left out
    ("everything but the part before the picnic", {"since": "picnic"}),
    ("get rid of everything from the picnic on", {"before": "picnic"})])
def test_an_edge_left_out_keeps_the_other_side(text, anchors):
    assert parse_request(text).window.anchors == anchors, text


@pytest.mark.parametrize("text, anchors", [
    ("everything up to the first kite", {"before": "kite"}),  # was a subject "up to the first kite"
    ("from the first goat onwards", {"since": "goat"}),  # was a subject "first goat onwards"
    ("until the very first kite", {"before": "kite"}),
    ("everything after the first kite", {"after": "kite"})])
def test_the_first_of_a_subject_is_its_edge(text, anchors):
    plan = parse_request(text)
    assert plan.window.anchors == anchors and plan.include == (), text


@pytest.mark.parametrize("text, kept", [("drop everything after the lamp", [(0, 40)]),
                                        ("skip everything before the garden", [(50, 120)])])
def test_the_other_side_of_an_edge_left_out_is_kept(text, kept):
    assert spans(run_plan(make_index(SCENES), **_fields(text))) == kept


def test_a_subject_edge_the_film_lacks_is_nothing_matched():
    with pytest.raises(NothingMatched, match="nothing in the film matches 'zebra'"):
        run_plan(make_index(SCENES), **_fields("everything after the zebra"))
    with pytest.raises(NothingMatched, match="holds nothing before 'cat'"):
        run_plan(make_index(SCENES), **_fields("everything before the cat"))


@pytest.mark.parametrize("line, pick", [("only the best three", ("best", 3)), ("just two of them", ("best", 2)),
                                        ("only the best one", ("best", 1)), ("now just the first two scenes", ("first", 2)),
                                        ("only the last two scenes", ("last", 2))])
def test_a_count_said_in_the_chat_keeps_that_many_of_the_cut(line, pick):
    before = parse_request("the kites and the boats, under two minutes")
    plan = parse_intent(line, before).plan
    assert (plan.pick.which, plan.pick.n) == pick and plan.include == before.include
    assert plan.duration == before.duration


@pytest.mark.parametrize("line, places", [("now just the first two", (1, 2)), ("just the last one", (-1,))])
def test_the_first_pieces_said_in_the_chat_are_those_on_screen(line, places):
    """ "only the first two" counts the pieces the viewer sees (arrange.py), in their order."""
    before = parse_request("the kites and the boats, under two minutes")
    intent = parse_intent(line, before)
    assert intent.plan == before and (intent.move.kind, intent.move.places) == ("keep", places)


def test_pointing_at_one_segment_to_drop_it_is_no_count():
    intent = parse_intent("drop the last one", parse_request("the kites"))
    assert intent.plan.pick is None and [r.ordinal for r in intent.refs] == [-1]


def test_the_plan_json_carries_a_count_and_edges_only_when_asked():
    plain = parse_request("the cats").model_dump(mode="json")
    assert "pick" not in plain
    asked = parse_request("the last two cat scenes after the river").model_dump(mode="json")
    assert asked["pick"] == {"n": 2, "which": "last", "unit": "scene", "of": "cat"}  # the river is no cat scene
    assert "of" not in parse_request("the last two cat scenes").model_dump(mode="json")["pick"]
    assert ConstraintPlan.model_validate(asked) == parse_request("the last two cat scenes after the river")
    window = parse_request("everything after the river, under a minute").model_dump(mode="json")["window"]
    assert window["after"] == "river" and "before" not in window
    assert "only the last 2 scenes" in parse_request("the last two cat scenes").describe()


def test_the_real_film_after_the_coffee_and_its_top_three(indexed_sample, sample_film, sample_truth):
    from cutbot.agent import Editor

    editor = Editor.open(sample_film)
    coffee = min(s["start"] for s in sample_truth["scenes"] if "coffee" in s["visible"])
    reply = editor.respond("everything after the coffee")
    assert reply.error is None and reply.cut is not None
    assert reply.cut.segments[0].start >= coffee + 5 and reply.cut.segments[-1].end >= sample_truth["duration"] - 1
    top = Editor.open(sample_film).respond("the top three moments")
    assert top.error is None and len(top.cut.segments) == 3


@pytest.mark.parametrize("text, kept", [("the very first line", [(10, 20)]),
                                        ("the last thing anyone says in the film", [(50, 60)]),
                                        ("the first thing the narrator says", [(10, 20)])])
def test_the_first_or_last_line_is_the_first_or_last_scene_with_talk(text, kept):
    lines = [(12, 15, "Good morning, harbour master."), (33, 36, "The tide turns at noon."),
             (52, 55, "See you tomorrow then.")]
    plan = parse_request(text)
    assert [(q.text, q.modality) for q in plan.include] == [(text.split()[1 + (text.split()[1] == "very")]
                                                              + " scene", "speech")]
    assert spans(run_plan(make_index(SCENES, lines), include=plan.include)) == kept


def test_someones_first_line_is_the_first_scene_of_their_lines():
    plan = parse_request("Felix's first line")
    assert [(q.text, q.modality) for q in plan.include] == [("first scene with Felix's", "speech")]
    assert parse_request("the last thing Nora says").include[0].text == "last scene with Nora's"


@pytest.mark.parametrize("text, subjects", [
    ("whichever is on screen longer, the heron or the kite", ["heron", "kite"]),
    ("whichever gets more screen time: the tractor or the harbour", ["tractor", "harbour"]),
    ("which one comes up more often, the rent or the garden", ["rent", "garden"]),
    ("which of the two is on camera for longer, the cat or the dunes", ["cat", "dunes"])])
def test_whichever_is_on_screen_longer_is_one_subject_of_those_named(text, subjects):
    plan = parse_request(text)
    assert (plan.pick.which, plan.pick.n, plan.pick.unit) == ("longest", 1, "subject")
    assert [q.text for q in plan.include] == subjects
    assert plan.duration.target is None and plan.duration.max is None  # "longer" is no length here


@pytest.mark.parametrize("text", ["who's on screen?", "the guy who is more fun"])
def test_other_comparatives_are_no_contest(text):
    assert parse_request(text).pick is None


def test_the_subject_with_more_seconds_plays_and_the_note_says_both():
    # four cat scenes (40 s) against one desert (10 s), whichever order they are named in
    for named in (["desert dunes", "cat"], ["cat", "desert dunes"]):
        cut = run_plan(make_index(SCENES), include=[Query(text=t) for t in named],
                       pick=Pick(n=1, which="longest", unit="subject"))
        assert spans(cut) == [(0, 10), (20, 30), (40, 50), (60, 70)]
        assert any("'cat' 40 s" in n and "'desert dunes' 10 s" in n and "only 'cat' plays" in n for n in cut.notes)


def test_a_contest_where_one_subject_is_missing_keeps_the_other():
    cut = run_plan(make_index(SCENES), include=[Query(text="volcano"), Query(text="bridge fog")],
                   pick=Pick(n=1, which="longest", unit="subject"))
    assert spans(cut) == [(100, 110)]


@pytest.mark.parametrize("text", ["the shots either side of the desert", "the scenes just before and after the desert",
                                  "the shots on either side of the desert dunes", "the clips surrounding the desert"])
def test_the_shots_either_side_of_a_subject_are_its_neighbours(text):
    plan = parse_request(text)
    assert [q.text for q in plan.include][0].startswith("beside the desert")
    assert spans(run_plan(make_index(SCENES), include=plan.include)) == [(60, 70), (80, 90)]


def test_cutting_the_neighbours_keeps_the_subject_and_a_place_in_the_picture_is_no_neighbour():
    plan = parse_request("cut the shots either side of the desert")
    assert spans(run_plan(make_index(SCENES), exclude=plan.exclude)) == [(0, 60), (70, 80), (90, 120)]
    assert [q.text for q in parse_request("the boat on both sides of the river").include] == \
        ["boat on both sides of the river"]


def test_whichever_comes_up_more_is_counted_in_talk():
    plan = parse_request("whichever comes up more often, the rent or the garden")
    assert [(q.text, q.modality) for q in plan.include] == [("rent", "speech"), ("garden", "speech")]
    assert all(q.modality == "any" for q in parse_request("whichever is on screen longer, the cat or the dunes").include)


@pytest.mark.parametrize("text, which", [("the two scenes after the kite", "first"),
                                         ("the 3 shots before the goat", "last"),
                                         ("the three shots leading up to the kite", "last"),
                                         ("the best two scenes after the kite", "best")])
def test_a_count_beside_an_edge_is_the_ones_next_to_it(text, which):
    assert parse_request(text).pick.which == which


@pytest.mark.parametrize("line, window", [
    ("everything except the kite and anything after the lighthouse", {"until": "lighthouse"}),  # had kept only after it
    ("skip the kite and everything before the lighthouse", {"since": "lighthouse"}),
])
def test_an_edge_joined_to_a_leaving_out_is_left_out_too(line, window):
    plan = parse_request(line)
    assert plan.window.model_dump(exclude_none=True) == window and [q.text for q in plan.exclude] == ["kite"], line
