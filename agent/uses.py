""""Things you can <verb>": what a verb is done to, read in one place.

"things you can ride", "stuff people could eat", "everything you'd wear" name a kind of
thing by what people do with it. The phrase is found inside a request (``keep_uses``,
before ``subjects.clean`` would drop "you can" as filler and leave a bare "ride", which is a
carousel) and read whole by ``use_kind`` for ``labels.category``. Both readings are built
from the one word list below: two copies of it had drifted ("everything you can eat" was
kept whole by one and not read by the other).
"""
from __future__ import annotations

import re

# What a verb is done to, as a label term (indexers/data/imagenet_hypernyms.json):
# general English, never a film's nouns. Verbs whose object has no one kind ("play",
# "fly", "carry") are left out: a guess there would find the wrong things.
# "A but not B": WordNet's food holds drinks (coffee is a food, a beverage); nobody eats them.
USES = {"eat": "something to eat but not beverage", "drink": "something to drink", "wear": "clothing",
        "ride": "vehicle", "drive": "motor vehicle", "sail": "vessel", "sit on": "seat",
        "sit in": "seat", "cook with": "cooking utensil", "cook in": "cooking utensil"}
# What is meant ("things", "everything"), who may do the verb, and how it may be asked.
_THING = r"(?:things?|stuff|something|anything|everything|what|whatever|ones?)"
_DOER = r"(?:you|we|people|one|i|they|someone|somebody|a person)"
_MODAL = r"(?:can|could|might|would|may|will)"
_VERB = r"[a-z]+(?:\s+(?:on|in|with)\b)?"
#: a verb the table knows ("ride", "sit on"): only such a phrase is kept whole in a request,
#: so "the ones you can see the dog in" stays a sight of the dog
_KNOWN = r"(?:%s)\b(?:\s+(?:on|in|with)\b)?" % "|".join(sorted({v.split()[0] for v in USES}, key=len, reverse=True))
_IN_REQUEST = re.compile(rf"\b{_THING}\s+(?:that\s+)?(?:{_DOER}\s+{_MODAL}|you'd)\s+{_KNOWN}", re.I)
_JOINED = re.compile(rf"\b{_THING}_[\w']+", re.I)
#: the phrase alone, also as a parser leaves it ("eat", "to eat"); group 1 is the verb
_WHOLE = re.compile(rf"^(?:{_THING}\s+)?(?:(?:that\s+)?{_DOER}\s+)?(?:(?:{_MODAL}|to|you'd)\s+)?(?:be\s+)?({_VERB})$")


def keep_uses(text: str) -> str:
    """ "things you can ride" as one word, before the filler words are dropped."""
    return _IN_REQUEST.sub(lambda m: "_".join(m.group(0).split()), text)


def unjoined(text: str) -> str:
    """A subject with the phrase ``keep_uses`` joined in words again."""
    return _JOINED.sub(lambda m: m.group(0).replace("_", " "), text)


def use_kind(text: str, framed: bool = False) -> str | None:
    """The kind a "things you can <verb>" phrase names ("things you can eat" -> "something
    to eat"), also as a parser leaves it ("eat", "to eat"); None for any other phrase.
    ``framed``: only with words around the verb (a bare "ride" may be a noun first)."""
    m = _WHOLE.match(text.strip())
    if m is None or framed and m.group(1) == text.strip():
        return None
    verb = m.group(1)
    return USES.get(verb) or USES.get(verb.split()[0])  # "ride on" is "ride"
