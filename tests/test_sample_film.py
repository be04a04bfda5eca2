"""The bundled sample film and its ground truth agree (fast: probes only, no espeak)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

av = pytest.importorskip("av")

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILM = EXAMPLES / "sample_film.mp4"
TRUTH = EXAMPLES / "sample_film.truth.json"


@pytest.fixture(scope="module")
def truth() -> dict:
    return json.loads(TRUTH.read_text())


def test_scenes_are_contiguous_and_cover_the_film(truth):
    scenes = truth["scenes"]
    assert 12 <= len(scenes) <= 16
    assert [s["id"] for s in scenes] == list(range(1, len(scenes) + 1))
    assert scenes[0]["start"] == 0.0
    assert scenes[-1]["end"] == pytest.approx(truth["duration"])
    assert 140 <= truth["duration"] <= 170
    for prev, cur in zip(scenes, scenes[1:]):
        assert cur["start"] == pytest.approx(prev["end"])
    for s in scenes:
        assert 7.0 <= s["end"] - s["start"] <= 14.0
        for t in (s["start"], s["end"]):  # frame-exact cut times
            assert abs(t * truth["fps"] - round(t * truth["fps"])) < 1e-6


def test_narration_sits_inside_its_scene_with_silent_edges(truth):
    for s in truth["scenes"]:
        for line in s["narration"]:
            assert line["text"].strip()
            assert s["start"] + 0.5 <= line["start"] < line["end"] <= s["end"] - 0.5
        assert bool(s["narration"]) == bool(s["topics"])
    assert any(not s["narration"] for s in truth["scenes"]), "some scenes should be silent"


def test_people_and_recurring_subjects(truth):
    scenes = truth["scenes"]
    known = set(truth["people"])
    for s in scenes:
        assert set(s["people"]) <= known
    assert sum("astronaut" in s["people"] for s in scenes) >= 2
    assert sum("cameraman" in s["people"] for s in scenes) >= 1
    for noun in ("cat", "coffee", "astronaut"):
        assert sum(noun in s["visible"] for s in scenes) >= 2, noun


def test_film_matches_truth(truth):
    assert FILM.stat().st_size < 10 * 1024 * 1024
    with av.open(str(FILM)) as box:
        video = [s for s in box.streams if s.type == "video"]
        audio = [s for s in box.streams if s.type == "audio"]
        assert len(video) == 1 and len(audio) == 1
        assert video[0].codec_context.name == "h264"
        assert audio[0].codec_context.name == "aac"
        assert (video[0].codec_context.width, video[0].codec_context.height) == (truth["width"], truth["height"])
        assert video[0].average_rate == truth["fps"]
        assert box.duration / 1e6 == pytest.approx(truth["duration"], abs=0.1)
