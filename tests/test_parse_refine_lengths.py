"""A cut on screen made longer or shorter by a length said alone, in phrasings of our own:
"add 30 seconds", "lose 30 seconds", "trim 20 seconds off", "take a minute off", "cut it in
half", "could it be a bit shorter?", and the length dropped ("no length limit", "any length is
fine", "take off the time limit", "as long as you like"), and shorter or longer in other words
("a touch shorter", "shorten it a bit", "cut it down", "make it snappier", "shave off a few
seconds", "slightly longer"). Before, most of these replaced the cut's subjects with their own
words, set the length to the number said, or found nothing to do ("cut it down" read as "make")."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_intent, parse_request


@pytest.fixture
def three_minutes():
    return parse_request("the boats and the lighthouse, under 3 minutes")


@pytest.mark.parametrize("text, seconds", [
    ("add 30 seconds", 210.0), ("give it another 20 seconds", 200.0), ("lose 30 seconds", 150.0),
    ("trim 20 seconds off", 160.0), ("take a minute off", 120.0), ("shave 10 seconds", 170.0),
    ("cut it in half", 90.0), ("could it be a bit shorter?", 135.0),
])
def test_a_length_said_alone_changes_the_cut_on_screen(three_minutes, text, seconds):
    plan = parse_request(text, three_minutes)
    assert [q.text for q in plan.include] == ["boats", "lighthouse"] and not plan.exclude
    assert plan.duration.max == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["no length limit", "any length is fine", "no limit on the length",
                                  "it can be as long as it needs"])
def test_the_length_dropped(three_minutes, text):
    plan = parse_request(text, three_minutes)
    assert [q.text for q in plan.include] == ["boats", "lighthouse"]
    assert plan.duration is None or plan.duration.max is plan.duration.min is plan.duration.target is None


def test_added_seconds_of_a_subject_are_that_subject():
    plan = parse_request("add 30 seconds of the seagulls", parse_request("the boats"))
    assert [q.text for q in plan.include] == ["boats", "seagulls"]


@pytest.mark.parametrize("line", ["take off the time limit", "don't worry about the length", "as long as you like",
                                  "whatever length", "get rid of the time limit"])
def test_the_length_lifted_in_other_words(line):
    plan = parse_request(line, parse_request("the boats and the fisherman, under 90 seconds, reversed"))
    assert [q.text for q in plan.include] == ["boats", "fisherman"]
    assert plan.duration.upper is None and plan.order == "reverse"


@pytest.mark.parametrize("line", ["a touch shorter", "shorten it a bit", "cut it down a bit", "cut it down",
                                  "can you make it snappier", "shave off a few seconds"])
def test_shorter_in_other_words(line):
    plan = parse_request(line, parse_request("the boats and the fisherman, but not the ferry, under 90 seconds"))
    assert [q.text for q in plan.include] == ["boats", "fisherman"] and plan.duration.max < 90.0


def test_slightly_longer():
    plan = parse_request("slightly longer", parse_request("the boats, under 90 seconds"))
    assert [q.text for q in plan.include] == ["boats"] and plan.duration.max > 90.0


@pytest.mark.parametrize("line", ["shorter, like half that", "half that", "make it half of that length"])
def test_half_that_is_half_as_long(line):
    plan = parse_intent(line, parse_request("the boats and the fisherman, under 2 minutes"), length=100.0).plan
    assert [q.text for q in plan.include] == ["boats", "fisherman"] and plan.duration.max == pytest.approx(50.0)
