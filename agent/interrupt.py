"""Ctrl-C where unwinding is not possible or not needed (the CLI still loading, or worker
threads inside a model call), and a caught one told to CPython as handled. Imports nothing but ``os`` and ``sys``, so the entry point can
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


def handled() -> None:
    """Tell CPython a caught Ctrl-C was handled. A KeyboardInterrupt that passes through code
    ``exec`` runs from a string (the methods a dataclass or a namedtuple generates) marks itself
    unhandled even when caught (3.11's ``_Py_UnhandledKeyboardInterrupt``), and the interpreter
    can then kill itself with SIGINT at exit: -2, not 130, after the one line (a Ctrl-C during
    a render under load: 5 runs in 48 without this, 0 in 48 with it). The next string run
    through ``exec`` clears the mark."""
    exec("None")  # noqa: S102 - a constant string: the side effect is the point
