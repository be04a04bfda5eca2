"""The `cutbot` command: parses arguments and calls the library, nothing more."""
from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from typer.core import TyperGroup

from cutbot.indexers.errors import CutbotError

from .interrupt import exit_interrupted, handled, raise_pending, remembering, signalled

from .cli_library import build_library_app

console = Console()
errors = Console(stderr=True)
COMMANDS = ("index", "chat", "models", "people", "ask", "profile", "describe", "suggest",
            "serve", "library")


class _DefaultToAsk(TyperGroup):
    """`cutbot "REQUEST" -i FILM` means `cutbot ask "REQUEST" -i FILM`."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["ask", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_DefaultToAsk, add_completion=False, no_args_is_help=True,
                  pretty_exceptions_enable=False,
                  help='Make a personal cut of a film: cutbot "REQUEST" -i FILM')


# Notes for stderr (the film --continue picked): printed when the command succeeds,
# added to the one error line when it fails, so a failure stays one line.
_notes: list[str] = []


def _fail(message: str, code: int = 2, prefix: str = "cutbot: error: ") -> None:
    """The one stderr line of a failed command (long echoes of the request shortened)."""
    from .sanity import shorten_echoes
    line = shorten_echoes(" ".join(str(message).split()))
    line += "".join(f" ({extra})" for extra in _notes)
    _notes.clear()
    errors.print(prefix + line, markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _ctrl_c_inside(exc: BaseException) -> bool:
    """Whether a Ctrl-C is what ``exc`` wraps: chained, or named by a library that keeps only
    its text (pydantic-core's SchemaError when the signal lands while a model class is built)."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, KeyboardInterrupt) or type(exc).__name__ == "SchemaError" and "KeyboardInterrupt" in str(exc):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _interrupted() -> None:
    """Ctrl-C: one line and exit 130. Indexing threads can be inside a model call for
    seconds; every file is written atomically, so exit now rather than wait for them."""
    if any(t.is_alive() and not t.daemon for t in threading.enumerate() if t is not threading.main_thread()):
        exit_interrupted()
    errors.print("cutbot: interrupted", markup=False, highlight=False)
    sys.stderr.flush()
    handled()
    raise typer.Exit(130)


class _Terminated(SystemExit):
    """SIGTERM: unwinds like Ctrl-C, so every ``finally`` removes its temp files."""


def _on_sigterm(owner: int):
    def handler(signum, frame):
        if os.getpid() != owner:  # a forked worker: die as it would have without us
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        signalled(lambda: _Terminated(128 + signum))
    return handler


def _on_sigint(signum, frame) -> None:
    signalled(KeyboardInterrupt)


def _run(fn, *args, **kwargs):
    """Turn every error into one line and an exit code, never a traceback; Ctrl-C is
    "cutbot: interrupted" and exit 130, SIGTERM "cutbot: terminated" and 143, both after
    every ``finally`` has removed its temp files."""
    try:
        old = signal.signal(signal.SIGTERM, _on_sigterm(os.getpid()))
        # launch's SIGINT handler exits at once; inside the command Ctrl-C unwinds instead
        old_int = signal.signal(signal.SIGINT, _on_sigint)
    except ValueError:  # not the main thread (an app calling us): leave signals alone
        old = old_int = None
    _notes.clear()
    try:
        with remembering():
            result = fn(*args, **kwargs)
            raise_pending()  # a signal CPython dropped: the command was interrupted all the same
        for note in _notes:
            errors.print(note, markup=False, highlight=False)
        _notes.clear()
        return result
    except CutbotError as exc:
        if os.environ.get("CUTBOT_DEBUG"):  # every failure shows its traceback, user errors too
            raise
        _fail(str(exc))
    except KeyboardInterrupt:
        _interrupted()
    except _Terminated as exc:
        _fail("terminated", exc.code, prefix="cutbot: ")
    except typer.Exit:
        raise
    except Exception as exc:  # noqa: BLE001 - the last line of defence for users
        if _ctrl_c_inside(exc):  # a Ctrl-C that a library wrapped (pydantic building a schema)
            _interrupted()
        if os.environ.get("CUTBOT_DEBUG"):
            raise
        _fail(f"unexpected {type(exc).__name__}: {exc} (set CUTBOT_DEBUG=1 for details)", 1)
    finally:
        if old is not None:
            signal.signal(signal.SIGTERM, old)
            signal.signal(signal.SIGINT, old_int)


def guard_outputs(film: Optional[Path], *paths: Optional[Path]) -> None:
    """Check every path a command will write before any work starts (``guard_output``):
    nothing is half-done when one of them would destroy the film."""
    from cutbot.indexers.files import guard_output
    for path in paths:
        if path is not None:
            guard_output(path, [film])


def index_progress(lazy: bool = False):
    """Indexing bars on a terminal, cleared when done, so a failure is the one line on
    stderr; none when stderr is a file or pipe (rich would leave an empty line there)."""
    from contextlib import nullcontext

    from .views import RichProgress
    if not errors.is_interactive:
        return nullcontext(None)
    return RichProgress(console=errors, transient=True, lazy=lazy)


def open_editor(film: Path, force: bool = False):
    from .editor import Editor
    with index_progress() as progress:
        return Editor.open(film, force=force, progress=progress)


@app.command()
def index(film: Path = typer.Argument(..., help="the film to index"),
          force: bool = typer.Option(False, "--force", help="rebuild even if up to date")):
    """Build (or reuse) the film's index, with progress."""
    def go():
        editor = open_editor(film, force)
        idx = editor.index
        console.print(f"indexed {film}: {len(idx.shots)} shots, {len(idx.sentences)} sentences, "
                      f"{len(idx.frames)} frames -> {idx.root}")
    _run(go)


@app.command()
def ask(request: str = typer.Argument(..., help="what you want, in plain words"),
        film: Optional[Path] = typer.Option(None, "-i", "--input", help="the film"),
        out: Optional[Path] = typer.Option(None, "-o", "--output", help="output video"),
        plan_json: Optional[Path] = typer.Option(None, "--plan-json", help="write the plan JSON (- for stdout)"),
        dry_run: bool = typer.Option(False, "--dry-run", help="plan without rendering"),
        exports: list[str] = typer.Option([], "--export", help="also write the cut as FORMAT: "
                                          "otio, edl, fcpxml, xml, mpv, srt, json (repeat or "
                                          "comma-separate); -o cut.otio exports instead of rendering"),
        subtitles: bool = typer.Option(False, "--subtitles", help="SRT beside the video and a "
                                       "soft subtitle track"),
        cont: bool = typer.Option(False, "--continue", help="refine the saved session (the "
                                  "last film used in this folder unless -i names one)"),
        library: bool = typer.Option(False, "--library", help="ask across every indexed film "
                                     "of the library (cutbot library add / index)")):
    """Plan a cut for REQUEST and render it."""
    from .ask_flow import STDOUT, AskOptions, run_ask

    options = AskOptions(film=film, out=out, plan_json=plan_json, dry_run=dry_run,
                         exports=tuple(exports), subtitles=subtitles, cont=cont, library=library)
    _run(run_ask, request, options, _PrintedAsk(errors if plan_json == STDOUT else console))


class _PrintedAsk:
    """The single shot's ``AskView``: results on stdout (on stderr when the plan JSON goes
    there, so a pipe reads JSON alone), bars and notes on stderr."""

    def __init__(self, shown: Console):
        self.shown = shown

    def note(self, text: str) -> None:
        _notes.append(text)

    def say(self, line: str) -> None:
        self.shown.print(line, markup=False, highlight=False)

    def emit(self, text: str) -> None:
        sys.stdout.write(text)
        sys.stdout.flush()

    def show_cut(self, cut, duration: float) -> None:
        from .views import plan_table, print_notes
        self.shown.print(plan_table(cut, duration))
        print_notes(self.shown, cut)

    def open_editor(self, film: Path):
        return open_editor(film)

    def render_progress(self):
        from .views import render_progress
        return render_progress(errors, clear=True)

    def work_progress(self):
        return index_progress(lazy=True)


@app.command()
def chat(film: Optional[Path] = typer.Argument(None, help="the film to talk about"),
         library: bool = typer.Option(False, "--library", help="talk about every indexed "
                                      "film of the library at once"),
         llm: Optional[str] = typer.Option(None, "--llm", help="request parser: rules (default),"
                                           " smollm2, an HF model or folder, openai"),
         resume: bool = typer.Option(False, "--resume", help="continue the saved session")):
    """Talk to cutbot about FILM: ask, refine, undo, why, like N, render, export, save."""
    from .chat import ChatLoop
    from .llm import parser_from_settings

    def go():
        _readable_stdin()
        if library:
            from .library import Library
            editor = Library.open().editor
            if llm:
                editor.parser = parser_from_settings(llm)
            ChatLoop(editor, console, autosave=False).run()
            return
        if film is None:
            raise CutbotError("which film? cutbot chat FILM, or cutbot chat --library")
        editor = open_editor(film)
        if llm:
            editor.parser = parser_from_settings(llm)
        resumed = resume and editor.restore()
        if resume and not resumed:
            console.print(f"no saved session for {film.name} yet: starting a new one",
                          highlight=False)
        ChatLoop(editor, console, resumed=resumed).run()
    _run(go)


profile_app = typer.Typer(no_args_is_help=True,
                          help="The viewer's preferences, kept on this machine.")
app.add_typer(profile_app, name="profile")
app.add_typer(build_library_app(lambda fn: _run(fn), console, errors), name="library")  # cli_library.py


@profile_app.command("show")
def profile_show():
    """What cutbot has learnt you like and dislike, and where it keeps it."""
    from .profile import Profile

    def go():
        prof = Profile.load()
        for line in prof.describe():
            console.print(line, markup=False, highlight=False)
        console.print(f"stored in {prof.path} (never leaves this machine)", highlight=False,
                      soft_wrap=True)
    _run(go)


@profile_app.command("forget")
def profile_forget(topic: Optional[str] = typer.Argument(None,
                                                        help="one topic; all when left out")):
    """Forget one preference (TOPIC) or all of them."""
    from .profile import Profile

    def go():
        gone = Profile.load(fresh=not topic).forget(topic)  # "forget" mends a damaged file
        if topic and not gone:
            _fail(f"no preference about {topic!r}: see cutbot profile show")
        console.print(f"forgot {gone} preference(s)", highlight=False)
    _run(go)


@app.command()
def models():
    """Which model each role uses, and whether it loads offline."""
    from rich.table import Table

    from cutbot.indexers.models import list_models

    def go():
        table = Table("role", "model", "source", "offline", "detail")
        for m in list_models():
            table.add_row(m.role, m.name, m.source, "yes" if m.available else "no", m.detail)
        console.print(table)
    _run(go)


@app.command()
def people(film: Path = typer.Argument(..., help="the film"),
           sheet: Optional[Path] = typer.Option(None, "--sheet", help="contact sheet PNG (default FILM.people.png)"),
           name: list[str] = typer.Option([], "--name", help='a naming statement, e.g. "person 2 is Alice"')):
    """Who is on screen: the people table and a contact sheet of their faces."""
    from rich.table import Table

    from cutbot.indexers.pipeline import index_film

    from . import people as ppl
    from .naming import apply_naming

    def go():
        target = sheet or Path(f"{film.stem}.people.png")
        guard_outputs(film, target)
        with index_progress() as progress:
            idx = index_film(film, progress=progress)
        roster = ppl.load_roster(idx)
        for statement in name:
            roster, msg = apply_naming(idx, statement, roster)
            console.print(msg)
        if not idx.people:
            console.print("nobody on screen: no faces were found" if idx.faces_indexed else
                          "no faces indexed: pip install dlib-bin face-recognition-models, then re-index")
        hero = ppl.resolve_hero(idx, roster) if idx.people else None
        suggestions = ppl.name_suggestions(idx, roster)
        table = Table("#", "name", "screen time", "scenes", "heard nearby")
        for p in idx.people:
            heard = ", ".join(f"{x.name} ({x.count})" for x in suggestions if x.person == p.id)
            star = " (hero)" if hero and hero.person == p.id else ""
            table.add_row(str(p.id), roster.names.get(p.id, "") + star, f"{p.screen_time:.1f} s",
                          ", ".join(str(s + 1) for s in p.shots), heard)
        if idx.people:
            console.print(table)
            console.print(hero.reason)
        out = ppl.contact_sheet(idx, target, roster)
        console.print(f"contact sheet written to {out}")
    _run(go)


from .cli_suggest import register as _register_suggest  # noqa: E402 - describe, suggest
_register_suggest(app, run=_run, open_editor=lambda film: open_editor(film), console=console,
                  guard_outputs=guard_outputs)
from .cli_serve import serve_command  # noqa: E402 - `cutbot serve`: the web page (agent/web)
app.command("serve")(serve_command(_run, console, errors, index_progress))


def _readable_stdin() -> None:
    """Binary or non-UTF-8 bytes on the chat's stdin become U+FFFD, never an exception
    that ends the chat (the chat then refuses the unreadable line in one line)."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        try:
            reconfigure(errors="replace")
        except (ValueError, OSError, TypeError):
            pass


def main() -> None:  # pragma: no cover - `python -m cutbot.agent.cli`
    app(prog_name="cutbot")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
