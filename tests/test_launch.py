"""Ctrl-C while the `cutbot` command is still importing is one line and exit 130."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest


def _cutbot() -> list[str]:
    exe = os.path.join(os.path.dirname(sys.executable), "cutbot")
    return [exe] if os.path.exists(exe) else [sys.executable, "-c",
                                               "from cutbot.agent.launch import main; main()"]


def test_importing_the_package_loads_nothing_heavy():
    out = subprocess.run([sys.executable, "-c", "import sys, cutbot.agent; "
                          "print(sorted(m for m in ('pydantic', 'typer', 'rich', 'numpy', 'av') if m in sys.modules))"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_names_still_import():
    from cutbot.agent import ConstraintPlan, CutbotError, Editor, NothingMatched, RenderError

    assert issubclass(NothingMatched, CutbotError) and issubclass(RenderError, CutbotError)
    assert ConstraintPlan.__name__ == "ConstraintPlan" and Editor.__name__ == "Editor"


def _loading_the_cli(pid: int, timeout: float = 30.0) -> bool:
    """Whether cutbot's entry point has started importing the CLI (numpy is mapped: it is
    imported only after ``launch.main`` has put its Ctrl-C handler in place). Before that
    the interpreter itself is starting, and a Ctrl-C stops it as it would any program."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/maps") as maps:
                if "_multiarray_umath" in maps.read():
                    return True
        except OSError:
            return False
        time.sleep(0.002)
    return False


@pytest.mark.parametrize("delay", [0.0, 0.1, 0.2, 0.4, 0.6, 0.8])
def test_ctrl_c_while_the_cli_loads_is_one_line_and_130(delay, tmp_path, sample_film):
    """Indexing takes far longer than the delays, so the signal lands while the CLI loads
    (imports, typer parsing the arguments) or once the command runs: one line and 130
    either way. The delay counts from the moment the CLI starts loading."""
    env = {**os.environ, "CUTBOT_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([*_cutbot(), "index", str(sample_film)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env)
    assert _loading_the_cli(proc.pid), "cutbot never started loading its CLI"
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode == 130, (proc.returncode, err)
    assert err.strip().splitlines() == ["cutbot: interrupted"], err


def test_a_ctrl_c_a_library_wrapped_is_still_a_ctrl_c():
    """pydantic-core turns a KeyboardInterrupt raised while it builds a model's schema into a
    SchemaError that keeps only its text; a chained one keeps the original: both are Ctrl-C
    (one line, exit 130), any other error stays an error."""
    from cutbot.agent.cli import _ctrl_c_inside

    class SchemaError(Exception):
        pass

    assert _ctrl_c_inside(SchemaError("Error building `model` serializer: KeyboardInterrupt: "))
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert _ctrl_c_inside(outer)
    assert not _ctrl_c_inside(SchemaError("Error building `model` serializer: bad literal"))
    assert not _ctrl_c_inside(ValueError("KeyboardInterrupt"))  # only a schema error is read by its text
