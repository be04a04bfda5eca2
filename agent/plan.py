"""The constraint plan: what the viewer asked for, as data the planner can meet.

Versioned pydantic models; ``plan_json_schema()`` exports the JSON schema that
LLM parsers and users' scripts validate against.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_serializer, model_validator

PLAN_VERSION = 1

#: Where a query's evidence is looked for. "silence" asks for the stretches where nobody
#: speaks ("the parts where nobody talks", "silent bits"): the voice-activity/transcript
#: timeline, not pictures; its ``text`` is only a label.
Modality = Literal["any", "speech", "visual", "person", "silence"]
#: For ``modality="person"``, what kind of person words the viewer used:
#: "name" a proper name or number ("Alice", "Mr. Smith", "person 2"): that person's screen
#: time, and when no person has that name, a spoken topic (search the speech for it, never
#: an error); "role" ("the hero", "the villain"); "anyone" any person on screen ("people",
#: "someone", "humans"): faces plus person-like labels; "described" one person picked by a
#: description ("the man in the hat", "the girl from the opening scene", "whoever holds the
#: camera"):
#: resolve it to one person id from the evidence of the words, then take all of that
#: person's screen time, and say which person was taken and why.
Who = Literal["name", "role", "anyone", "described"]
#: the eleven basic colour terms (Berlin & Kay), as ``indexers/colours.py`` names each pixel
Colour = Literal["red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white", "grey"]
Order = Literal["source", "reverse", "score", "longest", "shortest"]  # film order, turned round, best first, by length
Granularity = Literal["scene", "moment"]  # whole shots/scenes, or tight moments around evidence
Pacing = Literal["trailer", "supercut"]
Match = Literal["any", "all"]  # a shot matches one include query, or all of them ("together")


def _left_out(data, name: str, unset: bool):
    """Plan JSON written before a field existed stays byte-identical: unset, it is left out."""
    if unset and isinstance(data, dict):
        data.pop(name, None)
    return data


class Query(BaseModel):
    """One thing to find: ``text`` searched in ``modality`` evidence."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(min_length=1)
    modality: Modality = "any"
    weight: float = Field(default=1.0, gt=0)
    exact: bool = False  # a quoted phrase: the words must be said
    who: Optional[Who] = None  # only with modality "person": see ``Who``
    # a basic colour said before the thing ("the yellow building"): of its shots, those that
    # clearly show the colour (agent/colours.py); only with modality "visual" or "any", and
    # only kept things: what is left out goes whatever its colour (exclusions are recall first)
    colour: Optional[Colour] = None

    @model_serializer(mode="wrap")
    def _compact(self, handler):
        """Plan JSON written before ``who`` and ``colour`` existed stays byte-identical: unset, they are left out."""
        return _left_out(_left_out(handler(self), "who", self.who is None), "colour", self.colour is None)


class Duration(BaseModel):
    """How long the cut may be, in seconds. Two different asks, never mixed up:

    ``max`` is a CEILING ("under 5 min", "45 s tops", "at most", "no more than"): any
    length up to it is fine, shorter is fine. ``target`` is a LENGTH TO FILL ("a quick
    20-second promo", "about 2 minutes", "90 seconds of it"): the planner fills it with the
    best matching material to within ``tolerance`` (a fraction, both ways) and says so when
    the film has too little. ``min`` is a floor ("at least 2 min"). ``kind`` names which.
    """

    model_config = ConfigDict(frozen=True)

    max: Optional[float] = Field(default=None, gt=0)
    min: Optional[float] = Field(default=None, ge=0)
    target: Optional[float] = Field(default=None, gt=0)
    tolerance: float = Field(default=0.1, ge=0, le=1)
    #: "a quick recap", "the highlights" with no length said: a summary of this share of
    #: the film; the planner (which knows the film's length) turns it into a ``target``
    share: Optional[float] = Field(default=None, gt=0, le=1)
    #: a share the viewer said ("a third of the film", "under half the movie"): that much of the film
    #: exactly, as this bound; unset, ``share`` is a summary's, kept between 10 s and 2 minutes
    share_is: Optional[Literal["target", "max", "min"]] = None
    #: each clip's own length, not the cut's: "each clip under 5 seconds", "3 seconds per shot" (at
    #: most: the strongest part of a longer one plays); "no scene shorter than 4 seconds" (at least)
    clip_max: Optional[float] = Field(default=None, gt=0)
    clip_min: Optional[float] = Field(default=None, gt=0)
    #: a clip longer than ``clip_max``: its strongest part plays, or it is left out ("drop scenes over 10 s")
    clip_over: Literal["trimmed", "left out"] = "trimmed"

    @model_serializer(mode="wrap")
    def _compact(self, handler):
        """As for ``Query.who``: an unset share, clip length or ``clip_over`` is left out of the plan JSON."""
        data = handler(self)
        for name in ("share", "share_is", "clip_max", "clip_min"):
            _left_out(data, name, getattr(self, name) is None)
        return _left_out(data, "clip_over", self.clip_over == "trimmed")

    @model_validator(mode="after")
    def _consistent(self) -> "Duration":
        if self.max is not None and self.min is not None and self.min > self.max:
            raise ValueError(f"at least {self.min:g} s but at most {self.max:g} s cannot both hold")
        if self.clip_max is not None and self.clip_min is not None and self.clip_min > self.clip_max:
            raise ValueError(f"each clip at least {self.clip_min:g} s but at most {self.clip_max:g} s cannot both hold")
        return self

    @property
    def kind(self) -> Literal["none", "max", "target", "min", "range"]:
        """ "target" (fill it), "max" (a ceiling), "min", "range" (min and max) or "none"."""
        if self.target is not None:
            return "target"
        if self.max is not None:
            return "range" if self.min is not None else "max"
        return "min" if self.min is not None else "none"

    @property
    def upper(self) -> Optional[float]:
        """The hard ceiling the cut must stay under."""
        caps = [v for v in (self.max, self.target and self.target * (1 + self.tolerance)) if v]
        return min(caps) if caps else None


ANCHORS = ("after", "since", "before", "until")


class TimeWindow(BaseModel):
    """Only material between ``start`` and ``end`` (seconds; None = film edge).

    Negative values count from the end of the film ("the last 10 minutes").
    ``fraction_start``/``fraction_end`` (0..1 of the film) say "the second half"
    before the film's length is known; when both kinds are set, both must hold.
    """

    model_config = ConfigDict(frozen=True)

    start: Optional[float] = None
    end: Optional[float] = None
    fraction_start: Optional[float] = Field(default=None, ge=0, le=1)
    fraction_end: Optional[float] = Field(default=None, ge=0, le=1)
    #: edges set by a subject, found where it FIRST shows or is said ("everything after the
    #: wedding", "from the storm to the end", "up to the crash"): ``after`` starts where it
    #: ends, ``since`` where it starts; ``before`` ends where it starts, ``until`` where it ends
    after: Optional[str] = None
    since: Optional[str] = None
    before: Optional[str] = None
    until: Optional[str] = None
    #: only this many seconds beside a subject edge: "the ten seconds after the kite takes off"
    #: ends 10 s after its ``after`` edge, "the minute before the crash" starts 60 s before ``before``
    reach: Optional[float] = Field(default=None, gt=0)

    @model_serializer(mode="wrap")
    def _compact(self, handler):
        data = handler(self)
        for name in ANCHORS + ("reach",):
            _left_out(data, name, getattr(self, name) is None)
        return data

    @property
    def point(self) -> bool:
        """One moment of the film ("the scene at 1:45"): the planner keeps the unit holding it."""
        return self.start is not None and self.start == self.end

    @property
    def anchors(self) -> dict[str, str]:
        """The subject edges asked, by field name."""
        return {k: getattr(self, k) for k in ANCHORS if getattr(self, k)}

    def anchor_words(self) -> str:
        """The subject edges as said: "after 'wedding', from 'storm'"."""
        said = ", ".join(f"{'from' if k == 'since' else k} '{v}'" for k, v in self.anchors.items())
        return f"the {secs_words(self.reach)} {said}" if self.reach and said else said

    def empty_reason(self, film_duration: float) -> Optional[str]:
        """Why this window holds nothing of a film this long ("the film is only 2:25 long;
        nothing after 1:20:00"), or None when it holds some of it."""
        start, end = self.resolve(film_duration)
        if end - start > 1e-6 or (self.point and start < film_duration):
            return None
        long = f"the film is only {clock(film_duration)} long"
        if self.start is not None and self.start >= 0 and self.start >= film_duration:
            return f"{long}; nothing after {clock(self.start)}"
        return f"{long}; the time window ({_window_text(self)}) holds none of it"

    def resolve(self, film_duration: float) -> tuple[float, float]:
        def at(v: Optional[float], default: float) -> float:
            if v is None:
                return default
            return max(0.0, film_duration + v) if v < 0 else min(v, film_duration)
        start, end = at(self.start, 0.0), at(self.end, film_duration)
        if self.fraction_start is not None:
            start = max(start, self.fraction_start * film_duration)
        if self.fraction_end is not None:
            end = min(end, self.fraction_end * film_duration)
        return start, end


class Span(BaseModel):
    """A stretch of the source (seconds) the viewer dropped by pointing at it
    ("drop the second chase", "cut segment 3"): resolved against the cut shown then."""

    model_config = ConfigDict(frozen=True)

    start: float = Field(ge=0)
    end: float = Field(gt=0)
    source: Optional[str] = None  # the film it is in, in a cut across films

    @model_serializer(mode="wrap")
    def _compact(self, handler):
        """A span of the one film leaves ``source`` out of the plan JSON (as before)."""
        return _left_out(handler(self), "source", self.source is None)

    @model_validator(mode="after")
    def _ordered(self) -> "Span":
        if self.end <= self.start:
            raise ValueError("a span must end after it starts")
        return self


class Output(BaseModel):
    """How the cut is rendered: effects switch the renderer from stream copy to moviepy."""

    model_config = ConfigDict(frozen=True)

    crossfade: float = Field(default=0.0, ge=0, le=5)  # seconds between segments
    fade: float = Field(default=0.0, ge=0, le=5)  # fade in/out of the whole cut
    subtitles: bool = False  # write an SRT beside the output and a soft track
    burn_subtitles: bool = False

    @property
    def has_effects(self) -> bool:
        return bool(self.crossfade or self.fade or self.burn_subtitles)


class Pick(BaseModel):
    """Only ``n`` of the matching scenes (or shots): the first, the last, the best, or those the subject
    plays longest or shortest in ("the first three dog scenes", "the top five moments", "the longest goat
    scene"). ``unit="subject"`` with ``which="longest"``: of the include queries, only the ``n`` with the
    most seconds in reach play ("whichever is on screen longer, the cat or the tree")."""

    model_config = ConfigDict(frozen=True)

    n: int = Field(ge=1, le=99)
    which: Literal["first", "last", "best", "longest", "shortest", "alternate"] = "best"  # alternate: each n-th, from the first
    unit: Literal["scene", "shot", "subject"] = "scene"
    #: the include query (its text) the count was said of, when the cut keeps more than it: "two goat
    #: clips and the kite" picks among the goat's; the kite plays whole. None: the whole cut's count
    of: Optional[str] = None

    @model_serializer(mode="wrap")
    def _compact(self, handler):
        return _left_out(handler(self), "of", self.of is None)


class ConstraintPlan(BaseModel):
    """Everything one request (plus the conversation before it) asks of the cut."""

    model_config = ConfigDict(frozen=True)

    version: int = PLAN_VERSION
    include: tuple[Query, ...] = ()
    exclude: tuple[Query, ...] = ()
    duration: Duration = Duration()
    order: Order = "source"
    window: Optional[TimeWindow] = None
    granularity: Granularity = "scene"
    padding: float = Field(default=0.0, ge=0, le=30)  # seconds of lead-in/out around picks
    pacing: Optional[Pacing] = None
    output: Output = Output()
    match: Match = "any"
    skip: tuple[Span, ...] = ()
    #: Group order ("open with X", "end with X", "X, and after that Y", "Y before X"):
    #: include-query texts (``Query.text``, compared case-insensitively) in the order
    #: their material plays. Each segment joins the group of the first listed query whose
    #: evidence it carries; groups play in this order, and inside a group ``order``
    #: (source/reverse/score) still applies. The entry ``"*"`` stands for every segment
    #: that matches no listed query ("...and end with the boats" = ("*", "boats")); without
    #: it those segments play after the listed groups. Empty: no group order.
    sequence: tuple[str, ...] = ()
    pick: Optional[Pick] = None
    #: further counts, each of a subject of its own (``Pick.of``), "one shot of the goat and two of the kite"
    more_picks: tuple[Pick, ...] = ()
    #: Subjects kept beside a narrowed cut, each found alone: with ``match == "all"`` the include
    #: queries are one subject ("Felix, only where he talks about the holiday"), and a subject added
    #: to it afterwards ("and the bit about his broken bike") is not inside it. Empty: none.
    also: tuple[Query, ...] = ()
    #: The order the viewer set by hand on the cut shown then ("swap the first two", "move the last
    #: clip to the front", "shuffle it"): each segment plays in the place of the span it overlaps
    #: most; segments that overlap none play after them. Empty: ``order``/``sequence`` alone.
    arrange: tuple[Span, ...] = ()

    @model_serializer(mode="wrap")
    def _compact(self, handler):
        """As for ``Query.who``: an empty ``sequence``, ``pick``, ``more_picks``, ``also`` or ``arrange`` is left out of the plan JSON."""
        out = _left_out(_left_out(handler(self), "sequence", not self.sequence), "pick", self.pick is None)
        out = _left_out(out, "more_picks", not self.more_picks)
        return _left_out(_left_out(out, "also", not self.also), "arrange", not self.arrange)

    @property
    def is_empty(self) -> bool:
        """Nothing asked at all: no query, budget, window or order."""
        return (not self.include and not self.exclude and self.duration == Duration()
                and self.window is None and self.order == "source" and self.granularity == "scene"
                and self.padding == 0 and self.pacing is None and not self.skip
                and not self.sequence and self.pick is None and not self.also and not self.arrange)

    def describe(self) -> list[str]:
        """The plan in plain words, one line per constraint ("show the plan")."""
        return describe_plan(self)


def clock(seconds: float) -> str:
    """1:20:00 / 2:25 (how people write points in a film)."""
    s = int(round(abs(seconds)))
    h, m = divmod(s // 60, 60)
    return f"{h}:{m:02d}:{s % 60:02d}" if h else f"{m}:{s % 60:02d}"


def secs_words(v: float) -> str:
    """A length as the plan's words say it ("90 s", "1.5 min")."""
    v = abs(v)
    return f"{v / 60:g} min" if v >= 60 and v % 6 == 0 else f"{v:g} s"


def _query(q: Query) -> str:
    text = f'"{q.text}"' if q.exact else q.text
    extra = [q.modality] if q.modality != "any" else []
    extra += [{"anyone": "anyone", "described": "described", "name": "a name",
               "role": "a role"}[q.who]] if q.who else []
    extra += [f"weight {q.weight:g}"] if q.weight != 1 else []
    return text + (f" ({', '.join(extra)})" if extra else "")


def _window_text(w: TimeWindow) -> str:
    parts = []
    if w.point:
        return f"at {secs_words(w.start)}{' before the end' if w.start < 0 else ''}"
    if w.start is not None:
        parts.append(f"from {secs_words(w.start)}{' before the end' if w.start < 0 else ''}")
    if w.end is not None:
        parts.append(f"until {secs_words(w.end)}{' before the end' if w.end < 0 else ''}")
    if w.fraction_start is not None or w.fraction_end is not None:
        parts.append(f"{(w.fraction_start or 0) * 100:g}%-{(w.fraction_end or 1) * 100:g}% "
                     "of the film")
    return ", ".join(parts + ([w.anchor_words()] if w.anchors else []))


def describe_plan(plan: ConstraintPlan) -> list[str]:
    joiner = " + " if plan.match == "all" else ", "
    lines = [f"keep: {joiner.join(map(_query, plan.include)) or 'everything'}"
             + (" (together)" if plan.match == "all" else "")]
    if plan.also:
        lines.append("also keep: " + ", ".join(map(_query, plan.also)))
    if plan.exclude:
        lines.append("drop: " + ", ".join(map(_query, plan.exclude)))
    d = plan.duration
    budget = [f"{w} {secs_words(v)}" for w, v in (("at least", d.min), ("at most", d.max),
                                              ("about", d.target)) if v is not None]
    said = {"max": "at most ", "min": "at least ", "target": ""}.get(d.share_is or "")
    budget += [f"{said}{d.share:.0%} of the film" if said is not None else f"a summary, {d.share:.0%} of the film"] \
        if d.share else []
    budget += [f"each clip {w} {secs_words(v)}" for w, v in (("at least", d.clip_min), ("at most", d.clip_max)) if v]
    budget += ["longer clips left out"] if d.clip_max and d.clip_over == "left out" else []
    lines.append("length: " + (", ".join(budget) or "any"))
    if plan.window:
        lines.append("window: " + _window_text(plan.window))
    for p in filter(None, (plan.pick, *plan.more_picks)):
        lines.append("only whichever subject is on screen longest" if p.unit == "subject" else (
            f"one {p.unit} in {p.n}" if p.which == "alternate" else
            f"only the {p.which}{f' {p.n}' if p.n > 1 else ''} {p.unit}{'s' if p.n > 1 else ''}") + (f" of {p.of}" if p.of else ""))
    if plan.sequence:
        lines.append("play in this order: " + ", then ".join(
            "the rest" if t == "*" else t for t in plan.sequence))
    if plan.arrange:
        lines.append("order set by hand: " + ", ".join(f"{s.start:.1f}-{s.end:.1f} s" for s in plan.arrange))
    lines.append(f"order: {plan.order}; granularity: {plan.granularity}"
                 + (f"; padding {plan.padding:g} s" if plan.padding else "")
                 + (f"; pacing: {plan.pacing}" if plan.pacing else ""))
    o = plan.output
    effects = [f"crossfade {o.crossfade:g} s" if o.crossfade else "",
               f"fade {o.fade:g} s" if o.fade else "", "subtitles" if o.subtitles else "",
               "burned-in subtitles" if o.burn_subtitles else ""]
    if any(effects):
        lines.append("output: " + ", ".join(e for e in effects if e))
    if plan.skip:
        lines.append("skipped: " + ", ".join(f"{s.start:.1f}-{s.end:.1f} s" for s in plan.skip))
    return lines


def plan_changes(before: Optional[ConstraintPlan], after: Optional[ConstraintPlan]) -> list[str]:
    """Which lines of the plan a turn changed ("length: at most 2 min" ...)."""
    old = set(before.describe()) if before else set()
    new = after.describe() if after else []
    return [line for line in new if line not in old]


def plan_json_schema() -> dict:
    """The JSON schema of ConstraintPlan, for LLM parsers and users' validators."""
    return ConstraintPlan.model_json_schema()
