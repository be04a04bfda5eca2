"""The ``cutbot`` command's entry point: Ctrl-C while the CLI is still loading (a second
or so of imports) is the same one line and exit 130 as Ctrl-C later on."""
from __future__ import annotations

import sys


def main() -> None:
    try:
        from .cli import app
    except KeyboardInterrupt:
        sys.stderr.write("cutbot: interrupted\n")
        sys.exit(130)
    app(prog_name="cutbot")
