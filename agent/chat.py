"""`cutbot chat`: a terminal conversation over an Editor; parsing input, nothing more."""
from __future__ import annotations

import shlex
from pathlib import Path

from rich.console import Console

from cutbot.indexers.errors import CutbotError
from cutbot.prompts import read_text

from .editor import Editor
from .views import plan_table, print_notes, render_progress




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
            if line.lower() in ("quit", "exit", "q"):
                break
            try:
                self.handle(line)
            except CutbotError as exc:
                self.console.print(f"[red]cutbot:[/] {exc}")
            except KeyboardInterrupt:
                self.console.print("(cancelled)")
        self.console.print("bye")

    def handle(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        command = getattr(self, f"cmd_{word.lower()}", None)
        if command is not None and word.isalpha():
            command(rest.strip())
            return
        cut = self.editor.ask(line)
        self.show_cut(cut)
        if self.editor.last_change and len(self.editor.session.turns) > 1:
            self.console.print(f"changed: {self.editor.last_change.describe()}")

    def show_cut(self, cut) -> None:
        self.console.print(plan_table(cut, self.editor.index.media.duration))
        print_notes(self.console, cut)

    def cmd_help(self, _: str) -> None:
        self.console.print(read_text("chat_help.md").rstrip(), markup=False)

    def cmd_show(self, _: str) -> None:
        if self.editor.cut is None:
            self.console.print("no plan yet: ask for something first")
        else:
            self.show_cut(self.editor.cut)

    def cmd_why(self, arg: str) -> None:
        cut = self.editor.cut
        if cut is None:
            self.console.print("no plan yet: ask for something first")
            return
        if not arg.isdigit() or not 1 <= int(arg) <= len(cut.segments):
            self.console.print(f"why which segment? give a number from 1 to {len(cut.segments)}")
            return
        seg = cut.segments[int(arg) - 1]
        self.console.print(f"segment {arg}: {seg.start:.2f}-{seg.end:.2f} s, score {seg.score:.2f}")
        for reason in seg.reasons:
            self.console.print(f"  - {reason}", markup=False)

    def cmd_undo(self, _: str) -> None:
        if not self.editor.session.turns:
            self.console.print("nothing to undo")
        elif (cut := self.editor.undo()) is None:
            self.console.print("back to no plan")
        else:
            self.show_cut(cut)

    def cmd_redo(self, _: str) -> None:
        cut = self.editor.redo()
        if cut is None:
            self.console.print("nothing to redo")
        else:
            self.show_cut(cut)

    def cmd_render(self, arg: str) -> None:
        target = Path(shlex.split(arg)[0]) if arg else Path(f"{self.film.stem}.cut.mp4")
        with render_progress(self.console) as progress:
            result = self.editor.render(target, progress=progress)
        self.console.print(f"wrote {result.path} ({result.duration:.1f} s)")
