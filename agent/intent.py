"""Rule-based intent parser: one line of the conversation -> an ``Intent``.

A line is a command about the conversation (commands.py: undo, redo, show the plan, why did you keep
12:30?) or a request, parsed against the current plan into a new ``ConstraintPlan`` by passes over one
string, in this order (a rewrite runs before the rule that reads its output): spelling.normalise
(a letter's request first: letters.py; formal and editor's words said plainly: register.py);
clauses and quoted lines kept whole (quoted.py); typos, lengths as ``<d:SECONDS>`` (numbers.py);
grammar.OPTIONS, restrictions.RESTRICTIONS, counts, shares, windows, grammar.CONSTRAINTS, asides.rephrase; subjects.py splits the rest."""
from __future__ import annotations

import re
from typing import Optional

from .grammar import CONSTRAINTS, OPTIONS, SHRINK, SUMMARY, SUMMARY_SHARE, Draft, SegmentRef, apply_rules
from .spelling import fix_typos, normalise, plain_words, readable
from .numbers import ORDINAL, ORDINAL_WORDS, LengthError, mark_durations
from .plan import ConstraintPlan, Output, Pick, Query
from .frames import TALK_ONLY, a_line_heard
from .asides import FILLER, WHOLE_FILM, kinds_of_attributes, rephrase
from .story import hearsay, read_story
from .quoted import LINE_ALONE, QUOTE, SAID, said_words
from .traits import off_screen
from .seen_said import sight_clause
from .windows import WINDOWS
from .counts import COUNTS, one_passage
from .shares import SHARES
from .restrictions import RESTRICTIONS
from .subjects import find_subjects, person_moment
from .word_forms import keep_uses
from .order_words import FIRST_RANK, LAST_RANK, OUTRIGHT, group_order, middle_of, whole_film_placed
from .pronouns import framed_alone, refer
from .arrange import hand_move, pieces_having
from .commands import CORRECTION, FRESH, Intent, command_intent, question_about_cut, rejection
from .not_made import not_made
from .errors import PlanError
from .draft import _budget, _duration, _resized, _window, once

__all__ = ["Intent", "RuleParser", "Unclear", "SegmentRef", "parse_intent", "parse_request", "PlanError"]

_I = re.I


class Unclear(PlanError):
    """Nothing to act on in the line (empty, or no subject, length or command): the
    Editor answers with a question and suggestions from the film."""


_NARROWS = re.compile(r"^\s*(?:(?:but|and|now)\s+)?(?:only|just)\s+(?:the\s+(?:ones|bits|parts|shots|scenes|moments)\s+)?"
                      r"(?=(?:when|where|while|whilst|if)\b)", _I)


# --- requests -------------------------------------------------------------------------
def _draft(text: str) -> Draft:
    d = Draft()

    def keep_quote(m: re.Match) -> str:
        said = " ".join((m.groupdict().get("q") or next(g for g in m.groups() if g)).split())
        if not said:
            return " "
        d.quotes.append(said)
        return f" <q{len(d.quotes) - 1}> "

    request = d.request = CORRECTION.sub("", normalise(text))
    text = LINE_ALONE.sub(keep_quote, QUOTE.sub(keep_quote, a_line_heard(hearsay(off_screen(sight_clause(request))))))
    text = SAID.sub(lambda m: m.group(0)[:m.start("q") - m.start()] + (keep_quote(m) if said_words(m) and not _a_place(
        m.group("q")) and not _NARRATED.search(m.group("q")) else m.group("q")), text)
    d.additive = bool(re.search(r"\b(?:too|as well)\b|^\s*(?:and|plus|also|with|add|\+)\b", text, _I))
    try:
        text = person_moment(mark_durations(fix_typos(plain_words(text))))  # "the guy at 1:05": a person
    except LengthError as exc:
        raise PlanError(str(exc)) from None
    text, liked = read_story(kinds_of_attributes(keep_uses(text)))  # "she likes X": kept if nothing else is
    text = apply_rules(RESTRICTIONS, apply_rules(OPTIONS, text, d), d)
    text = apply_rules(WINDOWS, apply_rules(SHARES, apply_rules(COUNTS, text, d), d), d)
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


#: one of the things counted, named apart: "both holiday chats, the lisbon one first", "lisbon one first",
#: "the one with the lights", "the close-up of the lights at the bottom of it"
_MEMBER = re.compile(r"\bthe\s+(?:(?!and\b|or\b|plus\b)[a-z'-]+\s+){0,3}?one\b|\b[a-z'-]+\s+one\s+(?:first|last|at)\b"
                     r"|\b(?:of|on|in)\s+(?:it|them)\b", _I)


def _pick(d: Draft, include: list[Query], text: str) -> tuple[Optional[Pick], tuple[Pick, ...]]:
    """The count said, of the one subject its words name when the cut keeps more than that one
    ("two goat clips and the kite"); of the whole cut when they name all or none ("two shots of
    the goat and the kite"), or when the other is one of those counted ("the lisbon one first").
    Several counts each of a subject of its own ("two goat clips and three kite clips") are all
    kept; several that share a subject or name none ("the first two and the last three") cancel."""
    said = [(d.pick, d.pick_of), *d.more_picks]
    after = [_words(of) for _, of in said[1:]] + [set()]  # a count's words end where the next one's start
    owners = []
    for (pick, of), rest in zip(said, after):
        words = _words(of) - rest
        named = [q.text for q in include if _words(q.text) & words] if len(include) > 1 and not _MEMBER.search(text) else []
        owners.append(named[0] if len(named) == 1 else None)
    picks = [Pick(**pick, of=of) for (pick, _), of in zip(said, owners)]
    if len(picks) == 1:
        return picks[0], ()
    return (picks[0], tuple(picks[1:])) if None not in owners and len(set(owners)) == len(owners) else (None, ())


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
        # liked things never go before a placed one ("the dogs first")
        d.rank.setdefault(s.text.casefold(), (first if abs(first) < OUTRIGHT else 0.0) - len(story.include) + i)


def _touch_previous(d: Draft, base: ConstraintPlan) -> tuple[list[Query], list[Query], bool]:
    """ "no, keep the dialogue" un-drops, "the lighthouse too" adds it back; "more of the beach" re-weights. Returns the
    previous include/exclude after those edits, and whether any happened."""
    include, exclude = list(base.include), list(base.exclude)
    key = str.casefold
    dropped = {key(q.text): q for q in exclude}
    kept = {key(q.text): i for i, q in enumerate(include)}
    touched = False
    for q in list(d.include):
        owned = [e for e in exclude if key(e.text).startswith(key(q.text) + "'s ")]
        if key(q.text) in dropped:  # "the lighthouse too": back among the subjects, unless the cut is the whole
            exclude.remove(dropped[key(q.text)])  # film or it is talk heard over them ("bring back the dialogue")
            include += [q] if include and d.additive and not TALK_ONLY.fullmatch(q.text.strip()) else []
        elif owned and d.additive:  # "put owen back" after "cut the ones with owen's face": no longer left out
            exclude = [e for e in exclude if e not in owned]
        elif q.weight != 1 and key(q.text) in kept:
            include[kept[key(q.text)]] = include[kept[key(q.text)]].model_copy(
                update={"weight": q.weight})
        elif q.weight != 1 and include:  # "more of the dog" beside the cut: one more subject, weighed up;
            include, exclude = (include + [q], exclude) if q.weight > 1 or d.additive else (  # "less of the plumber
                include, exclude + [q.model_copy(update={"weight": 1.0})])  # stuff" (a part of what is on screen):
            # left out; "and a bit of the cat", "add a bit of the cat": one more, weighed down
        else:
            continue
        d.include.remove(q)
        touched = True
    return include, exclude, touched


def _owner(text: str) -> Optional[str]:
    """Whose a possessive subject is ("tom's lines": tom), or None."""
    m = re.match(r"(.+?)'s\b", text.casefold())
    return m.group(1) if m else None


def _echo(text: str) -> str:
    """The viewer's words in a message: quoted, one line, about 80 characters at most."""
    text = " ".join(text.split())
    return repr(text if len(text) <= 80 else text[:77] + "...")


def _placed_on_screen(d: Draft, include: list[Query]) -> None:
    """ "put the astronaut first" with "the astronaut poster" on screen: the subject said by part of its
    name is that one, placed (not a new subject added)."""
    kept = {q.text.casefold(): q for q in include}
    for i, q in enumerate(d.include):
        key = q.text.casefold()
        same = next((t for t in kept if set(key.split()) < set(t.split())), None) if key not in kept else None
        if same is not None:
            d.rank[same] = d.rank.pop(key, 0.0)
            d.include[i] = kept[same]


#: "no, 40", "make it 45", "try 2 then": a number alone after a cut with a length
_BARE_NUMBER = re.compile(r"^\s*(?:(?:no|nah|hmm+|ok(?:ay)?|actually|wait)\b[\s,.!-]*)*(?:(?:make\s+it|try|say|how\s+about|more"
                          r"\s+like|maybe|go\s+(?:with|for))\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?:then|instead|please)?\s*[.!?]*\s*$", _I)
_LENGTH_WORD = {"max": "under", "min": "at least", "target": "about", "range": "about"}


def _bare_length(text: str, previous: Optional[ConstraintPlan]) -> str:
    """ "no, 40" after "about 30 s": the length again, of its kind, in seconds (in minutes for a
    number under ten when the length on screen is a minute or more)."""
    m = _BARE_NUMBER.match(text)
    if previous is None or m is None or previous.duration.kind == "none":
        return text
    was = previous.duration.target or previous.duration.max or previous.duration.min or 0.0
    unit = "minutes" if float(m.group("n")) < 10 and was >= 60 else "seconds"
    return f"{_LENGTH_WORD[previous.duration.kind]} {m.group('n')} {unit}"


def _plan(text: str, previous: Optional[ConstraintPlan],
          length: Optional[float] = None) -> tuple[ConstraintPlan, list]:
    if previous is not None and (fresh := FRESH.match(text)):  # "forget it. just the coins": a new cut
        previous, text = None, text[fresh.end():]
    text = _bare_length(text, previous)
    framed = framed_alone(text, previous)  # "only the close-ups": of the subject on screen, the rest holds
    text = framed or refer(text, previous)  # "put him first": the person the cut names
    if previous is not None:  # "put the kite in the middle": between the subjects as they play now
        text = middle_of(text, [t for t in previous.sequence if t != "*"] or [q.text for q in previous.include])
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
    # "both rocket shots but flip the order": theirs; "flip the order of the whole thing": the film's
    if d.swap and previous is None and not d.include and not (d.turn and re.search(WHOLE_FILM, text, re.I)):
        raise PlanError("there is no cut to reorder yet: ask for something first")
    said = {q.text.casefold() for q in d.include}
    shown = {q.text.casefold() for q in previous.include} if previous else set()
    if d.at_edge and said and said <= shown:  # "the cats at the end", cats on screen: where they play
        d.window.pop("fraction_start" if d.at_edge == "end" else "fraction_end", None)
        d.rank.update({t: LAST_RANK if d.at_edge == "end" else FIRST_RANK for t in said})
        d.ordered = True
    include, exclude, touched = _touch_previous(d, previous) if previous else ([], [], False)
    kept = {q.text.casefold() for q in include}
    if d.ordered:
        _placed_on_screen(d, include)
    reorder = d.ordered and (len(d.include) <= 1 or all(q.text.casefold() in kept
                                                          for q in d.include))
    d.include = [q for q in d.include if not (reorder and q.text.casefold() in kept)]
    dropped_shown = {q.text.casefold() for q in d.exclude} <= shown  # "keep the goat but lose the kite": both on screen
    fewer = bool(said) and said < shown and not (d.additive or d.ordered or not dropped_shown or touched)  # "only the boats"
    refine = previous is not None and (d.additive or touched or not d.include or reorder or narrows or fewer
                                       or bool(framed))
    base = previous if refine else None
    if not refine or d.everything:
        include, exclude = [], exclude if refine else []
    elif fewer or framed:  # the length, order and what was left out hold
        include = [] if framed else [q for q in include if q.text.casefold() in said]
    refs = d.refs
    if previous is None and refs:  # nothing on screen yet: "cut the last scene" is a subject; "the astronaut
        one = d.include[0].text if len(d.include) == 1 and not d.everything and not re.match(  # except the first one": hers
            rf"(?:very\s+)?(?:{ORDINAL}|last|final)\b", d.include[0].text, _I) else "scene"
        d.exclude += [Query(text=" ".join(filter(None, (ORDINAL_WORDS[r.ordinal - 1] if 0 < r.ordinal
                            <= len(ORDINAL_WORDS) else "middle" if r.ordinal == 0 else "second to last" if r.ordinal == -2 else "last",
                            r.text or one))))
                      for r in refs]
        refs = []
    dropped = {q.text.casefold() for q in d.exclude}
    also = [q for q in (base.also if base else ()) if q.text.casefold() not in dropped]
    if base is not None and base.match == "all" and len(base.include) > 1 and not (narrows or fewer or framed):
        also += [q for q in d.include if q not in also]  # "and the broken bike" beside Felix on the holiday, not
        d.include = []  # inside it: the subjects narrowed together stay together
    include = [q for q in include if q.text.casefold() not in dropped  # "drop tom" after "tom's lines": his lines go
               and not (base and _owner(q.text) in dropped)]
    if narrows:  # "only where someone's talking" after "the quiet parts": talk and silence never hold together
        new = {q.modality for q in d.include}
        include = [q for q in include if not ("speech" in new and q.modality == "silence" or "silence" in new
                                               and q.modality == "speech" and TALK_ONLY.fullmatch(q.text))]
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
    arrange = base.arrange if base and not (d.order or d.ordered or d.swap) else ()
    if d.swap and (len(include) < 2 or d.turn):  # one group, or "flip the order around": the cut turns round
        order = "reverse" if order != "reverse" else "source"
        d.swap = False
    turned = base is not None and order != base.order and "reverse" in (order, base.order) and d.order != "source"
    if turned and base.arrange:  # "reverse it" after "swap the first two": the order on screen turns round
        arrange, order = base.arrange[::-1], base.order
    sequence = group_order(include + also, base, d.rank, d.ordered, d.swap) if d.order != "source" or d.ordered else ()
    # ("back in film order": the groups placed before go back to their places too)
    if d.ordered and base is None and (whole := whole_film_placed(d.request, include, d.rank)):
        include, sequence = [], whole  # "the whole film, but open with the temple"
    if d.bookend and len(sequence) > 1 and f"{d.bookend} ".startswith(f"{sequence[0].casefold()} "):  # "the goat (shots)"
        sequence = (*sequence, sequence[0])
    pick, more_picks = _pick(d, include, text) if d.pick else ((base.pick, base.more_picks) if base else (None, ()))
    if pick is None and base is None:  # "the bit about the storm": its best scene
        pick = one_passage(d, include)
    plan = ConstraintPlan(
        include=tuple(include), exclude=tuple(exclude), sequence=sequence, also=tuple(also),
        duration=_duration(_budget(d.budget, base.duration if base else None)),
        order=order,
        window=_window(d.window, base.window if base else None),
        granularity=d.granularity or (base.granularity if base else "scene"),
        padding=padding, pacing=d.pacing or (base.pacing if base else None),
        output=Output(**{**output, **d.output}),
        match="all" if narrows else d.match or (base.match if base else "any"),
        skip=base.skip if base else (), pick=pick, more_picks=more_picks,
        arrange=arrange)
    return plan, refs


def by_hand(text: str, previous: Optional[ConstraintPlan]) -> Optional[Intent]:
    """ "swap the first two", "the third one is boring", "put back the others": a line about the
    pieces on screen by their place (arrange.py); the plan holds, and the conversation sets its
    fields against that cut ("put back the others" clears what was pointed at or counted out)."""
    move = hand_move(text)
    if not move and previous is not None and previous.match == "any" and len(previous.include) > 1 \
            and (rest := pieces_having(text)):  # "only the ones with people" of the cats and the boats
        try:
            having = _plan(rest, None, None)[0].include
        except PlanError:
            having = ()
        said = {q.text.casefold() for q in having}
        if said and said <= {q.text.casefold() for q in previous.include}:  # "narrow it down to the cat": of those
            return Intent("plan", text, plan=previous.model_copy(update={"include": tuple(
                q for q in previous.include if q.text.casefold() in said), "sequence": ()}))
        if having and not any(q.modality == "silence" for q in having):  # a quiet moment is no piece's
            return Intent("plan", text, plan=previous, having=having)
    if move and previous is None:
        raise PlanError("there is no cut on screen yet: ask for one first")
    if move and move.kind == "put_back":
        if not (previous.skip or previous.pick):
            raise PlanError("nothing was left out of the cut by pointing at it or counting: say what to bring back")
        return Intent("plan", text, plan=previous.model_copy(update={"skip": (), "pick": None, "more_picks": ()}))
    return Intent("plan", text, plan=previous, move=move) if move else None


def parse_intent(text: str, previous: Optional[ConstraintPlan] = None,
                 length: Optional[float] = None) -> Intent:
    """Classify one line: a command, or a request parsed against ``previous``; ``length``
    is the actual length of the cut on screen ("make it shorter" starts from it)."""
    if not (text := readable(text)) or not text.strip():
        raise Unclear("empty request: say what to keep, e.g. 'only the car chases, under 5 min'")
    command = command_intent(text) or (question_about_cut(text) if previous is not None else None)
    if command is not None:
        return command
    if on_screen := by_hand(text, previous):
        return on_screen
    if previous is not None and rejection(text):
        raise Unclear("what should change? Say what to keep or drop ('drop the second one', 'more of the goat'), "
                      "a length, or 'undo'")
    asked, unmade = not_made(text)  # "slowed down", "add some music": said back, not looked for
    if unmade and not asked.strip(" ,.;:!?"):
        raise PlanError(unmade[0])
    plan, refs = _plan(asked if unmade else text, previous, length)
    return Intent("plan", text, plan=plan, refs=tuple(refs), notes=unmade)


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
