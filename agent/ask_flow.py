"""The single shot's flow (`cutbot "REQUEST" -i FILM`) as a library call.

Picking the film, checking every output before any work starts, taking the turn, then
exporting and rendering as asked are decisions, not printing: they live here so the CLI
only parses arguments and shows what this reports through an ``AskView`` (and another
front end could drive the same flow).
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Optional, Protocol

from cutbot.indexers import names_heard
from cutbot.indexers.errors import CutbotError

from .cut import Cut

STDOUT = Path("-")  # --plan-json -: the plan JSON alone on stdout, for a pipe
SHOWN = ("plan", "undo", "redo", "dislike", "show", "take")  # replies whose cut is worth a table


@dataclass(frozen=True)
class AskOptions:
    """What the command line asked for besides the request."""

    film: Optional[Path] = None
    out: Optional[Path] = None
    plan_json: Optional[Path] = None
    dry_run: bool = False
    exports: tuple[str, ...] = ()  # formats, possibly comma-separated
    subtitles: bool = False
    cont: bool = False  # --continue: refine the saved session
    library: bool = False  # --library: ask across every indexed film of the library


class AskView(Protocol):
    """What the flow shows; the CLI prints it, a test records it."""

    def note(self, text: str) -> None: ...  # goes with the result or the one error line
    def say(self, line: str) -> None: ...
    def emit(self, text: str) -> None: ...  # the plan JSON for stdout (``--plan-json -``)
    def show_cut(self, cut: Cut, duration: float) -> None: ...
    def open_editor(self, film: Path): ...  # index the film (showing progress its own way)
    def render_progress(self) -> AbstractContextManager: ...
    def work_progress(self) -> AbstractContextManager: ...  # (stage, done, total) bars, or None


def pick_film(film: Optional[Path], request: str, cont: bool, view: AskView) -> Path:
    """The named film, else the last one used in this folder (said in a note)."""
    from .sanity import shorten
    from .sessions_store import last_film

    if film is not None:
        return film
    film = last_film()
    if film is None:
        raise CutbotError(f'which film? name it with -i, e.g. cutbot "{shorten(request)}" -i film.mp4'
                          + (" (no session to continue in this folder)" if cont else ""))
    view.note(f"film: {film}, the last session in this folder")
    return film


def run_ask(request: str, o: AskOptions, view: AskView) -> None:
    """Plan a cut for ``request`` (or act on the saved session), then write what was asked."""
    from cutbot.indexers.files import guard_output

    from .chat import one_shot
    from .sanity import clean_request

    request = clean_request(request)  # undecodable bytes, binary, empty: one line
    if o.library:
        return run_library_ask(request, o, view)
    film = pick_film(o.film, request, o.cont, view)
    base = o.out or Path(f"{film.stem}.cut.mp4")
    exports = _exports(o, base)
    srt = base.with_suffix(".srt") if o.subtitles and not o.dry_run else None
    for path in (o.plan_json, *(t for _, t in exports), None if o.dry_run else base, srt):
        if path not in (None, STDOUT):  # nothing is half-done when an output would destroy the film
            guard_output(path, [film])
    editor = view.open_editor(film)
    with view.work_progress() as progress, names_heard.reporting(progress):  # a name listened for again
        reply = one_shot(editor, request, o.cont)
    if reply.kind != "plan":
        for line in reply.lines:
            view.say(line)
    if reply.cut is None or reply.kind not in SHOWN:
        return
    view.show_cut(reply.cut, editor.index.media.duration)
    if reply.kind == "show":
        return
    _write(editor, reply.cut, o, base, exports, view)


def run_library_ask(request: str, o: AskOptions, view: AskView) -> None:
    """``cutbot "REQUEST" --library``: the same flow over every indexed film."""
    from cutbot.indexers.files import guard_output

    from .library import Library

    if o.film is not None or o.cont:
        raise CutbotError("--library asks across every indexed film: drop -i and --continue")
    base = o.out or Path("library.cut.mp4")
    exports = _exports(o, base)
    for path in (o.plan_json, *(t for _, t in exports), None if o.dry_run else base):
        if path not in (None, STDOUT):  # the guard knows every film of the library
            guard_output(path)
    editor = Library.open().editor
    with view.work_progress() as progress, names_heard.reporting(progress):
        reply = editor.respond(request)
    if reply.error is not None:
        raise type(reply.error)(reply.message)
    if reply.kind != "plan" or reply.cut is None:
        for line in reply.lines:
            view.say(line)
        return
    view.show_cut(reply.cut, max(f.index.media.duration for f in editor.library.loaded()))
    _write(editor, reply.cut, replace(o, subtitles=False), base, exports, view)


def _exports(o: AskOptions, base: Path) -> list[tuple[str, Path]]:
    """Each ``-e`` format (comma-separated or repeated) with the file it is written to."""
    from .export import export_format, export_path

    formats = [f.strip() for item in o.exports for f in item.split(",") if f.strip()]
    return [(fmt, export_path(base, export_format(base, fmt))) for fmt in formats]


def _write(editor, cut: Cut, o: AskOptions, base: Path, exports: list[tuple[str, Path]],
           view: AskView) -> None:
    """The plan JSON, the exports, then the render (or an export named by ``-o``)."""
    from .export import is_export_path, plan_text, write_plan_json

    if o.plan_json == STDOUT:
        view.emit(plan_text(cut))
    elif o.plan_json:
        view.say(f"plan written to {write_plan_json(cut, o.plan_json)}")
    for fmt, target in exports:
        view.say(f"{fmt} written to {editor.export(target, fmt)}")
    if o.dry_run:
        return
    if o.out is not None and is_export_path(o.out):  # a timeline (or SRT, JSON): no render
        view.say(f"exported the cut to {editor.export(o.out)}")
        return
    with view.render_progress() as progress:
        result = editor.render(base, progress=progress, subtitles=o.subtitles or None)
    view.say(f"wrote {result.path} ({result.duration:.1f} s, {result.mode}: {result.reason})")
