"""The order words of a request: "open with X", "end with X", "X, and after that Y", "Y
before X", "the dog second". ``mark_order`` turns each into an ``<o:TAG>`` token that
``subjects.find_subjects`` splits at and ranks the subjects by (``FIRST_RANK``/``LAST_RANK``
place a subject first or last, ordinary places count 1, 2, 3)."""
from __future__ import annotations

import re
from typing import Callable, Optional

from .numbers import ORDINALS
from .plan import ConstraintPlan, Query
from .word_forms import DROP_VERBS, unarticled

#: ranks of a subject placed first or last, far from the ordinary places 1, 2, 3
FIRST_RANK, LAST_RANK = -1000.0, 1000.0
OUTRIGHT = abs(FIRST_RANK) / 2  # a group order key this far from 0 plays first or last outright
#: "the longest ones first", "shortest to longest", "sorted by length": by how long each plays (``plan.Order``)
BY_LENGTH = (r"\b(?:(?:the\s+)?(?P<w>longest|shortest)(?:\s+(?:ones?|bits?|parts?|scenes?|clips?|shots?))?\s+first|(?:from\s+)?"
             r"(?:the\s+)?(?P<w2>longest|shortest)\s+(?:one\s+)?to\s+(?:the\s+)?(?:longest|shortest)(?:\s+one)?|(?:(?:sorted|ordered"
             r"|arranged)\s+)?(?:by|in\s+order\s+of)\s+(?:length|duration|how\s+long\s+(?:they|it)\s+(?:are|is|runs?|lasts?)))\b")


def length_order(m: re.Match) -> str:
    """The order ``BY_LENGTH`` read; "by length" alone is the shortest first, as a sort is."""
    return (m.group("w") or m.group("w2") or "shortest").lower()


#: "the squirrel comes after the dog": the verb belongs to the order word, not the subject
_GOES_VERB = (r"\b(?:comes?|coming|goes?|going|plays?|playing|appears?|is|are|should\s+(?:come|go|play|be)"
              r"|(?:has|have)\s+to\s+(?:come|go|play|be)|shown|placed|put)\s+(?:right\s+|just\s+)?")
_GOES = rf"(?:{_GOES_VERB})?"
#: "the cat moved up to the start", "with the dog pushed to the end": a place given by moving
_MOVED = (r"(?:(?:is|are|be|been|being|gets?|got)\s+)?(?:moved|shifted|brought|bumped|pushed|pulled|put|placed)"
          r"(?:\s+(?:up|forward|back|down|over|right))?")
#: the verbs of opening and closing a cut, in every inflection ("closing with", "beginning
#: with", "wrapping up with": English doubles or drops letters, so the forms are spelled out)
_OPEN = (r"(?:open(?:s|ing|ed)?|start(?:s|ing|ed)?|begin(?:s|ning)?|lead(?:s|ing)?(?:\s+off)?"
         r"|kick(?:s|ing|ed)?(?:\s+it)?\s+off)")
_CLOSE = (r"(?:end(?:s|ing|ed)?|finish(?:es|ing|ed)?|clos(?:e|es|ing|ed)|conclud(?:e|es|ing|ed)"
          r"|wrap(?:s|ping|ped)?(?:\s+it)?\s+up|round(?:s|ing|ed)?(?:\s+it)?\s+off)")
#: "begin and end with the goat", "bookended by the goat", "the goat at both ends": it opens and closes the
#: cut (``counts.py`` reads the subject, ``intent`` lists it at both ends of the plan's ``sequence``)
BOOKEND = (rf"\b(?:{_OPEN}\s+and\s+{_CLOSE}|book-?end(?:s|ed|ing)?(?:\s+(?:it|the\s+cut|things))?)\s+(?:(?:it|things|the\s+cut)\s+)?"
           r"(?:with|on|by)\s+")
#: what follows an order verb without "with": "and to finish, the dog"
_NOUN_NEXT = r"(?=[\s,]+(?:the|a|an|some|all|any|his|her|their|those|these|that|this)\b)"
#: a time of the day's routine, said bare, is when something is done, no subject to place: "going for jogs
#: before work", "a nap after lunch" (the dinner itself, "before the dinner scene", is a subject)
_ROUTINE = (r"(?!\s+(?:work|school|bed|bedtime|breakfast|lunch|lunchtime|dinner|supper|dark|dawn|sunrise|sunset|midnight"
            r"|noon)\b(?!\s+(?:scenes?|shots?|bits?|parts?|clips?)\b))")
_ORDER: list[tuple[re.Pattern, str]] = [(re.compile(p, re.I), tag) for p, tag in [
    (rf"\b(?:and\s+)?(?:then\s+)?{_OPEN}(?:\s+(?:it|the cut|things|everything))?\s+(?:with|on)\b", "first"),
    (rf"\b(?:and\s+)?(?:then\s+)?{_CLOSE}(?:\s+(?:it|the cut|things|everything))?\s+(?:with|on)\b", "last"),
    # "the animals with the dog first": a member placed inside its group (a plural), as "the
    # animals, the dog first"; "the man with the hat first" is one described man
    (r"(?<=[a-rt-z]s)\s+with\s+(?=(?:the|a|an|his|her|their|that|this)\b[^,;<]{0,60}?\s+(?:first|last"
     r"|at\s+the\s+(?:very\s+)?(?:start|beginning|end))\s*(?:[,;.!?<]|\s+(?:and|then)\b|$))", ","),
    # "and to finish, the dog", "to start, the cat": an infinitive of placing before its subject
    (rf"(?:^|(?<=[,;]))\s*(?:and\s+)?(?:then\s+)?to\s+{_OPEN}(?:\s+(?:it|things))?{_NOUN_NEXT}", "first"),
    (rf"(?:^|(?<=[,;]))\s*(?:and\s+)?(?:then\s+)?to\s+{_CLOSE}(?:\s+(?:it|things))?{_NOUN_NEXT}", "last"),
    # "save the dog for last": the verb goes, "for last" places its subject
    (r"\bsave\s+(?=[^,;<]*?\bfor\s+(?:the\s+)?(?:last|end|finale|ending)\b)", ""),
    # (at a clause's start: "someone finally sorts out the dentist" is no order)
    (r"(?:(?:^|(?<=[,;.:!?])|(?<=\bthen))\s*|\band\s+)(?:finally|lastly|last of all)\b", "last"),
    (r"(?:^|(?<=[,;]))\s*(?:and\s+)?first(?:\s+of\s+all)?\b(?=\s+(?:the|a|an|some|all|any|his|her|their)\b)",
     "first"),
    # "first the bird and last the cat": a place said before its subject, at a clause's start
    (r"(?:^|(?<=[,;])|(?<=\band))\s*last\b(?=\s+(?:the|a|an|some|all|any|his|her|their)\b)", "last"),
    # "the dog in between": between the first and the last, where it is listed
    (r"\s+in\s+between(?=\s*(?:[,;.!<]|$))", ""),
    # "after it", "later the cat": an adverb of time (or "after" with a pronoun for what came
    # before) followed by the next subject ("just the boats then": the end's "then" is the asking)
    (r"\b(?:and\s+)?(?:after that|afterwards?|after this|after which|then(?!\s*[.!?]*\s*$)|followed by|thereafter"
     r"|(?:after\s+(?:it|them|those|these)|later(?:\s+on)?|next)(?=[\s,]+(?:the|a|an|some|all|any|his|her"
     r"|their|those|these)\b))\b", "next"),
    # "show the cat before you show the dog": a clause's own subject and verb go with the word
    # "the cat, but the dog before it": a pronoun for what came before, so this subject goes
    # ahead of that one
    (rf"{_GOES}\b(?:before|ahead\s+of|prior\s+to)\s+(?:it|them|that|those|these|this)(?=\s*(?:[,;.!?<]|$))",
     "isbefore"),
    (rf"{_GOES}\b(?:before|ahead\s+of|prior\s+to)\b(?!\s+(?:and|or)\b){_ROUTINE}"
     r"(?:\s+(?:you|we|i|they)\b(?:\s+(?:show|play|put|see|get\s+to|use|add|include)\b)?)?", "before"),
    (rf"(?<!\band\s){_GOES}\bafter\b{_ROUTINE}", "after"),
    # "the dog goes last", "the cat comes first": the verb goes with the place
    (r"(?<!\bthe)(?<!\bvery)(?:(?:\s+(?:comes?|goes?|plays?|is|should\s+(?:come|go|play|be)))?"
     rf"\s+(?:first|at the (?:very )?(?:start|beginning)|up front|to open)"
     rf"|\s+{_MOVED}\s+to the (?:very )?(?:start|beginning|front|top))"
     r"\s*(?=[,;.!<]|\s+(?:and|then)\b|$)", "isfirst"),
    (r"(?<!\bthe)(?<!\bvery)(?:(?:\s+(?:comes?|goes?|plays?|is|should\s+(?:come|go|play|be)))?"
     r"\s+(?:last|at the (?:very )?end|to close|to finish|(?:for|till|until|as)\s+(?:the\s+)?"
     rf"(?:last|end|finale|ending|closer))|\s+{_MOVED}\s+to the (?:very )?(?:end|back|bottom))"
     r"\s*(?=[,;.!<]|\s+(?:and|then)\b|$)", "islast"),
    (r"(?<!\bthe)(?<!\bvery)\s+(?P<nth>second|third|fourth|fifth|next)"
     r"\s*(?=[,;.!<]|\s+(?:and|then)\b|$)", "isnth"),
]]


#: "put the cat between the bike and the coffee", "the cat should go in between the dog and the
#: kite": an order of three, read as "the bike, then the cat, then the coffee"
_NP = r"(?:the|a|an|that|this|those|these|his|her|their)\s+[^,;<]+?"
_BETWEEN = re.compile(rf"(?:\b(?:put|move|place|stick|slot|slip|play|have)\s+(?P<x>{_NP})|(?P<y>{_NP})\s+{_GOES_VERB}|(?P<z>{_NP})"
                      rf"\s+{_MOVED})\s*(?:to\s+)?(?:right\s+|somewhere\s+|just\s+)?(?:in\s+)?between\s+(?P<a>{_NP})\s+and\s+(?P<b>{_NP})"
                      r"(?=\s*(?:[,;.!?]|$))", re.I)


def mark_order(text: str) -> str:
    """Order phrases -> ``<o:TAG>`` tokens that ``find_subjects`` splits at ("the dog
    second": ``<o:is2>``, a place in the order)."""
    text = _BETWEEN.sub(lambda m: f"{m.group('a')} <o:next> {m.group('x') or m.group('y') or m.group('z')} <o:next> "
                                  f"{m.group('b')}", text)
    for pattern, tag in _ORDER:
        if tag == "isnth":
            text = pattern.sub(lambda m: f" <o:is{ORDINALS.get(m.group('nth').lower(), 2)}> ", text)
        else:
            text = pattern.sub(f" <o:{tag}> " if tag.isalnum() else f"{tag} ", text)
    return text


def placed_by(keys: list[str], chunk: str) -> list[str]:
    """The subjects a trailing place word ("first", "last") places: all of "the cat and the
    dog first", only the last of "the boat but the horse first" (set off by "but" or a comma)."""
    before = chunk[:chunk.casefold().rfind(keys[-1])] if len(keys) > 1 else ""
    return keys[-1:] if re.search(r"(?:\bbut|,)\s*(?:[\w']+\s+){0,3}$", before, re.I) else keys


def scoped_people(include: list[Query], rank: dict, request: str,
                  bare_person: Callable[[str], bool]) -> list[Query]:
    """ "the dinner scene, the man before the woman": bare person nouns ordered in apposition
    to one scene are that scene's people, so each is "the man at the dinner scene" (a
    described person, ``who.py``), and the scene itself is no group of its own. Only when
    the first subject is followed by a comma and every other subject is a bare person noun
    with a place in the order, and the scene is said with its article ("the dinner,": "Tom," is a person).
    """
    if len(include) < 2 or not rank:
        return include
    scene, people = include[0], include[1:]
    if len(people) == 1 and abs(rank.get(people[0].text.casefold(), 0)) < OUTRIGHT:
        return include  # one person in apposition is scoped only when placed first or last ("the guy first")
    if (scene.modality != "any" or bare_person(scene.text) or not all(
            q.modality == "any" and bare_person(q.text) and q.text.casefold() in rank for q in people)
            or not re.search(rf"\b(?:the|that|this|those|these)\s+(?:(?:two|three|four|both|\d+)\s+)?{re.escape(scene.text)}"
                             r"(?:\s+(?:scenes?|shots?|bits?|parts?|ones?|clips?))?\s*,", request, re.I)):
        return include
    out = []
    for q in people:
        text = f"{q.text} at the {scene.text}"
        rank[text.casefold()] = rank.pop(q.text.casefold())
        out.append(Query(text=text, modality="person", who="described", weight=q.weight))
    if len(people) > 1:  # the people placed are the whole scene
        rank.pop(scene.text.casefold(), None)
        return out
    return out + [scene]  # "the two dinner bits, the guy first": he opens, the rest of them follow


#: the whole film named beside the subjects an order places: "the whole film, but open with
#: the temple", "start with the cat, then everything else", "all of it, with the dog last"
_WHOLE = re.compile(r"\b(?:everything|anything|all)\s+else\b|\bthe\s+rest\b|\ball\s+of\s+it\b"
                    r"|\brest\s+(?:as\s+(?:is|it\s+(?:is|was))|in\s+order)\b"  # "end with the cat, rest as is"
                    r"|\b(?:whole|entire|full|complete)\s+(?:film|movie|thing|video|clip|show)\b"
                    r"|\beverything\b(?=\s*(?:[,;.!?]|$|(?:but|except|in|then|and|with|minus|without)\b))", re.I)
#: ...but not the rest dropped: "the cat first and drop the rest" keeps only the cat
_DROPPED = re.compile(rf"\b{DROP_VERBS}(?:\s+(?:out|off))?"
                      r"\s+(?:(?:everything|anything|all)\s+else|the\s+rest)\b|\bnothing\s+else\b", re.I)


def whole_film_placed(request: str, include: list[Query], rank: dict) -> tuple[str, ...] | None:
    """The group order of a whole film whose subjects are only placed, not kept alone: each
    subject placed first or last outright and the film named whole ("*": every other scene);
    None for any other request."""
    if not include or not _WHOLE.search(request) or _DROPPED.search(request):
        return None
    ranks = [rank.get(q.text.casefold()) for q in include]
    if any(r is None or abs(r) < OUTRIGHT for r in ranks):
        return None
    return (*[q.text for q, r in zip(include, ranks) if r < 0], "*",
            *[q.text for q, r in zip(include, ranks) if r > 0])


#: "put the kite in the middle", "the kite should go in the middle": a place among the subjects on screen
_MIDDLE = re.compile(r"^\s*(?:(?:ok(?:ay)?|now|and|then|actually)[,\s]+)*(?:(?:put|move|place|stick|slot|have)\s+(?P<x>[^,;]+?)"
                     rf"|(?P<y>[^,;]+?)\s+{_GOES_VERB})\s*(?:(?:right|somewhere)\s+)?in\s+the\s+middle\s*[.!?]*\s*$", re.I)


def middle_of(text: str, shown: list[str]) -> str:
    """ "put the kite in the middle" of a cut of the goat, the kite and the lighthouse: between the
    subjects around it, the half that plays before it and the half after ("the kite between the goat
    and the lighthouse"); the line as it was when no such place can be told."""
    m = _MIDDLE.match(text)
    if not m:
        return text
    x = (m.group("x") or m.group("y")).strip()
    others = [s for s in shown if s.casefold() != unarticled(x).casefold()]
    if len(others) < 2:
        return text
    half = len(others) // 2
    return f"put {x} between {' and '.join(f'the {s}' for s in others[half - 1:half + 1])}"




def group_order(include: list[Query], base: Optional[ConstraintPlan], rank: dict[str, float],
                ordered: bool, swap: bool) -> tuple[str, ...]:
    """The ``sequence`` of a new plan: ``base``'s, re-ranked by one request's order words.
    ``rank`` maps casefolded subject texts to keys (lower plays first; |key| >= 500 means
    "first"/"last" outright, smaller keys come after the groups ``base`` already had)."""
    texts = [q.text for q in include]
    known = {t.casefold() for t in texts}
    before = [t for t in (base.sequence if base else ()) if t == "*" or t.casefold() in known]
    if swap:  # "swap the order"
        return tuple(reversed(before or texts))
    if not ordered:
        return tuple(before)
    listed = before or [q.text for q in (base.include if base else ())]
    old = {t.casefold(): i for i, t in enumerate(listed)}
    # "kite first then goat": what follows the one put first follows it at once, before the other groups
    n = -OUTRIGHT if any(r <= -OUTRIGHT for r in rank.values()) else len(old)

    def key(i_q: tuple[int, Query]) -> float:
        i, q = i_q
        r = rank.get(q.text.casefold())
        if r is None:
            return old.get(q.text.casefold(), n + OUTRIGHT + i)
        return r if abs(r) >= OUTRIGHT else n + r
    ordered_texts = [q.text for _, q in sorted(enumerate(include), key=key)]
    if len(ordered_texts) < 2:  # one group has no order to keep
        return ()
    return tuple({t.casefold(): t for t in reversed(ordered_texts)}[k] for k in
                 dict.fromkeys(t.casefold() for t in ordered_texts))
