"""The ``cutbot`` command's entry point: Ctrl-C while the CLI is still loading (a second
or so of imports) is the same one line and exit 130 as Ctrl-C later on."""
from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import app

        app(prog_name="cutbot")  # a command's own Ctrl-C is handled inside (cli._run)
    except KeyboardInterrupt:  # ...this one came while the CLI was still being built
        sys.stderr.write("cutbot: interrupted\n")
        sys.stderr.flush()
        sys.exit(130)
