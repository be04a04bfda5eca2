"""The Python API: open a film, ask for cuts in plain language, refine, render.

    from cutbot.agent import Editor
    editor = Editor.open("film.mp4")
    cut = editor.ask("only the car chases, under 10 minutes")
    print(cut.explain()); cut = editor.ask("in reverse order"); editor.render("mine.mp4")
"""
from __future__ import annotations

from pathlib import Path

from cutbot.indexers import Index, index_film, load_index
from cutbot.indexers.errors import PlanError

from .conversation import Reply, respond
from .cut import Cut
from .plan import ConstraintPlan
from .planner import plan_cut
from .search import Scorer
from .session import Change, Session, Turn, explain, without_spans
from .vocabulary import Vocabulary


class Editor:
    """One film and one conversation about it. Never prints; returns typed results."""

    def __init__(self, index: Index, scorer: Scorer | None = None, parser=None):
        from .llm import parser_from_settings
        self.index = index
        self.scorer = scorer or Scorer(index)
        self.parser = parser or parser_from_settings()  # rules, or CUTBOT_LLM's model
        self.vocabulary = Vocabulary(index, scorer=self.scorer)
        self.session = Session()
        self.last_change: Change | None = None

    @classmethod
    def open(cls, path: str | Path, *, force: bool = False, progress=None,
             home: str | Path | None = None, visual: str | None = None,
             speech: str | None = None) -> "Editor":
        """Index the film when needed (reusing a matching index) and open it."""
        return cls(index_film(path, force=force, home=home, visual=visual, speech=speech,
                              progress=progress))

    @classmethod
    def load(cls, path: str | Path, home: str | Path | None = None) -> "Editor":
        """Open an already indexed film; raises IndexMissing otherwise."""
        return cls(load_index(path, home=home))

    @property
    def cut(self) -> Cut | None:
        turn = self.session.current
        return turn.cut if turn else None

    @property
    def plan(self) -> ConstraintPlan | None:
        return self.session.plan

    def ask(self, request: str) -> Cut | None:
        """Parse ``request`` against the current plan (a refinement) and plan the cut.
        Commands work too ("undo", "start over"); an unclear request raises PlanError
        (NothingMatched) with one short question; ``respond`` returns it instead."""
        reply = self.respond(request)
        if reply.error is not None:
            raise type(reply.error)(reply.message)
        return reply.cut

    def respond(self, text: str) -> Reply:
        """One line of conversation: a request, refinement or command. Never raises
        for a bad request: the reply is then a ``clarify`` with a question."""
        return respond(self, text)

    def apply(self, plan: ConstraintPlan, request: str = "", notes: tuple[str, ...] = ()) -> Cut:
        cut = without_spans(plan_cut(plan, self.index, request=request, scorer=self.scorer),
                            plan.skip)
        self.last_change = self.session.push(Turn(request, plan, cut, notes))
        return cut

    def start_over(self) -> Change:
        """Forget the plan (undoable); the next request starts afresh."""
        self.last_change = self.session.reset()
        return self.last_change

    def why(self, segment: int | None = None, at: float | None = None) -> list[str]:
        """Why segment N (1-based, -1 = last) or the part at ``at`` seconds is in the cut."""
        if self.cut is None:
            raise PlanError("no cut yet: ask for something first")
        return explain(self.cut, segment, at, self.plan)

    def undo(self) -> Cut | None:
        turn = self.session.undo()
        self.last_change = self.session.last_change
        return turn.cut if turn else None

    def redo(self) -> Cut | None:
        turn = self.session.redo()
        self.last_change = self.session.last_change
        return turn.cut if turn else None

    def render(self, out: str | Path, cut: Cut | None = None, progress=None):
        from .render import render
        cut = cut or self.cut
        if cut is None:
            raise PlanError("nothing to render yet: ask for a cut first")
        return render(cut, out, source=self.index.media.path, progress=progress)
