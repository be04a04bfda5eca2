"""The constraint plan: what the viewer asked for, as data the planner can meet.

Versioned pydantic models; ``plan_json_schema()`` exports the JSON schema that
LLM parsers and users' scripts validate against.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, model_validator

PLAN_VERSION = 1

Modality = Literal["any", "speech", "visual"]
Order = Literal["source", "reverse", "score"]


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


class ConstraintPlan(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int = PLAN_VERSION
    include: tuple[Query, ...] = ()
    exclude: tuple[Query, ...] = ()
    duration: Duration = Duration()
    order: Order = "source"
    window: Optional[TimeWindow] = None

    @property
    def is_empty(self) -> bool:
        """Nothing asked at all: no query, budget, window or order."""
        return (not self.include and not self.exclude and self.duration == Duration()
                and self.window is None and self.order == "source")


def plan_json_schema() -> dict:
    return ConstraintPlan.model_json_schema()
