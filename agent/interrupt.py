"""Ctrl-C where unwinding is not possible or not needed (the CLI still loading, or worker
threads inside a model call), a caught one told to CPython as handled, and one CPython
dropped raised again. Imports nothing heavy, so the entry point can use it before anything
is loaded."""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, NoReturn

# The exception a signal raised, until it is handled. CPython drops an exception raised in a
# weakref callback or a __del__ ("Exception ignored in ..."): a Ctrl-C landing in the import
# machinery's lock callback while a renderer is imported was lost, and a long render
# went on for minutes (seen once in CI). ``raise_pending`` raises it again at the next safe point.
_pending: list[Callable[[], BaseException]] = []


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
    _pending.clear()


def signalled(make: Callable[[], BaseException]) -> NoReturn:
    """Raise what a signal means (from its handler), remembering it until ``handled``."""
    _pending[:] = [make]
    raise make()


def raise_pending() -> None:
    """Raise a signal's exception again if it was dropped where it landed; cheap enough
    for every progress tick."""
    if _pending:
        raise _pending[0]()


@contextmanager
def remembering() -> Iterator[None]:
    """While a command runs: a dropped signal is no traceback on stderr (``raise_pending``
    raises it again), anything else dropped is reported as before; none is pending after."""
    before = sys.unraisablehook

    def hook(info) -> None:
        if not (_pending and isinstance(info.exc_value, BaseException)
                and not isinstance(info.exc_value, Exception)):
            before(info)

    sys.unraisablehook = hook
    try:
        yield
    finally:
        sys.unraisablehook = before
        _pending.clear()
