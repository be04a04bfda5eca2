"""The story told around a request: who the cut is for, what they like, what they can't stand,
who told them about a moment. Context, not subjects: "my kid loves animals" is kept only when the
request names nothing of its own, "she can't stand dogs" drops dogs, "a birthday thing for my
niece" goes (intent.py reads the story before the subject grammar)."""
from __future__ import annotations

import re

_I = re.I

#: a wish told for someone else ("my mum wants to see the X"): the request itself (``read_story``)
_WANTS = re.compile(r"\bwants?\s+to\s+see\b", _I)
#: someone other than the viewer: "my kid", "my little niece", "she", "the kids"
_NOT_AND = r"(?!(?:and|but|so|or|she|he|they|likes?|loves?|to|with|for)\b)"
_PERSONA = (rf"(?:(?:my|our|his|her|their)\s+(?:{_NOT_AND}[a-z'-]+\s+){{0,2}}?{_NOT_AND}[a-z'-]+|she|he|they|her|him|them"
            r"|(?:the\s+)?(?:kids?|children))")
#: where a clause of the story ends: a comma, or the next clause ("but", "so", "can you", "and she ...", a length)
_CLAUSE_END = (r"(?=\s*(?:[,;.!?:]|$)|\s+(?:but|so|can|could|would|will|please|then|i|i'm|i'd|if"
               r"|and\s+(?:can|could|would|please|i|so|then|she|he|they|my|our|also|not|don'?t|do not))\b"
               r"|\s*<[dt]:)")
#: how much or how often someone likes a thing ("she also likes cats", "he really just hates clowns")
_ADVERBS = r"(?:(?:really|just|absolutely|so|only|also|too|especially|totally|actually|still|always)\s+){0,2}"
#: how old someone is, told before their taste ("he's 6 and obsessed with rockets")
_AGE = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+years?\s+old)?"
#: not inside a description of a moment ("the bit where she likes the cake")
#: or the bit someone likes ("the part they like the most")
_FREE_CLAUSE = ("".join(rf"(?<!\b{w}\s)" for w in "where when who that which while what part parts bit bits one ones"
                        " scene scenes shot shots moment moments thing things stuff".split()))
_LIKES = re.compile(
    rf"{_FREE_CLAUSE}\b{_PERSONA}(?:'s|\s+is)?(?:\s+{_AGE}\s*,?\s+and)?\s+{_ADVERBS}(?:loves?|likes?|adores?|enjoys?"
    r"|into|crazy about|obsessed with|mad about|(?:a\s+)?(?:big\s+|huge\s+)?fan of|(?:goes|go|would go|will go) (?:crazy|nuts|wild|mad)"
    r" (?:for|over)|cares? about|wants? to see(?: again)?)\s+"
    rf"(?P<x>(?!to\b|it\b|that\b|this\b)[^,;<]+?){_CLAUSE_END}", _I)
_DISLIKES = re.compile(
    rf"{_FREE_CLAUSE}\b{_PERSONA}(?:'s|\s+is)?\s+{_ADVERBS}(?:(?:can'?t|cannot|can not|won'?t|doesn'?t|does not"
    r"|don'?t|do not)\s+(?:stand|bear|stomach|abide|like|love|want(?:\s+to\s+see)?)|hates?|dislikes?"
    r"|(?:scared|afraid|frightened|terrified) of|not (?:a fan of|into))\s+"
    rf"(?P<x>[^,;<]+?){_CLAUSE_END}"
    r"(?:\s*,?\s*(?:so\s+|and\s+)?(?:please\s+)?(?:none of (?:that|those|them|it|him|her)|no (?:that|those)"
    r"|skip (?:that|those|them|him|her)|leave (?:that|those|them|it|him|her) out)\b(?:\s+please)?)?", _I)
#: "he finds faces up close creepy": a dislike with its object inside
_FINDS = re.compile(rf"{_FREE_CLAUSE}\b{_PERSONA}\s+(?:finds?|found)\s+(?P<x>[^,;<]+?)\s+(?:(?:too|really|so|a\s+bit|kind\s+of)\s+)?"
                    r"(?:creepy|scary|boring|gross|weird|upsetting|frightening|annoying|disturbing)\b", _I)
#: "I'm sick of hearing about that kitchen": the viewer's own dislike
_SICK = re.compile(r"\bi(?:'m|\s+am)\s+(?:so\s+|really\s+|a\s+bit\s+)?(?:sick|tired|fed\s+up|bored)\s+(?:of|with)\s+"
                   rf"(?:hearing\s+about\s+|seeing\s+|watching\s+)?(?P<x>[^,;<]+?){_CLAUSE_END}", _I)
#: the reason for the cut, not a subject: "I'm putting together a birthday thing for my niece", "I want to send my gran X"
_PURPOSE = re.compile(
    r"\b(?:i(?:'m| am)|we(?:'re| are)|i(?:'ve| have) been)\s+(?:(?:just|only|kind of|sort of)\s+)?"
    r"(?:putting\s+(?:[a-z']+\s+){0,3}?together|making|doing|planning|editing|cutting|working on|throwing together|preparing"
    r"|building|creating)\s+[^,;<]*?\bfor\s+(?:my|our|a|the|his|her|their)\s+[^,;<]*?" + _CLAUSE_END
    + r"|\bi(?:\s+(?:want|need|would like|wanna|am going)|'d\s+(?:like|love)|'m\s+going)\s+to\s+(?:send|show|give|share"
    r"|make)\s+(?:(?:this|it|them|these|the\s+cut)\s+to\s+|(?:with|for)\s+)?" + _PERSONA
    + r"(?:\s+(?:(?:a\s+)?(?:little\s+)?(?:something|video|clip|cut|thing)|this|it))?(?:\s+(?:short|quick|little|small|nice"
    r"|fun))?(?:\s+to\s+(?:my|our)\s+[a-z]+)?\b"
    # "my mum watched this and she wants ...": who saw the film and wants a part of it
    + rf"|\b{_PERSONA}\s+(?:watched|saw|has\s+seen|loved|liked|enjoyed|wants?\s+to\s+(?:watch|see))\s+(?:this|it|the\s+(?:film|video|movie))"
    r"(?:\s+(?:already|too|yesterday|last\s+\w+))?\s*,?\s*(?:and\s+|so\s+)?(?:(?:she|he|they)\s+(?:wants?|would\s+like"
    r"|'d\s+like|needs?)(?:\s+to\s+(?:see|watch))?(?:\s+again)?\b)?"
    # the occasion: "my grandma is turning 90", "it's my dad's birthday": no subject
    + rf"|\b{_PERSONA}(?:'s|\s+is)\s+(?:turning|going\s+to\s+be|about\s+to\s+turn)\s+(?:\d+|[a-z]+)" + _CLAUSE_END
    + r"|\b(?:it'?s|it\s+is)\s+(?:my|our)\s+[a-z'-]+'s\s+(?:birthday|anniversary|retirement|wedding|graduation)(?:\s+(?:soon|today|tomorrow))?"
    + _CLAUSE_END
    # what the cut is for: "for a school slide", "for my presentation", "for an instagram post"
    + r"|\bfor\s+(?:a|an|my|our|the|his|her|their)\s+(?:[a-z]+\s+){0,2}?(?:slides?|slideshow|presentation|project|lesson|assembly"
    r"|homework|post|reel|story|montage|newsletter|blog|vlog|tiktok|video\s+call)\b" + _CLAUSE_END
    # why it must be short: "she gets bored easily", "he has a short attention span"
    + rf"|{_FREE_CLAUSE}(?<!\bsays\s)(?<!\bsaid\s)(?<!\bsay\s)(?<!\bthat\s)\b(?:{_PERSONA}|i|we)(?:'s|'m|'re|\s+(?:gets?|is|am|are|has|have|got))?\s+(?:(?:really|so|very|a\s+bit)\s+)?"
    r"(?:bored|tired|restless|impatient|fidgety|(?:a\s+)?short\s+attention\s+span)(?:\s+(?:easily|quickly|fast))?" + _CLAUSE_END
    # who the cut is for, the viewer's own ("the bunny for my little one please", ", it's for my son"): never in the film
    + r"|(?:\b(?:it'?s|it is|this is|that'?s)\s+)?\bfor\s+(?:him|her|them|(?:my|our)(?:\s+(?!(?:of|with|the|a|an|and|in|on|at"
    r"|about|where|when|that|who|from|to)\b)[a-z'-]+){1,3}(?:\s+to\s+(?:watch|see|enjoy))?)" + _CLAUSE_END, _I)
#: "my friend said there's a bit where...": who told the viewer about the moment, not the moment
_HEARSAY = re.compile(rf"\b(?:{_PERSONA}|someone|somebody|a friend|people|everyone)\s+(?:said|says|told me|tells me"
                      r"|mentioned|reckons|swears|swore)\s+(?:that\s+)?(?:there(?:'s|\s+is|\s+was|\s+are)\s+)?"
                      r"(?=(?:a|an|one|some|this)\s+(?:bit|part|scene|moment|shot|clip|section)s?\b)", _I)


def hearsay(text: str) -> str:
    """ "my friend said there's a bit where they talk about X": the bit, not a line (before ``SAID``)."""
    return _HEARSAY.sub(" ", text)


#: "can you grab those for me": the liked things, asked for again
_THOSE = re.compile(r"\b(?:grab|get|find|pull|pick|fetch|gather|collect|use|show|include|put|do|make)"
                    r"\s+(?:out\s+|up\s+|me\s+)?(?:those|them|these|all that|all of (?:those|them)|that stuff)"
                    r"(?:\s+(?:in|together|out|up|things|bits))?\b", _I)


def read_story(text: str) -> tuple[str, str]:
    """The story told around a request, read as context: "she can't stand dogs (so none of
    that)" drops dogs, said last (an exclusion reaches over what follows it); "my kid loves
    animals", "she likes the fruit" are what the cut's viewer likes, given back (as one clause)
    for ``intent`` to keep when the request names nothing of its own; the reason for the cut
    ("a birthday thing for my niece") goes. "my mum wants to see the X" is the request itself,
    and the tastes told beside a wish are wishes too ("my son wants to see the tractors, my
    daughter only cares about the geese"): kept where they are."""
    liked: list[str] = []
    disliked: list[str] = []

    def dislike(m: re.Match) -> str:
        disliked.append(f" , without {m.group('x')}")
        return " , "

    for pattern in (_DISLIKES, _FINDS, _SICK):
        text = pattern.sub(dislike, text)
    text = _PURPOSE.sub(" , ", text)
    tastes = list(_LIKES.finditer(text))
    wished = any(_WANTS.search(m.group(0)) for m in tastes)
    for m in reversed(tastes):  # each taste kept in place (a wish) or given back, right to left
        if not wished:
            liked.insert(0, m.group("x"))
        text = text[:m.start()] + (f" , {m.group('x')} , " if wished else " , ") + text[m.end():]
    if liked:
        text = _THOSE.sub(" , ", text)
    return text + "".join(disliked), " , ".join(liked)
