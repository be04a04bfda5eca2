"""Phrasings of our own for the twelfth round: a pronoun talked about points back to the subject
("the pianist, only where she is being talked about": her shots where she is talked about), a
hyphened "half-minute" is thirty seconds, a story or an arc of a topic is its talk, and a room is
never seen in a picture of what holds it."""
from __future__ import annotations

import pytest

from cutbot.agent import parts
from cutbot.agent.intent import parse_request


def _queries(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.modality) for q in parse_request(text).include]


@pytest.mark.parametrize("text", ["the pianist, but only where she is being talked about",
                                  "the pianist when she's mentioned",
                                  "the pianist while somebody is talking about her"])
def test_a_pronoun_talked_about_is_the_subject_talked_about(text):
    plan = parse_request(text)
    assert plan.match == "all"
    assert [m for _, m in _queries(text)][1:] == ["speech"]
    assert len({t.lower() for t, _ in _queries(text)}) == 1


def test_a_pronoun_doing_something_else_is_no_talk():
    assert all(m != "speech" for _, m in _queries("the owl where it is sleeping"))


@pytest.mark.parametrize("text, seconds", [("a half-minute version of the whole thing", 30.0),
                                           ("a half-hour cut", 1800.0)])
def test_a_hyphened_half_unit_is_a_length(text, seconds):
    plan = parse_request(text)
    assert plan.duration.target == seconds and not plan.include


@pytest.mark.parametrize("text", ["the harvest story", "the whole harvest arc", "the harvest stories"])
def test_a_story_or_arc_of_a_topic_is_the_topic(text):
    assert [t for t, _ in _queries(text)] == ["harvest"]


def test_a_room_is_not_seen_in_a_picture_of_its_whole():
    assert parts.having("kitchen") == frozenset() and parts.having("bedroom") == frozenset()
    assert "airliner" in parts.having("engine")  # a part seen from outside still names its wholes
