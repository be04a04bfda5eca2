"""A verdict on a subject in a follow-up (issue #11, refinements): "the cars are boring" sends
the cars away, "the coffee bit is great, more like that" weighs it up, "make the cat the
opener" places it, "longer than that" is relative to the cut. Placeholder nouns, written for no
benchmark film."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request

from fakes import fake_editor

FIRST = "the cat, the bike, the coffee and the cars, under 2 minutes"


def _after(line: str):
    return parse_request(line, previous=parse_request(FIRST))


@pytest.mark.parametrize("line", [
    "the cars are boring", "the cars are not needed", "the cars aren't needed", "the cars can go",
    "the cars have to go", "the cars need to go", "the cars can be dropped", "we can lose the cars",
    "the cars don't belong", "honestly the cars are a bit pointless",
])
def test_a_verdict_that_sends_a_subject_away_drops_it(line):
    plan = _after(line)  # each was a new cut ("cars are boring", "we can") or dropped "needed"
    assert [q.text for q in plan.exclude] == ["cars"], line
    assert {q.text for q in plan.include} == {"cat", "bike", "coffee"}, line


@pytest.mark.parametrize("line", ["the cat should go first", "the scenes where the food is awful"])
def test_an_order_or_a_described_scene_is_no_verdict(line):
    assert not parse_request(line).exclude


def test_a_clause_that_weighs_a_subject_keeps_it():
    plan = _after("the cars are boring, more of the cat")  # the cat had gone with the cars
    assert [q.text for q in plan.exclude] == ["cars"]
    assert {q.text: q.weight for q in plan.include}["cat"] == 2
    plan = _after("drop the cars, and less of the bike")
    assert {q.text: q.weight for q in plan.include}["bike"] == 0.5 and [q.text for q in plan.exclude] == ["cars"]


@pytest.mark.parametrize("line, subject", [
    ("the coffee bit is great, more like that", "coffee"),  # was a new cut of "coffee bit is great"
    ("the cat is lovely, give me more of that", "cat"),
    ("can we hear more of the coffee conversation", "coffee"),  # was a new cut of "hear more of the coffee"
])
def test_more_of_a_subject_on_screen_weighs_it_up(line, subject):
    plan = _after(line)
    assert {q.text: q.weight for q in plan.include}[subject] == 2 and len(plan.include) == 4


@pytest.mark.parametrize("line, subject, weight", [
    ("nah, too much cat", "cat", 0.5), ("cut down on the cat", "cat", 0.5),  # was a subject / a drop of "down on the cat"
    ("not so much of the bike", "bike", 0.5), ("tone down the cars", "cars", 0.5), ("the cat a bit less", "cat", 0.5),
    ("the coffee a lot more please", "coffee", 2), ("put more emphasis on the coffee", "coffee", 2),
    ("focus more on the coffee", "coffee", 2),
])
def test_how_much_of_a_subject_said_in_other_words_weighs_it(line, subject, weight):
    plan = _after(line)
    assert {q.text: q.weight for q in plan.include}[subject] == weight and len(plan.include) == 4 and not plan.exclude


@pytest.mark.parametrize("line", ["the cat is fine, but drop the bike", "leave the cat alone and drop the bike"])
def test_a_subject_said_to_be_fine_stays_as_it_is(line):
    plan = _after(line)  # "cat is fine" was a new subject and the cut narrowed to it
    assert {q.text for q in plan.include} == {"cat", "coffee", "cars"} and [q.text for q in plan.exclude] == ["bike"]


def test_too_much_inside_a_topic_is_the_topic():
    [topic] = parse_request("the convo about blowing too much cash").include
    assert "much cash" in topic.text


@pytest.mark.parametrize("line, place", [("make the cat bit the opener", 0), ("make the cars the last thing", -1)])
def test_a_subject_made_the_opener_or_the_closer_is_placed(line, place):
    plan = _after(line)  # was a new cut of "cat bit the opener"
    assert plan.sequence[place] == line.split()[2] and len(plan.include) == 4


def test_longer_or_shorter_than_that_is_the_cut_on_screen_and_a_new_floor_lifts_a_ceiling_below_it():
    before = parse_request(FIRST).duration.max
    assert _after("make it a bit longer than that").duration.max > before  # was a subject "longer than"
    assert _after("shorter than that please").duration.max < before
    floor = _after("longer than 2 minutes").duration  # had kept "at most 2 min" too: no room at all
    assert floor.min == 120 and floor.max is None


def test_a_verdict_in_a_conversation_takes_the_subject_out_of_the_cut_on_screen():
    editor = fake_editor()
    editor.ask("the car chases and the forest")
    cut = editor.respond("the car chases are boring").cut
    assert cut.segments and all(s.start >= 40 and s.end <= 50 for s in cut.segments)  # the forest alone
