"""Pattern tables for everything in a request that is not a subject.

Each table row is ``(regex, handler)``: the handler writes into a ``Draft`` and the
matched text is cut out of the request, so what remains for ``subjects.py`` is the
viewer's words about *what* to keep. Lengths are already ``<d:SECONDS>`` tokens here
(``numbers.py``); keyword typos were fixed by ``fix_typos``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .points import _OF, POINTS, Rule, _d, _t, _v
from .numbers import NEXT_TO_LAST, ORDINALS, TAKING, ordinal
from .order_words import BY_LENGTH, length_order
from .plan import Query
from .word_forms import TALKER, THAN_NOW
from .rewordings import REWORDINGS
from .draft import Draft, SegmentRef  # noqa: F401  (what the tables write into; re-exported)

SHRINK = 0.75  # "make it shorter" keeps 75 % of the current ceiling
#: "a quick recap", "the highlights" with no length: a fifth of the film (the planner
#: bounds it, ``budget.summary_length``), the share the "short version" suggestion offers
SUMMARY_SHARE = 0.2
PAD = 2.0  # seconds of lead-in for "with a bit of context"
CROSSFADE = 0.5  # seconds, for "with crossfades"
FADE = 1.0  # seconds, for "fade in and out"


@dataclass(frozen=True)
class ReadingOptions:
    """Readings of vague words, in one place (the parser sits below ``calibration.py``, so
    its options live here). No dev request says "towards the end" or "early on" (180 dev
    requests, 0 such windows), so these are chosen a priori, not fitted to any film."""

    #: "towards the end", "early on", "at the very start": the last / first third of the
    #: film, the widest reading that still leaves out its middle
    edge: float = 1 / 3
    #: "in the middle of the film": the middle third
    middle: tuple[float, float] = (1 / 3, 2 / 3)


READING = ReadingOptions()

_I = re.I


# --- helpers for the tables -----------------------------------------------------------
def _opt(m: re.Match, default: float, name: str = "a") -> float:
    """An optional length group, or ``default`` when the viewer gave none."""
    value = m.groupdict().get(name) or m.groupdict().get(name + "2")
    return float(value) if value else default


#: a placement verb before "at the end" makes it an order ("put the dog at the end"), as do both ends given each its
#: subject ("the lighthouse at the start and the goat at the end"); beside an end placed, "in the middle" is a place too
_PLACED = re.compile(r"\b(?:put|place|move|save|stick|go|goes|come|comes|play|plays|position"
                     r"|keep|with|then|after|afterwards|followed|next|first|before|add|append|tack|also|include|plus)\b[^,;]*$", _I)
_ENDS_PLACED = re.compile(r"\b(?:(?:open|close|start|begin|end|finish)(?:s|ing)?\s+(?:with|on)|first|last)\b", _I)
_BOTH_EDGES = re.compile(r"\bat\s+the\s+(?:very\s+)?(?P<a>start|beginning|end|finish)\b\s*(?:,|\band\b)(?!\s*at\b)[^,;]+"
                         r"\bat\s+the\s+(?:very\s+)?(?!(?P=a)\b)(?:start|beginning|end|finish)\b", _I)


def _edge(d: Draft, m: re.Match, where: str):
    """ "towards the end", "early on", "in the middle": a vague window (``READING``); a placement is left for ``subjects.py``."""
    at = m.group(0).lower().lstrip().startswith("at")
    if at and (_PLACED.search(m.string[:m.start()]) or _BOTH_EDGES.search(m.string)):
        return m.group(0)
    if where == "middle" and re.fullmatch(r"\s*in\s+the\s+middle\s*", m.group(0)) and (_PLACED.search(m.string[:m.start()])
                                                                                  or _ENDS_PLACED.search(m.string)):
        return " "  # "the lighthouse first, the kite in the middle, the goat last": its place in the cut
    if at and where != "middle":
        d.at_edge = where
    if where == "end":
        d.window.update(fraction_start=round(1 - READING.edge, 4))
    elif where == "start":
        d.window.update(fraction_end=round(READING.edge, 4))
    else:
        d.window.update(fraction_start=round(READING.middle[0], 4), fraction_end=round(READING.middle[1], 4))
    return None


#: What the viewer calls the cut itself: "a quick 20-second promo of", "a short version of".
_FORM = (r"(?:promo(?:tional)?(?:\s+(?:video|clip|reel))?|recap|summary|summari[sz](?:ation|e)|overview|gist"
         r"|sum\s+(?:it|this|that|everything|things)?\s*(?:all\s+)?up|boil\s+(?:it\s+|this\s+|everything\s+)?down|condense"
         r"|highlights?(?:\s+(?:reel|video))?|digest|rundown|best[- ]of|sizzle reel|supercut|teaser|taster|taste|sampler"
         r"|version|abridgement|(?:best|good|great|key|main|top|most\s+interesting)\s+(?:bits|parts|moments|stuff|points)"
         r"|essentials|preview|tl;?\s?dr|(?:montage|compilation|reel|video|clip|film|movie|edit)"
         r"(?=\s+(?:of|with|featuring|about|showing)\b))")
_SIZE = (r"(?:quick|short|shorter|brief|little|tiny|fast|small|nice|cool|fun|punchy|snappy"
         r"|tight|condensed|compact|abridged|rough|final|mini|neat)")
SUMMARY = re.compile(rf"(?:\b(?:a|an|the|my|some|your)[\s,]+)?(?:\b{_SIZE}[\s,]+)*\b{_FORM}s?\b"
                     r"(?:\s+(?:of|with|featuring|about|on|showing|containing|for|from)\b)?"
                     # "something short with the horses", "something fun about the dogs": the cut, sized
                     rf"|\bsomething\s+(?:{_SIZE}[\s,]+)+(?:with|featuring|about|of|showing)\b", _I)
_SUBS = r"(?:subtitles?|subs|captions?|closed captions)"
_FADES = r"(?:cross[- ]?fad(?:es?|ing)|cross[- ]?dissolves?|dissolves?)"
_CONTEXT = (r"(?:lead[- ]?ins?|lead[- ]?outs?|context|breathing (?:room|space)|run[- ]?ups?"
            r"|padding|set[- ]?ups?|build[- ]?ups?)(?![\w-])(?!\s+to\s+(?:the|a|an|his|her|their)\b)")  # "build-up to X": before X
_SEGS = r"(?:them|(?:the\s+)?(?:clips|segments|scenes|shots|cuts|bits))"
_RIGHT = r"(?:(?:right|just)\s+)?"  # "right at the end", "just in the middle": the edge itself


#: the verbs of making a cut smaller ("squeeze it down to a minute")
_SHRINK = r"(?:trim|squeeze|squash|boil|condense|compress|shrink|cram|whittle|pare|chop|slim|edit|cut)"
#: words right before "between A and B minutes" that make it a length, not a stretch of the film
_LENGTH_BEFORE = re.compile(
    rf"\b(?:(?:make|keep|get|bring|have|edit|want|need|shorten|{'|'.join(TAKING)})\s+(?:it|this|that|them|the\s+\w+|everything)?"
    r"|(?:cut|clip|version|edit|video|montage|recap|trailer|teaser|summary|reel|supercut|film|movie|highlights?)"
    r"(?:\s+(?:that'?s|that\s+is|lasting|running|of|at))?|(?:be|is|lasts?|runs?|last|run|lasting|running|length|duration)"
    r"(?:\s+(?:for|of|at))?)\s*$", _I)
#: How the cut is made and rendered: run first, so "1 second crossfades" keeps its length.
OPTIONS: list[Rule] = [(re.compile(p, _I), h) for p, h in [
    # "anywhere they talk about food", "any time someone mentions it": where or when a talker
    # does something, as "where"/"whenever" say it (every talk and sight pattern reads those)
    (rf"\b(?:any|every)where\b(?=\s+{TALKER}\b)|\bwherever\b", lambda d, m: "where"),
    (rf"\bany\s?time\b(?=\s+{TALKER}\b)", lambda d, m: "whenever"),
    # "somewhere in the first minute", "anywhere after 1:00": the window alone (before any window rule reads it)
    (r"\b(?:somewhere|anywhere)\s+(?=(?:in|within|during|after|before|between|from|past|around|near|towards?"
     r"|up\s+to|until|till|once)\b)", lambda d, m: " "),
    # speech5: a request that opens "no one <verb>s" is a line heard ("no one expects the
    # quiet librarian"), its subject "nobody", not a drop of "one expects ..."
    (r"^\s*no[- ]?one(?=\s+[a-z]*[a-rt-z]s\b)", lambda d, m: "nobody"),
    # making the cut, not a drop: "cut me a two minute reel of the dogs", "cut us something short", "cut
    # the film down to a minute of the dogs", "squeeze the whole film down to a minute" (any verb of making
    # smaller, with the length it comes to); "cut the dogs" stays a drop
    (r"\bcut\s+(?:(?:me|us)\s+(?=\w)|(?=(?:a|an|something)\s))|\bcut\s+(?:the\s+(?:film|movie|video|thing)|it|this)"
     rf"\s+down(?:\s+to\b|(?=\s*<d:))|\b{_SHRINK}\s+(?:it|this|that|everything|(?:the|this|that|my)\s+(?:whole\s+|entire\s+)?"
     r"(?:film|movie|video|thing|clip|everything|lot))\s+down\s+to\b", lambda d, m: " make "),
    # "cut the wedding sequence down to 60 seconds": that much of it
    (rf"\b{_SHRINK}\s+(?P<x>(?:the|this|that|my|all\s+the)\s+[a-z][\w'-]*(?:\s+[a-z][\w'-]*){{0,3}}?)\s+down\s+to\b",
     lambda d, m: f" {m.group('x')} , "),
    # making the cut, not a keep/drop or "together" marker: "cut together the goals"
    (r"\b(?:cut|put|stitch|edit|splice|string|mash|pull|throw|piece|bring)\s+(?:it\s+|them\s+|these\s+|those\s+)?"
     r"together\b", lambda d, m: " "),
    # "put the astronaut and the cameraman shots together": a cut made of those, not both in one shot
    (r"\b(?:put|stitch|splice|string|mash|piece)\s+(?P<x>(?:(?!together\b)[\w'-]+\s+){1,8}?)together\b",
     lambda d, m: f" {m.group('x')} "),
    (rf"\b(?:no|without(?:\s+any)?|drop the|remove the|turn off(?: the)?)\s+{_FADES}"
     r"|\b(?:hard|straight) cuts(?: only)?\b", lambda d, m: d.output.update(crossfade=0.0)),
    (rf"(?:\b(?:with|add|use)\s+)?(?:(?:an?|some)\s+)?(?:{_d('a')}\s+)?{_FADES}"
     rf"(?:\s+of\s+{_d('a2')})?(?:\s+between\s+{_SEGS})?",
     lambda d, m: d.output.update(crossfade=_opt(m, CROSSFADE))),
    (r"\b(?:no|without(?:\s+any)?)\s+(?:fades?|fading)\b", lambda d, m: d.output.update(fade=0.0)),
    (r"(?:\b(?:with|add)\s+(?:an?\s+)?)?\b(?:fade to black|fade[- ]?outs?|fade[sd]?(?:[- ]in)?"
     r"(?:\s+and\s+(?:fade[- ]?)?out)?)\b(?:\s+(?:at|of)\s+(?:the\s+)?(?:start|end|both ends))?",
     lambda d, m: d.output.update(fade=FADE)),
    (rf"\b(?:no|without(?:\s+any)?|turn off(?: the)?|drop the)\s+{_SUBS}",
     lambda d, m: d.output.update(subtitles=False, burn_subtitles=False)),
    (rf"(?:\bwith\s+)?(?:burn(?:ed|t)?[- ](?:in|on)|hard[- ]?coded|hard[- ]?subbed|burned|burnt"
     rf"|open)\s+{_SUBS}|\b{_SUBS}\s+burn(?:ed|t)?\s+in\b|\bburn\s+(?:in\s+)?the\s+{_SUBS}"
     rf"(?:\s+in(?:to the (?:picture|video))?)?",
     lambda d, m: d.output.update(burn_subtitles=True)),
    (rf"(?:\b(?:with|add|plus|and|turn on)\s+(?:the\s+)?)?(?:english\s+|soft\s+)?\b{_SUBS}"
     r"(?:\s+(?:on|too|as well|file))?\b", lambda d, m: d.output.update(subtitles=True)),
    # granularity: whole scenes, or tight moments around the evidence
    (r"\b(?:(?:the\s+)?(?:whole|full|complete|entire|uncut)\s+(?:scenes?|shots?)"
     r"|scene by scene|(?:don'?t|do not|never) cut (?:the )?(?:scenes|mid[- ]scene)(?: short)?)\b",
     lambda d, m: d.set("granularity", "scene")),
    (r"\b(?:(?:just|only)\s+)?(?:the\s+)?(?:key|exact|precise|tight(?:er)?)\s+moments?\b|\btighter\b"
     r"|\bas (?:short|tight|brief) as (?:possible|you can)\b|\bmake it (?:quick|snappy|brief)\b"
     r"|\b(?:keep it|cut it|make it|edit it)\s+tight\b|\btight(?:ly)?[- ](?:cut|edited|edit)\b"
     r"|\b(?:just|only)\s+the\s+moments?\b|\bmoments? only\b|\bmoment by moment\b"
     r"|\b(?:short|quick|tight|brief)\s+(?:clips|bits|snippets|cuts|moments)\b"
     r"|\bno (?:whole|full) scenes\b|\bnot (?:the )?(?:whole|full|entire) scenes?\b",
     lambda d, m: d.set("granularity", "moment")),
    # context padding around each pick
    (rf"\b(?:no|without(?:\s+any)?)\s+(?:extra\s+)?{_CONTEXT}", lambda d, m: d.set("padding", 0.0)),
    (rf"\b(?:a\s+(?:bit|little)\s+|some\s+)?(?:more|extra)\s+{_CONTEXT}",
     lambda d, m: setattr(d, "padding_delta", PAD)),
    (rf"\b(?:a\s+(?:bit|little)\s+)?less\s+{_CONTEXT}", lambda d, m: setattr(d, "padding_delta", -PAD)),
    (rf"\b(?:padded|pad(?:\s+(?:it|them|each|every)(?:\s+(?:one|clip|scene|shot))?)?)\s+"
     rf"(?:(?:by|with)\s+)?{_d('a')}(?:\s+(?:either side|each side|on each side|before and after))?",
     lambda d, m: d.set("padding", _v(m))),
    (rf"(?:\bwith\s+(?:an?\s+)?)?{_d('a')}\s+(?:of\s+)?(?:{_CONTEXT}|either side|each side|on each side|on either side|before and after|around (?:each"
     rf"|them|it))|\b(?:plus|and|with)\s+{_d('a2')}\s+(?:after(?:wards)?|before(?:hand)?)(?:\s+(?:it|that|them))?(?=\s*(?:[,;.!?]|$))",
     lambda d, m: d.set("padding", _v(m))),  # "the kite taking off plus a few seconds after": lead-in and lead-out
    (rf"\b(?:with\s+)?(?:(?:a\s+(?:bit|little|touch)|some|a few seconds|a moment)\s+(?:of\s+)?)?"
     rf"{_CONTEXT}(?:\s+(?:and|&)\s+(?:lead[- ]?outs?|follow[- ]?through|aftermath))?"
     r"(?:\s+(?:before and after|either side|on (?:each|either|both) sides?|around (?:it|them|each)"
     r"|(?:before|around)\s+(?:each|them|it|every)(?:\s+\w+)?))?",
     lambda d, m: d.set("padding", PAD)),
    (r"\b(?:don'?t|do not)\s+start\s+(?:right\s+)?on\s+the\s+action\b"
     r"|\blet (?:them|it|the scenes?) breathe\b", lambda d, m: d.set("padding", PAD)),
    # pacing: how the cut feels
    (r"\b(?:(?:like|as|in the style of|cut like|edited like)\s+)?(?:an?\s+)?"
     r"(?:movie\s+|film\s+)?(?:trailer|teaser)(?:[- ](?:style|like))?(?:[- ](?:pacing|cut|edit"
     r"|version))?\b(?:\s+(?:for|about|featuring|showing)\b)?"  # "a trailer for the kite": of the kite
     r"|\btrailer[- ]?(?:style|like)\b", lambda d, m: d.set("pacing", "trailer")),
    (r"\b(?:as\s+)?(?:an?\s+)?super[- ]?cut\b", lambda d, m: d.set("pacing", "supercut")),
    # several subjects at once
    (r"\b(?:together|in the same (?:shot|scene|frame)(?:\s+as\b)?|at the same time|both at once)\b",
     lambda d, m: d.set("match", "all")),
    # "dan and hana both talking" / "both on screen", "tom and max talk to each other": both
    # at once, the saying kept for the speaker ("hana talking")
    (r"\bboth\s+(?=(?:talking|speaking|chatting|talk|speak|chat|on[ -]?screen|in\s+(?:the\s+)?(?:shot|frame)"
     r"|visible|there)\b)"
     r"|(?:(?<=talking)|(?<=speaking)|(?<=chatting)|(?<=\btalk)|(?<=\bspeak)|(?<=\bchat))"
     r"\s+(?:to|with)\s+(?:each other|one another)\b",
     lambda d, m: (d.set("match", "all"), " ")[1]),
    # "the conversation between nora and felix", "nora and felix chatting": the two talk together
    (r"\b(?:conversations?|chats?|talks?|exchanges?|dialogues?|arguments?|rows?)\s+between\s+(?P<a>[a-z]+)\s+and\s+"
     r"(?P<b>[a-z]+)\b", lambda d, m: (d.set("match", "all"), f" {m.group('a')} and {m.group('b')} talking ")[1]),
    (r"(?:^|(?<=[,;:]))\s*(?:just\s+|only\s+)?(?:(?:all\s+)?(?:the\s+)?(?:bits?|parts?|scenes?|times?)\s+)?(?:(?:where|when|whenever)\s+)?"
     r"[a-z]+\s+and\s+[a-z]+\s+(?:are\s+)?(?:talking|chatting|arguing|speaking|bickering|talk|chat|argue|bicker|conversing|having\s+a\s+(?:chat|talk|conversation|natter))(?=\s*(?:[,;.!?]|$))",
     lambda d, m: (d.set("match", "all"), re.sub(r"having\s+a\s+\w+$", "chatting", m.group(0), flags=_I))[1]),
]]

#: Length, window and order; relative changes first, plain lengths last.
CONSTRAINTS: list[Rule] = POINTS + [(re.compile(p, _I), h) for p, h in [
    # "fit the ducks into 40 seconds", "squeeze it all into half a minute": a ceiling
    (rf"\b(?:fit|squeeze|cram|pack)\s+(?P<s>(?:it|them|this|everything|(?:the|all|every|those|these|my)\b)[^,;<]*?)"
     rf"\s+(?:into|in|within)\s+{_d('a')}",
     lambda d, m: (d.set_budget("max", _v(m)), f" {m.group('s')} ")[1]),
    # "limit it to 30 s": a ceiling; "trim it to 40 s": the new length
    (rf"\b(?:limit|cap|restrict|keep)\s+(?:it|this|the cut|the video|everything|the\s+(?:total|length|running time|whole thing))\s+to\s+{_d('a')}",
     lambda d, m: d.set_budget("max", _v(m))),
    (r"\b(?:trim|reduce|shorten|cut|bring|get|lengthen|extend|stretch|expand|pad|take)\s+(?:it|this|the cut"
     rf"|the video|that|everything)?\s*(?:down|up|out|back)?\s*to\s+{_d('a')}",
     lambda d, m: d.set_budget("target", _v(m))),
    (r"\b(?:lasting|that lasts|which lasts|running(?:\s+for)?|that runs(?:\s+for)?)\s+"  # "a reel lasting 25 s"
     r"(?=(?:about|around|roughly|approximately|exactly|just|under|at most|no more than|less than|<d:))",
     lambda d, m: " "),
    # "cut 10 seconds out of it", "shave 5 s off the cut": that much shorter
    (rf"\b(?:{'|'.join(TAKING)})\s+{_d('a')}\s+(?:out\s+of|off(?:\s+of)?|from)\s+"
     r"(?:it|this|that|the\s+(?:cut|edit|video|thing))\b", lambda d, m: setattr(d, "delta", -_v(m))),
    (rf"(?:\bby\s+)?{_d('a')}\s+(?:shorter|less)\b|\bshorter\s+by\s+{_d('a2')}",
     lambda d, m: setattr(d, "delta", -_v(m))),
    (rf"(?:\bby\s+)?{_d('a')}\s+(?:longer|more)\b|\blonger\s+by\s+{_d('a2')}",
     lambda d, m: setattr(d, "delta", _v(m))),
    (r"\bhalf as long\b|\bhalve it\b|\bhalf the length\b", lambda d, m: setattr(d, "scale", 0.5)),
    (r"\btwice as long\b|\bdouble it\b|\bdouble the length\b",
     lambda d, m: setattr(d, "scale", 2.0)),
]] + REWORDINGS + [(re.compile(p, _I), h) for p, h in [
    # budget: how long the cut may be
    # "a minute or two": between the one and twice it ("for like a minute or two")
    (rf"(?:\b(?:for\s+)?like\s+)?{_d('a')}\s+or\s+(?:two|2)\b(?!\s*(?:minutes?|mins?|seconds?|secs?|hours?))",
     lambda d, m: (d.set_budget("min", _v(m)), d.set_budget("max", 2 * _v(m)))),
    # "whatever they talk about between 2 and 3 minutes", "between 5 and 6 minutes in": where, not how long
    # ...and "between 5 and 6 min", "between 5 and 6 minutes, any fruit": a range of the film's clock,
    # unless the words make a length of it ("keep it between 2 and 3 minutes", "a clip between ...")
    (rf"\b(?P<pre>about|happening|happens|happened|going\s+on|on\s+screen|shows?\s+up|appears?|said|talk(?:s|ing|ed)?"
     rf"|seen|there)?\s*\bbetween\s+{_d('a')}\s+(?:and|-)\s+{_d('b')}(?P<in>\s+in\b)?(?!\s+(?:long|in\s+length|of)\b)",
     lambda d, m: (d.window.update(start=_v(m), end=_v(m, "b")), f" {m.group('pre') or ''} ")[1]
     if m.group("pre") or m.group("in") or not _LENGTH_BEFORE.search(m.string[:m.start()])
     else (d.set_budget("min", _v(m)), d.set_budget("max", _v(m, "b")), " , ")[2]),
    (rf"\bbetween\s+{_d('a')}\s+(?:and|-)\s+{_d('b')}(?:\s+long)?",
     lambda d, m: (d.set_budget("min", _v(m)), d.set_budget("max", _v(m, "b")))),
    (rf"{_d('a')}\s*(?:to|-|until|till)\s*{_d('b')}\s+in\b",  # "2.5 to 4 minutes in": where in the film
     lambda d, m: d.window.update(start=_v(m), end=_v(m, "b"))),
    (rf"{_d('a')}\s+(?:to|or)\s+{_d('b')}(?:\s+long)?",  # "20 to 30 seconds of the ducks"
     lambda d, m: (d.set_budget("min", _v(m)), d.set_budget("max", _v(m, "b")))),
    (rf"{_d('a')}\s*-\s*{_d('b')}(?:\s+long)?",
     lambda d, m: (d.set_budget("min", _v(m)), d.set_budget("max", _v(m, "b")))),
    (rf"\b(?:nothing|none|nowt)\s+(?:longer|more|over|bigger|above)\s+(?:than\s+)?{_d('a')}",
     lambda d, m: d.set_budget("max", _v(m))),
    (rf"\b(?:nothing|none)\s+(?:shorter|less|under|below)\s+(?:than\s+)?{_d('a')}",
     lambda d, m: d.set_budget("min", _v(m))),
    # "up to 3:30": a clock reading is a point in the film, so this is where to stop looking
    (rf"\b(?:everything\s+|anything\s+|all\s+)?(?:up\s+)?(?:to|until|till)\s+(?:the\s+)?{_t('a')}"
     r"(?:\s+mark)?(?!\s*(?:long|cut|version))", lambda d, m: d.window.update(end=_v(m))),
    (rf"\bsub[- ]?{_d('a')}|(?:\b(?:with|under)\s+an?\s+)?{_d('a2')}\s*(?:cap|limit|ceiling)\b",
     lambda d, m: d.set_budget("max", _v(m))),  # "a sub-30-second clip", "with a 45 s cap"
    (r"\b(?<!\bno\s)(?<!\bnot\s)(?<!\bnothing\s)(?:under|below|less than|shorter than|at most|at the (?:very )?most|no more than"
     r"|no longer than|not more than|not longer than|max(?:imum)?(?: of)?|up to|within|tops|cap(?:ped)? at"
     rf"|limit(?:ed)? to|(?:keep it|kept) under|fewer than|not over|no longer)\s+{_d('a')}",
     lambda d, m: d.set_budget("max", _v(m))),
    # "a 45 s recap, tops": a ceiling said after the thing it bounds (up to 4 words between)
    (rf"(?:\b(?:about|roughly|around|approximately|circa|something like)\s+)?{_d('a')}(?P<mid>(?:\s*,?\s*(?!<)[^\s,<]+){{0,4}}?)"
     r"(?:\s*,)*\s*(?<!\bof\s)(?<!\bwith\s)(?:max(?:imum)?|tops|or less"
     r"|or shorter|at most|at the (?:very )?most|or under|no more|no longer|at the outside)\b",
     lambda d, m: (d.set_budget("max", _v(m)), f" {m.group('mid')} ,")[1]),
    (r"\b(?:at least|more than|over|longer than|no less than|no shorter than|not less than|not shorter than"
     r"|nothing shorter than|nothing under|not under|no fewer than"
     rf"|min(?:imum)?(?: of)?|a minimum of)\s+{_d('a')}", lambda d, m: d.set_budget("min", _v(m))),
    (rf"{_d('a')}\s+(?:or more|or longer|at least|minimum|min)\b", lambda d, m: d.set_budget("min", _v(m))),
    (rf"\bexactly\s+{_d('a')}|{_d('a2')}\s+exactly\b",
     lambda d, m: (d.set_budget("target", _v(m)), d.set_budget("tolerance", 0.02))),
    (r"(?:\b(?:about|roughly|around|approximately|approx\.?|circa|close to|something like"
     rf"|more or less|give or take|aim for|target)\s+|~\s*){_d('a')}(?:\s+long)?"
     rf"(?:\s*(?:or so|-?ish)\b)?|{_d('a2')}\s*,?\s*(?:or so|-?ish|roughly|approximately"
     r"|give or take|more or less|or thereabouts)\b", lambda d, m: d.set_budget("target", _v(m))),
    (rf"(?:\b(?:in|as|into|with)\s+an?\s+(?=<[dt]:[\d.]+>\s+(?:cut|version|edit|montage|supercut|reel|clip|video)\b)|\bin\s+)?"
     rf"{_d('a')}(?:\s*-?\s*long\b|\s+(?:cut|version|edit|montage|supercut|reel))?",
     lambda d, m: d.set_budget("target", _v(m))),
    # order of the segments in the cut
    (r"\b(?:(?:played|shown|run|put|arranged|sorted|ordered|going|running|playing)\s+)?(?:in\s+)?(?:reverse|reversed"
     r"|inverse|backwards?)(?:\s+(?:the\s+)?(?:chronological\s+)?order(?:\s+of)?|\s+in\s+time)?\b"
     r"|\b(?:the\s+)?order\s+of\b(?=.*\b(?:reversed|flipped|inverted)\b)"  # "the order of the dogs reversed"
     r"|\b(?:from\s+)?(?:(?:the\s+)?(?:last|latest|newest|most recent|end|finish)\s+(?:one\s+)?(?:to|through)"
     r"\s+(?:the\s+)?(?:first|earliest|oldest|start|beginning)(?:\s+one)?)\b"
     r"|\b(?:(?:sorted|ordered|arranged|listed)\s+(?:by\s+)?)?(?:(?:the\s+)?(?:most recent|newest|latest|last|later|final)(?:\s+(?:one|ones|bits?|parts?"
     r"|scenes?|shots?|moments?|clips?))?|the end)\s+first\b|\bstart(?:ing)? (?:from|at) the end\b",
     lambda d, m: m.group(0) if _in_clause(m) else d.set_order("reverse")),
    # "the newest dog shots first", "the oldest ones first": the words between are the subject
    (r"\b(?:the\s+)?(?P<w>most recent|newest|latest|oldest|earliest)\s+(?P<s>(?:(?!first\b)[a-z'-]+\s+){1,3}?)first\b",
     lambda d, m: (d.set_order("source" if m.group("w").lower() in ("oldest", "earliest") else "reverse"), f" {m.group('s')} ")[1]),
    (BY_LENGTH, lambda d, m: d.set_order(length_order(m))),  # "the longest ones first", "sorted by length"
    (r"\b(?:(?:sorted |ordered |ranked )?(?:by|in order of)\s+(?:score|relevance|best match)"
     r"|(?:the\s+)?(?:best|strongest)(?:\s+(?:ones|bits|parts|scenes|matches))?\s+first"
     r"|most relevant(?:\s+(?:ones|scenes))?\s+first|ranked)\b", lambda d, m: d.set_order("score")),
    (r"\b(?:(?:put\s+(?:it|them)\s+|go\s+)?back\s+)?(?:(?:in|into|to)\s+)?(?:(?:the\s+|its\s+|their\s+)?(?:original|chronological|film(?:'?s)?|story|normal|usual|natural|source)\s+order"
     r"|(?:the\s+)?order\s+of\s+(?:appearance|events|the\s+film)|(?:restore|reset)\s+the\s+order|chronological(?:ly)?(?=\s*(?:please|pls|again|[,;.!?]|$))|chronologically|in order"
     r"|(?:from\s+)?(?:the\s+)?(?:first|earliest|oldest)\s+(?:one\s+)?(?:to|through)"
     r"\s+(?:the\s+)?(?:last|latest|newest|most recent)(?:\s+one)?"
     r"|(?:from\s+)?(?:the\s+)?(?:beginning|start)\s+(?:to|through|till|until)\s+(?:the\s+)?(?:end|finish)"
     r"|(?:the\s+)?(?:oldest|earliest|first)(?:\s+(?:ones|bits|parts|scenes|shots|moments"
     r"|clips))?\s+first)(?:\s+again)?\b", lambda d, m: d.set_order("source")),
    (r"\b(?:in\s+)?the\s+(?:same\s+)?order\s+(?:they|it|things|these|those|that they|as they)\s+"
     r"(?:appear|happen|come|occur|show up|are shown)(?:s|ed)?(?:\s+in(?:\s+the\s+(?:film|movie|video))?)?\b",
     lambda d, m: d.set_order("source")),
    (r"\b(?:swap|switch|flip|invert|turn)\s+(?:(?:the|their|its)\s+)?(?:order|sequence|them"
     r"|it|the two|those two|these two)(?:\s+(?:a)?round)?\b|\bthe other way (?:a)?round\b"
     r"|\b(?:order|sequence)\s+(?:flipped|swapped|switched|inverted)\b",
     lambda d, m: setattr(d, "turn", not re.search(r"swap|switch", m.group(0), re.I)) or setattr(d, "swap", True)),
    # vague windows, after the order words took "the end first" / "start at the end"; "right at the end" is the end too
    (rf"\b(?:(?:towards?|near(?:er)?|close to|around|by|at|in|during)\s+)?the\s+(?:very\s+)?"
     rf"(?:end|ending|close|finish)\b{_OF}|\b(?:towards?|near(?:er)?|close to|around|by)\s+the\s+"
     rf"(?:very\s+)?(?:end|ending|close|finish)\b|\b(?:late|later)\s+(?:on|in\s+(?:the\s+)?"
     r"(?:film|movie|video|clip|it))\b|\bin\s+the\s+(?:closing|later|late|final|last)\s+(?:part|stretch"
     rf"|section|moments|minutes|scenes|stages)\b|\b{_RIGHT}at\s+the\s+(?:very\s+)?(?:end|finish)\b",
     lambda d, m: _edge(d, m, "end")),
    (rf"\b(?:(?:towards?|near|close to|around|at|in|during)\s+)?the\s+(?:very\s+)?(?:start|beginning"
     rf"|opening)\b{_OF}|\b(?:towards?|near|close to|around)\s+the\s+(?:very\s+)?(?:start"
     r"|beginning)\b|\bearl(?:y|ier)\s+(?:on|in\s+(?:the\s+)?(?:film|movie|video|clip|it))\b"
     r"|\bin\s+the\s+(?:opening|early|earlier|first)\s+(?:part|stretch|section|moments|minutes|scenes"
     rf"|stages)\b|\b{_RIGHT}at\s+the\s+(?:very\s+)?(?:start|beginning)\b", lambda d, m: _edge(d, m, "start")),
    (rf"\b(?:(?:in|around|during|towards?|at)\s+)?the\s+middle(?:\s+(?:part|section|stretch|bit))?{_OF}"
     rf"|\b{_RIGHT}(?:in|around|during|towards?)\s+the\s+middle(?:\s+(?:part|section|stretch|bit))?\b"
     r"|(?:^|(?<=[,;]))\s*(?:only\s+|just\s+)?the\s+middle(?:\s+(?:part|section|stretch|bit))?(?=\s*(?:[,;.!?]|$))"
     r"|\b(?:midway|halfway)\s+through(?:\s+(?:the\s+)?(?:film|movie|video|it))?\b"
     # "the middle bit with the horse": the middle of the film, holding the subject
     r"|(?:^|(?<=[,;]))\s*(?:only\s+|just\s+)?the\s+middle\s+(?:bit|part|section|stretch)s?\s+(?:with|where|when)\b",
     lambda d, m: _edge(d, m, "middle")),
    # relative, after the comparisons ("no longer than") have been taken
    (r"\b(?:(?:make|cut|trim|get) it\s+)?(?:a\s+(?:bit|little|touch|tad)\s+|much\s+|even\s+|slightly\s+)?"
     rf"shorter\b{THAN_NOW}|\b(?:trim|shorten) it(?: down)?\b|\btighten it(?: up)?\b|\bcut it down\b",
     lambda d, m: setattr(d, "scale", SHRINK)),
    (r"\b(?:make it\s+)?(?:a\s+(?:bit|little|touch|tad)\s+|much\s+|even\s+|slightly\s+)?" rf"longer\b{THAN_NOW}",
     lambda d, m: setattr(d, "scale", 1 / SHRINK)),
    # "not too long" with no length: a wish, not a change to a cut on screen
    (r"\b(?:(?:but|and)\s+)?(?:honestly\s+)?(?:not|nothing)\s+(?:too|very|overly|super|that)\s+long\b", lambda d, m: None),
    # "that's too long" / "way too short": relative to the cut on screen
    (r"\b(?:(?:it'?s|that'?s|this is|it is|that is|way|much|far|a bit|a little|still)\s+)*too\s+(?P<w>long|short)\b",
     lambda d, m: setattr(d, "scale", SHRINK if m.group("w").lower() == "long" else 1 / SHRINK)),
    # "what's said between 1:30 and 2:00", "what they talk about after 1:00": with a window and
    # no topic, what is said there is that stretch of the film, not a subject called "said"
    (r"\b(?:what(?:ever)?(?:'s|\s+is|\s+was|\s+gets|\s+got)?|everything|anything|all|the\s+(?:things?|stuff|words|lines))"
     r"(?:\s+(?:that|which)(?:'s)?)?(?:\s+(?:is|was|gets|got|are|were))?(?:\s+being)?\s+(?:said|spoken|talked\s+about"
     rf"|discussed)|\bwhat(?:ever)?\s+{TALKER}"
     r"\s+(?:say|says|said|talks?\s+about|talked\s+about|discuss(?:es|ed)?|(?:is|are|was|were)\s+saying)"
     r"(?=\s*(?:[,;.!?]|$))", lambda d, m: " , " if d.window else m.group(0)),
    # a hedge left alone once its length was taken ("1h 30m of the battle, roughly")
    (r"(?:^|,)\s*(?:roughly|approximately|more or less|give or take|or so|-?ish)\s*(?=,|$)", lambda d, m: None),
]]


#: a relative clause's own verb right before an order word ("a clock that ran backward", "the
#: car which rolled backwards"): the word tells how a thing in the film moves, not the cut's order
_CLAUSE_VERB = re.compile(r"\b(?:that|which|who)\s+(?:[a-z']+\s+)?[a-z']+\s+$", re.I)
_ORDER_VERB = re.compile(r"^(?:played|shown|run|put|arranged|sorted|ordered|going|running|playing)\b", re.I)


def _in_clause(m: re.Match) -> bool:
    """Whether an order word sits inside a relative clause's verb phrase: it acts on the whole
    request only ("play it backwards"), never on what a line or a thing in the film does."""
    return not _ORDER_VERB.match(m.group(0)) and bool(_CLAUSE_VERB.search(m.string[:m.start()]))


def apply_rules(rules: list[Rule], text: str, d: Draft) -> str:
    """Run a table over ``text``: each match fills ``d`` and becomes a comma."""
    def sub(pattern, handler):
        def one(m: re.Match) -> str:
            said = handler(d, m)  # a handler may give back words it did not use
            return said if isinstance(said, str) else " , "
        return one

    for pattern, handler in rules:
        text = pattern.sub(sub(pattern, handler), text)
    return text


_REF = re.compile(r"^(?P<ord>%s|%s|middle|\d+(?:st|nd|rd|th))(?:\s+(?P<what>.+))?$"
                  % (NEXT_TO_LAST, "|".join(ORDINALS)), _I)
_REF_NUM = re.compile(r"^(?:segment|clip|part|bit|scene|shot|number|no\.?|#)\s*(?P<n>\d+)$", _I)
_GENERIC = frozenset("one ones segment clip bit part scene shot moment".split())


def segment_ref(text: str) -> Optional[SegmentRef]:
    """ "the second chase" / "segment 3" / "the last one": a pointer, not a subject."""
    m = _REF_NUM.match(text)
    if m:
        return SegmentRef(int(m.group("n")))
    m = _REF.match(text)
    if not m:
        return None
    position = ordinal(m.group("ord"))  # "the middle one": 0
    what = (m.group("what") or "").strip()
    return SegmentRef(position, None if not what or what.lower().rstrip("s") in _GENERIC else what)
