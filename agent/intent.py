"""Rule-based intent parser: one line of the conversation -> an ``Intent``.

A line is a command about the conversation (undo, redo, show the plan, why did you keep 12:30?)
or a request, parsed against the current plan into a new ``ConstraintPlan`` by passes over one
string, in this order (a rewrite runs before the rule that reads its output): spelling.normalise
(a letter's request first: letters.py; formal and editor's words said plainly: register.py);
clauses and quoted lines kept whole (quoted.py); typos, lengths as ``<d:SECONDS>`` (numbers.py);
grammar.OPTIONS, restrictions.RESTRICTIONS, counts, windows, grammar.CONSTRAINTS, asides.rephrase; subjects.py splits the rest."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Optional

from .grammar import CONSTRAINTS, OPTIONS, SHRINK, SUMMARY, SUMMARY_SHARE, Draft, SegmentRef, apply_rules
from .spelling import closest, fix_typos, normalise, plain_words, readable
from .numbers import ORDINAL_WORDS, ORDINALS, LengthError, mark_durations, ordinal
from .plan import ConstraintPlan, Output, Pick, Query, group_order
from .frames import TALK_ONLY, a_line_heard
from .asides import FILLER, kinds_of_attributes, rephrase
from .story import hearsay, read_story
from .quoted import LINE_ALONE, QUOTE, SAID, said_words
from .traits import off_screen
from .seen_said import sight_clause
from .windows import WINDOWS
from .counts import COUNTS
from .restrictions import RESTRICTIONS
from .subjects import find_subjects, person_moment
from .word_forms import ASKING_MODALS, INTERJECTIONS, TURN_MARKERS, keep_uses
from .order_words import FIRST_RANK, LAST_RANK, whole_film_placed
from .errors import PlanError
from .draft import _budget, _duration, _resized, _window, once

__all__ = ["Intent", "RuleParser", "Unclear", "SegmentRef", "parse_intent", "parse_request", "PlanError"]

Kind = Literal["plan", "undo", "redo", "reset", "show", "why", "help", "like", "dislike",
               "save", "export", "render"]
_I = re.I
#: a rank this far from 0 places its subject first or last (order_words.FIRST_RANK/LAST_RANK,
#: "the dogs first"); ordinary places count 1, 2, 3: liked things never go before a placed one
_PLACED_RANK = LAST_RANK / 2


class Unclear(PlanError):
    """Nothing to act on in the line (empty, or no subject, length or command): the
    Editor answers with a question and suggestions from the film."""


@dataclass(frozen=True)
class Intent:
    """What one line asks. ``plan`` for requests; ``refs`` point at segments of the cut on
    screen ("drop the second chase"), resolved by the Editor; ``segment``/``at`` say
    which part a "why" is about (neither: the whole cut)."""

    kind: Kind
    text: str = ""
    plan: Optional[ConstraintPlan] = None
    refs: tuple[SegmentRef, ...] = ()
    segment: Optional[int] = None
    at: Optional[float] = None
    notes: tuple[str, ...] = ()  # how the line was read (e.g. an LLM fell back to rules)
    arg: Optional[str] = None  # like/dislike: a topic ("gore", "talking"); export/render: a path
    strong: bool = False  # like/dislike: a stated taste ("I hate gore"), not a thumb


# --- commands -------------------------------------------------------------------------
_KEEP = r"(?:did you (?:keep|include|pick|choose|select|use|add|put in)|is|was|do you keep|are)"
_COMMANDS: list[tuple[Kind, re.Pattern]] = [(k, re.compile(p, _I)) for k, p in [
    ("undo", r"undo(?: (?:that|it|this|the last (?:change|step|one|edit)|last))?|go back"
             r"(?: one| a step)?(?: to (?:the )?(?:previous|last) (?:version|plan|cut))?"
             r"|step back|revert(?: that| it)?|take (?:that|it) back|scratch that|never ?mind"
             r"|back|previous version"),
    ("redo", r"redo(?: (?:that|it|this))?|undo (?:the|that|my) undo|go forward|step forward"
             r"|put (?:that|it) back"),
    ("reset", r"(?:let'?s )?start (?:over|again|afresh|fresh|from scratch)(?: (?:please|then))?"
              r"|from scratch|reset(?: (?:it|everything|the plan|all))?|clear(?: (?:it|everything"
              r"|the plan|all))?|forget (?:it|that|everything|all (?:of )?that)|begin again"
              r"|scrap (?:it|that|everything|all that)|new cut|fresh start"),
    ("show", r"show(?: me)?(?: (?:the|my|our))?(?: current)?(?: (?:plan|cut|segments|list"
             r"|edit))?|(?:what'?s|what is) the (?:current )?(?:plan|cut)(?: now| so far)?"
             r"|where are we(?: now)?|status|plan|list|what do we have(?: so far)?"
             r"|what have (?:we|you) got(?: so far)?"),
    ("help", r"help|\?|what can (?:i|you) (?:say|do)|commands|how does this work"),
]]
_WHY_T = re.compile(rf"(?:why|explain)(?: {_KEEP})?(?: the (?:bit|part|segment|scene|shot|moment))?"
                    r"(?: (?:at|around|from|near))? <[dt]:(?P<t>[\d.]+)>.*", _I)
_WHY_N = re.compile(rf"(?:why|explain)(?: {_KEEP})?(?: (?:segment|clip|number|part|no\.?|the))?"
                    r" ?#?(?P<n>\d+)(?:st|nd|rd|th)?(?: (?:one|segment|clip))?(?: in| there"
                    r"| in there| in the cut)?", _I)
_WHY_ORD = re.compile(rf"(?:why|explain)(?: {_KEEP})? the (?P<ord>{'|'.join(ORDINALS)}) "
                      r"(?:one|segment|clip|scene|shot|part|bit)(?: in| there| in the cut)?", _I)
_WHY_ALL = re.compile(r"why(?: (?:these|this|that|those|them|it))?(?: (?:ones|segments|picks"
                      r"|cut|bits))?|explain(?: (?:it|this|that|the cut|the picks|yourself))?"
                      r"|why (?:did you pick|these|those) (?:ones|segments)", _I)
_POLITE = re.compile(r"^(?:(?:%s)[\s,]+)+|(?:[\s,]+(?:please|thanks|thank you|now|again))+$" % "|".join(
    (*INTERJECTIONS, *TURN_MARKERS, *(f"{m} you" for m in ASKING_MODALS), "cutbot", "and", "no", "hmm", "actually")), _I)
_NARROWS = re.compile(r"^\s*(?:(?:but|and|now)\s+)?(?:only|just)\s+(?=(?:when|where|while|whilst|if)\b)", _I)
_CORRECTION = re.compile(r"^\s*(?:(?:no|nope|nah|wait|sorry|oops|hmm+|actually|ok(?:ay)?)\s*){1,3}"
                         r"[,.!;:\u2013\u2014-]+\s*", _I)  # "no wait, ...": not "no cars"
_FUZZY = {"undo": "undo", "redo": "redo", "start over": "reset", "reset": "reset",
          "show the plan": "show", "show": "show", "help": "help"}


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
                          (_WHY_ALL, lambda m: Intent("why", text))):
        m = pattern.fullmatch(marked.rstrip(" ?"))
        if m:
            return make(m)
    plain = line.rstrip(" ?")
    for kind, pattern in _COMMANDS:
        if pattern.fullmatch(plain):
            return Intent(kind, text)
    feedback = _feedback(plain, text)
    if feedback is not None:
        return feedback
    if len(plain.split()) <= 3:  # "udno", "strat over"
        hit = closest(plain.lower(), tuple(_FUZZY), 0.8)
        if hit:
            return Intent(_FUZZY[hit], text)
    return None


# --- feedback for the viewer's profile, and the file commands ----------------------------
_NUM = r"(?:segment |clip |number |no\.? |#)?(?P<n>\d+)"
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
        n = int(groups["n"]) if groups.get("n") else None
        return Intent(kind, text, segment=n,  # type: ignore[arg-type]
                      arg=topic or None, strong=strong)
    return None


def _ord(m: re.Match) -> int:
    return ordinal(m.group("ord"))


# --- requests -------------------------------------------------------------------------
def _draft(text: str) -> Draft:
    d = Draft()

    def keep_quote(m: re.Match) -> str:
        said = " ".join((m.groupdict().get("q") or next(g for g in m.groups() if g)).split())
        if not said:
            return " "
        d.quotes.append(said)
        return f" <q{len(d.quotes) - 1}> "

    request = _CORRECTION.sub("", normalise(text))
    text = LINE_ALONE.sub(keep_quote, QUOTE.sub(keep_quote, a_line_heard(hearsay(off_screen(sight_clause(request))))))
    text = SAID.sub(lambda m: m.group(0)[:m.start("q") - m.start()] + (keep_quote(m) if said_words(m) and not _a_place(
        m.group("q")) and not _NARRATED.search(m.group("q")) else m.group("q")), text)
    d.additive = bool(re.search(r"\b(?:too|as well)\b|^\s*(?:and|plus|also|with|add|\+)\b", text, _I))
    try:
        text = person_moment(mark_durations(fix_typos(plain_words(text))))  # "the guy at 1:05": a person
    except LengthError as exc:
        raise PlanError(str(exc)) from None
    text, liked = read_story(kinds_of_attributes(keep_uses(text)))  # "she likes X": kept if nothing else is
    text = apply_rules(WINDOWS, apply_rules(COUNTS, apply_rules(RESTRICTIONS, apply_rules(OPTIONS, text, d), d), d), d)
    text = rephrase(apply_rules(CONSTRAINTS, text, d))
    text, forms = SUMMARY.subn(" ", text)
    d.summary = forms > 0
    find_subjects(FILLER.sub(" ", text), d, request)
    if liked:
        _keep_liked(d, liked, request)
    return d


#: "when they say hi and introduce themselves": a third-person reflexive tells what the speakers
#: do in the viewer's own narration; a line said aloud would say "myself", "ourselves"
_NARRATED = re.compile(r"\b(?:themselves|himself|herself)\b", _I)
_PLACE_WORD = re.compile(r"\s*(?:between|from|after|before|until|till|up\s+to|past|since|starting|in|during"
                         r"|within|around|near|at)\b", _I)


def _a_place(words: str) -> bool:
    """ "said between 1:30 and 2:00": words after a verb of saying that open with a
    preposition of time and are wholly a window (the window rules take them, fewer than
    three words stay) say where in the film, not what is said."""
    if not _PLACE_WORD.match(words):
        return False
    probe = Draft()
    try:
        rest = apply_rules(CONSTRAINTS, apply_rules(WINDOWS, mark_durations(words), probe), probe)
    except PlanError:
        return False
    return bool(probe.window) and len(re.findall(r"[a-z0-9']+", rest, _I)) < 3


def _words(text: str) -> set[str]:
    return set(text.casefold().split())


def _keep_liked(d: Draft, liked: str, request: str) -> None:
    """What the story says the cut's viewer likes is kept when the request names nothing
    else to keep, or only some of those things again ("...and can the temple come first");
    a request that names its own subjects ("my kid loves animals, the kitty and the
    bunny") narrows the story, which is then only context."""
    story = Draft()
    find_subjects(FILLER.sub(" ", rephrase(liked)), story, request)
    own = [q for q in d.include if q.modality != "silence"]
    if not all(any(_words(q.text) <= _words(s.text) or _words(s.text) <= _words(q.text)
                   for s in story.include) for q in own):
        return
    dropped = {q.text.casefold() for q in d.exclude}
    first = min(d.rank.values(), default=0.0)
    for i, s in enumerate(story.include):
        if s.text.casefold() in dropped or any(_words(q.text) <= _words(s.text) or _words(s.text)
                                                <= _words(q.text) for q in own):
            continue
        d.include.append(s)
        d.rank.setdefault(s.text.casefold(), (first if abs(first) < _PLACED_RANK else 0.0) - len(story.include) + i)


def _touch_previous(d: Draft, base: ConstraintPlan) -> tuple[list[Query], list[Query], bool]:
    """ "no, keep the dialogue" un-drops, "the lighthouse too" adds it back; "more of the beach" re-weights. Returns the
    previous include/exclude after those edits, and whether any happened."""
    include, exclude = list(base.include), list(base.exclude)
    key = str.casefold
    dropped = {key(q.text): q for q in exclude}
    kept = {key(q.text): i for i, q in enumerate(include)}
    touched = False
    for q in list(d.include):
        if key(q.text) in dropped:  # "the lighthouse too": back among the subjects, unless the cut is the whole
            exclude.remove(dropped[key(q.text)])  # film or it is talk heard over them ("bring back the dialogue")
            include += [q] if include and d.additive and not TALK_ONLY.fullmatch(q.text.strip()) else []
        elif q.weight != 1 and key(q.text) in kept:
            include[kept[key(q.text)]] = include[kept[key(q.text)]].model_copy(
                update={"weight": q.weight})
        else:
            continue
        d.include.remove(q)
        touched = True
    return include, exclude, touched


def _echo(text: str) -> str:
    """The viewer's words in a message: quoted, one line, about 80 characters at most."""
    text = " ".join(text.split())
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _plan(text: str, previous: Optional[ConstraintPlan],
          length: Optional[float] = None) -> tuple[ConstraintPlan, list]:
    narrows = previous is not None and bool(_NARROWS.match(text))  # "only when he's talking": the cut on
    d = _draft(_NARROWS.sub(" ", text) if narrows else text)  # screen, where that holds too
    if d.summary and not d.says_anything:  # "a short version of it": shorter, or a summary
        if previous is None:
            d.budget = {"share": SUMMARY_SHARE}  # the planner says which length it took
        else:
            d.scale = SHRINK
    if not d.says_anything:
        raise Unclear(f"I could not find anything to keep, drop or a length in {_echo(text)}")
    if (d.scale is not None or d.delta is not None) and not d.budget:
        d.budget = _resized(d, previous, length)  # an explicit length wins ("shorter, 30 s")
    if d.swap and previous is None and not d.include:  # "both rocket shots but flip the order": theirs
        raise PlanError("there is no cut to reorder yet: ask for something first")
    said = {q.text.casefold() for q in d.include}
    shown = {q.text.casefold() for q in previous.include} if previous else set()
    if d.at_edge and said and said <= shown:  # "the cats at the end", cats on screen: where they play
        d.window.pop("fraction_start" if d.at_edge == "end" else "fraction_end", None)
        d.rank.update({t: LAST_RANK if d.at_edge == "end" else FIRST_RANK for t in said})
        d.ordered = True
    include, exclude, touched = _touch_previous(d, previous) if previous else ([], [], False)
    kept = {q.text.casefold() for q in include}
    reorder = d.ordered and (len(d.include) <= 1 or all(q.text.casefold() in kept
                                                          for q in d.include))
    d.include = [q for q in d.include if not (reorder and q.text.casefold() in kept)]
    refine = previous is not None and (d.additive or touched or not d.include or reorder or narrows)
    base = previous if refine else None
    if not refine or d.everything:
        include, exclude = [], exclude if refine else []
    refs = d.refs
    if previous is None and refs:  # nothing on screen yet: "cut the last scene" is a subject
        d.exclude += [Query(text=" ".join(filter(None, (ORDINAL_WORDS[r.ordinal - 1] if 0 < r.ordinal
                            <= len(ORDINAL_WORDS) else "last", r.text or "scene")))) for r in refs]
        refs = []
    dropped = {q.text.casefold() for q in d.exclude}
    include = [q for q in include if q.text.casefold() not in dropped]
    include += [q for q in d.include if q not in include]
    include = once(include)  # robust8: "Cameraman and astronaut, cameraman first" names one subject
    exclude += [q for q in d.exclude if q not in exclude]
    if d.ordered:  # "the pigs but no hens, pigs first": an order word names a kept subject again
        kept_now = {q.text.casefold() for q in d.include}
        exclude = [q for q in exclude if q.text.casefold() not in kept_now]
    clash = {q.text.casefold() for q in include} & {q.text.casefold() for q in exclude}
    if clash:
        raise PlanError(f"asked both to keep and to remove {_echo(sorted(clash)[0])}")
    padding = d.padding if d.padding is not None else (base.padding if base else 0.0)
    if d.padding_delta:
        padding = min(30.0, max(0.0, padding + d.padding_delta))
    output = previous.output.model_dump() if previous else {}
    order = d.order or (base.order if base else "source")
    if d.swap and len(include) < 2:  # one group: "swap the order" turns the cut around
        order = "reverse" if order != "reverse" else "source"
        d.swap = False
    sequence = group_order(include, base, d.rank, d.ordered, d.swap)
    if d.ordered and base is None and (whole := whole_film_placed(text, include, d.rank)):
        include, sequence = [], whole  # "the whole film, but open with the temple"
    plan = ConstraintPlan(
        include=tuple(include), exclude=tuple(exclude), sequence=sequence,
        duration=_duration(_budget(d.budget, base.duration if base else None)),
        order=order,
        window=_window(d.window, base.window if base else None),
        granularity=d.granularity or (base.granularity if base else "scene"),
        padding=padding, pacing=d.pacing or (base.pacing if base else None),
        output=Output(**{**output, **d.output}),
        match="all" if narrows else d.match or (base.match if base else "any"),
        skip=base.skip if base else (), pick=Pick(**d.pick) if d.pick else (base.pick if base else None))
    return plan, refs


def parse_intent(text: str, previous: Optional[ConstraintPlan] = None,
                 length: Optional[float] = None) -> Intent:
    """Classify one line: a command, or a request parsed against ``previous``; ``length``
    is the actual length of the cut on screen ("make it shorter" starts from it)."""
    if not (text := readable(text)) or not text.strip():
        raise Unclear("empty request: say what to keep, e.g. 'only the car chases, under 5 min'")
    command = command_intent(text)
    if command is not None:
        return command
    plan, refs = _plan(text, previous, length)
    return Intent("plan", text, plan=plan, refs=tuple(refs))


class RuleParser:
    """The default parser backend: deterministic, index-free, well under a millisecond."""

    name = "rules"
    takes_length = True  # "make it shorter" can start from the cut's actual length

    def parse(self, text: str, previous: Optional[ConstraintPlan] = None,
              length: Optional[float] = None) -> Intent:
        return parse_intent(text, previous, length)


def parse_request(text: str, previous: Optional[ConstraintPlan] = None) -> ConstraintPlan:
    """Turn one request into a ConstraintPlan; with ``previous``, a request that only
    changes length/order/window/options, adds ("also X") or drops ("without X") refines it."""
    intent = parse_intent(text, previous)
    if intent.plan is None:
        raise PlanError(f"{_echo(text)} is a command ({intent.kind}), not a request for a cut")
    return intent.plan
