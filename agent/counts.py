"""How many, and from where: "the first three dog scenes", "the top five moments", "two
shots of the beach"; "everything after the wedding", "from the storm to the end".

A count becomes the plan's ``pick`` (how many scenes or shots, which ones) and leaves its
subject ("dog") to the subject rules; a subject that bounds the film becomes a window edge
(``TimeWindow.after``/``since``/``before``/``until``) that the planner finds where the subject
first shows. Both run before ``windows.WINDOWS`` and ``grammar.CONSTRAINTS``, whose rules
would read "the first three" as nothing and "after the wedding" as the wedding itself.
"""
from __future__ import annotations

import re

from .grammar import Draft
from .numbers import NUMBER_WORDS, ORDINAL, ORDINAL_WORDS, number, ordinal
from .order_words import BOOKEND
from .plan import Pick, Query
from .points import Rule
from .windows import LEAVE, LEFT_CLAUSE
from .word_forms import DROP_VERBS, unarticled

_I = re.I
#: the count words of a number of clips ("three", "a couple of")
_SOME_N = (r"\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty"
           r"|(?:a\s+)?couple(?:\s+of)?|(?:a\s+)?few")
_N = rf"(?P<n>{_SOME_N}|(?:a\s+)?handful\s+of|both(?:\s+(?:of\s+)?the\b)?)"
_FIRST = ("first", "opening", "earliest")
_LAST = ("last", "final", "closing", "latest")
_SIZED = ("longest", "shortest")  # ranked by how long the subject plays in each: "the longest goat scene"
_WHICH = r"(?P<which>%s|top|best|favou?rite|greatest|funniest|nicest|prettiest|coolest)" % "|".join(_FIRST + _LAST + _SIZED)
_BEST = r"(?:(?:top|best|favou?rite|greatest|main|key)\s+)?"
_SHOTS = ("shot", "clip", "picture", "image")
_TALKS = ("conversation", "chat", "discussion")  # a unit that says what kind: "the two trip conversations"
_QUIET = ("quiet", "silent", "wordless", "speechless")  # a kind that needs its unit: "the quiet bits"
_UNITS = (r"(?P<unit>scenes?|shots?|clips?|moments?|bits?|parts?|highlights?|sections?|segments?|pictures?|images?"
          r"|sequences?|conversations?|chats?|discussions?)")
#: a subject word before the unit ("dog scenes"); never a word that starts the subject's own phrase
_WORD = r"(?!of\b|with\b|where\b|from\b)[a-z][\w'-]*"
_PRE = rf"(?:(?P<pre>{_WORD})\s+)?"
#: ...of one or two words where one scene is asked ("the longest car chase scene"); with a count, one
#: word ("the two cartoon dinner bits" of several subjects would count them all: a count is the cut's)
_PRE2 = rf"(?:(?P<pre>{_WORD}(?:\s+(?!and\b|or\b|the\b){_WORD})?)\s+)?"
_AFTER_UNIT = r"(?:\s+(?:of|with|where|showing|featuring|from|in\s+which|that\s+(?:show|have|has))\b)?"


def _beside_edge(rest: str) -> str | None:
    """ "the two scenes after the fight" are the two next to it: the first after, the last before."""
    e = re.match(r"\s*(?:(?:right|just|immediately|directly)\s+)?(?P<w>after|following|since|before|until|till"
                 r"|leading)\b", rest, re.I)
    return None if e is None else "first" if e.group("w").lower() in ("after", "following", "since") else "last"


#: a word that leaves out what follows it: a count ("the goat, but not the first two": those places go) or
#: an edge ("drop everything after the wedding": the other side stays)
_LEFT_OUT = re.compile(rf"(?:{LEAVE}|\b(?:apart\s+from|other\s+than|bar))\s+(?:(?:all|any)\s+(?:of\s+)?)?$", _I)
#: ...or earlier in the clause, joined to it: "everything except the kite and anything after the lighthouse"
_JOINED_OUT = re.compile(rf"{LEFT_CLAUSE}\s(?:and|or|nor|plus)\s+$", _I)


def _pick(d: Draft, m: re.Match) -> str:
    n, both = _count_of(m.group("n") or ""), (m.group("n") or "").lower().startswith("both")
    which = (m.group("which") or _beside_edge(m.string[m.end():]) or "best").lower()
    if 1 < n <= 5 and which in _FIRST + _LAST and not (m.groupdict().get("pre") or "").strip() \
            and _LEFT_OUT.search(m.string[:m.start()]):
        # "but not the first two (scenes)": those places left out, each one ("the first one and the second one")
        places = ORDINAL_WORDS[:n] if which in _FIRST else ["last", "second to last", "third to last"][:n]
        return " " + " and ".join(f"the {p} one" for p in places) + " "
    unit = (m.group("unit") or "scene").lower().rstrip("s")
    if both and not m.group("unit") or \
            n == 1 and (which in _FIRST + _LAST and m.group("unit") or not m.group("which")):
        return m.group(0)  # "the first dog scene": positions.py reads one placed subject
    pre = m.groupdict().get("pre") or ""
    _set_pick(d, n, "first" if which in _FIRST else "last" if which in _LAST else which if which in _SIZED else "best", unit,
              pre or _clause_after(m))
    kind = "conversations" if unit in _TALKS else "parts" if pre.lower() in _QUIET else ""
    return f" {pre} {kind} "  # "the two trip conversations", "the three quiet bits": the kind kept


#: not an edge of the film, a time ("the first minute", "the two minute mark": tokens by now, or
#: ordinals before a time word) nor a pronoun
_EDGE_WORDS = (rf"(?!(?:the\s+)?(?:<|(?:end|ending|start|beginning|middle|halfway|credits?\s+roll|{ORDINAL}|last"
               r"|opening|final|closing|next|previous|it|that|this|them|those|these|longest|shortest|\d)\b))")
_STOP = r"(?!but\b|and\b|without\b|except\b|under\b|in\b|to\b|till\b|until\b|on\b|onwards?\b)"


#: "the first kite": where it first shows, which is where an edge is found anyway (not "the first two", "the first time")
_FIRST_OF = (r"(?:(?:the\s+)?(?:very\s+)?first\s+(?!(?:%s|ones?|few|couple|half|quarter|third|times?|appearances?|sight|glimpse"
             r"|scenes?|shots?|clips?|moments?|bits?|parts?|minutes?|seconds?|hours?|and|or)\b)(?=[a-z]))?" % "|".join(sorted(NUMBER_WORDS)))


def _thing(name: str) -> str:
    """A named group for the thing at an edge ("the fight", "the old red bus", "the first kite")."""
    return rf"{_FIRST_OF}(?P<{name}>{_EDGE_WORDS}(?:the\s+|a\s+|an\s+)?[a-z][\w'-]*(?:\s+{_STOP}[a-z][\w'-]*){{0,3}})"


_X = _thing("x")
_END = r"(?=\s*(?:[,;.!?]|$))"
#: what the edge bounds: "everything", "the part", or nothing left before it ("the first three scenes
#: after the fight" reaches here as "after the fight": the count took its words)
_HEADS = (r"(?:\b(?:everything|anything|nothing|all(?:\s+of\s+(?:it|this))?|whatever|the\s+rest|the\s+(?:part|bit|stuff|section{units})s?"
          r"|what|only|just)"
          r"(?:\s+(?:that\s+)?(?:happens|comes|is|goes\s+on|plays))?\s+|^\s*)")
#: ...and the scenes before or after something ("the scenes after the fight"; "the clips from an
#: animated movie" come from somewhere, so no unit heads a "from")
_HEAD, _UNIT_HEAD = _HEADS.format(units=""), _HEADS.format(units="|scene|shot|clip|moment")


def _set_pick(d: Draft, n: int, which: str, unit: str, of: str = "") -> None:
    """The count said first is ``pick``; each later one waits in ``more_picks`` until ``intent`` knows
    whether each names a subject of its own ("two goat clips and three kite clips"), else all go."""
    pick = {"n": n, "which": which, "unit": "shot" if unit in _SHOTS else "scene"}
    if not d.pick:
        d.pick, d.pick_of = pick, of
    else:
        d.more_picks.append((pick, of))


def _alternate(d: Draft, m: re.Match) -> str:
    """ "every other goat scene", "alternate kite shots", "every third clip": each n-th, from the first."""
    words = (m.group("x") or m.group("x2") or "").strip()
    step = ordinal(m.group("k")) if m.group("k") and m.group("k").lower() != "other" else 2
    _set_pick(d, step, "alternate", (m.group("u") or m.group("u2")).lower().rstrip("s"), words)
    return f" {words} "


def _more(d: Draft, m: re.Match) -> str:
    """ "one shot of the goat and two of the kite": a count with the unit of the one said before it."""
    if not d.pick:
        return m.group(0)
    _set_pick(d, _count_of(m.group("n")), "best", d.pick["unit"], _clause_after(m))
    return f" {m.group('j')} "


def _clause_after(m: re.Match) -> str:
    """What a count said before its subject is of ("two shots of the goat, and the kite": the goat)."""
    return re.split(r"[,;.!?]", m.string[m.end():], maxsplit=1)[0]


def _one(d: Draft, m: re.Match) -> str:
    pre = m.groupdict().get("pre") or ""  # "one car chase shot"
    _set_pick(d, 1, "best", m.group("unit").lower(), pre or _clause_after(m))
    return f" {pre} "


_OTHER_SIDE = {"after": "until", "until": "after", "before": "since", "since": "before"}


def _edge(name: str):
    def handler(d: Draft, m: re.Match) -> None:
        before = m.string[:m.start()]
        dropped = _LEFT_OUT.search(before) or _JOINED_OUT.search(before) or m.group(0).lstrip().lower().startswith("nothing")
        d.window[_OTHER_SIDE[name] if dropped else name] = unarticled(m.group("x").strip().lower())
    return handler


def _beside(d: Draft, m: re.Match) -> None:
    """ "the ten seconds after the kite takes off", "the minute before the crash": that much of the film beside it."""
    after = m.group("w").lower() in ("after", "following")
    d.window.update({"after" if after else "before": unarticled(m.group("x").strip().lower()),
                     "reach": float(m.group("s")) if m.group("s") else {"minute": 60.0, "hour": 3600.0}[m.group("u").lower()]})


def _between(d: Draft, m: re.Match) -> None:
    d.window.update(since=unarticled(m.group("x").strip().lower()), until=unarticled(m.group("y").strip().lower()))


#: how near a length each one is: "about", or a ceiling ("each under 5 seconds")
_ABOUT = (r"(?:(?:about|around|roughly|approximately|~)\s+|(?P<cap{0}>under|below|at\s+most|no\s+(?:more|longer)\s+than"
          r"|max(?:imum)?)\s+|(?P<floor{0}>at\s+least|over|more\s+than|longer\s+than|no\s+(?:less|shorter)\s+than|min(?:imum)?)\s+)?")
#: what one clip of the cut is called ("each clip", "no scene shorter than 4 s")
_CLIP = r"(?:single\s+)?(?:one|clip|shot|scene|bit|part|moment|cut|piece|segment)s?"


def _count_of(words: str) -> int:
    words = words.lower().replace("a ", "").replace(" of", "").strip()
    words = "both" if words.startswith("both") else words  # "both the bike shots"
    return {"couple": 2, "both": 2, "few": 3, "handful": 5}.get(words) or (int(number(words)) if words else 1)


def _sized(d: Draft, m: re.Match) -> str:
    """ "three 10-second clips": three clips, and a cut of the three together."""
    d.set_budget("target", _count_of(m.group("n")) * float(m.group("s")))
    return f" {m.group('n')} "


def _each(d: Draft, m: re.Match) -> str:
    """ "five kite clips, about 8 seconds each", "each under 5 s": the count said before times each one's length;
    with no count, each clip's own length ("the goat, 5 seconds per clip")."""
    n = d.pick.get("n") if d.pick and d.pick.get("unit") != "subject" else None
    said = lambda k: m.group(k) or m.group(f"{k}2")  # noqa: E731
    if n is None:
        d.set_budget("clip_min" if said("floor") else "clip_max", float(said("s")))
    else:
        d.set_budget("min" if said("floor") else "max" if said("cap") else "target", n * float(said("s")))
    return " "


_LONGER = ("longer", "over", "more", "above", "exceeding")
#: a clip said with a length it is longer or shorter than: "scenes longer than", "clips under"
_BOUNDED = r"\w+\s+(?:\w+\s+)?(?:shorter|under|less|below|longer|over|more|above|exceeding|at\s+least)\b"


def _clip_bound(d: Draft, m: re.Match) -> str:
    """ "no clip longer than 4 s" caps each clip; "no scene shorter than 3 s", "only scenes longer than 10 s",
    "skip clips under 2 seconds" leave the shorter ones out; "drop scenes longer than 10 s", "only
    scenes shorter than 8 s" the longer ones."""
    longer = m.group("w").split()[0].lower() in _LONGER or m.group("w").lower().startswith("at least")
    said = m.groupdict()
    kept_longer = longer != bool(said.get("no") or said.get("drop"))  # "drop the shorter" as "no shorter", "only the longer"
    d.set_budget("clip_min" if kept_longer else "clip_max", float(m.group("s")))
    if not kept_longer and not said.get("no"):
        d.budget["clip_over"] = "left out"
    return " "


def _bookend(d: Draft, m: re.Match) -> str:
    """ "begin and end with the goat": placed first here, and last again by ``intent`` (``Draft.bookend``)."""
    d.bookend = unarticled((m.group("x") or m.group("x2")).strip().lower())
    return f" open with {m.group('x') or m.group('x2')} "


def _longest(d: Draft, m: re.Match) -> str:
    d.pick = {"n": 1, "which": "longest", "unit": "subject"}
    # "whichever comes up more often, the choir or the wedding": how much each is talked about
    return " when they talk about " if re.search(r"comes\s+up|mentioned|talked|discussed", m.group(0), _I) else " "


#: "more", "longer", "more screen time", "more often": a comparison of how much of each there is
_MORE = (r"(?:for\s+)?(?:longer|the\s+longest|(?:the\s+)?(?:more|most)\s+(?:screen\s*time|time\s+on\s+screen)"
         r"|more\s+often|most\s+often|the\s+most|more|most)\b(?:\s+on\s+(?:screen|camera))?")
_SHOWN = (r"(?:'s|\s+is|\s+gets|\s+has|\s+runs|\s+comes\s+up|\s+appears|\s+shows\s+up|\s+is\s+seen|\s+features|\s+there(?:'s|\s+is)"
          r"|\s+(?:is|gets)\s+(?:mentioned|talked\s+about|discussed))")

#: a count of clips ("three clips", "two goat scenes"), for the ceiling said around it
_SOME = rf"(?:{_SOME_N})\s+(?:[a-z]+\s+){{0,2}}?(?:scenes?|shots?|clips?|moments?|bits?|parts?)\b"

#: a length for each subject: "half a minute of goat and half a minute of kite", "10 s of X, 20 s of Y"
_LENGTH_OF = r"<d:(\d+(?:\.\d+)?)>\s+of\s+"
_EACH_LENGTH = rf"{_LENGTH_OF}(?:(?!<d:)[^,;.!?<])+?"
_JOINED = r"(?:\s*(?:,|&|\band\b|\bplus\b|\bthen\b)\s*)+"


def _lengths_summed(d: Draft, m: re.Match) -> str:
    """The cut is as long as the lengths said of its subjects together (each was the whole cut's)."""
    seconds = sum(float(x) for x in re.findall(_LENGTH_OF, m.group(0)))
    return f" <d:{seconds}> of " + re.sub(_LENGTH_OF, "", m.group(0))


COUNTS: list[Rule] = [(re.compile(p, _I), h) for p, h in [
    (rf"(?:\b(?:every|each)\s+(?P<k>other|(?!first\b){ORDINAL})\s+(?P<x>(?:(?!and\b|but\b)[a-z'-]+\s+){{0,3}}?)(?P<u>scenes?|shots?|clips?"
     r"|bits?|moments?|ones?)\b|\balternat(?:e|ing)\s+(?P<x2>(?:[a-z'-]+\s+){0,3}?)(?P<u2>scenes|shots|clips|bits|moments)\b)"
     r"(?:\s*,?\s*(?:starting|beginning)\s+(?:with|from|at)\s+the\s+(?:very\s+)?first(?:\s+one)?\b)?", _alternate),
    (rf"{_EACH_LENGTH}(?:{_JOINED}{_EACH_LENGTH})+(?=\s*(?:[,;.!?]|$))", _lengths_summed),
    # "no more than three clips", "at most two goat scenes", "three clips max": the count is the ceiling
    (rf"\b(?:no|not)\s+more\s+than\s+(?={_SOME})|\b(?:at\s+most|up\s+to|a\s+max(?:imum)?\s+of|max(?:imum)?)\s+(?={_SOME})",
     lambda d, m: " "),
    (rf"\b(?P<c>{_SOME})\s+(?:max(?:imum)?|tops|at\s+(?:the\s+)?most|or\s+(?:fewer|less))\b", lambda d, m: f" {m.group('c')} "),
    # "the shots either side of the bus", "the scenes just before and after the storm": its neighbours
    # (positions.Position.beside); "the bus on both sides of the road" names no shot: a place in the picture
    (r"\b(?P<u>shots?|scenes?|clips?|bits?|pictures?|ones?|parts?)\s+(?:(?:on|at)\s+)?(?:either|each|both)\s+sides?\s+of"
     r"|\b(?P<u2>shots?|scenes?|clips?|bits?|pictures?|ones?|parts?)\s+(?:(?:that\s+(?:come|are)|coming)\s+)?"
     r"(?:(?:just|right|immediately|directly)\s+)?(?:before\s+and\s+(?:just\s+|right\s+)?after|after\s+and\s+before"
     r"|surrounding|around)(?=\s+(?:the|a|an|that|this)\b)", lambda d, m: " shots beside "),
    # "whichever is on screen longer, the cat or the tree", "who's on screen for longer, Dan or Owen":
    # of the subjects named next, only the one with the most material
    (rf"\b(?:which\s*ever|which\s+one|which\s+of\s+(?:them|the\s+two|those|these))(?:\s+(?:one|real\s+person"
     rf"|person|thing|animal|of\s+(?:them|the\s+two|those|these)))?{_SHOWN}?\s+(?:on\s+(?:screen|camera)\s+)?{_MORE}"
     r"(?:\s*(?:,|:|-|of|between)\s*)?", _longest),
    (rf"\bwho(?:ever)?{_SHOWN}\s+(?:on\s+(?:screen|camera)\s+{_MORE}|(?:the\s+)?(?:more|most)\s+screen\s*time)"
     r"(?:\s*(?:,|:|-|of|between)\s*)?", _longest),
    # "three 10-second clips of the goat": the count stays for the rules below, the length is of them all
    (rf"\b{_N}\s+<d:(?P<s>[\d.]+)>[\s-]*(?:long\s+)?(?={_PRE}{_UNITS}\b)", _sized),
    # "the first three dog scenes", "the top 5 moments", "my three favourite bits with Owen"
    (rf"\b(?:the\s+|my\s+|your\s+)?(?:very\s+)?{_WHICH}\s+{_N}\s+{_BEST}{_PRE}{_UNITS}\b{_AFTER_UNIT}", _pick),
    (rf"\b(?:the\s+|my\s+|your\s+)?{_N}\s+{_WHICH}?\s*{_BEST}{_PRE}{_UNITS}\b{_AFTER_UNIT}", _pick),
    # "now just the first two", "only the best three", "three of them": of the cut on screen
    (rf"\b(?:the\s+)?{_WHICH}\s+{_N}(?:\s+of\s+(?:them|those|these))?(?P<unit>){_END}", _pick),
    (rf"\b(?<!\bthe\s){_N}\s+of\s+(?:them|those|these)(?P<which>)(?P<unit>){_END}", _pick),  # not "the two of them"
    # "only the best one", "just the last one": one of the cut on screen ("drop the last one" points at it)
    (rf"(?:^|\b(?:only|just|keep))\s+the\s+{_WHICH}\s+one(?:\s+of\s+(?:them|those|these))?(?P<n>)(?P<unit>){_END}", _pick),
    # "the best dog scene", "my favourite moment with Owen": one, the best
    (rf"\b(?:the\s+|my\s+|your\s+)?(?P<which>best|top|favou?rite|greatest|funniest|longest|shortest)\s+{_PRE2}"
     rf"(?P<unit>scene|shot|clip|moment|bit|part)\b{_AFTER_UNIT}(?P<n>)", _pick),
    # "five kite clips, about 8 seconds each", "3 shots, each around 5 seconds long": all of them that long
    # ...and with no count each clip that long: "keep each clip under 5 s", "cut each one down to 5 seconds", "3 s per shot"
    (rf"(?:\b(?:cut|trim|shorten|keep|make|limit|cap)\s+)?\b(?:each|every)\s+(?:{_CLIP}\s+)?(?:(?:is|being|lasting|of|should\s+be"
     rf"|to\s+be|(?:cut|trimmed|kept|limited|capped)(?:\s+down)?(?:\s+to)?|down\s+to|to)\s+)?{_ABOUT.format('')}<d:(?P<s>[\d.]+)>"
     rf"(?:\s+(?:long|max|tops))?|(?:\bof\s+)?{_ABOUT.format(2)}<d:(?P<s2>[\d.]+)>(?:\s+long)?\s+(?:each|apiece"
     rf"|(?:per|a|an|for\s+(?:each|every))\s+{_CLIP}\b)", _each),
    # "no clip longer than 4 seconds", "no scene under 3 s", "skip clips shorter than 2 s", "only scenes longer than 10 s"
    (rf"\b(?:(?P<no>no|none\s+of\s+the)|(?P<drop>{DROP_VERBS})\s+(?:the\s+|any\s+|all\s+(?:the\s+)?)?(?={_BOUNDED})"
     rf"|(?:only|just)\s+(?:the\s+)?(?={_BOUNDED}))\s*{_CLIP}\s+(?:(?:that(?:'s|\s+is|\s+are)"
     rf"|which\s+are|is|are|should\s+be|can\s+be)\s+)?(?P<w>longer\s+than|over|more\s+than|above|exceeding|at\s+least"
     rf"|shorter\s+than|under|less\s+than|below)\s+<d:(?P<s>[\d.]+)>(?:\s+long)?", _clip_bound),
    # "the goat bits that are at least 10 seconds", "where the goat appears for more than 5 seconds": those clips
    (rf"(?:\b(?:clip|shot|scene|bit|part|moment|piece|segment)s?\s+(?:(?:that|which)\s+(?:are|is|lasts?|runs?)|lasting|running)|\b(?:appears?|shows?\s+up|is\s+(?:on\s+screen"
     rf"|there|seen|visible)))\s+(?:for\s+)?(?P<w>longer\s+than|over|more\s+than|at\s+least|shorter\s+than"
     rf"|under|less\s+than)\s+<d:(?P<s>[\d.]+)>(?:\s+long)?", _clip_bound),
    # "just one shot of the lighthouse", "a single clip with the goat": one, the best
    (r"\b(?:(?:just|only)\s+)?(?:one|a\s+single|a\s+sole|single)\s+(?P<unit>scene|shot|clip|moment|bit|part)\s+"
     r"(?=(?:of|with|showing|featuring|where)\b)", _one),
    (rf"\b(?:(?:just|only)\s+)?(?:one|a\s+single|a\s+sole|single)\s+(?!more\b|other\b|last\b|final\b|next\b){_PRE2}"
     r"(?P<unit>scene|shot|clip|moment)\b(?!\s+(?:of|with|showing|featuring|where)\b)", _one),
    # "one shot of the goat and two of the kite": the second count in the unit of the first
    (rf"(?P<j>\band|,|\bplus)\s+(?P<n>one|{_SOME_N})\s+(?:more\s+)?of\s+(?=(?:the|a|an|my|his|her|their)\s)", _more),
    # "the ten seconds after the kite takes off", "the last minute before the crash": a stretch beside it
    (rf"(?:\b(?:the|a|an)\s+)?(?:(?:first|last|final)\s+)?(?:<d:(?P<s>[\d.]+)>|\b(?P<u>minute|hour))\s+(?:or\s+so\s+)?"
     rf"(?:(?:right|just|immediately|directly)\s+)?(?P<w>after|following|before|leading\s+up\s+to|prior\s+to|up\s+to)\s+{_X}",
     _beside),
    # "everything after the wedding", "the part before the storm", "whatever comes after the fight"
    (rf"(?:{_UNIT_HEAD}after|\b(?:the\s+|in\s+the\s+)?aftermath\s+of)\s+{_X}", _edge("after")),
    (rf"{_UNIT_HEAD}(?:before|until|till|til|up\s+to|leading\s+up\s+to|(?:in\s+)?the\s+(?:build|run|lead)[\s-]?up\s+to)\s+{_X}",
     _edge("before")),
    # "the stuff between the cat and the dog": from the one to the other
    (rf"{_UNIT_HEAD}between\s+{_X}\s+and\s+{_thing('y')}{_END}", _between),
    # ("the bits from an animated movie": where they come from, not a moment of this film)
    (rf"{_HEAD}(?:from(?!\s+(?:a|an)\s)|since|starting\s+(?:with|from|at))\s+{_X}(?:\s+on(?:wards?)?)?{_END}",
     _edge("since")),
    # "from the storm to the end", "from the storm onwards", "the start up to the crash"
    (rf"\bfrom\s+{_X}\s+(?:(?:to|till|until|through)\s+the\s+(?:very\s+)?end|on(?:wards?)?){_END}", _edge("since")),
    (rf"\bfrom\s+the\s+(?:very\s+)?(?:start|beginning)\s+(?:to|till|until|up\s+to)\s+(?:and\s+including\s+)?{_X}",
     _edge("until")),
    # "everything from the graffiti to the present", "from the start of the fish to the end of the squirrel"
    (rf"\bfrom\s+(?:the\s+(?:very\s+)?(?:start|beginning)\s+of\s+)?{_X}\s+(?:to|till|until|through|up\s+to)\s+"
     rf"(?:the\s+end\s+of\s+)?{_thing('y')}{_END}", _between),
    # "begin and end with the goat", "the cat with the goat at both ends"
    (rf"{BOOKEND}{_X}|(?:\bwith\s+)?\b(?P<x2>(?:the\s+|a\s+|an\s+)?(?!with\b|add\b|put\b|have\b|keep\b)[a-z][\w'-]*(?:\s+(?!with\b)[a-z][\w'-]*){{0,2}})"
     r"\s+(?:(?:at|on)\s+both\s+ends|at\s+the\s+(?:very\s+)?(?:start|beginning)\s+and\s+(?:again\s+)?(?:at\s+)?the\s+(?:very\s+)?end)\b",
     _bookend),
]]


#: one passage of talk named ("the bit about the storm", "that part where they plan the trip", "the line about
#: the red nose"); not a leaving-out ("but not the bit where ..."), and nothing that says it recurs
_PASSAGE = rf"(?:bit|part|moment|section|segment|passage|line|convo|{'|'.join(_TALKS)})"
_ONE_PASSAGE = re.compile(rf"\b(?:(?:the|that|this)\s+{_PASSAGE}\s+(?:of|(?=about|where|when|in\s+which|on|regarding"
                          rf"|concerning))|a\s+{_PASSAGE}\s+(?=about|where|when|in\s+which|regarding|concerning))\b", _I)  # not "a bit of"
_RECURS = re.compile(rf"\b(?:{_PASSAGE}s|every|each|whenever|all|both|times|twice|several|couple|again|always|keeps?"
                     r"|whole|saga|arc|thread)\b", _I)


def one_passage(d: Draft, include: list[Query]) -> Pick | None:
    """The best scene, where a first request names ONE passage of talk about its one spoken
    subject and no length: the singular says one. Said of that subject, so what a later turn
    adds plays whole ("and the cat too"). Dev truth (bench/requests, the six dev films only): of
    the 219 requests with a scene to keep that this reads as one passage, 209 keep one scene
    (the rest: two introductions, a radio that plays twice, and passages inside a leaving-out or
    an order, which this does not change)."""
    if d.budget or len(include) != 1 or include[0].modality != "speech":
        return None
    m = _ONE_PASSAGE.search(d.request)
    if not m or _RECURS.search(d.request) or _LEFT_OUT.search(d.request[:m.start()]):
        return None
    return Pick(n=1, which="best", unit="scene", of=include[0].text)

