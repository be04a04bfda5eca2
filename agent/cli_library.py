"""``cutbot library ...``: the film catalogue and its indexing on Ray, from the terminal.

Only parsing and printing: the catalogue is ``cutbot.indexers.catalogue``, indexing is
``cutbot.indexers.cluster.index_library``; `cutbot suggest --library` prints
``library_suggest``'s suggestions (``run_library_suggest``). ``cli.py`` hands in its
``_run`` (one error line, Ctrl-C as exit 130) and its consoles, so this module never
imports ``cli`` and there is no cycle.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Callable, List, Optional

import typer
from rich.console import Console

STATE_STYLE = {"indexed": "green", "indexing": "yellow", "new": "cyan", "failed": "red"}


def _length(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def _when(stamp: float | None) -> str:
    if stamp is None:
        return "-"
    return _dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


def _state(rec) -> str:
    style = STATE_STYLE.get(rec.state, "")
    return f"[{style}]{rec.state}[/{style}]" if style else rec.state


def films_table(records) -> "object":
    """The library as a rich table: film, length, index state, people, last indexed."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(records)} film(s) in the library", title_justify="left")
    table.add_column("film", min_width=12, overflow="fold")
    table.add_column("length", justify="right", no_wrap=True)
    table.add_column("index", max_width=34, overflow="ellipsis")
    table.add_column("people", justify="right", no_wrap=True)
    table.add_column("last indexed", no_wrap=True)
    table.add_column("id", no_wrap=True)
    for r in records:
        state = Text.from_markup(_state(r))
        if r.state == "failed" and r.error:
            state.append("\n" + r.error.replace(str(r.path), "the file"), style="dim")
        table.add_row(Text(r.name), _length(r.duration), state, str(r.people) if r.state == "indexed" else "-",
                      _when(r.indexed_at), r.fingerprint[:8])
    return table


class _FilmsBar:
    """One rich bar over seconds of media, its label counting films: what ``index_library`` reports."""

    def __init__(self, console: Console):
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self._progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(),
                                  TextColumn("{task.fields[media]}"), TimeElapsedColumn(),
                                  TimeRemainingColumn(), console=console, transient=True)
        self._task = None

    def __enter__(self) -> "_FilmsBar":
        self._progress.start()
        return self

    def __exit__(self, kind, exc, tb) -> None:
        self._progress.stop()

    def __call__(self, films_done, films_total, seconds_done, seconds_total, last) -> None:
        label = f"films {films_done}/{films_total}"
        media = f"{_length(seconds_done)} / {_length(seconds_total)} of media"
        if self._task is None:
            self._task = self._progress.add_task(label, total=max(seconds_total, 1e-6), media=media)
        self._progress.update(self._task, description=label, completed=seconds_done, media=media)
        if last is not None and last.state == "failed":
            self._progress.console.print(f"failed: {last.name}: {last.error}", markup=False, highlight=False)


def run_library_suggest(film: Optional[Path], library: bool, count: int, json_path: Optional[Path],
                        say) -> list:
    """What `cutbot suggest --library` does: plan, print each line with ``say``, write JSON.
    (``cli_suggest`` calls it without a film, or with ``--library``.)"""
    from cutbot.indexers.errors import CutbotError

    from .library import Library
    from .library_suggest import library_suggestion_lines, suggest_library
    from .suggest import write_suggestions

    if film is not None or not library:
        raise CutbotError("give a film or --library, not both" if library else
                          "which film? cutbot suggest FILM, or cutbot suggest --library")
    if json_path is not None:
        from cutbot.indexers.files import guard_output
        guard_output(json_path)  # refused before any work starts
    films = Library.open()
    try:
        suggestions = suggest_library(films, count)
    finally:
        films.catalogue.close()
    for line in library_suggestion_lines(suggestions):
        say(line)
    if json_path is not None:
        say(f"wrote {write_suggestions(json_path, suggestions, {'library': True})}")
    return suggestions



def build_library_app(run: Callable, console: Console, errors: Console) -> typer.Typer:
    """The ``library`` sub-app; ``run`` is the CLI's error-to-one-line wrapper, ``console``
    and ``errors`` its stdout and stderr."""
    app = typer.Typer(no_args_is_help=True, help="A library of films: add, list, remove, index on Ray.")

    @app.command("add")
    def add(paths: List[Path] = typer.Argument(..., help="films, or folders searched for films")):
        """Add films to the library (a film already there, moved, keeps its index)."""
        from cutbot.indexers.catalogue import Catalogue

        def go():
            with Catalogue.open() as cat:
                added = cat.add(*paths)
            for r in added:
                extra = f": {r.error}" if r.state == "failed" and r.error else ""
                console.print(f"{r.state:<8} {r.name} ({_length(r.duration)}) {r.path}{extra}",
                              markup=False, highlight=False, soft_wrap=True)
            console.print(f"{len(added)} film(s) in this add; `cutbot library index` indexes the new ones",
                          highlight=False)
        run(go)

    @app.command("list")
    def list_films(indexed: bool = typer.Option(False, "--indexed", help="only films whose index is done")):
        """The films: length, index state, people, last indexed."""
        from cutbot.indexers.catalogue import Catalogue

        def go():
            with Catalogue.open() as cat:
                records = cat.films(indexed_only=indexed)
            if not records:
                console.print("the library is empty: `cutbot library add FILM_OR_FOLDER`", highlight=False)
                return
            console.print(films_table(records))
        run(go)

    @app.command("remove")
    def remove(film: str = typer.Argument(..., help="the film's name, path or id (see `cutbot library list`)"),
               delete_index: bool = typer.Option(False, "--delete-index",
                                                 help="also delete its index (the film itself is never deleted)")):
        """Take a film out of the library. The film file is never touched; its index is
        kept (so adding it again is instant) unless --delete-index."""
        from cutbot.indexers.catalogue import Catalogue

        def go():
            with Catalogue.open() as cat:
                rec = cat.remove(film, delete_index=delete_index)
            kept = "its index deleted" if delete_index else "its index kept"
            console.print(f"removed {rec.name} from the library ({kept}; the film is untouched)",
                          markup=False, highlight=False)
        run(go)

    @app.command("index")
    def index(workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1,
                                                    help="start a local Ray with N CPUs (default: all cores)"),
              address: Optional[str] = typer.Option(None, "--address",
                                                    help="join a Ray cluster: auto or ray://HOST:PORT "
                                                         "(CUTBOT_HOME and the films on shared storage)")):
        """Index every film not indexed yet, one Ray task per film; a killed run resumes."""
        from contextlib import nullcontext

        from cutbot.indexers.catalogue import Catalogue

        from .library import Library

        def go():
            with Catalogue.open() as cat:
                bar = _FilmsBar(errors) if errors.is_interactive else nullcontext(None)
                with bar as progress:  # indexes on Ray, then brings the library's vectors up to date
                    report = Library(None, cat).index(workers=workers, address=address, progress=progress)
            for o in report.outcomes:
                if o.state == "failed":
                    errors.print(f"failed: {o.name}: {o.error}", markup=False, highlight=False, soft_wrap=True)
            console.print(f"indexed {report.indexed}, skipped {report.skipped} (already indexed), "
                          f"failed {report.failed}; {_length(report.media_seconds)} of media in "
                          f"{report.wall:.1f} s on {report.cpus or '-'} CPU(s)", highlight=False, soft_wrap=True)
            if report.failed:
                raise typer.Exit(1)
        run(go)

    return app
