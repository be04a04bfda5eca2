"""Commands about the conversation, read before any request: undo, redo, start over, show the
plan, why (a segment, a time, the whole cut), help; the viewer's likes and dislikes; save, export,
render. A line is a command only when all of it says one ("scratch that, undo"), so "undo the cat"
or "no, the cats" stay requests for intent.py to parse."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Optional

from .arrange import Move
from .grammar import SegmentRef
from .numbers import ORDINALS, LengthError, mark_durations, number, ordinal
from .plan import ConstraintPlan, Query
from .spelling import closest
from .word_forms import ASKING_MODALS, INTERJECTIONS, TURN_MARKERS

_I = re.I
Kind = Literal["plan", "undo", "redo", "reset", "show", "why", "help", "like", "dislike",
               "save", "export", "render", "version"]


@dataclass(frozen=True)
class Intent:
    """What one line asks. ``plan`` for requests; ``refs`` point at segments of the cut on
    screen ("drop the second chase"), resolved by the Editor; ``segment``/``at`` say
    which part a "why" is about (neither: the whole cut)."""

    kind: Kind
    text: str = ""
    plan: Optional[ConstraintPlan] = None
    refs: tuple[SegmentRef, ...] = ()
    segment: Optional[int] = None  # why: the piece; version: its number; undo/redo: how many steps
    at: Optional[float] = None
    notes: tuple[str, ...] = ()  # how the line was read (e.g. an LLM fell back to rules)
    arg: Optional[str] = None  # like/dislike: a topic ("gore", "talking"); export/render: a path
    strong: bool = False  # like/dislike: a stated taste ("I hate gore"), not a thumb
    move: Optional[Move] = None  # "swap the first two": the pieces on screen by their place (arrange.py)
    having: tuple[Query, ...] = ()  # "only the ones with people": the pieces on screen with one of these stay


# --- commands -------------------------------------------------------------------------
_TIMES = r"(?:two|three|four|five|[2-9])"
_KEEP = r"(?:did you (?:keep|include|pick|choose|select|use|add|put in)|is|was|do you keep|are)"
_COMMANDS: list[tuple[Kind, re.Pattern]] = [(k, re.compile(p, _I)) for k, p in [
    ("undo", r"undo(?: (?:that|it|this|last|(?:the|that|my) (?:last )?(?:change|step|one|edit|shuffle|swap|move|trim)|\w+ing\b.*))?|go back"
             r"(?: one(?: step)?| a step)?(?: to (?:the )?(?:previous|last) (?:version|plan|cut))?"
             r"|step back|revert(?: that| it)?|take (?:that|it) back|scratch that|never ?mind"
             r"|back|previous version|(?:that|it)(?: one)? was better(?: before| earlier)?|i liked (?:it|that|the last one) better"
             r"(?: before)?|(?:the )?(?:last|previous) (?:one|version|cut) was better|(?:the )?(?:version|cut|one) before was better"
             r"|(?:(?:go|get|put it|take it|change it) )?back (?:to )?(?:how|the way) (?:it|things) (?:was|were)(?: before)?"
             r"|forget (?:the|that|my) (?:last )?(?:change|step|edit)"
             # "undo the last two changes", "go back three steps", "undo twice": that many (``times``)
             rf"|(?:undo|go back|step back|revert)(?: (?:the )?(?:last )?{_TIMES} (?:changes|steps|edits|versions)| (?:that |it )?"
             rf"(?:twice|thrice|{_TIMES} times))"),
    # "go back to the first version", "back to version 2": that version's plan again (``segment``: its number)
    ("version", r"(?:(?:go|get|take (?:me|us|it)) )?back to (?:the )?(?:(?:very )?first|original|initial) (?:version|cut|plan|edit|one)"
                r"|revert(?: it| back)? to (?:the )?(?:first|original|initial) (?:version|cut|plan|one)"
                r"|(?:the )?(?:first|original) (?:version|cut) was better|(?:(?:go )?back to|revert to|restore) version \d+"),
    ("redo", rf"redo(?: (?:that|it|this))?(?: (?:twice|thrice|{_TIMES} times))?|undo (?:the|that|my) undo|go forward|step forward"
             r"|put (?:that|it) back"),
    ("reset", r"(?:let'?s )?start (?:over|again|afresh|fresh|from scratch)(?: (?:please|then))?"
              r"|from scratch|reset(?: (?:it|everything|the plan|all))?|clear(?: (?:it|everything"
              r"|the plan|all))?|forget (?:it|that|everything|all (?:of )?that)|begin again"
              r"|scrap (?:it|that|everything|all that)|new cut|fresh start"),
    ("show", r"show(?: me)?(?: (?:the|my|our))?(?: current)?(?: (?:plan|cut|segments|list"
             r"|edit))?|(?:what'?s|what is) the (?:current )?(?:plan|cut)(?: now| so far)?"
             r"|where are we(?: now)?|status|plan|list|what do we have(?: so far)?|what(?:'?s| is) in (?:it|this|there"
             r"|the cut|this cut|the edit)(?: (?:right )?now| right| so far| at the moment)?|how long is (?:it|this|the cut)"
             r"|which (?:scenes|shots|bits|parts|clips) (?:are|did you keep)(?: in(?: it| there| the cut)?)?"
             r"|what did you (?:keep|pick|put in|cut(?: out)?|drop|remove|leave out|take out|lose|skip)"
             r"|what (?:got|was|has been|have you) (?:cut|dropped|removed|left out|taken out)"
             r"|what(?:'?s| is) left(?: (?:in it|now))?|what have (?:we|you) got(?: so far)?"
             r"|show me what (?:you(?:'ve| have)?|we(?:'ve| have)?) got(?: so far)?|is (?:that|this) (?:everything|all|it)"
             r"|show me what (?:you|we) (?:kept|picked|have|chose)|how many (?:clips|scenes|shots|bits|parts|segments|pieces)"
             r"(?: (?:are|is) (?:there|in (?:it|there|the cut)))?(?: now)?|what(?:'?s| is) the (?:running time|length|runtime|duration)"
             r"(?: now)?|how long does it (?:run|last)(?: now)?"),
    ("help", r"help|\?|what can (?:i|you) (?:say|do)|commands|how does this work"),
]]
_WHY_T = re.compile(rf"(?:why|explain)(?: {_KEEP})?(?: the (?:bit|part|segment|scene|shot|moment))?"
                    r"(?: (?:at|around|from|near))? <[dt]:(?P<t>[\d.]+)>.*", _I)
#: "what's in the first clip?", "tell me about clip 2": a question about one piece of the cut, as "why 2"
_ABOUT = (r"(?:why|explain|what(?:'s| is| was| happens| goes on)(?: (?:in|on|shown in|happening in|going on in))?|tell me about|describe"
          r"|who(?:'s| is| was)(?: (?:talking|speaking|on screen|shown|seen|that))?(?: in| on)?)")
_WHY_N = re.compile(rf"{_ABOUT}(?: {_KEEP})?(?: (?:segment|clip|number|part|no\.?|the))?"
                    r" ?#?(?P<n>\d+)(?:st|nd|rd|th)?(?: (?:one|segment|clip))?(?: in| there"
                    r"| in there| in the cut)?", _I)
_WHY_ORD = re.compile(rf"{_ABOUT}(?: {_KEEP})? the (?P<ord>{'|'.join(ORDINALS)}) "
                      r"(?:one|segment|clip|scene|shot|part|bit)(?: in| there| in the cut)?", _I)
_WHY_ALL = re.compile(r"why(?: (?:these|this|that|those|them|it))?(?: (?:ones?|segments|picks|clips|scenes"
                      r"|cut|bits))?|explain(?: (?:it|this|that|the cut|the picks|yourself))?"
                      r"|who(?:'s| is| are)(?: that| this| in (?:it|there|the cut|this))"
                      r"|why (?:did you pick|these|those) (?:ones|segments)", _I)
#: "why is the horse in there?", "why does it start with a motorbike?", "what's the rocket got to do
#: with anything?": a why about something in the cut, never a request for it
_WHY_ABOUT = re.compile(r"why(?:'s| is| are| was| were| did you (?:keep|include|put in|add|pick|use))? (?:there )?"
                        r"(?P<x>.+?) (?:in (?:there|here|it|this|the cut|the edit)|kept|included|there|here)"
                        r"|why (?:does|did) (?:it|the cut|this) (?:start|open|begin|end|finish|close) (?:with|on) (?P<x2>.+)"
                        r"|why(?:'s| is| are)?(?: there)? (?P<x4>(?:the|that|this|those|these|a|an|some|any) "
                        r"(?!(?:ones?|segments?|clips?|cut|picks?|bits?|parts?|scenes?|shots?)$)[^,;.!?]+)"
                        r"|what(?:'s| is| has| does) (?P<x3>.+?) (?:got )?(?:to do with (?:anything|it|this)"
                        r"|doing (?:in )?(?:there|here|in (?:it|this|the cut)))", _I)
#: "who's the woman in the space suit?" asked of a cut on screen: a question about what is in it (with no
#: cut yet, or followed by a request, "who's the older woman? just her shots", it asks for a cut)
_WHO_ABOUT = re.compile(r"who(?:'s| is| was| are| were)\s+(?P<x>(?:the|that|this|those|these)\s+[^?.!,;]+?)\s*\?+"
                        # "is the lighthouse in it?", "are the goats still in the cut?": whether, and why
                        r"|(?:is|are|did you (?:keep|include))\s+(?P<x2>(?:the|that|those|these|my|his|her|their)\s+[^,;.!?]+?)"
                        r"\s+(?:still\s+)?in\s+(?:it|there|the\s+cut|the\s+edit|this(?:\s+cut|\s+edit)?)(?:\s+(?:now|still|at\s+all))?"
                        r"\s*\??", _I)
_POLITE = re.compile(r"^(?:(?:%s)[\s,]+)+|(?:[\s,]+(?:please|pls|plz|thanks|thank you|now|again))+" % "|".join(
    (*INTERJECTIONS, *TURN_MARKERS, *(f"{m} you" for m in ASKING_MODALS), "cutbot", "and", "no", "hmm", "actually"))
    + r"[\s?!.]*$", _I)
CORRECTION = re.compile(r"^\s*(?:(?:no|nope|nah|wait|sorry|oops|hmm+|actually|ok(?:ay)?)\s*){1,3}"
                         r"[,.!;:\u2013\u2014-]+\s*", _I)  # "no wait, ...": not "no cars"
#: "forget it. just the coins", "start again with the seagulls", "new cut: the seagulls": what follows is a
#: new cut, whatever it shares with the one on screen
FRESH = re.compile(r"^\s*(?:(?:ok(?:ay)?|right|hmm+|no)[\s,]+)*(?:(?:forget|scrap|scratch|ditch)\s+(?:it|that|this|all\s+that)"
                   r"|never\s*mind(?:\s+that)?|(?:let'?s\s+)?(?:start\s+(?:again|over|afresh)|do\s+something\s+else|try"
                   r"\s+something\s+else)|(?:a\s+)?(?:totally\s+|completely\s+|brand\s+)?new\s+(?:cut|one|edit))"
                   r"(?:\s*[,.!;:\u2013\u2014-]+\s*(?:and\s+)?|\s+and\s+|\s+with\s+|\s*$)", _I)
#: "looks good", "perfect, thanks", "that works": the viewer content with the cut on screen, which stays
_APPROVAL = re.compile(r"(?:(?:that'?s|thats|it'?s|its|this\s+is|that\s+is|looks?|looking|sounds?|seems?)\s+)?"
                       r"(?:(?:really|very|pretty|so|just|all|much|way)\s+)?(?:perfect|great|good|fine|nice|lovely|brilliant"
                       r"|awesome|amazing|excellent|fantastic|spot[\s-]on|cool|better|wonderful|super|ideal|right|ok(?:ay)?)"
                       r"(?:\s+(?:now|then|to me|as it is))?|(?:i\s+)?love\s+it|that\s+works|(?:it\s+)?works\s+for\s+me"
                       r"|nailed\s+it|that'?ll\s+do|good\s+job|well\s+done|nice\s+one|(?:yes|yeah|yep|yup)(?:\s+that'?s\s+it)?"
                       r"|(?:leave|keep)\s+it(?:\s+(?:like\s+that|as\s+it\s+is|that\s+way))?"
                       r"|i'?m\s+happy(?:\s+with\s+(?:it|that|this))?|(?:thanks|thank\s+you|cheers|ta)(?:\s+(?:so\s+much|a\s+lot))?", _I)
#: "nope", "that's not what i meant", "try again": the cut is wrong, with nothing said of how
_REJECTION = re.compile(r"(?:no+|nope|nah|wrong|(?:that'?s|thats|it'?s|this\s+is)\s+(?:all\s+|just\s+)?(?:wrong|not\s+(?:it|right))"
                        r"|(?:that'?s\s+|it'?s\s+)?not\s+what\s+i\s+(?:meant|wanted|asked\s+for|had\s+in\s+mind)|try(?:\s+again)?"
                        r"|(?:that|this)\s+(?:is\s+)?(?:isn'?t|doesn'?t\s+look)\s+right|not\s+(?:quite|really)(?:\s+(?:it|right))?)", _I)


def _every_clause(pattern: re.Pattern, line: str) -> bool:
    """ "great, thanks!", "no, that's wrong": each clause of the line says it, and there is one."""
    clauses = [c.strip(" !") for c in re.split(r"[,.;!]+", line) if c.strip(" !")]
    return bool(clauses) and all(pattern.fullmatch(c) for c in clauses)


def rejection(text: str) -> bool:
    """ "no that's wrong": the line turns the cut down and says nothing of what to change."""
    return _every_clause(_REJECTION, _POLITE.sub("", text.strip().rstrip(" ?")))


_FUZZY = {"undo": "undo", "redo": "redo", "start over": "reset", "reset": "reset",
          "show the plan": "show", "show": "show", "help": "help"}


def question_about_cut(text: str) -> Optional[Intent]:
    """ "who's the woman in the space suit?" of the cut on screen: explained, the cut unchanged."""
    m = _WHO_ABOUT.fullmatch(_POLITE.sub("", text.strip()).strip())
    return Intent("why", text, arg=m.group("x") or m.group("x2")) if m else None


def times(line: str) -> int:
    """How many steps an undo or a redo says ("undo the last two changes": 2; "undo": 1)."""
    m = re.search(rf"\b(?:{_TIMES}|twice|thrice)\b", line, _I)
    word = m.group(0).lower() if m else "one"
    return {"twice": 2, "thrice": 3}.get(word) or int(number(word))


def command_intent(text: str) -> Optional[Intent]:
    """The command a line is (undo, redo, reset, show, why, help), or None for a request."""
    line = _POLITE.sub("", text.strip().strip(".!").strip()).strip()
    if not line:
        return None
    try:
        marked = mark_durations(line)
    except LengthError:  # "under -5 minutes" is a request; parsing it says what is wrong
        marked = line
    for pattern, make in ((_WHY_T, lambda m: Intent("why", text, at=float(m.group("t")))),
                          (_WHY_N, lambda m: Intent("why", text, segment=int(m.group("n")))),
                          (_WHY_ORD, lambda m: Intent("why", text, segment=_ord(m))),
                          (_WHY_ALL, lambda m: Intent("why", text)),
                          (_WHY_ABOUT, lambda m: Intent("why", text, arg=next(filter(None, m.groups()))))):
        m = pattern.fullmatch(marked.rstrip(" ?"))
        if m:
            return make(m)
    plain = CORRECTION.sub("", line.rstrip(" ?")) or line.rstrip(" ?")  # "no wait, redo that"
    if _every_clause(_APPROVAL, plain):
        return Intent("show", text, arg="approval")  # "great, thanks!": nothing to change
    kinds = {next((k for k, p in _COMMANDS if p.fullmatch(c.strip())), None) for c in re.split(r"[,.;]+", plain)}
    if len(kinds) == 1 and None not in kinds:  # "undo", "scratch that, undo": every clause says it
        kind, said = kinds.pop(), re.search(r"\d+", plain)
        if kind in ("undo", "redo"):
            return Intent(kind, text, segment=times(plain))
        return Intent(kind, text, segment=(int(said.group()) if said else 1) if kind == "version" else None)
    feedback = _feedback(plain, text)
    if feedback is not None:
        return feedback
    if len(plain.split()) <= 3:  # "udno", "strat over"
        hit = closest(plain.lower(), tuple(_FUZZY), 0.8)
        if hit:
            return Intent(_FUZZY[hit], text)
    return None


# --- feedback for the viewer's profile, and the file commands ----------------------------
_NUM = (r"(?:(?:segment |clip |number |no\.? |#)?(?P<n>\d+)|the (?P<ord>%s)(?: (?:one|clip|segment|bit|part|scene|shot))?)"
        % "|".join(ORDINALS))  # "like 2", "i don't like the second one"
_THIS = r"(?:this|that|these|those|it)(?: (?:one|ones|cut|bit|part))?"
# words for talking itself ("less talking"): a taste for speech, not a subject (profile.py too)
TALK_WORDS = ("talking", "talks", "talk", "speaking", "speech", "dialogue", "dialog", "chatter",
              "conversations", "conversation", "words")
_TALK = rf"(?P<t>{'|'.join(TALK_WORDS)})"
_PATH = r"(?:\s+(?:to|as|into|in))?(?:\s+(?P<p>\"[^\"]+\"|'[^']+'|\S+))?"
_FEEDBACK: list[tuple[str, bool, re.Pattern]] = [(k, strong, re.compile(p, _I))
                                                 for k, strong, p in [
    ("like", False, rf"(?:i )?(?:like|love|thumbs? ?up(?: (?:for|on|to))?|\+1|\U0001F44D) {_NUM}"),
    ("dislike", False,
     rf"(?:i )?(?:dislike|hate|thumbs? ?down(?: (?:for|on|to))?|-1|\U0001F44E) {_NUM}"),
    ("like", False, rf"more like (?:{_THIS}|{_NUM})"),
    ("dislike", False, rf"less like (?:{_THIS}|{_NUM})"),
    ("like", True, rf"(?:lots of|plenty of) {_TALK}(?: (?:please|in general))?"),  # "more X":
    # a refinement of the plan on screen; "less talking" is a taste (issue #7)
    ("dislike", True,
     rf"(?:less|fewer|not so much|not much|no more) {_TALK}(?: (?:please|in general))?"),
    # a taste; "I don't want (to see) X" is a request without X, not a taste (issue #11)
    ("dislike", False, rf"i (?:really )?(?:don'?t|do not) (?:like|want) {_NUM}"),
    ("dislike", True, r"i (?:really )?(?:don'?t|do not|never) (?:like|enjoy|care"
                      r" for) (?P<t>.+)|i (?:really )?never (?:want(?: to see)?|wanna see) (?P<t4>.+)"
                      r"|i (?:really )?(?:hate|dislike|can'?t stand|cannot"
                      r" stand|detest|despise) (?P<t2>.+)"
                      r"|(?:never|don'?t ever) show (?:me )?(?P<t3>.+)"),
    ("like", True, r"i (?:really )?(?:like|love|enjoy|adore) (?P<t>.+)"),
    ("save", False,
     r"save(?: (?:the |this |my )?(?:session|chat|conversation|it|progress|history))?"),
    ("export", False, rf"export(?: (?:it|the (?:cut|plan|timeline)|this))?{_PATH}"),
    ("render", False, rf"render(?: (?:it|the cut|this|a video))?{_PATH}"),
    # "save it as goat.mp4", "make the video", "let's see it": the cut as a video file, to watch
    ("render", False, r"save (?:it|the cut|this|the video) as (?P<p>\S+\.(?:mp4|mov|mkv|webm|m4v))"
                      r"|(?:make|create|generate|export) (?:the|a|my) (?:video|movie|film file)|(?:let'?s )?(?:see|watch|play) it"
                      r"|(?:let'?s |let me )?(?:have|take) a (?:look|peek)(?: at it)?"),
]]
_TRAILING = re.compile(r"\s+(?:very much|so much|much|at all|anymore|any more|please|in films"
                       r"|in movies|in general)$", _I)


def _feedback(plain: str, text: str) -> Optional[Intent]:
    """ "like 2", "more like this", "less talking", "I don't like gore"; save/export/render."""
    for kind, strong, pattern in _FEEDBACK:
        m = pattern.fullmatch(plain)
        if not m:
            continue
        groups = m.groupdict()
        if kind in ("save", "export", "render"):
            path = groups.get("p")
            return Intent(kind, text, arg=path.strip("'\"") if path else None)  # type: ignore[arg-type]
        topic = next((groups[g] for g in ("t", "t2", "t3", "t4") if groups.get(g)), None)
        topic = _TRAILING.sub("", topic).strip(" '\"") if topic else None
        n = int(groups["n"]) if groups.get("n") else ordinal(groups["ord"]) if groups.get("ord") else None
        return Intent(kind, text, segment=n,  # type: ignore[arg-type]
                      arg=topic or None, strong=strong)
    return None


def _ord(m: re.Match) -> int:
    return ordinal(m.group("ord"))
