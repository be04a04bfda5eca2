"""A pronoun in a refinement is the person the cut already names ("put him first" after "the
boats and the fisherman"), found by the dev conversations (bench/conversation.py): the parser had
looked for the word "him" in the film, so the chat answered "nothing matches 'him'". A framing said
alone ("only the close-ups") is of the one subject on screen, and the cut's length holds."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request


def subjects(plan):
    return [q.text for q in plan.include]


@pytest.mark.parametrize("base, line, first", [
    ("the boats and the fisherman", "put him first", "fisherman"),
    ("the man and the woman", "put him first", "man"),  # "woman" ends in "man": not a him
    ("the man and the woman", "her first", "woman"),
    ("the cameraman and the astronaut", "put him first", "cameraman"),
])
def test_a_pronoun_is_the_person_the_cut_names(base, line, first):
    plan = parse_request(line, parse_request(base))
    assert plan.sequence[0] == first and "him" not in subjects(plan) and "her" not in subjects(plan)


def test_bring_her_back_is_the_person_left_out():
    plan = parse_request("actually bring her back", parse_request("the people, but not the navy lady"))
    assert "navy lady" in subjects(plan) and not plan.exclude


def test_drop_him_leaves_out_the_one_named():
    plan = parse_request("drop him", parse_request("the boats and the fisherman"))
    assert subjects(plan) == ["boats"] and [q.text for q in plan.exclude] == ["fisherman"]


def test_a_speaker_is_named_by_the_speakers_name():
    plan = parse_request("only when we actually see her", parse_request("everything Lena says"))
    assert "Lena" in subjects(plan) and plan.match == "all"


@pytest.mark.parametrize("base, line", [
    ("the people, but not the navy lady", "put him first"),  # nobody the plan names is a him
    ("the boats and the lighthouse", "drop her"),
])
def test_a_pronoun_nobody_in_the_plan_can_be_stays(base, line):
    plan = parse_request(line, parse_request(base))
    assert any(q.text in ("him", "her") for q in (*plan.include, *plan.exclude))


def test_a_possessive_is_not_a_person():
    assert subjects(parse_request("the dog and her dog", parse_request("the man and the woman"))) == ["dog", "her dog"]


@pytest.mark.parametrize("line, text", [
    ("only the close ups", "close ups on the fisherman"), ("just the close-ups of it", "close-ups on the fisherman"),
    ("only the wide shots please", "wide shots on the fisherman"),
])
def test_a_framing_alone_is_of_the_subject_on_screen(line, text):
    plan = parse_request(line, parse_request("the fisherman, under a minute"))
    assert subjects(plan) == [text] and plan.duration.max == 60.0


def test_a_framing_alone_with_two_subjects_is_left_to_the_parser():
    plan = parse_request("only the close ups", parse_request("the boats and the fisherman"))
    assert "close ups on the fisherman" not in subjects(plan)


@pytest.mark.parametrize("line, texts, dropped", [
    ("only the real ones", ["real goats"], []),  # was every real-life shot, the goats forgotten
    ("only real ones, not drawings", ["real goats"], ["drawings"]),
    ("just the cartoon ones", ["cartoon goats"], []), ("only the ones outside", ["outdoor goats"], []),
])
def test_a_look_said_of_the_ones_on_screen_narrows_them(line, texts, dropped):
    plan = parse_request(line, parse_request("the goats, under a minute"))
    assert subjects(plan) == texts and [q.text for q in plan.exclude] == dropped and plan.duration.max == 60.0


def test_a_talker_is_named_and_the_rest_of_the_line_kept():
    plan = parse_request("and when he talks but we dont see him", parse_request("the cartoon guy w/ glasses"))
    assert subjects(plan) == ["cartoon guy with glasses", "cartoon guy with glasses while off screen"]


def test_a_pronoun_may_be_a_subject_kept_beside_a_narrowed_cut():
    narrowed = parse_request("only when we actually see her", parse_request("everything Lena says"))
    added = parse_request("add the animated guy with glasses", narrowed)
    assert [q.text for q in added.also] == ["animated guy with glasses"]
    assert parse_request("put him first", added).sequence[0] == "animated guy with glasses"


@pytest.mark.parametrize("line, include, exclude", [
    ("just the one where the narrator talks about her", ["astronaut"], []),  # the one subject on screen
    ("without her", [], ["astronaut"]),
    ("what does she say?", ["astronaut"], []),
    ("the ones where we see her face", ["astronaut"], []),  # her face is her, seen
])
def test_a_pronoun_with_one_subject_on_screen_is_that_subject(line, include, exclude):
    plan = parse_request(line, parse_request("the astronaut"))
    assert (subjects(plan), [q.text for q in plan.exclude]) == (include, exclude)
