"""What a viewer may ask of the cut's picture or sound that cutbot does not make: another playback
speed ("slowed down", "at 2x speed"), music laid over it, the sound muted. cutbot cuts and orders
the film's own pictures and sound; read as subjects, these words were looked for in the film
("the sunset shots, slowed down" was the sunset and a subject "slowed down"). They are taken out
of the request and said back in one note, so the viewer knows what the cut will not do.

Only asks that cannot be the film's content are read: "in slow motion" may be footage that is
slow motion, "with music" and "without sound" may be the parts that have (or lack) them.
"""
from __future__ import annotations

import re

_I = re.I
_END = r"(?=\s*(?:[,;.!?]|$|\b(?:and|but|please|pls|under|over|about|around)\b))"
#: said of the cut as a whole: a clause of its own, after "and"/"but", or of "it" ("make it ...")
_OF_THE_CUT = r"(?:^|(?<=[,;])|\b(?:and|but|then|also|please)\b|\b(?:make|play|have|show)\s+(?:it|them|everything|the\s+cut)\b)\s*"
_ASKS: list[tuple[re.Pattern, str]] = [(re.compile(p, _I), why) for p, why in [
    (rf"{_OF_THE_CUT}(?:(?:all|it|everything)\s+)?(?:slowed(?:\s+right)?\s+down|sped\s+up|speeded\s+up|fast[\s-]?forwarded"
     r"|(?:at|in)\s+fast[\s-]?forward|slow\s+(?:it|them|everything|the\s+cut)\s+down|speed\s+(?:it|them|everything|the\s+cut)\s+up)"
     + _END + r"|\b(?:(?:at|in)\s+)?(?:double|half|triple|\d+(?:\.\d+)?\s*x)[\s-]+(?:the\s+)?speed\b",
     "the cut plays at the film's own speed: cutbot does not change playback speed"),
    (rf"{_OF_THE_CUT}(?:add|put|lay|overlay|stick|play)\s+(?:some\s+|a\s+|the\s+)?"
     r"(?:(?:background|nice|upbeat|sad|epic|chill|happy|relaxing|dramatic)\s+)?(?:music|song|soundtrack|tune)"
     r"(?:\s+(?:over|on|under|behind)\s+(?:it|them|everything|the\s+cut))?|\bset\s+(?:it|them|this)\s+to\s+music" + _END,
     "the cut keeps the film's own sound: cutbot does not add music"),
    (rf"{_OF_THE_CUT}(?:mute(?:d)?(?:\s+(?:it|the\s+(?:sound|audio)|everything))?|(?:with\s+)?(?:the\s+)?(?:sound|audio)\s+(?:off|muted))"
     + _END + r"|(?:^|(?<=[,;]))\s*mute\s+(?=(?:the|all|every)\s)", "the cut keeps the film's own sound: cutbot does not mute it (the player can)"),
]]


def not_made(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without the asks cutbot does not make, and one note for each kind found."""
    notes = []
    for pattern, why in _ASKS:
        text, n = pattern.subn(" ", text)
        if n:
            notes.append(why)
    return text, tuple(notes)
