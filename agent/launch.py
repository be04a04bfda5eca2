"""The ``cutbot`` command's entry point: Ctrl-C before a command has started (a second or
so of imports, then typer parsing the arguments) is the same one line and exit 130 as
Ctrl-C later on. ``cli._run`` takes SIGINT over for the command itself, so that a Ctrl-C
there unwinds through every ``finally``."""
from __future__ import annotations

import signal
import sys

from .interrupt import exit_interrupted


def _interrupted(signum=None, frame=None) -> None:
    exit_interrupted()  # nothing is written before a command starts: nothing to clean


def main() -> None:
    try:
        signal.signal(signal.SIGINT, _interrupted)  # until cli._run starts the command
    except ValueError:  # not the main thread (an app calling us): leave signals alone
        pass
    # A Ctrl-C while workers run exits at once; multiprocessing's resource tracker then
    # unlinks their semaphores and would warn about each on our stderr. It takes its
    # warning filters from ours (it is started with our -W options).
    sys.warnoptions.append("ignore:resource_tracker:UserWarning")
    try:
        from .cli import app
        app(prog_name="cutbot")
    except KeyboardInterrupt:  # pragma: no cover - a Ctrl-C just before the handler was set
        exit_interrupted()
