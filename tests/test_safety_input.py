"""Hostile input at the entry points (argv, chat lines, Editor.respond) and the CLI's
messages: decoded with replacement, refused in one line, the chat kept alive, Ctrl-C 130."""
from __future__ import annotations

import pytest
from rich.console import Console
from typer.testing import CliRunner

from cutbot.agent import cli
from cutbot.agent.sanity import UnreadableRequest, clean_request, shorten, shorten_echoes
from cutbot.agent.views import render_progress
from fakes import assert_one_line_error, fake_editor


@pytest.mark.parametrize("raw, clean", [
    ("only the car chases", "only the car chases"),
    ("only the car\udcff\udcfe chases", "only the car chases"),  # argv's escaped bytes
    ("only the\x00 car\x07 chases\r\n", "only the car chases"),
    ("only the car \ud800chases", "only the car chases"),  # a lone surrogate from an app
    (b"only the car \xff chases", "only the car chases"),
])
def test_requests_are_decoded_with_replacement(raw, clean):
    assert clean_request(raw) == clean


@pytest.mark.parametrize("raw, words", [
    ("", "empty"), ("   \t", "empty"), ("\udcff\udcfe\udc80\x01", "not readable"),
    (bytes(range(256)).decode("utf-8", "surrogateescape"), "not readable"), ("?!", "no words"),
    ("cat " * 1250, "5,000 characters"),
])
def test_unreadable_requests_are_one_line(raw, words):
    with pytest.raises(UnreadableRequest, match=words) as info:
        clean_request(raw)
    assert "\n" not in str(info.value) and len(str(info.value)) < 250


def test_echoes_are_shortened():
    assert len(shorten("x" * 5000)) == 80
    line = shorten_echoes("nothing in the film matches '" + "zebra " * 900 + "'. Did you mean cats?")
    assert len(line) <= 130 and line.endswith("Did you mean cats?")
    assert shorten_echoes("nothing matches 'cat'") == "nothing matches 'cat'"
    # an apostrophe is no quote: a short echo and the said words after it stay as written
    line = "cannot tell who 'guy in the car' is. Did you mean something this film has? seen: bow tie; said: 'm, week"
    assert shorten_echoes(line) == line


def test_editor_respond_refuses_garbage_and_reads_the_rest():
    editor = fake_editor()
    reply = editor.respond("\x00\x01\udcff\udcfe\x02")
    assert reply.kind == "clarify" and len(reply.lines) == 1 and "not readable" in reply.message
    reply = editor.respond("only the car\udcff chases")
    assert reply.kind == "plan" and reply.cut.segments


def invoke(*args, **kw):
    return CliRunner().invoke(cli.app, list(args), **kw)


def test_argv_with_undecodable_bytes(opened, film):
    result = invoke("only the car\udcff chases", "-i", str(film), "--dry-run")
    assert result.exit_code == 0, result.output
    assert_one_line_error(invoke("\udcff\udcfe\x01", "-i", str(film), "--dry-run"), "not readable")


def test_a_5000_character_request_is_one_short_line(opened, film):
    result = invoke("only the " + "zebra " * 830, "-i", str(film), "--dry-run")
    assert_one_line_error(result, "characters long")
    assert len(result.stderr) < 300


def test_binary_chat_lines_are_refused_and_the_chat_goes_on(opened, film):
    junk = bytes(range(1, 256)).replace(b"\n", b"") + b"\xff\xfe\xc3\x28"
    result = invoke("chat", str(film), input=junk + b"\nonly the car chases\nquit\n")
    assert result.exit_code == 0, result.output
    assert "not readable" in result.output and "segment(s)" in result.output
    assert result.output.rstrip().endswith("bye") and "Traceback" not in result.output


def test_an_unexpected_error_in_a_chat_line_does_not_end_the_chat(opened, film, monkeypatch):
    from cutbot.agent.editor import Editor

    def boom(self, text):
        raise ValueError("pydantic said\nfour\nlines")
    monkeypatch.setattr(Editor, "respond", boom)
    result = invoke("chat", str(film), input="anything\nquit\n")
    assert result.exit_code == 0
    assert "cutbot: unexpected ValueError: pydantic said four lines" in result.output
    assert result.output.rstrip().endswith("bye")


def test_ctrl_c_is_exit_130_and_one_line(opened, film, monkeypatch):
    def interrupted(*a, **k):
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "open_editor", interrupted)
    result = invoke("only the car chases", "-i", str(film))
    assert result.exit_code == 130 and result.stderr == "cutbot: interrupted\n"


def test_progress_for_the_cli_is_silent_off_a_terminal(tmp_path):
    """rich leaves an empty line (and the last bar) on a file: the CLI's bars draw
    nothing there, so a late error is the only line."""
    with open(tmp_path / "err", "w") as fh:
        console = Console(file=fh, force_terminal=False)
        with render_progress(console, clear=True) as update:
            update(5, 10)
        with cli.index_progress() as progress:
            assert progress is None or not cli.errors.is_interactive
    assert (tmp_path / "err").read_text() == ""


def test_a_continue_that_fails_is_one_line_naming_the_film(opened, film):
    assert invoke("only the car chases, under 40 seconds", "-i", str(film),
                  "--dry-run").exit_code == 0
    result = invoke("only the zqxj scenes", "--continue", "--dry-run")
    assert_one_line_error(result, "zqxj", "film.mp4, the last session in this folder")
    worked = invoke("now make it shorter", "--continue", "--dry-run")
    assert worked.exit_code == 0, worked.stderr
    assert "the last session in this folder" in worked.stderr


def _random_lines(seed: int, count: int):
    """Random bytes (as argv would decode them), random code points, and jumbles of
    request words with odd numbers: seeded, so a failure is reproducible."""
    import random
    rng = random.Random(seed)
    words = ["only", "the", "car", "chases", "under", "-5", "minutes", "1e3", "seconds", "0",
             "99999999999999999999999", "after", "1:20:00", "drop", "undo", "why", "like", "2",
             "\x00", "\udcff", "\U0001f600", "\u202e", "\ufeff"]
    for _ in range(count):
        kind = rng.random()
        if kind < 0.3:
            raw = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 60)))
            yield raw.decode("utf-8", "surrogateescape")
        elif kind < 0.6:
            yield "".join(chr(rng.randrange(0x3000)) for _ in range(rng.randrange(1, 40)))
        else:
            yield " ".join(rng.choice(words) for _ in range(rng.randrange(1, 10)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_lines_never_raise_and_refusals_are_one_line(seed):
    editor = fake_editor()
    for text in _random_lines(seed, 150):
        if text.split()[:1] in (["render"], ["export"], ["save"]):
            continue  # those write files: covered above
        reply = editor.respond(text)
        assert reply.kind != "clarify" or "\n" not in reply.message, (text, reply.message)


def test_the_chat_survives_a_stream_of_random_lines(opened, film):
    lines = [t.replace("\n", " ").replace("\r", " ") for t in _random_lines(9, 60)]
    lines = [t for t in lines if t.strip().lower().rstrip("!.") not in ("quit", "exit", "q", "bye")
             and t.split()[:1] not in (["render"], ["export"], ["save"])]
    data = "\n".join(lines + ["only the car chases", "quit"]).encode("utf-8", "surrogateescape")
    result = invoke("chat", str(film), input=data + b"\n")
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert "unexpected" not in result.output, result.output
    assert "segment(s)" in result.output and result.output.rstrip().endswith("bye")


def test_the_chat_shortens_a_long_echo(chat):
    code, out, _ = chat("only the " + "qzx" * 300, "quit")
    assert code == 0 and "qzx" * 20 in out and "qzx" * 40 not in out
