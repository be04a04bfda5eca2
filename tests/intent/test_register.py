"""The formal register and an editor's trade words (issue #11), said in the grammar's plain words."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request
from cutbot.agent.errors import PlanError


def _read(text: str):
    plan = parse_request(text)
    return [q.text for q in plan.include], [q.text for q in plan.exclude], plan.duration.model_dump(exclude_none=True)


@pytest.mark.parametrize("text, include, exclude", [
    ("The inclusion of the lighthouse is desired.", ["lighthouse"], []),
    ("Removal of every shot of the tractor is requested.", [], ["tractor"]),
    ("The ferry shots are to be retained.", ["ferry"], []),
    ("The gulls are to be removed.", [], ["gulls"]),
    ("Selection of the harbour is requested, with the crane excluded.", ["harbour"], ["crane"]),
    ("Removal of everything except the kites is requested.", ["kites"], []),
    ("Pull selects on the kettle inserts.", ["kettle"], []),
    ("Full timeline minus the tugboat.", [], ["tugboat"]),
])
def test_the_formal_and_the_editors_words_keep_and_drop_as_said(text, include, exclude):
    inc, exc, _ = _read(text)
    assert (inc, exc) == (include, exclude)


def test_dead_air_is_silence_and_tighten_is_a_ceiling():
    plan = parse_request("Full timeline minus the dead air.")
    assert [(q.text, q.modality) for q in plan.exclude] == [("no speech", "silence")]
    assert _read("Tighten the regatta to 25.")[2]["max"] == 25.0


@pytest.mark.parametrize("text", ["Tighten to 20, but nothing shorter than 40.", "the kites, at most 20 s, not under 1 min"])
def test_a_floor_over_the_ceiling_is_refused(text):
    with pytest.raises(PlanError, match="contradictory length"):
        parse_request(text)


def test_no_less_than_is_a_floor():
    assert parse_request("the kites, no less than 2 min").duration.min == 120.0


@pytest.mark.parametrize("text, include", [
    ("whatever is said over the lighthouse", ["lighthouse", "talk"]),
    ("the commentary over the regatta shot", ["regatta", "talk"]),
    ("what they say over the harbour at dusk", ["harbour at dusk", "talk"]),
])
def test_the_talk_over_a_picture_is_that_picture_while_someone_talks(text, include):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == include and plan.match == "all"


@pytest.mark.parametrize("text", ["they talk over each other", "Tom's voice over other pictures"])
def test_talk_over_no_picture_is_left_as_it_was(text):
    assert parse_request(text).match == "any"
