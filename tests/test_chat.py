"""`cutbot chat` end to end through typer's CliRunner: scripted sessions on a fake film."""
from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from cutbot.agent.editor import Editor
from cutbot.agent.llm import LLMParser

from fakes import fake_editor


def test_scripted_session_with_refinements_undo_redo_and_why(chat):
    code, out, editor = chat("only the car chases, under 40 seconds", "also add the beach",
                             "why 1", "why did you keep 0:35?", "undo", "redo",
                             "drop the second chase", "show the plan", "quit")
    assert code == 0, out
    assert "3 segment(s), 30.0 s" in out
    assert "length 30.0 s of at most 40 s, 75%" in out
    assert "changed: v2: +10.0 s / -0.0 s" in out
    assert "segment 1: 0:00.00-0:20.00" in out
    assert "0:35.00 is in the cut:" in out
    assert "now at version 1" in out and "now at version 2" in out
    assert "skipped: 30.0-40.0 s" in out
    assert out.rstrip().endswith("bye")
    assert editor.session.version == 3


def test_the_table_has_a_timeline_bar_of_the_film(chat):
    code, out, _ = chat("only the car chases")
    bar = next(line for line in out.splitlines() if line.strip().startswith("0:00 |"))
    assert bar.strip().endswith("| 1:40.00")
    cells = bar.strip().split("|")[1]
    assert len(cells) == 60 and cells.count("█") == 18  # three 10 s chases of a 100 s film
    assert cells[:6] == "█" * 6 and cells[6] == "·"


def test_a_refinement_chain(chat):
    code, out, editor = chat("only the car chases", "under 25 seconds", "also add the beach",
                             "in reverse order", "make it shorter")
    assert code == 0, out
    assert editor.session.version == 5
    assert editor.plan.order == "reverse" and editor.plan.duration.max == pytest.approx(18.75)
    assert [s.start for s in editor.cut.segments] == sorted(
        (s.start for s in editor.cut.segments), reverse=True)
    assert out.count("changed: v") == 4


def test_clarifying_questions_and_bad_lines_never_end_the_chat(chat):
    code, out, editor = chat("the dragon", "under 1 minute but at least 5 minutes", "make it shorter",
                             "why 4", "undo", "only the forest", "start over", "show")
    assert code == 0, out
    assert "Did you mean something this film has?" in out and "seen:" in out
    assert "contradictory length" in out
    assert "how long should it be?" in out
    assert "no cut yet" in out and "nothing to undo" in out
    assert "starting over" in out and "no plan yet" in out
    assert editor.plan is None and out.rstrip().endswith("bye")


def test_help_lists_the_commands(chat):
    code, out, _ = chat("help")
    for word in ("why N", "start over", "render", "export", "save", "like N", "dislike N",
                 "--resume", "quit"):
        assert word in out, word


def test_render_export_and_save(chat, film, monkeypatch):
    seen = []

    def fake_render(self, out, cut=None, progress=None):
        progress(1.0, 2.0)
        progress(2.0, 2.0)
        Path(out).write_bytes(b"video")
        seen.append(Path(out))
        return SimpleNamespace(path=Path(out), duration=self.cut.duration, seconds=0.1)

    monkeypatch.setattr(Editor, "render", fake_render)
    code, out, editor = chat("render", "only the car chases", "render mine.mp4", "render",
                             "export plan.json", "save", "quit")
    assert code == 0, out
    assert "nothing to render yet" in out
    assert "wrote mine.mp4 (30.0 s)" in out and "wrote film.cut.mp4" in out
    assert seen == [Path("mine.mp4"), Path("film.cut.mp4")] and "100%" in out
    data = json.loads((film.parent / "plan.json").read_text())
    assert [s["start"] for s in data["segments"]] == [0.0, 30.0, 60.0]
    assert "exported the cut to plan.json" in out
    assert "saved 1 version(s)" in out and "--resume" in out


def test_save_and_resume_keep_the_whole_history(chat, cutbot_home_dir):
    code, out, first = chat("only the car chases", "under 25 seconds", "undo", "quit")
    assert code == 0, out
    saved = list((cutbot_home_dir / "sessions").glob("*.json"))
    assert {p.name for p in saved} == {"ffffffffffffffff.json", "folders.json"}
    code, out, editor = chat("redo", "why 2", "show", args=("--resume",))
    assert code == 0, out
    assert "resumed the saved session: version 1 of 2" in out
    assert "now at version 2" in out and editor.plan.duration.max == 25
    assert editor.session.version == 2 and len(editor.session.history) == 2
    code, out, fresh = chat("show")
    assert "has a saved session (2 version(s))" in out and fresh.plan is None


def test_resume_without_a_saved_session_starts_afresh(chat):
    code, out, editor = chat("show", args=("--resume",))
    assert code == 0 and "no saved session for film.mp4 yet" in out and editor.plan is None


def test_like_and_dislike_segments_from_the_chat(chat, cutbot_home_dir):
    code, out, editor = chat("only the beach and the forest", "like 1", "dislike 2",
                             "dislike 9", "profile", "undo")
    assert code == 0, out
    assert "noted: you like 'beach'" in out and "noted: you dislike 'forest'" in out
    assert "dropped segment 2 from the cut (undo brings it back)" in out
    assert "changed: v2: +0.0 s / -10.0 s" in out
    assert "there is no segment 9" in out
    assert "likes 'beach'" in out and "dislikes 'forest'" in out
    assert (cutbot_home_dir / "profile.json").stat().st_mode & 0o777 == 0o600
    assert editor.session.version == 1


def test_ctrl_c_cancels_the_line_not_the_chat(film, monkeypatch):
    from rich.console import Console

    from cutbot.agent.chat import ChatLoop

    lines = iter(["only the car chases", KeyboardInterrupt, "show", EOFError])

    def read(prompt):
        item = next(lines)
        if isinstance(item, type) and issubclass(item, BaseException):
            raise item
        return item
    console = Console(record=True, width=160)
    editor = fake_editor(film)
    original = editor.respond

    def slow_respond(text):  # Ctrl-C in the middle of a step
        if text == "show" and not getattr(slow_respond, "hit", False):
            slow_respond.hit = True
            raise KeyboardInterrupt
        return original(text)
    editor.respond = slow_respond
    lines = iter(["only the car chases", KeyboardInterrupt, "show", "show", EOFError])
    ChatLoop(editor, console, read=read).run()
    text = console.export_text()
    assert "(cancelled; quit to leave)" in text and "(cancelled)" in text
    assert "plan version 1:" in text and text.rstrip().endswith("bye")


def test_a_garbage_llm_never_crashes_the_chat(chat):
    code, out, editor = chat("only the car chases", "why 1", args=("--llm", "rules"))
    assert code == 0 and "segment 1" in out

    class Garbage:
        name = "garbage"

        def complete(self, messages):
            return "I am a teapot { not json"

    editor.parser = LLMParser(Garbage())
    reply = editor.respond("also add the beach")
    assert reply.kind == "plan" and any("rule parser" in line for line in reply.lines)


@pytest.mark.parametrize("line, kind, segment, arg", [
    ("like 2", "like", 2, None), ("thumbs down for 3", "dislike", 3, None),
    ("more like this", "like", None, None), ("less like segment 1", "dislike", 1, None),
    ("I don't like gore", "dislike", None, "gore"), ("less talking", "dislike", None, "talking"),
    ("i love cats very much", "like", None, "cats"), ("save", "save", None, None),
    ('render "my cut.mp4"', "render", None, "my cut.mp4"), ("render", "render", None, None),
    ("export to out/cut.otio", "export", None, "out/cut.otio"),
    ("more dialogue", "plan", None, None),  # a refinement of the plan, not a taste
    ("save the best bits", "plan", None, None),
])
def test_feedback_and_file_commands_are_told_apart(line, kind, segment, arg):
    from cutbot.agent.intent import parse_intent
    intent = parse_intent(line)
    assert (intent.kind, intent.segment, intent.arg) == (kind, segment, arg)


def test_the_table_shows_one_reason_per_query_first():
    from cutbot.agent.cut import Segment
    from cutbot.agent.evidence import Evidence
    from cutbot.agent.views import table_reasons

    evidence = (Evidence("speech", 0.8, 9.0, '"a cat"', 1.0, 0.0, 2.0, "cat"),
                Evidence("visual", 0.6, 4.0, "labels tabby 0.6", 1.0, 0.0, 2.0, "cat"),
                Evidence("speech", 0.9, 8.0, '"a rocket"', 3.0, 2.0, 4.0, "rocket"))
    reasons = tuple(e.describe() for e in evidence) + ("trimmed to 8.0 s to fit",)
    shown = table_reasons(Segment(0.0, 4.0, 0.9, reasons, evidence=evidence))
    assert shown.split("; ") == ["speech: 'cat' ~ \"a cat\"", "speech: 'rocket' ~ \"a rocket\"",
                                 "trimmed to 8.0 s to fit"]


def test_debug_shows_a_user_errors_traceback_in_the_chat_and_it_goes_on(chat, monkeypatch):
    monkeypatch.setenv("CUTBOT_DEBUG", "1")
    code, out, _ = chat("only the car chases", "render film.mp4", "quit")
    assert code == 0, out
    assert "Traceback" in out and "UnsafeOutput" in out
    assert out.rstrip().endswith("bye")


def test_a_cut_across_films_has_no_single_films_timeline_bar():
    """Scaled to one film, the bar would misplace every other film's segments."""
    from cutbot.agent.cut import Cut, Segment
    from cutbot.agent.views import plan_table
    one = Cut("a.mp4", "x", (Segment(0.0, 4.0, 0.9),))
    across = Cut("a.mp4", "x", (Segment(0.0, 4.0, 0.9, source="a.mp4"),
                                Segment(50.0, 60.0, 0.8, source="b.mp4")))
    assert "|" in plan_table(one, 30.0).caption
    assert plan_table(across, 30.0).caption is None
    assert [c.header for c in plan_table(across, 30.0).columns][-1] == "film"
