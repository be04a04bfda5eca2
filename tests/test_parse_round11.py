"""Phrasings of our own for the parse rules of the eleventh round: every person "who turns up
on screen" is anyone on screen; "from two minutes in right till the end" is a window; a count
said of what is dropped stays in the plan (the planner applies it: test_planner_positions); a
name anyone says ("every time somebody says Tom") is the word said, not Tom's lines."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request


@pytest.mark.parametrize("request_", ["every person who turns up on screen", "all the people who show up",
                                      "each human being that pops up"])
def test_every_person_who_appears_is_anyone_on_screen(request_):
    (q,) = parse_request(request_).include
    assert q.modality == "person" and q.who == "anyone"


@pytest.mark.parametrize("request_, start", [("from two minutes in right till the end", 120.0),
                                              ("from 30 seconds in up to the end", 30.0)])
def test_a_time_in_from_which_the_film_runs_to_its_end_is_a_window(request_, start):
    plan = parse_request(request_)
    assert plan.include == () and plan.window.start == start and plan.window.end is None


@pytest.mark.parametrize("request_, said", [("every time somebody says Tom", "Tom"),
                                             ("whenever anyone says Paris", "Paris")])
def test_a_name_anyone_says_is_the_word_said(request_, said):
    (q,) = parse_request(request_).include
    assert q.exact and q.text == said and q.modality == "speech"


def test_a_name_before_the_verb_is_still_the_speaker():
    (q,) = parse_request("everything Tom says").include
    assert not q.exact


@pytest.mark.parametrize("request_, said, start, end", [
    ("when they say goodbye at the end", "goodbye", 0.6667, None), ("when he says hello at the start", "hello", None, 0.3333),
    ("where she says I will meet you at the very end", "I will meet you", 0.6667, None)])
def test_where_in_the_film_after_the_words_said_is_a_window_not_words(request_, said, start, end):
    plan = parse_request(request_)
    assert [q.text for q in plan.include] == [said]
    assert (plan.window.fraction_start, plan.window.fraction_end) == (start, end)
