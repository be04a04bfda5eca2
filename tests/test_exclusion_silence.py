"""Dropping "the parts where nobody talks" (issue #11 class 7): the speech timeline's quiet
stretches go (a whole silent shot, a long wordless stretch), a pause after a line stays."""
from __future__ import annotations

import pytest

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


def _kept(editor, a: float, b: float) -> float:
    return sum(max(0.0, min(s.end, b) - max(s.start, a)) for s in editor.cut.segments)


@pytest.mark.slow
def test_real_silence_requests_on_the_dev_film(indexed_dev, dev_film, dev_truth):
    """Through the real parser, models and planner on the dev film: dropping where nobody
    talks leaves out the one wordless scene and keeps every narrated one; asking for a
    person's shot with no talking keeps only her wordless shot."""
    from cutbot.agent.editor import Editor
    from cutbot.indexers import load_index

    index = load_index(dev_film)
    scenes = {s["id"]: (s["start"], s["end"], bool(s.get("narration"))) for s in dev_truth["scenes"]}
    editor = Editor(index)
    assert editor.respond("leave out every stretch where no one is speaking").kind != "clarify"
    for a, b, narrated in scenes.values():
        if narrated:
            assert _kept(editor, a, b) >= 0.5 * (b - a), (a, b)
        else:
            assert _kept(editor, a, b) <= 0.05, (a, b)
    editor = Editor(index, scorer=editor.scorer)
    assert editor.respond("the grace hopper clip without any talking").kind != "clarify"
    silent = [i for i, (_, _, narrated) in scenes.items() if not narrated]
    for i, (a, b, _) in scenes.items():
        assert (_kept(editor, a, b) >= 0.5 * (b - a)) == (i in silent), (i, editor.cut.segments)
