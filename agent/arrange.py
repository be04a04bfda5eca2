"""The pieces of the cut on screen, by their place: moved ("swap the first two", "move the last
clip to the front", "shuffle it"), kept or dropped by their places ("only the first two", "keep
clips 1, 3 and 5", "lose everything but the last one", "drop the last two", "i don't need the
first two"), judged ("the third one is boring", "the first one is a bit long"), pointed at by
time ("remove the bit at 0:45") and put back ("put back the others"); and, of a cut of several
subjects, the pieces that have a thing ("only the ones with people": ``pieces_having``).

The parser is index-free, so such a line reaches the conversation as a ``Move`` on places in
the cut on screen; the conversation turns it into plan fields against that cut (``plan_fields``:
the ``arrange`` spans of a new order, or ``skip`` spans), and the planner plays each segment in
its span's place (``arranged``), so the order holds through later changes ("shorter", "drop the
cat"). A subject's place ("put the cat first") stays a group order (order_words.py): only places
in the cut ("the last clip", "clip 3", "the second one") are read here.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Literal, Optional, Sequence

from .asides import polite_edges
from .cut import Cut, Segment
from .errors import PlanError
from .numbers import COUNTS, NEXT_TO_LAST, ORDINAL, clock_seconds, number, ordinal
from .plan import Span, clock
from .word_forms import GONE_VERDICT

_I = re.I
#: words for a piece of the cut; "scene"/"shot" also name the film's own, so a line that opens
#: or ends with one ("start with the last scene") stays a place in the film (positions.py)
_PIECE = r"(?:clips?|segments?|ones?|bits?|parts?|pieces?)"
_UNIT = rf"(?:{_PIECE}|scenes?|shots?)"
_BACK = rf"(?:{NEXT_TO_LAST}|last|final)"
_LEAD = (r"^(?:(?:ok(?:ay)?|now|and|then|also|so|just|actually|hmm+|no|wait|oh|right)\b[\s,]*"
         r"|(?:can|could|would|will)\s+you\s+(?:please\s+|just\s+)?|please\s+|let'?s\s+"
         r"|i\s+(?:want|need|would\s+like|'d\s+like)\s+(?:you\s+)?to\s+)*")
_TAIL = r"(?:\s+(?:instead|then|now|too|again|please|round|around|over))*$"


def _ref(k: str, unit: str = _UNIT, bare: bool = False) -> str:
    """A place in the cut: "the second one", "the last clip", "clip 3" (``bare``: "3" too)."""
    number = rf"|(?P<n{k}>\d+)" if bare else ""
    return (rf"(?:the\s+)?(?:(?P<o{k}>{ORDINAL}|{_BACK})(?:\s+{unit})?"
            rf"|{unit}\s*(?:number\s+|no\.?\s*|#)?(?P<m{k}>\d+)|(?:number\s+|no\.?\s*|#)(?P<h{k}>\d+){number})")


_COUNT = rf"(?:{'|'.join(COUNTS)}|\d+)"
#: one or more places in the cut: "the first and last ones", "clips 1, 3 and 5", "the last two" (``places``)
_ITEM = re.compile(rf"(?:the\s+)?(?:(?P<edge>first|last|middle)\s+(?P<k>{_COUNT})|(?P<o>{_BACK}|{ORDINAL}|middle)"
                   rf"|(?:every\s+(?P<every>other|{ORDINAL})|(?P<alt>alternate))"
                   rf"|(?:{_PIECE}\s*)?(?:number\s+|no\.?\s*|#)?(?P<n>\d+))(?:\s+{_PIECE})?", _I)
_ONE = re.sub(r"\(\?P<\w+>", "(?:", _ITEM.pattern)  # one item inside a list, its groups unnamed


def _piece(k: str) -> str:
    """A place in the cut, or a piece by what it shows ("the coffee clip": ``w{k}``)."""
    return (rf"(?:{_ref(k)}|(?:the\s+)?(?!(?:this|that|each|every|all|it)\b)(?P<w{k}>[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)"
            r"\s+(?:clip|bit|scene|shot|part|piece|segment))")


def _list(k: str) -> str:
    return rf"(?P<list{k}>{_ONE}(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+|&\s*){_ONE})*)"


_FRONT = r"(?:(?:to|at)\s+)?(?:the\s+(?:very\s+)?)?(?:front|start|beginning|top)|first|up\s+front|in\s+front"
_END = r"(?:(?:to|at)\s+)?(?:the\s+(?:very\s+)?)?(?:end|bottom)|(?:to|at)\s+the\s+back|last"
_TO = rf"(?:(?:in|to|into)\s+)?(?:(?:the\s+)?(?P<to>{ORDINAL})(?:\s+(?:place|slot|position|spot))?|(?:position|place|slot|spot)\s+(?P<at>\d+))"
_SWAP = r"(?:swap|switch|flip|exchange|trade|reverse|invert)"
_GONE = r"(?:remove|drop|cut|lose|delete|skip|ditch|scrap|bin|get\s+rid\s+of|take\s+out)"
_CLOCK = r"(?P<clock{}>\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\.\d+)?)"  # a clock reading, its group named clock{k}
_MOVE = r"(?:move|put|bring|shift|stick|place|take|play|slide|push|pull)"
_RULES: list[tuple[str, re.Pattern]] = [(k, re.compile(_LEAD + p + _TAIL, _I)) for k, p in [
    ("pair", rf"{_SWAP}\s+(?:round\s+|around\s+)?(?:the\s+order\s+of\s+)?(?:the\s+)?(?P<pair>first|last|final)\s+(?:two|2)"
             rf"(?:\s+{_UNIT})?"),
    ("swap", rf"{_SWAP}\s+(?:the\s+order\s+of\s+)?(?:{_UNIT}\s+)?{_ref('a', bare=True)}\s+(?:and|with|for)\s+"
             rf"{_ref('b', bare=True)}(?:\s+{_UNIT})?"),
    ("front", rf"{_MOVE}\s+{_ref('a')}\s+(?:{_FRONT})|(?:start|open|begin|lead|kick\s+off)\s+with\s+{_ref('c', _PIECE)}"
              rf"|make\s+{_ref('d')}\s+(?:the\s+)?(?:first|opener|opening)(?:\s+{_UNIT})?"),
    ("end", rf"{_MOVE}\s+{_ref('a')}\s+(?:{_END})|(?:end|finish|close|wrap\s+up)\s+(?:with|on)\s+{_ref('c', _PIECE)}"
            rf"|make\s+{_ref('d')}\s+(?:the\s+)?(?:last|closer|ending)(?:\s+{_UNIT})?"),
    ("to", rf"{_MOVE}\s+{_ref('a')}\s+{_TO}"),
    # "only the first two", "keep clips 1, 3 and 5", "lose everything but the last one": only those stay
    ("keep", rf"(?:(?:keep|leave)\s+)?(?:only|just)\s+(?:keep\s+)?{_list('a')}|(?:keep|leave)\s+{_list('b')}(?:\s+only"
             rf"|\s*,?\s*(?:and\s+)?{_GONE}\s+the\s+rest)?|{_GONE}\s+(?:everything|all"
             rf"(?:\s+the\s+others)?|the\s+rest)\s+(?:but|except(?:\s+for)?|apart\s+from|other\s+than|besides)\s+{_list('c')}"),
    # "drop everything after the third clip" (only the first three stay), "... before the second one"
    ("after", rf"{_GONE}\s+(?:everything|all|the\s+rest|whatever\s+comes)\s+(?P<side>after|before)\s+"
              rf"{_ref('a')}"),
    # a verdict on one piece: "the first one is a bit long" (shorter), "the third one is boring" (dropped)
    ("resize", rf"{_piece('e')}\s+(?:is|'s|seems|feels)\s+(?:(?:a\s+bit|a\s+little|way|far|much|kind\s+of|rather)\s+)?(?:too\s+)?"
               r"(?P<judged>long|short|slow|drawn[- ]out|dragging)"),
    # "the third one is boring", "drop the last two clips", "i don't need the first two": those leave
    ("drop", rf"{_list('a')}\s+{GONE_VERDICT}|(?:{_GONE}|without)\s+{_list('b')}"
             rf"|i\s+(?:don'?t|do\s+not)\s+(?:need|want)\s+{_list('c')}|(?:there'?s\s+)?no\s+need\s+for\s+{_list('d')}"),
    ("drop_at", rf"(?:{_GONE})\s+(?:the\s+)?{_UNIT}\s+(?:at|around|from)\s+{_CLOCK.format('')}"
                rf"|(?:the\s+)?{_UNIT}\s+(?:at|around|from)\s+{_CLOCK.format(2)}\s+{GONE_VERDICT}"),
    ("resize", rf"(?:make|can|could|let|cut)\s+{_piece('a')}\s+(?:be\s+)?(?:a\s+(?:bit|little|lot)\s+|slightly\s+|much\s+)?"
               rf"(?P<how>longer|shorter|tighter)|(?P<verb>trim|shorten|lengthen|extend|tighten|cut\s+down)\s+{_piece('c')}"
               r"(?:\s+(?:a\s+bit|a\s+little|slightly|down))?"),
    # "cut the third one in half", "halve the kite clip", "make the second clip half as long": half of it stays
    ("resize", rf"(?:cut|trim|chop|shorten)\s+{_piece('f')}\s+(?:in|by)\s+(?P<half>half)|(?P<half2>halve)\s+{_piece('g')}"
               rf"|make\s+{_piece('i')}\s+(?P<half3>half)\s+(?:as\s+long|the\s+length|its\s+length)"),
    ("shuffle", r"(?:shuffle|scramble|randomi[sz]e|jumble)(?:\s+(?:it|them|things|(?:up\s+)?the\s+(?:order|clips|segments"
                r"|scenes|cut|bits)))?(?:\s+up)?|(?:(?:put|play|have)\s+(?:it|them|the\s+(?:clips|segments|bits))\s+)?"
                r"(?:in\s+)?(?:a\s+)?random(?:ised|ized)?\s+order|mix\s+(?:it|them|things|the\s+order)\s+up"
                r"|mix\s+up\s+the\s+order"),
]]


#: "put back the others", "bring the rest back": the pieces left out by pointing or counting
_OTHERS = r"(?:the\s+)?(?:others|other\s+(?:ones|clips|bits|pieces)|rest(?:\s+of\s+(?:them|it))?|ones?\s+you\s+(?:dropped|cut|removed|took\s+out))"
PUT_BACK = re.compile(_LEAD + rf"(?:(?:put|bring|add|get)\s+(?:back\s+(?:in\s+)?{_OTHERS}|{_OTHERS}\s+back(?:\s+in)?)"
                      r"|(?:show\s+|give\s+me\s+)?all\s+of\s+(?:them|it)\s+again|(?:restore|return)\s+" + _OTHERS + ")" + _TAIL, _I)

#: "only the ones with people", "just those that mention the shop": the pieces on screen that have it
_HAVING = re.compile(_LEAD + r"(?:(?:keep\s+)?(?:only|just)\s+(?:keep\s+)?(?:the\s+ones?|those|these|the\s+(?:clips|bits"
                     r"|pieces|segments))\s+(?P<how>with|showing|featuring|having|containing|including|that|which|where|when"
                     r"|in\s+which)|(?:narrow|whittle|pare)\s+(?:it|this|them)\s+down\s+to|(?:filter|limit)\s+(?:it\s+|this\s+|them\s+)?"
                     r"to)\s+(?P<rest>.+?)" + _TAIL, _I)
_TALKED = r"(?:mention|talk|discuss|bring|refer|speak)"


def pieces_having(text: str) -> Optional[str]:
    """What the pieces on screen that stay must have ("only the ones with people": "people";
    "just those that mention the shop": "where they mention the shop"), or None. For a cut of
    several subjects (intent.by_hand): narrowing the plan would ask for all of them at once."""
    m = _HAVING.fullmatch(polite_edges(text.strip()).strip(" .!?"))
    if m is None:
        return None
    how, rest = (m.group("how") or "").lower(), m.group("rest")
    if how in ("where", "when", "in which"):
        return f"{how} {rest}"
    if how in ("that", "which"):
        return re.sub(rf"^(?:(?=(?:{_TALKED})\w*\b)|(?:have|has|show|shows|feature|features|include|includes|contain"
                      r"|contains|are|is)\s+)", lambda t: "where they " if not t.group(0) else "", rest, flags=_I)
    return rest


@dataclass(frozen=True)
class Move:
    """A change of order on the cut on screen. Places count from 1; negative ones from the
    end (-1 the last). ``swap``: places ``a`` and ``b`` trade; ``place``: ``a`` goes to
    place ``b``; ``shuffle``: every piece, in an order of chance; ``put_back``: the pieces pointed
    at ("drop the second one") or counted out ("only the first two") come back; ``resize``: piece
    ``a`` (or the one about ``what``) shorter (``b`` -1: its last third leaves the cut) or longer
    (``b`` 1, which the plan cannot say: the viewer is told so); ``keep``: only the pieces at ``places`` stay; ``drop``: they leave ("the third one is boring");
    ``counted``: the places were counted from an edge ("the first four"), so those past the end
    are none; ``drop_at``: the piece playing the film's second ``at`` ("remove the bit at 0:45")."""

    kind: Literal["swap", "place", "shuffle", "put_back", "keep", "resize", "drop", "drop_at"]
    a: int = 0
    b: int = 0
    at: float = 0.0
    places: tuple[int, ...] = ()
    counted: bool = False
    middle: int = 0  # "the middle three": that many pieces at the centre, however many there are
    every: int = 0  # "every other clip": each second piece (``every`` 2), the first stays
    what: str = ""  # "trim the coffee clip": the piece about it (the conversation finds its place)
    kept: float = 0.0  # a shorter piece's share that stays ("cut the third one in half": 0.5); 0: two thirds


def hand_move(text: str) -> Optional[Move]:
    """The move a line asks for, or None: only the whole line, so "swap the first two, and
    add the cat" is a request that reads every part of it."""
    line = polite_edges(text.strip()).strip(" .!?")
    if PUT_BACK.fullmatch(line):
        return Move("put_back")
    for kind, pattern in _RULES:
        m = pattern.fullmatch(line)
        if m is None:
            continue
        if kind == "shuffle":
            return Move("shuffle")
        if kind == "resize":  # b: 1 longer, -1 shorter
            said = next(filter(None, map(m.groupdict().get, ("how", "verb", "judged", "half", "half2", "half3"))))
            what = next(filter(None, map(m.groupdict().get, ("wa", "wc", "we", "wf", "wg", "wi"))), "")
            return Move("resize", 0 if what else _place(m, "acefgi"),
                        1 if re.fullmatch(r"longer|lengthen|extend|short", said) else -1, what=what,
                        kept=0.5 if said.startswith(("half", "halve")) else 0.0)
        if kind == "drop_at":
            return Move("drop_at", at=clock_seconds(m.group("clock") or m.group("clock2")))
        if kind in ("keep", "drop"):  # "only the first two": of the pieces on screen ("the first two scenes": the film's)
            move = _listed(kind, next(v for k, v in m.groupdict().items() if k.startswith("list") and v))
            # "drop the second one", "cut clips 2 and 4": pointers the request reads (grammar.segment_ref)
            return None if kind == "drop" and m.group("listb") and not (move and move.counted) else move
        if kind == "after":  # "everything after the third": the first three stay; "... before": the first two leave
            a, after = _place(m, "a"), m.group("side").lower() == "after"
            return Move("keep" if after else "drop", places=tuple(range(1, a + after)), counted=True) if a > 1 - after else None
        if kind == "pair":
            return Move("swap", 1, 2) if m.group("pair").lower() == "first" else Move("swap", -2, -1)
        a = _place(m, "acd")
        if kind == "swap":
            return Move("swap", a, _place(m, "b"))
        if kind == "to":
            return Move("place", a, int(m.group("at")) if m.group("at") else ordinal(m.group("to")))
        return Move("place", a, 1 if kind == "front" else -1)
    return None


def _listed(kind: str, said: str) -> Optional[Move]:
    """A keep or drop of the places ``said`` names; a lone bare number is kept for lengths ("keep 2")."""
    if kind == "keep" and re.fullmatch(r"\d+", said.strip()):
        return None
    places, counted, middle, every = [], False, 0, 0
    for item in _ITEM.finditer(said):
        edge = (item.group("edge") or "").lower()
        if edge:
            k, counted = int(number(item.group("k"))), True
            if edge == "middle":
                middle = k
            places += range(1, k + 1) if edge == "first" else range(-k, 0) if edge == "last" else ()
        elif item.group("every") or item.group("alt"):
            step = item.group("every") or "other"  # "alternate clips": every other one
            every, counted = (2 if step.lower() == "other" else max(2, ordinal(step))), True
        else:
            places.append(int(item.group("n")) if item.group("n") else ordinal(item.group("o")))
    if not (places or middle or every):
        return None
    return Move(kind, places=tuple(dict.fromkeys(places)), counted=counted, middle=middle, every=every)


def _place(m: re.Match, keys: str) -> int:
    """The place the first of the ``keys`` alternatives that matched names."""
    said = m.groupdict()
    for k in keys:
        if said.get(f"o{k}"):
            return ordinal(said[f"o{k}"])
        if number := said.get(f"m{k}") or said.get(f"h{k}") or said.get(f"n{k}"):
            return int(number)
    raise ValueError(f"no place in {m.group(0)!r}")


def order_after(n: int, move: Move, seed: str = "", film: Sequence[int] = ()) -> list[int]:
    """The pieces' new order (indexes into the cut on screen) after ``move``; a shuffle lands
    neither on the order on screen nor, past two pieces, on the film's own (``film``)."""
    if n < 2:
        raise PlanError("the cut has only one piece: there is nothing to reorder")
    order = list(range(n))
    if move.kind == "shuffle":
        chance = random.Random(f"{seed}:{n}")  # the same cut always shuffles the same way
        while order == list(range(n)) or (n > 2 and order == list(film)):
            chance.shuffle(order)
        return order
    a = _index(move.a, n)
    if move.kind == "swap":
        b = _index(move.b, n)
        if a == b:
            raise PlanError(f"piece {a + 1} cannot trade places with itself")
        order[a], order[b] = order[b], order[a]
        return order
    to = _index(move.b, n)
    order.insert(to, order.pop(a))
    return order


def piece_index(place: int, n: int) -> Optional[int]:
    """The index of a place among ``n`` pieces (1-based; negative from the end; 0 the middle
    one), or None past either end: one reading for every pointer at the cut on screen."""
    i = place - 1 if place > 0 else (n + 1) // 2 - 1 if place == 0 else n + place
    return i if 0 <= i < n else None


def _index(place: int, n: int) -> int:
    i = piece_index(place, n)
    if i is None:
        raise PlanError(f"the cut has {n} pieces; there is no piece {place if place > 0 else 'that far from the end'}")
    return i


def _picked(move: Move, n: int) -> list[int]:
    """The indexes of the pieces ``move.places`` name among ``n``; places counted past an edge are none."""
    found = [piece_index(p, n) for p in move.places]
    if None in found and not move.counted:
        _index(move.places[found.index(None)], n)  # says which place is not there
    if move.middle:
        found += range(max(0, (n - move.middle) // 2), min(n, (n - move.middle) // 2 + move.middle))
    if move.every:  # each k-th piece ("drop every third clip"); "every other one" alternates from the first kept
        alternate = move.every == 2 and move.kind == "keep"
        found += [i for i in range(n) if i % move.every == (0 if alternate else move.every - 1)]
    return sorted({i for i in found if i is not None})


def _which(indexes: Sequence[int]) -> str:
    """ "piece 2", "pieces 2-4", "pieces 1, 3 and 5" (1-based)."""
    said = [str(i + 1) for i in indexes]
    if len(said) == 1:
        return f"piece {said[0]}"
    if list(indexes) == list(range(indexes[0], indexes[-1] + 1)):
        return f"pieces {said[0]}-{said[-1]}"
    return f"pieces {', '.join(said[:-1])} and {said[-1]}"


def spans_of(segs: Sequence[Segment]) -> tuple[Span, ...]:
    """The stretches of the source these segments play, as a plan holds them (their film too)."""
    return tuple(Span(start=round(s.start, 3), end=round(s.end, 3), source=s.source) for s in segs)


def plan_fields(cut: Optional[Cut], move: Move) -> tuple[dict, str]:
    """The plan fields ``move`` on ``cut`` sets (``arrange`` for a new order; ``skip`` for what
    leaves the cut), and a line saying what changed."""
    if cut is None or not cut.segments:
        raise PlanError("there is no cut on screen to reorder yet: ask for one first")
    segs = cut.segments
    if move.kind == "resize":
        n = _index(move.a, len(segs))
        seg = segs[n]
        if move.b > 0:
            raise PlanError("one piece cannot be made longer on its own yet: 'add a few seconds to each clip' "
                            "pads them all, or say a length for the whole cut")
        # "in half": a hair under it, as a span over half a shot takes the shot (edges.pointed_out)
        cut_off = (seg.duration * (1 - move.kept) - 0.01 if move.kept else max(1.0, seg.duration / 3)) if seg.duration >= 2.0 else 0.0
        if not cut_off:
            raise PlanError(f"piece {n + 1} is only {seg.duration:.1f} s long: drop it instead ('drop piece {n + 1}')")
        tail = Span(start=round(seg.end - cut_off, 3), end=round(seg.end, 3), source=seg.source)
        return {"skip": (tail,)}, f"trimmed {cut_off:.1f} s off the end of piece {n + 1} (undo puts it back)"
    if move.kind == "drop_at":
        hit = [s for s in segs if s.start - 1e-6 <= move.at <= s.end + 1e-6][:1]
        if not hit:
            raise PlanError(f"{clock(move.at)} is not in the cut: nothing there to drop")
        n = segs.index(hit[0]) + 1
        return {"skip": spans_of(hit)}, f"dropped piece {n} ({clock(hit[0].start)}-{clock(hit[0].end)}; undo brings it back)"
    if move.kind in ("keep", "drop"):
        picked = _picked(move, len(segs))
        out = [s for i, s in enumerate(segs) if (i in picked) != (move.kind == "keep")]
        if not out:
            raise PlanError(f"the cut has only {len(segs)} piece(s): all of them stay")
        if len(out) == len(segs):
            raise PlanError(f"the cut has only {len(segs)} piece(s): dropping them all leaves nothing (say a new cut instead)")
        said = f"kept {_which(picked)} of {len(segs)}" if move.kind == "keep" else f"dropped {_which(picked)}"
        return {"skip": spans_of(out)}, said + (" ('put back the others' brings the rest back)" if move.kind == "keep"
                                                else " (undo brings them back)")
    film = sorted(range(len(segs)), key=lambda i: (segs[i].source or "", segs[i].start))
    order = order_after(len(segs), move, seed=",".join(f"{s.start:.1f}" for s in segs), film=film)
    spans = spans_of([segs[i] for i in order])
    if move.kind == "shuffle":
        said = f"shuffled the {len(segs)} pieces: now " + ", ".join(str(i + 1) for i in order)
    elif move.kind == "swap":
        said = f"swapped pieces {_index(move.a, len(segs)) + 1} and {_index(move.b, len(segs)) + 1}"
    else:
        said = f"moved piece {_index(move.a, len(segs)) + 1} to place {_index(move.b, len(segs)) + 1}"
    return {"arrange": spans}, said + " (undo puts it back)"


def in_order(segments: Sequence[Segment], order: str) -> list[Segment]:
    """``segments`` (in film order) in a plan's ``order``: turned round, the best first, or by length
    ("the longest first", "shortest to longest")."""
    if order == "reverse":
        return list(reversed(segments))
    if order in ("score", "longest", "shortest"):
        key = {"score": lambda s: -s.score, "longest": lambda s: -s.duration, "shortest": lambda s: s.duration}[order]
        return sorted(segments, key=key)
    return list(segments)


def arranged(segments: Sequence[Segment], spans: Sequence[Span]) -> list[Segment]:
    """``segments`` in the places ``spans`` give them: each in the place of the span it overlaps
    most, those that overlap none after them, in the order they came."""
    if not spans:
        return list(segments)

    def place(seg: Segment) -> int:
        best, at = 0.0, len(spans)
        for i, s in enumerate(spans):
            overlap = min(seg.end, s.end) - max(seg.start, s.start)
            if overlap > best and (s.source is None or s.source == seg.source):
                best, at = overlap, i
        return at

    return [seg for _, _, seg in sorted((place(s), k, s) for k, s in enumerate(segments))]
