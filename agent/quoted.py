"""A line of the film the viewer quotes: in quote marks, or after a verb of saying without them
("where it says let it boil for 20 minutes", "where he goes my dog loves the garden"). The
intent parser keeps it whole as exact speech before any other rule reads its words."""
from __future__ import annotations

import re

_I = re.I

QUOTE = re.compile(r"\"([^\"]+)\"|“([^”]+)”|‘([^’]+)’|(?<!\w)'(.+?)'(?!\w)")
#: an indirect question ("say who flew the shuttle") is what is talked about; a question asked,
#: its verb before its subject ("where are you going", "what time is it"), is the words said
_INDIRECT = (r"(?:who|what|which|where|why|how|whether|if)\s+(?!(?:(?!(?:i|you|he|she|it|we|they)\b)\w+\s+)?"
             r"(?:is|are|was|were|am|do|does|did|can|could|will|would|shall|should|has|have|had|may|might"
             r"|must|you|we|i)\b)\w")
#: a line said without quote marks: "where it says let it boil for 20 minutes", "the bit that goes a tall
#: rocket is ready": three words or more after a verb of saying are the words said (exact speech), numbers too
SAID = re.compile(r"\b(?:(?:that|which|it|line|song)\s+(?:goes|went)|says?|said|saying"
                  # "where he goes my dog loves the garden": a line starts in the speaker's own words
                  r"|(?:someone|somebody|he|she|they)\s+(?:goes|went)(?=\s+(?:i|i'm|my|me|we|let's|you|your|oh|hey|no|yes)\b)"
                  r"|sings?|sang|utters?|shouts?|yells?|whispers?|asks?)\s+(?:that\s+)?"
                  r"(?!(?:that\s+)?(?:he|she|they)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)\s)"  # "says he's saving": reported
                  r"(?!(?:about|of|on|something|anything|stuff|out|aloud|so|nothing|while|whenever|when|except"
                  r"|excluding|apart\s+from|other\s+than|minus|save\s+for)\b)"  # "all Maya says except X": a drop
                  # "everything nora says but keep it under a minute": the viewer's next instruction
                  r"(?!(?:but|and|then|just|only)\s+(?:keep|make|cut|leave|drop|skip|remove|put|start|end|limit"
                  r"|not|no|under|over|at\s+most|less)\b)"
                  rf"(?!{_INDIRECT})"
                  # "what she says in the first minute": where in the film, not the words
                  r"(?!(?:in|during|within)\s+the\s+(?:first|last|final|opening|closing)\b|in\s+(?:the|this)\s+(?:film|movie|video)\b"
                  r"|(?:at|near|towards?)\s+the\s+(?:very\s+)?(?:start|end|beginning)\s*(?:[,;.!?]|$))"
                  r"(?P<w>(?:the|that)\s+(?:words?|phrase|name)\s+)?"  # "says the word river": one word is enough
                  r"(?P<q>[^\s,;.!?\"<][^,;.!?\"<]*?)\s*(?=[,;.!?]|$)", _I)
#: an answer said alone ("where he says no", "when she says yes"): the words of the film, though
#: shorter than the three words a quoted line otherwise needs. Not a greeting ("where everyone
#: says hi"): that is the act, said in any words ("Hello Nora", "nice to meet you")
LONE_WORD = re.compile(r"(?:yes|no|nope|yeah|yep|okay|ok|never|maybe|stop|help)", _I)
