"""Phrasings of our own for the parse rules of the ninth round: two speakers "both" talking or
talking "to each other" are wanted together; "convo" is a conversation; "says the word X" is
the word X heard; "between A and B, what's there" is a window; "narrated" and "voice over" are
talk; an instruction after "says" is no line; a closing "tho" is a sign-off."""
from __future__ import annotations

import pytest

from cutbot.agent.frames import TALK_ONLY
from cutbot.agent.intent import parse_request


def _include(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.modality) for q in parse_request(text).include]


@pytest.mark.parametrize("request_", ["where lena and ben both talk", "ben and lena are both speaking",
                                      "the parts where ben and lena chat with each other",
                                      "ben and lena talking to one another"])
def test_two_speakers_both_talking_are_wanted_together(request_):
    plan = parse_request(request_)
    assert plan.match == "all"
    assert {q.text.split()[0] for q in plan.include} == {"ben", "lena"}
    assert all("both" not in q.text and "other" not in q.text for q in plan.include)


def test_both_on_screen_is_together_too():
    plan = parse_request("ben and lena both on screen")
    assert plan.match == "all" and [q.text for q in plan.include] == ["ben", "lena"]


def test_all_talking_still_means_everyone_not_together():
    assert parse_request("when they are all talking").match == "any"


@pytest.mark.parametrize("request_, topic", [("the convo about the garden", "garden"),
                                            ("the broken kettle convo", "broken kettle"),
                                            ("any convos on money", "money")])
def test_convo_is_a_conversation(request_, topic):
    assert _include(request_) == [(topic, "speech")]


@pytest.mark.parametrize("request_, words", [("whenever somebody says the word lighthouse", "lighthouse"),
                                            ("where he says the name Ruth", "Ruth"),
                                            ("the bit where she says the words good luck", "good luck")])
def test_says_the_word_is_that_word_heard(request_, words):
    (q,) = parse_request(request_).include
    assert (q.text, q.modality, q.exact) == (words, "speech", True)


@pytest.mark.parametrize("request_", ["between 20 seconds and 50 seconds, what's there",
                                      "between 1:00 and 2:00 what happens"])
def test_between_then_what_is_there_is_a_window(request_):
    plan = parse_request(request_)
    assert plan.window is not None and plan.duration.max is None and plan.duration.min is None


def test_between_alone_is_a_window_and_a_length_needs_its_words():
    # every "between A and B <unit>" the dev outsiders wrote without "long" is a window (outsider15/17)
    plan = parse_request("the harbour between 20 seconds and 50 seconds")
    assert (plan.window.start, plan.window.end) == (20.0, 50.0) and plan.duration.max is None
    plan = parse_request("the harbour, keep it between 20 seconds and 50 seconds")
    assert (plan.duration.min, plan.duration.max) == (20.0, 50.0) and plan.window is None


@pytest.mark.parametrize("text", ["narrated", "the voice over", "voice overs", "the narration"])
def test_narrated_and_voice_over_are_all_the_talk(text):
    assert TALK_ONLY.fullmatch(text)


def test_no_voice_over_is_silence_and_leaves_no_over_behind():
    plan = parse_request("the drawings with no voice over")
    assert ("no speech", "silence") in _include("the drawings with no voice over")
    assert all("over" not in q.text for q in plan.include)


def test_an_instruction_after_says_is_no_line():
    plan = parse_request("everything ben says but keep it under two minutes")
    assert not any(q.exact for q in plan.include)
    assert plan.duration is not None and plan.duration.max == 120.0


def test_a_line_after_says_stays_a_line():
    (q,) = parse_request("where she says keep calm and carry on").include
    assert q.exact and q.text == "keep calm and carry on"


def test_closing_tho_is_a_sign_off():
    plan = parse_request("the owl and the fox, fox first tho")
    assert [q.text for q in plan.include] == ["owl", "fox"] and list(plan.sequence) == ["fox", "owl"]


@pytest.mark.parametrize("request_", ["Ben's voice over other pictures", "ben talking over different shots"])
def test_a_voice_over_other_pictures_is_heard_off_screen(request_):
    (q,) = parse_request(request_).include
    assert q.text.endswith("while off screen") and q.text.lower().startswith("ben")


def test_a_pronoun_excluded_points_back_to_the_name_kept():
    plan = parse_request("Ruth's voice over other pictures, not the shots of her")
    assert [q.text for q in plan.exclude] == ["ruth"]
    assert [q.text for q in parse_request("the owls, not him").exclude] == ["him"]  # nobody named: left as said


@pytest.mark.parametrize("request_, topic", [("what to get our grandad", "our grandad"),
                                            ("where to go for the weekend", "weekend"),
                                            ("somebody is worried about the exam, that bit", "exam")])
def test_a_question_of_what_to_do_or_a_feeling_about_something_is_talk(request_, topic):
    assert _include(request_) == [(topic, "speech")]


def test_a_leading_gerund_is_what_is_done_not_the_topic():
    from cutbot.agent.lexical import spoken_topic

    assert spoken_topic("moving into a new house") == "a new house"
    assert spoken_topic("waiting for the ferry") == "the ferry"
    assert spoken_topic("boxing gloves") == "boxing gloves"  # a gerund before its noun stays


def test_a_question_then_a_pointer_is_the_thing_asked_about():
    assert _include("is there a heron anywhere? I want that shot") == [("heron", "any")]
    assert [t for t, _ in _include("owls! foxes too")] == ["owls", "foxes"]
