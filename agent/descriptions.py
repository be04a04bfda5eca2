"""The words that describe one person: "the man in the hat", "whoever holds the camera",
"the two men throwing a ball in the hallway", "the bald bloke". Only reading: who.py finds
the person they describe in a film.
"""
from __future__ import annotations

import re

from .person_phrases import MODIFIER
from .person_words import looks, person_noun
from .seen_said import SPEAKING
from .traits import asked_gender
from .word_forms import ONE_PERSON_WORD, PLAIN_PEOPLE

# "the man in the hat", "whoever holds the camera": one person, picked by what is near them.
_PREP = (r"(?:in|with|wearing|holding|holds|has|had|carrying|carries|wears|behind|near|by|at|on|"
         r"next to|using|uses|talking about|talks about|says|said|mentions|from|dressed in)")
DESCRIBED = re.compile(
    rf"^(?:the\s+)?(?:{ONE_PERSON_WORD}|one|someone|somebody|whoever|who)\s+(?:(?:who|that)\s+)?(?:is\s+|was\s+)?"
    rf"{_PREP}\s+(?P<what>.+)$")
# The same with any person noun, after up to two words ("the old lady with the glasses",
# "the soccer player in the striped shirt", "the animated guy in glasses"): ``described``.
_WHO = r"^(?:the\s+|a\s+|an\s+)?(?P<who>(?:[a-z][\w'-]*\s+){0,2}?[a-z][\w'-]*)\s+"
_DESCRIBED_ANY = re.compile(_WHO + rf"(?:(?:who|that)\s+)?(?:is\s+|was\s+)?{_PREP}\s+(?P<what>.+)$")
# ... or by what they are doing: "the two men throwing a ball in the hallway", "the bloke
# sitting in the car", "the kid riding a bike"; the doing word goes, its thing and place stay
# ("the sister getting married" is an event, "the guy moaning that it rained" talk)
_DOING = re.compile(
    _WHO + r"(?:(?:who|that)\s+(?:is|was|are|were)\s+)?"
    rf"(?P<doing>(?!(?:getting|going|being|having)\b)[a-z]{{2,}}ing)\s+(?!(?:about|that|how|what|why)\b)"
    rf"(?:(?:around|along|round)\s+)?(?:{_PREP}\s+)?(?P<what>.+)$")
# a crowd doing something is seen, not one person picked out: "people walking on the path"
_CROWD = frozenset("people persons humans folk folks crowd crowds pedestrians".split())

# "the man who takes the photo": what he does it to picks him out (the verb is dropped)
_WHO_CLAUSE = _WHO + r"(?:who|that)\s+"
_RELATIVE = re.compile(_WHO_CLAUSE + r"(?:(?!is\b|was\b|are\b|the\b|a\b|an\b)[a-z][\w'-]*\s+)?"
                       r"(?P<what>(?:the|a|an|his|her|their)\s+.+)$")
# ... or what he does, whole, where no article says which thing ("the man who takes pictures",
# "the woman who flies to space"): the verb then tells as much as its object
_DOES = re.compile(_WHO_CLAUSE + r"(?P<what>(?!is\b|was\b|are\b|were\b|has\b|had\b|the\b|a\b|an\b)[a-z][\w'-]*"
                   r"\s+[a-z][\w' -]*)$")

# The person nouns a word before them may pick out: "the cartoon woman", "the bald man".
MODIFIED = re.compile(rf"^(?:the\s+|a\s+|an\s+)?(?P<what>{MODIFIER}[a-z][\w'-]*\s+{ONE_PERSON_WORD})$")


def role_noun(text: str) -> str | None:
    """The person noun a phrase is ("the astronaut" -> "astronaut", "the football player"),
    a person named by what they are or do; None for plain ones ("the man") and the rest."""
    t = re.sub(r"^(?:the|a|an|that|this)\s+", "", clean(text).lower())
    t = t.split(" ", 1)[1] if t.count(" ") == 1 and asked_gender(t.split()[0]) else t  # "the woman astronaut"
    words = t.split()
    if not words or len(words) > 2 or words[-1] in PLAIN_PEOPLE or not all(w.isalpha() for w in words):
        return None
    return t if person_noun(t) else None


_LOOK_FIRST = re.compile(rf"^(?:the\s+|a\s+|an\s+)?(?P<what>[a-z]+(?:\s+[a-z]+)?)\s+(?P<who>{ONE_PERSON_WORD})$")


def described(text: str) -> re.Match | None:
    """A person picked out by what is near them: a match with ``who`` (the person words,
    "soccer player") and ``what`` ("the striped shirt"), or None when the words before
    the preposition name no person ("bikes in the rain")."""
    t = clean(text).lower()
    m = DESCRIBED.match(t)
    if m:
        return m
    m = _DESCRIBED_ANY.match(t) or _RELATIVE.match(t) or _DOES.match(t)
    look = _LOOK_FIRST.match(t) if not m else None
    if look and looks(look.group("what")):  # "the bow tie guy": the guy with the bow tie
        return DESCRIBED.match(f"{look.group('who')} with {look.group('what')}")
    if m and _names_person(m.group("who")):
        return m
    doing = _DOING.match(t)  # "the bloke sitting in the car": "bloke sitting" named nobody
    return doing if doing and doing.group("who").split()[-1] not in _CROWD and _names_person(doing.group("who")) \
        else None


def _names_person(who: str) -> bool:
    words = who.split()
    return words[-1] in PLAIN_PEOPLE or person_noun(words[-1]) or bool(role_noun(who))


def clean(text: str) -> str:  # the person words alone: no end punctuation, nor seen_said.SPEAKING
    return " ".join(text.strip().strip(".!?\"'").removesuffix(SPEAKING).split())
