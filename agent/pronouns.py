"""A pronoun in a refinement is a person the cut on screen already names: after "the boats and
the fisherman", "put him first" is the fisherman; after "the people, but not the navy lady",
"bring her back" is the navy lady; after "everything Lena says", "only when we see her" is Lena;
after "the cartoon guy", "when he talks but we don't see him" is when the cartoon guy talks.
Without this the parser looked for the word "him" in the film (and found nothing, or anything).
A framing said alone ("only the close-ups") is of the one subject on screen, as "the close-ups of
the fisherman" is.

Only a talker ("he talks") and the object forms ("him", "her" before the end of a clause or an
order or place word) are read, so "her dog" stays the words said. A gendered word picks between
two people ("the man and the woman": "him" is the man); a name or a neutral word ("the narrator")
answers either pronoun when no gendered one does. A pronoun nobody in the plan can be is left as
it was."""
from __future__ import annotations

import re
from typing import Optional

from .person_phrases import ANYONE, FRAMING, PERSON_WORD
from .plan import ConstraintPlan, Query
from .traits import asked_gender, first_names

_I = re.I
_OBJECT = re.compile(r"\b(?P<p>him|her)\b(?=\s*(?:[,;.!?]|$|\s+(?:first|last|back|too|again|in|out|only|instead"
                     r"|more|less|on\s+screen|then|please|at\s+the\s+(?:start|end|beginning))\b))", _I)
#: "the fisherman", "the camerawoman": a trade said with its gender (traits' word lists name the rest)
_COMPOUND = re.compile(r"\b(?!german\b)[a-z]{3,}?(?P<w>wo)?man\b", _I)
#: "where we see her face": the face is the person, seen
_FACE = re.compile(r"\b(?P<p>his|her)\s+face\b", _I)
#: "when he talks but we don't see him": the talker named, and the rest of the line about them left as said
_SUBJECT = re.compile(r"\b(?P<p>he|she)\b(?=\s+(?:talks|speaks|says|chats|is\s+(?:talking|speaking)|(?:say|talk|speak)\b))",
                      _I)  # "what does she say?"
#: "Lena says", "hana talks about ...": a speaker's request names its speaker first
_SPEAKER = re.compile(r"^(?P<n>[a-z][\w'-]*)\s+(?:says|said|talks|talking|speaks|speaking)\b", _I)
#: "only the close-ups", "just the wide shots": a framing said alone is of the one subject on screen
_FRAMING_ALONE = re.compile(rf"^\s*(?:(?:ok(?:ay)?|now|and|but)[,\s]+)*(?:(?:only|just)\s+(?:the\s+)?|(?:(?:only|just)\s+)?"
                            rf"(?:his|her|their)\s+)(?P<k>{FRAMING})"
                            r"(?:\s+(?:of\s+)?(?:it|this|that|them))?(?:\s+(?:please|pls|then))?\s*[.!?]*\s*$", _I)
#: "only the real ones", "just the cartoon ones, not drawings": a look said of the subjects on screen
_LOOK_ONES = re.compile(r"^\s*(?:(?:ok(?:ay)?|now|and|but|actually)[,\s]+)*(?:only|just)\s+(?:keep\s+)?(?:the\s+)?"
                        r"(?:(?P<k>(?:real|actual|genuine|real[- ]life|live[- ]action|photographed|filmed|drawn|cartoon|animated"
                        r"|black[- ]and[- ]white|b&w|gr[ae]y(?:scale)?|colou?r(?:ed)?|3d|cgi|computer[- ]generated|outdoors?)"
                        r"(?:\s+(?:or|and)\s+[\w&-]+)?)\s+ones?\b|ones?\s+(?:outside|outdoors|out\s+of\s+doors))"
                        r"(?P<rest>\s*[,;].*)?[\s.!?]*$", _I)
#: "bring her back", "restore her": the pronoun is someone left out before
_BACK = re.compile(r"\b(?:back|restore|return|again)\b", _I)
#: "only when they're both on screen", "only when we see them both": the people on screen, together
_BOTH_SEEN = re.compile(r"^\s*(?:(?:ok(?:ay)?|now|and|but|actually)[,\s]+)*(?:(?:only|just)\s+)?(?:when|where|while)\s+(?:they(?:'re|\s+are)"
                        r"(?:\s+(?:both|all))?|both(?:\s+of\s+them)?\s+are|(?:we|you)\s+(?:can\s+)?see\s+(?:them\s+(?:both|all)|both"
                        r"(?:\s+of\s+them)?|them))(?:\s+(?:on\s+screen|in\s+(?:the\s+)?(?:shot|frame|picture)|visible))?(?:\s+together)?"
                        r"(?:\s+(?:please|pls|then))?\s*[.!?]*\s*$", _I)
#: "put it back", "bring them back in", "restore it": the thing left out last
_THING_BACK = re.compile(r"\b(?:(?:bring|put|add|get|have)\s+(?P<p>it|them)\s+back|(?:restore|reinstate|re-?add)\s+(?P<q>it|them))\b", _I)


def _person(q: Query) -> Optional[str]:
    """The words that name the person a query is, if it is one ("the fisherman", "Lena")."""
    if m := _SPEAKER.match(q.text):
        return m.group("n")
    if q.who == "anyone" or ANYONE.match(q.text):  # "the people": nobody in particular
        return None
    if (name := _first_name(q.text)) is not None:  # "tom's lines", "lena": a first name is someone
        return name
    if q.modality == "person" or PERSON_WORD.search(q.text) or _gender(q.text):
        return f"the {q.text}"
    return None


def _first_name(text: str) -> Optional[str]:
    m = re.fullmatch(r"([a-z][a-z'-]*?)(?:'s|s')?", text.strip().lower())
    return m.group(1) if m and m.group(1) in first_names() else None


def _gender(text: str) -> Optional[str]:
    """'f' or 'm' from a subject's person words ("the navy lady", "the fisherman"), else None."""
    if sex := asked_gender(text):
        return sex
    if (name := _first_name(text)) is not None:  # census: "tom" a man's name, "lena" a woman's
        return first_names().get(name)
    m = _COMPOUND.search(text)
    return ("f" if m.group("w") else "m") if m else None


def _referent(pronoun: str, people: list[tuple[Query, str]]) -> Optional[str]:
    sex = "f" if pronoun.lower() in ("her", "she") else "m"  # "his" is a man's
    gendered = [name for q, name in people if _gender(q.text) == sex]
    neutral = [name for q, name in people if _gender(q.text) is None]
    return (gendered or neutral or [None])[0]


def framed_alone(text: str, previous: Optional[ConstraintPlan]) -> Optional[str]:
    """ "only the close-ups" said of the one subject on screen ("only the close-ups of the
    fisherman"), "only the real ones" of each ("only the real monkeys"), or None."""
    if previous is not None and previous.include and (m := _LOOK_ONES.match(text)):
        look = m.group("k") or "outdoor"  # "the ones outside": the outdoor ones
        return "only " + ", ".join(f"the {look} {q.text}" for q in previous.include) + (m.group("rest") or "")
    if previous is None or len(previous.include) != 1 or not (m := _FRAMING_ALONE.match(text)):
        return None
    return f"only the {m.group('k')} of the {previous.include[0].text}"


def refer(text: str, previous: Optional[ConstraintPlan]) -> str:
    """``text`` with each object pronoun replaced by the person of ``previous`` it stands for."""
    if previous is not None and previous.exclude and (m := _THING_BACK.search(text)):
        g = "p" if m.group("p") else "q"
        text = f"{text[:m.start(g)]}the {previous.exclude[-1].text}{text[m.end(g):]}"
    if previous is not None and _BOTH_SEEN.match(text):
        shown = [_person(q) or f"the {q.text}" for q in previous.include if q.modality != "silence"]
        if len(shown) > 1:  # "the cat and the dog", then "only when they're both on screen"
            return f"only with both {' and '.join(shown)} on screen"
    if previous is None or not (_OBJECT.search(text) or _SUBJECT.search(text) or _FACE.search(text)):
        return text
    left_out, kept = list(reversed(previous.exclude)), list(reversed((*previous.include, *previous.also)))  # latest first
    order = left_out + kept if _BACK.search(text) else kept + left_out
    people = [(q, name) for q in order if (name := _person(q))]
    if not people and len(kept) == 1:  # "the astronaut", then "without her": the one subject on screen
        people = [(kept[0], f"the {kept[0].text}")]

    def swap(m: re.Match) -> str:
        return _referent(m.group("p"), people) or m.group(0)
    named = _SUBJECT.sub(swap, text, count=1)  # the talker; a later "him" is then the same one, said
    return named if named != text else _OBJECT.sub(swap, _FACE.sub(swap, text))
