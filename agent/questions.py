"""The questions a viewer asks about the film itself, not for a cut: "what's in here?",
"suggest", "what can I ask?", "take 2". Chat, ``Editor.respond`` and the library chat
recognise them here before the request parser sees the line, and ``examples`` answers
the third from what the film's index holds.
"""
from __future__ import annotations

import re

from .describe import FilmOverview
from .suggest import Suggestion

_FILM = r"(?:film|movie|video|clip|thing)"
_ASKS: list[tuple[str, re.Pattern]] = [(k, re.compile(p, re.I)) for k, p in [
    ("overview", rf"what(?:'s| is|s)(?: there)? in (?:this|the|it|here)(?: {_FILM})?"
                 rf"|what(?:'s| is|s) (?:this|the|it)(?: {_FILM})? about|what is it about"
                 rf"|(?:give me |show me )?(?:an? )?(?:quick )?overview(?: of (?:this|the) {_FILM})?"
                 rf"|(?:describe|summari[sz]e) (?:this|the|it)(?: {_FILM})?"
                 rf"|what does (?:this|the|it)(?: {_FILM})? (?:have|contain|show)"
                 rf"|tell me about (?:this|the) {_FILM}|what(?:'s| is) in (?:here|there)"),
    ("suggest", r"what (?:do|would|can) you (?:suggest|recommend|propose)|suggest(?:ions?)?"
                r"|any (?:suggestions|ideas)|(?:some )?ideas|recommend(?: something| a cut)?"
                r"|suggest (?:something|a cut|some cuts|cuts)|what (?:should|could) i (?:watch|make)"
                r"|show (?:me )?(?:the )?suggestions|surprise me|(?:show me )?something (?:different|else|new)"
                r"|(?:is there )?anything else|what else(?: is there| have you got| you got| can you (?:do|make|show me))?"),
    ("examples", r"what (?:can|could|should|may) i ask(?: for| you)?(?: to do)?"
                 r"|what (?:can|could) i (?:request|try)|(?:give me |show me )?(?:some )?examples"
                 r"|what (?:kind|sort)s? of (?:things|requests) can i (?:ask|make|say)(?: for)?"),
]]
_TAKE = re.compile(r"(?:take|use|pick|choose|go with|try|apply|let'?s do|i'?ll take)"
                   r"(?: the)?(?: suggestion| number| no\.?| option)? ?#?(?P<n>\d+|[a-z]+)"
                   r"(?: one| suggestion| option)?", re.I)
_LEAD = re.compile(r"^(?:(?:ok(?:ay)?|so|hey|please|hi|well|cutbot|and|then|now)[\s,]+)+", re.I)


def film_question(text: str) -> tuple[str, int] | None:
    """("overview" | "suggest" | "examples", 0) or ("take", N) for a line that asks about
    the film itself rather than for a cut; None otherwise (then it is a request)."""
    from .numbers import ORDINALS
    line = _LEAD.sub("", " ".join(text.strip().split())).rstrip(" ?!.").replace("\u2019", "'")
    for kind, pattern in _ASKS:
        if pattern.fullmatch(line):
            return kind, 0
    m = _TAKE.fullmatch(line)
    if m:
        word = m.group("n").lower()
        n = int(word) if word.isdigit() else ORDINALS.get(word, 0)
        if n:
            return "take", n
    return None


def examples(overview: FilmOverview, suggestions: list[Suggestion]) -> list[str]:
    """Requests this film can answer, drawn from what its index holds."""
    out: list[str] = []
    if overview.people:
        p = overview.people[0]
        out.append(f"scenes with {p.label}")
        if len(overview.people) > 1:
            out.append(f"{p.label} and {overview.people[1].label} together")
    seen = [t.name for t in (*overview.seen, *overview.single)]
    if seen:
        out.append(f"only the {seen[0]}, under {max(10, int(overview.duration / 6))} seconds")
    if len(seen) > 1:
        out.append(f"everything except the {seen[1]}")
        out.append(f"mostly {seen[0]}, a bit of {seen[1]}")
    if overview.talked:
        out.append(f"the parts where they talk about {overview.talked[0].name}")
    out.append("the first half, in reverse order")
    out += [s.request for s in suggestions[:2] if s.request not in out]
    return ["you can ask for a cut in plain words, for example:", *[f'  "{e}"' for e in out],
            "then refine it: \"make it shorter\", \"also add ...\", \"drop the second ...\", "
            "\"undo\"; \"suggest\" proposes versions, \"take N\" uses one"]


def no_such_suggestion(n: int, count: int, whose: str) -> str | None:
    """The line for "take N" when there is no suggestion N ("film" or "library"); None if there is."""
    if 1 <= n <= count:
        return None
    return (f"there is no suggestion {n}: say 'suggest' to see them (1-{count})" if count
            else f"there are no suggestions for this {whose}")
