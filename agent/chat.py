"""`cutbot chat`: a terminal conversation over an Editor; reads lines, shows replies.

Every line goes to ``Editor.respond`` (requests, refinements, undo/redo, start over,
show, why); only ``render [PATH]`` and ``quit`` are the terminal's own.
"""
from __future__ import annotations

import shlex
from pathlib import Path

from rich.console import Console

from cutbot.indexers.errors import CutbotError

from .conversation import Reply
from .editor import Editor
from .views import plan_table, print_notes, render_progress

QUIT = ("quit", "exit", "q", "bye", ":q")


class ChatLoop:
    def __init__(self, editor: Editor, console: Console, read=input):
        self.editor = editor
        self.console = console
        self.read = read
        self.film = Path(editor.index.media.path)

    def run(self) -> None:
        self.console.print(f"cutbot: {self.film.name} is ready "
                           f"({self.editor.index.media.duration:.0f} s). Type help for commands.")
        while True:
            try:
                line = self.read("you> ").strip()
            except EOFError:
                break
            except KeyboardInterrupt:
                self.console.print("(cancelled; quit to leave)")
                continue
            if not line:
                continue
            if line.lower().rstrip("!.") in QUIT:
                break
            try:
                self.handle(line)
            except CutbotError as exc:
                self.console.print(f"[red]cutbot:[/] {exc}", highlight=False)
            except KeyboardInterrupt:
                self.console.print("(cancelled)")
        self.console.print("bye")

    def handle(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        if word.lower() == "render" and len(shlex.split(rest or "")) <= 1:
            self.cmd_render(rest.strip())
            return
        self.show_reply(self.editor.respond(line))

    def show_reply(self, reply: Reply) -> None:
        say = lambda text: self.console.print(text, markup=False, highlight=False)  # noqa: E731
        if reply.kind == "clarify":
            self.console.print(f"[yellow]?[/] {reply.message}", highlight=False)
            return
        if reply.kind in ("why", "help", "show") or reply.cut is None:
            for line in reply.lines:
                say(line)
            if reply.kind == "show" and reply.cut is not None:
                self.show_cut(reply.cut)
            return
        if reply.kind != "plan":
            for line in reply.lines:
                say(line)
        self.show_cut(reply.cut)
        if reply.kind == "plan":
            for note in reply.lines:
                self.console.print(f"[cyan]note:[/] {note}", highlight=False)
        if reply.change is not None and reply.change.version > 1:
            say(f"changed: {reply.change.describe()}")

    def show_cut(self, cut) -> None:
        self.console.print(plan_table(cut, self.editor.index.media.duration))
        print_notes(self.console, cut)

    def cmd_render(self, arg: str) -> None:
        target = Path(shlex.split(arg)[0]) if arg else Path(f"{self.film.stem}.cut.mp4")
        with render_progress(self.console) as progress:
            result = self.editor.render(target, progress=progress)
        self.console.print(f"wrote {result.path} ({result.duration:.1f} s)")
