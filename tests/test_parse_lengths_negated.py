"""A length said with a negation or a verb of fitting, in phrasings of our own: "it shouldn't
run over two minutes" is a ceiling (it was read as "over two minutes", a floor, with
"shouldn't run" left as a subject), "don't make it shorter than a minute" a floor, "it has to
fit in two minutes" a ceiling; the verbs around the length are never a subject."""
from __future__ import annotations

import pytest

from cutbot.agent.intent import parse_request


@pytest.mark.parametrize("text, bound, seconds", [
    ("the lighthouse, but it shouldn't run over two minutes", "max", 120.0),
    ("the lighthouse, it should not go over two minutes", "max", 120.0),
    ("the lighthouse, don't go over 2 minutes", "max", 120.0),
    ("the lighthouse, mustn't exceed two minutes", "max", 120.0),
    ("the lighthouse, never longer than a minute", "max", 60.0),
    ("the lighthouse, it has to fit in two minutes", "max", 120.0),
    ("the lighthouse, shouldn't be under a minute", "min", 60.0),
    ("the lighthouse, don't make it shorter than a minute", "min", 60.0),
    ("the lighthouse, needs to be at least a minute", "min", 60.0),
    # going past a length is the cut's length, not a place in the film ("past" read as "after 2:00")
    ("the lighthouse but don't go past the two minute mark", "max", 120.0),
    ("the lighthouse, make sure it doesn't go past two minutes", "max", 120.0),
    ("the lighthouse, it can't run past 90 seconds", "max", 90.0),
    ("the lighthouse, keep it under the two minute mark", "max", 120.0),
])
def test_a_negated_or_fitted_length(text, bound, seconds):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == ["lighthouse"]
    assert plan.duration.model_dump(exclude_defaults=True) == {bound: seconds}


@pytest.mark.parametrize("text, window", [
    ("the lighthouse but nothing past the two minute mark", {"end": 120.0}),
    ("the lighthouse past the two minute mark", {"start": 120.0}),
])
def test_a_place_past_a_mark_is_still_a_window(text, window):
    plan = parse_request(text)
    assert [q.text for q in plan.include] == ["lighthouse"] and not plan.duration.upper
    assert plan.window.model_dump(exclude_defaults=True) == window
