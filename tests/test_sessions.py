"""Saved sessions: the store on disk, resuming through the API, and the single shot's
--continue, bare requests and commands, all on the hand-made film."""
from __future__ import annotations

import json
import os

import pytest
from typer.testing import CliRunner

from cutbot.agent import cli
from cutbot.agent.editor import Editor
from cutbot.agent.session import Session
from cutbot.agent.sessions_store import (SessionMissing, last_film, load_session, save_session,
                                         session_path)

from fakes import assert_one_line_error as one_line_error, fake_editor


@pytest.fixture
def editor(film) -> Editor:
    return fake_editor(film)


@pytest.fixture
def shot(opened):
    """`cutbot ARGS...` with the fake film behind every open; returns the result."""
    def run(*args: str):
        result = CliRunner().invoke(cli.app, list(args), prog_name="cutbot")
        result.editor = opened[-1] if opened else None
        return result
    return run


def test_session_round_trips_every_version_and_the_cursor(editor, cutbot_home_dir):
    editor.ask("only the car chases, under 40 seconds")
    editor.ask("also add the beach")
    editor.ask("drop the second chase")
    editor.undo()
    path = editor.save()
    assert path == session_path("f" * 64) and path.parent == cutbot_home_dir / "sessions"
    assert path.stat().st_mode & 0o777 == 0o600
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".part")]
    saved = load_session("f" * 64)
    assert saved.versions == 3 and saved.session.version == 2
    again = saved.session
    assert [t.request for t in again.history] == [t.request for t in editor.session.history]
    assert again.cut == editor.cut and again.plan == editor.plan
    assert again.redo().plan.skip == editor.session.history[2].plan.skip


def test_resume_through_the_api(editor, film, monkeypatch):
    editor.ask("only the car chases")
    editor.save()
    monkeypatch.setattr(Editor, "open", classmethod(lambda cls, path, **kw: fake_editor(film)))
    resumed = Editor.resume(film)
    assert resumed.cut == editor.cut and resumed.session.version == 1
    # no length asked yet: a relative change starts from the cut's actual length (issue #11)
    assert resumed.respond("make it 20 seconds shorter").cut.duration <= 10 + 1e-6
    assert resumed.respond("under 25 seconds").cut.duration <= 25
    (session_path("f" * 64)).unlink()
    with pytest.raises(SessionMissing, match="no saved session for film.mp4"):
        Editor.resume(film)


def test_the_folder_remembers_its_last_film(editor, film, tmp_path):
    assert last_film() is None
    save_session(Session(), film, "a" * 64)
    assert last_film() == film.resolve()
    assert last_film(folder=tmp_path / "elsewhere") is None
    film.unlink()
    assert last_film() is None  # a pointer to a film that is gone is no pointer


def test_damaged_session_files_give_one_clear_line(cutbot_home_dir):
    path = session_path("b" * 64)
    path.parent.mkdir(parents=True)
    path.write_text("{not json")
    with pytest.raises(Exception, match="cannot read"):
        load_session("b" * 64)
    path.write_text(json.dumps({"version": 1, "fingerprint": "b" * 64, "session": {"turns": [{}]}}))
    with pytest.raises(Exception, match="damaged"):
        load_session("b" * 64)


def test_single_shot_then_continue_then_commands(shot, film):
    first = shot("only the car chases, under 40 seconds", "-i", str(film), "--dry-run")
    assert first.exit_code == 0, first.output
    assert "3 segment(s), 30.0 s" in first.stdout
    shorter = shot("now make it shorter", "--continue", "--dry-run")
    assert shorter.exit_code == 0, shorter.output
    assert "the last session in this folder" in shorter.stderr
    assert "budget: max 22.5 s" in shorter.stdout  # 75 % of the 30 s cut, not of 40 s
    assert shorter.editor.session.version == 2
    undone = shot("undo", "--continue", "--dry-run")
    assert undone.exit_code == 0, undone.output
    assert "now at version 1" in undone.stdout and "budget: max 40 s" in undone.stdout
    why = shot("why 2", "-i", str(film), "--continue")
    assert why.exit_code == 0 and "segment 2: 0:30.00-0:40.00" in why.stdout
    assert not (film.parent / "film.cut.mp4").exists()  # "why" renders nothing
    redone = shot("redo", "--continue", "--dry-run")
    assert "now at version 2" in redone.stdout
    assert load_session("f" * 64).session.version == 2
    first_again = shot("go back to the first version", "--continue", "--dry-run")
    assert first_again.exit_code == 0 and "budget: max 40 s" in first_again.stdout
    assert load_session("f" * 64).session.version == 3


def test_a_bare_request_uses_the_last_film_of_the_folder(shot, film):
    assert shot("only the beach", "-i", str(film), "--dry-run").exit_code == 0
    bare = shot("keep scenes with the forest", "--dry-run")
    assert bare.exit_code == 0, bare.output
    assert bare.editor.session.version == 1 and bare.editor.plan.include[0].text == "forest"


def test_no_film_and_no_session_says_how_to_name_one(shot):
    one_line_error(shot("keep scenes with the hero"), "-i film.mp4")
    one_line_error(shot("make it shorter", "--continue"), "-i", "no session to continue")


def test_commands_without_continue_are_one_clear_line(shot, film):
    for command in ("undo", "redo", "show the plan", "why 2", "like 2", "save", "back to version 1"):
        result = shot(command, "-i", str(film))
        one_line_error(result, "--continue", "cutbot chat film.mp4")
    help_ = shot("help", "-i", str(film))
    assert help_.exit_code == 0 and "why N" in help_.stdout


def test_continue_without_a_saved_session(shot, film):
    one_line_error(shot("undo", "-i", str(film), "--continue"), "no saved session for film.mp4")


def test_a_stated_taste_works_in_a_single_shot(shot, film, cutbot_home_dir):
    result = shot("I don't like forests", "-i", str(film))
    assert result.exit_code == 0 and "noted: you dislike 'forests'" in result.stdout
    cut = shot("the first half", "-i", str(film), "--dry-run")
    assert cut.exit_code == 0, cut.output
    assert "leaving out 'forests'" in cut.stdout
    kept = cut.editor.cut.segments
    assert all(s.end <= 40 + 1e-6 for s in kept)  # the forest (40-50 s) is left out
    assert os.stat(cutbot_home_dir / "profile.json").st_mode & 0o777 == 0o600
