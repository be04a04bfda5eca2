"""The safety promises through the real path: the sample film, its real index, the real
CLI in a subprocess, real ffmpeg renders, real signals."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cutbot.agent.cut import Cut, Segment
from cutbot.agent.render import render
from cutbot.indexers.files import UnsafeOutput

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-m", "cutbot.agent.cli"]


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture
def copy(sample_film, indexed_sample, tmp_path, monkeypatch) -> Path:
    """A copy of the sample film (same content, so the shared index serves it)."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "film.mp4"
    shutil.copyfile(sample_film, path)
    return path


def cutbot(*args, cwd: Path, stdin: bytes | None = None, timeout: float = 240):
    env = {**os.environ, "COLUMNS": "120"}
    return subprocess.run([*CLI, *args], cwd=cwd, input=stdin, capture_output=True,
                          timeout=timeout, env=env)


def one_error_line(proc) -> str:
    """A failed command: non-zero exit, and stderr is exactly one line, no traceback."""
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode != 0, err
    assert err.count("\n") == 1 and err.endswith("\n") and err.strip(), repr(err)
    assert "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize("how", ["same", "hardlink", "symlink"])
def test_rendering_over_the_film_is_refused_and_its_bytes_stay(copy, tmp_path, how):
    """Issue #10 item 9: without the -o guard this render replaced the film."""
    before = sha(copy)
    target = {"same": copy, "hardlink": tmp_path / "hard.mp4", "symlink": tmp_path / "ln.mp4"}[how]
    if how == "hardlink":
        os.link(copy, target)
    elif how == "symlink":
        target.symlink_to(copy)
    proc = cutbot("only the cat scenes", "-i", str(copy), "-o", str(target), cwd=tmp_path)
    assert "refusing to write" in one_error_line(proc)
    assert sha(copy) == before


def test_the_api_refuses_too_after_planning_for_real(copy, tmp_path):
    """The render's own guard (the CLI's early check is not on this path)."""
    from cutbot.agent import Editor

    before = sha(copy)
    editor = Editor.open(copy)
    assert editor.ask("only the cat scenes").segments
    for target in (copy, Path("..") / tmp_path.name / "film.mp4"):
        with pytest.raises(UnsafeOutput):
            editor.render(target)
        with pytest.raises(UnsafeOutput):
            editor.export(target, "json")
    assert sha(copy) == before


def test_people_sheet_over_the_film_is_refused(copy, tmp_path):
    before = sha(copy)
    proc = cutbot("people", str(copy), "--sheet", str(copy), cwd=tmp_path)
    assert "refusing to write" in one_error_line(proc)
    assert sha(copy) == before


def test_a_plan_json_over_the_film_is_refused(copy, tmp_path):
    before = sha(copy)
    for extra in ([], ["--dry-run"]):
        proc = cutbot("only the cat scenes", "-i", "film.mp4", "--plan-json", "./film.mp4",
                      *extra, cwd=tmp_path)
        assert "refusing to write" in one_error_line(proc)
    assert sha(copy) == before


def test_late_errors_are_one_stderr_line(copy, tmp_path):
    """An error after indexing/planning, a request that matches nothing, and a
    5,000-character request: each is one line on stderr, the echo shortened."""
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    proc = cutbot("only the cat scenes", "-i", "film.mp4", "-o", str(blocker / "cut.mp4"),
                  cwd=tmp_path)
    assert "cannot write" in one_error_line(proc)
    proc = cutbot("only the " + "zyxw " * 1000, "-i", "film.mp4", "--dry-run", cwd=tmp_path)
    assert "5,009 characters" in one_error_line(proc) and len(proc.stderr) < 300
    proc = cutbot(f"only the {'zyxwq' * 30} scenes", "-i", "film.mp4", "--dry-run", cwd=tmp_path)
    line = one_error_line(proc)  # nothing matches it: the echo in the question is shortened
    assert "zyxwq" * 15 in line and "zyxwq" * 17 not in line


def test_undecodable_argv_is_read_with_replacement(copy, tmp_path):
    proc = cutbot(b"only the cat\xff\xfe scenes", "-i", "film.mp4", "--dry-run", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr + proc.stdout
    proc = cutbot(b"\xff\xfe\x01\x02\x80", "-i", "film.mp4", "--dry-run", cwd=tmp_path)
    assert "not readable text" in one_error_line(proc)


def test_binary_on_the_chat_stdin_keeps_the_chat_alive(copy, tmp_path):
    junk = bytes(range(256)) * 8 + b"\n" + os.urandom(2000).replace(b"\n", b" ")
    proc = cutbot("chat", "film.mp4", cwd=tmp_path,
                  stdin=junk + b"\nonly the cat scenes\nquit\n")
    out = proc.stdout.decode("utf-8", "replace")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in out + proc.stderr.decode("utf-8", "replace")
    assert "not readable text" in out and "segment(s)" in out and out.rstrip().endswith("bye")


def _wait_for_part(folder: Path, proc, limit: float = 120) -> Path:
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit and proc.poll() is None:
        parts = [p for p in folder.iterdir() if p.name.endswith(".part")]
        if parts:
            return parts[0]
        time.sleep(0.02)
    raise AssertionError("the render never started")


def test_ctrl_c_during_a_render_exits_130_in_one_line_and_leaves_nothing(copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([*CLI, "drop the cat, with crossfades", "-i", str(copy),
                             "-o", str(out / "cut.mp4")], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    _wait_for_part(out, proc)
    time.sleep(0.05)  # inside the render: a smart render of the sample film can end within half a second
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole process group
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.decode() == "cutbot: interrupted\n"
    assert list(out.iterdir()) == []


def test_sigterm_during_a_render_cleans_up_and_exits_143(copy, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([*CLI, "drop the cat, with crossfades", "-i", str(copy), "-o",
                             str(out / "cut.mp4")], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # effects: a render of minutes
    _wait_for_part(out, proc)
    proc.terminate()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143 and err.decode() == "cutbot: terminated\n"
    time.sleep(0.5)
    assert list(out.iterdir()) == []


def test_a_killed_render_leaves_a_temp_the_next_run_removes(sample_film, tmp_path):
    """kill -9 cannot be cleaned up after; the next render in that folder does it."""
    out = tmp_path / "out"
    out.mkdir()
    script = ("import sys; from cutbot.agent.cut import Cut, Segment; "
              "from cutbot.agent.render import render; "
              f"render(Cut({str(sample_film)!r}, 'r', (Segment(0, 120, 1.0),)), "
              f"{str(out / 'long.mp4')!r}, mode='reencode')")
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    stale = _wait_for_part(out, proc)
    time.sleep(0.5)
    proc.kill()
    proc.wait(timeout=30)
    assert stale.exists(), "kill -9 leaves the temp folder (nothing can remove it then)"
    result = render(Cut(str(sample_film), "r", (Segment(10, 12, 1.0),)), out / "short.mp4")
    assert result.path.is_file()
    assert sorted(p.name for p in out.iterdir()) == ["short.mp4"]


def test_a_ctrl_c_cpython_drops_still_stops_the_render(sample_film, tmp_path):
    """A Ctrl-C landing in a weakref callback (the import lock's, while the renderer is
    imported) is dropped by CPython with a traceback on stderr; the render must stop anyway,
    quietly, and leave nothing (a CI run saw such a render go on for minutes)."""
    out = tmp_path / "out"
    out.mkdir()
    script = ("import signal, sys, weakref, typer\n"
              "from cutbot.agent import cli\n"
              "from cutbot.agent.cut import Cut, Segment\n"
              "from cutbot.agent.render import render\n"
              "class Box: pass\n"
              "def job():\n"
              "    box = Box()\n"
              "    ref = weakref.ref(box, lambda r: signal.raise_signal(signal.SIGINT))\n"
              "    del box  # the callback runs here: its KeyboardInterrupt is 'ignored'\n"
              f"    return render(Cut({str(sample_film)!r}, 'r', (Segment(0, 60, 1.0),)), "
              f"{str(out / 'cut.mp4')!r}, mode='reencode')\n"
              "try:\n"
              "    cli._run(job)\n"
              "except typer.Exit as exc:\n"
              "    sys.exit(exc.exit_code)\n")
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == 130, proc.stderr
    assert proc.stderr.decode() == "cutbot: interrupted\n"
    assert list(out.iterdir()) == []
