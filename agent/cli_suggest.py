"""`cutbot describe FILM` and `cutbot suggest FILM`: what is in a film, and versions worth watching.

Thin faces over ``Editor.describe`` and ``Editor.suggest``. ``register`` adds the two
commands to the CLI's app; the CLI passes its own error handling (one line, never a
traceback) and editor opener, so this module never imports ``cli`` (no cycle).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

import typer

MAX_COUNT = 10


def register(app: typer.Typer, *, run: Callable, open_editor: Callable, console,
             guard_outputs: Callable) -> None:
    """Add ``describe`` and ``suggest`` to ``app``."""

    @app.command()
    def describe(film: Path = typer.Argument(..., help="the film (indexed when needed)")):
        """What is in FILM: length, shots, main people, subjects seen and talked about."""
        def go():
            editor = open_editor(film)
            for line in editor.describe().lines():
                console.print(line, markup=False, highlight=False, soft_wrap=True)
        run(go)

    @app.command()
    def suggest(film: Optional[Path] = typer.Argument(None, help="the film (indexed when needed)"),
                count: int = typer.Option(5, "--count", "-n", help="how many suggestions (1-10)"),
                json_path: Optional[Path] = typer.Option(None, "--json",
                                                         help="also write them as JSON"),
                library: bool = typer.Option(False, "--library", help="across the library's "
                                             "indexed films, each with its film")):
        """Suggested cuts of FILM, each with the request that makes it (ranked by your profile)."""
        from .suggest import suggestion_lines, write_suggestions

        def go():
            if not 1 <= count <= MAX_COUNT:
                from cutbot.indexers.errors import CutbotError
                raise CutbotError(f"--count must be between 1 and {MAX_COUNT}, not {count}")
            if library or film is None:  # agent/cli_library.py
                from .cli_library import run_library_suggest
                return run_library_suggest(film, library, count, json_path, lambda line: console.print(
                    line, markup=False, highlight=False, soft_wrap=True))
            guard_outputs(film, json_path)
            editor = open_editor(film)
            suggestions = editor.suggest(count)
            for line in suggestion_lines(suggestions):
                console.print(line, markup=False, highlight=False, soft_wrap=True)
            if json_path is not None:
                written = write_suggestions(json_path, suggestions, {"film": str(film)}, [film])
                console.print(f"wrote {written}", markup=False, highlight=False, soft_wrap=True)
        run(go)
