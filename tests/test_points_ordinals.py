"""points reads counted positions as numbers.py does (numbers.ORDINAL, numbers.ordinal):
"the Nth minute" and "the Nth half/third/quarter" take every ordinal numbers knows."""
from __future__ import annotations

import pytest
from cutbot.agent.errors import PlanError
from cutbot.agent.intent import parse_request


@pytest.mark.parametrize("request_, start, end", [
    ("in the 2nd minute", 60.0, 120.0), ("in the second minute", 60.0, 120.0),
    ("from the eleventh minute on", 600.0, None)])
def test_the_nth_minute(request_, start, end):
    w = parse_request(request_).window
    assert (w.start, w.end) == (start, end)


@pytest.mark.parametrize("request_, start, end", [
    ("the 3rd quarter of the film", 0.5, 0.75), ("the middle third", 0.3333, 0.6667),
    ("the opening half", None, 0.5), ("the latter half", 0.5, None), ("the last third", 0.6667, None)])
def test_a_part_of_the_film(request_, start, end):
    w = parse_request(request_).window
    assert (w.fraction_start, w.fraction_end) == (start, end)


def test_a_part_the_film_has_not():
    with pytest.raises(PlanError, match="no third half"):
        parse_request("the 3rd half")
