"""The real path (issue #11 class 6) on a film cutbot was not built with: a target or a minimum
longer than the subject's material is not padded with unrelated shots; the cut says it is short."""
from __future__ import annotations

import pytest


@pytest.mark.slow
@pytest.mark.parametrize("request_, said", [("20 seconds of the fruit", "short of the 20 s"),
                                            ("at least 20 seconds of the fruit", "less than the 20 s minimum")])
def test_a_length_with_too_little_material_stays_on_the_subject_and_says_so(indexed_dev, dev_film,
                                                                            dev_truth, request_, said):
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    cut = Editor.load(dev_film).ask(request_)
    fruit = [(s["start"], s["end"]) for s in dev_truth["scenes"] if "fruit" in s["visible"]]
    spans = [(s.start, s.end) for s in cut.segments]
    assert fruit and overlap(spans, fruit) >= 0.9 * sum(e - s for s, e in fruit)
    assert overlap(spans, fruit) >= cut.duration - 0.5  # nothing else pads the 20 s
    assert any(said in n for n in cut.notes)
