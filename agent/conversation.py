"""One line of conversation -> one ``Reply``: the turn logic behind ``Editor.respond``.

The chat, the single-shot CLI and users' apps all go through here, so "undo",
"why did you keep 12:30?" and "drop the second chase" mean the same everywhere.
Problems with a request never raise from ``respond``: they come back as a
``clarify`` reply with one short question and suggestions drawn from the film.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal, Optional

from cutbot.indexers.errors import CutbotError, ModelUnavailable

from .arrange import piece_index, plan_fields, spans_of
from .cut import Cut
from .errors import NothingMatched, PlanError
from .intent import Intent, Unclear
from .plan import Span
from .planner import nothing_note, said_whole
from .positions import describe as describe_place, position_of
from .profile import SOFT, STRONG, topics_of
from .questions import examples, film_question, no_such_suggestion
from .session import Change, explain
from .suggest import suggestion_lines
from .vocabulary import pieces_with, place_about, resolve_refs

# ``Editor`` in the annotations is agent/editor.py's: it imports this module, never the reverse.

ReplyKind = Literal["plan", "undo", "redo", "reset", "show", "why", "help", "clarify",
                    "like", "dislike", "save", "export", "render",
                    "overview", "suggest", "examples", "take"]


@dataclass(frozen=True)
class Reply:
    """What a line did: the cut now in effect, the change, and lines to tell the viewer."""

    kind: ReplyKind
    cut: Optional[Cut]
    change: Optional[Change] = None
    lines: tuple[str, ...] = ()
    error: Optional[CutbotError] = None  # for ``clarify``: what ``Editor.ask`` raises
    path: Optional[str] = None  # save/export/render: the file written

    @property
    def message(self) -> str:
        return "\n".join(self.lines)


def respond(editor: Editor, text: str) -> Reply:
    asked = film_question(text)  # "what's in this film?", "suggest", "take 2": before the parser
    if asked is not None:
        return film_reply(editor, *asked)
    try:
        intent = _parse(editor, text)
    except Unclear as exc:
        return Reply("clarify", editor.cut, lines=(_question(editor, str(exc)),), error=exc)
    except PlanError as exc:  # contradictory: the message itself is the question
        return Reply("clarify", editor.cut, lines=(str(exc),), error=exc)
    session = editor.session
    if intent.kind == "redo" and re.search(r"\bback\b", text, re.I) and not session.can_redo and editor.plan is not None \
            and editor.plan.exclude:
        intent = _parse(editor, "bring it back")  # "put it back" after a drop, with nothing undone: what was left out
    if intent.kind in ("undo", "redo"):
        def can() -> bool:
            return bool(session.version if intent.kind == "undo" else session.can_redo)
        if not can():
            return Reply(intent.kind, editor.cut, lines=(f"nothing to {intent.kind}",))
        for _ in range(intent.segment or 1):  # "undo the last two changes": as far back as there is
            if not can():
                break
            (editor.undo if intent.kind == "undo" else editor.redo)()  # Editor's undo, not a copy
        said = "back to no plan" if editor.plan is None else f"now at version {session.version}"
        return Reply(intent.kind, editor.cut, session.last_change, (said,))
    if intent.kind == "version":
        return _back_to(editor, intent.segment, text)
    if intent.kind == "reset":
        editor.last_change = session.reset(text)
        return Reply("reset", None, editor.last_change,
                     ("starting over: the next request makes a new plan (undo brings it back)",))
    if intent.kind == "show":
        glad = ("good: 'render' writes it to a file, or keep refining it",) if intent.arg == "approval" else ()
        return Reply("show", editor.cut, lines=glad + show_lines(editor))
    if intent.kind == "why":
        if editor.cut is None:
            return Reply("why", None, lines=("no cut yet: ask for something first",))
        return Reply("why", editor.cut, lines=tuple(
            explain(editor.cut, intent.segment, intent.at, editor.plan, about=intent.arg)))
    if intent.kind == "help":
        from cutbot.prompts import read_text
        return Reply("help", editor.cut, lines=(read_text("chat_help.md").rstrip(),))
    if intent.kind in ("like", "dislike"):
        return feedback(editor, intent)
    if intent.kind in ("save", "export", "render"):
        return file_command(editor, intent.kind, intent.arg)
    return _plan_turn(editor, intent)


def film_reply(editor: Editor, kind: str, n: int = 0) -> Reply:
    """The overview (then the suggestions), the suggestions, examples, or "take N"."""
    if kind == "take":
        suggestions = editor.suggestions or editor.suggest()
        msg = no_such_suggestion(n, len(suggestions), "film")
        if msg:
            return Reply("clarify", editor.cut, lines=(msg,), error=PlanError(msg))
        s = suggestions[n - 1]
        cut = editor.apply(s.plan, s.request, notes=(f"took suggestion {n}: {s.title}",))
        return Reply("take", cut, editor.last_change, (
            f"took suggestion {n}, {s.title}: \"{s.request}\" ({cut.duration:.1f} s); "
            "refine it in words, or undo",))
    if kind == "examples":
        return Reply("examples", editor.cut, lines=tuple(examples(editor.describe(),
                                                                   editor.suggestions)))
    lines = editor.describe().lines() if kind == "overview" else []
    return Reply(kind, editor.cut, lines=tuple(lines + suggestion_lines(editor.suggest())))


def _parse(editor: Editor, text: str):
    """The parser's reading of ``text`` against the plan, and against the cut's actual length
    when the parser takes it ("make it shorter" shortens what is on screen)."""
    length = editor.cut.duration if editor.cut is not None and editor.plan is not None else None
    if getattr(editor.parser, "takes_length", False):
        return editor.parser.parse(text, editor.plan, length=length)
    return editor.parser.parse(text, editor.plan)


def file_command(editor: Editor, kind: str, arg: Optional[str] = None, progress=None) -> Reply:
    """save (the session), export [PATH] (plan JSON or a timeline), render [PATH] (video)."""
    from pathlib import Path
    if kind == "save":
        path = editor.save()
        return Reply("save", editor.cut, lines=(
            f"saved {editor.session.version} version(s) to {path} "
            f"(cutbot chat {Path(editor.index.media.path).name} --resume continues)",),
            path=str(path))
    if editor.cut is None:
        return Reply(kind, None,  # type: ignore[arg-type]
                     lines=(f"nothing to {kind} yet: ask for a cut first",))
    stem = Path(editor.index.media.path).stem
    if kind == "render":
        result = editor.render(Path(arg or f"{stem}.cut.mp4"), progress=progress)
        return Reply("render", editor.cut, path=str(result.path),
                     lines=(f"wrote {result.path} ({result.duration:.1f} s)",))
    target = Path(arg or f"{stem}.cut.json")
    written = editor.export(target)
    return Reply("export", editor.cut, lines=(f"exported the cut to {written}",), path=str(written))


def _plan_turn(editor: Editor, intent) -> Reply:
    window = intent.plan.window  # one that holds none of the film is named, not "nothing matches"
    empty = window.empty_reason(editor.index.media.duration) if window else None
    if empty:
        return Reply("clarify", editor.cut, lines=(empty,), error=PlanError(empty))
    plan = intent.plan
    notes = list(intent.notes)
    try:
        if intent.refs:
            spans = resolve_refs(intent.refs, editor.cut, editor.scorer)
            plan = plan.model_copy(update={"skip": plan.skip + spans})
        if intent.having:  # "only the ones with people": the pieces on screen without any leave
            plan, kept = _having(editor, plan, intent.having)
            notes.append(kept)
        if intent.move:  # "swap the first two", "the third one is boring": the plan holds, set against the cut
            move = intent.move  # "trim the coffee clip": the first piece about the coffee
            if move.what:
                move = replace(move, a=place_about(move.what, editor.cut, editor.scorer), what="")
            fields, moved = plan_fields(editor.cut, move)
            plan = plan.model_copy(update={**fields, "skip": plan.skip + fields.get("skip", ())})
            notes.append(moved)
        plan, whole = said_whole(plan, intent.text, editor.scorer)  # a line typed without quote marks
        notes += whole or mapping_notes(editor, plan)
        cut = editor.preview(plan, intent.text)
        added = _added(editor.plan, plan)
        lacking = [t for t in added if nothing_note(t) in cut.notes]
        same = editor.cut is not None and cut.spans == editor.cut.spans
        if same and plan.duration.upper is None and (less := _less_of(editor, plan)):
            plan = plan.model_copy(update={"duration": plan.duration.model_copy(update={"max": round(less, 1)})})
            cut = editor.preview(plan, intent.text)  # "less of the bike" with no length: its time shrinks, the rest holds
            notes.append(f"with no length asked, less of it makes the cut at most {less:.1f} s")
        if lacking and len(lacking) == len(added) and same:  # "add the giraffe" to the cats: keep the cut
            raise NothingMatched(f"{nothing_note(' or '.join(lacking))}, so the cut is unchanged")
        notes += map(nothing_note, lacking)
        cut = editor.apply(plan, intent.text, notes=tuple(notes), cut=cut)
    except NothingMatched as exc:
        return Reply("clarify", editor.cut, lines=(_question(editor, str(exc)),), error=exc)
    except PlanError as exc:
        return Reply("clarify", editor.cut, lines=(str(exc),), error=exc)
    return Reply("plan", cut, editor.last_change, tuple(notes))


def _less_of(editor: Editor, plan) -> Optional[float]:
    """The cut's length less what a subject weighed down gives up: its pieces' time, by the share
    its weight fell ("less of the bike": half of the bike's seconds). None when no weight fell."""
    before = {q.text.casefold(): q.weight for q in editor.plan.include} if editor.plan else {}
    lighter = [(q, q.weight / before[q.text.casefold()]) for q in plan.include
               if q.weight < before.get(q.text.casefold(), q.weight)]
    if not lighter or editor.cut is None:
        return None
    segments = editor.cut.segments
    given = sum(segments[i].duration * (1 - share) for q, share in lighter for i in pieces_with((q,), editor.cut, editor.scorer))
    return editor.cut.duration - given if given > 0.5 else None


def _back_to(editor: Editor, n: int, text: str) -> Reply:
    """Version ``n``'s plan as a new version ("go back to the first version"): undo returns."""
    turns = editor.session.turns
    if not 1 <= n <= len(turns) or turns[n - 1].plan is None:
        msg = f"there is no version {n} with a plan: this is version {len(turns)}"
        return Reply("clarify", editor.cut, lines=(msg,), error=PlanError(msg))
    cut = editor.apply(turns[n - 1].plan, text, notes=(f"back to version {n}'s plan",))
    return Reply("plan", cut, editor.last_change,
                 (f"back to version {n}'s plan, now version {editor.session.version} (undo returns)",))


def _having(editor: Editor, plan, queries) -> tuple:
    """``plan`` with the pieces on screen that have none of ``queries`` skipped, and a line saying so."""
    kept = pieces_with(queries, editor.cut, editor.scorer)  # says when there is no cut
    segs, what = editor.cut.segments, " or ".join(repr(q.text) for q in queries)
    if not kept:
        raise PlanError(f"none of the {len(segs)} piece(s) on screen has {what}: the cut is unchanged")
    out = [s for i, s in enumerate(segs) if i not in kept]
    said = f"kept the {len(kept)} of {len(segs)} pieces with {what}" if out else f"every piece on screen has {what}"
    return plan.model_copy(update={"skip": plan.skip + spans_of(out)}), said


def _added(before, plan) -> list[str]:
    """The subjects a refinement adds to the plan's (none for a new cut, which drops some), kept
    alone or beside a narrowed cut (``also``: "add the swimming pool" to "the kitchen, where Clara is")."""
    had = {q.text for q in (*before.include, *before.also)} if before is not None else set()
    now = [q.text for q in (*plan.include, *plan.also)]
    return [t for t in now if t not in had] if had and had <= set(now) else []


def mapping_notes(editor: Editor, plan) -> list[str]:
    """ "read 'automobile pursuit' as seen: sports car 0.61 ..." for each new subject."""
    seen = {q for q in (editor.plan.include if editor.plan else ())}
    notes = []
    for query in plan.include:
        if query in seen or query.exact or query.modality == "silence":  # no words to map
            continue
        if place := position_of(query):  # "the first line": a place, not the words "first scene"
            notes.append(f"read '{query.text}' as {describe_place(place)}")
            continue
        try:
            mapping = editor.vocabulary.map(query)
        except ModelUnavailable:
            break
        if mapping.terms:  # none close to the whole words: the reading that found it says how
            notes.append("read " + mapping.describe())
    return notes


def _question(editor: Editor, problem: str) -> str:
    try:
        return editor.vocabulary.clarify(problem)
    except ModelUnavailable:
        return problem


def show_lines(editor: Editor) -> tuple[str, ...]:
    plan, session = editor.plan, editor.session
    if plan is None:
        return ("no plan yet: ask for something first",)
    lines = [f"plan version {session.version}:"]
    lines += [f"  {line}" for line in plan.describe()]
    if editor.cut is not None:
        lines.append(f"cut: {len(editor.cut.segments)} segment(s), {editor.cut.duration:.1f} s")
    return tuple(lines)


def feedback(editor: Editor, intent: Intent) -> Reply:
    """A like/dislike line -> a ``Reply``: remember the taste; a thumbs down on segment N
    also drops it from the cut now (a new, undoable version)."""
    stance, profile = intent.kind, editor.profile
    if intent.arg:
        pref = profile.note(intent.arg, stance, STRONG if intent.strong else SOFT, intent.text)
        what = "talking" if pref.modality == "speech" else f"'{pref.text}'"
        effect = ("weighs speech evidence " + ("up" if stance == "like" else "down")
                  if pref.modality == "speech" else
                  "is left out unless you ask for it" if stance == "dislike" else
                  "weighs more, and may fill spare time")
        return Reply(stance, editor.cut, lines=(
            f"noted: you {stance} {what}; from the next plan on it {effect} "
            f"(cutbot profile forget {pref.text} undoes it)",))
    cut = editor.cut
    if cut is None or not cut.segments:
        return Reply(stance, cut, lines=("no cut yet: ask for something first",))
    n = intent.segment
    if n is not None and n < 0:  # "i dislike the last clip": a place from the end, read as arrange reads it
        i = piece_index(n, len(cut.segments))
        n = n if i is None else i + 1
    if n is not None and not 1 <= n <= len(cut.segments):
        return Reply(stance, cut, lines=(f"there is no segment {n}: give a number from 1 "
                                         f"to {len(cut.segments)}",))
    topics = topics_of(cut, n)
    for topic in topics:
        profile.note(topic, stance, SOFT, intent.text)
    said = ", ".join(f"'{t}'" for t in topics) or "this"
    lines = [f"noted: you {stance} {said}; future plans weigh it "
             + ("up" if stance == "like" else "down")]
    if stance == "dislike" and n is not None and editor.plan is not None:
        seg = cut.segments[n - 1]
        plan = editor.plan.model_copy(update={"skip": editor.plan.skip + (Span(start=seg.start,
                                                                                end=seg.end),)})
        new = editor.apply(plan, intent.text)
        lines.append(f"dropped segment {n} from the cut (undo brings it back)")
        return Reply(stance, new, editor.last_change, tuple(lines))
    return Reply(stance, cut, lines=tuple(lines))
