"""The Python API: open a film, ask for cuts in plain language, refine, render.

    from cutbot.agent import Editor
    editor = Editor.open("film.mp4")
    cut = editor.ask("only the car chases, under 10 minutes")
    print(cut.explain()); cut = editor.ask("in reverse order"); editor.render("mine.mp4")
"""
from __future__ import annotations

from pathlib import Path

from cutbot.indexers import Index, index_film, load_index

from .conversation import Reply, respond
from .cut import Cut
from .errors import PlanError
from .plan import ConstraintPlan
from .planner import plan_cut
from .profile import Profile, plan_with_profile
from .search import Scorer
from .session import Change, Session, Turn, explain
from .vocabulary import Vocabulary


class Editor:
    """One film and one conversation about it. Never prints; returns typed results."""

    def __init__(self, index: Index, scorer: Scorer | None = None, parser=None,
                 profile: Profile | None = None, home: str | Path | None = None):
        from .llm import parser_from_settings
        self.index = index
        self.home = home  # where sessions and the profile live (default CUTBOT_HOME)
        self.profile = profile if profile is not None else Profile.load(home)
        self.scorer = scorer or Scorer(index)
        self.parser = parser or parser_from_settings()  # rules, or CUTBOT_LLM's model
        self.vocabulary = Vocabulary(index, scorer=self.scorer)
        self.session = Session()
        self.last_change: Change | None = None
        self.suggestions: list = []  # the last ``suggest()``, for "take N"

    @classmethod
    def open(cls, path: str | Path, *, force: bool = False, progress=None,
             home: str | Path | None = None, visual: str | None = None,
             speech: str | None = None) -> "Editor":
        """Index the film when needed (reusing a matching index) and open it."""
        editor = cls(index_film(path, force=force, home=home, visual=visual, speech=speech,
                                progress=progress), home=home)
        editor.vocabulary.warm()  # models are loaded now; later single shots start fast
        return editor

    @classmethod
    def load(cls, path: str | Path, home: str | Path | None = None) -> "Editor":
        """Open an already indexed film; raises IndexMissing otherwise."""
        return cls(load_index(path, home=home), home=home)

    @classmethod
    def resume(cls, path: str | Path, *, progress=None, home: str | Path | None = None) -> "Editor":
        """Open the film and continue its saved session; SessionMissing when none."""
        from .sessions_store import SessionMissing
        editor = cls.open(path, progress=progress, home=home)
        if not editor.restore():
            raise SessionMissing(f"no saved session for {Path(path).name}: "
                                 f"start one with cutbot chat {path}")
        return editor

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
        for a bad request: the reply is then a ``clarify`` with a question (or, for
        text that is not readable, one line saying so)."""
        from .sanity import UnreadableRequest, clean_request
        try:
            text = clean_request(text)
        except UnreadableRequest as exc:
            return Reply("clarify", self.cut, lines=(str(exc),), error=exc)
        return respond(self, text)

    def preview(self, plan: ConstraintPlan, request: str = "") -> Cut:
        """The cut ``plan`` makes (the viewer's profile applied as plan data), not yet a version:
        the chat looks at it before keeping it."""
        def run(p: ConstraintPlan) -> Cut:  # the planner leaves out p.skip itself
            return plan_cut(p, self.index, request=request, scorer=self.scorer)
        return plan_with_profile(self.profile, plan, run, self.scorer)

    def apply(self, plan: ConstraintPlan, request: str = "", notes: tuple[str, ...] = (),
              cut: Cut | None = None) -> Cut:
        """Plan ``plan`` (or keep the ``cut`` previewed for it) as a new version."""
        cut = cut or self.preview(plan, request)
        self.last_change = self.session.push(Turn(request, plan, cut, notes))
        return cut

    def describe(self):
        """What is in the film: length, shots, main people, subjects seen and talked
        about (a ``FilmOverview``; ``.lines()`` says it in words)."""
        from .describe import describe_film
        return describe_film(self.index)

    def suggest(self, count: int = 5) -> list:
        """Suggested cuts (typed ``Suggestion``s), ranked by the viewer's profile; kept
        so that ``respond("take 2")`` makes suggestion 2 the current plan."""
        from .suggest import suggest_cuts
        self.suggestions = suggest_cuts(self, count)
        return self.suggestions

    def start_over(self) -> Change:
        """Forget the plan (undoable); the next request starts afresh."""
        self.last_change = self.session.reset()
        return self.last_change

    def why(self, segment: int | None = None, at: float | None = None) -> list[str]:
        """Why segment N (1-based, -1 = last) or the part at ``at`` seconds is in the cut."""
        if self.cut is None:
            raise PlanError("no cut yet: ask for something first")
        return explain(self.cut, segment, at, self.plan)

    def like(self, segment: int | None = None, topic: str | None = None) -> Reply:
        """Thumbs up: segment N's subjects (or ``topic``) weigh more in future plans."""
        return self._feedback("like", segment, topic)

    def dislike(self, segment: int | None = None, topic: str | None = None) -> Reply:
        """Thumbs down: drops segment N now and weighs its subjects down later; a
        ``topic`` ("gore") is left out of future plans unless a request asks for it."""
        return self._feedback("dislike", segment, topic)

    def _feedback(self, stance, segment, topic) -> Reply:
        from .conversation import feedback
        from .intent import Intent
        text = f"{stance} {topic or segment or 'this'}"
        return feedback(self, Intent(stance, text, segment=segment, arg=topic, strong=bool(topic)))

    def save(self) -> Path:
        """Save the whole conversation (every version) for ``resume`` / ``--continue``."""
        from .sessions_store import save_session
        media = self.index.media
        return save_session(self.session, media.path, media.fingerprint, home=self.home)

    def restore(self) -> bool:
        """Load this film's saved conversation, if there is one; True when loaded."""
        from .sessions_store import load_session
        saved = load_session(self.index.media.fingerprint, home=self.home)
        if saved is None:
            return False
        self.session, self.last_change = saved.session, None
        return True

    def undo(self) -> Cut | None:
        turn = self.session.undo()
        self.last_change = self.session.last_change
        return turn.cut if turn else None

    def redo(self) -> Cut | None:
        turn = self.session.redo()
        self.last_change = self.session.last_change
        return turn.cut if turn else None

    def render(self, out: str | Path, cut: Cut | None = None, progress=None, **options):
        """Render the cut to a video; ``options`` override the plan's output settings
        (``subtitles=True``, ``mode="reencode"``, ``title="..."``). Returns a RenderResult
        that says which renderer ran and why."""
        from .render import render
        cut = cut or self.cut
        if cut is None:
            raise PlanError("nothing to render yet: ask for a cut first")
        return render(cut, out, source=self.index.media.path, progress=progress,
                      transcript=self.index.sentences, **options)

    def export(self, path: str | Path, fmt: str | None = None, cut: Cut | None = None) -> Path:
        """Write the cut as a timeline (.otio, .edl, .fcpxml, .xml, .mpv.edl), the plan
        JSON or a retimed SRT; ``fmt`` names the format when the extension does not."""
        from .export import export
        cut = cut or self.cut
        if cut is None:
            raise PlanError("nothing to export yet: ask for a cut first")
        return export(cut, path, fmt, source=self.index.media.path,
                      transcript=self.index.sentences)
