"""Refinements of a cut's order and of its subjects in a viewer's short words: "back in film
order", "chronological again", "go back to film order", "play it forwards" and "undo the reverse"
put the cut back in the film's order (the leftover words had started a new cut of their own), the
"then" that ends "ok the boats then" is the asking, not "the boats after the rest", and "keep the
boats after all" is a change of mind, not "the boats after the rest". "only the boats" narrows the
cut on screen to what it names, keeping its length, order and what was left out (it started a new
cut, so the length was lost)."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request


@pytest.fixture
def reversed_cut():
    return parse_request("the boats and the lighthouse, reversed")


@pytest.mark.parametrize("text", ["back in film order", "chronological again", "put it back in the original order",
                                  "back to the original order please", "go back to film order", "in order again",
                                  "play it forwards", "undo the reverse", "forwards again"])
def test_back_in_the_films_order(reversed_cut, text):
    plan = parse_request(text, reversed_cut)
    assert [q.text for q in plan.include] == ["boats", "lighthouse"]
    assert plan.order == "source"


@pytest.mark.parametrize("text", ["ok the boats then", "only the boats then.", "just the boats then"])
def test_a_closing_then_is_no_order(text):
    plan = parse_request(text, parse_request("the boats and the lighthouse"))
    assert [q.text for q in plan.include] == ["boats"] and not plan.sequence


def test_then_between_subjects_still_orders_them():
    plan = parse_request("the lighthouse and then the boats")
    assert plan.sequence == ("lighthouse", "boats")


def test_forward_in_a_subject_is_no_order():
    assert [q.text for q in parse_request("the fisherman walking forward").include] == ["fisherman walking forward"]


def test_after_all_is_no_order():
    plan = parse_request("the boats after all", parse_request("the boats and the fisherman, reversed"))
    assert not plan.sequence


@pytest.mark.parametrize("line", ["only the boats please", "boats only", "nothing but the boats", "the boats"])
def test_fewer_of_the_subjects_on_screen_keep_the_rest(line):
    plan = parse_request(line, parse_request("the boats and the fisherman, but not the ferry, under 90 seconds, reversed"))
    assert [q.text for q in plan.include] == ["boats"] and [q.text for q in plan.exclude] == ["ferry"]
    assert plan.duration.max == 90.0 and plan.order == "reverse"


def test_a_new_subject_is_still_a_new_cut():
    plan = parse_request("only the seagulls", parse_request("the boats and the fisherman, under 90 seconds"))
    assert [q.text for q in plan.include] == ["seagulls"] and plan.duration.max is None


def test_back_in_film_order_puts_placed_groups_back_too():
    placed = parse_request("the boats and the fisherman, fisherman first")
    assert placed.sequence == ("fisherman", "boats")
    assert parse_request("back in film order", placed).sequence == ()
    assert parse_request("under a minute", placed).sequence == ("fisherman", "boats")
    both = parse_request("the boats and the fisherman in chronological order, fisherman first")
    assert both.sequence == ("fisherman", "boats")


@pytest.mark.parametrize("line, sequence", [("move the fisherman to the front", ("fisherman", "boats")),
                                            ("shift the boats to the end", ("fisherman", "boats"))])
def test_moved_to_the_front_or_the_end(line, sequence):
    plan = parse_request(line, parse_request("the boats and the fisherman, under 90 seconds"))
    assert plan.sequence == sequence and plan.duration.max == 90.0


@pytest.mark.parametrize("line", ["forget the order", "any order is fine", "the order doesn't matter"])
def test_the_order_lifted(line):
    plan = parse_request(line, parse_request("the boats and the fisherman, fisherman first, reversed"))
    assert [q.text for q in plan.include] == ["boats", "fisherman"] and not plan.sequence and plan.order == "source"


@pytest.mark.parametrize("line, sequence", [("put the astronaut first", ("astronaut poster", "school play")),
                                            ("the poster last", ("school play", "astronaut poster"))])
def test_a_subject_placed_by_part_of_its_name_is_the_one_on_screen(line, sequence):
    plan = parse_request(line, parse_request("the school play and the astronaut poster"))
    assert [q.text for q in plan.include] == ["school play", "astronaut poster"] and plan.sequence == sequence
