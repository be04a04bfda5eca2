"""`cutbot chat` and the single shot's turn: thin terminal layers over ``Editor.respond``.

Every line goes to ``Editor.respond`` (requests, refinements, undo/redo, start over,
show, why, like/dislike, save, export, render); the chat only draws the result: a
compact plan table with a timeline bar, what changed, the length against the budget,
and progress bars for rendering. The conversation is saved after every change, so
``cutbot chat FILM --resume`` and ``cutbot "shorter" --continue`` pick it up.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Callable

from rich.console import Console
from rich.markup import escape

from cutbot.indexers import names_heard
from cutbot.indexers.errors import CutbotError
from cutbot.indexers.settings import cutbot_home

from .conversation import Reply, file_command
from .editor import Editor
from .commands import command_intent
from .interrupt import handled
from .sanity import decode, shorten, shorten_echoes
from .views import RichProgress, length_line, plan_table, print_notes, render_progress

log = logging.getLogger(__name__)
QUIT = ("quit", "exit", "q", "bye", ":q")
WORDS = ("show", "why", "undo", "redo", "render", "export", "save", "help", "quit", "like",
         "dislike", "profile", "start over", "more like this", "less talking", "suggest",
         "take", "what's in this film?", "what can I ask?")
CHANGES = ("plan", "undo", "redo", "reset", "dislike", "take")  # kinds that can move the session
SESSION_ONLY = ("undo", "redo", "reset", "show", "why", "save", "export", "render", "version")


class ChatLoop:
    """Reads lines until quit/EOF; Ctrl-C cancels the line or step at hand, not the chat."""

    def __init__(self, editor: Editor, console: Console, read: Callable[[str], str] = input,
                 resumed: bool = False, autosave: bool = True):
        self.editor = editor
        self.console = console
        self.read = read
        self.resumed = resumed
        self.autosave = autosave
        self.film = Path(editor.index.media.path)

    def run(self) -> None:
        self._readline()
        films = getattr(self.editor, "library", None)  # chat --library: every film, not the first
        ready = (f"the library is ready ({len(films.loaded())} films). Type help for commands, or "
                 "ask what's in here." if films is not None else f"{self.film.name} is ready "
                 f"({self.editor.index.media.duration:.0f} s). Type help for commands, or ask "
                 "what's in this film.")
        self.console.print(f"cutbot: {ready}", highlight=False)
        self._greet()
        while True:
            try:
                line = decode(self.read("you> ")).strip()  # respond judges what is left
            except EOFError:
                break
            except KeyboardInterrupt:
                handled()  # the chat goes on: its exit later is 0, not death by SIGINT
                self.console.print("(cancelled; quit to leave)")
                continue
            if not line:
                continue
            if line.lower().rstrip("!.") in QUIT:
                break
            try:
                self.handle(line)
            except CutbotError as exc:
                if os.environ.get("CUTBOT_DEBUG"):  # the traceback of every failure, and go on
                    self.console.print_exception()
                self.console.print("[red]cutbot:[/] " + escape(shorten_echoes(str(exc))),
                                   highlight=False)
            except KeyboardInterrupt:
                handled()
                self.console.print("(cancelled)")
            except Exception as exc:  # noqa: BLE001 - one bad line must not end the chat
                if os.environ.get("CUTBOT_DEBUG"):
                    raise
                self.say(f"cutbot: unexpected {type(exc).__name__}: "
                         f"{shorten_echoes(' '.join(str(exc).split()))} "
                         "(set CUTBOT_DEBUG=1 for details)")
        self.console.print("bye")

    def _greet(self) -> None:
        session = self.editor.session
        if self.resumed:
            self.say(f"resumed the saved session: version {session.version} of "
                     f"{len(session.history)}")
            if self.editor.cut is not None:
                self.show_cut(self.editor.cut)
            return
        from .sessions_store import load_session
        try:
            saved = load_session(self.editor.index.media.fingerprint, self.editor.home)
        except CutbotError:
            saved = None
        if saved is not None and saved.versions:
            self.say(f"note: {self.film.name} has a saved session ({saved.versions} version(s)); "
                     "chat --resume continues it, a change here replaces it")

    def say(self, text: str) -> None:
        self.console.print(text, markup=False, highlight=False)

    def handle(self, line: str) -> None:
        if line.lower() in ("profile", "profile show", "show profile", "show my profile"):
            for text in self.editor.profile.describe():
                self.say(text)
            return
        intent = command_intent(line)
        if intent is not None and intent.kind == "render":
            with render_progress(self.console) as progress:
                reply = file_command(self.editor, "render", intent.arg, progress=progress)
        else:
            with RichProgress(self.console, transient=True, lazy=True) as bar, names_heard.reporting(bar):
                reply = self.editor.respond(line)  # a bar only if a name is listened for again
        self.show_reply(reply)
        if self.autosave and reply.kind in CHANGES and reply.change is not None:
            try:
                self.editor.save()
            except CutbotError as exc:
                self.console.print(f"[yellow]could not save the session:[/] {exc}", highlight=False)

    def show_reply(self, reply: Reply) -> None:
        if reply.kind == "clarify":
            self.console.print("[yellow]?[/] " + escape(shorten_echoes(reply.message)),
                               highlight=False)
            return
        changed = reply.kind in CHANGES and reply.change is not None
        if reply.kind == "plan":
            self.show_cut(reply.cut)
            for note in reply.lines:
                self.console.print(f"[cyan]note:[/] {note}", highlight=False)
        else:
            for line in reply.lines:
                self.say(line)
            if (changed or reply.kind == "show") and reply.cut is not None:
                self.show_cut(reply.cut)
        if changed and reply.change.version > 1:
            self.say(f"changed: {reply.change.describe()}")

    def show_cut(self, cut) -> None:
        self.console.print(plan_table(cut, self.editor.index.media.duration))
        print_notes(self.console, cut)
        self.say(length_line(cut))

    def _readline(self) -> None:
        """Line editing, history and tab-completion, when a real terminal is attached."""
        if self.read is not input or not sys.stdin.isatty():
            return
        try:
            import readline
        except ImportError:  # pragma: no cover - Windows without pyreadline
            return
        history = cutbot_home(self.editor.home) / "chat_history"
        try:
            readline.read_history_file(history)
        except OSError:
            pass
        readline.set_history_length(1000)

        def complete(text: str, state: int):
            hits = [w for w in WORDS if w.startswith(text.lower())]
            return hits[state] if state < len(hits) else None
        readline.set_completer(complete)
        readline.parse_and_bind("tab: complete")
        import atexit

        def keep() -> None:
            try:
                history.parent.mkdir(parents=True, exist_ok=True)
                readline.write_history_file(history)
            except OSError:
                log.info("could not write %s", history)
        atexit.register(keep)


def one_shot(editor: Editor, request: str, continuing: bool = False) -> Reply:
    """The single shot's turn: a request (or, with ``continuing``, a command on the saved
    session), saved afterwards; a one-line CutbotError for anything it cannot do."""
    film = Path(editor.index.media.path).name
    intent = command_intent(request)
    kind = intent.kind if intent is not None else "plan"
    needs_cut = kind in SESSION_ONLY or (kind in ("like", "dislike") and not intent.arg)
    if needs_cut and not continuing:
        raise CutbotError(f"'{shorten(request)}' acts on a conversation: add --continue to use "
                          f"the saved session of {film}, or run cutbot chat {film}")
    if continuing and not editor.restore():
        from .sessions_store import SessionMissing
        raise SessionMissing(f"no saved session for {film} to continue: "
                             f'start one with cutbot "REQUEST" -i {film}')
    reply = editor.respond(request)
    if reply.error is not None:
        raise type(reply.error)(reply.message)
    if reply.kind in CHANGES and reply.change is not None:
        editor.save()
    return reply
