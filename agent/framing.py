"""How close a person is framed ("the close-up of the astronaut", "no close-ups", "the
wide shot"), read from the face boxes the index stores: no model, no label says it.

A shot is a close-up of a person when their face (median size in frame heights in that
shot, ``person_heights``) fills at least ``FRAMING.close_floor`` of the frame AND is within
``FRAMING.tightest_share`` of that person's tightest framing in the film: "the close-up"
is the tight shot of someone also seen wider. Anything else of theirs is a wide shot
("wide shot", "full body", "not the close-up"). A framing word in a request with one
other subject qualifies that subject ("the astronaut but not the close-up": the close-up
of the astronaut, ``qualify``); alone, it is anyone's close-up.

Also here, as it too answers a person query without picking a person: "the guy who talks
about his dog" said while nobody is on screen is a voice off screen (``offscreen_talk``).
search.Scorer.score asks ``framing_hits`` and ``offscreen_talk`` first; planner.plan_cut
calls ``qualify``.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .hits import QueryHits
from .plan import ConstraintPlan, Query
from .traits import GENDERED_ONE, once
from .word_forms import unarticled

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


@dataclass(frozen=True)
class FramingOptions:
    # Dev measurement (median face size in frame heights per person and shot, person_heights):
    # close-ups 0.53 (the cameraman, twice), 0.65 (the astronaut, twice), 1.11 (Grace Hopper);
    # wide shots 0.31-0.37 (astronaut, cameraman, cartoon people), 0.17 (the footballer).
    # 0.45 sits between the two groups.
    close_floor: float = 0.45
    # Grace Hopper's portrait (0.78) next to her close-up (1.11) is 0.70 of her tightest, and
    # a viewer calls only the second "the close-up"; the cameraman's wide shot is 0.70 of his,
    # the astronaut's 0.5 of hers; each close-up is 1.0 of itself. 0.85: the midpoint.
    tightest_share: float = 0.85


FRAMING = FramingOptions()

# how a viewer colours a shot they remember ("the happy close-up", "a tight close-up"): not a subject
_MOOD = (r"(?:(?:happy|smiley|smiling|grinning|laughing|sad|tight|big|huge|nice|lovely|great|little|small"
         r"|quick|short|brief|good|famous|dramatic|cute|sweet|medium|proper|real)\s+)?")
_KIND = (rf"{_MOOD}(?P<kind>close[- ]?ups?|closeups?|close shots?|tight shots?|extreme close[- ]?ups?"
         r"|wide shots?|wides?|long shots?|full[- ]body(?:\s+shots?)?|full[- ]length(?:\s+shots?)?)")
# "the close-up where the astronaut is grinning at us": who is there, then what they do
_DOING = r"\s+(?:is|are|was|were|looks?|looking|seems?|just)\b.*$|'s\s+(?!face|head).*$"
FRAMING_PHRASE = re.compile(
    rf"^(?:(?:the|a|an|just|only|any|all|every|of)\s+)*{_KIND}"
    r"(?:\s+(?:of|on)\s+(?P<who>.+?)|\s+(?:where|in which|when|that shows|showing)\s+(?P<where>.+?))?$", re.I)
_PRONOUN = re.compile(r"^(?:(?:his|her|their|its|them|him)(?:\s+(?:face|faces|head))?"
                      r"|(?:the\s+)?(?:face|faces))$", re.I)
_FACE = re.compile(r"(?:'s|s')\s+(?:[a-z]+\s+){0,2}(?:face|faces|head)(?:\s+(?:under|in|with|behind|next to)\s+.+)?$"
                   r"|(?<=[a-z])s\s+faces$"  # typed without the apostrophe: "peoples faces", "the kids faces"
                   r"|^(?:the\s+)?(?:[a-z]+\s+)?(?:face|head)\s+of\s+"
                   # what the face does says who no more than the face: "the astronaut smiling"
                   r"|(?<=\w)\s+(?:smiling|grinning|laughing|crying|frowning|talking|speaking|singing|shouting)$", re.I)


@dataclass(frozen=True)
class Framing:
    close: bool  # True: a close-up is asked for; False: a wide shot
    who: str | None  # the person words it is about ("the astronaut"), None: the other subject


_CLOSE_ONE = re.compile(r"^(?:the\s+)?close(?:\s+ones?)?$", re.I)
_AFTER = re.compile(rf"^(?P<who>(?!(?:the|a|an|just|only|any|all|every)$)[\w' -]+?)(?:'s)?\s+{_KIND}$", re.I)


def framing_of(text: str) -> Framing | None:
    """'close up of the astronaut's face' (or 'the astronaut close-up') -> Framing(True,
    'the astronaut'); None when ``text`` asks for no framing."""
    text = " ".join(text.strip().strip(".!?").split())
    if _CLOSE_ONE.match(text):  # "the cameraman, close one first": the close one of the subject
        return Framing(close=True, who=None)
    m = FRAMING_PHRASE.match(text) or _AFTER.match(text)
    if not m:
        return None
    who = (m.groupdict().get("who") or "").strip()
    if m.groupdict().get("where"):
        who = re.sub(_DOING, "", m.group("where").strip(), flags=re.I)
    who = _FACE.sub("", who).strip() if who else ""
    if not who or _PRONOUN.match(who):
        who = None
    kind = m.group("kind").lower()
    return Framing(close=kind.startswith(("close", "closeup", "tight", "extreme")), who=who)


def person_heights(index: Index) -> dict[tuple[int, int], float]:
    """(person, shot) -> median face size in frame heights: the box's height, or its width
    in frame heights when that is more (a face cut off by the frame's edge keeps its width:
    the sample film's cameraman close-up is 0.39 high but 0.53 wide)."""
    aspect = index.media.width / index.media.height if index.media.width and index.media.height else 1.0
    seen: dict[tuple[int, int], list[float]] = {}
    for f in index.faces:
        if f.person:
            size = max(f.box[3] - f.box[1], (f.box[2] - f.box[0]) * aspect)
            seen.setdefault((f.person, f.shot), []).append(size)
    return {k: statistics.median(v) for k, v in seen.items()}


def close_ups(index: Index, options: FramingOptions = FRAMING) -> dict[tuple[int, int], bool]:
    """(person, shot) -> whether that shot is a close-up of that person (read once per index)."""
    return dict(once(index, ("framing.close_ups", options), lambda: _close_ups(index, options)))


def _close_ups(index: Index, options: FramingOptions) -> dict[tuple[int, int], bool]:
    heights = person_heights(index)
    tightest: dict[int, float] = {}
    for (pid, _), h in heights.items():
        tightest[pid] = max(tightest.get(pid, 0.0), h)
    return {(pid, shot): h >= options.close_floor and h >= options.tightest_share * tightest[pid]
            for (pid, shot), h in heights.items()}


# "any woman on screen", "whenever the man is on screen": one gendered person noun, asked as a picture
_SEEN_ONE = re.compile(r"^(?:(?:the|a|an|any|every|that)\s+)?" + GENDERED_ONE + "$", re.I)


def seen_gender(scorer, query: Query, loose: bool = False) -> QueryHits | None:
    """A gendered person noun asked as a picture (the parser reads "any woman on screen" as "woman",
    visual): no classifier label says it, so the faces answer, narrowed by what the film's words
    say of them (who.anyone_evidence through the people path); None for anything else."""
    if query.modality != "visual" or query.exact or not _SEEN_ONE.match(query.text.strip()) \
            or not scorer.index.people:
        return None
    found = scorer.score(Query(text=query.text, modality="person", who="anyone"), loose=loose)
    return found.narrowed(query, found.mask, f"'{query.text}' on screen: the faces of people the film's words "
                                             "do not call otherwise") if found.mask.any() else None


def framing_hits(scorer, query: Query, loose: bool = False) -> QueryHits | None:
    """Hits for a framing query ("close-up of the astronaut", "close-ups"): the shots of
    the person asked (anyone when none) framed that way; None when ``query`` asks for no
    framing. Words that name no person ("a close-up of the clock") answer as pictures of
    the thing, as "shots of" does: only faces have a framing here."""
    asked = framing_of(query.text)
    if asked is None or query.exact:
        return seen_gender(scorer, query, loose)
    index: Index = scorer.index
    base_q = Query(text=asked.who, modality=query.modality, who=query.who) if asked.who else \
        Query(text="people", modality="person", who="anyone")
    base = scorer.score(base_q, loose=loose)
    on: dict[int, set[int]] = {}
    for tr in index.face_tracks:
        if tr.person and base.mask[tr.shot]:
            on.setdefault(tr.shot, set()).add(tr.person)
    if asked.who and not any(e.modality == "person" for evs in base.evidence for e in evs):
        on = {}  # the words name no person: faces that happen to be there say nothing of it
    if not on and asked.who:  # "a close-up of the clock": the framing of a thing is pictures of the thing
        seen = scorer.score(Query(text=asked.who, modality="visual" if query.modality == "any" else query.modality),
                            loose=loose)
        thing = unarticled(asked.who)
        return seen.narrowed(query, seen.mask, f"no face where '{asked.who}' is: pictures of the {thing}")
    if not on:
        return base.narrowed(query, np.zeros(len(index.shots), bool), "nobody's face is on screen")
    close = close_ups(index)
    keep = np.array([any(close.get((p, s), False) == asked.close for p in on.get(s, ()))
                     for s in range(len(index.shots))], bool) & base.mask
    kind = "close-up" if asked.close else "wide shot"
    rule = (f"a {kind}: the face fills {'at least' if asked.close else 'less than'} "
            f"{FRAMING.close_floor:.0%} of the frame {'and is' if asked.close else 'or is not'} within "
            f"{1 - FRAMING.tightest_share:.0%} of the person's tightest framing")
    return base.narrowed(query, keep, f"'{query.text}' read from the face boxes as {rule} "
                                      f"({int(keep.sum())} shot(s))")


_HE = re.compile(r"^(?:he|she|him|her|he's|she's|he is|she is)$", re.I)
_TALKING = re.compile(r"^(?:the\s+)?(?P<who>[a-z]+)(?:'s)?\s+(?:is\s+)?(?:talking|speaking|talks|speaks|says|lines|voice)$",
                      re.I)


def _pronoun(plan: ConstraintPlan) -> ConstraintPlan:
    """"Max talking but not when he's on screen": a pronoun seen (visual or person) is the one
    person the request's one other subject names, on screen ("max on screen")."""
    subjects = [q for q in plan.include if q.modality != "silence" and not q.exact]
    m = _TALKING.match(subjects[0].text.strip()) if len(subjects) == 1 else None
    who = m.group("who") if m else subjects[0].text.strip() if len(subjects) == 1 and \
        re.fullmatch(r"[a-z]+", subjects[0].text.strip(), re.I) else None
    if who is None:
        return plan

    def fix(q: Query) -> Query:
        seen = q.modality in ("visual", "person") and _HE.match(q.text.strip())
        return q.model_copy(update={"text": f"{who} on screen", "modality": "visual", "who": None}) if seen else q

    return plan.model_copy(update={"exclude": tuple(fix(q) for q in plan.exclude)})


def qualify(plan: ConstraintPlan) -> ConstraintPlan:
    """A framing word that names nobody ("the astronaut but not the close-up", "astronaut
    shots, close up first", "the navy officer, only the close up of her face") is about the
    request's one other subject: its text becomes "close-up of <subject>" (and the play
    order follows). With no or several other subjects it stays anyone's close-up. A pronoun
    seen in an exclusion is that subject too (``_pronoun``)."""
    plan = _pronoun(plan)
    subjects = [q for q in plan.include if framing_of(q.text) is None and q.modality != "silence"
                and not q.exact]
    if len(subjects) != 1:
        return plan
    subject = subjects[0]
    renamed: dict[str, str] = {}

    def fix(q: Query) -> Query:
        asked = framing_of(q.text)
        if asked is None or asked.who is not None:
            return q
        kind = "close-up" if asked.close else "wide shot"
        new = f"{kind} of {subject.text}"
        renamed[q.text.casefold()] = new
        return q.model_copy(update={"text": new, "modality": subject.modality, "who": subject.who})

    include, exclude = tuple(fix(q) for q in plan.include), tuple(fix(q) for q in plan.exclude)
    if not renamed:
        return plan
    sequence = tuple(renamed.get(t.casefold(), t) for t in plan.sequence)
    framed = [q for q, old in zip(include, plan.include) if q is not old]
    if framed and not sequence:
        # "the astronaut, only the wide shot": the framing narrows its subject (with no
        # order between them, keeping the subject too would undo it)
        include = tuple(q for q in include if q is not subject)
    return plan.model_copy(update={"include": include, "exclude": exclude, "sequence": sequence})


# "the guy who talks about his dog": a person picked by what they say.
_TALKER = re.compile(
    r"^(?:the\s+)?(?:woman|man|person|guy|girl|boy|lady|gentleman|kid|child|one|someone|somebody|whoever|"
    r"fellow|chap|bloke|dude|voice|narrator|speaker)\s+(?:(?:who|that)\s+)?(?:is\s+|was\s+)?"
    r"(?:talks?|talking|speaks?|speaking|goes on|going on|chats?|chatting|rambles?|rambling)\s+(?:about|of|on about)\s+"
    r"(?P<what>.+)$", re.I)


def offscreen_talk(scorer, query: Query, loose: bool = False):
    """"the woman who talks about breakfast" where the talk is found but no face is on
    screen in any shot it is said in: the voice belongs to nobody on screen (a narrator,
    someone off camera), so the answer is the moments it is said, and the note says that
    assumption. None when the words pick no talker, the talk is not found, or a face is
    there (then the person on screen is the talker: people.resolve_person)."""
    m = _TALKER.match(" ".join(query.text.strip().strip(".!?\"'").split()))
    if m is None or query.exact:
        return None
    what = re.sub(r"^(?:(?:his|her|their|the|a|an|some)\s+)", "", m.group("what").strip())
    said = scorer.score(Query(text=what, modality="speech"), loose=loose)
    if not said.mask.any():
        return None
    faced = {tr.shot for tr in scorer.index.face_tracks if tr.person}
    if faced & set(np.flatnonzero(said.mask).tolist()):
        return None
    return said.narrowed(query, said.mask, f"nobody is on screen while '{what}' is said: the voice is "
                                           f"taken as someone off screen, so these are the moments it is said")
