"""Plan JSON export: the --plan-json contract round-trips and writes atomically."""
from __future__ import annotations

import json
import os
import stat

import pytest

from cutbot.agent.cut import PLAN_JSON_VERSION, Cut, Segment
from cutbot.agent.export import cut_from_dict, read_plan_json, write_plan_json
from cutbot.agent import PlanError, RenderError


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path / "home"))


@pytest.fixture
def cut() -> Cut:
    return Cut(
        source="film.mp4", request="only the car chases, under 10 minutes",
        segments=(Segment(12.48, 31.2, 0.83, ("visual: sports car 0.71",
                                               "speech: 'follow that car' 0.64")),
                  Segment(40.0, 45.5, 0.5, ("scène: café ☕",))),
        constraints={"version": 1, "max_duration": 600.0, "queries": [{"text": "car chase"}]},
        notes=("dropped 2 shots to fit 10 minutes",))


def test_round_trip_is_equal(cut, tmp_path):
    path = write_plan_json(cut, tmp_path / "plan.json")
    assert path == tmp_path / "plan.json"
    back = read_plan_json(path)
    assert back == cut
    assert back.to_dict() == cut.to_dict()


def test_file_is_the_documented_contract(cut, tmp_path):
    data = json.loads(write_plan_json(cut, tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["version"] == PLAN_JSON_VERSION
    assert data["segments"][0] == {"start": 12.48, "end": 31.2, "score": 0.83,
                                   "reasons": list(cut.segments[0].reasons)}
    assert data["duration"] == pytest.approx(24.22)
    assert (tmp_path / "p.json").read_text(encoding="utf-8").startswith('{\n  "version"')


def test_write_is_atomic_and_readable_by_others(cut, tmp_path):
    target = tmp_path / "deep" / "plan.json"
    write_plan_json(cut, target)
    target.write_text("old", encoding="utf-8")
    write_plan_json(cut, target)
    assert read_plan_json(target) == cut
    assert [p.name for p in target.parent.iterdir()] == ["plan.json"]
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask


def test_write_into_a_file_path_raises_render_error(cut, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RenderError, match="cannot write"):
        write_plan_json(cut, blocker / "plan.json")


def test_missing_and_broken_files_raise_plan_error(tmp_path):
    with pytest.raises(PlanError, match="not found"):
        read_plan_json(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(PlanError, match="not valid JSON"):
        read_plan_json(bad)


@pytest.mark.parametrize("data, match", [
    ([], "not a cutbot plan"),
    ({"segments": "x"}, "not a cutbot plan"),
    ({"version": 99, "segments": []}, "version 99"),
    ({"segments": [{"start": "a", "end": 2}]}, "segment 1"),
    ({"segments": [{"start": 5, "end": 2}]}, "segment 1"),
    ({"segments": [], "constraints": [1]}, "constraints"),
])
def test_invalid_plans_are_refused(data, match):
    with pytest.raises(PlanError, match=match):
        cut_from_dict(data)


def test_hand_written_plan_needs_only_times():
    cut = cut_from_dict({"source": "f.mp4", "segments": [{"start": 1, "end": 2.5}]})
    assert cut.segments == (Segment(1.0, 2.5, 0.0),)
    assert cut.duration == pytest.approx(1.5)
