"""A subject picked by its place: "the opening shot", "the last scene", "the second cat".

The parser is index-free, so such a subject reaches the planner as its words
("second cat", "last scene"); only the planner knows the film's shots and where each
subject shows. Here those words become the spans of that shot, that scene, or the nth
scene where the subject shows, which the planner keeps or drops. Without this, "cut the
second cat" searched for "second cat" and removed every cat.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from cutbot.indexers.intervals import union

from . import edges
from .errors import NothingMatched
from .numbers import COUNTS, NEXT_TO_LAST, SPAN, STRETCH, clock_seconds, number, ordinal, span_words, stretch_words
from .plan import ConstraintPlan, Query
from .traits import first_names

_PLACE = (rf"{NEXT_TO_LAST}|first|opening|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final"
          r"|closing|ending|\d+(?:st|nd|rd|th)")
POSITION = re.compile(rf"^(?:the\s+)?(?:very\s+)?(?P<pos>{_PLACE})\s+(?P<rest>[a-z][\w' -]*)$", re.I)
SHOT_UNITS = {"shot", "shots", "clip", "clips", "image", "picture", "frame"}
SCENE_UNITS = {"scene", "scenes", "bit", "part", "one", "section", "segment", "moment", "sequence"}
_SYNONYM = {"opening": 1, "closing": -1, "ending": -1}
_UNIT_OF = re.compile(r"^(?:scene|shot|bit|part|clip|moment|one)\s+(?:with|of|where|showing|featuring)\s+"
                      r"(?:the\s+|a\s+|an\s+)?(?P<x>[a-z].*)$")
#: "first aid", "second hand", "last minute": an ordinal that is part of a compound noun
_COMPOUND = set("""aid class lady hand person base floor date world place time half minute
    rate mate wind nature sight thought round gear language name light""".split())
#: "the last few seconds", "the first two minutes": a stretch of time, not a placed subject
_STRETCH = re.compile(r"^(?:\d+|few|couple|several|one|two|three|four|five|six|seven|eight|nine|ten|"
                      r"twenty|thirty|forty|fifty|sixty)\b|\b(?:seconds?|secs?|minutes?|mins?|hours?)$")


#: "the shots either side of the butterfly" reaches here as "beside the butterfly" (counts.py)
_BESIDE = re.compile(r"^(?:the\s+)?(?:(?:shots?|scenes?|clips?|bits?|pictures?)\s+)?beside\s+(?:the\s+|a\s+|an\s+)?"
                     r"(?P<x>[a-z][\w' -]*)$", re.I)


@dataclass(frozen=True)
class Position:
    """The ``n``-th (1-based; -1 the last) ``unit`` ("shot"/"scene") or scene of ``subject``;
    ``beside``: the shots right before and after the subject's own (n and unit unused); ``seconds``:
    that much of one end of the window asked, cut where it ends."""

    n: int
    unit: Optional[str] = None
    subject: str = ""
    beside: bool = False
    seconds: float = 0.0  # a stretch at the film's start (n 1) or end (n -1): "the first and last minute"
    start: Optional[float] = None  # ...or from this point of the film: "0:30 to 1:10, plus the goat"


def position_of(query: Query) -> Optional[Position]:
    """The place a query names, or None for an ordinary subject ("first aid" stays one:
    only a shot/scene word or a short subject after an ordinal counts)."""
    if query.exact or query.who:
        return None
    if span := SPAN.match(query.text):
        a, b = clock_seconds(span["a"]), clock_seconds(span["b"])
        return Position(1, seconds=b - a, start=a)
    if stretch := STRETCH.match(query.text):
        return Position(1 if stretch["which"] == "first" else -1, seconds=float(stretch["v"]) * (60 if stretch["u"] == "min" else 1))
    if beside := _BESIDE.match(query.text.strip()):
        return Position(0, "shot", beside.group("x"), beside=True)
    m = POSITION.match(query.text.strip())
    if m is None:
        return None
    word = m.group("pos").lower()
    n = _SYNONYM.get(word) or ordinal(word)
    rest = m.group("rest").strip().lower()
    if not n:
        return None
    if rest in SHOT_UNITS:
        return Position(n, "shot")
    if rest in SCENE_UNITS:  # "the first scene with talk" reaches here as a speech "first scene"
        return Position(n, None, "talk") if query.modality == "speech" else Position(n, "scene")
    if m := _UNIT_OF.match(rest):  # "the first scene with the bow tie guy": the first scene of him
        return Position(n, None, m.group("x"))
    if word in _SYNONYM or len(rest.split()) > 3 or rest.split()[0] in _COMPOUND or _STRETCH.search(rest):
        return None  # "the closing credits", "opening night": a subject with its own name
    return Position(n, None, rest)


def pick(groups: Sequence[Sequence[int]], n: int) -> list[int]:
    """The ``n``-th group (1-based, -1 last) of shot indexes, or [] when there are fewer."""
    if n < 0:  # -1 the last, -2 the one before it
        return list(groups[n]) if len(groups) >= -n else []
    return list(groups[n - 1]) if 0 < n <= len(groups) else []


def scene_groups(shots: Sequence[int], scenes: Sequence[int]) -> list[list[int]]:
    """Shot indexes (in film order) grouped by the scene they belong to."""
    groups: dict[int, list[int]] = {}
    for s in sorted(shots):
        groups.setdefault(scenes[s], []).append(s)
    return list(groups.values())


def stretch_of(pos: Position, lo: float, hi: float) -> tuple[float, float]:
    """The part of the window ``lo``-``hi`` a stretch keeps ("the first 5 min"); all of it for other places."""
    if not pos.seconds:
        return lo, hi
    if pos.start is not None:
        return max(lo, pos.start), min(hi, pos.start + pos.seconds)
    return (lo, min(hi, lo + pos.seconds)) if pos.n > 0 else (max(lo, hi - pos.seconds), hi)


def place_shots(pos: Position, n_shots: int, scenes: Sequence[int],
                matching: Sequence[int] = (), within: Sequence[int] | None = None) -> list[int]:
    """The shot indexes a position names: a shot, a scene, or the nth scene of the
    subject's ``matching`` shots; counted among the shots ``within`` the asked window when
    one is given ("the first shot after the cat", "the last scene of the first half")."""
    shots = range(n_shots) if within is None else within
    if pos.seconds:  # a stretch: every shot in it (``within`` is the stretch)
        return list(shots)
    if pos.beside:  # the neighbours of each stretch of the subject's shots, never its own
        own = set(matching)
        return sorted({j for i in own for j in (i - 1, i + 1)} & set(shots) - own)
    if pos.unit == "shot":
        return pick([[i] for i in shots], pos.n)
    if pos.unit == "scene":
        return pick(scene_groups(shots, scenes), pos.n)
    inside = set(shots)
    return pick(scene_groups([i for i in matching if i in inside], scenes), pos.n)


def describe(pos: Position) -> str:
    """ "the 2nd scene with cat", "the last shot": how the note names the place."""
    if pos.beside:
        return f"the shots either side of {pos.subject}"
    if pos.start is not None:
        return "the stretch " + span_words(pos.start, pos.start + pos.seconds)
    if pos.seconds:
        return "the " + stretch_words("first" if pos.n > 0 else "last", pos.seconds)
    place = "last" if pos.n == -1 else f"{pos.n}{'tsnrhtdd'[(pos.n // 10 % 10 != 1) * (pos.n % 10 < 4) * pos.n % 10::4]}"
    return f"the {place} {pos.unit}" if pos.unit else f"the {place} scene with {pos.subject}"


def named_first(items: Sequence, sequence: Sequence[str]) -> list[list[str]]:
    """The query texts each item (a piece or segment, by its ``evidence``) counts under for
    group order. "the holiday bits, Lisbon first": when a listed part answers every item,
    "X first" orders inside the subject, so only the items where X is said or seen by name
    (its words in the evidence, not a look-alike line) count under X; the rest play after.
    Without a named one, or when all are, nothing changes."""
    answers = [[e.query for e in item.evidence] for item in items]
    for text in (t.lower() for t in sequence if t != "*"):
        under = [i for i, said in enumerate(answers) if text in {q.lower() for q in said}]
        if len(items) < 2 or len(under) < len(items):
            continue
        words = re.findall(r"[a-z0-9']+", text)
        named = {i for i in under if any(e.query.lower() == text and set(words) <= set(
            re.findall(r"[a-z0-9']+", e.detail.lower())) for e in items[i].evidence)}
        if named and len(named) < len(under):
            for i in set(under) - named:
                answers[i] = [q for q in answers[i] if q.lower() != text]
    return answers


#: a group said with its count ("the three introductions", "both trip chats"): it holds that many
_COUNTED = re.compile(rf"^(?P<n>both|{'|'.join(COUNTS)}|\d+)\s+[a-z]", re.I)
_PLURAL = re.compile(r"[a-z]{3,}[^s']s$", re.I)  # "the introductions", "greetings": not "glass", "max's"


def _count(text: str) -> int:
    n = _COUNTED.match(text).group("n").lower()
    return 2 if n == "both" else int(number(n))


def members_only(pieces: list, sequence: Sequence[str], include: Sequence) -> list:
    """"the three introductions but start with max": a subject placed in the order of a counted
    group it is part of is that group's member, so its pieces outside the group's shots go (Max's
    other scenes); a subject none of whose pieces is in the group ("the rockets, cat first") stays
    whole. A person placed in a plural ("everybody introducing themselves, max first") is a member
    too; a thing or a topic placed first ("the kitchen, the old tiles first") is not."""
    said = [{e.query.lower() for e in p.evidence} for p in pieces]
    counted = {g for g in (q.text.lower() for q in include if _COUNTED.match(q.text))
               if len({p.scene for p, s in zip(pieces, said) if g in s}) >= _count(g)}
    plural = {q.text.lower() for q in include if _PLURAL.search(q.text) and not _COUNTED.match(q.text)}
    for text in (t.lower() for t in sequence if t != "*"):
        groups = (counted | (plural if text in first_names() else set())) - {text}
        if groups and any(text in s and s & groups for s in said):
            shots = {k for p, s in zip(pieces, said) if s & groups for k in p.shots}  # the group's shots
            keep = [text not in s or bool(s & groups) or bool(shots.intersection(p.shots)) for p, s in zip(pieces, said)]
            pieces, said = [p for p, k in zip(pieces, keep) if k], [s for s, k in zip(said, keep) if k]
    return pieces


def found_by(piece, text: str) -> bool:
    """Whether the include query ``text`` found ``piece`` (any case)."""
    return any(e.query.casefold() == text.casefold() for e in piece.evidence)


def picked(pieces: list, pick, notes: list[str], words=None, budget: Optional[float] = None) -> list:
    """Only ``pick.n`` of the candidates' scenes (or shots): the first, the last, or the best
    ("the first three dog scenes", "the top five moments"). The best are those of the highest
    relevance per second; where no subject ranks them (a whole-film "top five moments"), they
    are spread evenly over the film, as a summary would be. A length (``budget``) is shared
    by them all ("three 10-second goat clips"): the fit alone would spend it on the first."""
    own = [bool(pick.of) and found_by(p, pick.of) for p in pieces]
    scenes = {p.scene for p, o in zip(pieces, own) if o}
    if pick.of and not any(p.scene in scenes for p, o in zip(pieces, own) if not o):
        # "two goat clips and the kite": the count is the goat's, the kite plays whole (but "both holiday
        # chats, the lisbon one first" counts the chats: what else is asked is among them)
        chosen = picked([p for p, o in zip(pieces, own) if o], pick.model_copy(update={"of": None}), notes, words)
        return sorted(chosen + [p for p, o in zip(pieces, own) if not o], key=lambda p: p.start)
    groups: dict[int, list] = {}
    for p in sorted(pieces, key=lambda p: p.start):
        groups.setdefault(p.scene if pick.unit == "scene" else p.shots[0], []).append(p)
    keys, share = list(groups), budget / pick.n if budget else None
    unit = pick.unit + ("s" if pick.n > 1 else "")
    if len(keys) <= pick.n and pick.which != "alternate":
        if len(keys) < pick.n:
            notes.append(f"only {len(keys)} {pick.unit}{'s' if len(keys) != 1 else ''} match, "
                         f"fewer than the {pick.n} asked for")
        return [p for k in keys for p in _share(groups[k], share, words)]
    note = f"kept one {pick.unit} in {pick.n} of the {len(keys)} that match, from the first" if pick.which == "alternate" \
        else f"kept the {pick.which}{f' {pick.n}' if pick.n > 1 else ''} {unit} of the {len(keys)} that match"
    rank = {k: sum(p.duration for p in groups[k]) for k in keys} if pick.which in ("longest", "shortest") \
        else {k: max(p.strength for p in groups[k]) for k in keys}
    chosen = _choose(keys, rank, pick)
    if chosen is None:  # nothing ranks them: spread over what is in reach
        chosen = [keys[int((i + 0.5) * len(keys) / pick.n)] for i in range(pick.n)]
        note = f"kept {pick.n} {unit} spread over the {len(keys)} in reach: nothing asked ranks them"
    notes.append(note)
    return [p for k in keys if k in chosen for p in _share(groups[k], share, words)]


def _share(group: list, share: Optional[float], words) -> list:
    """The strongest ``share`` seconds of one picked scene or shot (all of it when None)."""
    if not share or sum(p.duration for p in group) <= share + edges.EPS:
        return group
    out, room = [], share
    for p in sorted(group, key=lambda p: -p.strength):
        part = p if p.duration <= room + edges.EPS else edges.trim(p, room, words, f"trimmed to {room:.1f} s, its share")
        if part is not None and part.duration >= min(edges.MIN_KEEP, room) - edges.EPS:
            out.append(part)
            room -= part.duration
        if room < edges.MIN_KEEP:
            break
    return sorted(out, key=lambda p: p.start) or group


def _choose(keys: list, best: dict, pick) -> list | None:
    """``pick``'s keys (in film order): the first or last ``pick.n``, each ``n``-th, or the ``n`` of the highest
    ``best`` (the lowest for the shortest); None when ``best`` ranks nothing (all alike)."""
    if pick.which in ("first", "alternate"):  # "every other goat scene": the first, the third, ...
        return keys[:pick.n] if pick.which == "first" else keys[::pick.n]
    if pick.which == "last":
        return keys[-pick.n:]
    if pick.which in ("longest", "shortest"):  # ties: the earlier
        return sorted(keys, key=lambda k: best[k] if pick.which == "shortest" else -best[k])[:pick.n]
    if best and max(best.values()) - min(best.values()) > 1e-9:
        return sorted(keys, key=lambda k: -best[k])[:pick.n]
    return None


def picked_out(spans: list, pick, shots, scenes: Sequence[int], strength) -> list:
    """Of what one excluded subject bans, only ``pick``'s scenes (or shots): "drop the first two
    cat shots" drops those two, the other cat shots stay. A span counts under the shot holding
    its middle; the best are those of the strongest evidence (``strength`` per shot)."""
    starts = [s.start for s in shots]

    def key(span) -> tuple[int, int]:
        shot = max(0, bisect.bisect_right(starts, (span[0] + span[1]) / 2) - 1)
        return (scenes[shot] if pick.unit == "scene" else shot), shot
    groups: dict[int, float] = {}
    for span in spans:
        k, shot = key(span)
        groups[k] = max(groups.get(k, 0.0), float(strength[shot]))
    keys = sorted(groups)
    chosen = _choose(keys, groups, pick) or keys[:pick.n]  # nothing ranks them: the first
    return [span for span in spans if key(span)[0] in chosen]


def anchored(window, score, shots, scenes: Sequence[int], lo: float, hi: float,
             unit: str = "scene") -> tuple[float, float]:
    """The window's edges set by subjects ("everything after the wedding", "up to the crash"):
    where the subject FIRST shows or is said (``score``: the planner's search), that shot and
    the hit shots after it in the same scene. An event, never a person: "the plumber" is where
    the plumber is seen or talked of, not the screen time of whoever talks of him. A point
    ("the scene at 1:45") is the scene holding it, or the shot (``unit``)."""
    if window.point:
        if lo >= shots[-1].end:  # "the scene at 9:00" of a 2-minute film
            raise NothingMatched(window.empty_reason(shots[-1].end) or "the film holds nothing there")
        at = max(0, bisect.bisect_right([s.start for s in shots], lo) - 1)
        held = [k for k in range(len(shots)) if (k == at if unit == "shot" else scenes[k] == scenes[at])]
        return shots[held[0]].start, shots[held[-1]].end
    for edge, text in window.anchors.items():
        hits = score(Query(text=text))
        mask = np.array([any(e.modality != "person" for e in evs) for evs in hits.evidence], dtype=bool)
        if not mask.any():
            raise NothingMatched(f"nothing in the film matches '{text}', so the cut has no edge "
                                 f"{type(window)(**{edge: text}).anchor_words()} to start or stop at")
        i = j = int(mask.argmax())
        while j + 1 < len(mask) and mask[j + 1] and scenes[j + 1] == scenes[i]:
            j += 1
        if edge in ("after", "since"):
            lo = max(lo, shots[j].end if edge == "after" else shots[i].start)
            hi = min(hi, lo + window.reach) if window.reach else hi  # "the ten seconds after the kite takes off"
        else:
            hi = min(hi, shots[i].start if edge == "before" else shots[j].end)
            lo = max(lo, hi - window.reach) if window.reach else lo
    if hi - lo <= 1e-6:
        raise NothingMatched(f"the film holds nothing {window.anchor_words()}")
    return lo, hi


def in_sequence(segments: list, sequence, sizes=None, answers=None, first_said: str = "") -> list:
    """Each segment joins the group of the first listed query its evidence names; groups
    play in the listed order ("*": everything else, else it plays last). An opener placed ahead
    of the subject said first (``first_said``: "the driving test, starting with when she passed")
    is a moment: of its scenes, the one that says it best opens ("I passed." before "you will
    pass next time"); a subject that only comes first ("the school play, ending with...") plays in time."""
    listed = [t.lower() for t in sequence]
    groups: dict[str, list] = {t: [] for t in listed}
    groups.setdefault("*", [])
    for k, seg in enumerate(segments):
        groups[group_of(answers[k] if answers else seg.queries, sequence, sizes)].append(seg)
    order = listed if "*" in listed else [*listed, "*"]
    opener = groups[order[0]]
    if order[0] not in ("*", first_said.lower()) and first_said and len(opener) > 1:
        best = max(opener, key=lambda seg: max((e.z for e in seg.evidence if e.query.lower() == order[0]), default=0.0))
        groups[order[0]] = [best] + [seg for seg in opener if seg is not best]
    # "bookended by the goat" (listed first and last): its first half opens the cut, the rest closes it
    half = {t: (len(groups[t]) + 1) // 2 for t in order if order.count(t) > 1}
    return [seg for i, t in enumerate(order) for seg in (groups[t] if t not in half else
                                                         groups[t][:half[t]] if t not in order[:i] else groups[t][half[t]:])]


def sizes_of(answers: list[list[str]]) -> dict[str, int]:
    """How many pieces answer each query: the fewer, the more specific the query."""
    out: dict[str, int] = {}
    for said in answers:
        for q in {q.lower() for q in said}:
            out[q] = out.get(q, 0) + 1
    return out


def group_of(queries, sequence, sizes=None) -> str:
    """The listed query a piece's evidence answers ("*" when none); of several, the one
    fewest pieces answer ("the people, ending with the footballer": the footballer's
    shots are people too, but end the cut), then the first listed."""
    said = {q.lower() for q in queries}
    listed = [t for t in (x.lower() for x in sequence) if t != "*" and t in said]
    if not listed:
        return "*"
    return min(listed, key=lambda t: (sizes or {}).get(t, 0)) if sizes else listed[0]


def contested(plan: ConstraintPlan, place: Callable[[ConstraintPlan], list], notes: list[str]) -> ConstraintPlan:
    """"Whichever is on screen longer, the cat or the tree" (``Pick(unit="subject")``): each subject is
    planned alone inside the window and measured by the seconds its pieces cover; only the ``pick.n``
    with the most stay, and the pick goes (the note says the seconds). Nothing comparable (one subject,
    none found): only the pick goes; a pick that is no contest ("the first three dog scenes"): unchanged."""
    if plan.pick is None or plan.pick.unit != "subject":
        return plan
    plain = plan.model_copy(update={"pick": None})
    if len(plan.include) <= plan.pick.n:
        return plain
    seconds: dict[Query, float] = {}
    for q in plan.include:
        alone = plain.model_copy(update={"include": (q,), "match": "any", "sequence": ()})
        seconds[q] = sum(b - a for a, b in union((p.start, p.end) for p in place(alone)))
    if not any(seconds.values()):
        return plain  # nothing of any of them: the usual "nothing matches" answers
    ranked = sorted(plan.include, key=lambda q: -seconds[q])  # ties: the one named first
    kept = ranked[:plan.pick.n]
    told = ", ".join(f"'{q.text}' {seconds[q]:.0f} s" for q in ranked)
    notes.append(f"each alone plays {told}; only {' and '.join(repr(q.text) for q in kept)} plays")
    return plain.model_copy(update={"include": tuple(kept), "sequence": tuple(
        t for t in plan.sequence if t == "*" or t.casefold() in {q.text.casefold() for q in kept})})


#: "in the same shot", "at the same time", "both at once": at once and nothing else
_AT_ONCE = re.compile(r"\b(?:same\s+(?:shot|scene|frame|time|moment)|at\s+once|simultaneous(?:ly)?|side\s+by\s+side)\b", re.I)


def apart(plan: ConstraintPlan, request: str, place: Callable[[ConstraintPlan, list], list], notes: list[str]) -> list:
    """ "The squirrel and the motorbike together" in a film where they never share a shot: the
    viewer wants both in the cut (outsiders wrote it so three times), so each plays where it is
    and the note says they are never on screen at once (in place of the notes of the search for both
    at once). Said strictly ("in the same shot"), or with one of them not in the film at all, the
    answer stays nothing."""
    if (plan.match != "all" or len(plan.include) < 2 or _AT_ONCE.search(request or "")
            or not re.search(r"\btogether\b", request or "", re.I)
            or any(q.modality == "silence" for q in plan.include)):
        return []
    if not all(place(plan.model_copy(update={"include": (q,), "match": "any"}), []) for q in plan.include):
        return []
    notes[:] = [" and ".join(f"'{q.text}'" for q in plan.include)
                 + " are never on screen at once: the cut has each of them"]
    return place(plan.model_copy(update={"match": "any"}), notes)
