"""A length said as a share of the film: "a third of the film", "the goat, 20% of the runtime",
"under half the movie", "at least a quarter of the video". ("half the length" is of the cut on screen.)

The share is kept as said (``Duration.share`` with ``share_is``, the bound it is) and made seconds
by the planner, which knows the film's length (``budget.summarised``). A share that names a part of
the film ("the first half of the film", "the last third of the movie", "the first 10% of the film")
is where, not how long: points.py and windows.py read it.
"""
from __future__ import annotations

import re

from .grammar import Draft
from .points import Rule

_I = re.I
_PARTS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "tenth": 10}
_HOW_MANY = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
#: the share: "a third", "two thirds", "half", "three quarters", "25%", "10 percent"
_SHARE = (rf"(?:(?P<k>a|one|two|three|four)[\s-]+(?P<part>{'|'.join(_PARTS)})s?|(?P<half>half)"
          r"|(?P<pc>\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b))")
#: what it is a share of
_OF = (r"(?:of\s+)?(?:the|its|my|this|that)\s+(?:whole\s+|entire\s+|full\s+|original\s+)?(?:(?:film|movie|video)(?:'s)?"
       r"\s+(?:length|runtime|running\s+time)|length\s+of\s+the\s+(?:film|movie|video)|film|movie|video|runtime"
       r"|run\s*time|running\s+time)\b")
_CAP = r"under|below|less\s+than|at\s+most|no\s+(?:more|longer)\s+than|max(?:imum)?\s+(?:of\s+)?|within|tops"
_FLOOR = r"at\s+least|over|more\s+than|no\s+(?:less|shorter)\s+than|min(?:imum)?\s+(?:of\s+)?"
#: a place in the film before it: "the first half of", "the last 10% of", "the other half"
_PLACE_BEFORE = re.compile(r"\b(?:first|second|third|last|final|opening|closing|other|middle|latter|former|back|front"
                           r"|early|late|\d+(?:st|nd|rd|th))\s+$", _I)


def _fraction(m: re.Match) -> float:
    if m.group("pc"):
        return float(m.group("pc")) / 100
    if m.group("half"):
        return 0.5
    return _HOW_MANY[m.group("k").lower()] / _PARTS[m.group("part").lower()]


def _share(d: Draft, m: re.Match) -> str:
    """ "under a quarter of the runtime": a ceiling of a quarter of the film's length."""
    if _PLACE_BEFORE.search(m.string, 0, m.start("f")) or not 0 < (share := _fraction(m)) <= 1:
        return m.group(0)  # "the first half of the film": a window
    bound = "max" if m.group("cap") else "min" if m.group("floor") else "target"
    d.budget.update(share=round(share, 4), share_is=bound)
    return " , "


SHARES: list[Rule] = [(re.compile(p, _I), h) for p, h in [
    # "cut it down to a third of the film", "in under a quarter of the runtime", "10 percent of the movie"
    (rf"(?:\b(?:cut|trim|shorten|bring|get|make|keep|reduce)\s+(?:it|this|the\s+cut|the\s+video|everything)?\s*"
     rf"(?:down\s+)?to\s+)?(?:\bin\s+)?(?:(?P<cap>{_CAP})\s+|(?P<floor>{_FLOOR})\s+|(?:about|around|roughly|just)\s+)?"
     rf"(?<![\w-])(?P<f>{_SHARE})\s+{_OF}", _share),
]]
