"""The order words of a request: "open with X", "end with X", "X, and after that Y", "Y
before X", "the dog second". ``mark_order`` turns each into an ``<o:TAG>`` token that
``subjects.find_subjects`` splits at and ranks the subjects by (``FIRST_RANK``/``LAST_RANK``
place a subject first or last, ordinary places count 1, 2, 3)."""
from __future__ import annotations

import re

from .numbers import ORDINALS

#: ranks of a subject placed first or last, far from the ordinary places 1, 2, 3
FIRST_RANK, LAST_RANK = -1000.0, 1000.0

#: "the squirrel comes after the dog": the verb belongs to the order word, not the subject
_GOES = (r"(?:\b(?:comes?|coming|goes?|going|plays?|playing|appears?|is|are|should\s+(?:come|go|play|be)"
         r"|(?:has|have)\s+to\s+(?:come|go|play|be)|shown|placed|put)\s+(?:right\s+|just\s+)?)?")
_ORDER: list[tuple[re.Pattern, str]] = [(re.compile(p, re.I), tag) for p, tag in [
    (r"\b(?:and\s+)?(?:then\s+)?(?:open|start|begin|lead off|lead|kick off|kick it off)(?:s|ing)?"
     r"(?:\s+(?:it|the cut|things|everything))?\s+(?:with|on)\b", "first"),
    (r"\b(?:and\s+)?(?:then\s+)?(?:end|finish|close|conclude|wrap(?:\s+it)?\s+up|round(?:\s+it)?"
     r"\s+off)(?:s|ing)?(?:\s+(?:it|the cut|things|everything))?\s+(?:with|on)\b", "last"),
    (r"\b(?:and\s+)?(?:finally|lastly|last of all)\b", "last"),
    (r"(?:^|(?<=[,;]))\s*first(?:\s+of\s+all)?\b(?=\s+(?:the|a|an|some|all|any|his|her|their)\b)",
     "first"),
    (r"\b(?:and\s+)?(?:after that|afterwards|after this|after which|then|followed by"
     r"|next(?=\s+(?:the|a|an|some|all|any|his|her|their|those|these)\b))\b", "next"),
    (rf"{_GOES}\bbefore\b(?!\s+(?:and|or)\b)", "before"),
    (rf"(?<!\band\s){_GOES}\bafter\b", "after"),
    (r"(?<!\bthe)(?<!\bvery)\s+(?:first|at the (?:start|beginning)|up front|to open)"
     r"\s*(?=[,;.!<]|\s+(?:and|then)\b|$)", "isfirst"),
    (r"(?<!\bthe)(?<!\bvery)\s+(?:last|at the end|to close|to finish|(?:for|till|until|as)\s+(?:the\s+)?"
     r"(?:last|end|finale|ending|closer))\s*(?=[,;.!<]|\s+(?:and|then)\b|$)", "islast"),
    (r"(?<!\bthe)(?<!\bvery)\s+(?P<nth>second|third|fourth|fifth|next)"
     r"\s*(?=[,;.!<]|\s+(?:and|then)\b|$)", "isnth"),
]]


def mark_order(text: str) -> str:
    """Order phrases -> ``<o:TAG>`` tokens that ``find_subjects`` splits at ("the dog
    second": ``<o:is2>``, a place in the order)."""
    for pattern, tag in _ORDER:
        if tag == "isnth":
            text = pattern.sub(lambda m: f" <o:is{ORDINALS.get(m.group('nth').lower(), 2)}> ", text)
        else:
            text = pattern.sub(f" <o:{tag}> ", text)
    return text
