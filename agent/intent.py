"""Rule-based intent parser: a plain-language request (+ the plan so far) -> ConstraintPlan.

The parser works in passes over one string so each pass stays a small table:
quotes are set aside, keyword typos fixed, lengths turned into ``<d:SECONDS>`` tokens
(``numbers.py``), then budget/window/order patterns are cut out, and what is left is
split at keep/drop markers into subjects. Subjects stay in the viewer's words; the
planner matches them with embeddings, so there are no subject word lists here.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Optional

from pydantic import ValidationError

from cutbot.agent.numbers import NUMBER_WORDS, mark_durations
from cutbot.agent.plan import ConstraintPlan, Duration, Query, TimeWindow
from cutbot.indexers.errors import PlanError

SHRINK = 0.75  # "make it shorter" keeps 75 % of the current ceiling

_I = re.I


@dataclass
class _Draft:
    """What one request said, before it meets the previous plan."""

    include: list[Query] = field(default_factory=list)
    exclude: list[Query] = field(default_factory=list)
    budget: dict = field(default_factory=dict)
    order: Optional[str] = None
    window: dict = field(default_factory=dict)
    scale: Optional[float] = None
    delta: Optional[float] = None
    additive: bool = False
    quotes: list[str] = field(default_factory=list)

    def set_budget(self, key: str, value: float) -> None:
        self.budget[key] = round(value, 3)

    def set_order(self, order: str) -> None:
        if self.order not in (None, order):
            raise PlanError(f"asked for both {self.order} order and {order} order; pick one")
        self.order = order


# --- typo tolerance -------------------------------------------------------------------
_KEYWORDS = ("without", "except", "only", "reverse", "everything")           # fixed anywhere
_BEFORE_NUMBER = ("under", "least", "most", "about")            # fixed before a number
_UNITS = ("minutes", "minute", "seconds", "second")  # fixed after a number ("hours" ~ "horse")
_REAL = frozenset("last list lost lest most must mist post host cost ever over".split())
_TOKEN = re.compile(r"<[qdt]:?[\d.]+>|[A-Za-z]+|\d+(?:[.,]\d+)?|\S")


def _swapped(a: str, b: str) -> bool:
    """One adjacent transposition ("onyl"), which difflib scores too low on short words."""
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return (len(a) == len(b) and len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


@functools.lru_cache(maxsize=4096)
def _closest(word: str, choices: tuple[str, ...], cutoff: float) -> Optional[str]:
    if word in choices or word in _REAL or len(word) < 3:
        return None
    hit = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return hit[0] if hit else next((c for c in choices if _swapped(word, c)), None)


def _is_number(tok: str) -> bool:
    return tok[:1].isdigit() or tok.lower() in NUMBER_WORDS


def _fix_typos(text: str) -> str:
    """Correct near-misses of the few keywords, using the neighbours to stay safe."""
    toks = [m for m in _TOKEN.finditer(text)]
    out, last = [], 0
    for i, m in enumerate(toks):
        word = m.group(0).lower()
        if not word.isalpha():
            continue
        prev = toks[i - 1].group(0) if i else ""
        nxt = toks[i + 1].group(0) if i + 1 < len(toks) else ""
        fix = _closest(word, _KEYWORDS, 0.85)
        if fix is None and _is_number(nxt):
            fix = _closest(word, _BEFORE_NUMBER, 0.75)
        if fix is None and _is_number(prev) and prev.lower() not in ("a", "an") and len(word) > 3:
            fix = _closest(word, _UNITS, 0.75)
        if fix:
            out += [text[last:m.start()], fix]
            last = m.end()
    return "".join(out) + text[last:]


# --- budget, window and order ---------------------------------------------------------
def _d(name: str) -> str:
    return rf"<[dt]:(?P<{name}>[\d.]+)>"


def _t(name: str) -> str:
    return rf"<t:(?P<{name}>[\d.]+)>"


def _v(m: re.Match, name: str = "a") -> float:
    """A length group; alternations spell the same group ``a`` and ``a2``."""
    return float(m.group(name) or m.group(name + "2"))


def _fraction(d: _Draft, m: re.Match) -> None:
    parts = {"half": 2, "third": 3, "quarter": 4}[m.group("part").lower()]
    which = m.group("which").lower()
    k = {"first": 0, "opening": 0, "second": 1, "third": 2}.get(which, parts - 1)
    if k >= parts:
        raise PlanError(f"the film has no {which} {m.group('part')}")
    d.window.update(fraction_start=round(k / parts, 4) if k else None,
                    fraction_end=round((k + 1) / parts, 4) if k < parts - 1 else None)


_WHERE = r"\b(?:only\s+)?(?:(?:from|in|within|during|of)\s+)?"
_FILM = r"(?:\s+of\s+(?:the|this)\s+(?:film|movie|video))?"
_Rule = tuple[re.Pattern, Callable[[_Draft, re.Match], None]]
_CONSTRAINTS: list[_Rule] = [(re.compile(p, _I), h) for p, h in [
    # relative changes: only meaningful against a previous plan
    (rf"(?:\bby\s+)?{_d('a')}\s+(?:shorter|less)\b|\bshorter\s+by\s+{_d('a2')}",
     lambda d, m: setattr(d, "delta", -_v(m))),
    (rf"(?:\bby\s+)?{_d('a')}\s+(?:longer|more)\b|\blonger\s+by\s+{_d('a2')}",
     lambda d, m: setattr(d, "delta", _v(m))),
    (r"\bhalf as long\b", lambda d, m: setattr(d, "scale", 0.5)),
    (r"\btwice as long\b", lambda d, m: setattr(d, "scale", 2.0)),
    # windows: where in the film to look
    (rf"{_WHERE}the\s+(?:first|opening)\s+{_d('a')}{_FILM}",
     lambda d, m: d.window.update(end=_v(m))),
    (rf"{_WHERE}the\s+(?:last|final|closing)\s+{_d('a')}{_FILM}",
     lambda d, m: d.window.update(start=-_v(m))),
    (r"\b(?:only\s+)?(?:(?:from|in|within|during)\s+)?the\s+(?P<which>first|second|third|last|final"
     rf"|latter|opening)\s+(?P<part>half|third|quarter)\b{_FILM}", _fraction),
    (rf"\bfrom\s+{_d('a')}\s+(?:to|until|till|-)\s+{_d('b')}",
     lambda d, m: d.window.update(start=_v(m), end=_v(m, "b"))),
    (rf"\bbetween\s+{_t('a')}\s+and\s+{_t('b')}", lambda d, m: d.window.update(
        start=_v(m), end=_v(m, "b"))),
    (rf"\b(?:after|starting at|starting|from)\s+(?:the\s+)?{_d('a')}"
     r"(?:\s+mark)?(?:\s+in)?(?:\s+on)?",
     lambda d, m: d.window.update(start=_v(m))),
    (rf"\b(?:before|until|till)\s+(?:the\s+)?{_d('a')}(?:\s+mark)?",
     lambda d, m: d.window.update(end=_v(m))),
    # budget: how long the cut may be
    (rf"\bbetween\s+{_d('a')}\s+(?:and|-)\s+{_d('b')}(?:\s+long)?",
     lambda d, m: (d.set_budget("min", _v(m)), d.set_budget("max", _v(m, "b")))),
    (rf"{_d('a')}\s*-\s*{_d('b')}(?:\s+long)?",
     lambda d, m: (d.set_budget("min", _v(m)), d.set_budget("max", _v(m, "b")))),
    (r"\b(?:under|below|less than|shorter than|at most|at the most|no more than|no longer than"
     r"|not more than|not longer than|max(?:imum)?(?: of)?|up to|within|tops|cap(?:ped)? at"
     rf"|limit(?:ed)? to|keep it under|fewer than|not over)\s+{_d('a')}",
     lambda d, m: d.set_budget("max", _v(m))),
    (rf"{_d('a')}\s+(?:max(?:imum)?|tops|or less|or shorter|at most|at the most|or under)\b",
     lambda d, m: d.set_budget("max", _v(m))),
    (r"\b(?:at least|more than|over|longer than|no less than|no shorter than|not less than"
     rf"|min(?:imum)?(?: of)?|a minimum of)\s+{_d('a')}", lambda d, m: d.set_budget("min", _v(m))),
    (rf"{_d('a')}\s+(?:or more|or longer|at least|minimum|min)\b",
     lambda d, m: d.set_budget("min", _v(m))),
    (rf"\bexactly\s+{_d('a')}|{_d('a2')}\s+exactly\b",
     lambda d, m: (d.set_budget("target", _v(m)), d.set_budget("tolerance", 0.02))),
    (r"(?:\b(?:about|roughly|around|approximately|approx\.?|circa|close to|something like"
     rf"|more or less|give or take)\s+|~\s*){_d('a')}(?:\s+long)?(?:\s*(?:or so|-?ish)\b)?"
     rf"|{_d('a2')}\s*(?:or so|-?ish)\b",
     lambda d, m: d.set_budget("target", _v(m))),
    (rf"(?:\bin\s+)?{_d('a')}(?:\s+(?:long|cut|version|edit|montage|supercut|reel))?",
     lambda d, m: d.set_budget("target", _v(m))),
    # order of the segments in the cut
    (r"\b(?:in\s+)?(?:reverse|reversed|inverse|backwards?)(?:\s+(?:chronological\s+)?order)?\b"
     r"|\b(?:from\s+)?(?:last to first|end to start)\b", lambda d, m: d.set_order("reverse")),
    (r"\b(?:(?:sorted |ordered |ranked )?(?:by|in order of)\s+(?:score|relevance|best match)"
     r"|(?:the\s+)?(?:best|strongest)(?:\s+(?:ones|bits|parts|scenes|matches))?\s+first"
     r"|most relevant(?:\s+(?:ones|scenes))?\s+first|ranked)\b", lambda d, m: d.set_order("score")),
    (r"\b(?:in\s+)?(?:(?:the\s+)?(?:original|chronological|film|story|normal|source)\s+order"
     r"|chronologically|in order)\b", lambda d, m: d.set_order("source")),
    # relative, after the comparisons ("no longer than") have been taken
    (r"\b(?:(?:make|cut|trim|get) it\s+)?(?:a\s+(?:bit|little)\s+|much\s+|even\s+)?"
     r"shorter\b(?!\s+than)"
     r"|\btrim it(?: down)?\b|\btighten it(?: up)?\b",
     lambda d, m: setattr(d, "scale", SHRINK)),
    (r"\b(?:make it\s+)?(?:a\s+(?:bit|little)\s+|much\s+|even\s+)?longer\b(?!\s+than)",
     lambda d, m: setattr(d, "scale", 1 / SHRINK)),
]]

# --- subjects: what to keep and what to drop ------------------------------------------
_FILLER = re.compile(
    r"\b(?:please|pls|thanks|thank you|(?:can|could|would) you|i(?:'d| would)? (?:like|want|wanna)"
    r"(?: to (?:see|watch|have|keep))?|let me (?:see|watch)|show me|give me|make me|now|instead"
    r"|actually|ok(?:ay)?|hey|(?:make|keep|get) it|(?:make|create|build|render)"
    r"|(?:a|an|my|the|new|another)\s+(?:\w+\s+)?cut\b(?:\s+(?:of|with|featuring|where))?"
    r"|cut (?:of|with|featuring)|(?:version|edit|supercut|montage|compilation|reel)"
    r"(?:\s+(?:of|with|featuring|that has|containing|where))?"
    r"|(?:(?:of|from|in) )?(?:the|this|my) (?:whole |entire )?(?:film|movie|video)"
    r"|the (?:whole|entire) (?:film|movie|thing)|as well|too)\b", _I)
_MARKER = re.compile(
    r"(?P<ex>\b(?:everything|anything|all)\s+"
    r"(?:but|except(?:\s+for)?|apart from|other than|besides)"
    r"|\ball but|(?:\bbut\s+)?\b(?:except(?:\s+for)?|excluding|without|minus|apart from|other than"
    r"|not|no)\b|\b(?:cut|take|leave|strip|edit|filter)\s+out\b|\bget rid of\b"
    r"|\b(?:don'?t|do not)\s+(?:want|need|include|show|keep)\b"
    r"|\b(?:remove|drop|lose|skip|exclude|cut|avoid|ditch|omit)\b)"
    r"|(?P<add>\b(?:also|add|plus|include)\b)|(?P<keep>\b(?:only|just|keep)\b)", _I)
_SPLIT = re.compile(r"\s*(?:[,;&/]|\b(?:and|or|as well as|along with|together with)\b)\s*", _I)
_WHO = (r"(?:someone|somebody|anyone|anybody|people|they|he|she|(?:a|the)\s+(?:characters?"
        r"|narrator|person|hero|heroine|villain)|characters?)")
_SAY = (r"(?:says?|said|saying|talks?|talking|talked|mentions?|mentioning|mentioned|speaks?"
        r"|speaking|discuss(?:es)?|discussing|chats?|chatting)(?:\s+(?:about|of))?")
_CUES: list[tuple[re.Pattern, str]] = [(re.compile(p, _I), mod) for p, mod in [
    (rf"\b(?:(?:where|when|whenever|in which)\s+)?{_WHO}\s+{_SAY}\b", "speech"),
    (r"\b(?:mentions?|talk|discussions?|conversations?|dialogue|lines?|quotes?|speech)"
     r"\s+(?:of|about)\b", "speech"),
    (r"\bthe\s+(?:line|phrase|words?|quote)\b", "speech"),
    (r"\b(?:is|are|gets?|get)\s+(?:mentioned|said|discussed|talked about)\b", "speech"),
    (r"\b(?:(?:where|when|whenever|in which)\s+)?(?:we|you|i)\s+(?:can\s+)?(?:see|spot|watch)\b"
     r"|\b(?:that|which)?\s*(?:shows?|showing)\b", "visual"),
    (r"\b(?:shots?|footage|images?|pictures?|glimpses?|close-?ups?|views?)\s+of\b", "visual"),
    (r"\b(?:(?:is|are)\s+)?(?:on[ -]screen|in (?:the )?frame|in shot|visible|in view"
     r"|(?:is|are)\s+shown)\b", "visual"),
]]
_LEAD = frozenset("""a an the some any all of with where when whenever which that in on about
    featuring containing involving having has have there is are it me us scenes scene parts part
    bits bit moments moment clips clip segments sequences sequence everything anything stuff
    things ones those these more from whole""".split())
_TRAIL = frozenset("""too also please only now and but or then it of in with is are again
    """.split())
_NOUNS = frozenset("scenes moments clips sequences segments shots footage".split())
_QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|(?<!\w)'(.+?)'(?!\w)")
_PLACEHOLDER = re.compile(r"<q(\d+)>")


def _clean(text: str) -> str:
    """Trim filler words off both ends of a subject; the middle is the viewer's."""
    words = text.strip(" \t,.;:!?-\u2013\u2014").split()
    while words and words[0].lower() in _LEAD:
        words.pop(0)
    while words and (words[-1].lower() in _TRAIL
                     or len(words) > 1 and words[-1].lower() in _NOUNS):  # "car chase scenes"
        words.pop()
    return " ".join(words).strip(" ,.;:!?-\u2013\u2014")


def _subjects(chunk: str, quotes: list[str]) -> list[Query]:
    """Queries in one keep/drop chunk; a cue ("talks about", "on screen") sets modality
    for its subject and, when leading/trailing, for the cue-less ones beside it."""
    parts = []
    for raw in _SPLIT.split(chunk):
        modality, lead = None, True
        for pattern, mod in _CUES:
            m = pattern.search(raw)
            if m:
                modality, lead = mod, bool(_clean(raw[m.end():]))
                raw = raw[:m.start()] + " " + raw[m.end():]
                break
        parts.append([raw, modality, lead])
    for seq in (parts, parts[::-1]):       # forward from leading cues, back from trailing
        carry = None
        for p in seq:
            if p[1] is None and carry:
                p[1] = carry[0]
            elif p[1] is not None:
                carry = (p[1],) if p[2] == (seq is parts) else None
    out = []
    for raw, modality, _ in parts:
        said = [quotes[int(i)] for i in _PLACEHOLDER.findall(raw)]
        if said:
            out += [Query(text=q, modality="speech", exact=True) for q in said]
        elif text := _clean(raw):
            out.append(Query(text=text, modality=modality or "any"))
    return out


def _queries(text: str, d: _Draft) -> None:
    """Split at keep/drop markers; each chunk's subjects go to the side its marker says."""
    side, pos = d.include, 0
    for m in [*_MARKER.finditer(text), None]:
        end = m.start() if m else len(text)
        side += [q for q in _subjects(text[pos:end], d.quotes) if q not in side]
        if m:
            side = d.exclude if m.group("ex") else d.include
            d.additive |= bool(m.group("add"))
            pos = m.end()


def _draft(text: str) -> _Draft:
    d = _Draft()

    def keep_quote(m: re.Match) -> str:
        d.quotes.append(next(g for g in m.groups() if g))
        return f" <q{len(d.quotes) - 1}> "

    text = _QUOTE.sub(keep_quote, text)
    d.additive = bool(re.search(r"\b(?:too|as well)\b", text, _I))
    text = mark_durations(_fix_typos(text))
    for pattern, handler in _CONSTRAINTS:
        text = pattern.sub(lambda m: (handler(d, m), " , ")[1], text)
    _queries(_FILLER.sub(" ", text), d)
    return d


# --- the plan -------------------------------------------------------------------------
def _duration(budget: dict) -> Duration:
    """A Duration, or a PlanError naming the two bounds that cannot both hold."""
    words = {"min": "at least", "max": "at most", "target": "about"}
    for a, b in (("min", "max"), ("min", "target"), ("target", "max")):
        if a in budget and b in budget and budget[a] > budget[b]:
            raise PlanError(f"contradictory length: {words[a]} {_say(budget[a])} "
                            f"but {words[b]} {_say(budget[b])}")
    try:
        return Duration(**budget)
    except ValidationError as e:
        raise PlanError(f"impossible length: {e.errors()[0]['msg']}") from None


def _say(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"


def _window(fields: dict, base: Optional[TimeWindow]) -> Optional[TimeWindow]:
    if not fields:
        return base
    merged = {**(base.model_dump() if base else {}), **fields}
    start, end = merged.get("start"), merged.get("end")
    if start is not None and end is not None and (start >= 0) == (end >= 0) and start >= end:
        raise PlanError(f"the time window ends ({_say(abs(end))}) before it starts")
    fs, fe = merged.get("fraction_start"), merged.get("fraction_end")
    if fs is not None and fe is not None and fs >= fe:
        raise PlanError("the time window ends before it starts")
    return TimeWindow(**merged)


def _resized(d: _Draft, previous: Optional[ConstraintPlan]) -> dict:
    """ "make it shorter" / "2 minutes longer": a new ceiling from the previous one."""
    upper = previous.duration.upper if previous else None
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


def parse_request(text: str, previous: Optional[ConstraintPlan] = None) -> ConstraintPlan:
    """Turn one request into a ConstraintPlan; with ``previous``, a request that only
    changes length/order/window, adds ("also X") or drops ("without X") refines it."""
    if not text or not text.strip():
        raise PlanError("empty request: say what to keep, e.g. 'only the car chases, under 5 min'")
    d = _draft(text)
    if not (d.include or d.exclude or d.budget or d.order or d.window or d.scale or d.delta):
        raise PlanError(f"I could not find anything to keep, drop or a length in {text.strip()!r}")
    if d.scale is not None or d.delta is not None:
        d.budget = _resized(d, previous)
    refine = previous is not None and (d.additive or not d.include)
    base = previous if refine else None
    include, exclude = list(base.include if base else ()), list(base.exclude if base else ())
    dropped = {q.text.casefold() for q in d.exclude}
    include = [q for q in include if q.text.casefold() not in dropped]
    include += [q for q in d.include if q not in include]
    exclude += [q for q in d.exclude if q not in exclude]
    clash = {q.text.casefold() for q in include} & {q.text.casefold() for q in exclude}
    if clash:
        raise PlanError(f"asked both to keep and to remove {sorted(clash)[0]!r}")
    plan = ConstraintPlan(
        include=tuple(include), exclude=tuple(exclude),
        duration=_duration(d.budget) if d.budget or not base else base.duration,
        order=d.order or (base.order if base else "source"),
        window=_window(d.window, base.window if base else None))
    return plan
