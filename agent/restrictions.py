"""A second constraint in the same sentence narrows the first: both at once (``Draft.match``).

"the cat while they're talking about food", "cat shots where someone explains a recipe", "the
rocket with the weather talk over it", "the coffee cup during the forecast", "the candlelit
dinner but only the woman": the shots must answer every subject, not either. Rewritten before
the subject grammar (subjects.py) reads the parts; a clause after a part of the film that no
thing names ("the bits while someone talks") is one subject, not a restriction.
"""
from __future__ import annotations

import re

from .word_forms import ALOUD_VERBS, GREY, PLACES, TALKER, TALKERS, talk_noun, talk_verb

_I = re.I


def _all(said: str):
    """A handler: the shots must answer every subject (``Draft.match``); ``said`` stays."""
    def handler(d, m: re.Match) -> str:
        d.set("match", "all")
        return said
    return handler


def _all_said(said: str):
    """``_all`` when the clause's verb is one of talking ("explains", "mentions", "hear"), else the words stay."""
    def handler(d, m: re.Match) -> str:
        v, joint = m.group("v"), m.group("c").lower()
        aloud = m.group("p") and v.lower() in ALOUD_VERBS  # "where the voice is reading out the weather"
        if v != "hear" and not talk_verb(v) and not aloud or joint == "with" and not v.endswith("ing") \
                or joint == "where" and m.group(0).lstrip().startswith(","):
            return m.group(0)  # "open with the present", "the directions, where someone says X": no restriction
        d.set("match", "all")
        return said
    return handler


def _talked_about(d, m: re.Match, thing: str = "") -> str:
    """Both at once: the first subject's shots where the clause's thing ``t`` is talked about."""
    d.set("match", "all")
    return f" , only when they talk about {thing or m.group('t')} "


def _talk_over(d, m: re.Match) -> str:
    """ "X with the weather talk over it": X's shots where the weather is talked about."""
    return _talked_about(d, m) if talk_noun(m.group("n")) else m.group(0)


def _said(v: str, plain: tuple[str, ...]) -> bool:
    """A participle of talking: one of ``plain`` (irregular ones), or any WordNet verb of talking in -ed."""
    return v in plain or v.endswith("ed") and talk_verb(v)


def _said_of(d, m: re.Match) -> str:
    """ "the rocket while the weather's being read out": the rocket's shots where the weather is talked
    about; "when the dog is barking" (the dog does it, nobody talks about it) stays."""
    return _talked_about(d, m) if _said(m.group("v"), ("said", "spoken", "read", "told")) else m.group(0)


_OBJECT = {"she": "her", "he": "him", "it": "it", "they": "them"}


def _pronoun_said(d, m: re.Match) -> str:
    """ "grace hopper, but only where she is being talked about": her shots where she is talked about
    (the pronoun points back to the subject: subjects.find_subjects); "where it is sleeping" stays."""
    if not _said(m.group("v"), ("said", "spoken", "told", "named", "referred", "brought")):
        return m.group(0)
    return _talked_about(d, m, _OBJECT[m.group("p").lower()])


#: what a voice is heard "over" that is not a picture ("talking over the phone", "over the music")
_HEARD_OVER = frozenset("phone telephone radio intercom tannoy speaker speakers line music noise din top".split())


def _voice_over(d, m: re.Match) -> str:
    """ "maya talking over the cartoon": Maya's lines while the cartoon is on screen."""
    shown = m.group("y")
    if shown.split()[-1].lower() in _HEARD_OVER or shown.split()[1].lower() in _HEARD_OVER:
        return m.group(0)
    d.set("match", "all")
    return f" {m.group('v')} , only with {shown} on screen "


#: a word that says how, before a verb of talking ("while somebody is actually talking", "when she's
#: quietly speaking about food", "as he really talks"): an -ly word (typos too: "actualy") after a
#: talker or a form of "be"; it says nothing of what or who, and is dropped
_ADVERB = rf"\b(?P<b>{TALKER}|is|are|was|were|[a-z]+'(?:s|re))\s+[a-z]+ly\s+(?=(?P<v>[a-z]+)\b)"


def _no_adverb(d, m: re.Match) -> str:
    return f"{m.group('b')} " if talk_verb(m.group("v")) else m.group(0)


#: "while Nora's the one speaking", "when he is the one doing the talking": that one talks
_THE_ONE = (r"\b(?P<who>[a-z]+)(?:'s|\s+is)\s+the\s+one\s+(?:who(?:'s|\s+is)\s+)?"
            r"(?:doing\s+the\s+(?:talking|speaking)|speaking|talking|talks|speaks|narrating)\b")

#: a part of the film's time, not a thing ("before the 10 minute mark, only the bikes": a window, then the bikes)
_A_TIME = re.compile(r"\d|\b(?:minutes?|mins?|seconds?|secs?|mark|half|start|end|beginning|middle)\b", _I)

#: right after a thing, not after a word of leaving out or the whole film ("everything but ...")
_AFTER_THING = r"(?<=\w)" + "".join(rf"(?<!\b{w})" for w in """except without but not and or skip excluding than from
    film movie video it everything anything stuff except\sfor apart\sfrom other\sthan""".split())
#: a part of the film ("the bits while ..."), one subject, unless a thing names it ("the cat shots while ...")
_PARTS = frozenset("""part parts bit bits scene scenes shot shots moment moments clip clips one ones time times
    section sections point stretch line lines quote quotes words phrase sentence passage""".split())
#: words that name no thing before the clause ("find me where they say the score", "ending where she says")
_NO_THING = PLACES | frozenset("""the a an all any every each those these some other same early later whole and or
    but plus find show give get play keep see watch want need me us you i it them open start begin finish close
    starting beginning ending finishing""".split())
#: who is not one voice: "when nobody talks", "while they talk" (the talk patterns read those)
_NOBODY = frozenset(TALKERS) | frozenset("nobody noone none it i one".split())
_ASIDE = frozenset("only just also too even especially mainly mostly then please so , ;".split())


def _after_thing(handler):
    """``handler`` unless the clause follows a part of the film that no thing names ("the bits while ...")."""
    def guarded(d, m: re.Match):
        words = re.findall(r"[\w'-]+|[,;.!?]", m.string[:m.start()].lower())
        while words and words[-1] in _ASIDE:  # "the lambs, only where ...": the lambs
            words.pop()
        if not words or words[-1] in _NO_THING or not words[-1][0].isalpha() or words[-1] in _PARTS and (
                len(words) < 2 or words[-2] in _NO_THING or not words[-2][0].isalpha()):
            return m.group(0)  # "and also where ...", "the bits while ...": no thing before it
        return handler(d, m)
    return guarded


#: a clause right after a thing (and a comma, maybe): the thing's shots where the clause holds
_AFTER_A_THING = [(_AFTER_THING + r"\s*,?\s*\b" + p, _after_thing(h)) for p, h in [
    # "the rocket with the weather talk over it", "the coffee cup during the weather forecast": the
    # first subject's shots during the second
    (r"with\s+(?P<t>(?:the|some|a|an)\s+[a-z]+(?:\s+[a-z]+)?)\s+(?P<n>[a-z]+)"
     r"\s+(?:over|on top of|playing over)\s+(?:it|them|the top)(?=\s*(?:[,;.!?]|$))", _talk_over),
    # "the rocket while the weather is being read out", "the cat as the score gets announced": talk, said passively
    (r"(?:while|whilst|when|whenever|where|as)\s+(?P<t>(?:the|a|an|some)\s+[a-z]+(?:\s+[a-z]+)?)"
     r"(?:'s|\s+(?:is|are|was|were|gets?))\s+(?:being\s+)?(?P<v>[a-z]+)(?:\s+(?:out|aloud))?(?=\s*(?:[,;.!?]|$))",
     _said_of),
    # "grace hopper, only where she is being talked about", "the cat but only where it's mentioned"
    (r"(?:while|whilst|when|whenever|where|as)\s+(?P<p>she|he|it|they)(?:'s|'re|\s+(?:is|are|was|were|gets?))\s+"
     r"(?:being\s+)?(?P<v>[a-z]+)(?:\s+(?:about|of|to|up))?(?=\s*(?:[,;.!?]|$))", _pronoun_said),
    # "the cat while they're talking about food", "cat shots where someone explains a recipe", "the man
    # in the car while the sat nav is talking": the cat's shots where that is said (any WordNet verb of talking)
    (r"(?P<c>while|whilst|when|whenever|where|as|with)\s+"
     rf"(?=(?:{TALKER}|the\s+\w+\s+\w+(?=\s+(?:is|are|was|were)\s+[a-z]+ing\b)|the\s+\w+|a\s+\w+|(?<!\bwith\s)(?!(?:the|a|an|this|that|it|there|nobody|no)\b)[a-z]+)(?:'re|'s)?\s+"
     r"(?:(?:is|are|was|were)\s+)?(?P<v>[a-z]+)\b(?:\s+(?P<p>out|aloud)\b)?)",  # ..."where hana talks about her test"
     _all_said(" , only when ")),
    # "maya talking over the cartoon", "the man's voice over the dog shots": the voice where the picture shows that
    (r"(?P<v>talking|talkin'?|speaking|chatting|narrating|voice|voices|lines|(?:read|reading|called|calling)\s+(?:out|aloud))"
     r"\s+over\s+"
     r"(?P<y>(?:the|a|an|some|his|her|their)\s+[^,;.!?<>]+?)(?=\s*(?:[,;.!?]|$))", _voice_over),
    # "the fruit while hana talks", "grace hopper, only if felix speaks": the thing's shots while that voice talks
    (r"(?:(?:but\s+|and\s+)?(?:only|just)\s+)?(?:if|when|whenever|while|whilst|as)\s+(?!(?:the|a|an|this|that|my|our|your|his|her|their)\s)"
     r"(?P<who>[a-z]+)\s+(?:is\s+)?"
     r"(?P<v>speak|speaks|speaking|talk|talks|talking|chats|chatting|narrates|narrating)(?=\s*(?:[,;.!?]|$))",
     lambda d, m: m.group(0) if m.group("who").lower() in _NOBODY else (
         d.set("match", "all"), f" , only when {m.group('who')} is talking ")[1]),
    (r"during\s+(?=(?:the|a|an|some|his|her|their)\s+[a-z])", _all(" , only when ")),
    # "the people where someone is talking (over them)": where talk is heard ("where he says X" is words)
    (r"(?:(?:but\s+|and\s+)?(?:only|just)\s+)?(?:where|while|whilst|when|whenever)\s+"
     r"(?:(?:someone|somebody|anyone|anybody|people)(?:'s|\s+is|\s+are)?"
     r"|there(?:'s|\s+is|\s+are)(?:\s+(?:someone|somebody|a\s+voice|a\s+person|voices|people))?)\s+"
     r"(?:talking|speaking|chatting|talks|speaks|chats)(?:\s+over\s+(?:them|it|the\s+top))?(?=\s*(?:[,;.!?]|$))",
     _all(" , only when someone is talking ")),
    # "nora talking while there's a car on screen", "the cat while the dog is in shot", "when you can see
    # a bike": the first subject's shots that show the second too
    (r"(?:while|whilst|when|whenever|as)\s+(?:there(?:'s|\s+is|\s+are)\s+"
     r"(?P<y>(?:a|an|the|some)\s+[a-z]+(?:\s+[a-z]+)?)\s+(?:on[\s-]?screen|in\s+(?:the\s+)?(?:shot|frame|picture|view)|visible)"
     r"|(?P<z>(?:(?:a|an|the)\s+|(?!(?:he|she|they|it|we|you|i|someone|somebody|anyone|anybody|nobody|no\s+one|nothing)\b))"
     r"[a-z]+(?:\s+[a-z]+)?)\s+(?:is|are)\s+(?:on[\s-]?screen|in\s+(?:the\s+)?(?:shot|frame|picture|view)"
     r"|visible)|(?:you|we)(?:'re|\s+are)?\s+(?:can\s+)?(?:see|seeing|look(?:ing)?\s+at|watch(?:ing)?)\s+"
     r"(?P<w>(?:(?:a|an|the|some)\s+)?(?!(?:him|her|them|it|he|she|they|someone|somebody|something)\b)[a-z]+(?:\s+[a-z]+){0,4}))(?=\s*(?:[,;.!?]|$))",
     lambda d, m: (d.set("match", "all"), f" , only with {m.group('y') or m.group('z') or m.group('w')} on screen ")[1]),
]]
RESTRICTIONS: list[tuple[re.Pattern, object]] = [(re.compile(p, _I), h) for p, h in [
    (_ADVERB, _no_adverb),
    (_THE_ONE, lambda d, m: f"{m.group('who')} is talking"),
    # "the candlelit dinner but only the woman": a restriction of what came before, not a second subject (both at once)
    # ("the lighthouse but only at night", "... only in the garden": where it is, not when in the film)
    (r"(?<=[\w,])\s*,?\s*\bbut\s+(?:only|just)\b(?=\s+(?:the|a|an|when|where|while|with|her|his|their|real-life"
     r"|in|at|on|during|inside|outside)\b)(?!\s+(?:in|at|on|during|towards?|near)\s+(?:the\s+)?(?:very\s+)?(?:first|second"
     r"|last|latter|final|opening|closing|middle|start|beginning|end|ending)\b)"
     r"(?!\s+(?:the\s+)?(?:first|second|last|latter|final|opening|closing|middle)\s+(?:half|third|minute|<))",
     _all(" , only ")),
    # "real animals, photos only", "the people, black and white only": a look that narrows what came before
    (rf"(?<=\w)\s*,\s*(?P<pre>(?:only|just)\s+)?(?P<look>(?:(?:real\s+)?photo(?:graph)?s|cartoons|drawings|animations|{GREY}"
     r"|live[- ]action|real\s+footage)(?:\s+ones)?)(?(pre)|\s+only)(?=\s*(?:[,;.!?]|$))",
     lambda d, m: _all(f" , only the {m.group('look')} ")(d, m)),
    # "the introductions, only the woman": the same, said with a comma alone
    (r"(?<=\w)\s*,\s*(?:only|just)\b(?=\s+(?:the|a|an)\s)"
     r"(?!\s+(?:the\s+)?(?:first|second|last|latter|final|opening|closing|middle|whole|end|start|beginning)\b)",
     lambda d, m: m.group(0) if _A_TIME.search(re.split(r"[,;.!?]", m.string[:m.start()])[-1]) else _all(" , only ")(d, m)),
    *_AFTER_A_THING,
    # "the shots with both the cows and the farmer": shots that show both
    # not "both bike clips and then both rocket clips": the two of each, one after the other
    (r"\bboth\b(?!\s+(?:the\s+)?[a-z]+\s+(?:clips|shots|scenes|bits|ones|parts|times)\b)"
     r"(?=\s+(?:the|a|an|my|his|her|their)?\s*[^,;]*?\band\b(?!\s+(?:then|after|afterwards|later)\b))", _all(" ")),
]]
