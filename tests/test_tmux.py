"""`cutbot chat` in a real terminal (tmux): ask, refine, why, render, save, quit, resume,
reading the screen as a viewer would and checking the rendered file."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest

pytestmark = pytest.mark.slow
CUTBOT = Path(sys.executable).with_name("cutbot")


@pytest.fixture
def tmux(tmp_path):
    """A private tmux server (its own socket), killed afterwards; returns a runner."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (apt-get install -y tmux)")
    socket = f"cutbot-test-{os.getpid()}-{tmp_path.name}"

    def run(*args: str) -> str:
        done = subprocess.run(["tmux", "-L", socket, *args], capture_output=True, text=True,
                              timeout=30)
        assert done.returncode == 0, done.stderr
        return done.stdout
    yield run
    subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, timeout=30)


def private_home(shared: Path, tmp_path: Path) -> Path:
    """The shared real index, but this test's own sessions, profile and history."""
    home = tmp_path / "home"
    home.mkdir()
    for entry in shared.iterdir():
        if entry.name in ("indexes", "models"):
            (home / entry.name).symlink_to(entry)
    return home


def test_chat_in_a_real_terminal(tmux, indexed_sample, sample_film, tmp_path):
    home = private_home(indexed_sample, tmp_path)
    out = tmp_path / "mine.mp4"
    env = {"CUTBOT_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "TERM": "xterm-256color", "COLUMNS": "200"}
    chat = f"{shlex.quote(str(CUTBOT))} chat {shlex.quote(str(sample_film))}"
    script = (f"cd {shlex.quote(str(tmp_path))} && env "
              + " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
              + f" sh -c '{chat}; echo =====; {chat} --resume; sleep 600'")
    tmux("new-session", "-d", "-s", "chat", "-x", "200", "-y", "50", script)

    def screen() -> str:
        return tmux("capture-pane", "-p", "-J", "-t", "chat", "-S", "-2000")

    def wait_for(text: str, after: int = 0, timeout: float = 180) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = screen()
            if shown.count(text) > after:
                return shown
            time.sleep(0.5)
        raise AssertionError(f"{text!r} never appeared; the screen:\n{screen()}")

    def say(line: str) -> None:
        tmux("send-keys", "-t", "chat", "-l", line)
        tmux("send-keys", "-t", "chat", "Enter")

    wait_for("is ready")
    wait_for("you>")
    say("keep the scenes with the cat, under 30 seconds")
    shown = wait_for("length ")
    assert "segment(s)" in shown and "0:00 |" in shown and "of at most 30 s" in shown
    say("under 12 seconds now")
    shown = wait_for("changed: v2")
    assert "of at most 12 s" in shown
    say("why 1")
    wait_for("segment 1: ")
    say(f"render {out}")
    shown = wait_for(f"wrote {out}")
    assert "rendering" in shown
    say("save")
    wait_for("saved 2 version(s)")
    say("quit")
    wait_for("=====")
    shown = wait_for("resumed the saved session: version 2 of 2")
    say("undo")
    wait_for("now at version 1")
    say("quit")
    wait_for("bye", after=1)
    with av.open(str(out)) as container:
        assert container.streams.video and container.streams.audio
        assert 3 < container.duration / av.time_base <= 12.2
