"""Real models on real media: the spine of cutbot, from request to checked output."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import av
import pytest

from cutbot.agent import Editor
from cutbot.agent.evaluate import scene_intervals, time_f1

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def editor(indexed_sample, sample_film) -> Editor:
    return Editor.load(sample_film)


CASES = [
    ("keep the scenes with the cat", lambda s: "cat" in s["visible"]),
    ("the part where they talk about soup", lambda s: "soup" in s["topics"]),
    ("everything except the rocket", lambda s: "rocket" not in s["visible"]),
]
IDS = ["visual", "speech", "exclusion"]


def problems(cut, truth, keep, excluded: bool = False) -> list[str]:
    """What is wrong with a cut: too little overlap, or material that must be absent
    (every scene a perfect cut leaves out, beyond frame rounding) present."""
    from cutbot.agent.evaluate import overlap

    predicted = [(s.start, s.end) for s in cut.segments]
    score = time_f1(predicted, scene_intervals(truth, keep))
    out = [f"F1 {score.f1:.2f} < 0.8"] if score.f1 < 0.8 else []
    if score.precision < 0.9:  # accepting everything still finds the right scenes
        out.append(f"precision {score.precision:.2f}: scenes without the subject are in the cut")
    for scene in truth["scenes"]:  # for exclusions: nothing of an excluded scene, at all
        if excluded and not keep(scene) and overlap(predicted, [(scene["start"], scene["end"])]) > 0.05:
            out.append(f"excluded scene {scene['id']} is in the cut")
    if not all(s.reasons for s in cut.segments):
        out.append("a segment without reasons")
    return out


@pytest.mark.parametrize("request_text, keep", CASES, ids=IDS)
def test_cut_finds_the_right_scenes(editor, sample_truth, request_text, keep):
    cut = editor.ask(request_text)
    assert not problems(cut, sample_truth, keep, "except" in request_text), cut.explain()


def test_a_subject_that_is_not_in_the_film_matches_nothing(editor):
    from cutbot.agent import NothingMatched

    for request in ("the giraffes", "scenes with a piano", "where they talk about elephants"):
        with pytest.raises(NothingMatched):
            editor.ask(request)


def test_these_tests_can_fail(indexed_sample, sample_film, sample_truth, monkeypatch):
    """Accepting every match, or dropping exclusions, must break the checks above."""
    import numpy as np

    from cutbot.agent import pictures, planner, search, spoken
    from cutbot.agent.calibration import LabelOptions, TextModelOptions

    with monkeypatch.context() as mp:  # the calibrated thresholds set to zero
        mp.setattr(search, "select", lambda raw, floor, cal=None, item_floor=None: (np.ones(raw.shape, bool), raw * 0 + 9))
        mp.setattr(pictures, "LABELS", LabelOptions(category_floor=0.0, category_loose=0.0))
        for module in (search, spoken):  # no absolute floor for sentences that do not say the words
            mp.setattr(module, "TEXT", TextModelOptions(speech_unsaid=-1.0))
        for (request, keep), name in zip(CASES[:2], IDS):
            assert problems(Editor.load(sample_film).ask(request), sample_truth, keep), name
    with monkeypatch.context() as mp:  # exclusions switched off
        mp.setattr(planner, "_banned", lambda *a, **k: [])
        request, keep = CASES[2]
        assert problems(Editor.load(sample_film).ask(request), sample_truth, keep, excluded=True)


def test_budget_and_refinement(editor):
    cut = editor.ask("keep the scenes with the cat or the coffee, under 20 seconds")
    assert 10 <= cut.duration <= 20
    reversed_cut = editor.ask("in reverse order")
    assert [s.start for s in reversed_cut.segments] == sorted(
        (s.start for s in reversed_cut.segments), reverse=True)
    assert editor.undo() == cut


def test_api_demo_runs(indexed_sample, tmp_path):
    out = tmp_path / "demo.mp4"
    env = {**os.environ, "CUTBOT_HOME": str(indexed_sample)}
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "api_demo.py"),
                           str(ROOT / "examples" / "sample_film.mp4"), str(out)],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "wrote" in done.stdout and "segment(s)" in done.stdout
    with av.open(str(out)) as container:
        assert container.streams.audio and 5 < container.duration / av.time_base <= 30.1
