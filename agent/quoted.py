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
_WHERE = r"(?:at|near|towards?)\s+the\s+(?:very\s+)?(?:start|end|beginning)"  # a place in the film, not words said
#: a line said without quote marks: "where it says let it boil for 20 minutes", "the bit that goes a tall
#: rocket is ready": three words or more after a verb of saying are the words said (exact speech), numbers too
SAID = re.compile(r"\b(?:(?:that|which|it|line|song)\s+(?:goes|went)|says?|said|saying"
                  # "where he goes my dog loves the garden": a line starts in the speaker's own words
                  r"|(?:someone|somebody|he|she|they)\s+(?:goes|went)(?=\s+(?:i|i'm|my|me|we|let's|you|your|oh|hey|no|yes)\b)"
                  r"|sings?|sang|utters?|shouts?|yells?|whispers?|asks?)\s+(?:that\s+)?"
                  r"(?!(?:that\s+)?(?:he|she|they)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)\s)"  # "says he's saving": reported
                  r"(?!(?:about|of|on|something|anything|stuff|out|aloud|so|nothing|while|whenever|when|except"
                  r"|excluding|apart\s+from|other\s+than|minus|save\s+for|by)\b)"  # "all Maya says except X": a drop; "said by X": X's
                  # "everything nora says but keep it under a minute": the viewer's next instruction
                  r"(?!(?:but|and|then|just|only)\s+(?:keep|make|cut|leave|drop|skip|remove|put|start|end|limit"
                  r"|not|no|under|over|at\s+most|less)\b)"
                  rf"(?!{_INDIRECT})"
                  # "what she says in the first minute": where in the film, not the words
                  r"(?!(?:in|during|within)\s+the\s+(?:first|last|final|opening|closing)\b|in\s+(?:the|this)\s+(?:film|movie|video)\b"
                  rf"|{_WHERE}\s*(?:[,;.!?]|$)"
                  # "everything max says in reverse order": the order the lines play in, not the words
                  r"|(?:in\s+)?(?:reverse|reversed|backwards?|chronological|the\s+(?:same|right|original|opposite)|time)"
                  r"(?:\s+order)?\s*(?:[,;.!?]|$)|(?:in|by)\s+order\b)"
                  r"(?P<w>(?:the|that)\s+(?:words?|phrase|name)\s+)?"  # "says the word river": one word is enough
                  # "when they say goodbye at the end": where in the film, after the words
                  rf"(?P<q>[^\s,;.!?\"<][^,;.!?\"<]*?)\s*(?=(?:\s+{_WHERE})?"
                  r"\s*(?:[,;.!?]|$))", _I)
#: an answer said alone ("where he says no", "when she says yes"): the words of the film, though
#: shorter than the three words a quoted line otherwise needs. Not a greeting ("where everyone
#: says hi"): that is the act, said in any words ("Hello Nora", "nice to meet you")
LONE_WORD = re.compile(r"(?:yes|no|nope|yeah|yep|okay|ok|never|maybe|stop|help|thanks|thank\s+you|cheers)", _I)
#: "every time somebody says Tom": a name anyone says is the word said, not the lines of the person
#: it names ("what Tom says" puts the name before the verb)
_ANYONE = re.compile(r"\b(?:someone|somebody|anyone|anybody|everyone|everybody|people|they)\s*$", _I)


def said_words(m: re.Match) -> bool:
    """Whether a ``SAID`` match's words are the words said: "the word X", three words or more, an
    answer said alone, or one capitalised word said by anyone at all (a name said)."""
    q = m.group("q")
    return bool(m.group("w") or len(q.split()) >= 3 or LONE_WORD.fullmatch(q) or (
        len(q.split()) == 1 and q[:1].isupper() and _ANYONE.search(m.string[:m.start()])))
#: a line typed alone, without "says" ("kiwi makes my mouth itchy", "im a bass apparently"): a whole
#: request of four words or more that speaks in the first or second person, has a verb, and asks for
#: nothing (no request verb, frame noun, time or "where"; no leading article: "the dog my neighbour
#: has" is a thing) is a line of the film, kept as exact speech
LINE_ALONE = re.compile(
    r"^\s*(?:(?:just|only)\s+)?(?=(?:\S+\s+){3})(?!(?:the|a|an|this|that|these|those|some|any)\b)"
    r"(?!(?:do|does|did|have|has)\s+(?:you|u|it|this|the\s+(?:film|video))\s+(?:have|got|contain)\b)"  # asked of the film
    r"(?!.*\b(?:show|give|want|wanna|need|likes?|loves|adores?|hates?|obsessed|cut|keep|find|play|remove|drop|skip|see|watch|hear|get|put|include"
    r"|leave|add|start|end|open|bits?|parts?|scenes?|shots?|clips?|where|when|whenever|while|moments?|lines?|says?"
    r"|said|quotes?|every|all|only|just|please|can|could|would|for|minutes?|seconds?|secs?|mins?|after|looking"
    r"|interested|keen|hoping|fancy|love|prefer|rather|wondering|trying|think|know|believe|remember|recall|guess"
    r"|somewhere)\b)"
    r"(?=.*\b(?:i|i'm|im|i've|i'll|my|me|we|we're|our|us|you|you're|your)\b)"
    r"(?=.*\b(?:am|is|are|was|were|have|has|had|do|does|did|makes?|made|takes?|took|goes|went|got|gets|will|won't"
    r"|can't|im)\b|.*\w'(?:s|re|m|ve|ll)\b)"
    r"(?P<q>[^,;?!\"<]+?)[\s.!]*$", _I)
