"""The words of a request that name people: everyone ("people", "both guys"), one person
described ("the man in the hat", "the photographer geezer", "the bald bloke"), a person by when
they first appear ("the first person we see"), and what one person wears said as one ("the man
in the suit and bow tie"). The subject grammar (subjects.py) reads them; who.py and people.py
resolve the person.
"""
from __future__ import annotations

import re

from .word_forms import ONE_PERSON_WORD

PERSON_N = re.compile(r"^person\s*(?:#|no\.?|number)?\s*\d+$", re.I)
#: "people", "someone", "the women", "both guys", "real humans on screen": anyone on screen (any face, plus
#: person-like labels), one pattern for the parser and the search (who.py); a gender word makes everyone
#: the film's words call that gender (who.py). "A crowd" is a sight, not every face in the film
ANYONE = re.compile(r"^(?:(?:the|a|an|any|some|all|other|both|real|actual|genuine|flesh[-_ ]and[-_ ]blood|live[- ]action"
                    r"|photographed|cartoon|animated|drawn)\s+)*"
                    r"(?:any\s*one|any\s*body|some\s*one|some\s*body|every\s*one|every\s*body|people|persons?|humans?"
                    r"|human beings?|faces?|folks?|men and women|characters"
                    r"|women|men|ladies|gentlemen|guys|girls|boys|lads|blokes)"
                    r"(?:\s+(?:on screen|in (?:the )?(?:shot|frame|it)|at all))?$", re.I)
_PERSON_NOUN = (r"(?:man|men|woman|women|girls?|boys?|guys?|lady|ladies|kids?|child|children"
                r"|gentleman|gentlemen|dudes?|babys?|babies|fellow|fellas?|chap|bloke|lads?|lass(?:es)?|gals?|teen(?:ager)?s?"
                r"|toddlers?|grandma|grandpa|grandmother|grandfather|mother|father|mum|mom|dad"
                r"|actor|actress|narrator|speaker|presenter|host|player|driver|pilot|singer"
                r"|dancer|cyclist|runner|rider|skater|surfer|officer|doctor|teacher|student"
                r"|worker|stranger|couple|twins|person)")
BARE_PERSON = re.compile(rf"(?:the\s+|a\s+|an\s+)?{_PERSON_NOUN}", re.I)  # "the woman", nothing to pick by
#: one person, and nothing said of who: "the photographer geezer", "the bald bloke" are described by the word before
#: a person by the order people first appear: "the first person we see" (the parser has
#: read "we see" already), "the last guy", "the woman from the start" (people.py resolves it)
_SEEN_NOUN = rf"(?:{ONE_PERSON_WORD}|one|face|character|someone|somebody)"
FIRST_SEEN = re.compile(
    rf"^(?:the\s+)?(?:(?P<ord>first|second|third|fourth|fifth|\d+(?:st|nd|rd|th)|last|final)\s+{_SEEN_NOUN}"
    r"(?:\s+(?:(?:we|you)\s+see|on screen|seen|shown|to appear|who appears))?"
    rf"|{_SEEN_NOUN}\s+(?:from|at|in|near)\s+(?:the\s+)?(?:very\s+)?(?P<when>start|beginning|opening|end"
    r"|ending|close|finish)(?:\s+of\s+(?:the\s+)?(?:film|video|movie|clip))?)$", re.I)
#: "whoever shows up first, every time they're on", "the one who appears last": people in
#: the order they appear (FIRST_SEEN); "every time they're on" is all their screen time anyway
WHOEVER_FIRST = re.compile(
    r"\b(?:whoever|the (?:one|person) who|the (?:one|person) that)\s+(?:(?:we|you)\s+see|(?:is\s+)?(?:seen|shown)"
    r"|shows? up|appears?|turns? up|pops? up|comes? on(?: screen)?|is on(?: screen)?)\s+(?P<o>first|last)"
    r"(?:\s*,?\s*(?:(?:and\s+)?(?:every|each|any)\s*time\s+)?(?:they|he|she)(?:'re|re| are|'s|s| is)\s+on(?: screen)?)?", re.I)
#: "close-ups of the astronaut", "a wide shot of her": kept whole for framing.py ("shots of" alone is visual)
FRAMING = r"(?:extreme\s+)?close[- ]?ups?|closeups?|(?:wide|long|tight|close|full[- ]body|full[- ]length)\s+shots?"
FRAMED_OF = re.compile(rf"\b(?P<k>{FRAMING})(?:\s+(?:shots?|pictures?|photos?|views?))?\s+of\b", re.I)  # "close-up shots of"
#: a person noun anywhere in a subject ("the old man", "kids")
PERSON_WORD = re.compile(rf"\b{_PERSON_NOUN}\b|\b(?:people|persons?|someone|somebody|humans?|folks?)\b", re.I)
#: words before a person noun that pick nobody out ("the other man", "the main character");
#: age and size words stay plain subjects ("the old man and the goats": pictures and speech)
MODIFIER = (r"(?!(?:the|a|an|this|that|these|those|other|same|first|last|second|third|main|only|next"
            r"|whole|every|any|some|all|each|one|two|three|real|live|old|young|little|big)\b)")
#: a person noun WITH what picks the one person out ("the man in the hat"); a bare "the
#: woman" stays an ordinary subject (pictures and speech), as there is nothing to pick by
DESCRIBED = re.compile(rf"^(?:(?:[\w'-]+\s+){{0,2}}{_PERSON_NOUN}\s+(?:in|with|from|who|that"
                        r"|wearing|holding|carrying|at|on|by|behind|near|next to|dressed)\b.+"
                        r"|(?:whoever|the one who|the ones who|the person who|the one that)\b.+"
                        # a word that picks one out: "the cartoon woman", "the bald man"
                        rf"|(?:the\s+|a\s+|an\s+)?{MODIFIER}[\w'-]+\s+{ONE_PERSON_WORD})$", re.I)

#: "the man in the suit and bow tie": what one person wears, one description (not "and the dog", nor "and Maya")
WORN_AND = re.compile(rf"\b({_PERSON_NOUN}\s+(?:in|with|wearing|dressed\s+in)\s+(?:(?:a|an|the|his|her|their)\s+)?"
                       r"[\w-]+(?:\s+[\w-]+)?)\s+and\s+(?!(?:the|a|an|his|her|their|some|all|every|any|also|then|only"
                       r"|just|not|no|everything|anything|nothing|without|skip|drop|cut)\b)(?=(?P<n>[a-z]))", re.I)

#: "the office photo with Leo and Sami": one picture of both, one subject (not the photo of Leo, and Sami anywhere)
PICTURED_AND = re.compile(r"\b((?:photo(?:graph)?|picture|pic|snap(?:shot)?|portrait|selfie|poster|postcard)\s+"
                          r"(?:with|showing|featuring)\s+(?:(?:my|our|his|her|their)\s+)?[\w-]+)\s+(?:and|&)\s+"
                          r"(?!(?:the|a|an|his|her|their|some|all|every|any|also|then|only|just|not|no|everything"
                          r"|anything|nothing|without|skip|drop|cut)\b)(?=[a-z])", re.I)
