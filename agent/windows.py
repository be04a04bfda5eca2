"""Windows said by what is left out or by a vague edge: "skip the first 20 seconds" starts
the cut at 0:20, "drop the last 15 seconds" ends it 15 s early, "not in the first minute"
looks after it; "from halfway through", "second half only", "only the end".

Run before ``grammar.CONSTRAINTS``, whose plain rules would read "the first 20 seconds" as
the window to keep. Lengths are ``<d:SECONDS>`` tokens here (``numbers.py``).
"""
from __future__ import annotations

import re

from .grammar import READING, Draft
from .numbers import span_words, stretch_words
from .plan import Query
from .points import Rule, _d, _v

_I = re.I
#: a verb or word of leaving out, right before the part of the film it leaves out (``_DROP``; ``counts._edge``)
LEAVE = (r"\b(?:skip(?:ping)?|drop(?:ping)?|cut(?:ting)?(?:\s+out)?|remove|removing|lose|losing|leave\s+out|get\s+rid\s+of"
         r"|without|minus|except(?:\s+for)?|excluding|not|no|nothing|none|ignore|ditch|trim(?:\s+off)?"
         r"|(?:everything|all|anything)\s+but)")
_DROP = LEAVE + r"(?:\s+(?:anything|everything|stuff))?(?:\s+(?:in|from|during))?\s+(?:the\s+)?"
#: a leaving-out and the rest of its clause: it reaches an end joined to it ("skip the intro and the last minute")
LEFT_CLAUSE = LEAVE + r"\b[^,;.!?]*"
_DROPPED = re.compile(LEFT_CLAUSE + "$", _I)
_FILM = r"(?:\s+of\s+(?:the|this)\s+(?:film|movie|video|clip))?"
#: the words that keep a stretch beside a subject, after the stretch ("the first minute plus the goat") or before it
_ADDED = r"(?:plus|and\s+also|as\s+well\s+as|along\s+with|together\s+with)"
_AFTER_ADDED = r"(?:(?<=\bplus|\balso)|(?<=\b(?:add|and))|(?<=\balong with)|(?<=\bas well as)|(?<=\btogether with))"
_CLOCKS = r"(?:\bfrom\s+)?<t:(?P<a{0}>[\d.]+)>\s*(?:to|-|until|till|through)\s*<t:(?P<b{0}>[\d.]+)>"


def _half(d: Draft, m: re.Match, keep: bool) -> None:
    first = m.group("which").lower() in ("first", "opening", "front")  # "the back half": the second
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
    first = first or (last if m.groupdict().get("both") is not None else None)
    if _DROPPED.search(m.string, 0, m.start()):  # "skip the intro plus the last minute": both left out
        d.window.update(**({"start": float(first)} if first else {}), **({"end": -float(last)} if last else {}))
        return " , "
    for which, length in (("first", first), ("last", last)):
        if length:
            d.include.append(Query(text=stretch_words(which, float(length))))
    return " , "


def _span(d: Draft, m: re.Match) -> str:
    """ "0:30 to 1:10, plus the goat": the stretch kept as a subject beside it (``positions.Position.start``)."""
    a, b = _v(m, "a"), _v(m, "b")
    if b <= a or _DROPPED.search(m.string, 0, m.start()):
        return m.group(0)  # a window after all: left to ``points.POINTS``
    d.include.append(Query(text=span_words(a, b)))
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
    (rf"{_end('')}(?=\s+(?:{_ADDED}|and\s+(?:the|anything|everything|all|any|some)\b(?!\s+(?:rest|others?)\b))\b)"
     rf"|{_end(2)}(?=\s+(?:too|as\s+well)\b)|{_AFTER_ADDED}\s+{_end(3)}(?=\s*(?:[,;.!?]|$))", _stretches),
    # "0:30 to 1:10, plus the goat", "the goat and also 1:00-1:20": a stretch of the film beside a subject
    (rf"{_CLOCKS.format('')}(?=\s*,?\s*{_ADDED}\b)|{_AFTER_ADDED}\s+{_CLOCKS.format(2)}(?=\s*(?:[,;.!?]|$))", _span),
    (rf"\b(?:trim|cut|take|shave|chop|drop|lose)\s+(?:off\s+)?{_d('a')}\s+(?:off|from)\s+(?:each|both|either)\s+ends?\b",
     lambda d, m: d.window.update(start=_v(m), end=-_v(m))),
    (rf"{_DROP}(?:first|opening)\s+{_d('a')}{_FILM}", lambda d, m: d.window.update(start=_v(m))),
    (rf"{_DROP}(?:last|final|closing)\s+{_d('a')}{_FILM}", lambda d, m: d.window.update(end=-_v(m))),
    (rf"{_DROP}(?P<which>first|opening|second|last|final|latter|front|back)\s+half\b{_FILM}",
     lambda d, m: _half(d, m, keep=False)),
    # "second half only": the article left out
    (r"(?:^|(?<=[,;]))\s*(?:only\s+|just\s+)?(?P<which>first|second|last|latter|front|back)\s+half\b(?:\s+only)?",
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
