"""A request written as a letter: "Dear Rosie, I hope the move went smoothly. Grandad has been
poorly. In that film of yours there was a shiny red motorbike in a garage, and your grandfather
would love to see just that bit. Thank you, darling. All our love, Nan".

The family news before the request and the thanks and afterthoughts after it name things too
(the squirrels Grandad feeds, the boiler, the cousin's exams), and read as subjects they fill
the cut with them. A letter says what it wants in the sentences that mention the film or ask
for something; so the request is the run of sentences from the first such sentence to the
last, and in it "in your film there was X" is X, and what the piece is for ("so I can play
it to the bridge ladies", "to show Maureen") is no subject. Only a letter is read so: a line
opened by a greeting or closed by a sign-off, of at least three sentences.
"""
from __future__ import annotations

import re

from .quoted import QUOTE

_I = re.I

#: "Dear Chris,", "My dear boy,", "Hello darling,", "Dearest Maddie,", "Dear sir or madam,"
_GREETING = re.compile(r"^\s*(?:(?:my\s+)?dear(?:est)?|hello|hi|hiya)\b[^,.!?]{0,30},", _I)
#: "All our love, Nan", "Love always, Grandpa", "Warmest wishes, Grandma Pat", "Many thanks and love, Granny"
_SIGN_OFF = re.compile(r"(?:^|[.!?]\s+)(?:(?:with\s+|and\s+)?(?:all\s+(?:our|my)\s+|much\s+|lots\s+of\s+|fondest\s+"
                       r"|many\s+thanks\s+and\s+)?love(?:\s+(?:always|and\s+kisses|from))?|(?:warm(?:est)?|best|kind(?:est)?)"
                       r"\s+(?:wishes|regards)|yours(?:\s+(?:truly|sincerely|faithfully))?)\b[^.!?]*[.!?]?\s*$", _I)
#: a sentence that is about the film or asks for something of it
_ABOUT_FILM = re.compile(r"\b(?:film|video|movie|clip|footage|recording)s?\b|\b(?:could|would|can|might|will)\s+(?:you|i)\b"
                         r"|\bwonder(?:ed)?\s+if\s+you\b|\b(?:send|make|find|give|show)\s+me\b|\bput\s+together\b"
                         r"|\b(?:just|only)\s+that\b|\bi(?:'d|\s+would|\s+should)(?:\s+very\s+much|\s+so)?\s+(?:like|love)\s+"
                         r"(?:to\s+(?:have|see|get)\b|just\b|only\b|about\b|some\b|the\b|a\b)", _I)
#: a sentence ends at . ! or ? before a space (a quoted line's own marks stay inside its quotes)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z'\"\u2018\u201c])")
#: "in that film of yours with all the chatter, there was": what follows is the thing asked for
_THERE_WAS = re.compile(r"\b(?:in|from)\s+(?:that|your|the|this)\s+(?:[a-z]+\s+){0,2}?(?:film|video|movie|clip)"
                        r"(?:\s+(?:of\s+yours|you\s+(?:showed|sent)\s+(?:us|me)))?(?:\s+(?:with|from|about|at|on)\s+[^,.!?]{1,40}?)?,?\s+"
                        r"there\s+(?:was|is|were|are)\s+(?P<x>[^.!?]+?)(?:,\s+and\b[^.!?]*)?(?=[.!?]|$)", _I)
#: "That reminds me:", "Now, the little favour:": the letter turning to its request
_SEGUE = re.compile(r"^(?:that\s+reminds\s+me|now|anyway|oh|and)\b[^:]{0,25}:\s*", _I)
#: what the piece is for, closing a sentence: "so I can play it to the bridge ladies", "to show Maureen"
_FOR_WHOM = re.compile(r"(?:,\s*|\s+)(?:so\s+(?:that\s+)?i\s+can|as\s+(?:i|she|he|they)\b|because\b|to\s+(?:show|send|play)\b"
                       r"|for\s+(?!the\s+(?:first|last|whole|entire|opening|final)\b)(?:little\s+|the\s+|my\s+|your\s+)?"
                       r"(?:[A-Z][a-z]+|children|ladies|kids|class)\b)[^.!?]*(?=[.!?]?\s*$)")


#: the asking that opens a sentence of a letter ("I wonder if you could send me", "Could I have",
#: "Would you be a dear and cut out"), and the film itself ("from your film"), "just that bit":
#: the request's frame, never what it asks for
_FRAME = re.compile(r"^(?:(?:i\s+)?wonder(?:ed)?\s+if\s+you\s+(?:could|might|would)|(?:could|would|might|can|will)\s+you"
                    r"(?:\s+(?:please|kindly|possibly))?(?:\s+be\s+a\s+(?:dear|darling|love)\s+and)?"
                    r"|(?:could|may|might)\s+i\s+(?:have|see)|i\s+(?:particularly|really|especially)?\s*(?:liked|loved|enjoyed)"
                    r"|i\s+was\s+(?:rather\s+|very\s+)?taken\s+with)"
                    r"(?:\s+(?:send|make|find|give|show|put\s+together|cut\s+out|get)(?:\s+(?:me|us))?)?"
                    r"(?:\s+(?:something|a\s+little\s+film|a\s+copy)\s+of)?\s*", _I)
_FILM = re.compile(r"\s*\b(?:(?:from|in|of)\s+(?:your|that|the|this)\s+(?:little\s+|long\s+)?(?:film|video|movie)"
                   r"(?:\s+(?:of\s+yours|you\s+(?:sent|showed)\s+(?:us|me)))?|(?:just|only)\s+that\s+(?:little\s+)?"
                   r"(?:bit|part|piece|moment|line)|for\s+me)\b", _I)


#: "Grandad collects old money, and he would so love to see just the part with the coins": what
#: follows the wish; "if it is no trouble": politeness
_WISH = re.compile(r"^.*?\b(?:would|should)\s+(?:so\s+|really\s+|dearly\s+|very\s+much\s+)?(?:love|like)\s+to\s+"
                   r"(?:see|have|watch)\s+(?:just\s+|only\s+)?|,?\s*if\s+it(?:\s+is|'s)\s+(?:no|not\s+too\s+much)\s+trouble", _I)


def _sentence(s: str) -> str:
    """One kept sentence of a letter, framed as a request."""
    quote = QUOTE.search(s)  # a quoted line: the sentence asks for that line ("I keep hearing a line, 'X'")
    if quote:
        return f"'{next(g for g in quote.groups() if g)}'"
    s = _THERE_WAS.sub(lambda m: m.group("x"), _SEGUE.sub("", s))
    return _FILM.sub("", _FRAME.sub("", _FOR_WHOM.sub("", _WISH.sub("", s))))


def is_letter(text: str) -> bool:
    """A greeting or a sign-off around at least three sentences."""
    return (bool(_GREETING.match(text)) or bool(_SIGN_OFF.search(text))) and len(_SENTENCE.split(text.strip())) >= 3


def letter_request(text: str) -> str:
    """The request a letter makes (see the module note); any other line as it is."""
    if not is_letter(text):
        return text
    sentences = _SENTENCE.split(text.strip())
    sentences[0] = _GREETING.sub("", sentences[0]).strip()
    asks = [k for k, s in enumerate(sentences) if _ABOUT_FILM.search(s) and not _SIGN_OFF.fullmatch(" " + s)]
    if not asks:
        return text
    kept = [_sentence(s) for s in sentences[asks[0]:asks[-1] + 1]]
    return " , ".join(k.strip(" ,.?!") for k in kept if k.strip(" ,.?!"))
