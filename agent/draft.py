"""What one request said (``Draft``), and how its lengths and window become plan fields.

The grammar tables (``grammar.py``) write into a Draft; the intent parser (``intent.py``)
meets it with the previous plan. The plan-field helpers live here, beside the Draft they
read, so that neither of those modules outgrows one screenful of rules.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from pydantic import ValidationError

from .errors import PlanError
from .plan import ConstraintPlan, Duration, Query, TimeWindow
from .word_forms import bases


@dataclass(frozen=True)
class SegmentRef:
    """A pointer at the cut on screen: "the second chase" (2, "chase"), "segment 3" (3, None).
    ``ordinal`` counts from 1; -1 is the last, 0 the middle one."""

    ordinal: int
    text: Optional[str] = None


@dataclass
class Draft:
    """What one request said, before it meets the previous plan."""

    include: list[Query] = field(default_factory=list)
    exclude: list[Query] = field(default_factory=list)
    refs: list[SegmentRef] = field(default_factory=list)
    budget: dict = field(default_factory=dict)
    order: Optional[str] = None
    window: dict = field(default_factory=dict)
    output: dict = field(default_factory=dict)
    granularity: Optional[str] = None
    padding: Optional[float] = None
    padding_delta: Optional[float] = None
    pacing: Optional[str] = None
    match: Optional[str] = None
    scale: Optional[float] = None
    delta: Optional[float] = None
    additive: bool = False
    everything: bool = False  # "everything except X": the previous subjects go
    quotes: list[str] = field(default_factory=list)
    summary: bool = False  # "a short version of it", "a recap": the whole film, no subject
    swap: bool = False  # "swap the order"
    #: "flip the order around", "the other way round": the whole cut turns round ("swap"/"switch" the
    #: order: two groups trade places; grammar.py)
    turn: bool = False
    #: group order of the include subjects (casefolded text -> key; lower plays first):
    #: "open with X" / "end with X" / "X, then Y" / "Y before X" (``subjects.py``)
    rank: dict = field(default_factory=dict)
    ordered: bool = False  # an order word was said
    at_edge: Optional[str] = None  # "at the end"/"at the start" (an order when its subject is on screen)
    pick: dict = field(default_factory=dict)  # "the first three dog scenes" (``counts.py``)
    bookend: str = ""  # "begin and end with the goat": the subject that opens and closes the cut
    pick_of: str = ""  # the words the count was said of ("dog"): its subject, when the cut keeps more
    more_picks: list = field(default_factory=list)  # each later count and its words ("... and three kite clips")
    request: str = ""  # the line as normalised (spelling.normalise), before any rule took words from it

    def set_budget(self, key: str, value: float) -> None:
        self.budget[key] = round(value, 3)

    def set_order(self, order: str) -> None:
        if self.order not in (None, order):
            raise PlanError(f"asked for both {self.order} order and {order} order; pick one")
        self.order = order

    def set(self, name: str, value) -> None:
        """Set a one-value option, refusing two different values in one request."""
        if getattr(self, name) not in (None, value):
            raise PlanError(f"asked for both {getattr(self, name)} and {value} {name}; pick one")
        setattr(self, name, value)

    @property
    def says_anything(self) -> bool:
        return any((self.include, self.exclude, self.refs, self.budget, self.order, self.window,
                    self.output, self.granularity, self.padding is not None,
                    self.padding_delta, self.pacing, self.match, self.scale, self.delta,
                    self.swap, self.pick))


def _say(seconds: float) -> str:
    """"45 s", "2 min", "1:40 min": never "1.66667 min"."""
    if seconds < 60:
        return f"{seconds:g} s"
    whole, rest = divmod(round(seconds), 60)
    return f"{whole} min" if not rest else f"{whole}:{rest:02d} min"


def _duration(budget: dict) -> Duration:
    """A Duration, or a PlanError naming the two bounds that cannot both hold."""
    words = {"min": "at least", "max": "at most", "target": "about"}
    for key in ("max", "target"):
        if key in budget and budget[key] <= 0:
            raise PlanError(f"a cut of {words[key]} {_say(budget[key])} would be empty: "
                            "give a length above 0 seconds")
    for a, b in (("min", "max"), ("min", "target"), ("target", "max")):
        if a in budget and b in budget and budget[a] > budget[b]:
            raise PlanError(f"contradictory length: {words[a]} {_say(budget[a])} "
                            f"but {words[b]} {_say(budget[b])}")
    try:
        return Duration(**budget)
    except ValidationError as e:
        raise PlanError("impossible length: "
                        + ", ".join(f"{words.get(k, k)} {_say(v)}" for k, v in budget.items()
                                    if k in words)) from None


def _window(fields: dict, base: Optional[TimeWindow]) -> Optional[TimeWindow]:
    if not fields:
        return base
    merged = {**(base.model_dump() if base else {}), **fields}
    start, end = merged.get("start"), merged.get("end")
    point = fields.get("start") is not None and fields.get("start") == fields.get("end")  # "the scene at 1:45"
    if start is not None and end is not None and (start >= 0) == (end >= 0) and start >= end and not point:
        raise PlanError(f"the time window ends ({_say(abs(end))}) before it starts")
    fs, fe = merged.get("fraction_start"), merged.get("fraction_end")
    if fs is not None and fe is not None and fs >= fe:
        raise PlanError("the time window ends before it starts")
    return TimeWindow(**merged)


def _budget(new: dict, old: Optional[Duration]) -> dict:
    """A new bound keeps the other side of the old budget when both can hold
    ("at least 2 minutes" after "under 10"); a target replaces the whole budget."""
    if new.pop("free", False):  # "forget the length", "no time limit"
        return {}
    if old is None:
        return new
    if not new:
        return {k: v for k, v in old.model_dump().items() if v is not None}
    clips = {k: getattr(old, k) for k in ("clip_max", "clip_min", "clip_over") if getattr(old, k) is not None
             and k not in new}
    if "target" in new or "share" in new:  # each clip's length is no length of the cut: it stays
        return {**clips, **new}
    kept = {"tolerance": old.tolerance, **clips}
    if old.share and not {"max", "min", "target"} & set(new):  # "now only clips under 12 s": the share holds
        kept.update(share=old.share, share_is=old.share_is)
    # strictly: "longer than 2 minutes" after "under 2 minutes" leaves no room between them
    if "max" not in new and old.max is not None and old.max > new.get("min", 0):
        kept["max"] = old.max
    if "min" not in new and old.min is not None and old.min < new.get("max", old.min + 1):
        kept["min"] = old.min
    return {**kept, **new}


def _resized(d: Draft, previous: Optional[ConstraintPlan], length: Optional[float]) -> dict:
    """ "make it shorter" / "2 minutes longer": a new ceiling from the cut's ACTUAL length
    when it is known (a 21 s cut under a 30 s budget becomes ~16 s, not 22.5 s), else from
    the previous ceiling."""
    upper = previous.duration.upper if previous else None
    if length is not None and previous is not None:
        upper = min(length, upper) if upper else length
    if upper is None:
        raise PlanError("how long should it be? There is no length to change yet "
                        "(say e.g. 'under 5 minutes')")
    new = upper * d.scale if d.scale else upper + d.delta
    if new <= 0:
        raise PlanError(f"cannot make a {_say(upper)} cut {_say(-d.delta)} shorter")
    budget = {"max": round(new, 3)}
    low = previous.duration.min
    if low is not None and low <= new:
        budget["min"] = low
    return budget


def once(queries: list[Query]) -> list[Query]:
    """robust8: each subject once, whatever its case (a capital that opens the line is no new
    subject) or number ("she likes cats so put the cat in"); a weight said again of it holds
    ("the goat and the kite, more goat than kite")."""
    seen: dict[tuple[str, str], int] = {}
    out: list[Query] = []
    for q in queries:
        head, _, last = q.text.casefold().rpartition(" ")
        forms = {(f"{head} {b}".strip(), q.modality) for b in bases(last)}
        first = next((seen[f] for f in forms if f in seen), None)
        if first is None:
            out.append(q)
        elif q.weight != 1 and out[first].weight == 1:
            out[first] = out[first].model_copy(update={"weight": q.weight})
        seen.update(dict.fromkeys(forms, len(out) - 1 if first is None else first))
    return out
