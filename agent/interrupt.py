"""Ctrl-C where unwinding is not possible or not needed: the CLI still loading, or worker
threads inside a model call. Imports nothing but ``os`` and ``sys``, so the entry point can
use it before anything heavy is loaded."""
from __future__ import annotations

import os
import sys


def exit_interrupted() -> None:
    """The one line straight to stderr's descriptor (``os._exit`` drops Python's buffers),
    then exit 130. Every file is written atomically, so nothing is left half-written."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os.write(2, b"cutbot: interrupted\n")
    os._exit(130)
