"""Lengths said as a share of the film ("a third of the film", "the goat, 20% of the runtime",
"under half the movie") and clips left out by their own length ("drop scenes longer than 10
seconds", "only scenes shorter than 8 seconds"). Issue #11, phrasings written for no benchmark
film (placeholder nouns on a hand-made index)."""
from __future__ import annotations

import pytest

from cutbot.agent.budget import summarised
from cutbot.agent.intent import parse_request
from cutbot.agent.plan import ConstraintPlan, Duration

from fakes import make_index, run_plan

#: 60 s: goat scenes of 4, 15 and 6 seconds between other things
_FILM = [(0, 4, "a goat on a hill"), (4, 20, "a sandy beach"), (20, 35, "a goat in a barn"),
         (35, 40, "a red kite"), (40, 46, "a goat by the sea"), (46, 60, "a sandy beach")]


@pytest.mark.parametrize("line, share, bound, subjects", [
    ("a third of the film", 1 / 3, "target", []),
    ("cut it down to a quarter of the movie", 0.25, "target", []),
    ("the goat, half the film", 0.5, "target", ["goat"]),
    ("10 percent of the film", 0.1, "target", []),
    ("the kite, 20% of the runtime", 0.2, "target", ["kite"]),
    ("the goat in under a quarter of the running time", 0.25, "max", ["goat"]),
    ("no more than half the length of the film", 0.5, "max", []),
    ("at least a third of the video", 1 / 3, "min", []),
    ("two thirds of the film, mostly the goat", 2 / 3, "target", ["goat"]),
])
def test_a_share_of_the_film_is_a_length(line, share, bound, subjects):
    plan = parse_request(line)  # were subjects ("third", "10 percent", "20% of the runtime") or an error
    d = plan.duration
    assert d.share == pytest.approx(share, abs=1e-3) and d.share_is == bound, line
    assert [q.text for q in plan.include] == subjects, line


@pytest.mark.parametrize("line", ["the first half of the film", "the second half", "the first 10% of the film",
                                  "the last third of the movie"])
def test_a_part_of_the_film_stays_a_window(line):
    plan = parse_request(line)
    assert plan.window is not None and plan.duration.share is None, line


@pytest.mark.parametrize("line, window", [
    ("the back half of the movie", {"fraction_start": 0.5}), ("the goat, front half only", {"fraction_end": 0.5}),
    ("skip the front half", {"fraction_start": 0.5}), ("the back third of the film", {"fraction_start": 0.6667}),
])
def test_the_front_and_back_of_the_film_are_its_first_and_last_parts(line, window):
    plan = parse_request(line)  # were subjects "back half", "front half"
    assert plan.window.model_dump(exclude_none=True) == window and all("half" not in q.text for q in plan.include), line


@pytest.mark.parametrize("bound, share, expect", [("target", 0.5, {"target": 50.0}), ("max", 0.25, {"max": 25.0}),
                                                   ("min", 0.3, {"min": 30.0})])
def test_a_share_said_is_that_much_of_the_film_never_a_summarys_clamp(bound, share, expect):
    notes: list[str] = []
    d = summarised(ConstraintPlan(duration=Duration(share=share, share_is=bound)), 100.0, notes).duration
    assert {k: v for k, v in d.model_dump().items() if k in ("target", "max", "min") and v is not None} == expect
    assert notes and "of the 100 s film" in notes[0]
    long = summarised(ConstraintPlan(duration=Duration(share=0.5, share_is="target")), 3600.0, []).duration
    assert long.target == 1800.0  # half of an hour's film is half an hour (a summary's would stop at 120 s)


def test_a_share_of_the_film_plays_that_long():
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}], duration={"share": 0.25, "share_is": "max"})
    assert 0 < sum(s.end - s.start for s in cut.segments) <= 15.0 + 1e-6


def test_a_share_is_left_out_of_the_plan_json_when_unsaid():
    assert "share_is" not in parse_request("the goat").model_dump_json()
    assert '"share_is":"max"' in parse_request("the goat, under half the film").model_dump_json().replace(" ", "")


@pytest.mark.parametrize("line, longest", [
    ("drop scenes longer than 10 seconds", 10.0), ("only scenes shorter than 8 seconds", 8.0),
    ("the goat, but skip clips over 10 seconds", 10.0), ("remove any shot longer than 12 s", 12.0),
    ("just the clips under 7 seconds", 7.0),
])
def test_clips_longer_than_a_length_left_out(line, longest):
    plan = parse_request(line)  # were a cut of at least / at most that length
    d = plan.duration
    assert d.clip_max == longest and d.clip_over == "left out", line
    assert d.max is None and d.min is None and d.target is None, line


@pytest.mark.parametrize("line, field, secs", [
    ("every scene where the goat appears for more than 5 seconds", "clip_min", 5.0),  # was a cut of at least 5 s
    ("the goat bits that are at least 10 seconds", "clip_min", 10.0),
    ("every shot that lasts more than 6 seconds", "clip_min", 6.0),  # was a subject "lasts"
    ("the goat, clips lasting over 5 seconds", "clip_min", 5.0),
    ("the kite clips which are under 4 seconds", "clip_max", 4.0),
])
def test_clips_said_longer_or_shorter_than_a_length_are_those_clips(line, field, secs):
    d = parse_request(line).duration
    assert getattr(d, field) == secs and d.max is None and d.min is None, line
    assert field == "clip_min" or d.clip_over == "left out", line


@pytest.mark.parametrize("line", ["a cut lasting under 30 seconds", "the goat, 30 seconds tops"])
def test_the_cuts_own_length_stays_the_cuts(line):
    d = parse_request(line).duration
    assert d.max == 30.0 and d.clip_max is None, line


def test_a_cap_on_each_clip_still_trims():
    assert parse_request("no clip longer than 4 seconds").duration.clip_over == "trimmed"
    assert parse_request("each clip under 5 seconds").duration.clip_over == "trimmed"


def test_the_longer_goat_scenes_are_left_out_not_trimmed():
    cut = run_plan(make_index(_FILM), include=[{"text": "goat"}], duration={"clip_max": 10, "clip_over": "left out"})
    assert [(s.start, s.end) for s in cut.segments] == [(0, 4), (40, 46)]


def test_a_share_holds_through_each_clips_length_and_gives_way_to_a_length():
    share = parse_request("the goat, a third of the film")
    clips = parse_request("now only clips under 12 seconds", previous=share).duration
    assert clips.share == share.duration.share and clips.share_is == "target" and clips.clip_max == 12.0
    assert parse_request("under 20 seconds", previous=share).duration.share is None
