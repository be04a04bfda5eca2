"""A subject dropped and then asked for again comes back among the subjects ("the lighthouse
too", "bring the lighthouse back", "restore the lighthouse"): before, it was only un-dropped, so
the cut kept the other subjects alone, and "bring it back" or "restore" started a new cut of its
own words. Talk heard over the pictures ("no, keep the dialogue") and a whole-film cut are only
un-dropped, as before. "what about the seagulls?" adds them to the cut on screen, and "only when
he's talking" narrows it."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.plan import ConstraintPlan, Query


@pytest.fixture
def dropped():
    return parse_request("now drop the lighthouse", parse_request("the boats and the lighthouse, under 2 minutes"))


@pytest.mark.parametrize("text", ["the lighthouse too", "add the lighthouse back", "bring the lighthouse back",
                                  "put the lighthouse back in", "restore the lighthouse", "bring back the lighthouse",
                                  "add the lighthouse again"])
def test_a_dropped_subject_asked_again_comes_back(dropped, text):
    plan = parse_request(text, dropped)
    assert [q.text for q in plan.include] == ["boats", "lighthouse"]
    assert not plan.exclude and plan.duration.max == 120.0


def test_talk_over_the_pictures_is_only_undropped():
    previous = ConstraintPlan(include=(Query(text="boats"), Query(text="lighthouse")), exclude=(Query(text="dialogue"),))
    plan = parse_request("actually bring back the dialogue", previous)
    assert [q.text for q in plan.include] == ["boats", "lighthouse"] and not plan.exclude


def test_a_whole_film_cut_stays_whole():
    plan = parse_request("bring the lighthouse back", parse_request("everything except the lighthouse"))
    assert not plan.include and not plan.exclude


@pytest.mark.parametrize("text", ["what about the seagulls?", "how about adding the seagulls"])
def test_what_about_adds_a_subject_to_the_cut_on_screen(text):
    plan = parse_request(text, parse_request("the boats and the lighthouse, under 2 minutes"))
    assert [q.text for q in plan.include] == ["boats", "lighthouse", "seagulls"] and plan.duration.max == 120.0
    assert [q.text for q in parse_request(text).include] == ["seagulls"]  # nothing on screen: the subject alone


@pytest.mark.parametrize("text, added", [("only when he's talking", ("talk", "speech")),
                                         ("but only where nobody is talking", ("no speech", "silence")),
                                         ("only while the storm is on screen", ("storm", "visual"))])
def test_only_when_narrows_the_cut_on_screen(text, added):
    """"only when he's talking" after "everything with the fisherman": the fisherman, where he talks."""
    plan = parse_request(text, parse_request("everything with the fisherman"))
    assert [(q.text, q.modality) for q in plan.include] == [("fisherman", "any"), added] and plan.match == "all"
