"""The constraint plan: what the viewer asked for, as data the planner can meet.

Versioned pydantic models; ``plan_json_schema()`` exports the JSON schema that
LLM parsers and users' scripts validate against.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

PLAN_VERSION = 1

Modality = Literal["any", "speech", "visual", "person"]
Order = Literal["source", "reverse", "score"]
Granularity = Literal["scene", "moment"]  # whole shots/scenes, or tight moments around evidence
Pacing = Literal["trailer", "supercut"]
Match = Literal["any", "all"]  # a shot matches one include query, or all of them ("together")


class Query(BaseModel):
    """One thing to find: ``text`` searched in ``modality`` evidence."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(min_length=1)
    modality: Modality = "any"
    weight: float = Field(default=1.0, gt=0)
    exact: bool = False  # a quoted phrase: the words must be said


class Duration(BaseModel):
    """Seconds; ``target`` is "about N", met within ``tolerance`` (fraction)."""

    model_config = ConfigDict(frozen=True)

    max: Optional[float] = Field(default=None, gt=0)
    min: Optional[float] = Field(default=None, ge=0)
    target: Optional[float] = Field(default=None, gt=0)
    tolerance: float = Field(default=0.1, ge=0, le=1)

    @model_validator(mode="after")
    def _consistent(self) -> "Duration":
        if self.max is not None and self.min is not None and self.min > self.max:
            raise ValueError(f"at least {self.min:g} s but at most {self.max:g} s cannot both hold")
        return self

    @property
    def upper(self) -> Optional[float]:
        """The hard ceiling the cut must stay under."""
        caps = [v for v in (self.max, self.target and self.target * (1 + self.tolerance)) if v]
        return min(caps) if caps else None


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

    @property
    def is_empty(self) -> bool:
        """Nothing asked at all: no query, budget, window or order."""
        return (not self.include and not self.exclude and self.duration == Duration()
                and self.window is None and self.order == "source" and self.granularity == "scene"
                and self.padding == 0 and self.pacing is None and not self.skip)

    def describe(self) -> list[str]:
        """The plan in plain words, one line per constraint ("show the plan")."""
        return describe_plan(self)


def _secs(v: float) -> str:
    v = abs(v)
    return f"{v / 60:g} min" if v >= 60 and v % 6 == 0 else f"{v:g} s"


def _query(q: Query) -> str:
    text = f'"{q.text}"' if q.exact else q.text
    extra = [q.modality] if q.modality != "any" else []
    extra += [f"weight {q.weight:g}"] if q.weight != 1 else []
    return text + (f" ({', '.join(extra)})" if extra else "")


def _window_text(w: TimeWindow) -> str:
    parts = []
    if w.start is not None:
        parts.append(f"from {_secs(w.start)}{' before the end' if w.start < 0 else ''}")
    if w.end is not None:
        parts.append(f"until {_secs(w.end)}{' before the end' if w.end < 0 else ''}")
    if w.fraction_start is not None or w.fraction_end is not None:
        parts.append(f"{(w.fraction_start or 0) * 100:g}%-{(w.fraction_end or 1) * 100:g}% "
                     "of the film")
    return ", ".join(parts)


def describe_plan(plan: ConstraintPlan) -> list[str]:
    joiner = " + " if plan.match == "all" else ", "
    lines = [f"keep: {joiner.join(map(_query, plan.include)) or 'everything'}"
             + (" (together)" if plan.match == "all" else "")]
    if plan.exclude:
        lines.append("drop: " + ", ".join(map(_query, plan.exclude)))
    d = plan.duration
    budget = [f"{w} {_secs(v)}" for w, v in (("at least", d.min), ("at most", d.max),
                                              ("about", d.target)) if v is not None]
    lines.append("length: " + (", ".join(budget) or "any"))
    if plan.window:
        lines.append("window: " + _window_text(plan.window))
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
