"""Phrasings of our own for the twelfth round: a pronoun talked about points back to the subject
("the pianist, only where she is being talked about": her shots where she is talked about), a
hyphened "half-minute" is thirty seconds, a story or an arc of a topic is its talk, a room is
never seen in a picture of what holds it, and a subject placed first in a counted group it belongs
to ("the three greetings but start with Ada") is that group's member, not all of its own shots."""
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


def _piece(*queries: str, shot: int = 0):
    from types import SimpleNamespace
    return SimpleNamespace(evidence=[SimpleNamespace(query=q) for q in queries], shots=(shot,), scene=shot)


def test_a_subject_placed_in_a_counted_group_it_belongs_to_is_its_member():
    from cutbot.agent.plan import Query
    from cutbot.agent.positions import members_only
    intros = [_piece("three greetings", shot=0), _piece("three greetings", "ada", shot=1),
              _piece("ada", shot=1), _piece("three greetings", shot=2)]  # Ada's line in her greeting's shot stays
    elsewhere = _piece("ada", shot=5)  # Ada's other scene: not one of the three greetings
    group = [Query(text="three greetings"), Query(text="ada")]
    kept = members_only(intros + [elsewhere], ["ada", "three greetings"], group)
    assert kept == intros
    # a subject with no piece in the group stays whole ("the two rocket shots, the cat first")
    cat = [_piece("cat", shot=0), _piece("cat", shot=1)]
    rockets = [_piece("two rockets", shot=2), _piece("two rockets", shot=3)]
    assert members_only(cat + rockets, ["cat", "two rockets"], [Query(text="two rockets"), Query(text="cat")]) == cat + rockets
    # a group found in fewer scenes than its count keeps what the other subject found (a missing member)
    trips = [_piece("both trips", shot=0), _piece("lisbon", shot=4)]
    assert members_only(trips, ["lisbon", "both trips"], [Query(text="both trips"), Query(text="lisbon")]) == trips
    # a plural asks for all its members ("everybody's greetings, ada first"): Ada's greeting, not her other scene
    plural = [_piece("greetings", shot=0), _piece("greetings", "ada", shot=1), _piece("ada", shot=5)]
    assert members_only(plural, ["ada", "greetings"], [Query(text="greetings"), Query(text="ada")]) == plural[:2]
    # a thing placed first in a plural is no member: "the kitchen chats, the tiles first" keeps all the tiles
    tiles = [_piece("kitchen chats", shot=0), _piece("kitchen chats", "tiles", shot=1), _piece("tiles", shot=5)]
    assert members_only(tiles, ["tiles", "kitchen chats"], [Query(text="kitchen chats"), Query(text="tiles")]) == tiles
    # one thing is no group: "the kitchen, clara first" keeps all of Clara
    one = [_piece("kitchen", shot=0), _piece("kitchen", "clara", shot=1), _piece("clara", shot=5)]
    assert members_only(one, ["clara", "kitchen"], [Query(text="kitchen"), Query(text="clara")]) == one


@pytest.mark.parametrize("text, talker", [("the canal boats while the tour guide is talking", "tour guide"),
                                          ("the canal boats while the guide is talking", "guide")])
def test_a_two_word_talker_restricts_what_came_before(text, talker):
    plan = parse_request(text)
    assert plan.match == "all" and [t for t, _ in _queries(text)] == ["canal boats", talker]


@pytest.mark.parametrize("text", ["the woman in the kitchen talking about the garden",
                                  "the man on the boat chatting about the garden",
                                  "that lady by the window going on about the garden",
                                  "when the guy in the car talks about the garden",
                                  "whenever the man with the hat talks about the garden"])
def test_a_described_talker_somewhere_is_the_talker_not_part_of_the_topic(text):
    # "the car" in "the guy in the car talking about X" is where the talker is: the topic is X
    # alone, as for "the guy talking about X", not "guy in X"
    assert _queries(text) == [("garden", "speech")]


def test_a_talker_named_or_far_from_a_place_keeps_what_came_before():
    assert _queries("whatever the lady in the spacesuit says") == [("lady", "speech")]  # no topic frame
    assert "wedding" in _queries("the whole wedding thing like from when he announces it to the day")[0][0]
