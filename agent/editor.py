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

from .cut import Cut
from .intent import parse_request
from .plan import ConstraintPlan
from .planner import plan_cut
from .search import Scorer
from .session import Change, Session, Turn


class Editor:
    """One film and one conversation about it. Never prints; returns typed results."""

    def __init__(self, index: Index, scorer: Scorer | None = None):
        self.index = index
        self.scorer = scorer or Scorer(index)
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

    def ask(self, request: str) -> Cut:
        """Parse ``request`` against the current plan (a refinement) and plan the cut."""
        plan = parse_request(request, previous=self.session.plan)
        return self.apply(plan, request)

    def apply(self, plan: ConstraintPlan, request: str = "") -> Cut:
        cut = plan_cut(plan, self.index, request=request, scorer=self.scorer)
        self.last_change = self.session.push(Turn(request, plan, cut))
        return cut

    def undo(self) -> Cut | None:
        turn = self.session.undo()
        return turn.cut if turn else None

    def redo(self) -> Cut | None:
        turn = self.session.redo()
        return turn.cut if turn else None

    def render(self, out: str | Path, cut: Cut | None = None, progress=None):
        from .render import render
        cut = cut or self.cut
        if cut is None:
            raise PlanError("nothing to render yet: ask for a cut first")
        return render(cut, out, source=self.index.media.path, progress=progress)
