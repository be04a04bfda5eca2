"""Spelling as people type it: text hygiene and keyword typos, before any pattern runs.

``normalise`` and ``readable`` make one clean line (curly apostrophes, contractions typed
without theirs, comparison signs, control characters); ``fix_typos`` corrects near-misses
of the few keywords the tables in ``grammar.py`` key on, using neighbours to stay safe.
"""
from __future__ import annotations

import difflib
import functools
import gzip
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import Optional

from . import sanity
from .asides import polite_edges
from .letters import letter_request
from .register import plain
from .errors import PlanError
from .numbers import NUMBER_WORDS
from .word_forms import CONTRACTED_IS, INFORMAL, ONE_PERSON_WORD, SAYING, TALKER, bases

_I = re.I


# --- text hygiene ---------------------------------------------------------------------
#: "< 5 min" / "> 2 min": comparisons; any other angle bracket is the viewer's, never one
#: of the parser's own ``<d:...>`` tokens.
_ANGLE = re.compile(r"(?:[<>]=?|[\u2264\u2265])(?=\s*\d)")


#: contractions typed without their apostrophe ("thats", "theyre", "id like")
_CONTRACTIONS = {"dont": "don't", "doesnt": "doesn't", "didnt": "didn't", "cant": "can't",
                 "isnt": "isn't", "arent": "aren't", "thats": "that's", "whats": "what's",
                 "theyre": "they're", "youre": "you're", "theres": "there's", "ive": "i've",
                 "id": "i'd", "im": "i'm", "wouldnt": "wouldn't", "shouldnt": "shouldn't", "wheres": "where's",
                 "whos": "who's", "heres": "here's", "shes": "she's", "hes": "he's", "couldnt": "couldn't", "hasnt": "hasn't",
                 **{f"{w}s": f"{w}'s" for w in ("nobody", "somebody", "someone", "everyone", "everybody", "anyone")}}
_CONTRACTED = re.compile(r"\b(?:" + "|".join(k for k in _CONTRACTIONS if k not in ("id", "im"))
                         + r"|id(?=\s+(?:like|love|want|prefer|rather|be))"
                         r"|im(?=\s+(?:looking|after|wondering|interested|trying|hoping)))\b", _I)

#: shorthand typed in a hurry: "birds w/o the sea", "excl. the sea", "the bike convo", "the kitchen reno"
#: (informal words no dictionary lists are word_forms.INFORMAL's, read after the quotes are taken)
_CLIPPED = {"veg": "vegetable", "convo": "conversation", "convos": "conversations", "b4": "before", "bc": "because",
            "cuz": "because", "reno": "renovation", "renos": "renovations", "bday": "birthday"}
_ABBREVIATIONS = {"w/o": "without", "w/out": "without", "excl": "excluding", "exc": "except", "w/": "with", **_CLIPPED}
_ABBREVIATED = re.compile(r"(?<!\w)(?:w/o|w/out|w/)(?=\s|$)|\bexcl?\.?(?=\s)|\b(?:" + "|".join(_CLIPPED) + r")\b", _I)

#: "thirty-ish seconds": about thirty seconds; "the recipe-ish part": a hedge, the word alone is what to find
_ISH = re.compile(r"\b([\w.]+?)-?ish\s+(?=(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b)", _I)
_HEDGED = re.compile(r"\b([a-z]{3,})-ish\b", _I)

#: slips of a real word for another, read by their neighbours: "less then" is "less than",
#: "the bit were she ..." is "the bit where she ..."
_THEN = re.compile(r"\b(less|more|shorter|longer|fewer|later|earlier|rather|other)\s+then\b", _I)
_WERE = re.compile(r"\b(bits?|parts?|scenes?|moments?|shots?|ones?|places?|clips?|sections?)\s+were\s+"
                   rf"(?=(?:{TALKER}|i|it|the|a|an|there|nobody|no one|everyone|somebody)\b)", _I)


#: what a speech-to-text keyboard or a hurry types, read by its neighbours: sound-alikes ("the
#: whether" is the weather, "the seen" a scene, "there talking" they're talking, "about there
#: holiday" their holiday, "i no there's" i know there's), shorthand ("abt", "w the coffee"), a
#: list's numbers ("1) the cat 2) the rocket"), a greeting or who is called ("hi there!", "please mummy")
_TYPED = [(re.compile(p, _I), r) for p, r in [
    (r"\b(while|when|whenever|where)\s+were\s+(?=(?:looking|watching|seeing)\b)", r"\1 we're "),  # "while were looking"
    # "where the photographer's on screen": is, not a possessive
    (rf"\b(?!{CONTRACTED_IS})([a-z]+)'s\s+(?=(?:on[\s-]?screen|on\s+camera|in\s+(?:the\s+)?(?:shot|frame|picture))\b"
     r"|(?:talking|speaking)(?=\s*(?:[,;.!?]|$|(?:but|and|while|when|about|to|with|over)\b)))", r"\1 is "),
    (r"\b(the|this|that|a|which|every|each)\s+whether\b", r"\1 weather"),
    (r"\b(the|this|that|a|which|every|each|one)\s+seen(s?)\b", r"\1 scene\2"),
    (r"\b(the\s+[a-z]+)\s+seen(s?)\b(?=\s*(?:and\b|[,;.!?]|$))", r"\1 scene\2"),
    (r"\bthere\s+(?=(?:talking|going|saying|discussing|chatting|arguing|planning|having|eating|walking|playing"
     r"|sitting|laughing|singing|dancing|driving|cooking)\b)", "they're "),
    (r"\b(about|of|with|on|in|at|for)\s+there\s+(?!(?:is|are|was|were|and|or|too|a|an|the)\b)(?=[a-z]{3,})", r"\1 their "),
    (r"\bi\s+no\s+(?=(?:there|that|it|what|where|when|you|he|she|they)\b)", "i know "),
    (r"\b(?:right|straight|immediately|directly)\s+(?=(?:after|before)\b)", ""),  # "right after the rocket"
    (r"(?:^|(?<=[\s,]))(?<!\bmy\s)(?<!\bher\s)(?<!\bhis\s)(?<!\btheir\s)(?<!\bour\s)(?<!\byour\s)(?:mummy|mommy|daddy)"
     r"(?=\s*(?:[,.!?]|$))|^\s*(?:mummy|mommy|daddy)\s*,?\s+", " "),  # "the bunny please mummy": who is asked
    (r"(?:^|(?<=\s))\d{1,2}[).]\s+(?=[a-z])", " , "),  # "1) the cat 2) the rocket"
    (r"^\s*(?:hi|hello|hey|hiya)\s+there\b[!,.]*", ""),  # "Hi there! So I watched this ..."
    (r"\bb\s*&\s*w\b", "black-and-white"),  # "the b&w stills": no list of "b" and "w"
    (r"(?:^|(?<=[,;]))\s*(?=(?:last|final|first|opening)\s+(?:minute|(?:\d+|two|three|four|five|ten|fifteen|twenty|thirty"
     r"|forty|fifty|sixty|ninety)\s*(?:s|secs?|seconds?|mins?|minutes?))\s+only\b)", " the "),  # "trains, last minute only"
    (r"(?:^|(?<=[.!?;]\s))(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|fourth(?:ly)?|lastly|finally)[,:]?\s+(?=(?:i\s+(?:want|need"
     r"|'d\s+like)|please|none|no|not|without|skip|drop)\b)|(?<=[.!?;]\s)(?:second(?:ly)?|third(?:ly)?|fourth(?:ly)?)[,:]?\s+"
     r"(?=(?:the|a|an)\b)", " , "),  # "first I want X. second the footballer. third please none of Y": a list
    (r"\b(?:the\s+)?(?:full|whole|entire|complete)\s+(?:cut|edit|version)(?=\s*(?:minus|without|except|but|[,.;!?]|$))",
     "everything"),  # "Full cut minus the b&w stills"
    (r"\bwhere's\b", "where is"),  # "wheres the bike", "where's the bike": the bike
    # homophones a dictating viewer's phone writes: "the too men" (two), "the read car" (red)
    (r"\b(the|all|both)\s+too\s+(?=(?:men|women|people|children|kids|guys|girls|boys|[a-z]{2,}s)\b)", r"\1 two "),
    (r"\b(the|a|that|this|those|these)\s+read\s+(?!(?:aloud|out|through|along|back|over|by|from|of|in|to)\b)(?=[a-z]{3,})",
     r"\1 red "),
    (r"\babt\b", "about"), (r"\bhw\s+(?=about\b)", "how "), (r"\bw\s+(?=[a-z])", "with "),
]]


#: a stretch of the film said without its "from": "2:30 to the end", "4 min to 5 min" (a whole
#: line), "start at 1:10 and end at 1:40"; "the first min" is the first minute, "1st" first
_AT = r"\d[\d:.]*(?:\s*(?:s|secs?|seconds?|m|mins?|minutes?)\b)?"
_COMES = r"(?:(?:comes?|came|coming|is|was|appears?|plays?)\s+)"
_CLOSE = r"(?:(?:right|just|straight|immediately|directly)\s+)"
#: a bit, a part or a moment needs "just" or "immediately", "whatever comes" a word of closeness too
#: ("the bit after the wedding", "whatever comes before the argument": all of it)
_NEIGHBOUR = re.compile(r"\b(?:(?:the|a)\s+(?:(?P<unit>shot|scene|clip|image|picture)|(?:bit|one|part|moment)"
              rf"(?=\s+(?:(?:that|which)\s+)?{_COMES}?(?:just|immediately|directly)\s))\s+(?:(?:that|which)\s+)?"
              rf"|(?:whatever|what|anything|something)\s+(?={_COMES}{_CLOSE}))"
              rf"{_COMES}?{_CLOSE}?(?P<side>after|before|following|preceding|follows|precedes)\s+"
              r"(?=(?:the|a|an|that|this|his|her|their)\b)"
              r"(?!the\s+(?:\S+\s+){0,3}?(?:mark|minutes?|mins?|seconds?|secs?|hours?|end|start|beginning)\b)", _I)


#: "the guy who comes right after the rabbit", "the woman in the shot just before the coins": the one on
#: screen in that shot, which is that shot
_SEEN_NEXT = re.compile(rf"(?<!\bof\s)\b(?:the|a)\s+(?:{ONE_PERSON_WORD}|one)\s+(?:(?:who|that)\s+"
                        rf"(?:comes?|came|appears?|shows?\s+up|pops?\s+up)\s+(?={_CLOSE})|in\s+the\s+(?P<unit>shot|scene)\s+"
                        rf"(?={_CLOSE}?(?:after|before)\b))", _I)


def _neighbour(m: re.Match) -> str:
    unit = "scene" if (m.group("unit") or "scene").lower() == "scene" else "shot"
    after = m.group("side").lower() in ("after", "following", "follows")
    return f" the {'first' if after else 'last'} {unit} , everything {'after' if after else 'before'} "


_SPANS = [(re.compile(p, _I), r) for p, r in [
    (r"(?<!\bfrom\s)(?<![\d:.])(?=(?:\d+:\d\d|\d[\d.]*\s*(?:s|secs?|seconds?|m|mins?|minutes?)\b)\s+(?:to|till|until)\s+(?:the\s+)?end\b)",
     " from "),
    (r"^\s*(?=\d[\d.]*\s*(?:mins?|minutes?|secs?|seconds?)\s+to\s+\d[\d.]*\s*(?:mins?|minutes?|secs?|seconds?)\s*$)", "from "),
    (rf"\bstart(?:ing)?\s+(?:at|from)\s+({_AT})\s+and\s+(?:end|stop|finish)(?:ing)?\s+(?:at|by|on)\s+({_AT})", r"from \1 to \2"),
    (r"\b(first|last|opening|final)\s+min\b", r"\1 minute"),
    # "from the 30 second mark to 50": the second number in the first one's unit
    (r"\b(\d+(?:\.\d+)?)[\s-]*(seconds?|secs?|minutes?|mins?)(\s+mark)?\s+(to|till|until)\s+(\d+(?:\.\d+)?)(?!\.?\d)(?=\s*(?:[,;.!?]|$|(?:and|but|of"
     r"|in|please|only|then|for)\b))", r"\1 \2\3 \4 \5 \2"),
    (r"\b1st\b", "first"), (r"\b2nd\b", "second"), (r"\b3rd\b", "third"),
    # "the first two times Nora speaks": the first two scenes where she does
    (r"\b(?:the\s+)?(first|last|final|opening)\s+(two|three|four|five|six|\d+)\s+times\s+(?=[a-z])", r"the \1 \2 scenes where "),
]]


#: a fact-checker's words ("the exact timestamp where"; an editor's are register.py's),
#: said in the words the grammar reads; and "I remember a scene with X", "wasn't there a bit with X"
_TRADE = [(re.compile(p, _I), r) for p, r in [
    (r"\bat\s+(?:what|which)\s+(?:point|time|moment|minute)\b(?:\s+(?:does|do|did))?|\b(?:what|which)\s+(?:point|moment|minute)"
     r"\s+(?:does|do|did)\b|\b(?:find\s+)?(?:the\s+)?(?:exact\s+)?"
     r"(?:timestamps?|time\s*codes?)\s+(?=where|when)", " where "),
    (r"\bi\s+(?:remember|recall|think\s+i\s+(?:saw|remember))\s+(?=(?:a|an|the|some|that)\b)|\b(?:was|wasn'?t|isn'?t|is)\s+there\s+"
     r"(?=(?:a|an|some)\s+(?:bits?|scenes?|parts?|moments?|shots?)\b)", " "),
    # "the full conversation", "the whole dialogue": all the talk, no topic named "full"
    (r"\b(?:the\s+)?(?:whole|full|entire|complete)\s+(?:conversations?|dialogue|dialog|chat|talk)\b", " all the talk "),
    # a screenwriter's three acts: the thirds of the film
    (r"(?<!'s\s)\b(?:the\s+)?(?:(?P<first>first|opening|1st)|(?P<middle>second|middle|2nd)|third|final|last|closing|3rd)"
     r"\s+act\b(?!\s+of\b)", lambda m: f" the {m.lastgroup or 'last'} third "),
]]


#: an adverb between a talker and the verb of saying: "when she finally says yes"
_ADVERB = re.compile(rf"\b({TALKER}|i)\s+(?:finally|eventually|suddenly|actually|then|first|really|ever|even|still|also)"
                     rf"\s+(?={SAYING}\b)", _I)


#: the viewer correcting themselves mid-line: "the squirrel - no wait, the fish", "the bike - no, the cup
#: i mean": the item before the correction is taken back ("the cats, no dogs" is a drop, not one)
_TAKEN_BACK = re.compile(r"\s*[-\u2013\u2014,;]\s*(?:no\s*[,!.]|no\s+(?:wait|sorry)\b[\s,!.]*|nope\b[\s,!.]*|nah\s*,"
                         r"|sorry\s*[,!.]|wait\s*[,!.]|scratch that\b[\s,!.]*|i mean\b[\s,]*)\s*(?=\S)", _I)
_I_MEAN = re.compile(r"[\s,]+i\s+mean[\s.!]*$", _I)


def taken_back(text: str) -> str:
    """The line with a taken-back item dropped: back to the list separator before it, or the start."""
    m = _TAKEN_BACK.search(text)
    if not m:
        return _I_MEAN.sub("", text)
    before = text[:m.start()]
    marks = [before.rfind(","), before.rfind(";"), before.lower().rfind(" and ")] + [
        k.end() - 1 for k in re.finditer(r"\b(?:but|except|without|not|minus|no)\s", before, _I)]
    cut = max(marks)  # "everything but the cats - no wait, the dogs": the drop stays, the thing changes
    return taken_back((before[:cut + 1] + " " if cut >= 0 else "") + text[m.end():])


#: punctuation a viewer dictating by voice says aloud ("the coins full stop", "the dog comma the
#: cat"): its mark. Not "period" or "dot", which name things too ("the Victorian period")
_SAID_MARKS = re.compile(r"\s*\b(?:(?P<stop>full\s+stop)|(?P<comma>comma)|(?P<q>question\s+mark)"
                         r"|(?P<x>exclamation\s+(?:mark|point))|(?P<nl>new\s+(?:line|paragraph)))\b", re.I)


def _mark(m: re.Match) -> str:
    return {"stop": ". ", "comma": ", ", "q": "? ", "x": "! ", "nl": ". "}[m.lastgroup]


def normalise(text: str) -> str:
    """Curly apostrophes inside words -> ', "< 5 min" -> "under 5 min", other <> -> spaces."""
    text = re.sub(r"(?<=\w)[\u2019\u02bc](?=\w)", "'", text)
    text = text.lower() if text.isupper() else text  # "CATS ONLY": shouting, not names
    text = unswapped(text)  # first: every rule below keys on words spelled right ("right befroe the dog")
    text = plain(letter_request(text))  # a letter's request ("Dear Rosie, <news> ..."), formal and editor's words
    text = _CONTRACTED.sub(lambda m: _CONTRACTIONS[m.group(0).lower()], text)
    text = _SAID_MARKS.sub(_mark, text)
    text = _HEDGED.sub(r"\1", _ISH.sub(lambda m: f"about {m.group(1)} " if _is_number(m.group(1)) else m.group(0), text))
    text = _ABBREVIATED.sub(lambda m: _ABBREVIATIONS[m.group(0).lower().rstrip(".")], text)
    text = re.sub(r"\b(can|could|would|will|do|thank|if|for|are)\s+u\b", r"\1 you", text, flags=_I)  # "can u"
    text = _THEN.sub(r"\1 than", text)  # "less then a minute"
    text = _WERE.sub(r"\1 where ", text)  # "the bit were she says goodbye"
    text = taken_back(text)
    if re.match(r"\s*[-*\u2022]\s", text):  # "- the cat - the rocket": a list typed with bullets
        text = re.sub(r"(?:^|\s)[-*\u2022]\s", " , ", text)
    # "the shot right after the cat", "whatever comes just before the dog": its neighbour, the first
    # shot (scene) after where the cat first shows, the last before the dog (windows.py anchors);
    # before _TYPED drops "right" from "right after"
    text = _NEIGHBOUR.sub(_neighbour, _SEEN_NEXT.sub(lambda m: f" the {m.group('unit') or 'shot'} ", text))
    for slip, right in _TYPED:
        text = slip.sub(right, text)
    text = _ADVERB.sub(r"\1 ", text)  # "when he finally says yes": who says it, then what
    text = re.sub(r"\b4\s+(?=(?:my|me|our|him|her|them|us)\b)", "for ", text, flags=_I)  # "dog stuff 4 my nan"
    text = _ANGLE.sub(lambda m: " under " if m.group(0)[0] in "<\u2264" else " over ", text)
    text = re.sub(r"[()\[\]{}]|\b(?:e\.g|i\.e)\.", " , ", text)  # "(no more than 40s)": an aside
    text = "".join(" " if unicodedata.category(c) in ("So", "Sk", "Cs", "Co") or c in "\ufe0e\ufe0f\u200d" else c
                   for c in text)  # emoji: "candy!! 🍬"
    text = text.replace("<", " ").replace(">", " ")
    for span, said in _SPANS + _TRADE:  # after the typos: "the fisrt min"
        text = span.sub(said, text)
    return plain(polite_edges(text))  # again once "could you show me" is off its start


def readable(text: str) -> str:
    """The line as ``sanity`` cleans every request (one place: undecodable bytes and control
    characters become spaces, one line); a line that is mostly such characters (binary on
    stdin) is refused in one line. A blank line stays blank for the parser's own answer."""
    if not isinstance(text, str):
        raise PlanError("unreadable request: not text")
    sanity.refuse_garbage(text)
    return sanity.readable(text)


# --- typo tolerance -------------------------------------------------------------------
_KEYWORDS = ("without", "except", "only", "reverse", "everything", "something", "anything", "subtitles", "crossfades",
             "trailer", "supercut", "remove", "shorter", "longer", "order", "chronological",
             "beginning")  # fixed anywhere
_BEFORE_NUMBER = ("under", "least", "most", "about", "around", "roughly")  # before a number
_UNITS = ("minutes", "minute", "seconds", "second")  # after a number ("hours" ~ "horse")
_REAL = frozenset("""but out not bit about last list lost most must mist post host cost ever over under
    around bound round sound found shorts shorter longer lover other remote removed""".split())
_TOKEN = re.compile(r"<[qdt]:?[\d.]+>|[A-Za-z]+|\d+(?:[.,]\d+)?|\S")


def _swapped(a: str, b: str) -> bool:
    """One adjacent transposition ("onyl"), which difflib scores too low on short words."""
    diff = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return (len(a) == len(b) and len(diff) == 2 and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])


@functools.lru_cache(maxsize=4096)
def closest(word: str, choices: tuple[str, ...], cutoff: float) -> Optional[str]:
    """The keyword ``word`` is a near-miss of, if any (cached: requests repeat words)."""
    if word in choices or word in _REAL or len(word) < 3:
        return None
    hit = difflib.get_close_matches(word, choices, n=1, cutoff=cutoff)
    return hit[0] if hit else next((c for c in choices if _swapped(word, c)), None)


def _is_number(tok: str) -> bool:
    return tok[:1].isdigit() or tok.lower() in NUMBER_WORDS


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """Every one-word WordNet 3.0 lemma (indexers/data/make_english_words.py): a real word of five
    letters or more is the viewer's word, never a near-miss of a keyword to correct."""
    raw = resources.files("cutbot.indexers").joinpath("data/english_words.txt.gz").read_bytes()
    return frozenset(gzip.decompress(raw).decode("utf-8").split())


def _english(word: str) -> bool:
    return word in _english_words()


_INFORMAL = re.compile(r"\b(?:%s)s?\b" % "|".join(sorted(INFORMAL, key=len, reverse=True)), _I)


def plain_words(text: str) -> str:
    """Informal words no dictionary lists in their plain form ("the footy chat" -> "the
    football chat"; a plural of one, "mozzies", too), so every reader after sees the word
    the film's speech and pictures are matched by."""
    def plain(m: re.Match) -> str:
        word = m.group(0).lower()
        if word in INFORMAL:
            return INFORMAL[word]
        base = INFORMAL.get(word[:-1]) if word.endswith("s") else None
        if base is None:
            return m.group(0)
        return base if base.endswith("s") else base + ("es" if base.endswith(("x", "ch", "sh")) else "s")
    return _INFORMAL.sub(plain, text)


def fix_typos(text: str) -> str:
    """Correct near-misses of the few keywords, using the neighbours to stay safe."""
    toks = list(_TOKEN.finditer(text))
    out, last = [], 0
    for i, m in enumerate(toks):
        word = m.group(0).lower()
        if not word.isalpha():
            continue
        prev = toks[i - 1].group(0) if i else ""
        nxt = toks[i + 1].group(0) if i + 1 < len(toks) else ""
        fix = closest(word, _KEYWORDS, 0.85)
        if fix is None and _is_number(nxt):
            fix = closest(word, _BEFORE_NUMBER, 0.75)
        if fix is None and _is_number(prev) and prev.lower() not in ("a", "an") and len(word) > 3:
            fix = closest(word, _UNITS, 0.75)
        if fix is None and prev.lower() in ("a", "an", "half") and len(word) > 3 and not _english(word):
            fix = closest(word, _UNITS, 0.85)  # "under a minut"
        if fix and fix != word and (len(word) >= 5 or fix == "order") and _english(word):  # "excerpt", "odor"
            fix = None
        if fix is None and len(word) > 4 and word.endswith("in") and not _english(word) and _english(word + "g"):
            fix = word + "g"  # "felix talkin over the car guy": the g dropped
        if fix:
            out += [text[last:m.start()], fix]
            last = m.end() + (fix == word + "g" and text[m.end():m.end() + 1] in ("'", "\u2019"))  # "runnin'"
    return "".join(out) + text[last:]


# --- swapped letters --------------------------------------------------------------------
#: English's closed classes (pronouns, wh-ever words, reflexives), which WordNet does not list:
#: a swap in one ("whoveer", "themsleves") is the same slip as in a noun
_CLOSED = frozenset("""whose whom whoever whomever whatever whenever wherever whichever however anyone anybody
    everyone everybody nobody nothing someone somebody something everything anything myself
    yourself himself herself itself ourselves yourselves themselves their theirs there these those
    which while whilst without within through throughout though although until unless since
    before after above below between behind beneath beside besides against among amongst around
    towards across about again almost always already""".split())
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d")


@lru_cache(maxsize=8192)
def _a_word(word: str) -> bool:
    """An English word or a regular inflection of one ("mentions", "animals", "talking")."""
    return word in _CLOSED or any(_english(b) for b in bases(word, derived=True))


@lru_cache(maxsize=4096)
def _unswap(word: str) -> Optional[str]:
    """The one English word ``word`` is an adjacent-letter swap of, if it is no word itself and
    exactly one swap (never of the first letter: typists seldom miss it) makes one, or exactly
    one makes a dictionary lemma rather than an inflection."""
    if len(word) < 5 or not word.isalpha() or _a_word(word):
        return None
    found = {w for i in range(1, len(word) - 1) if word[i] != word[i + 1]
             for w in [word[:i] + word[i + 1] + word[i] + word[i + 2:]] if _a_word(w)}
    keyword = closest(word, _KEYWORDS + _BEFORE_NUMBER + _UNITS, 0.75)
    if keyword and keyword not in found:  # "secnds": the keyword fixer's near-miss, not "scends"
        return None
    lemmas = {w for w in found if w in _CLOSED or _english(w)}  # "perosn": "person", not "perons"
    return found.pop() if len(found) == 1 else lemmas.pop() if len(lemmas) == 1 else None


#: short function words, the commonest words typed: a slip in one ("teh", "wher", "adn")
#: leaves a non-word the grammar reads as a subject. English's closed classes, not any film's words
_SHORT_TARGETS = frozenset("""the and with where when what that this then them they there their from for
    about just you your only all any but not are was were have has had who how why can into onto over
    under after each every some those these our out off than also more less most least its
    show give keep make find want like need skip drop lose""".split())  # and the verbs a request opens with
#: ...and every short word of those classes, never a slip itself ("you" is no "your"; "hers"
#: is no target: "2 hrs")
_SHORT_WORDS = _SHORT_TARGETS | frozenset("you she him her his hers mine ours yours one".split())
_SLIP_TARGETS = _SHORT_TARGETS | _CLOSED  # built once, not per word looked at


@lru_cache(maxsize=4096)
def _slip(word: str) -> Optional[str]:
    """The one function word a non-word is a slip of: for 3-4 letters two adjacent letters
    swapped ("teh", "hte"), at any length one letter after the first left out ("wher", "frm",
    "whenver"; "hey" is no "they"); None when none or several."""
    if len(word) < 3 or not word.isalpha() or word in _SHORT_WORDS or _a_word(word):
        return None
    swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)} if len(word) <= 4 else ()
    found = {t for t in _SLIP_TARGETS if t in swaps or (
        len(t) == len(word) + 1 and any(t[:i] + t[i + 1:] == word for i in range(1, len(t))))}
    return found.pop() if len(found) == 1 else None


def unswapped(text: str) -> str:
    """Every lower-case word typed with two adjacent letters swapped (or a function word with
    one left out), outside quoted lines, spelled right ("the fisrt minute", "whoveer talks",
    "wher"): the grammar keys on real words, and one rule for every word beats a table of each
    keyword's slips. Capitalised words are left alone (a name is no typo of a word), and so is
    a swap that could be of two words."""
    def fix(m: re.Match) -> str:
        word = m.group(0)
        return (_unswap(word) or _slip(word) or word) if word.islower() else word

    parts = _QUOTED.split(text)
    quotes = _QUOTED.findall(text)
    out = [re.sub(r"[A-Za-z]+", fix, part) for part in parts]
    return "".join(p + (quotes[i] if i < len(quotes) else "") for i, p in enumerate(out))
