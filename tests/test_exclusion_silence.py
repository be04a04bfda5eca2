"""Dropping "the parts where nobody talks" (issue #11 class 7): the speech timeline's quiet
stretches go (a whole silent shot, a long wordless stretch), a pause after a line stays."""
from __future__ import annotations

from cutbot.agent.intent import parse_request
from fakes import make_index, run_plan

SCENES = [(0, 10, "harbour boats"), (10, 20, "market stalls"), (20, 30, "bridge river"),
          (30, 50, "square fountain")]
SENTENCES = [(0.5, 8.5, "the boats come in at dawn"), (11, 17, "fish is sold all morning"),
             (30.5, 35, "the fountain is old")]  # 20-30 says nothing; 35-50 is a long quiet stretch


def _overlap(cut, lo, hi) -> float:
    return sum(max(0.0, min(s.end, hi) - max(s.start, lo)) for s in cut.segments)


def test_skipping_where_nobody_talks_keeps_every_line_and_its_pauses():
    plan = parse_request("skip the parts where nobody talks")
    cut = run_plan(make_index(SCENES, SENTENCES), **plan.model_dump(exclude={"version"}))
    assert _overlap(cut, 20, 30) == 0.0  # a shot without a word
    assert _overlap(cut, 35.5, 50) == 0.0  # a long stretch without one
    for start, end, _ in SENTENCES:  # every line plays, whole
        assert _overlap(cut, start, end) == end - start
    assert _overlap(cut, 17, 20) == 3.0  # the pause after a line is not a part where nobody talks
