"""Three registers said in the grammar's plain words: the formal ("The inclusion of the motorbike
is desired", "Removal of all silent shots is requested", "All utterances by Felix are to be
retained"), the editor's ("Pull selects on the coffee cup inserts", "Full timeline minus the
dead air", "Tighten the chat to 20", "the sat-nav VO") and the casual ("so there's a bit where
they moan about the rain, that one", "nora, whatever she says, because im sending it to her").

A nominalisation names the act the viewer wants (inclusion: keep it, removal: leave it out) and
the passive that closes it ("is desired", "are to be retained") only says it is wanted; an
editor's trade words name what the grammar already reads (a select or an insert is a shot, VO is
the voice-over, dead air is silence); a casual opening or aside points at the subject or gives the
viewer's reason, and names nothing itself. English grammar and the trade's vocabulary, no film's words.
The everyday ways of saying a length ("cap it at 2 min", "half that", "keep it around the 2
minute mark", "at least a minute but no more than two"), a leaving-out ("where there's no cat";
"skip anything without the goat" keeps only the goat, "no empty shots" the people), a together
("alongside") and each clip's own length ("add a few seconds to each clip") are said here in the
words the grammar reads too; a verdict, an opinion, an order, transitions and more in everyday
words are said_otherwise.py's, run in their place among these rules.
"""
from __future__ import annotations

import re

from .numbers import COUNTS, ORDINAL
from .said_otherwise import DROP, OPINION, OTHERWISE, UNITS
from .word_forms import SUBJECT_PRONOUNS

_I = re.I

_START = r"(?:^|(?<=[,;]))\s*(?:(?:just|only|please|and)\s+)?"  # a nominalisation opens the request or a clause
_WANTED = r"(?:desired|requested|wanted|required|needed|sought|preferred|appreciated)"
_GONE = r"(?:removed|excluded|omitted|deleted|dropped|cut(?:\s+out)?|taken\s+out|left\s+out)"
#: a length's unit within the next three words ("a full two minutes", "fill 30 s")
_UNIT_SOON = (r"(?:[\w.-]+\s+){0,2}?(?:\d[\d.]*\s*-?\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)"
              r"|(?:minutes?|mins?|seconds?|secs?|hours?))\b")
#: "keep it around the 2 minute mark": the cut's length said as a mark
_MARK = (r"\b(?:keep|get|bring|make|have)\s+(?:it|this|the\s+(?:cut|edit|video))\s+(?:around|about|near|close\s+to|at)\s+the\s+"
         r"(?P<n>[\w.:]+)(?:[\s-]+(?P<u>minutes?|mins?|seconds?|secs?))?\s+mark\b")
#: one piece of the cut, every piece, and how much more of each
_PIECE = r"(?:clip|one|bit|piece|scene|shot|segment)"
_EACH = rf"(?:(?:each|every)\s+{_PIECE}|(?:all(?:\s+of)?\s+)?the\s+{_PIECE}s)"
_FEW = r"(?:a\s+few|a\s+couple(?:\s+of)?|some|a\s+bit|a)"
_BIT = r"(?:a\s+(?:bit|little|touch)\s+|slightly\s+)?"


def _closing_unit(m: re.Match) -> str:
    """The unit said last before the number (a viewer says it once), else seconds after a comparison."""
    said = re.findall(r"\b(minutes?|mins?|hours?|hrs?|seconds?|secs?)\b", m.string[:m.start()], _I)
    compared = m.group("n")[0].isdigit() and re.search(r"than|least|most", m.group("w"))
    unit = said[-1] if said else "seconds" if compared else None
    return f"{m.group('w')} {m.group('n')} {unit}" if unit else m.group(0)


def _padded(m: re.Match) -> str:
    """ "add 3 seconds to each clip": that padding; "a few more seconds": the usual lead-in."""
    n = m.group("n") or m.group("n2") or ""
    return f" padded by {n} seconds " if n[:1].isdigit() else " more breathing room "


#: a clause of time or place, and "the cat isn't ..." after it
_WHEN = r"\b(?:when|where|while|whenever)\s+"
_WHEN_NOT = (_WHEN + r"(?P<x>(?:the|a|an)\s+[a-z]+(?:\s+[a-z]+)?|(?!(?:%s|there|this|that|nobody|anybody)\b)[a-z]+)"
             r"\s+(?:isn't|is\s+not|aren't|are\s+not)\s+" % "|".join(sorted(SUBJECT_PRONOUNS)))
#: the places of a scene ("the 4th", "the opening")
_NTH = rf"(?:{ORDINAL}|last|final|opening|closing)"
#: the shots with nobody in them, in the trade's words or plainly ("empty shots"), and said as a
#: clause ("shots with nobody in them": under a leaving-out only, for "the harbour shots with ..." is a thing)
_NOBODY = r"(?:(?:b[- ]?roll|cutaways?)(?:\s+(?:shots?|footage))?\b(?!\s+(?:to|of)\b)|empty\s+(?:scenes?|shots?|frames?)\b)"
_NOBODY_IN = (r"(?:scenes?|shots?|parts?|bits?|ones)\s+(?:with|where|when)\s+(?:there(?:'s|\s+is|\s+are)\s+)?(?:nobody|no[\s-]?one)"
              r"(?:\s+(?:is|are))?\s+(?:in(?:\s+(?:it|them|the\s+(?:shot|frame|picture)))?|on\s*[- ]?screen|visible)\b")
#: "so there's a ...", "hey theres a ...": the casual opening that points at something in the film
_THERE_IS = r"^\s*(?:(?:so|ok(?:ay)?|and|well|hey|um+|oh)\s*,?\s+)*there(?:'s|s|\s+is|\s+was)\s+"
#: the cut itself, as a viewer names it: "it", "the cut", "the video"
_THE_CUT = r"(?:it|this|the\s+(?:cut|video|edit|reel|montage|whole\s+thing))"
REGISTER: list[tuple[re.Pattern, object]] = [(re.compile(p, f), r) for p, r, f in [
    # the formal: "(The) inclusion of X is desired", "Removal of X is requested", "X are to be retained"
    (_START + r"(?:the\s+)?(?:inclusion|selection|extraction|isolation|retention|compilation|assembly)\s+of\s+", "", _I),
    (_START + r"(?:the\s+)?(?:removal|exclusion|omission|deletion|elimination)\s+of\s+(?:everything|all)\s+"
     r"(?:except|but|other\s+than|save)\s+", "only ", _I),
    (_START + r"(?:the\s+)?(?:removal|exclusion|omission|deletion|elimination)\s+of\s+", "without ", _I),
    (r"\s+from\s+the\s+(?:cut|film|video|edit|timeline|movie)\b", "", _I),
    # "the talking parts", "just the talky bits": where someone talks (a subject "talking" finds the word said)
    (r"(?:^|(?<=[,;.:!?]))\s*(?:(?:just|only|keep|now|give\s+me|show\s+me)\s+)*(?:the\s+)?(?:talking|talky|chatty)\s+"
     r"(?:parts?|bits?|scenes?|sections?|moments?)\b", " where someone is talking", _I),
    (r"\b(?:(?:all|every)\s+)?(?:the\s+)?(?:segments?|parts?|bits?|passages?)\s+voiced\s+by\s+(?:the\s+)?(?P<x>[a-z]+)\b",
     r"the \g<x>'s lines", _I),
    (rf"\s+(?:is|are)\s+(?:to\s+be\s+(?:retained|kept|included|shown|used|selected)|{_WANTED})(?=\s*(?:[,;.!?]|$))", "", _I),
    (rf"^\s*(?P<x>[^,;.]+?)\s+(?:is|are)\s+to\s+be\s+{_GONE}(?=\s*(?:[,;.!?]|$))", r"without \g<x>", _I),
    (rf"\bwith\s+(?P<x>[^,;.]+?)\s+{_GONE}(?=\s*(?:[,;.!?]|$))", r"without \g<x>", _I),
    (r"(?:,\s*)?\b(?:restricted|limited|confined)\s+to\s+", " , only ", _I),
    (r"\b(?:utterance|remark|statement)(s?)\b", r"line\1", _I),
    (r"\bpic(s?)\b", r"picture\1", _I),
    # "both monkey pictures, the real one and the computer generated one": the two, each told apart
    (r"\s*,\s*the\s+[a-z' -]+?\s+one\s+and\s+the\s+[a-z' -]+?\s+one(?=\s*(?:[,;.!?]|$))",
     lambda m: "" if re.search(r"\bboth\b", m.string[:m.start()], re.I) else m.group(0), _I),
    # "..., because im sending it to her": the viewer's reason, no subject
    (r"\s*,?\s*\b(?:because|'?cause|cos|coz)\s+(?:i'?m|i\s+am|i|we|we're|my|it'?s|it\s+is|she|he|they)\b[^,;.!?<]*", " ", _I),
    # "nora, whatever she says": everything she says
    (r"\b(?P<x>[a-z]+)\s*,\s*(?:whatever|everything|anything)\s+(?:she|he|they)\s+(?:says|said|talks\s+about)\b",
     r"everything \g<x> says", _I),
    (r"\bevery\s+single\s+(?:(thing)\b)?", lambda m: "everything" if m.group(1) else "every ", _I),  # "every single thing felix said"
    # "..., whether he's talking or just on screen": both ways of being there, said to be meant
    (r"\s*,?\s*\bwhether\s+(?:he|she|they|it)(?:'s|s|\s+is|'re|\s+are)?\s+[^,;.<]+?\s+or\s+[^,;.<]+", " ", _I),
    # "what's shown from 1:30 to 2:00", "the stretch from 1:40 to 2:20": the film there
    (r"^\s*(?:what(?:ever)?(?:'s|s|\s+is)\s+(?:shown|seen|on(?:\s+screen)?|playing)|what(?:ever)?\s+you\s+see|the\s+(?:stretch|span))"
     r"(?=\s+(?:from|between|after|before|in|during)\b)", "everything", _I),
    (r"\bfrom\s+later\s+on\b", "in the second half", _I),  # "only from later on"
    # "hana's bits on the phone": what she says on the phone is her lines (the phone is how she talks)
    (r"(?<=['’]s\s)(?:bits|parts|lines|calls|stuff)\s+(?:on|over)\s+the\s+(?:phone|telephone|line)\b", "lines", _I),
    # "the last minute, i missed the ending": what the viewer missed is why, not a subject
    (r"(?:^|(?<=[,;.!?]))\s*(?:(?:because|as|since|cos)\s+)?i\s+(?:missed|didn'?t\s+see|never\s+saw|slept\s+through)\b[^,;.!?<]*",
     " ", _I),
    # "play it backwards (scene order i mean, not reversed video)": the order of the scenes, said again
    (r"\b(?:the\s+)?(?:scene|shot|clip)\s+order\s*,?\s*i\s+mean\b|\b(?:but\s+)?not\s+(?:the\s+)?(?:reversed|rewound|backwards)"
     r"\s+(?:video|footage|playback|frames|clips?)\b", " ", _I),
    (r"\bsince\s+(?=(?:the\s+)?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten)\b))", "from ", _I),  # "since 2:00"
    # "the school play but only the first time it comes up": the first of them (the second: rewordings.py)
    (r"\s*,?\s*(?:but\s+)?(?:only|just)\s+the\s+(first|last)\s+time(?:\s+(?:it|they|that|this|he|she)\s+"
     r"(?:comes?\s+up|is\s+mentioned|gets?\s+mentioned|appears?|shows?\s+up|happens)\b|(?=\s*(?:[,;.!?]|$)))",
     r", only the \1 one", _I),
    # "so there's a bit where they moan about the rain, that one": the bit where they do, pointed at
    (_THERE_IS + r"(?:a|an|this|one)\s+(bit|part|scene|moment|shot|section|clip)\s+(?=where|when|in\s+which|with|about)",
     r"the \1 ", _I),
    (r"\s*,\s*(?:that|this)\s+one\s*[.!]?\s*$", "", _I),
    # "hey so theres a grey monkey head somewhere in this, can you find it": the thing
    # "i know there's a cat in it somewhere": the cat
    (r"(?:" + _THERE_IS + r"|\b(?:i\s+(?:know|think|believe|heard|remember)\s+)?there(?:'s|s|\s+is|\s+are|\s+was)\s+)"
     r"(?:a|an|some)\s+(?P<x>[^,;.!?<]+?)(?:\s+in\s+(?:it|this|there|here))?\s+somewhere"
     r"(?:\s+in\s+(?:this|it|here|the\s+(?:film|video|movie)))?\b", r" \g<x> ", _I),
    # "who talks about the weather", "who mentions the dog": someone's talk about it
    (r"^\s*(?:(?:and|so|ok(?:ay)?)\s+)?who\s+(?=(?:talks?|speaks?|chats?|mentions?|brings?\s+up|goes\s+on|rambles?"
     r"|complains?|moans?)\b)", "someone ", _I),
    # "anything that's got a cat", "the parts that feature the cat": the cat; "up until the cartoon": until it
    (r"\b(?:that|which)(?:'s|\s+has|\s+have)?\s+got\b|\b(?:that|which)\s+(?:features?|contains?)\b(?!\s+no\b)", " with ", _I),
    (r"\b(?:right\s+)?up\s+(?=(?:until|till|til)\b)|\bright\s+(?=up\s+to\b)", "", _I),
    (r"\bwhat(?:'s|s|\s+is)\s+(?:the\s+)?(?:story|deal)\s+with\b", " ", _I),  # "what's the story with the coins"
    # "I only care about the rocket": only the rocket
    (r"^\s*i\s+(?:only\s+|just\s+|really\s+)?care\s+(?:only\s+)?about\s+", "only ", _I),
    # "(if there's less just give me all of it)": what to do when the film runs short, no subject
    (r"\(?\s*\bif\s+there(?:'s|\s+is|\s+are|'re)\s+(?:less|not\s+enough|fewer|too\s+little)\b[^)]*\)?", " ", _I),
    # "lena's voice over shots where you can't see her": the shots are the where-clause's, no subject
    (r"\b(voices?|lines|talking)\s+over\s+(?:the\s+)?(?:shots|pictures|footage|images)(?=\s+(?:where|when|in\s+which|while)\b)",
     r"\1", _I),
    # "who's making dinner? that conversation": the talk the question points at is about its words
    (r"^\s*(?P<q>[^?]+?)\s*\?+\s*(?:just\s+)?(?:that|this|the)\s+(?:conversation|convo|chat|discussion|exchange)\b",
     r"the conversation about \g<q>", _I),
    # "the guy who only came for the biscuits": an adverb inside a relative clause limits nothing of the cut
    (r"\b(who|that|which)\s+(?:only|just)\s+(?!(?:the|a|an|one|ones|when|if|for|in|at|on|with|by|after|before)\b)(?=[a-z])",
     r"\1 ", _I),
    (r"\b(?:occurring|falling|appearing|located)\s+(?=(?:within|between|in|during|before|after)\b)", "", _I),
    (r"^\s*all\s+(?:the\s+)?material\b", "everything", _I),
    (r"\bso\s+that\s+only\s+(?P<x>.+?)\s+(?:remains?|is\s+left|are\s+left)\b", r"only \g<x>", _I),
    # "tighten to 30, nothing shorter than 45": a bare number closing a length comparison is seconds, or in the
    # unit said before it ("at least a minute but no more than two", "at least 1 minute but under 2")
    (rf"\b(?P<w>(?:shorter|longer|less|more|under|over)\s+than|at\s+(?:least|most)|under|over|below|up\s+to)\s+"
     rf"(?P<n>\d+(?:\.\d+)?|{'|'.join(('one',) + COUNTS)})(?!\.?\d)(?=\s*(?:[,;.!?]|$))", _closing_unit, _I),
    # lengths in other words: "cap it at 2 min" and "something I can watch in 5 minutes" are ceilings,
    # "as close to 2 minutes as possible" a target, "a full minute" a minute, "fill a minute" that
    # length, "keep it to a minute tops" its ceiling said once, "trim the whole film to 45 s" trims it
    (r"\bcap(?:s|ped)?\s+(?:it|this|that|everything|the\s+(?:cut|video|edit|length|whole\s+thing))\s+at\b", "at most", _I),
    # "keep it around the 2 minute mark": a length (the cut's mark), not a place in the film
    (_MARK, r" about \g<n> \g<u> ", _I),
    (r"\bas\s+close\s+to\s+(?P<x>[^,;.!?]+?)\s+as\s+(?:possible|(?:you|we|i)\s+can)\b", r"about \g<x>", _I),
    (r"\b(?:(?:something|anything|a\s+(?:cut|version|edit|video))\s+)?(?:that\s+)?(?:i|we)\s+(?:can|could)\s+(?:watch|see"
     r"|view|get\s+through|sit\s+through)(?:\s+it)?\s+in\b", "at most", _I),
    (rf"\b(?:(?:fill|pad)(?:\s+(?:up|out))?(?:\s+(?:it|the\s+(?:cut|video|edit|time)))?(?:\s+(?:up|out))?(?:\s+(?:up\s+)?to)?|full)\s+"
     rf"(?={_UNIT_SOON})", "", _I),
    (r"\b(?:keep|limit)\s+(?:it|this|the\s+cut)\s+to\s+(?P<x>[^,;.!?]+?)\s*,?\s*(?=(?:tops|max(?:imum)?|at\s+(?:the\s+)?most)\b)",
     r"\g<x> ", _I),
    (r"\b(?P<v>trim|reduce|shorten|cut|bring|get)\s+(?:down\s+)?the\s+(?:(?:whole|entire|full)\s+)?(?:film|movie|video"
     r"|(?<=whole\s)thing|(?<=entire\s)thing)(?=\s+(?:down\s+)?to\b)", r"\g<v> it", _I),
    # "the dog where there's no cat", "the dog when the cat isn't there": the dog without the cat;
    # "the cat alongside the dog": both at once
    (_WHEN + r"there(?:'s|\s+is|\s+are)\s+no\s+", " without ", _I),
    (_WHEN_NOT + r"(?:there|around|on[\s-]?screen|in\s+(?:the\s+)?(?:shot|frame|picture|view)|visible|present)\b",
     r" without \g<x> ", _I),
    (_WHEN_NOT + r"(?:talking|speaking|saying\s+anything)(?:\s+(?:as\s+well|too|also))?\b", r" , without \g<x> talking ", _I),
    # "the chats between nora and maya with felix not in them": without him
    (r"\bwith\s+(?P<x>(?:the|a|an)\s+[a-z]+|[a-z]+)\s+not\s+(?:in|on)\s+(?:it|them|there|(?:the\s+)?(?:shot|scene|"
     r"frame|picture|screen))s?\b", r" without \g<x> ", _I),
    (r"\b(?:alongside|side\s+by\s+side\s+with)\b", " together with ", _I),
    # "skip anything without dan in it", "cut the scenes where there's no dog": a leaving-out of what
    # lacks X keeps only X
    (rf"\b(?:nothing|(?:{DROP})\s+(?:(?:all|any)\s+(?:of\s+)?)?(?:the\s+)?(?:anything|everything|whatever|stuff|{UNITS}))\s+"
     r"(?:(?:that|which)(?:'s|\s+is|\s+are)?\s+)?(?:without|with\s+no|lacking|missing)\s+(?P<x>[^,;.!?<]+?)"
     r"(?:\s+(?:in|on)\s+(?:it|them|there|the\s+(?:shot|frame|picture)))?(?=\s*(?:[,;.!?]|$))", r" only \g<x> ", _I),
    *OTHERWISE,  # the everyday words of said_otherwise.py, in their place among these
    # "the ending scene": the last one; "the start and the end", "the beginning and the ending": the first and last scenes
    (r"\bthe\s+(?:ending|end)\s+(?=(?:scene|shot)s?\b)", "the last ", _I),
    # "just the intro", "the outro": the first (last) scene, as "drop the intro" leaves it out (said_otherwise.py)
    *((rf"(?:^|(?<=[,;:])|(?<=\band)|(?<=\bjust|\bonly|\bkeep|\bplus|\balso|\bthen))\s*the\s+(?:{w})"
       r"(?=\s*(?:[,;.!?]|$|please\b|too\b|and\b|only\b))", f" the {which} scene ", _I)
      for w, which in (("intro|opener", "first"), ("outro|finale|closer", "last"))),
    # "the bits at the start and at the end", "at the beginning and the very end": with no subject before them
    (r"(?:\b(?:the\s+)?(?:bits?|parts?|moments?|stuff)\s+|(?:^|(?<=[,;:]))\s*(?:(?:just|only|keep|show\s+me)\s+)?)"
     r"(?:at|from)\s+the\s+(?:very\s+)?(?:start|beginning|opening)\s+(?:and|&|\+)\s+(?:(?:at|from)\s+)?",
     " the start and ", _I),
    (r"(?<!\bat\s)\bthe\s+(?:very\s+)?(?:start|beginning|opening)\s+(?:and|&|\+)\s+(?:the\s+)?(?:very\s+)?(?:end|ending|finish)\b"
     r"(?:\s+of\s+(?:(?:the|this)\s+(?:film|movie|video)|it))?(?!\s+(?:of|credits)\b)",
     "the first and last scenes", _I),
    # "whoever is in the last scene", "the guy from the very first scene": the person there
    (rf"\bwhoever(?:'s|\s+is|\s+was|\s+appears|\s+shows\s+up)?\s+(?=(?:in|from|at)\s+the\s+(?:very\s+)?{_NTH}\s+(?:scene|shot)\b)",
     "the person ", _I),
    (rf"\bthe\s+very\s+(?={_NTH}\s+(?:scene|shot|clip|one)s?\b)", "the ", _I),
    # "the first and last scenes", "the second and third shot": each one its scene
    (rf"\b(?:the\s+)?(?P<a>{_NTH})\s+(?:and|&|\+)\s+(?:the\s+)?(?P<b>{_NTH})\s+(?P<u>scene|shot|clip)s?\b",
     r"the \g<a> \g<u> and the \g<b> \g<u>", _I),
    (r"\bway\s+(?=(?:shorter|longer|tighter)\b)", "much ", _I),  # "way shorter"
    (r"\bchronological(?:ly)?\b(?!\s+order)", "in chronological order", _I),  # "now chronological but the goat first"
    # "a fade between clips": a fade, between whatever is cut together
    (r"\b((?:cross[- ]?)?fades?|dissolves?|transitions?)\s+(?:in\s+)?between\s+(?:(?:the\s+|each\s+|every\s+|all\s+(?:the\s+)?)?"
     r"(?:clips?|scenes?|shots?|segments?|cuts?|bits?|parts?|ones?|them|each\s+other)|each|every(?:one)?|all)\b", r"\1", _I),
    # "the last few minutes": a few is three, as "a few seconds" is; "around halfway": halfway through
    (r"\b(first|last|opening|final|closing)\s+few\s+(minutes|seconds|secs|mins)\b", r"\1 three \2", _I),
    (r"\b(?:around|about|near|at)\s+(?:the\s+)?halfway(?:\s+(?:point|mark))?(?:\s+through)?\b", " halfway through ", _I),
    # "shorter, like half that", "in half the time": half as long
    (r"(?:\b(?:shorter|smaller)\s*,?\s*)?(?<!\bthe\s)(?<!\bsecond\s)(?<!\bfirst\s)(?<!\blast\s)\b(?:(?:like|about|say|maybe)\s+)?"
     r"half\s+(?:of\s+)?(?:that|this)(?:\s+length)?(?=\s*(?:[,;.!?]|$|please|pls|is\b|would\b|will\b))"
     r"|\bin\s+half\s+the\s+time\b"
     r"|\b(?:cut|trim|bring|get|shorten|reduce|take)\s+(?:(?:it|this|that|the\s+(?:cut|edit|video))\s+)?(?:down\s+)?(?:to|by)\s+"
     r"(?:a\s+|one[\s-])?half(?:\s+(?:its|the)\s+(?:length|size|time|runtime))?(?=\s*(?:[,;.!?]|$))", " , half as long ", _I),
    # "between the three- and four-minute marks": each number with its unit
    (r"\b([a-z0-9]+)-\s+(and|to)\s+([a-z0-9]+)-(minute|second|hour)s?\b", r"\1-\4 \2 \3-\4", _I),
    # the editor's: pull (selects of) X, X selects, inserts and setups are shots, VO, dead air, the timeline
    (r"^\s*(?:(?:could|can|would|will)\s+you\s+)?pull\s+(?:(?:the\s+)?selects?\s+(?:on|of|for|from)\s+)?", "", _I),
    (r"\s+selects\b", "", _I),
    (r"\b(?:inserts|setups)\b", "shots", _I),
    (r"\b(?:insert|setup)\b", "shot", _I),
    (r"\bV\.?O\.?s?(?:\s+lines)?(?=\s+(?:about|on|of|where|when|concerning)\b)", "talk", 0),  # "the VO about trains"
    (r"\bV\.?O\.?s?\b", "voice-over", 0),
    (r"\b(?:dead\s+air|room\s+tone|ambience|ambiance|ambient\s+(?:sound|noise|audio))\b", "silence", _I),
    # "no dialogue, just pictures": the pictures are what is left where nobody talks, no subject
    (r"(?<=\w)\s*,?\s*(?:just|only)\s+(?:the\s+)?(?:pictures|images|visuals|footage)(?=\s*(?:[,;.!?]|$))", "", _I),
    (r"\b(?:the\s+)?(?:full|whole|entire)\s+timeline\b", "everything", _I),
    (r"\s+off\s+the\s+timeline\b", "", _I),
    (r"\bsizzle(?:\s+reel)?\b", "montage", _I),
    # talking heads, b-roll and cutaways (the shots with nobody in them), the voice-over parts;
    # "no talking heads": the shots without a face
    (rf"\b(?:{DROP})\s+(?:the\s+|any\s+|all\s+(?:the\s+)?)?talking\s+heads?\b", " without people ", _I),
    (r"\b(?:the\s+)?talking\s+heads?\b|\b(?:people|someone|somebody|anyone)\s+(?:talking|speaking|chatting)\s+(?:on\s+camera"
     r"|on[ -]screen|in\s+shot)\b", " the people while they are talking ", _I),
    (rf"\b(?:{DROP})\s+(?:(?:all|any)\s+(?:of\s+)?)?(?:the\s+)?(?:{OPINION}\s+)?(?:{_NOBODY}|{_NOBODY_IN})", " only the people ",
     _I),  # "no empty shots", "skip the boring empty shots"
    (r"\b(?:the\s+)?" + _NOBODY, " the shots with nobody in them ", _I),
    (r"\b(?:cutaways?|coverage|b[- ]?roll)\s+(?:to|of)\b", " ", _I),
    (r"\b(?:the\s+)?(?:voice[- ]?overs?|narrated)\s+(?:parts?|bits?|sections?|stretches)\b", " the talk ", _I),
    # "whatever's said over the rocket", "the narration over the shot before the cat": the talk while
    # that is on screen ("Tom's voice over other pictures" is seen_said's)
    (r"\b(?:what(?:ever)?(?:'s|’s|\s+is|\s+was|\s+gets)?\s+(?:being\s+)?(?:said|spoken|narrated)|what(?:ever)?\s+(?:they"
     r"|he|she|people|someone|somebody|anyone|the\s+narrator|the\s+voices?)\s+(?:says?|said|talks?\s+about)|(?:the|any)"
     r"\s+(?:talk|talking|words|narration|dialogue|dialog|commentary|speech|chat|chatter|voice-over))\s+(?:heard\s+|playing\s+)?"
     r"over\s+(?!(?:other|different|each|one)\b)(?P<x>(?:the|a|an|that|this|those|these|every|all)\b[^,;.!?<]*)",
     lambda m: f" {m.group('x').strip()} but only when someone is talking ", _I),
    # "the seagull scenes with talking in them", "the ones that have narration": the pictures where talk is heard
    # (not in a clause that drops them: "drop every scene with talking")
    (r"(?:^|(?<=[,;.!?]))(?P<x>(?:(?!\b(?:drop|cut|remove|lose|without|no|skip|except|minus|not|exclude|leave|get\s+rid)\b)"
     r"[^,;.!?])*?\w)\s+(?:with|that\s+(?:have|has)|containing)\s+(?:some\s+|any\s+)?(?:talking|narration|dialogue|speech"
     r"|voice[- ]?overs?|commentary|chatter)(?:\s+(?:in|on|over)\s+(?:them|it))?(?=\s*(?:[,;.!?]|$))",
     lambda m: f"{m.group('x')} but only when someone is talking ", _I),
    # "the fisherman where he's not talking": what the grammar reads as "where nobody is talking", the
    # pronoun gone
    (r"\s*,?\s*(?:(?:but\s+)?only\s+)?(?:where|when|while|whenever)\s+(?:he|she|they)(?:'s|'re|\s+is|\s+are)\s+not\s+"
     r"(?:talking|speaking)\b", " where nobody is talking ", _I),
    # "skip to the goat", "jump straight to the kite": from there on; "..., then stop", "and that's it": no subject
    (r"\b(?:skip|jump|fast[- ]?forward|go\s+straight|go\s+right)\s+(?:straight\s+|right\s+|directly\s+|ahead\s+)?to\s+"
     r"(?=(?:the|a|an|his|her|their|when|where)\b)", " everything from ", _I),
    (r"[\s,;]+(?:and|then)\s+(?:stop|end|finish)(?:\s+(?:there|it))?(?=[\s.!]*$)", " ", _I),
    # "the bike bits feel too long", "the cat part drags on": less of it (a piece alone is not trimmed; "too long"
    # alone is the whole cut's length, grammar's)
    (r"(?:^|(?<=[,;.!?]))\s*(?:(?:hmm+|honestly|well|so|and|but|i\s+think)[\s,]+)*(?P<x>(?:the|that|those|these|this)\s+"
     r"(?!(?:cut|edit|video|thing|version|film|movie|whole|one|ones|clip|first|second|third|last|next|final|middle)\b)[a-z]+"
     r"(?:\s+[a-z]+)?)\s+(?:(?:bits?|parts?|clips?|scenes?|shots?|stuff|section)\s+)?(?:(?:feels?|seems?|is|are|'s|'re|goes|go|runs?)"
     r"\s+(?:(?:a\s+(?:bit|little)|way|far|much|kind\s+of|kinda|still)\s+)?(?:too\s+(?P<w>long|short)|on\s+(?:too\s+long|forever"
     r"|and\s+on))|drags?(?:\s+on)?)(?=\s*(?:[,;.!?]|$))",
     lambda m: f" {'more' if (m.group('w') or '').lower() == 'short' else 'less'} of {m.group('x')} ", _I),
    # "it's too slow", "the whole thing drags": the cut on screen is too long
    (r"(?:^|(?<=[,;.!?]))\s*(?:it|this|that|the\s+(?:whole\s+)?(?:thing|cut|edit|video))(?:'s|\s+is|\s+feels|\s+seems)?\s+"
     r"(?:(?:a\s+(?:bit|little)|way|far|much|kind\s+of|kinda|still)\s+)?(?:too\s+slow|drags?|dragging)(?:\s+(?:on|a\s+(?:bit|little)))*(?=\s*(?:[,;.!?]|$))", " shorter ", _I),
    (r"(?<=[,;])\s*mixed\s+(?:together|in\s+together)(?=\s*(?:[,;.!?]|$))", " mixed ", _I),  # intercut, not in one shot
    (r"^\s*(?:(?:ok(?:ay)?|so|right|alright)[,\s]+)*here(?:'?s|\s+is)\s+(?:the\s+(?:deal|thing|plan|idea)|what\s+i\s+(?:want|need"
     r"|'d\s+like|would\s+like))\s*[:,;.!\u2013\u2014-]*", " ", _I),  # "ok here's the deal - ...": no subject
    # "the boring bits where nothing happens": where nobody talks, the nearest the index can tell
    (r"\b(?:the\s+)?(?:boring\s+|dull\s+|slow\s+|empty\s+)?(?:bits?|parts?|moments?|scenes?|stretches)\s+(?:where|when|in\s+which)\s+nothing"
     r"\s+(?:much\s+|really\s+)?(?:happens|is\s+happening|goes\s+on)\b", " the silent bits ", _I),
    # "everything about the storm, both what we see and what they say": seen or said, as any subject is
    (r"(?:,\s*)?\b(?:both\s+)?what\s+(?:we|you)\s+see\s+and\s+what\s+(?:they|we|you|people)\s+(?:say|hear)(?:\s+about\s+it)?\b",
     " ", _I),
    # "start from the part where they find the kite (and keep the rest)": from that moment on
    (r"^\s*(?:start|begin|pick\s+up)\s+(?:it\s+)?(?=(?:from|at)\s+(?:the|a|where|when)\b)", " everything ", _I),
    (r"\b(?P<p>from|after|before|since|until|till|to)\s+(?:the\s+)?(?:part|bit|scene|moment|point)\s+(?:where|when)\s+"
     r"|\b(?P<q>from|since|until|till)\s+(?:where|when)\s+(?=[a-z])", lambda m: f"{m.group('p') or m.group('q')} ", _I),
    (r"(?<=\beverything from\s)(?P<x>[^,;.!?]+?)[\s,;]+(?:and\s+|then\s+)?(?:keep\s+|play\s+)?(?:everything|all|whatever\s+comes)"
     r"\s+(?:after|from)\s+(?:that|it|there)(?:\s+on(?:wards?)?)?(?=[\s.!]*$)|(?<=\beverything from\s)(?P<y>[^,;.!?]+?)[\s,;]+"
     r"(?:and\s+)?(?:keep\s+)?the\s+rest(?:\s+of\s+it)?(?=[\s.!]*$)", lambda m: m.group("x") or m.group("y"), _I),
    # "the conversation where they argue about the goat": the talk is the unit, as "the bit where"
    (r"\b(?:the|a|that)\s+(?:conversation|chat|discussion|exchange|dialogue|talk)\s+(?=(?:where|when|in\s+which)\b)", "the bit ", _I),
    # "when the goat comes up in conversation": talk about the goat, not about a conversation
    (r"\b(?P<v>comes?|came|coming)\s+up\s+in\s+(?:the\s+|a\s+)?(?:conversation|chat|talk|discussion)s?\b", r"\g<v> up", _I),
    # "the whole film but put the goat at the end": "but" before a verb of placing joins a clause,
    # it leaves nothing out ("everything but the goat" still does)
    (r"\bbut\s+(?=(?:put|move|stick|place|have|start|begin|open|end|finish|close|save)\b)", ", ", _I),
    # "it should end with the kite", "the cut must open on the goat", "make sure it ends with the kite", "it should
    # be under a minute": the ends and the length of the cut, said of it
    (rf"\b{_THE_CUT}\s+(?:should|must|needs?\s+to|has\s+to|ought\s+to"
     r"|will|shall|can|could)\s+(?:(?=(?:start|begin|open|end|finish|close)\b)|be\s+(?=(?:short|shorter|long|longer|brief|under"
     r"|over|about|around|roughly|at\s+(?:most|least)|no\s+(?:more|longer)|less|more|max|\d|one|two|three|five|ten|twenty|thirty"
     r"|half)\b))", " ", _I),
    (rf"\b(?:(?:make|making)\s+sure|ensure)\s+(?:that\s+)?{_THE_CUT}\s+"
     r"(?=(?:starts|begins|opens|ends|finishes|closes)\b)", " ", _I),
    # "cut it off at 2 minutes": a length (a mark is said "at the 2 minute mark")
    (r"\bcut\s+(?:it\s+|this\s+|the\s+cut\s+)?off\s+(?:at|after)\s+(?=" + _UNIT_SOON + ")", " at most ", _I),
    # "what about the seagulls?", "how about adding the harbour": one more subject, put as a question
    (r"^\s*(?:(?:and|so|ok(?:ay)?|hmm+)[\s,]+)?(?:what|how)\s+about\s+(?:adding\s+|including\s+|putting\s+in\s+)?", "also ", _I),
    # "add the lighthouse back", "bring back the lighthouse", "restore the lighthouse": kept again, with the rest
    # ("put them back in order", "restore the order": an order, grammar's)
    (r"\b(?:add|bring|put|get)\s+(?!back\b)(?![^,;.!?<]*\border\b)(?P<x>[^,;.!?<]+?)\s+back(?:\s+in(?:to)?(?:\s+(?:it|the\s+(?:cut"
     r"|edit|video)))?)?\b|\b(?:(?:add|bring|put|get)\s+back(?:\s+in)?|restore|reinstate|re-?add|re-?include)\s+(?![^,;.!?<]*\border\b)(?P<y>[^,;.!?<]+)",
     lambda m: f" {m.group('x') or m.group('y')} too ", _I),
    # "tighten (it | the chat) to 20": at most that long, in seconds when no unit is said
    (r"\btighten(?:\s+(?P<x>it|the\s+[^,;.:]+?))?\s+to\s+(?P<n>\d+(?:\.\d+)?)(?P<u>\s*(?:s|secs?|seconds?|m|mins?|minutes?)\b)?",
     lambda m: f"{m.group('x') or ''} , at most {m.group('n')}{m.group('u') or ' seconds'}", _I),
    # each clip's own length: "add a few seconds to each clip", "give every clip 2 more seconds", "each clip a bit
    # longer" pad them; "shorten each clip", "trim the clips", "every clip a bit shorter" cut them tight
    (rf"\b(?:add|give|put)\s+(?P<n>\d+(?:\.\d+)?|{_FEW})\s+(?:more\s+|extra\s+)?(?:seconds?|secs?)\s+(?:to|on|around|either\s+side\s+of)"
     rf"\s+{_EACH}\b|\bgive\s+{_EACH}\s+(?P<n2>\d+(?:\.\d+)?|{_FEW})\s+(?:more|extra)\s+(?:seconds?|secs?|time|room)\b"
     rf"|\b(?:make\s+)?(?:each|every)\s+{_PIECE}\s+{_BIT}longer\b",
     _padded, _I),
    (rf"\b(?:shorten|trim|tighten)\s+{_EACH}(?:\s+(?:a\s+bit|a\s+little|slightly|down))?\b(?!\s+(?:down\s+)?to\b)"
     rf"|\b(?:make\s+)?(?:each|every)\s+{_PIECE}\s+{_BIT}(?:shorter|tighter)\b", " tighter ", _I),
]]


def plain(text: str) -> str:
    """``text`` with the formal and the editor's words said plainly (see the module note)."""
    for pattern, said in REGISTER:
        text = pattern.sub(said, text)
    return text
