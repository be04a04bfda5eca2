"""bench/suggest.py's judge of topic suggestions: a truth word is the topic when one of
its WordNet senses is a kind of it (a graduation cap is clothing; sunglasses are not)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def judge():
    sys.path.insert(0, str(BENCH))
    try:
        import suggest
    finally:
        sys.path.remove(str(BENCH))
    return suggest


@pytest.mark.parametrize("seen, subject, expected", [
    (["person", "woman", "face", "glasses", "cap"], "clothing", True),  # a cap is a kind of headdress
    (["person", "woman", "uniform"], "clothing", True),
    (["person", "woman", "face", "glasses"], "clothing", False),  # sunglasses are no clothing
    (["dog", "tongue"], "clothing", False),
    (["squirrel", "branch"], "mammals", True),
    (["fish", "cartoon", "bubbles"], "mammals", False),
])
def test_a_scene_is_about_a_topic_when_a_sense_of_what_it_shows_is_a_kind_of_it(judge, seen, subject, expected):
    assert judge.about({"visible": seen, "topics": [], "narration": []}, subject) is expected
