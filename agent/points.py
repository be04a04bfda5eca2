"""Windows said by points in the film: "in minute 2", "from 1:30 to the end", "between the
1 and 2 minute marks", "1:00 to 1:30", "the 30 seconds after 1:00", "once we're past 1:00",
"not before 0:30", "before the midpoint".

A clock reading or a mark is a place in the film, never a length; these rules run first in
``grammar.CONSTRAINTS``, before its plain "after X"/"before X" rules and its lengths could
read the same words another way. Lengths are ``<d:SECONDS>`` tokens here (``numbers.py``),
clock readings ``<t:SECONDS>``.
"""
from __future__ import annotations

import re
from typing import Callable

from .draft import Draft
from .errors import PlanError
from .numbers import ORDINAL, ORDINAL_WORDS, number, ordinal

Rule = tuple[re.Pattern, Callable[[Draft, re.Match], None]]
_I = re.I
AROUND = 30.0  # seconds either side of "around the 2 minute mark"
#: a verb's negation ("shouldn't run over two minutes", "don't go past two minutes")
NOT = (r"(?:can'?t|cannot|can\s+not|shouldn'?t|should\s+not|mustn'?t|must\s+not|won'?t|will\s+not|doesn'?t|does\s+not"
       r"|don'?t|do\s+not|never|not)")
_WHERE = r"\b(?:only\s+)?(?:(?:from|in|within|during|of)\s+)?"
_FILM = r"(?:\s+of\s+(?:the|this)\s+(?:film|movie|video))?"
#: "of the film" after an edge of it
_OF = r"(?:\s+of\s+(?:the\s+|this\s+|my\s+)?(?:whole\s+|entire\s+)?(?:film|movie|video|clip|thing|it))"


def _d(name: str) -> str:
    return rf"<[dt]:(?P<{name}>[\d.]+)>"


def _t(name: str) -> str:
    return rf"<t:(?P<{name}>[\d.]+)>"


def _v(m: re.Match, name: str = "a") -> float:
    """A length group; alternations spell the same group ``a`` and ``a2``."""
    return float(m.group(name) or m.group(name + "2"))


def _nth(m: re.Match) -> int:
    return ordinal(m.group("n"))


def _fraction(d: Draft, m: re.Match) -> None:
    parts = {"half": 2, "third": 3, "quarter": 4}[m.group("part").lower()]
    which = {"front": "first", "back": "last"}.get(m.group("which").lower(), m.group("which").lower())
    n = {"opening": 1, "middle": 2}.get(which) or ordinal(which)  # "last", "latter": the last part
    k = n - 1 if n > 0 else parts - 1
    if k >= parts:
        raise PlanError(f"the film has no {ORDINAL_WORDS[n - 1]} {m.group('part')}")
    d.window.update(fraction_start=round(k / parts, 4) if k else None,
                    fraction_end=round((k + 1) / parts, 4) if k < parts - 1 else None)


def _beside(d: Draft, m: re.Match):
    """ "the 30 seconds after 1:00" -> 1:00-1:30; "the minute before the end" -> the last
    minute; a stretch after the end or before the start is nothing, so the words stay."""
    span = _v(m) if m.group("a") else {"minute": 60.0, "hour": 3600.0}[m.group("unit").lower()]
    after = m.group("w").lower() in ("after", "following")
    if m.group("end"):
        return m.group(0) if after else d.window.update(start=-span)
    point = 0.0 if m.group("start") else float(m.group("t"))
    if after:
        d.window.update(start=point, end=point + span)
    elif m.group("start"):
        return m.group(0)
    else:
        d.window.update(start=max(0.0, point - span), end=point)
    return None


def _point(d: Draft, m: re.Match) -> None:
    """ "the scene at 1:45", "what happens at 3:10": the one scene (or shot) holding that moment."""
    d.window.update(start=_v(m), end=_v(m))
    d.pick = {"n": 1, "which": "first", "unit": "shot" if (m.group("unit") or "").lower() == "shot" else "scene"}


def _minutes(d: Draft, m: re.Match):
    """ "minutes three to five": from the one minute mark to the other (the words stay when no number)."""
    try:
        d.window.update(start=60.0 * number(m.group("a")), end=60.0 * number(m.group("b")))
    except (ValueError, KeyError, IndexError):
        return m.group(0)
    return None


def _percent(d: Draft, m: re.Match) -> None:
    """ "the first 10% of the film", "the last 20 percent": that share of it."""
    share = min(float(m.group("n")) / 100.0, 1.0)
    last = m.group("w").lower() in ("last", "final", "closing")
    d.window.update(**({"fraction_start": round(1.0 - share, 4)} if last else {"fraction_end": round(share, 4)}))


POINTS: list[Rule] = [(re.compile(p, _I), h) for p, h in [
    # "minutes three to five", "between the 2nd and 4th minute", "the first 10% of the film": where in the film
    (r"\bminutes\s+(?P<a>\d+|[a-z]+(?:-[a-z]+)?)\s+(?:to|through|until|till|-|and)\s+(?:minute\s+)?(?P<b>\d+|[a-z]+(?:-[a-z]+)?)\b",
     _minutes),
    (rf"\bbetween\s+the\s+(?P<a>{ORDINAL})\s+and\s+(?:the\s+)?(?P<b>{ORDINAL})\s+minutes?\b",
     lambda d, m: d.window.update(start=60.0 * (ordinal(m.group("a")) - 1), end=60.0 * ordinal(m.group("b")))),
    (rf"\bthe\s+(?P<w>first|opening|last|final|closing)\s+(?P<n>\d{{1,2}}(?:\.\d+)?)\s*(?:%|percent|per\s+cent){_FILM}",
     _percent),
    # "the scene at 1:45", "the shot at 45 seconds", "what's on screen at 3:10": a moment, never a length
    (r"\b(?:(?:the|that|this)\s+(?P<unit>scene|shot|bit|part|moment|clip|one)|what(?:'s|\s+is|\s+was)?(?:\s+(?:happening"
     r"|going\s+on|on\s+screen|shown|showing|playing))?|what\s+happens|whatever(?:'s|\s+is)?(?:\s+on\s+screen)?)"
     rf"\s+(?:right\s+|just\s+|exactly\s+)?(?:at|@)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?(?!\s*(?:long|in\s+length))", _point),
    # "stop at 2:00", "start at the 30 second mark": the edges of the window
    (rf"\b(?:stop|end|finish)(?:s|ping|ing)?\s+(?:it\s+)?(?:at|by)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?",
     lambda d, m: d.window.update(end=_v(m))),
    (rf"\b(?:start|begin)(?:s|ning|ing)?\s+(?:it\s+)?(?:at|from)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?",
     lambda d, m: d.window.update(start=_v(m))),
    # "the cat at 0:05": a clock reading after "at" is where in the film ("cut it at 1:30", "stop at 2:00" end it)
    ("".join(rf"(?<!\b{w}\s)" for w in "cut stop end it this that finish start begin".split())
     + rf"\b(?P<unit>)(?:at|@)\s+{_t('a')}(?!\s*(?:mark|long|in\s+length))", _point),
    # "don't go past two minutes", "keep it under the two minute mark": where the cut may not go is its
    # length, not a place in the film ("nothing past the 2 minute mark" is one, below)
    (rf"\b(?:(?:make\s+sure\s+)?(?:it|this|the\s+(?:cut|video|edit))\s+)?{NOT}\s+(?:go|run|get|last)\s+(?:any\s+)?"
     rf"(?:past|beyond)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?|\bkeep\s+(?:it|this|the\s+(?:cut|video|edit))\s+"
     rf"(?:under|below|within|inside)\s+the\s+{_d('a2')}\s+mark", lambda d, m: d.set_budget("max", _v(m))),
    # "the two minute point", "the 1:30 marker": every word for a point is "mark" below
    (r"(<[dt]:[\d.]+>)\s+(?:point|marker|time\s*stamp|timestamp)\b", lambda d, m: f" {m.group(1)} mark "),
    # "in the 30 seconds after 1:00", "the minute before the end": a stretch beside a point
    (rf"\b(?:(?:in|during|within)\s+)?the\s+(?:{_d('a')}|(?P<unit>minute|hour))\s+(?:right\s+|just\s+)?"
     rf"(?P<w>after|following|before|leading\s+up\s+to)\s+(?:the\s+)?(?:{_d('t')}(?:\s+mark)?"
     r"|(?P<end>end|finish)\b|(?P<start>start|beginning|opening)\b)", lambda d, m: _beside(d, m)),
    # "before the midpoint", "after the mid-point": the halves
    (r"\b(?:before|until|till|up\s+to)\s+the\s+mid-?\s?point\b", lambda d, m: d.window.update(fraction_end=0.5)),
    (r"\b(?:after|from|past|beyond|following)\s+the\s+mid-?\s?point\b(?:\s+on(?:wards?)?)?",
     lambda d, m: d.window.update(fraction_start=0.5)),
    # "from 1:30 to the end", "from the start until the 1 minute mark": one edge is the film's
    (rf"\bfrom\s+(?:the\s+)?{_d('a')}(?:\s+(?:mark|in))?(?:\s+(?:on|onwards?))?\s+(?:right\s+)?(?:to|until|till"
     rf"|through|up\s+to|-)\s+the\s+(?:very\s+)?(?:end|finish|close)\b{_OF}?", lambda d, m: d.window.update(start=_v(m))),
    (rf"\bfrom\s+the\s+(?:very\s+)?(?:start|beginning|top|opening)\b{_OF}?\s+(?:right\s+)?(?:to|until|till"
     rf"|through|up\s+to|up\s+until|-)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?",
     lambda d, m: d.window.update(end=_v(m))),
    # "between the 1 and 2 minute marks", "between the 30 second mark and the 1:10 mark"
    (rf"\bbetween\s+(?:the\s+)?{_d('a')}(?:\s+marks?)?\s+(?:and|-|to)\s+(?:the\s+)?{_d('b')}\s+marks?\b"
     rf"|\bbetween\s+(?:the\s+)?{_d('a2')}\s+mark\s+(?:and|-|to)\s+(?:the\s+)?{_d('b2')}",
     lambda d, m: d.window.update(start=_v(m), end=_v(m, "b"))),
    # "once we're past 1:00", "before we hit the 2 minute mark": a clause about the film's clock
    (rf"\b(?:once|when|after)\s+(?:we|you|it|the\s+(?:film|movie|video|clip))(?:'re|'s|\s+(?:are|is|get|gets|hit"
     rf"|hits|reach|reaches|pass|passes|go|goes)(?:\s+to)?)?\s+(?:(?:past|beyond|over)\s+)?(?:the\s+)?{_d('a')}"
     r"(?:\s+mark)?", lambda d, m: d.window.update(start=_v(m))),
    (rf"\b(?:before|until|till)\s+(?:we|you|it|the\s+(?:film|movie|video|clip))(?:'re|'s)?\s+(?:hit|hits|reach"
     rf"|reaches|get\s+to|gets\s+to|pass|passes|are\s+at|is\s+at|at)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?",
     lambda d, m: d.window.update(end=_v(m))),
    # "but not before 0:30", "nothing after 2:00": a point said by what is left out of it
    (rf"\b(?:not|nothing|none|never)\s+(?:from\s+)?(?:before|until|till|earlier\s+than)\s+(?:the\s+)?{_d('a')}"
     r"(?:\s+mark)?", lambda d, m: d.window.update(start=_v(m))),
    (rf"\b(?:not|nothing|none|never)\s+(?:after|past|beyond|later\s+than)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?",
     lambda d, m: d.window.update(end=_v(m))),
    # "1:00 to 1:30", "0:30-1:00": two clock readings are two places in the film, so a window
    # (a length range says "long"/"cut" after it, or uses lengths: "20 to 30 seconds")
    # ("two minutes to two thirty": a clock read aloud at the end makes both ends places too)
    (rf"(?:\b(?:from|between)\s+)?(?:{_t('a')}\s*(?:-|–|to|until|till|through)\s*{_t('b')}"
     rf"|{_d('a2')}\s+(?:to|until|till|through)\s+{_t('b2')})"
     r"(?!\s*(?:long|cut|version|edit|in\s+length))",
     lambda d, m: d.window.update(start=_v(m), end=_v(m, "b"))),
    # "up to the 90 second mark": a point, so where to stop looking ("up to 90 s" is a length)
    (rf"\b(?:up\s+)?(?:to|until|till)\s+the\s+{_d('a')}\s+mark\b", lambda d, m: d.window.update(end=_v(m))),
    # windows: where in the film to look
    (rf"\b(?:around|near|about|at)\s+(?:the\s+)?{_d('a')}\s+mark\b",  # a point: a window around it
     lambda d, m: d.window.update(start=max(0.0, _v(m) - AROUND), end=_v(m) + AROUND)),
    (rf"\b(?:after|past|beyond|following)\s+the\s+(?:first|opening)\s+{_d('a')}{_FILM}",
     lambda d, m: d.window.update(start=_v(m))),
    (rf"\b(?:before|until|till)\s+the\s+(?:last|final|closing)\s+{_d('a')}{_FILM}",
     lambda d, m: d.window.update(end=-_v(m))),
    (rf"{_WHERE}(?:the\s+|(?:^|(?<=[,;]))\s*)(?:first|opening)\s+{_d('a')}{_FILM}",  # "first 30 secs" said alone too
     lambda d, m: d.window.update(end=_v(m))),
    (rf"{_WHERE}(?:the\s+|(?:^|(?<=[,;]))\s*)(?:last|final|closing)\s+{_d('a')}{_FILM}",
     lambda d, m: d.window.update(start=-_v(m))),
    (r"\b(?:only\s+)?(?:(?:from|in|within|during)\s+)?the\s+(?P<which>first|second|third|last"
     rf"|final|latter|opening|middle|front|back|1st|2nd|3rd)\s+(?P<part>half|third|quarter)\b{_FILM}", _fraction),
    # "the Nth minute": a minute-long stretch of the film; "from the Nth minute on": from it
    (rf"\b(?:from|after|starting(?:\s+(?:in|at|with))?)\s+the\s+(?P<n>{ORDINAL})\s+minute"
     r"(?:\s+on(?:wards?)?)?", lambda d, m: d.window.update(start=60.0 * (_nth(m) - 1))),
    (rf"\b(?:in|during|within)\s+the\s+(?P<n>{ORDINAL})\s+minute\b",
     lambda d, m: d.window.update(start=60.0 * (_nth(m) - 1), end=60.0 * _nth(m))),
    # "anything between 30 and 50 seconds in", "everything between 0:40 and 1:10", "between
    # 40 seconds and 1 minute, what's there": a window
    (rf"\bbetween\s+{_d('a')}\s+(?:and|-|to)\s+{_d('b')}(?:\s+in\b(?:to\s+(?:it|the\s+\w+))?"
     r"|(?=\s*,?\s*(?:what'?s|what\s+is|what\s+happens|whatever)\b))"
     rf"|\b(?:everything|anything|what'?s|whatever'?s?|what happens|stuff|all)\s+(?:that\s+(?:happens|is)\s+)?"
     r"(?:(?:on\s+(?:screen|camera)|there|shown|happening)\s+)?"
     rf"between\s+{_d('a2')}\s+(?:and|-|to)\s+{_d('b2')}",
     lambda d, m: d.window.update(start=_v(m), end=_v(m, "b"))),
    (rf"\bfrom\s+(?:the\s+)?{_d('a')}(?:\s+mark)?\s+(?:back\s+)?(?:to|until|till|-)\s+(?:the\s+)?"
     rf"{_d('b')}(?:\s+mark)?",
     lambda d, m: d.window.update(start=_v(m), end=_v(m, "b"))),
    # "between 0:40 and 1:10", "between 50s and 1:10": a clock reading at either end makes both points in the film
    (rf"\bbetween\s+(?:{_t('a')}\s+(?:and|-|to)\s+{_d('b')}|{_d('a2')}\s+(?:and|-|to)\s+{_t('b2')})(?!\s+long)",
     lambda d, m: d.window.update(start=_v(m), end=_v(m, "b"))),
    (rf"\b(?:after|starting at|starting|from|past|beyond|follow(?:s|ing)|later\s+than)\s+(?:the\s+)?{_d('a')}"
     r"(?:\s+mark)?(?:\s+in)?(?:\s+on(?:wards?)?)?",
     lambda d, m: d.window.update(start=_v(m))),
    (rf"\b(?:before|until|till|up until|earlier\s+than|leading\s+up\s+to)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?",
     lambda d, m: d.window.update(end=_v(m))),
]]
