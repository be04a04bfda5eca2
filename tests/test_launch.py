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


@pytest.mark.parametrize("delay", [0.1, 0.2, 0.6])
def test_ctrl_c_while_the_cli_loads_is_one_line_and_130(delay, tmp_path, sample_film):
    """Indexing takes far longer than the delays, so the signal lands while the CLI loads
    (0.1, 0.2 s) or once it runs (0.6 s): one line and 130 either way."""
    env = {**os.environ, "CUTBOT_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([*_cutbot(), "index", str(sample_film)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=tmp_path, env=env)
    time.sleep(delay)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert "Traceback" not in err, err
    assert proc.returncode == 130, (proc.returncode, err)
    assert err.strip().splitlines() == ["cutbot: interrupted"], err
