"""points reads counted positions as numbers.py does (numbers.ORDINAL, numbers.ordinal):
"the Nth minute" and "the Nth half/third/quarter" take every ordinal numbers knows."""
from __future__ import annotations

import pytest
from cutbot.agent.errors import PlanError
from cutbot.agent.grammar import segment_ref
from cutbot.agent.intent import parse_request


@pytest.mark.parametrize("request_, start, end", [
    ("in the 2nd minute", 60.0, 120.0), ("in the second minute", 60.0, 120.0),
    ("from the eleventh minute on", 600.0, None)])
def test_the_nth_minute(request_, start, end):
    w = parse_request(request_).window
    assert (w.start, w.end) == (start, end)


@pytest.mark.parametrize("request_, start, end", [
    ("the 3rd quarter of the film", 0.5, 0.75), ("the middle third", 0.3333, 0.6667),
    ("the opening half", None, 0.5), ("the latter half", 0.5, None), ("the last third", 0.6667, None)])
def test_a_part_of_the_film(request_, start, end):
    w = parse_request(request_).window
    assert (w.fraction_start, w.fraction_end) == (start, end)


def test_a_part_the_film_has_not():
    with pytest.raises(PlanError, match="no third half"):
        parse_request("the 3rd half")


@pytest.mark.parametrize("request_, at, unit", [
    ("the scene at 1:45", 105.0, "scene"), ("what happens at 3:10", 190.0, "scene"),
    ("the shot at 45 seconds", 45.0, "shot"), ("what's on screen at 2:00", 120.0, "scene"),
    ("the scene at the 2 minute mark", 120.0, "scene"), ("at 1:45", 105.0, "scene")])
def test_a_moment_of_the_film_is_no_length(request_, at, unit):
    plan = parse_request(request_)
    assert plan.window.point and plan.window.start == at and plan.duration.target is None
    assert (plan.pick.n, plan.pick.which, plan.pick.unit) == (1, "first", unit)
    assert f"window: at {at:g} s" in plan.describe() or "window: at 2 min" in plan.describe()


def test_a_subject_at_a_clock_reading_is_looked_for_there():
    plan = parse_request("the goats at 0:05")
    assert [q.text for q in plan.include] == ["goats"] and plan.window.point and plan.window.start == 5.0


@pytest.mark.parametrize("request_, start, end", [
    ("stop at 2:00", None, 120.0), ("start at 0:30", 30.0, None), ("begin at 20 seconds and stop at 1:00", 20.0, 60.0)])
def test_where_to_start_and_stop(request_, start, end):
    plan = parse_request(request_)
    assert (plan.window.start, plan.window.end) == (start, end) and plan.include == ()


@pytest.mark.parametrize("request_, window", [
    ("minutes three to five", (180.0, 300.0, None, None)), ("between the 2nd and 4th minute", (60.0, 240.0, None, None)),
    ("the first 10% of the film", (None, None, None, 0.1)), ("the last 20 percent", (None, None, 0.8, None)),
    ("the last few minutes", (-180.0, None, None, None)), ("around halfway", (None, None, 0.3333, 0.6667))])
def test_places_in_the_film_said_in_other_words(request_, window):
    w = parse_request(request_).window
    assert (w.start, w.end, w.fraction_start, w.fraction_end) == window and parse_request(request_).include == ()


@pytest.mark.parametrize("said, place, what", [
    ("second to last one", -2, None), ("penultimate chase", -2, "chase"), ("last but one clip", -2, None),
    ("second chase", 2, "chase"), ("last one", -1, None), ("middle one", 0, None)])
def test_a_pointer_at_a_piece_reads_the_place_before_the_last(said, place, what):
    ref = segment_ref(said)  # "second to last one" was the second piece, of a subject "to last"
    assert (ref.ordinal, ref.text) == (place, what)
