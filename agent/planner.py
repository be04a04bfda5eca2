"""ConstraintPlan + Index -> Cut: select, give clean edges, drop exclusions, fit the budget.

The steps run in an order that makes the guarantees hold by construction: pieces get
their edges (shot, sentence or moment, plus padding, never inside a word) and are
merged first; excluded material is subtracted after that, so padding and merging
cannot bring it back; the budget is fitted last, on the lengths that will play.
"""
from __future__ import annotations

import dataclasses
import weakref
from typing import TYPE_CHECKING

import numpy as np

from cutbot.indexers.errors import CutbotError
from cutbot.indexers.intervals import Interval

from . import addressed, edges, framing, quotes, relatives, seen_hits, voices
from .arrange import arranged, in_order
from .asides import polite_edges
from .budget import clip_lengths, fit_budget, summarised
from .calibration import SPEECH_TIMELINE
from .cut import Cut, Segment
from .edges import Piece, Words
from .errors import NothingMatched, PlanError
from .fill import fill
from .hits import QueryHits, fused
from .lookalikes import look_alikes, names_person, same_faces
from .plan import ConstraintPlan, Query, clock
from .search import Scorer
from .subjects import said_seen
from .frames import SILENT_SHOT
from .positions import (anchored, apart, contested, describe, found_by, group_of, in_sequence, members_only, named_first, picked,
                        picked_out, place_shots, position_of, sizes_of, stretch_of)

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


_EDGES: "weakref.WeakKeyDictionary[Scorer, tuple[Words, list[int]]]" = weakref.WeakKeyDictionary()


def _film_edges(scorer: Scorer) -> tuple[Words, list[int]]:
    """The film's word timeline and scenes, built once per scorer (per film), kept beside it, not on it."""
    if scorer not in _EDGES:
        index = scorer.index
        _EDGES[scorer] = (Words(index.sentences, index.shots), edges.scenes_of(index.shots, index.sentences))
    return _EDGES[scorer]


def plan_cut(plan: ConstraintPlan, index: Index, request: str = "",
             scorer: Scorer | None = None, listen: bool = True) -> Cut:
    """``listen=False``: a name never written is not listened for here (a library decides
    where a second listen is worth its minutes: library_plan.listen_across)."""
    scorer = scorer or Scorer(index)
    plan, notes = said_whole(plan, request, scorer)
    if listen:
        addressed.listen_again(index, plan, lambda: set(voices.named_voices(index).names))  # a name never written
    words, scenes = _film_edges(scorer)
    span = index.media.usable_duration  # a damaged film: the part that reads
    lo, hi = plan.window.resolve(span) if plan.window else (0.0, span)
    if plan.window and (plan.window.anchors or plan.window.point):  # "everything after the wedding", "the scene at 1:45"
        lo, hi = anchored(plan.window, scorer.score, index.shots, scenes, lo, hi, plan.pick.unit if plan.pick else "scene")
    if plan.duration.min and plan.duration.min > hi - lo + 0.5:  # "at least twenty minutes" of a 10-minute film
        where = "the part of the film asked for" if plan.window else "the film"
        raise PlanError(f"at least {clock(plan.duration.min)} asked, but {where} is only {clock(hi - lo)} long")
    plan = summarised(framing.qualify(plan), hi - lo, notes)  # "but not the close-up": of the subject
    plan = contested(plan, lambda p: _placed(p, index, scorer, words, scenes, lo, hi, []), notes)  # "whichever..."
    pieces = _placed(plan, index, scorer, words, scenes, lo, hi, tried := []) or apart(
        plan, request, lambda p, said: _placed(p, index, scorer, words, scenes, lo, hi, said), tried)
    notes.extend(tried)
    if not pieces:  # ...and the relative the picture shows instead, where one is (relatives.seen_instead)
        raise NothingMatched(_nothing_message(plan) + "".join(f"; {n}" for n in notes if n.startswith((relatives.SEEN, seen_hits.UNTOLD))))
    if plan.pick and (plan.include or not plan.exclude):  # "the first three dog scenes" (each count its own)
        for pick in (plan.pick, *plan.more_picks):
            pieces = picked(pieces, pick, notes, words, None if plan.more_picks else plan.duration.target or plan.duration.max)
    elif plan.include and (plan.duration.target or plan.duration.min) and not any(map(position_of, plan.include)):
        pieces = fill(plan, index, scorer, words, scenes, lo, hi, pieces, notes, heard=not said_seen(request))
    quiet = any(q.modality == "silence" for q in plan.include)  # gaps must not bridge speech
    pieces = edges.merge(pieces, edges.MERGE_GAP if plan.include and not quiet else edges.EPS)
    banned = _banned(plan, index, scorer, notes)
    if banned:
        before = sum(p.duration for p in pieces)
        kept = edges.subtract(pieces, banned, words)
        if not kept and plan.include and plan.exclude and (sure := _banned(plan, index, scorer, [], loose=False)):
            # "the fruit but not the orange": recall took every fruit shot for an orange; only the sure ones go
            if kept := edges.subtract(pieces, sure, words):
                banned = sure
                notes.append("everything asked for might also show what is left out: left out only where it is sure")
        pieces = kept
        left_out = before - sum(p.duration for p in pieces)
        if left_out > edges.EPS:
            why = []
            if plan.exclude:
                why.append("that showed or mentioned " + " or ".join(f"'{q.text}'" for q in plan.exclude))
            if plan.skip:
                why.append("that you dropped")
            notes.append(f"left out {left_out:.1f} s " + " or ".join(why))
    kept = clip_lengths(pieces, plan.duration, words, notes)  # "no scene under 4 s", "each clip under 5 s"
    if not kept:
        raise NothingMatched(_nothing_message(plan, excluded=bool(banned)) + (f"; {notes[-1]}" if pieces else ""))
    pieces = kept
    if plan.sequence:
        pieces = members_only(pieces, plan.sequence, plan.include)
    if plan.sequence and plan.duration.upper:  # "the astronaut first, under 90 s": the opener survives the fit
        pieces = _ends_kept(pieces, plan.sequence)
    fit = fit_budget(pieces, plan.duration, words, has_subject=bool(plan.include))
    notes.extend(fit.notes)
    spoken = [(x.start, x.end) for x in index.sentences] if quiet else []
    if plan.sequence:  # pieces of different groups never join: each plays in its group's place
        groups: dict[str, list[Piece]] = {}
        answers = named_first(fit.kept, plan.sequence)  # "the holiday bits, Lisbon first"
        sizes = sizes_of(answers)
        for p, said in zip(fit.kept, answers):
            groups.setdefault(group_of(said, plan.sequence, sizes), []).append(p)
        total = sum(p.duration for p in fit.kept)
        upper = plan.duration.upper
        joined = [j for g in groups.values() for j in _join(
            g, banned + spoken, upper and upper - total + sum(p.duration for p in g))]
    else:
        joined = _join(fit.kept, banned + spoken, plan.duration.upper)
    segments = in_order([_segment(p) for p in joined], plan.order)
    if plan.sequence:  # group order: "open with X", "Y before X"
        segments = in_sequence(segments, plan.sequence, sizes, named_first(segments, plan.sequence),
                               plan.include[0].text if plan.include else "")
    segments = arranged(segments, plan.arrange)  # "swap the first two": the order set by hand
    return Cut(source=index.media.path, request=request, segments=tuple(segments),
               constraints=plan.model_dump(mode="json"), notes=tuple(dict.fromkeys(notes)))


def said_whole(plan: ConstraintPlan, request: str, scorer: Scorer) -> tuple[ConstraintPlan, list[str]]:
    """"three weeks for ten minutes": a request one line says word for word is that line, typed
    without quote marks, whatever the parser made of its words (quotes.said_whole)."""
    line = polite_edges(request).strip(" .!?") if request else ""
    said = plan.include[0] if len(plan.include) == 1 and plan.include[0].modality == "speech" else None
    said = said if said and said.text.lower() in line.lower() else None  # "the line X": its words, the rest kept
    line = said.text if said else line
    if not line or any(q.exact for q in plan.include) or not quotes.said_whole(scorer.transcript, line):
        return plan, []
    whole = plan.model_copy(update={"include": (said.model_copy(update={"exact": True}),)}) if said else \
        ConstraintPlan(include=(Query(text=line, modality="speech", exact=True),))
    return whole, [f"'{line}' is a line of the film, typed without quote marks: the cut is that line"]


def _placed(plan: ConstraintPlan, index: Index, scorer: Scorer, words: Words, scenes: list[int],
            lo: float, hi: float, notes: list[str]) -> list[Piece]:
    """The candidates, where a subject picked by its place ("the opening shot", "the
    second cat", ``positions.py``) is that shot or scene, not a search for its words."""
    places = [(q, position_of(q)) for q in plan.include]
    if not any(p for _, p in places):
        return _candidates(plan, index, scorer, words, scenes, lo, hi, notes)
    rest = tuple(q for q, p in places if p is None)
    out = _candidates(plan.model_copy(update={"include": rest}), index, scorer, words, scenes,
                      lo, hi, notes) if rest else []
    for q, pos in ((q, p) for q, p in places if p):
        plo, phi = stretch_of(pos, lo, hi)  # "the first 5 min": that much of the window; else all of it
        within = [i for i, s in enumerate(index.shots)
                  if min(s.end, phi) - max(s.start, plo) > (edges.EPS if pos.seconds else s.duration / 2)]
        chosen = place_shots(pos, len(index.shots), scenes, _shots_of(pos, q, scorer), within)
        if not chosen:
            notes.append(f"there is no {describe(pos)[4:]} in the film for '{q.text}'")
        for i in chosen:
            s = index.shots[i]
            span = edges.pad((max(s.start, plo), min(s.end, phi)), plan.padding, lo, hi, words)
            if span and span[1] - span[0] > edges.EPS:
                out.append(Piece(*span, span[1] - span[0], 1.0, (i,),
                                 [f"{describe(pos)}, for '{q.text}'"], scene=scenes[i]))
    return out


def _shots_of(pos, query: Query, scorer: Scorer, loose: bool = False) -> list[int]:
    """The shots where a positional query's subject shows ("the second cat": the cats)."""
    if not pos.subject:
        return []
    hits = scorer.score(query.model_copy(update={"text": pos.subject}), loose=loose)
    return [int(i) for i in np.flatnonzero(hits.mask)]


def _candidates(plan: ConstraintPlan, index: Index, scorer: Scorer, words: Words,
                scenes: list[int], lo: float, hi: float, notes: list[str]) -> list[Piece]:
    """One piece per (query, hit shot) inside the window, with its edges already clean."""
    inside = [s for s in index.shots if s.end > lo + edges.EPS and s.start < hi - edges.EPS]
    if not plan.include:
        placed = _placed_only(plan, scorer, notes)
        out = []
        for s in inside:
            span = edges.pad((max(s.start, lo), min(s.end, hi)), 0.0, lo, hi, words)
            if span:
                marks = placed.get(s.index, [])
                out.append(Piece(*span, 0.0, 1.0, (s.index,),
                                 [e.describe() for e in marks] or ["no subject asked: the film within the window"],
                                 scene=scenes[s.index], evidence=marks))
        return out
    pieces: list[Piece] = []
    # "the dogs where nobody talks": the dogs' shots, only where nobody talks (fused in _hits)
    quiet = next((q.text for q in plan.include if q.modality == "silence"), None) if plan.match == "all" else None
    for query, hits in _hits(plan, scorer, notes):
        found = 0
        least = edges.quiet_floor(inside, [hits.evidence[s.index] for s in inside], quiet,
                                  SPEECH_TIMELINE.silence_least) if quiet else 0.0
        for shot in inside:
            strength = hits.strength[shot.index]
            if np.isnan(strength):
                continue
            evidence = hits.evidence[shot.index]
            if query.modality == "silence":  # each quiet stretch is its own piece ("the dogs
                # where nobody talks" is fused above and keeps every gap of the dogs' shots)
                for e in evidence:
                    a, b = max(e.start, lo), min(e.end, hi)
                    whole = e.start <= shot.start + edges.EPS and e.end >= shot.end - edges.EPS
                    if not whole and (b - a < SPEECH_TIMELINE.silence_least or query.text == SILENT_SHOT):
                        continue  # a pause after a line, not a part where nobody talks
                    if b - a > edges.EPS:
                        found += 1
                        pieces.append(Piece(a, b, float(strength) * (b - a), e.score, (shot.index,),
                                            [e.describe()], (a + b) / 2, scenes[shot.index], [e]))
                continue
            span = edges.evidence_span(shot, evidence, plan.granularity)
            span = edges.pad(span, plan.padding, lo, hi, words)
            if span is None:
                continue
            best = evidence[0]
            reasons = [e.describe() for e in evidence] + ([f"padded {plan.padding:g} s for context"] if plan.padding else [])
            for a, b in edges.quiet_parts(span, evidence, quiet, shot, least, quiet == SILENT_SHOT):
                found += 1
                pieces.append(Piece(a, b, float(strength) * query.weight * (b - a), best.score,
                                    (shot.index,), reasons, (best.start + best.end) / 2,
                                    scenes[shot.index], list(evidence)))
        if not found and hits.mask.any():
            notes.append(f"'{query.text}' matches only outside the time window asked for")
        elif not found:
            notes.append(nothing_note(query.text))
    return pieces


def _ends_kept(pieces: list[Piece], sequence: tuple[str, ...]) -> list[Piece]:
    """The best piece of the group asked to play first, then of the one asked to play last, outweigh
    all the rest, so a length never leaves out the opening or the closing the viewer placed."""
    named = [t.casefold() for t in sequence if t != "*"]
    total, out = sum(p.value for p in pieces), list(pieces)
    for weight, end in zip((2.0, 1.0), dict.fromkeys(named[:1] + (named[-1:] if sequence[-1] != "*" else []))):
        if mine := [p for p in out if found_by(p, end)]:
            best = max(mine, key=lambda p: p.value)
            out = [dataclasses.replace(p, value=(total + 1.0) * weight) if p is best else p for p in out]
    return out


def nothing_note(text: str) -> str:
    """The note a subject the film lacks leaves on a cut that other subjects made."""
    return f"nothing in the film matches '{text}'"


def _placed_only(plan: ConstraintPlan, scorer: Scorer, notes: list[str]) -> dict[int, list]:
    """Shot -> evidence of the subjects a whole-film cut only places ("the whole film, but
    open with the temple": sequence ("temple", "*") and no subject kept alone)."""
    out: dict[int, list] = {}
    for text in (t for t in plan.sequence if t != "*"):
        hits = scorer.score(Query(text=text))
        notes.extend(hits.notes)
        if not hits.mask.any():
            notes.append(f"nothing in the film matches '{text}': the film plays in its own order")
        for i in np.flatnonzero(hits.mask):
            out.setdefault(int(i), []).extend(hits.evidence[i])
    return out


def _hits(plan: ConstraintPlan, scorer: Scorer, notes: list[str]):
    """(query, hits) per include query; with ``match == "all"`` one fused entry that
    keeps only the shots every query hits (its strength: the weakest of them)."""
    found = [(q, scorer.score(q)) for q in plan.include]
    beside = [(q, scorer.score(q)) for q in plan.also]  # each alone, beside the narrowed subjects
    notes.extend(n for _, hits in found + beside for n in hits.notes)
    if plan.match != "all" or len(found) < 2:
        return found + beside
    quiet = [(q, h) for q, h in found if q.modality == "silence"]
    said = [(q, h) for q, h in found if q.modality != "silence"]
    if quiet and len(said) > 1:  # "the cartoons or the drawings with no voice-over": either, where quiet
        return [fused(quiet + [fused(said, all_=False)])] + beside
    return [fused(found)] + beside


def _banned(plan: ConstraintPlan, index: Index, scorer: Scorer, notes: list[str], loose: bool = True) -> list[Interval]:
    """Where excluded things are: their whole shots, any sentence naming them, and their
    look-alikes (``lookalikes.look_alikes``); ``loose=False``: only where they are sure."""
    banned: list[Interval] = []
    # a look-alike is a guess: it never takes a shot that what was asked for clearly shows
    asked = [scorer.score(q) for q in plan.include]
    wanted = {int(i) for h in asked for i in np.flatnonzero(h.mask)}
    seen = {i for h in asked for i in wanted if h.mask[i] and _pictured(h, i)}  # asked for by its picture
    count, kept = plan.pick if not plan.include else None, {q.text.casefold() for q in plan.include}  # "drop the first
    # two cat shots"; "the astronaut except the first one": the first astronaut the cut shows, not a loose look-alike
    for query in plan.exclude:
        mark, pos = len(banned), position_of(query)
        if pos is not None:  # "cut the second cat": that scene of the cat, not every cat
            chosen = place_shots(pos, len(index.shots), _film_edges(scorer)[1],
                                 _shots_of(pos, query, scorer, loose=pos.subject not in kept))  # a kept one: as kept
            banned.extend((index.shots[i].start, index.shots[i].end) for i in chosen)
            if not chosen:
                notes.append(f"there is no {describe(pos)[4:]} in the film for '{query.text}'")
            continue
        try:
            hits = scorer.score(query, loose=loose)  # recall first: "without X" leaves no X
        except NothingMatched as exc:  # "cut the guy with glasses" where nobody wears any: nothing to cut
            notes.append(f"{exc}: nothing is cut for '{query.text}'")
            continue
        any_ = query.model_copy(update={"modality": "any"})
        # "cut every shot of X": X named aloud is X's shot too; but not X's VOICE (people7)
        if loose and query.modality == "visual" and voices.voice_ask(index, any_) is None:
            wide = scorer.score(any_, loose=True)
            hits = QueryHits(query, np.where(hits.mask, hits.strength, wide.strength), tuple(
                a or b for a, b in zip(hits.evidence, wide.evidence)), hits.notes)
        notes.extend(hits.notes)
        if query.modality == "silence":  # "skip the parts where nobody talks": the quiet
            banned.extend(_quiet_stretches(hits, index, query))  # stretches, not whole shots
            continue
        sure = scorer.score(query).mask if seen else None
        for shot in np.flatnonzero(hits.mask):
            if sure is not None and shot in seen and not sure[shot] and not _pictured(hits, shot):
                continue  # "the animals except the cat": a word like "cat" never drops the rabbit
            s = index.shots[int(shot)]
            banned.append((s.start, s.end))
            banned.extend(edges.speech_edges(s, e) for e in hits.evidence[int(shot)] if e.modality == "speech")
        for shot, span in look_alikes(scorer, query, np.flatnonzero(hits.mask), hits.evidence,
                                      names_person(query)) if loose else ():
            s = index.shots[shot]  # recall: X's look-alike shot, or a line like X's lines
            if shot not in wanted:
                banned.extend([(s.start, s.end), span] if span else [(s.start, s.end)])
        faces = _faces_of(scorer, query)  # "without Grace Hopper": every shot of her face
        faces += same_faces(index, scorer, hits, query)  # "no astronaut": hers too
        for shot in faces:
            s = index.shots[shot]
            banned.append((s.start, s.end))
        if not hits.mask.any() and not faces:
            notes.append(f"nothing to leave out for '{query.text}': the film does not show it")
        if count:
            banned[mark:] = picked_out(banned[mark:], count, index.shots, _film_edges(scorer)[1], hits.strength)
    banned.extend(edges.pointed_out([(s.start, s.end) for s in plan.skip], index.shots))  # pointed at and dropped
    return banned


def _pictured(hits: QueryHits, shot) -> bool:
    return any(e.modality == "visual" for e in hits.evidence[int(shot)])


def _quiet_stretches(hits: QueryHits, index: Index, query: Query) -> list[Interval]:
    """Where nobody talks, as ``_candidates`` reads it: a whole shot without a word, or a
    stretch long enough to be a part where nobody talks (a pause after a line is not)."""
    out: list[Interval] = []
    for shot in np.flatnonzero(hits.mask):
        s = index.shots[int(shot)]
        for e in hits.evidence[int(shot)]:
            whole = e.start <= s.start + edges.EPS and e.end >= s.end - edges.EPS
            if whole or (e.end - e.start >= SPEECH_TIMELINE.silence_least and query.text != SILENT_SHOT):
                out.append((e.start, e.end))
    return out


def _faces_of(scorer: Scorer, query: Query) -> list[int]:
    """Shots where the person an exclusion names is on screen (none when it names nobody)."""
    if query.modality in ("person", "speech", "silence") or query.exact:
        return []
    try:
        hits = scorer.score(Query(text=query.text, modality="person"), loose=True)
    except CutbotError:  # names nobody: the other evidence decides alone
        return []
    return [int(i) for i in np.flatnonzero(hits.mask)
            if any(e.modality == "person" for e in hits.evidence[int(i)])]


def _join(kept: list[Piece], banned: list[Interval], upper: float | None) -> list[Piece]:
    """Play pieces less than a small gap apart as one segment, when the gap holds nothing
    excluded and the budget has room for it; touching pieces always join."""
    room = (upper - sum(p.duration for p in kept)) if upper else float("inf")
    out: list[Piece] = []
    for p in sorted(kept, key=lambda p: p.start):
        gap = p.start - out[-1].end if out else float("inf")
        clean = all(b1 <= p.start - gap or b0 >= p.start for b0, b1 in banned)
        if gap <= edges.EPS or (gap <= edges.MERGE_GAP and gap <= room and clean):
            room -= max(gap, 0.0)
            out[-1] = edges.merge([out[-1], p], gap=max(gap, 0.0) + edges.EPS, scenes_apart=True)[0]
        else:
            out.append(p)
    return out


def _segment(p: Piece) -> Segment:
    return Segment(p.start, p.end, p.score, tuple(dict.fromkeys(p.reasons)), p.shots,
                   evidence=tuple(dict.fromkeys(p.evidence)))


def _nothing_message(plan: ConstraintPlan, excluded: bool = False) -> str:
    if plan.include:  # "the cuppa where the weather is read out": both at once, not either
        together = plan.match == "all" and len(plan.include) > 1
        asked = (" and " if together else " or ").join(f"'{q.text}'" for q in plan.include)
        if excluded:
            return f"everything matching {asked} is also excluded"
        return f"nothing in the film matches {asked}{' at once' if together else ''}"
    return "the request leaves nothing of the film (check the window and exclusions)"
