"""The ``cutbot`` command's entry point: Ctrl-C while the CLI is still loading (a second
or so of imports) is the same one line and exit 130 as Ctrl-C later on."""
from __future__ import annotations

import os
import signal
import sys


def _interrupted(signum=None, frame=None) -> None:
    os.write(2, b"cutbot: interrupted\n")  # straight to the descriptor: nothing buffers it
    os._exit(130)  # nothing is written yet while the CLI loads: there is nothing to clean


def main() -> None:
    try:
        previous = signal.signal(signal.SIGINT, _interrupted)  # while the imports run
    except ValueError:  # not the main thread (an app calling us): leave signals alone
        previous = None
    try:
        from .cli import app
    except KeyboardInterrupt:  # pragma: no cover - a Ctrl-C just before the handler was set
        _interrupted()
    if previous is not None:
        signal.signal(signal.SIGINT, previous)  # a command's own Ctrl-C is handled in cli._run
    try:
        app(prog_name="cutbot")
    except KeyboardInterrupt:  # ...one that came while typer was still building the command
        sys.stdout.flush()
        _interrupted()
