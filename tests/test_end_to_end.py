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


@pytest.mark.parametrize("request_text, keep", [
    ("keep the scenes with the cat", lambda s: "cat" in s["visible"]),
    ("the part where they talk about soup", lambda s: "soup" in s["topics"]),
    ("everything except the rocket", lambda s: "rocket" not in s["visible"]),
], ids=["visual", "speech", "exclusion"])
def test_cut_finds_the_right_scenes(editor, sample_truth, request_text, keep):
    cut = editor.ask(request_text)
    predicted = [(s.start, s.end) for s in cut.segments]
    score = time_f1(predicted, scene_intervals(sample_truth, keep))
    assert score.f1 >= 0.8, (score, cut.explain())
    assert all(s.reasons for s in cut.segments)


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
