"""What the viewer says in everyday words that the grammar would read otherwise: a verdict on the cut
("that's too much, ...", "looks good, but shorter"), an edge of the film left out ("cut the bit at the
end"), how tight each clip is ("trimmed tight", "loosely cut"), someone talking on camera, transitions
("smoother transitions"), the order ("latest to earliest", "X -> Y", "first up X"), the film's own sound
and picture ("keep the sound", "in HD"), subjects swapped with the rest kept ("the dog instead"), a
question that asks for a thing ("does the kite appear"), amounts ("a goat or two", "half goat half kite",
"not enough kite", "trim 10%"), a leaving-out ("spare me the goat", "get the kite out of there", "hold the
kite"), a keeping said through a negation ("get rid of everything except the goat", "don't cut the kite"),
talk ("the goat being discussed"), a place ("the kite should open it"), the best or a pick by chance ("the
most exciting kite bits", "a random goat scene") and an opinion ("drop tom, he's boring").

Each is said here in the words the grammar reads; register.py runs these rules in their place among
its own (the order matters: a rule may read what an earlier one wrote). English, no film's words.
"""
from __future__ import annotations

import re

from .word_forms import DISLIKES, DROP_VERBS

_I = re.I
#: the verbs of leaving out (the subject reader's, and "no", "don't show") and the units of the film
DROP = rf"{DROP_VERBS}(?:\s+out)?|get\s+rid\s+of|throw\s+out|no|don'?t\s+(?:show|include|keep|want)(?:\s+me)?"
UNITS = r"(?:scenes?|shots?|parts?|bits?|clips?|moments?|ones|footage)"
#: "cut the bit at the end", "drop the intro": an edge of the film left out ({w}: its words)
_EDGE_OUT = (rf"\b(?P<v>{DROP}|not|without|minus|except(?:\s+for)?)\s+the\s+(?:(?:{UNITS})\s+(?:at|in)\s+the\s+(?:very\s+)?)?(?:{{w}})\b"
             r"(?!\s+(?:of|with|where|when|credits)\b)")
#: the two ends of a range of time said as an order ("latest to earliest")
_LATE, _EARLY, _TO = r"(?:latest|newest|most\s+recent|last)", r"(?:earliest|oldest|first)", r"(?:to|till|until|through)"
#: words before "out" or "in" that make no subject of them ("fade out", "zoom in", "leave it out")
_NOT_THING = (r"(?:fade|fading|zoom|zooming|cut|cutting|time|way|all|check|log|sign|tune|watch|freak|leave|keep|get|put|take|left"
              r"|it|them|that|this|those|these|him|her|everything|nothing|something|anything|stuff|breathe|fit|fill|pan|blend|mix)")
#: words that cannot be the thing "being discussed" or placed ("where she is being talked about", "nobody should close it")
_NOT_TALKED = (r"(?:she|he|they|it|him|her|them|we|i|you|me|us|who|what|whatever|that|this|which|where|when|is|was|are|were"
               r"|nobody|no\s+one|nothing|everything|something|anything|everyone|someone|stuff|show|give)\b")
#: the words of an opinion ("he's boring", "the goat is annoying")
OPINION = rf"(?:{DISLIKES}|great|lovely|cute|funny|good|amazing|brilliant|the\s+best|(?:my\s+)?(?:favou?rite|faves?|favs?))"


def _opinion_then_verb(m: re.Match) -> str:
    """ "the goat is annoying, remove it": no goat; "..., keep it" / "..., leave it in": the goat."""
    kept = m.group("v").lower() in ("keep", "include") or m.group("in")
    return f" {'' if kept else 'no '}{m.group('x')} "


#: the rules as (pattern, replacement, flags): register.py compiles them in their place among its own
OTHERWISE: list[tuple[str, object, int]] = [
    # "that's too much, only the dinner one", "looks good, but shorter": a verdict on the cut before the change it asks
    (r"^\s*(?:(?:hmm+|ok(?:ay)?|well|no|nah|yeah|ugh)\s*,?\s+)?(?:that'?s|thats|it'?s|its|this\s+is)\s+(?:(?:way|far|a\s+bit"
     r"|a\s+little|just|still)\s+)?(?:too\s+(?:much|many)|a\s+lot|loads|a\s+bit\s+much|overkill)\s*[,;:.!-]+\s*(?=\S)"
     r"|^\s*(?:(?:that'?s|thats|it'?s|its|this\s+is|looks?)\s+(?:(?:really|very|pretty)\s+)?)?(?:good|great|nice|better|lovely"
     r"|fine|cool|perfect)(?:\s+now)?(?:\s*[,;:.!-]+\s*(?:(?:but|though|just|only|now|and)\s+)?|\s+(?:but|though)\s+)(?=\S)", "", _I),
    # "cut the bit at the end", "lose the ending", "drop the intro": the last (first) scene left out
    (_EDGE_OUT.format(w="ending|end"), r" \g<v> the last scene", _I),
    (_EDGE_OUT.format(w="beginning|start|intro|opening"), r" \g<v> the first scene", _I),
    # how tight each clip is, in other words: "trimmed tight", "tighter cuts on the goat" are tight cuts;
    # "loosely cut", "plenty of room around each clip", "give each goat clip some breathing room" pad them
    (r"\b(?:trimmed|cut|edited)\s+(?:really\s+|very\s+|nice\s+and\s+)?(?:tight(?:ly)?|close)\b|\btight(?:er)?\s+cuts?\s+(?:on|of|around)\b",
     " tight cut , ", _I),
    (r"\b(?:loosely\s+(?:cut|trimmed|edited)|(?:cut|trimmed|edited)\s+loosely|loose\s+cuts?)\b"
     r"|\b(?:leaving\s+|with\s+)?(?:plenty\s+of|some|a\s+bit\s+of|a\s+little|more)\s+(?:room|space|air)\s+(?:around|either\s+side\s+of)"
     r"\s+(?:each|every|the|them|it)(?:\s+(?:clip|scene|shot|one|bit)s?)?\b", " more breathing room ", _I),
    (r"\bgive\s+(?:each|every|all\s+the|the)\s+(?P<x>[a-z ]+?)\s+(?:clips?|scenes?|shots?|bits?)\s+"
     r"(?=(?:some|a\s+bit\s+of|a\s+little|more|extra)\s+(?:breathing|room|space|padding|context)\b)", r" \g<x> , ", _I),
    # "lose about a minute": a minute shorter (no target)
    (r"\b(?P<v>lose|shave(?:\s+off)?|trim(?:\s+off)?|take\s+off)\s+(?:about|around|roughly|like|maybe)\s+", r"\g<v> ", _I),
    # "the goat and its context", "plus whatever's around it": lead-in and lead-out around each clip
    (r"\b(?:its|their|his|her)\s+(?=(?:context|lead[- ]?ins?|set[- ]?ups?|surroundings)\b)", "some ", _I),
    (r"\s*,?\s*(?:and|plus|with)\s+(?:whatever(?:'s|\s+is)|what(?:'s|\s+is)|everything|anything)\s+(?:around|either\s+side\s+of)"
     r"\s+(?:it|them|that|those)\b", " with some context ", _I),
    # "someone speaking on camera", "people talking to the camera": anyone on screen while talk is heard
    (r"\b(?:someone|somebody|anyone|anybody|people|a\s+person|persons?)\s+(?:who\s+)?(?:is\s+|are\s+)?(?:speaking|talking|talks|speaks)"
     r"\s+(?:on\s+(?:screen|camera)|(?:straight\s+)?(?:to|into)\s+(?:the\s+)?camera)\b", " people talking on screen ", _I),
    (r"\b(?P<w>anyone|anybody|someone|somebody|people|everyone|everybody)\s+on\s+camera\b", r"\g<w> on screen", _I),
    # transitions in other words: "smoother transitions", "make it flow better" are crossfades; "no transitions"
    # none; "start with a fade" the fade in and out (register.py: "a dissolve between each" is between the clips)
    (r"\b(?:no|without(?:\s+any)?)\s+transitions?\b", " no crossfades ", _I),
    (r"\b(?:(?:smooth(?:er)?|soft(?:er)?|nice|gentle|some)\s+)?transitions?\b|\bmake\s+(?:it|the\s+cut)\s+flow(?:\s+(?:better|nicely|more))?\b"
     r"|\bsmooth\s+(?:it|the\s+cuts?)\s+out\b", " crossfades ", _I),
    (r"\b(?:start|open|begin|end|finish|close)\s+(?:with|on)\s+(?=a\s+fade\b)", "with ", _I),
    # "anyone wearing glasses", "someone holding a camera": the person so dressed, holding it
    (r"\b(?:someone|somebody|anyone|anybody)\s+(?=(?:wearing|dressed|holding|carrying)\b)", " the person ", _I),
    # the order in other words: "start off with", "first up X", "X as the opener", "then back to Y",
    # "from the end backwards", "latest to earliest", "X -> Y"; "mix X and Y together", "alternate between X and Y" keep both
    (r"\bstart\s+off\s+with\b", "start with", _I),
    (rf"\b(?:from\s+)?(?:the\s+)?{_LATE}\s+{_TO}\s+(?:the\s+)?{_EARLY}\b", " backwards ", _I),
    (rf"\b(?:from\s+)?(?:the\s+)?{_EARLY}\s+{_TO}\s+(?:the\s+)?{_LATE}\b", " in film order ", _I),
    (r"\s*(?:\u2192|->|=>|\u27f6|\u21d2)\s*", " , then ", _I),
    (r"\b(?:in\s+)?(?:the\s+)?order\s+(?:of\s+)?(?:what|they|it|things)\s+(?:happened|happen|happens|came|come|appear(?:ed)?)\b"
     r"|\bas\s+(?:it|they)\s+happen(?:ed|s)?\b|\bin\s+(?:story|the\s+right|the\s+correct|time)\s+order\b", " in film order ", _I),
    (r"\bfirst\s+up\b\s*,?", "first ", _I),
    (r"\bwhichever\s+(?:one\s+)?(?:comes|is|happens|appears|shows\s+up|plays)\s+first\b", " in film order ", _I),
    (r"^\s*(?:can|could|should|would)\s+(?P<x>(?:the|a|an|his|her|their)\s+[^,;.!?]+?)\s+(?P<v>come|go|be|play)\s+"
     r"(?=(?:before|after|first|last)\b)", r"\g<x> should \g<v> ", _I),  # "can the dog come before the goat": the order asked
    (r"\s+as\s+(?:the|an?)\s+(?:opener|opening(?:\s+(?:shot|scene))?|intro)\b", " first", _I),
    (r"\bthen\s+(?:go\s+|cut\s+|come\s+)?back\s+to\b", "then", _I),
    (r"\bfrom\s+the\s+end\s+(?:backwards?|to\s+the\s+(?:start|beginning))\b", "backwards", _I),
    (r"\bmix\s+(?P<x>[^,;.!?]+?)\s+together\b|\b(?:(?:alternate|alternating|switch|switching|cut|cutting|go|going|flip|flipping)"
     r"(?:\s+back\s+and\s+forth)?|back\s+and\s+forth|cross[\s-]?cut(?:ting)?|inter[\s-]?cut(?:ting)?)\s+between\s+"
     r"(?P<y>[^,;.!?]+?\s+and\s+)", lambda m: f" {m.group('x') or m.group('y')} ", _I),
    (r"\b(?:inter[\s-]?cut|cross[\s-]?cut|intersperse)\s+(?P<x>[^,;.!?]+?)\s+(?:with|and)\s+", r" \g<x> and ", _I),
    # "the kite sandwiched between two goat shots": the goat at both ends, the kite between
    (r"\b(?P<x>(?:the\s+)?[a-z][\w' -]*?)\s+(?:sandwiched|squeezed|tucked)\s+(?:in\s+)?between\s+(?:two\s+)?(?P<y>[^,;.!?]+?)"
     r"(?=\s*(?:[,;.!?]|$))", r"begin and end with \g<y>, \g<x> in between", _I),
    # "..., keep the sound", "set to the original audio", "in HD": the cut keeps the film's own sound
    # and picture anyway, so they name no subject
    (r"\s*,?\s*\b(?:(?:keep(?:ing)?|with|set\s+to)\s+(?:the\s+|its\s+|their\s+)?(?:original\s+)?(?:sound|audio)(?:\s+on)?"
     r"|(?:in|at)\s+(?:full\s+)?(?:hd|4k|1080p|720p|high\s+(?:quality|res(?:olution)?)|good\s+quality))"
     r"(?=\s*(?:[,;.!?]|$|please\b|too\b|and\b))", " ", _I),
    # the subjects changed, the rest kept: "do that again with the dog", "not the kite, the dog", "the dog instead";
    # "less kite more goat": two weights; "as long as it needs to be": no length
    (r"^\s*(?:now\s+|ok(?:ay)?\s+|can\s+you\s+)?(?:do|try)\s+(?:that|it|this|the\s+same(?:\s+thing)?)(?:\s+again)?\s+(?:with|for)\s+",
     "now the same for ", _I),
    (r"^\s*not\s+(?P<x>(?:the|a|an|any)\s+[^,;.!?]+?)\s*[,;]\s*(?:but\s+|just\s+|only\s+)?(?P<y>(?:the|a|an|some)\s+[^,;.!?]+?)\s*$",
     r"\g<y> instead of \g<x>", _I),
    # "change the kite to the dog", "swap out the kite for the dog", "instead of the goat use the dog": one for the other
    (r"\b(?:change|switch|turn)\s+(?P<x>(?:the|a|an)\s+(?!(?:order|length|speed|pace|pacing|end|ending|start|music|sound)\b)"
     r"[^,;.!?]+?)\s+(?:to|into|for)\s+(?!the\s+(?:very\s+)?(?:start|beginning|front|end|back|top|bottom)\b)"
     r"(?P<y>(?:the|a|an|some)\s+[^,;.!?]+)", r"\g<y> instead of \g<x>", _I),  # not "switch the cat to the end": a place
    (r"\bswap\s+out\s+", "swap ", _I),
    (r"\b(?:change|set)\s+(?:the\s+)?(?:order|length|duration|running\s+time|runtime)\s+to\b", " ", _I),  # "change the order to reverse"
    (r"^\s*instead\s+of\s+(?P<x>(?:the|a|an)\s+[^,;.!?]+?)\s*,?\s*(?:use|show|have|put\s+in|give\s+me|do)\s+"
     r"(?P<y>(?:the|a|an|some)\s+[^,;.!?]+)", r"\g<y> instead of \g<x>", _I),
    (r"^\s*(?:ok(?:ay)?\s+|now\s+|just\s+)?(?P<x>(?:the|a|an|some)\s+[^,;.!?]+?)\s+instead\s*$", r"now the same for \g<x>", _I),
    (r"\b(?P<a>less|more)\s+(?P<x>[a-z]+)\s+(?P<b>more|less)\s+(?=[a-z])", r"\g<a> \g<x>, \g<b> ", _I),
    (r"\b(?:(?:it|this|the\s+cut)\s+(?:can|could|may)\s+be\s+)?as\s+long\s+as\s+(?:it\s+)?(?:needs?|takes|necessary"
     r"|you\s+(?:want|like|need))(?:\s+to(?:\s+be)?)?\b", " no time limit ", _I),
    # a question that asks for the thing: "does the kite appear", "how many times does the goat show up", "what's
    # the goat doing"; amounts in other words: "a goat or two", "mostly goats with some kites"; "goat b-roll": goat footage
    (r"^\s*(?:how\s+(?:many\s+times|often)\s+)?(?P<w>when\s+|where\s+)?(?:does|do|did)\s+(?=(?:the|a|an|any)\s)", r"\g<w>", _I),
    (r"^\s*what(?:'s|s|\s+is|\s+are|'re)\s+(?P<x>(?:the|that|those)\s+[a-z][\w' -]*?)\s+(?:doing|up\s+to)\s*\??\s*$", r"\g<x>", _I),
    (r"\b(?:a|an)\s+(?!(?:[a-z]+\s+)?(?:minute|min|second|sec|hour|hr)s?\b)(?P<x>[a-z]+(?:\s+[a-z]+)?)\s+or\s+two\b", r"some \g<x>", _I),
    (r"\b(?:a\s+(?:little\s+)?bit|a\s+little|slightly|a\s+touch)\s+(?=(?:less|fewer|more)\s+(?!than\b))", "", _I),
    # an even mix is both, each as much: "half goat half kite", "equal amounts of goat and kite", "a 50/50 mix of
    # the goat and the kite", "goat and kite, 50-50", "the goat and the kite equally"
    (r"\bhalf\s+(?P<x>(?!(?:an?|the)\s+(?:hour|minute)\b)[a-z][\w' -]*?)\s*,?\s*(?:and\s+)?half\s+(?!(?:an?\s+)?(?:hour|minute)\b)",
     r"\g<x> and ", _I),
    (r"\b(?:(?:an?\s+)?(?:equal|even)\s+(?:amounts?|parts?|measures?|shares?|bits?|mix|split|balance)|(?:an?\s+)?"
     r"(?:50\s*[/-]\s*50|fifty[\s-]+fifty)(?:\s+(?:mix|split|balance))?)\s+(?:of|between)\s+", " ", _I),
    (r"\s*,?\s*(?:(?:split\s+)?(?:50\s*[/-]\s*50|fifty[\s-]+fifty)|(?:in\s+)?equal(?:ly|\s+(?:amounts|parts|measure))"
     r"|evenly(?:\s+split)?|(?:an?\s+)?(?:even|equal)\s+(?:mix|split))(?=\s*(?:[,;.!?]|$))", " ", _I),
    # "the closing minutes", "the opening seconds": a few of them at that end of the film
    (r"\b(?:(?P<s>first|opening)|last|final|closing|dying)\s+(?P<u>minutes|seconds)\b", lambda m: "first few "
     f"{m.group('u')}" if m.group("s") else f"last few {m.group('u')}", _I),
    # a share off the cut on screen said as a cut: "trim 10%", "shave a third off", "take a quarter off", "lose 20 percent"
    (r"\b(?:trim|cut|lose|shave|take|chop|knock)\s+(?:off\s+)?(?P<n>\d{1,2})\s*(?P<u>%|percent\b|per\s+cent\b)(?:\s+off\b)?",
     r"make it \g<n>\g<u> shorter", _I),
    (r"\b(?:trim|cut|lose|shave|take|chop|knock)\s+(?:off\s+)?(?:a|one)[\s-](?P<p>third|quarter|fifth)(?:\s+off\b)?", r"a \g<p> shorter", _I),
    # more or less of a subject said otherwise: "not enough kite", "too little goat", "double the goat"
    (r"\b(?:not\s+enough|too\s+little(?:\s+of)?|need\s+more|want\s+more|double(?=\s+the\s+(?!length\b)))\s+(?!(?:time|length|room|seconds|minutes|of\s+(?:it|that|this))\b)",
     "more ", _I),
    # a place said of a subject: "the kite should open it", "the goat should close the cut", "the kite should go first"
    (rf"\b(?P<x>(?:the\s+)?(?!{_NOT_TALKED})[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s+(?:should|must|has\s+to|needs\s+to|can|could)\s+"
     r"(?:(?P<o>open|start|begin|kick\s+off)|close|end|finish|wrap\s+up)\s+(?:it|the\s+(?:cut|video|edit|film|thing)|things)\b",
     lambda m: f"{'open' if m.group('o') else 'end'} with {m.group('x')}", _I),
    (rf"\b(?P<x>(?:the\s+)?(?!{_NOT_TALKED})[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s+(?:should|must|has\s+to|needs\s+to)\s+(?:go|come|be)\s+"
     r"(?P<w>first|last)\b", r"\g<x> \g<w>", _I),
    # the best said otherwise: "the goat's best moments", "the most exciting kite bits"; chosen by chance: "pick 3 goat
    # moments at random", "a random goat scene" (cutbot picks the best: it never chooses by chance)
    (r"\b(?P<x>[a-z][\w-]*)'s\s+(?:best|top|greatest|finest|favou?rite)\s+(?=(?:moments?|bits?|scenes?|parts?|shots?|clips?)\b)",
     r"best \g<x> ", _I),
    (r"\bthe\s+most\s+(?:exciting|interesting|dramatic|memorable|important|beautiful|striking|impressive|fun|intense"
     r"|entertaining|gripping)\s+", "the best ", _I),
    (r"\b(?:pick|choose|select|grab)\s+(?=(?:\d{1,2}|one|two|three|four|five|six|a\s+few|a\s+couple(?:\s+of)?)\s)", " ", _I),
    (r"\s*,?\s*\b(?:at\s+random|randomly|(?:chosen|picked)\s+at\s+random)\b", " ", _I),
    (r"\b(?:a|one)\s+random\s+", "one ", _I),
    (r"\b(?P<w>some|any|a\s+few|\d{1,2}|two|three|four|five)\s+random\s+", r"\g<w> ", _I),
    # "the quiet goat scenes", "the silent kite bits": the subject's scenes where nobody talks
    (r"\b(?:quiet|silent|wordless)\s+(?P<x>(?!bits?|parts?|scenes?|shots?|moments?|ones)[a-z][\w'-]*)\s+"
     r"(?P<u>scenes?|bits?|parts?|shots?|moments?)\b", r"\g<x> \g<u> where nobody talks", _I),
    # talk in other words: "the goat being discussed", "dialogue mentioning the kite", "the interview bit about the goat"
    # (not after "as", "while", "when": restrictions.py reads "the boats as the fish gets mentioned")
    (rf"(?<!\bas\s)(?<!\bwhile\s)(?<!\bwhen\s)(?<!\bwhenever\s)(?<!\bwhere\s)(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bmy\s)"
     rf"\b(?P<x>(?:the\s+|a\s+|an\s+|my\s+)?(?!{_NOT_TALKED})[a-z][\w'-]*(?:\s+(?!{_NOT_TALKED})[a-z][\w'-]*)?)\s+"
     r"(?:being|getting|is|was|gets)\s+(?:discussed|talked\s+about|mentioned|explained|described|brought\s+up|chatted\s+about)\b",
     r"talk about \g<x>", _I),
    (r"\b(?:dialogue|talk|lines?|conversations?|chat|speech|voice[\s-]?overs?|narration)\s+(?:mentioning|that\s+mentions?"
     r"|which\s+mentions?)\s+", "talk about ", _I),
    (r"\b(?:interview|conversation|chat|dialogue|voice[\s-]?over|narration|talking)\s+(?:bits?|parts?|sections?|segments?)\s+"
     r"(?=about\b)", "talk ", _I),
    # "the goat, hold the kite" (as a cook is asked); "leave the kite on the cutting room floor": without it
    (r"(?:^|(?<=[,;]))\s*hold\s+(?=the\s)", " no ", _I),
    (r"\bleave\s+(?P<x>[^,;.!?]+?)\s+on\s+the\s+cutting[\s-]+room\s+floor\b", r"leave out \g<x>", _I),
    # "a very short goat video", "a quick kite clip": a short video of it ("a short video": a short version);
    # "as long as possible" sets no length
    (r"\b(?:a|an)\s+(?:(?:very|really|super|nice)\s+)?(?P<s>short|quick|brief|little|tiny)\s+(?P<x>(?!video|clip|edit)[a-z]+"
     r"(?:\s+(?!video|clip|edit)[a-z]+)?)\s+(?:video|clip|edit|montage|reel|compilation)\b(?!\s+(?:of|with|about)\b)",
     r"a \g<s> video of the \g<x>", _I),
    (r"\b(?:a|an)\s+(?:(?:very|really|super)\s+)?(?P<s>short|quick|brief|little|tiny)\s+(?:video|clip|edit|cut|film|movie)"
     r"(?=\s*(?:[,;.!?]|$))", r"a \g<s> version", _I),
    # "a video lasting under 30 s", "a reel under a minute", "a 30 s video", "a two-minute edit": the cut itself,
    # as long as said ("the video clips", "a video of the goat" stay what they were)
    (r"\b(?:a|an)\s+(?:(?P<n>(?:\d+(?:\.\d+)?|[a-z]+(?:-[a-z]+)?)[\s-]*(?:s|secs?|seconds?|m|mins?|minutes?)(?:[\s-]+long)?)\s+)?"
     r"(?:video|reel|edit|clip)(?=\s+(?:lasting|running|that\s+(?:runs|lasts)|which\s+(?:runs|lasts)|under|below|less\s+than"
     r"|no\s+(?:longer|more)\s+than|up\s+to|at\s+most|about|around|roughly|of\s+(?:about|around|roughly|under|up\s+to)"
     r"|(?:\d|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|fifty|sixty|ninety)\S*\s*(?:s|secs?|seconds?|m|mins?|minutes?)\b)"
     r"|(?(n)\s*(?:[,;.!?]|$)|(?!)))", lambda m: f"a {m.group('n') or ''} version", _I),
    (r"\s*,?\s*\b(?:(?:make\s+it|keep\s+it|for)\s+)?as\s+(?:long|much)\s+as\s+(?:possible|you\s+can|it\s+goes)\b", " ", _I),
    # "make a trailer out of the goat stuff", "a montage out of the kite shots": made from them
    (r"\b(?P<n>trailer|teaser|promo|reel|montage|supercut|compilation|recap|summary|version|edit|cut|film|movie|video|short"
     r"|something)\s+out\s+of\s+(?=(?:the|all|my|those|these|his|her|their|some)\b)", r"\g<n> of ", _I),
    (r"\bmostly\s+(?P<x>[^,;.!?]+?)\s+(?:with|and|plus)\s+(?:some|a\s+bit\s+of|a\s+little|a\s+few)\s+", r"lots of \g<x> and a bit of ", _I),
    (r"\b(?!(?:the|some|any|all|no|of|more|less|cut|drop|skip|lose|need|want|get|and|or)\b)(?P<x>[a-z]+)\s+b[- ]?roll\b", r"\g<x> footage", _I),
    # "here's what i need: ...", "yes to the goat, no to the kite": the asking, and a yes and a no
    (r"^\s*(?:(?:ok(?:ay)?|so|right)\s*,?\s+)?(?:here'?s|here\s+is)\s+what\s+(?:i|we)(?:'d|\s+would)?\s+(?:need|want|like)\s*[:,-]?\s*", "", _I),
    (r"\byes\s+(?:to|for)\s+(?=(?:the|a|an|some|all|more)\b)", " ", _I),
    (r"\bno\s+(?:to|for)\s+(?=(?:the|a|an|any|all)\b)", " no ", _I),
    # "you missed the dog", "the dog is missing", "i can't see the dog": the dog is wanted too
    (r"^\s*(?:(?:you|u)\s+(?:missed|forgot|left\s+out|skipped)|(?:i\s+)?(?:can'?t|cannot|don'?t)\s+see)\s+(?=(?:the|a|an|any)\s)",
     "also ", _I),
    (r"^\s*(?P<x>(?:the|a|an)\s+[^,;.!?]+?)\s+(?:is|are|'s)\s+missing\b", r"also \g<x>", _I),
    # "get rid of everything except the goat", "drop all but the goat": only the goat (was the goat left out)
    (rf"\b(?:{DROP})\s+(?:all|everything|anything|the\s+rest|all\s+(?:of\s+)?(?:the\s+)?{UNITS})\s+(?:else\s+)?"
     r"(?:but|except(?:\s+for)?|apart\s+from|other\s+than|save\s+for|besides)\s+", " only ", _I),
    (r"\bnothing\s+(?:except(?:\s+for)?|other\s+than|apart\s+from|besides|save\s+for)\s+", " only ", _I),  # "nothing except the goat"
    # keeping in other words: "don't cut the kite", "leave the kite in", "make sure the goat is in it", "the goat must
    # be in it", "it has to have the goat" (the first three had LEFT the thing OUT)
    (rf"\b(?:don'?t|do\s+not|never)\s+{DROP_VERBS}(?:\s+out)?\s+(?![^,;.!?]*\b(?:short|mid[- ]?scene|in\s+half)\b)"
     r"(?P<x>(?:the|a|an|any|all|those|my)\s+[^,;.!?<]+?)"
     r"(?=\s*(?:[,;.!?]|$|please\b))", r" \g<x> too ", _I),
    (r"\b(?:leave|keep)\s+(?P<x>(?:the|a|an|all|those)\s+[^,;.!?<]+?)\s+in(?:\s+(?:it|there|the\s+cut))?(?=\s*(?:[,;.!?]|$|please\b|too\b|and\b))",
     r" \g<x> too ", _I),
    (r"\b(?:make\s+sure|be\s+sure|ensure)\s+(?:to\s+|you\s+)?(?=(?:include|keep|have|add|put\s+in|get)\b)", "", _I),
    (r"\b(?:make\s+sure|be\s+sure|ensure)\s+(?:that\s+)?(?P<x>(?:the|a|an)\s+[^,;.!?]+?)\s+(?:is|are|gets?|stays?)\s+"
     r"(?:in(?:\s+(?:it|there|the\s+cut))?|included|kept)\b|^\s*(?P<y>(?:the|a|an)\s+[^,;.!?]+?)\s+(?:must|has\s+to|have\s+to|needs?\s+to"
     r"|should)\s+be\s+(?:in(?:\s+(?:it|there|the\s+cut))?|included|kept)\b", lambda m: f" {m.group('x') or m.group('y')} too ", _I),
    (r"^\s*it\s+(?:has\s+to|must|needs\s+to|should)\s+have\s+(?=(?:the|a|an|some)\s)", "", _I),
    (r"\bnot\s+(?:a\s+single|one\s+single)\s+", "no ", _I),
    # "kite out, lighthouse in": a clause of a subject and "out" leaves it out, of a subject and "in" adds it
    *((rf"(?:^|(?<=[,;]))\s*(?P<x>(?:the\s+)?(?!{_NOT_THING}\b)[a-z][\w'-]*(?:\s+(?!{_NOT_THING}\b)[a-z][\w'-]*)?)\s+{w}"
       r"(?=\s*(?:[,;.!?]|$|please\b))", rf" {said} \g<x> ", _I) for w, said in (("out", "no"), ("in", "also"))),
    (r"(?<=[a-z])(?<!\beverything)(?<!\ball)\s+(?:included|includ(?:ed)?\s+too|in\s+there\s+too)(?=\s*(?:[,;.!?]|$|please\b))", " too ", _I),  # "lighthouse included"
    # "the goat without the kite being in it": no kite ("being" is no part of it)
    (r"\b(?P<v>without|no)\s+(?P<x>(?:(?:the|a|an|any)\s+)?[^,;.!?<]+?)\s+being\s+(?:in\s+(?:it|them|there|the\s+(?:shot|frame|picture|cut))"
     r"|there|around|on\s+(?:screen|camera)|visible|shown)\b", r"\g<v> \g<x>", _I),
    # leaving out in other words: "absolutely no kites", "spare me the goat", "not interested in the
    # kite", "get the goat out of there", "keep the kite out", "the goat is annoying, remove it"
    (r"\b(?:absolutely|definitely|strictly|certainly|totally|seriously|really)\s+(?=(?:no|none|without|nothing)\b)", "", _I),
    (r"\b(?:spare\s+me|(?:i'?m\s+|i\s+am\s+)?not\s+(?:interested\s+in|a\s+fan\s+of|keen\s+on|bothered\s+(?:about|with))"
     r"|(?:i\s+)?could\s+do\s+without)\s+", " no ", _I),
    (r"\b(?:get|keep|leave)\s+(?P<x>(?:the|any|all|those|that)\s+[^,;.!?<]+?)\s+out(?:\s+of\s+(?:there|it|this|the\s+(?:cut|edit|video)))?"
     r"(?=\s*(?:[,;.!?]|$|please\b|too\b|and\b))", r" no \g<x> ", _I),
    (rf"^\s*(?P<x>(?:the\s+)?[a-z][\w' -]*?)\s+(?:is|are|was|were)\s+(?:(?:so|too|really|very|pretty|kind\s+of|kinda|a\s+bit|super|quite)\s+)*"
     rf"{OPINION}(?:\s*[,;.!-]+\s*|\s+(?=(?:so|and)\s))(?:(?:so|and|just)\s+)*(?P<v>keep|include|{DROP_VERBS}"
     r"|get\s+rid\s+of)(?:\s+out)?\s+(?:it|them|him|her)(?P<in>\s+in)?\b", _opinion_then_verb, _I),
    # "drop tom, he's boring", "the goat, its my fav", "..., love that guy": the viewer's opinion of what they name is
    # why, no subject
    (r"\s*[,(-]\s*(?:i\s+)?(?:love|adore)\s+(?:it|him|her|them|(?:that|this)(?:\s+(?:guy|girl|one|bit))?)\b"
     r"(?=\s*(?:[,;.!?]|$))", " ", _I),
    (rf"\s*[,(-]\s*(?:(?:he|she|it|they|that|this)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)|its|thats|hes|shes|theyre|(?:so|too)\s+"
     r"|(?=my\s))\s*(?:(?:so|too"
     rf"|really|very|pretty|kind\s+of|kinda|a\s+bit|just|super|quite)\s+)*{OPINION}\b\)?(?=\s*(?:[,;.!?]|$))", " ", _I),
]
