"""Counted and sized asks (issue #11, phrasings): "the longest goat scene", "the shortest kite
bit", "three 10-second clips of the goat", "five kite clips, about 8 seconds each". Placeholder
nouns on a hand-made index, written for no benchmark film."""
from __future__ import annotations

import pytest

from cutbot.agent.errors import NothingMatched
from cutbot.agent.intent import parse_request

from fakes import make_index, run_plan

#: goat scenes of 4, 15 and 6 seconds between other things
_FILM = [(0, 4, "a goat on a hill"), (4, 20, "a sandy beach"), (20, 35, "a goat in a barn"),
         (35, 40, "a red kite"), (40, 46, "a goat by the sea"), (46, 60, "a sandy beach")]


@pytest.mark.parametrize("line, n, which, unit", [
    ("the longest goat scene", 1, "longest", "scene"),
    ("give me the shortest scene with the goat", 1, "shortest", "scene"),
    ("the two longest goat scenes", 2, "longest", "scene"),
    ("the longest shot of the kite", 1, "longest", "shot"),
    ("the longest car chase scene", 1, "longest", "scene"),
])
def test_longest_and_shortest_are_picks_by_length(line, n, which, unit):
    plan = parse_request(line)  # was a subject "longest goat" (or "two longest goat")
    assert plan.pick is not None and (plan.pick.n, plan.pick.which, plan.pick.unit) == (n, which, unit), line
    assert all(w not in q.text for q in plan.include for w in ("longest", "shortest", "two")), line


@pytest.mark.parametrize("which, kept", [("longest", (20, 35)), ("shortest", (0, 4))])
def test_the_longest_scene_of_a_subject_is_where_it_plays_longest(which, kept):
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}], pick={"n": 1, "which": which})
    assert [(s.start, s.end) for s in cut.segments] == [kept]


@pytest.mark.parametrize("line, n, secs", [
    ("three 10-second clips of the goat", 3, 30), ("five clips of the kite of about 8 seconds each", 5, 40),
    ("the goat, 3 clips, 10 seconds each", 3, 30), ("4 kite shots, each around 5 seconds long", 4, 20),
    ("three clips of the goat, each about 10 seconds", 3, 30), ("the best three goat moments, 5 seconds apiece", 3, 15),
])
def test_a_length_each_is_the_count_times_it(line, n, secs):
    plan = parse_request(line)  # was a cut of one clip's length
    assert plan.pick is not None and plan.pick.n == n, line
    assert plan.duration.target == secs, line
    assert [q.text for q in plan.include] in (["goat"], ["kite"]), line


@pytest.mark.parametrize("line, which, n, length", [
    ("4 kite shots, each under 5 seconds", "best", 4, {"max": 20}),
    ("the last two thirty second clips of the goats", "last", 2, {"target": 60}),  # no "last minute" window
    ("the first three 20 second goat scenes", "first", 3, {"target": 60}),
])
def test_a_length_each_keeps_its_count_and_its_bound(line, which, n, length):
    plan = parse_request(line)
    assert plan.window is None and (plan.pick.which, plan.pick.n) == (which, n), line
    assert {k: v for k, v in plan.duration.model_dump().items() if k in ("max", "target") and v} == length, line


@pytest.mark.parametrize("line, clip", [
    ("the goat, about 8 seconds each", {"clip_max": 8}),  # was a cut of 8 s in all
    ("keep each clip under 5 seconds", {"clip_max": 5}),  # was a cut under 5 s
    ("the goat, 5 seconds per clip", {"clip_max": 5}),  # was a subject "per" and a 5 s cut
    ("the kite, 3 seconds a shot", {"clip_max": 3}),
    ("the goat scenes but cut each one down to 5 seconds", {"clip_max": 5}),  # was leaving out "one down"
    ("trim every clip to 4 seconds", {"clip_max": 4}),  # was a 4 s cut of tight moments
    ("the goat, no clip longer than 4 seconds", {"clip_max": 4}),  # was a cut of AT LEAST 4 s
    ("no scene shorter than 5 seconds", {"clip_min": 5}),  # was a cut of at most 5 s
    ("only scenes longer than 10 seconds", {"clip_min": 10}),  # was a cut of at least 10 s
    ("skip clips shorter than 2 seconds", {"clip_min": 2}),
    ("the goat, each clip at least 3 seconds", {"clip_min": 3}),
])
def test_each_clips_own_length_is_no_length_of_the_cut(line, clip):
    d = parse_request(line).duration
    assert {k: v for k, v in d.model_dump().items() if v and k not in ("tolerance",)} == clip, line


def test_each_clips_length_stays_through_the_cuts_length():
    plan = parse_request("make it shorter", previous=parse_request("the goat, under a minute, 5 seconds per clip"))
    assert (plan.duration.max, plan.duration.clip_max) == (45, 5)
    plan = parse_request("about 30 seconds", previous=plan)
    assert (plan.duration.target, plan.duration.clip_max) == (30, 5)
    assert "clip_max" not in parse_request("the goat").model_dump_json()  # plan JSON written before stays the same


def test_a_summary_keeps_each_clips_length():
    from cutbot.agent.budget import summarised
    from cutbot.agent.plan import ConstraintPlan, Duration
    plan = summarised(ConstraintPlan(duration=Duration(share=0.2, clip_max=3)), 100.0, [])
    assert (plan.duration.target, plan.duration.clip_max) == (20, 3)


def test_each_clip_plays_its_strongest_part_and_shorter_ones_are_left_out():
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}], duration={"clip_max": 5})
    assert [round(s.duration, 1) for s in cut.segments] == [4, 5, 5]  # the 4 s scene stays whole
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}], duration={"clip_min": 5})
    assert [(s.start, s.end) for s in cut.segments] == [(20, 35), (40, 46)]
    with pytest.raises(NothingMatched, match="shorter than 20 s"):
        run_plan(make_index(_FILM), include=[{"text": "goat"}], duration={"clip_min": 20})


def test_picked_scenes_share_the_length():
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}], pick={"n": 3, "which": "best"},
                   duration={"target": 9})
    lengths = [s.end - s.start for s in cut.segments]
    assert len(lengths) == 3 and all(2.5 <= x <= 3.5 for x in lengths), lengths  # the fit alone kept one


def test_fewer_matches_than_asked_keep_each_share():
    cut = run_plan(make_index(_FILM), include=[{"text": "kite"}], pick={"n": 2, "which": "best"},
                   duration={"target": 6})
    assert [round(s.end - s.start) for s in cut.segments] == [3]  # its share, not all 6 s
    assert any("fewer than the 2" in n for n in cut.notes)


@pytest.mark.parametrize("line, edge, subject, reach", [
    ("the ten seconds after the kite takes off", "after", "kite takes off", 10),
    ("the minute before the crash", "before", "crash", 60),  # was the subjects "minute" then "crash"
    ("the last minute before the crash", "before", "crash", 60),  # was the film's last minute
    ("the 30 seconds leading up to the goal", "before", "goal", 30),
    ("5 minutes after the wedding", "after", "wedding", 300),
    ("the five seconds before the goat escapes", "before", "goat escapes", 5),
])
def test_a_stretch_beside_a_subject_is_a_window_that_long(line, edge, subject, reach):
    plan = parse_request(line)
    assert not plan.include and plan.duration.target is None, line
    assert plan.window.anchors == {edge: subject} and plan.window.reach == reach, line
    assert plan.window.start is None and plan.window.end is None, line


def test_everything_after_a_subject_has_no_reach():
    plan = parse_request("everything after the wedding")
    assert plan.window.anchors == {"after": "wedding"} and plan.window.reach is None
    assert "reach" not in plan.model_dump_json()  # plan JSON written before it stays the same


@pytest.mark.parametrize("window, kept", [({"after": "kite", "reach": 5}, [(40, 45)]),
                                         ({"before": "kite", "reach": 8}, [(27, 35)])])
def test_the_stretch_beside_a_subject_is_cut_from_the_film(window, kept):
    cut = run_plan(make_index(_FILM), window=window)
    assert [(s.start, s.end) for s in cut.segments] == kept


@pytest.mark.parametrize("line, kept", [
    ("only the first and last minute", ["first 1 min", "last 1 min"]),  # was a subject "first", about a minute long
    ("the first 5 minutes and the last 5 minutes", ["first 5 min", "last 5 min"]),  # was the middle of the film
    ("the first 2 minutes and the last 30 seconds of the film", ["first 2 min", "last 30 s"]),
    ("the first minute plus anything with the goat", ["first 1 min", "goat"]),  # was the goat in the first minute
    ("the goat plus the last 30 seconds", ["last 30 s", "goat"]),
    ("the goat along with the first minute", ["first 1 min", "goat"]),  # was the goat in the first minute
    ("the kite and the last 30 seconds", ["last 30 s", "kite"]),
    ("the goat as well as the first 20 seconds", ["first 20 s", "goat"]),
    ("the first minute and anything with the goat", ["first 1 min", "goat"]),
])
def test_both_ends_or_an_end_and_a_subject_are_kept_together(line, kept):
    plan = parse_request(line)
    assert [q.text for q in plan.include] == kept and plan.window is None, line


@pytest.mark.parametrize("line, window", [("skip the first and last minute", (60, -60)),
                                          ("the goat in the first minute", (None, 60)),
                                          ("the first minute and a half", (None, 90)),
                                          # an end joined to a leaving-out is left out too (was kept)
                                          ("skip the first minute plus the goat", (60, None)),
                                          ("the kite, but skip the intro and the last minute", (None, -60)),
                                          ("no goat and no first minute", (60, None))])  # was a 60 s cut
def test_one_window_stays_a_window(line, window):
    plan = parse_request(line)
    assert (plan.window.start, plan.window.end) == window, line


@pytest.mark.parametrize("line, kept", [
    ("0:30 to 1:10, plus the goat", ["0:30 to 1:10", "goat"]),  # was the goat between 0:30 and 1:10
    ("from 1:30 to 2:00 plus the kite", ["1:30 to 2:00", "kite"]),
    ("the goat and also 1:00-1:20", ["1:00 to 1:20", "goat"]),
])
def test_a_stretch_between_two_clock_readings_beside_a_subject_is_kept_too(line, kept):
    plan = parse_request(line)
    assert [q.text for q in plan.include] == kept and plan.window is None, line
    assert parse_request("the goat from 0:30 to 1:10").window.start == 30  # one window stays a window


def test_a_stretch_between_two_clock_readings_is_cut_where_it_is():
    cut = run_plan(make_index(_FILM), include=[{"text": "0:10 to 0:22"}, {"text": "kite"}])
    assert [(s.start, s.end) for s in cut.segments] == [(10, 22), (35, 40)]


def test_both_ends_are_cut_where_they_end():
    cut = run_plan(make_index(_FILM), include=[{"text": "first 6 s"}, {"text": "last 10 s"}])
    assert [(s.start, s.end) for s in cut.segments] == [(0, 6), (50, 60)]
    cut = run_plan(make_index(_FILM), include=[{"text": "first 2 s"}, {"text": "kite"}])
    assert [(s.start, s.end) for s in cut.segments] == [(0, 2), (35, 40)]


@pytest.mark.parametrize("line, added", [("add the first minute", ["first 1 min"]),  # was the goat in the first minute
                                         ("the last minute as well", ["last 1 min"]),
                                         ("keep the first 20 seconds too", ["first 20 s"]),
                                         ("and the first and last minute too", ["first 1 min", "last 1 min"])])
def test_an_end_added_to_a_cut_is_kept_beside_it(line, added):
    plan = parse_request(line, previous=parse_request("the goat"))
    assert [q.text for q in plan.include] == ["goat", *added] and plan.window is None, line



@pytest.mark.parametrize("line, of", [
    ("two goat clips and the kite", "goat"),  # the count is the goat's: the kite plays whole
    ("the kite and the three best shots of the goat", "goat"),
    ("just one shot of the lighthouse, plus the kite", "lighthouse"),
])
def test_a_count_said_of_one_subject_is_that_subjects(line, of):
    plan = parse_request(line)
    assert len(plan.include) == 2 and plan.pick is not None and plan.pick.of == of, line


@pytest.mark.parametrize("line", ["two shots of the goat and the kite", "the three best goat shots"])
def test_a_count_of_all_the_subjects_or_of_one_is_the_cuts(line):
    assert parse_request(line).pick.of is None, line


def test_a_subjects_count_leaves_the_other_subject_whole():
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}, {"text": "kite"}],
                   pick={"n": 1, "which": "longest", "of": "goat"})
    assert [(s.start, s.end) for s in cut.segments] == [(20, 35), (35, 40)] or \
        [(s.start, s.end) for s in cut.segments] == [(20, 40)]  # the kite's shot follows the goat's


@pytest.mark.parametrize("line", ["both goat scenes, the barn one first", "the two goat shots, the one in the barn first",
                                  "the two goat scenes, barn one first", "both goat shots but open with the barn in them"])
def test_a_count_with_one_of_its_own_placed_is_the_cuts(line):
    plan = parse_request(line)  # the barn one is one of the two goat scenes, not a third
    assert plan.pick is not None and plan.pick.of is None and plan.sequence, line


def test_a_subject_among_the_counted_scenes_leaves_the_count_to_the_cut():
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}, {"text": "barn"}],
                   pick={"n": 1, "which": "shortest", "of": "goat"})
    assert [(s.start, s.end) for s in cut.segments] == [(0, 4)]  # not also the barn scene beside it


@pytest.mark.parametrize("line, kept, of", [("one car chase shot and the forest", ["car chase", "forest"], "car chase"),
                                            ("just one goat clip", ["goat"], None),
                                            ("a single lighthouse shot please", ["lighthouse"], None)])
def test_one_subject_shot_is_the_best_one(line, kept, of):
    plan = parse_request(line)  # was a subject "one car chase" (or "single lighthouse"), every shot of it
    assert [q.text for q in plan.include] == kept and (plan.pick.n, plan.pick.which, plan.pick.of) == (1, "best", of), line


@pytest.mark.parametrize("line, order", [("the goat scenes, longest first", "longest"), ("longest scenes first", "longest"),
                                         ("the kite clips from shortest to longest", "shortest"),  # was a window
                                         ("the goat, sorted by length", "shortest"), ("the shortest ones first please", "shortest")])
def test_an_order_by_length(line, order):
    plan = parse_request(line)
    assert plan.order == order and plan.window is None and plan.pick is None, line
    assert all(w not in q.text for q in plan.include for w in ("longest", "shortest")), line


@pytest.mark.parametrize("order, starts", [("longest", [20, 40, 0]), ("shortest", [0, 40, 20])])
def test_the_cut_plays_by_length(order, starts):
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}], order=order)
    assert [s.start for s in cut.segments] == starts


def test_an_order_by_length_is_said_after_a_cut_and_turned_back():
    plan = parse_request("longest first", previous=parse_request("the goat"))
    assert plan.order == "longest" and [q.text for q in plan.include] == ["goat"]
    assert parse_request("back in film order", previous=plan).order == "source"


@pytest.mark.parametrize("line, sequence", [
    ("the cat, bookended by the goat", ("goat", "cat", "goat")),  # was a subject "bookended by the goat"
    ("the cat, begin and end with the goat", ("goat", "cat", "goat")),  # was the subjects "begin" then "goat"
    ("the cat and the kite, starting and ending with the goat", ("goat", "cat", "kite", "goat")),
    ("the cat with the goat at both ends", ("goat", "cat", "goat")),
    ("the cat, with the goat at the start and the end", ("goat", "cat", "goat")),  # was "goat at the first scene"
    ("feline imagery, bookended by the two goat shots", ("goat", "feline imagery", "goat")),  # the count still read
    ("the whole film, but start and end on the lighthouse", ("lighthouse", "*", "lighthouse")),
])
def test_a_subject_at_both_ends_opens_and_closes(line, sequence):
    plan = parse_request(line)
    assert plan.sequence == sequence, line
    assert not any(w in q.text for q in plan.include for w in ("begin", "start", "bookend")), line


def test_a_subject_added_at_both_ends_of_a_cut():
    plan = parse_request("add the goat at both ends", previous=parse_request("the cat"))
    assert plan.sequence == ("goat", "cat", "goat")


def test_begin_and_end_with_the_only_subject_is_that_subject():
    plan = parse_request("begin and end with the goat")
    assert [q.text for q in plan.include] == ["goat"] and not plan.sequence


def test_a_subject_at_both_ends_plays_half_its_scenes_first_and_the_rest_last():
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}, {"text": "kite"}], sequence=("goat", "kite", "goat"))
    assert [s.start for s in cut.segments] == [0, 20, 35, 40]  # goat, goat | kite | goat


@pytest.mark.parametrize("line", ["at the beginning and at the end",
                                  "just the start and the very end", "keep the parts from the beginning and the end"])
def test_the_two_ends_said_with_no_subject_are_the_first_and_last_scenes(line):
    plan = parse_request(line)  # "at the start and at the end" had been two windows: an error
    assert [q.text for q in plan.include] == ["first scene", "last scene"] and plan.window is None, line


@pytest.mark.parametrize("line, n", [("no more than 3 clips", 3),  # was leaving out a subject "than"
                                     ("at most three clips", 3), ("three clips max", 3), ("four shots tops", 4)])
def test_a_ceiling_on_the_count_is_the_count(line, n):
    plan = parse_request(line, previous=parse_request("the goat and the kite"))
    assert (plan.pick.n, [q.text for q in plan.include], plan.exclude) == (n, ["goat", "kite"], ()), line


def test_a_ceiling_on_the_count_said_first_keeps_its_subject():
    plan = parse_request("up to 4 shots of the kite")
    assert (plan.pick.n, plan.pick.unit, [q.text for q in plan.include]) == (4, "shot", ["kite"])


@pytest.mark.parametrize("line, picks", [
    ("one shot of the goat and two of the kite", [(1, "goat"), (2, "kite")]),  # was a subject "two of the kite"
    ("two goat clips and three kite clips", [(2, "goat"), (3, "kite")]),  # both counts had gone: every clip kept
    ("both bike clips and both rocket clips", [(2, "bike"), (2, "rocket")]),
])
def test_a_count_for_each_subject_keeps_each(line, picks):
    plan = parse_request(line)
    assert [(p.n, p.of) for p in (plan.pick, *plan.more_picks)] == picks, line
    assert "more_picks" not in parse_request("two goat clips and the kite").model_dump_json()


def test_counts_that_share_a_subject_or_name_none_cancel():
    assert parse_request("two shots of the goat and three shots of the goat").pick is None


def test_each_count_keeps_that_many_of_its_own_subject():
    film = [(0, 5, "a goat on a hill"), (5, 10, "a red kite"), (10, 15, "a sandy beach"), (15, 20, "a goat in a barn"),
            (20, 25, "a red kite flying"), (25, 30, "a sandy beach"), (30, 35, "a red kite high up"), (35, 40, "a goat by the sea")]
    cut = run_plan(make_index(film), include=[{"text": "goat"}, {"text": "kite"}],
                   pick={"n": 1, "which": "first", "of": "goat"}, more_picks=[{"n": 2, "which": "first", "of": "kite"}])
    assert [(s.start, s.end) for s in cut.segments] == [(0, 10), (20, 25)]


def test_one_subject_at_the_start_and_at_the_end_is_no_error():
    plan = parse_request("the goat at the start and at the end")  # had been two windows: an error
    assert [q.text for q in plan.include] == ["goat"] and plan.window is None


@pytest.mark.parametrize("line, n, unit, subjects", [
    ("every other goat scene", 2, "scene", ["goat"]),  # was a subject "other goat"
    ("alternate kite shots", 2, "shot", ["kite"]),
    ("the goat, every third scene", 3, "scene", ["goat"]),
    ("every other shot, starting with the very first one", 2, "shot", []),  # was a subject "first"
])
def test_every_other_scene_is_a_pick_of_each_nth(line, n, unit, subjects):
    plan = parse_request(line)
    assert plan.pick is not None and (plan.pick.n, plan.pick.which, plan.pick.unit) == (n, "alternate", unit), line
    assert [q.text for q in plan.include] == subjects, line


def test_every_other_goat_scene_keeps_the_first_and_the_third():
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}], pick={"n": 2, "which": "alternate"})
    assert [(s.start, s.end) for s in cut.segments] == [(0, 4), (40, 46)]
    assert any("one scene in 2" in n for n in cut.notes)
