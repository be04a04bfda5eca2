"""Windows said by what is left out or by a vague edge: "skip the first 20 seconds" starts
the cut at 0:20, "drop the last 15 seconds" ends it 15 s early, "not in the first minute"
looks after it; "from halfway through", "second half only", "only the end".

Run before ``grammar.CONSTRAINTS``, whose plain rules would read "the first 20 seconds" as
the window to keep. Lengths are ``<d:SECONDS>`` tokens here (``numbers.py``).
"""
from __future__ import annotations

import re

from .grammar import READING, Draft
from .numbers import stretch_words
from .plan import Query
from .points import Rule, _d, _v

_I = re.I
#: a verb or word of leaving out, right before the part of the film it leaves out
_DROP = (r"\b(?:skip(?:ping)?|drop(?:ping)?|cut(?:ting)?(?:\s+out)?|remove|removing|lose|losing|leave\s+out"
         r"|without|minus|except(?:\s+for)?|excluding|not|no|nothing|none|ignore|ditch|trim(?:\s+off)?"
         r"|(?:everything|all|anything)\s+but)"
         r"(?:\s+(?:anything|everything|stuff))?(?:\s+(?:in|from|during))?\s+the\s+")
_FILM = r"(?:\s+of\s+(?:the|this)\s+(?:film|movie|video|clip))?"


def _half(d: Draft, m: re.Match, keep: bool) -> None:
    first = m.group("which").lower() in ("first", "opening")
    if first == keep:
        d.window.update(fraction_end=0.5)
    else:
        d.window.update(fraction_start=0.5)


def _end(n) -> str:
    """One end of the film said with its length ("the first minute", "the last 30 seconds")."""
    return rf"(?:\bthe\s+)?(?:very\s+)?(?:(?:first|opening)\s+{_d(f'a{n}')}|(?:last|final|closing)\s+{_d(f'b{n}')}){_FILM}"


def _stretches(d: Draft, m: re.Match) -> str:
    """ "the first and last minute", "the first minute plus the goat": each end kept as a subject
    (``positions.Position.seconds``), since one window cannot hold two stretches or a stretch and more."""
    first, last = (next((v for k, v in m.groupdict().items() if k.startswith(e) and v), None) for e in "ab")
    for which, length in (("first", first or (last if m.groupdict().get("both") is not None else None)), ("last", last)):
        if length:
            d.include.append(Query(text=stretch_words(which, float(length))))
    return " , "


def _edge(d: Draft, m: re.Match) -> None:
    if m.group("end"):
        d.window.update(fraction_start=round(1 - READING.edge, 4))
    else:
        d.window.update(fraction_end=round(READING.edge, 4))


WINDOWS: list[Rule] = [(re.compile(p, _I), h) for p, h in [
    # what is left out of the film's start or end: the window is the rest ("both ends": each)
    (rf"{_DROP}(?:first|opening)\s+(?:{_d('a')}\s+)?and\s+(?:the\s+)?(?:last|final|closing)\s+{_d('b')}{_FILM}",
     lambda d, m: d.window.update(start=float(m.group("a") or m.group("b")), end=-_v(m, "b"))),
    # ...and what is kept of both ends, or of one end beside a subject: "the first and last minute",
    # "the first 5 minutes and the last 5 minutes", "the first minute plus anything with the goat"
    (rf"(?:\bthe\s+)?(?:very\s+)?(?:first|opening)\s+(?:{_d('a')}{_FILM}\s+)?(?:and|&|plus)\s+(?:the\s+)?(?:very\s+)?"
     rf"(?:last|final|closing)\s+{_d('b')}{_FILM}(?P<both>)", _stretches),
    (rf"{_end('')}(?=\s+(?:plus|and\s+also|as\s+well\s+as|along\s+with|together\s+with)\b)|{_end(2)}(?=\s+(?:too|as\s+well)\b)"
     rf"|(?:(?<=\bplus|\balso)|(?<=\badd))\s+{_end(3)}(?=\s*(?:[,;.!?]|$))", _stretches),
    (rf"\b(?:trim|cut|take|shave|chop|drop|lose)\s+(?:off\s+)?{_d('a')}\s+(?:off|from)\s+(?:each|both|either)\s+ends?\b",
     lambda d, m: d.window.update(start=_v(m), end=-_v(m))),
    (rf"{_DROP}(?:first|opening)\s+{_d('a')}{_FILM}", lambda d, m: d.window.update(start=_v(m))),
    (rf"{_DROP}(?:last|final|closing)\s+{_d('a')}{_FILM}", lambda d, m: d.window.update(end=-_v(m))),
    (rf"{_DROP}(?P<which>first|opening|second|last|final|latter)\s+half\b{_FILM}",
     lambda d, m: _half(d, m, keep=False)),
    # "second half only": the article left out
    (r"(?:^|(?<=[,;]))\s*(?:only\s+|just\s+)?(?P<which>first|second|last|latter)\s+half\b(?:\s+only)?",
     lambda d, m: _half(d, m, keep=True)),
    # "from halfway through", "from the middle onwards": the second half
    (r"\b(?:from|after|starting|past|beyond|following)\s+(?:halfway(?:\s+(?:through|point|mark))?"
     r"|the\s+(?:halfway\s+(?:point|mark)|middle(?=\s+on)))(?:\s+on(?:wards?)?)?(?:\s+(?:of\s+)?(?:the\s+)?(?:film|movie|video|it))?",
     lambda d, m: d.window.update(fraction_start=0.5)),
    (r"\b(?:up\s+to|until|till|before)\s+(?:the\s+)?halfway(?:\s+(?:point|mark|through))?",
     lambda d, m: d.window.update(fraction_end=0.5)),
    # "only the end", "the final bit", "just the beginning": a clause that is only an edge
    (r"(?:^|(?<=[,;]))\s*(?:only\s+|just\s+)?the\s+(?:very\s+)?(?:(?P<end>end|ending|(?:final|last|closing)\s+"
     r"(?:bit|part|section|stretch|moments))|beginning|start|(?:opening|first)\s+(?:bit|part|section|stretch"
     r"|moments))(?:\s+only)?(?=\s*(?:[,;.!?]|$))", _edge),
]]
