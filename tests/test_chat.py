"""`cutbot chat` end to end through typer's CliRunner: scripted sessions on a fake film."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from cutbot.agent import cli
from cutbot.agent.editor import Editor
from cutbot.agent.llm import LLMParser
from cutbot.agent.search import Scorer

from fakes import WordHashEmbedder, make_index
from test_conversation import SCENES, SENTENCES


@pytest.fixture
def chat(monkeypatch, tmp_path):
    """Run `cutbot chat film.mp4` with typed lines; returns (exit code, output, editor)."""
    made = []

    def fake_open(film, force=False):
        index = make_index(SCENES, SENTENCES)
        emb = WordHashEmbedder()
        made.append(Editor(index, Scorer(index, emb, emb)))
        return made[-1]

    monkeypatch.setattr(cli, "open_editor", fake_open)
    monkeypatch.setenv("COLUMNS", "160")

    def run(*lines: str, args=()):
        result = CliRunner().invoke(cli.app, ["chat", str(tmp_path / "film.mp4"), *args],
                                    input="\n".join(lines) + "\n")
        return result.exit_code, result.output, made[-1]
    return run


def test_scripted_session_with_refinements_undo_redo_and_why(chat):
    code, out, editor = chat("only the car chases, under 40 seconds", "also add the beach",
                             "why 1", "why did you keep 0:35?", "undo", "redo",
                             "drop the second chase", "show the plan", "quit")
    assert code == 0, out
    assert "3 segment(s), 30.0 s" in out
    assert "changed: v2: +10.0 s / -0.0 s" in out
    assert "segment 1: 0:00.00-0:20.00" in out
    assert "0:35.00 is in the cut:" in out
    assert "now at version 1" in out and "now at version 2" in out
    assert "skipped: 30.0-40.0 s" in out
    assert out.rstrip().endswith("bye")
    assert editor.session.version == 3


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
    assert code == 0 and "why N" in out and "start over" in out and "render" in out


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
