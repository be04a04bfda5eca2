"""run_ask: the single shot's decisions without the CLI (a recording view, a toy index)."""
from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path

import pytest

from cutbot.agent.ask_flow import AskOptions, run_ask
from cutbot.indexers.errors import CutbotError
from fakes import fake_editor


class Recorder:
    """An AskView that keeps what the flow shows."""

    def __init__(self):
        self.notes, self.lines, self.cuts, self.opened, self.emitted = [], [], [], [], []

    def note(self, text):
        self.notes.append(text)

    def say(self, line):
        self.lines.append(line)

    def emit(self, text):
        self.emitted.append(text)

    def show_cut(self, cut, duration):
        self.cuts.append((cut, duration))

    def open_editor(self, film):
        """The toy Editor; its exports are recorded (they probe the real film otherwise)."""
        self.opened.append(Path(film))
        editor = fake_editor(film)
        self.exported = []

        def export(path, fmt=None, cut=None):
            self.exported.append((Path(path).name, fmt))
            return Path(path)
        editor.export = export
        return editor

    def render_progress(self):
        return nullcontext(None)

    def work_progress(self):
        return nullcontext(None)


def test_plan_json_dash_goes_to_stdout_and_no_file_named_dash_is_written(film, monkeypatch):
    monkeypatch.chdir(film.parent)
    view = Recorder()
    run_ask("only the red car chases", AskOptions(film=film, dry_run=True, plan_json=Path("-")), view)
    assert len(view.emitted) == 1 and not view.lines
    plan = json.loads(view.emitted[0])
    assert plan["segments"] and plan["request"] == "only the red car chases"
    assert not (film.parent / "-").exists()


def test_dry_run_with_exports_plans_and_exports_but_never_renders(film):
    view = Recorder()
    run_ask("only the red car chases", AskOptions(film=film, dry_run=True, exports=("json,srt",),
                                                  plan_json=film.with_name("plan.json")), view)
    assert view.opened == [film] and len(view.cuts) == 1
    cut, duration = view.cuts[0]
    assert cut.segments and duration == 100
    assert [line.split()[0] for line in view.lines] == ["plan", "json", "srt"]
    assert view.exported == [("film.cut.json", "json"), ("film.cut.srt", "srt")]
    assert (film.parent / "plan.json").is_file()
    assert not (film.parent / "film.cut.mp4").exists()


def test_an_export_named_by_output_is_written_instead_of_a_render(film):
    view = Recorder()
    run_ask("only the red car chases", AskOptions(film=film, out=film.with_name("mine.srt")), view)
    assert view.lines == [f"exported the cut to {film.with_name('mine.srt')}"]
    assert view.exported == [("mine.srt", None)] and not film.with_name("mine.mp4").exists()


def test_without_a_film_and_no_session_the_flow_asks_which_film(film, monkeypatch):
    view = Recorder()
    monkeypatch.setattr("cutbot.agent.sessions_store.last_film", lambda: None)
    with pytest.raises(CutbotError, match="which film"):
        run_ask("only the red car chases", AskOptions(), view)
    assert view.opened == []


def test_an_output_over_the_film_is_refused_before_indexing(film):
    view = Recorder()
    with pytest.raises(CutbotError):
        run_ask("only the red car chases", AskOptions(film=film, out=film), view)
    assert view.opened == [] and film.read_bytes().startswith(b"not decoded")
