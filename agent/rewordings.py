"""The viewer's own ways of saying what the grammar already reads, rewritten into its words.

"same but backwards" is the cut on screen with one change, "replace the dogs with horses" a
drop and an addition, "shots with nobody in them" the shots without people, "cats yes, dogs
no" a keep and a drop, "forget the length" no length at all. Each rule rewrites the words
(or sets the one field it names) so the keep/drop markers, orders and lengths of
``grammar.py`` read the rest as they always do; ``grammar.CONSTRAINTS`` runs them after
its relative length changes and before its plain lengths.
"""
from __future__ import annotations

import re

from .numbers import ORDINAL
from .points import NOT as _NOT, Rule, _d, _v
from .word_forms import SAYING, TALKER, TALKERS, unarticled

_I = re.I
#: the verbs of a quarrel: talk, as the grammar reads it
_ROW = r"(?:argu(?:e|es|ing)|bicker(?:s|ing)?|quarrel(?:s|ling|ing)?|disagree(?:s|ing)?)"  # not "fight": dogs fight
#: the asking before a subject ("keep the choir, ...", "show me the parrot, ...")
_ASKED = r"(?P<v>(?:(?:keep|only|just|show\s+me|give\s+me|find|i\s+want|all)\s+)*)"
#: a subject named before a clause that points back at it ("the parrot, the second time it shows up")
_NAMED_BEFORE = r"(?:^|(?<=[,;]))\s*" + _ASKED + r"(?P<x>[^,;<]+?)"
#: a topic brought into the talk ("comes up", "is mentioned")
_RAISED = r"(?:comes?\s+up|mentioned|talked\s+about|discussed|brought\s+up)"
#: "it has to", "it must": what the cut should be
_MUST = r"\b(?:it\s+)?(?:(?:has|have|needs?)\s+to|must|should)\s+"
#: a "yes"/"no" after a verb of saying is the words said ("where he says no"), not a verdict
_VERDICT_AFTER = rf"\b{SAYING}$"

#: a clause's start: the line's, or after a comma ("cats yes, dogs no")
_CLAUSE = r"(?:^|(?<=[,;]))\s*"
#: "they each", "everybody": who does what is said of each of them
_EACH = r"(?:(?:they|he|she|everyone|everybody)\s+(?:each\s+|all\s+)?)?"
#: who in the film can do what a request describes (the viewer is "i", "we" or "you")
_THEIRS = frozenset(TALKERS) - {"we", "you"} | {"who"}


def _nth(which: str, m: re.Match) -> str:
    """ "the second choir talk", "the second scene with the smiling woman": the ``which`` scene of ``x``,
    talked about when the match said so."""
    if m.groupdict().get("said"):
        return f" the {which} {unarticled(m.group('x'))} talk "
    return f" the {which} scene with {unarticled(m.group('x'))} "  # "the second woman" is another person


def _done_by_them(m: re.Match) -> bool:
    """A verb with someone in the film before it ("where they swap tips for the folks") tells what
    happens on screen; only the viewer's own imperative ("swap the dogs for horses") edits the cut."""
    before = m.string[:m.start()].split()
    return bool(before) and before[-1] in _THEIRS


def _part(unit: str) -> str:
    """A unit of the film in the grammar's words: a segment, passage or instance is a part."""
    return re.sub(r"^(?:segment|section|passage|instance)", "part", unit.lower())


def _their_lines(d, m: re.Match) -> str:
    """Someone's lines, in the form the voice reader takes: "everything X says"."""
    return f" everything {m.group('x')} says "


_PARTS = {"third": 3, "quarter": 4, "fifth": 5}


def _percent(m: re.Match) -> int:
    """ "20% shorter", "shorten it by 20%": -20; "10 percent longer", "extend it by 10%": 10."""
    longer = (m.group("w") or "").lower() == "longer" or (m.group("v") or "").lower() in ("lengthen", "extend", "stretch")
    return int(m.group("n") or m.group("n2")) * (1 if longer else -1)


REWORDINGS: list[Rule] = [(re.compile(p, _I), h) for p, h in [
    # a share of the cut on screen: "shorten it by a third", "a quarter shorter", "make it 20% shorter", "10 percent longer"
    (r"\b(?:(?:shorten|cut|trim|reduce|make)\s+(?:it|this|the\s+(?:cut|edit|video))\s+(?:down\s+)?by\s+|(?=(?:a|one)[\s-]\w+\s+shorter))"
     r"(?:a|one)[\s-](?P<p>third|quarter|fifth)(?:\s+shorter)?\b", lambda d, m: setattr(d, "scale", 1 - 1 / _PARTS[m.group("p")])),
    (r"\b(?:(?:by|make\s+it|it)\s+)?(?P<n>\d{1,2})\s*(?:%|percent\b|per\s+cent\b)\s*(?P<w>shorter|longer)\b"
     r"|\b(?P<v>shorten|cut|trim|reduce|lengthen|extend|stretch)\s+(?:it|this|the\s+(?:cut|edit|video))\s+(?:down\s+|out\s+)?by\s+"
     r"(?P<n2>\d{1,2})\s*(?:%|percent\b|per\s+cent\b)", lambda d, m: setattr(d, "scale", 1 + _percent(m) / 100)),
    # "the coffee shot where they talk about the weather, not the other coffee one": the one asked
    # for is already picked out; the other is no subject to drop
    (r"[,;]?\s*(?:but\s+|and\s+)?not\s+the\s+other\s+(?:[a-z-]+\s+){0,2}?ones?\b", lambda d, m: " "),
    # "where felix says something": where he talks; "says something about X" keeps its topic
    (r"\b(says?|said)\s+(?:something|anything|stuff)\b(?!\s+(?:about|of|on|regarding|like|that|to|else)\b)",
     lambda d, m: m.group(0) if re.search(r"\b(?:nobody|no[\s-]?one|no\s+body|none\s+of\s+them|never|not|n't)\s*$",
                                          m.string[:m.start()], _I) else m.group(1)),
    # a question's auxiliary: "where does the cat appear", "when do we see the sea", "does anyone
    # talk about food", "do they mention the weather": where it happens, as a statement says it
    (rf"\b(where|when|whenever)\s+(?:does|do|did|will|would|can|could)\s+(?=(?:{TALKER}|the|a|an|it|i)\b)",
     lambda d, m: f" {m.group(1)} "),
    (rf"\bwhat\s+(?:does|do|did)\s+(?=(?:{TALKER}|the|everyone|everybody)\b[^,;]*\bsay\b)", lambda d, m: " what "),
    (_CLAUSE + rf"(?:does|do|did|will)\s+(?=(?:{TALKER}|anyone|anybody)\s+(?:ever\s+)?[a-z]+)",
     lambda d, m: " where "),
    # "what does Dan say about the plumber", "what did the woman think of it": what they say about it
    (r"\bwhat\s+(?:does|do|did|will|would)\s+(?P<who>(?:the\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,4}?)\s+"
     r"(?:say|think|reckon|feel)\s+(?=about\b|of\b|on\b|regarding\b)", lambda d, m: f" what {m.group('who')} says "),
    # "I've only got 5 minutes (so make it shorter than that)": the time the viewer has is a ceiling
    (rf"\b(?:i|we)(?:'ve|\s+have)?\s+(?:only\s+)?(?:got|have)\s+(?:about\s+|like\s+)?{_d('a')}(?:\s+(?:to\s+spare|spare|free))?"
     r"(?:[,\s]+(?:so\s+)?(?:make|keep)\s+it\s+(?:shorter|less|under|no\s+longer)(?:\s+than)?(?:\s+(?:that|this))?)?",
     lambda d, m: d.set_budget("max", _v(m))),
    # "make this into a 45 second teaser", "turn the film into a recap": the cut it makes
    (r"\b(?:make|turn|cut|edit)\s+(?:this|it|that|the\s+(?:whole\s+)?(?:film|video|movie|clip))\s+(?:into|in)\s+(?=an?\b)",
     lambda d, m: " "),
    # "the smiling astronaut": a face's mood no model here reads; the one it describes is the subject
    (r"\b(the|a|an|that|this)\s+(?:smiling|grinning|beaming|laughing|happy|cheerful|sad|crying|frowning|scowling"
     r"|angry|serious|sleepy|bored)\s+(?=(?!(?:bits?|parts?|moments?|scenes?|ones?|stuff|sections?)\b)[a-z])",
     lambda d, m: f" {m.group(1)} "),
    # "the bow tie guys lines": a person noun's possessive typed without its apostrophe
    (r"\b(guy|man|woman|lady|girl|boy|bloke|fella|narrator|presenter|host|speaker)s\s+(?=(?:lines?|voice|words|bits|parts"
     r"|scenes|dialogue)\b)", lambda d, m: f" {m.group(1)}'s "),
    # "max's on-screen bits": Max on screen; "say who they are": the introductions; "lena giving tom
    # advice about money", "when lena introduces her cat": what she says about it
    (r"\b([a-z]+)(?:'s|’s)\s+on[- ]?screen\s+(?:bits|parts|moments|scenes|shots|time|appearances)\b",
     lambda d, m: f" {m.group(1)} on screen "),
    (rf"\b{_EACH}(?:(?:say|says|saying|tell\s+us|tells\s+us|telling\s+us)\s+who\s+(?:they|he|she)\s+(?:are|is)"
     r"|introduc(?:e|es|ing)\s+(?:themselves|himself|herself))\b", lambda d, m: " introductions "),
    (r"\b(?:giv(?:e|es|ing)|gave)\s+(?:[a-z]+\s+)?(?:advice|tips|a\s+lecture)\s+(?=about\b|on\b)",
     lambda d, m: " talking "),
    (r"\bintroduc(?:es|ing|ed)\s+(?=(?:her|his|their|the|a|an|our|my)\s)", lambda d, m: " talking about "),
    # "who's talking between 5 and 6 minutes": the talk there
    (_CLAUSE + r"who(?:'s|\s+is|\s+are)\s+(?:talking|speaking)\b", lambda d, m: " someone talking "),
    # "the cartoon couple at dinner": two people ("a couple of" is a count)
    (r"\b(the|a|that|this)\s+((?:[a-z]+\s+)?)couple\b(?!\s+of\b)", lambda d, m: f" {m.group(1)} {m.group(2)}people "),
    # a cut on screen made longer or shorter by a length said alone: "add 30 seconds", "lose 30 seconds",
    # "trim 20 seconds off", "take a minute off" ("add 30 seconds of the beach" is the beach); "cut it in half"
    (rf"\b(?P<verb>add|give\s+it|lose|trim|cut|shave|take|knock|chop|drop)\s+(?:off\s+)?(?:another\s+|an\s+extra\s+|(?:just\s+)?)"
     rf"{_d('a')}(?:\s+(?:more|extra|off|out))?(?:\s+(?:of\s+)?(?:it|this|that|the\s+(?:cut|edit|video|thing)))?(?!\s+(?:of|from"
     r"|with|showing)\b)(?=\s*(?:[,;.!?]|$))",
     lambda d, m: setattr(d, "delta", _v(m) if m.group("verb").lower().startswith(("add", "give")) else -_v(m))),
    (r"\b(?:cut|trim|chop|slash)\s+(?:it|this|the\s+(?:cut|edit|video))\s+(?:in|by)\s+half\b",
     lambda d, m: setattr(d, "scale", 0.5)),
    # "could it be a bit shorter?": the asking
    (r"\b(?:could|can|would)\s+(?:it|this|you\s+make\s+it)\s+(?:be\s+)?(?=(?:a\s+(?:bit|little)\s+|much\s+|even\s+"
     r"|slightly\s+)?(?:shorter|longer)\b)", lambda d, m: " "),
    # "it can't be longer than half a minute", "it shouldn't run over two minutes": a ceiling said with a
    # negation; "don't make it shorter than a minute": a floor
    (rf"\b(?:(?:make\s+sure\s+)?(?:it|this|the\s+(?:cut|video|edit|film))\s+)?{_NOT}\s+(?:be\s+|go\s+|run\s+|last\s+|get\s+"
     rf"|make\s+it\s+)?(?:any\s+)?(?:(?P<most>(?:longer|more|over)\s+than|over|past|beyond|above|exceed)"
     rf"|(?:shorter|less)\s+than|under|below)\s+{_d('a')}(?:\s+in\s+total)?",
     lambda d, m: d.set_budget("max" if m.group("most") else "min", _v(m))),
    # "it has to fit in two minutes", "it can run up to two minutes": a ceiling; "it needs to be": the asking
    (rf"(?:{_MUST}fit\s+(?:in|into|within)|\b(?:it\s+)?(?:can|could|may)\s+(?:run|go|last|be)\s+(?:for\s+)?up\s+to)"
     rf"\s+{_d('a')}",
     lambda d, m: d.set_budget("max", _v(m))),
    (rf"{_MUST}(?:be|run|last)\s+(?=at\s+least|at\s+most|under|over|below"
     rf"|less|more|no\s|about|around|roughly|exactly|<d:)", lambda d, m: " "),
    # "that pile of old money": the money; "where is it", "show it": the asking
    (r"\b(?:a|the|that|this|some)?\s*(?:pile|stack|heap|mound|bunch|collection)\s+of\s+", lambda d, m: " "),
    (r"[,\s]*\b(?:where\s+is\s+it|show\s+(?:it|me|them|him|her)|is\s+there\s+(?:one|any))\s*(?=[?!.]*\s*$)",
     lambda d, m: " "),
    # "tom says he's saving for a flat": what he talks about, not his words
    (r"\b(?:says?|said)\s+(?:that\s+)?(?:he|she|they)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)\s+", lambda d, m: " talks about "),
    # "the smiling woman, the second time she shows up": the second scene of the one named before
    (_NAMED_BEFORE + r"\s*(?:[,;]|\bbut\b|(?=only\b))\s*"
     rf"(?:but\s+)?(?:only\s+|just\s+)?the\s+({ORDINAL}|last|final)\s+time\s+(?:that\s+)?(?:she|he|it|they)(?:'s|\s+is|\s+are)?"
     rf"\s+(?:(?P<said>{_RAISED})|appears|shows\s+up|turns\s+up|on\s+screen|on)\b",
     lambda d, m: f" {m.group('v')}{_nth(m.group(3), m)}"),
    # "the second time the choir comes up": the second scene of it
    # (coming up, mentioned: said, so the second time it is talked about)
    (rf"\bthe\s+({ORDINAL}|last|final)\s+time\s+(?:that\s+)?(?P<x>[^,;<]+?)\s+(?:(?P<said>comes?\s+up|is\s+mentioned"
     r"|gets\s+mentioned)|appears|shows\s+up|turns\s+up|is\s+on)\b",
     lambda d, m: _nth(m.group(1), m)),
    # "the first time anyone mentions the farm", "the last time she says goodbye": the first talk of it
    (rf"\bthe\s+({ORDINAL}|last|final)\s+time\s+(?:that\s+)?(?:{TALKER}|[a-z]+)\s+(?P<said>says|mentions|talks\s+about"
     r"|brings\s+up|asks\s+about)\s+(?P<x>[^,;<]+?)(?=\s*(?:[,;.!?<]|$|\b(?:and|but|please|again)\b))", lambda d, m: _nth(m.group(1), m)),
    # "the last time we see the cat", "the moment the dog first appears", "the cat's first appearance": a scene of it
    (rf"\bthe\s+({ORDINAL}|last|final)\s+time\s+(?:that\s+)?(?:we|you)\s+(?:get\s+to\s+)?(?:see|spot|glimpse|meet)\s+"
     r"(?P<x>[^,;<]+?)(?=\s*(?:[,;.!?<]|$|\b(?:and|but|please|again|on\s+screen)\b))",
     lambda d, m: _nth(m.group(1), m)),
    (r"\b(?:the\s+(?:moment|bit|part|scene|shot)\s+(?:where\s+|when\s+)?|when\s+|where\s+)(?P<x>[^,;<]+?)\s+first\s+"
     r"(?:appears|shows\s+up|turns\s+up|comes\s+on|is\s+seen|is\s+on\s+screen)\b",
     lambda d, m: _nth("first", m)),
    (r"\b(?:the\s+)?(?P<o>first|last|final)\s+appearance\s+of\s+(?P<x>[^,;<]+)", lambda d, m: _nth(m.group("o"), m)),
    (r"\b(?P<x>[a-z]+(?:\s+[a-z]+)?)'s\s+(?P<o>first|last|final)\s+appearance\b", lambda d, m: _nth(m.group("o"), m)),
    # "when mum and dad chat about the holiday", "where the boy and his dad argue": two talkers, one talk
    (rf"\b(?P<w>where|when|whenever|while)\s+(?P<two>(?:(?:the|his|her|their|my|our)\s+)?[a-z]+\s+and\s+"
     rf"(?:(?:the|his|her|their|my|our)\s+)?[a-z]+)\s+(?:{_ROW}|talk|talks|talking|chat|chats|chatting|gossip(?:s|ing)?"
     r"|natter(?:s|ing)?|moan(?:s|ing)?|jok(?:e|es|ing))(?P<about>\s+(?:about|over|on)\b)?",
     lambda d, m: f" {m.group('w')} they talk about " if m.group("about") else f" {m.group('w')} {m.group('two')} talk "),
    # "every time the kitchen reno comes up", "whenever money came up again": said, as above
    # (the sun and the moon come up in the sky)
    (_NAMED_BEFORE + r"\s*[,;]?\s*\b(?:(?:every|each|any)\s*time|whenever|when)\s+(?:it|that)(?:(?P<seen>(?:'s|\s+is"
     r"|\s+(?:comes?|pops?|shows?)\s+up)\s+(?:on[ -]screen|in\s+(?:shot|frame|view))|\s+(?:appears|shows\s+up))"
     rf"|\s+(?:comes?|came|coming)\s+up|(?:'s|\s+is|\s+gets?|\s+got|\s+was)\s+{_RAISED})(?:\s+again)?\b",
     lambda d, m: f" {m.group('v')}{m.group('x') + ' on screen' if m.group('seen') else 'talk about ' + m.group('x')} "),
    (r"\b(?P<when>(?:every|each|any)\s*time|whenever|when)\s+(?:that\s+)?(?!(?:the\s+)?(?:sun|moon)\b)"
     r"(?P<x>[^,;<]+?)\s+(?:comes?|came|coming)\s+up(?:\s+again)?\b(?P<seen>\s+(?:on[ -]screen|in\s+(?:shot|frame|view)))?",
     lambda d, m: f" {m.group('when')} {m.group('x')} {'is on screen' if m.group('seen') else 'talk'} "),
    # "a twenty sec astronaut montage": a montage of the astronaut ("the training montage" is the film's own)
    (r"(?<!\bthe\s)(?<!\bthat\s)(?<!\bthis\s)\b([a-z]+)\s+(?:montage|compilation|supercut)\b", lambda d, m: f" {m.group(1)} "),
    # "cut out the boring talking parts", "minus the talky bits": the talk, whatever the viewer thinks of it
    (r"\b(?:boring|dull|tedious|endless)\s+(?=(?:talking|talky|talk|chat|chatty|dialogue|speech)\b)"
     r"|\btalky\b", lambda d, m: " talking " if m.group(0).lower() == "talky" else " "),
    # "please show her the cat", "show my nan the dogs": who it is shown to
    (r"\bshow\s+(?:her|him|them|us|(?:my|our)\s+[a-z]+)\s+(?=(?:the|a|an|some|all|every|any)\b)", lambda d, m: " "),
    # "let it end on the coins": the order it says
    (r"\blet\s+(?:it|the\s+(?:cut|video|film|edit))\s+(?=(?:end|finish|close|start|begin|open)\b)", lambda d, m: " "),
    # "could I please have everything but X": the asking; "the ones that turn up in the second half": the window's
    (r"\b(?:could|can|may|might)\s+(?:i|we)\s+(?:please\s+)?(?:have|get|see|watch)\b"
     r"|\b(?:the\s+)?ones?\s+(?:that|which|who)\s+(?:turn|turns|show|shows|pop|pops|crop|crops)\s+up\b", lambda d, m: " "),
    # "someone talking over them", "everything with narration on it": the talk heard over the pictures
    (r"\b(talking|speaking|chatting|narrating|narration|voice[- ]?overs?|commentary|talk|speech|dialogue|voices?)"
     r"\s+(?:over|on)\s+(?:them|it|him|her|those|these|the\s+(?:pictures?|shots?|images?))\b",
     lambda d, m: f" {m.group(1)} "),
    # "only Dan, nobody else", "Dan on his own": the one asked is the subject, nobody more
    (r"(?:,\s*|\band\s+)?\b(?:nobody|no\s+one|no-one|noone)\s+else\b|\b(?:on\s+(?:his|her)\s+own"
     r"|by\s+(?:himself|herself))(?=\s*(?:[,;.!?]|$))", lambda d, m: " "),
    (r"\bwhere(?:'s|\s+is|\s+are)\s+(?=(?:the|that|those)\s+(?:bits?|parts?|scenes?|moments?|shots?|clips?)\b)"
     r"|\bhow\s+about\b", lambda d, m: " "),
    # a list typed without its commas: "the cats the rockets and the coffees"
    (r"\b(the\s+[a-z]+)\s+(?=the\s+[a-z]+(?:\s+the\s+[a-z]+)*\s+(?:and|&)\s+the\s+[a-z]+\s*(?:[,;.!?]|$))",
     lambda d, m: f" {m.group(1)} , "),
    # "any segment in which ...", "the parts during which ...": where it happens
    (r"\b(bits?|parts?|scenes?|moments?|shots?|segments?|sections?|clips?|places?|passages?|instances?)\s+(?:in|during)"
     r"\s+which\b|\b(instances?)\s+(?=where|when)", lambda d, m: f" {_part(m.group(1) or m.group(2))} where "),
    (r"\b(?:all\s+)?(?:the\s+)?instances?\s+of\b", lambda d, m: " "),
    # "a version omitting the coffee", "a cut that leaves out the rain": without them
    (r"\b(?:a\s+|the\s+)?(?:version|cut|edit|copy)\s+(?:that\s+)?(?:omitting|omits|excluding|excludes|skipping|skips"
     r"|leaving\s+out|leaves\s+out|dropping|drops|minus)\b", lambda d, m: " without "),
    # "where you can hear talking", "in which speech can be heard": where someone talks
    (r"\bwhere\s+(?:you|we|one)\s+(?:can\s+)?hear\s+(?:any\s+|some\s+)?(?:talking|speech|voices?|dialogue|(?:people|someone)"
     r"\s+talking)\b|\b(?:speech|talking|voices?|dialogue)\s+(?:can\s+be|is)\s+heard\b"
     # "who's doing the talking in the last minute": whoever it is, where someone talks
     r"|\bwho(?:'s|\s+is|\s+was)\s+(?:doing\s+(?:the|all\s+the)\s+)?(?:talking|speaking)"
     r"(?=\s*(?:[,;.!?<]|$|\s+(?:in|during|at|over|for|near|towards|around)\b))", lambda d, m: " where someone talks "),
    # who the viewer is, before the asking: "pet owner here,", "I'm a teacher;", "year 7 science:"
    (r"^\s*(?:(?:a|an)\s+)?[a-z]+(?:\s+[a-z]+)?\s+here\s*[,:;.!-]+|^\s*(?:i'?m|i\s+am|we'?re|we\s+are)\s+(?:a|an)\s+[a-z]+"
     r"(?:\s+[a-z]+)?\s*[,:;.!-]+(?=\s*(?:i\s+(?:need|want|would)|i'd|can\s+you|could\s+you|please|pls|show|give|find|get"
     r"|make)\b)|^\s*year\s+\d+(?:\s+[a-z]+)?\s*:", lambda d, m: " "),
    # "rocket yes coffee no": a keep and a drop without their comma
    (r"\b(yes|yeah|yep)\s+(?=[a-z][^,;]*?\s+(?:no|nope)\s*(?:[.!?]|$))", lambda d, m: f" {m.group(1)} , "),
    # "everything else first, then the cat": the whole film with the cat last
    (r"\b(?:(?:everything|anything|all)\s+else|the\s+rest)\s+first\s*,?\s*(?:and\s+)?(?:then|after\s+that|afterwards)\s+"
     r"(?P<x>[^,;<]+?)(?=\s*(?:[,;.!?]|$))", lambda d, m: f" everything else , {m.group('x')} last "),
    # "every word from Nora", "every line spoken by Felix's sister", "everything said by the guy in the
    # hat", "whatever's spoken by Nora": their lines
    (r"\b(?:(?:every|all(?:\s+(?:of\s+)?the)?|each|any|the)?\s*(?:lines?|words?|contributions?)\s+(?:from|by|spoken\s+by"
     r"|said\s+by|uttered\s+by|made\s+by|delivered\s+by|voiced\s+by|of)|(?:everything|anything|whatever(?:'s)?|all|stuff|things)"
     r"\s+(?:that(?:'s|\s+is|\s+was|\s+gets|\s+got)\s+)?(?:said|spoken|uttered|narrated|voiced)\s+by)"
     r"\s+(?P<x>(?!(?:the\s+)?(?:film|movie|video|song|it|this|that|last|first|start|beginning|end)\b)[^,;<]+?)(?=\s*(?:[,;.!?]|$))",
     _their_lines),
    # "every line the sister says", "all the words Nora speaks": the same, said with its verb after
    (r"\b(?:every|all(?:\s+(?:of\s+)?the)?|each|any|the)\s+(?:lines?|words?)\s+(?:that\s+)?(?P<x>(?!(?:he|she|they|it|you|we|i)\b)(?:the\s+)?[a-z]+(?:'s\s+[a-z]+)?)"
     r"\s+(?:says?|said|speaks?|spoke|reads?|utters?|delivers?|has|had|gets|got)\b", _their_lines),
    (r"\b(?P<x>[a-z]+)'s\s+contributions?(?:\s+to\s+the\s+(?:conversation|chat|talk|discussion))?\b",
     lambda d, m: f" {m.group('x')}'s lines "),
    # "the entire film save for the motorcycle", "her remarks, save those about X": except them;
    # "the narration about X": the talk about it
    (r"\bsave\s+(?:for\s+(?=(?:the|a|an|any|all|his|her|their)\b)|(?=(?:those|the\s+ones|for)\b))", lambda d, m: " except "),
    (r"\b(?:the\s+)?(?:narration|voice[- ]?over|commentary)\s+(?:about|on|of|regarding)\b", lambda d, m: " talk about "),
    # "the photographer's face at close range", "the astronaut smiling up close", "the dog in close-up":
    # the close-ups of them
    # "all of Max except the cartoon shots of him": the shots of the one asked, by what they show
    (r"\b(?P<n>(?!(?:the|those|these|all|some|any|every|his|her|their)\s)[a-z-]+\s+(?:shots?|bits?|scenes?|clips?|pictures?"
     r"|photos?|ones?))\s+(?:of|with)\s+(?:him|her|them)\b",
     lambda d, m: f" {m.group('n')} "),
    # "where we are right up close on the astronaut's face": the camera close on someone
    (r"\b(?:where\s+)?(?:we(?:'re|\s+are|\s+get|\s+go)|(?:the\s+)?camera(?:'s|\s+is|\s+goes|\s+gets)|it(?:'s|\s+is|\s+goes))"
     r"\s+(?:(?:right|really|very|real)\s+)?(?:up\s+close|close\s+up|in\s+close)\s+(?:on|to)\s+(?:(?:his|her|their)\s+face\b"
     r"|(?:the\s+)?(?P<z>(?!(?:face|his|her|their)\b)[a-z]+?)(?:'s|s')?(?:\s+face)?\b)",
     lambda d, m: f" close-ups of the {m.group('z')} " if m.group("z") else " close-ups "),
    (r"\b(?:the\s+)?(?P<x>(?!(?:face|right|really|very|real|so|we|are|is)\b)[a-z]+)(?:'s\s+face|\s+(?:smiling"
     r"|grinning|laughing))?\s+(?:(?:right|really|very)\s+)?(?:at\s+close\s+range|up\s+close|in\s+close[- ]?up)\b"
     r"|\b(?:the\s+)?(?P<y>[a-z]+)'s\s+(?:face\s+close\s+up|(?:(?:smiling|grinning|happy|tight|extreme)\s+)?close[- ]?ups?)\b",
     lambda d, m: f" close-ups of the {m.group('x') or m.group('y')} "),
    # what the viewer thought of a part, or is unsure of, beside what is asked: "leave out the
    # coffee, nobody liked that part", "the bit I remember is X", "not sure what else"
    (r"[,;]?\s*\b(?:nobody|no\s+one|we|i|they|he|she)\s+(?:really\s+)?(?:liked|likes|enjoyed|cared\s+about|wanted)\s+"
     r"(?:that|it|those|them|this)(?:\s+(?:part|bit|one|scene)s?)?(?=\s*(?:[,;.!?]|$))|\b(?:the\s+)?(?:bit|part|scene|one|thing)"
     r"\s+i\s+(?:remember|recall|liked|loved|mean)\s+(?:is|was)\s+|[,;]?\s*(?:i'?m\s+)?not\s+sure\s+(?:what|which|if|where|when|about)"
     r"\b[^,;.!?<]*|\b(?:the\s+whole\s+thing|the\s+cut|it|everything)\s+to\s+be\s+(?=(?:under|over|about|around|roughly|at|no|less"
     r"|more|shorter|longer|<)\b)|(?:^|(?<=[.!?,]\s))oh\b[,!]?", lambda d, m: " "),
    # "I'd like three things: the cat, ...": the count of the list, no subject
    (r"\b(?:a\s+few|a\s+couple\s+of|two|three|four|five|several|some|\d)\s+(?:things|items|requests|asks|bits|questions)\s*[:.]",
     lambda d, m: " "),
    # "the star of this film", "who's the star? just give me their scenes": the hero; "the brother
    # and sister talking, just the two of them": both at once
    (r"\bthe\s+(?:star|lead)\s+of\s+(?:the|this)\s+(?:film|movie|show|video)\b", lambda d, m: " the hero "),
    (r"\bwho(?:'s|\s+is)\s+(?=the\s+hero\b)|[,.;?!]?\s*(?:just\s+)?(?:give|show)\s+me\s+(?:their|his|her)\s+(?:scenes|bits|parts"
     r"|shots)\b", lambda d, m: " "),
    # "one of the speakers", "none of the three speakers": the people who talk, not loudspeakers;
    # "Tom and Lena, Max not involved": without Max
    (r"\b(?:(?P<none>none)|one|any|either)\s+of\s+the\s+(?:\w+\s+)?(?:speakers|talkers|presenters|hosts)\b",
     lambda d, m: " nobody " if m.group("none") else " someone "),
    (r",\s*(?P<x>[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)\s+(?:is\s+|are\s+)?not\s+(?:involved|included|present|around"
     r"|in\s+(?:it|them|those))\b", lambda d, m: f", without {m.group('x')} "),
    (r"\s*[,!.\u2013\u2014-]\s*(?:but\s+)?(?:only\s+|just\s+)?(?:every|each|all(?:\s+the|\s+of)?|any|the)\s+(?:(?:his|her|their)\s+(?:lines|words)\b|(?:lines?|words?|things?)"
     r"\s+(?:that\s+)?(?:he|she|they)(?:\s+(?:says|speaks|said|spoke|utters)|(?:'s|\s+has|\s+have)\s+got)\b)",
     lambda d, m: "'s lines "),  # "X - all her lines", "and here's Felix! every line he's got"
    # a commentator's "and here comes X", "here's Felix!": X
    (r"(?:^|(?<=[,;.!?]))\s*(?:and\s+)?here(?:'s|\s+is|\s+comes|\s+come)\s+(?!(?:what|how|why|where|the\s+thing)\b)",
     lambda d, m: " "),
    # a screenwriter's words: "cold open on X" opens with X; "the final act" is the last third
    (r"\bcold[- ]open(?:s|ing)?\s+(?:on|with)\b", lambda d, m: " open with "),
    (r"\brun\s+(?=(?:it|the\s+(?:whole|entire|full|complete)\s+(?:thing|film|movie|video))\b)", lambda d, m: " play "),
    # "the first line", "the last thing anyone says", "Felix's first line", "the last thing Nora says":
    # the first (last) scene with that talk (positions.py places it)
    (r"\bthe\s+(?:very\s+)?(?P<w>first|last|final)\s+(?:lines?|words?(?:\s+spoken)?|thing\s+said|thing\s+"
     r"(?:(?:anyone|someone|somebody|anybody|they|people|the\s+(?:narrator|voice|voice-over|speaker))\s+)?(?:says|said))(?:\s+(?:of|in)\s+the\s+(?:film|movie|video))?\b",
     lambda d, m: f" the {m.group('w')} scene with talk "),
    (r"\b(?P<x>[a-z]+)(?:'s|’s)\s+(?:very\s+)?(?P<w>first|last|final)\s+(?:lines?|words)\b"
     r"|\bthe\s+(?:very\s+)?(?P<v>first|last|final)\s+(?:thing|line|words?)\s+(?P<y>[a-z]+)\s+(?:says|said|speaks)\b",
     lambda d, m: f" the {m.group('w') or m.group('v')} scene with {m.group('x') or m.group('y')}'s lines "),
    # "not the one where they talk about fixing it": the talk itself, not a "one"
    (r"\bthe\s+ones?\s+(?:where|in\s+which|when)\s+(?=(?:they|someone|somebody|people|he|she|we)\s+(?:talk|talks|talked"
     r"|are\s+talking|is\s+talking|chat|chats|discuss|discusses|mention|mentions)\b)", lambda d, m: " "),
    # "who are the two men with the ball?", "what does the cat look like": the one asked about
    (r"(?:^|(?<=[,;.?!]))\s*(?:who(?:'s|\s+is|\s+are|\s+was)\s+(?=(?:the|that|this|those|these)\s)"
     r"|what\s+(?:does|do|did)\s+(?P<x>.+?)\s+look\s+like\b|what(?:'s|\s+is|\s+are)\s+(?P<y>.+?)\s+like\b)",
     lambda d, m: f" {m.group('x') or m.group('y') or ''} "),
    (r"[,;]?\s*(?:just\s+|only\s+)?the\s+(?:two|both|three)\s+of\s+(?:them|us)(?:\s+alone)?(?=\s*(?:[,;.!?]|$))",
     lambda d, m: (d.set("match", "all"), " ")[1]),
    # "the cat does the thing": nothing said of it
    (r"\b(?:does|doing|do|did)\s+(?:the|its|his|her|their)\s+thing\b", lambda d, m: " "),
    # the viewer's own story before the asking: "we're off to Paris next week, show me the streets"
    (r"(?:^|(?<=[.!?]\s))\s*(?:(?:so|well|ok|okay|anyway)[,\s]+)?(?:(?:i|i'?m|i\s+am|i'll|i've|we|we're|we\s+are|we'll"
     r"|we've)\s+(?!(?:want|need|'d|would|like|love|after|looking|wondering|interested|hoping|keen|just|only|trying)\b)"
     r"|(?:going|heading|off|flying)\s+to\s+|my\s+[a-z]+(?:\s+[a-z]+)?\s+(?:is|are|was|were|has|have)\s+)[^,;.!?<]*?"
     r"(?:[.!?]+\s*(?=\S)|(?:[,;]+\s*(?:so\s+)?|\s+so\s+|\s+)(?=(?:please\s+)?(?:(?:can|could)\s+(?:you|i|we)|may\s+i"
     r"|would\s+you|show\s+me|give\s+me|find\s+me|get\s+me|make\s+me|is\s+there|are\s+there|is\s+the\b"
     r"|(?:just|only)\s+(?:the|a|an|some|all)\b)))", lambda d, m: " "),
    # ...and after it: "the bikes, I want to rent one when I'm there", "? we're visiting Cape Canaveral in May"
    (r"\s*[,.;!?]+\s*(?:(?:i'?m|i\s+am|i'll|i\s+will|we're|we\s+are|we'll|we\s+will)\s+(?:off|going|heading|travel+ing"
     r"|visiting|flying|moving|planning|away)\b|i\s+(?:want|'d\s+like|would\s+like|need|hope|plan)\s+to\s+(?!(?:see|watch|have|keep"
     r"|get|show|find|hear|look|make|cut)\b)[a-z]+\b)[^,;<]*$", lambda d, m: " "),
    # the cut on screen for other subjects: "do the same for the horses", "same thing with the cats" ("same but
    # with the tree" adds it: below)
    (r"\b(?:do\s+)?(?:the\s+|just\s+the\s+)?same(?:\s+(?:thing|again|cut))?\s+(?:(?:but\s+)?for|with)\s+(?=\S)",
     lambda d, m: (setattr(d, "additive", True), setattr(d, "everything", True), " ")[2]),
    # "it but without the dog", "that but in reverse": the cut on screen again
    (_CLAUSE + r"(?:it|this|that)(?:\s+one)?\s+(?=but\b)", lambda d, m: (setattr(d, "additive", True), " ")[1]),
    # the cut on screen again: "same but in reverse", "keep everything else the same but add X"
    (r"\b(?:keep\s+)?(?:everything|all|the\s+rest)(?:\s+else)?\s+(?:stays?\s+|the\s+)same\b"
     r"|(?:^|(?<=[,;]))\s*(?:(?:the|just\s+the|exactly\s+the)\s+)?same(?:\s+(?:thing|cut|one|again|as\s+before))?"
     r"(?=\s*(?:[,;.!?]|$|but\b|and\b|with\b|only\b|except\b|without\b|plus\b))",
     lambda d, m: (setattr(d, "additive", True), " ")[1]),
    # "a quick look at the dogs": the dogs
    (r"\b(?:(?:take|have|get)\s+)?(?:a\s+)?(?:(?:quick|short|brief|little)\s+)?(?:look|peek|glance|squint)\s+at\b",
     lambda d, m: " "),
    # "anything wedding related", "stuff to do with the wedding": the wedding
    (r"\b(?:(?:stuff|things?|anything|everything|bits?)\s+)?(?:to\s+do|having\s+to\s+do)\s+with\b",
     lambda d, m: " "),
    (r"\b([a-z]+)[- ]related\b", lambda d, m: f" {m.group(1)} "),
    # "the one in glasses", "the one wearing a hat": someone, by what they wear
    (r"\bthe\s+one\s+(?=(?:in|wearing|dressed\s+in)\s+(?!the\s+(?:middle|beginning|start|end|first|last|second"
     r"|third|opening|final|other)\b)(?:a\s+|an\s+|the\s+|his\s+|her\s+)?[a-z])", lambda d, m: " the person "),
    # nobody in the picture: "shots with nobody in them", "where no one is on screen" are the
    # shots without people (not a subject "nobody"; "where nobody talks" is silence, frames.py)
    (r"\b(?:(?:with|where|when)\s+(?:there(?:'s|\s+is|\s+are)\s+)?)?(?:nobody|no\s+one|no-one|noone|not\s+a\s+soul)"
     r"(?:\s+(?:is|are))?(?:\s+(?:in(?:\s+(?:it|them|the\s+(?:shot|frame|picture)))?|on\s*[- ]?screen|visible"
     r"|in\s+(?:sight|view|shot|frame)|around|there)(?=\s*(?:[,;.!?]|$|but\b|and\b|please\b|only\b))|(?=\s*(?:[,;.!?]|$)))",
     lambda d, m: " without people "),
    # "everything - dogs": a minus sign; "cats yes, dogs no": a verdict after each subject
    (r"\b(everything|all\s+of\s+it|the\s+lot|the\s+whole\s+(?:thing|film|video|movie))\s+-\s+",
     lambda d, m: f" {m.group(1)} minus "),
    (_CLAUSE + r"(?P<x>[^,;<]+?)\s+(?:no|nope|no\s+thanks|no\s+way)\s*(?=[,;.!?]|$)",
     lambda d, m: m.group(0) if re.search(_VERDICT_AFTER, m.group("x")) else f" no {m.group('x')} "),
    (_CLAUSE + r"(?P<x>[^,;<]+?)\s+(?:yes|yeah|yep|yes\s+please)\s*(?=[,;.!?]|$)",
     lambda d, m: m.group(0) if re.search(_VERDICT_AFTER, m.group("x")) else f" {m.group('x')} "),
    # two subjects trade places: "swap the dogs and the cats" plays the cats before the dogs
    (r"\b(?:swap|switch|flip)\s+(?:the\s+order\s+of\s+)?(?P<x>(?!(?:the\s+)?(?:order|sequence|them|it|these|those)\b)"
     r"[^,;<]+?)\s+(?:and|with)\s+(?P<y>[^,;<]+?)(?:\s+(?:a)?round)?(?=\s*(?:[,;.!?]|$))",
     lambda d, m: m.group(0) if _done_by_them(m) else f" {m.group('y')} before {m.group('x')} "),
    # one subject for another: "replace the dogs with horses", "horses instead of the dogs",
    # "swap the dogs for the horses": the new one kept beside the rest, the old one gone
    (r"\breplace\s+(?P<x>[^,;<]+?)\s+(?:with|by)\s+(?P<y>[^,;<]+)|\bswap\s+(?P<x2>(?!the\s+order\b)[^,;<]+?)\s+for"
     r"\s+(?P<y2>[^,;<]+)|\binstead\s+of\s+(?P<x3>[^,;<]+?)\s*,\s*(?P<y3>[^,;<]+)"
     r"|(?P<y4>[^,;<]+?)\s+(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?P<x4>[^,;<]+)",
     lambda d, m: m.group(0) if _done_by_them(m) else (setattr(d, "additive", True), " {} , without {} ".format(
         *next((m.group(f"y{k}"), m.group(f"x{k}")) for k in ("", "2", "3", "4") if m.group(f"y{k}"))))[1]),
    # "make it snappier": shorter, said of the cut on screen
    (r"\bmake\s+(?:it|this)\s+(?:a\s+(?:bit|little)\s+)?(?:snappier|tighter|punchier|briefer)\b", lambda d, m: " shorter "),
    # "move the lighthouse to the front", "swap the cat to the start", "slot it in at the end": a place in the cut
    (r"\b(?:move|shift|bump|swap|switch|shove|slot|slip|push|pull)\s+(?P<x>[^,;<]+?)\s+(?:in\s+)?(?:up\s+|down\s+)?(?:to|at)\s+the\s+"
     r"(?:very\s+)?(?:(?P<first>front|start|beginning|top)|end|back|bottom)\b", lambda d, m: f" {m.group('x')} {'first' if m.group('first') else 'last'} "),
    # "throw in the seagulls", "can you also toss in a bit of the cat", "sneak the cat in somewhere": added;
    # "throw the cars out", "kick out the cars": left out
    (r"^\s*(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?)?(?:(?:and|also|oh|maybe|just)\s+)?(?:throw|chuck|stick|pop"
     r"|toss|slip|sneak|squeeze|work|fit)\s+(?:in\s+|(?P<x>[^,;<]+?)\s+in(?:\s+(?:there|somewhere|as\s+well|too|again))?\s*$)",
     lambda d, m: f" add {m.group('x') or ''} "),
    (r"\b(?:throw|chuck|kick|toss|boot)\s+(?:out\s+(?=(?:the|all|any|those|these|that|every)\b)|(?P<x>(?:the|all|those|these|that)"
     r"\s+[^,;<]+?)\s+out\b)", lambda d, m: f" without {m.group('x') or ''} "),
    (r"\bafter\s+all\b(?=\s*(?:[,;.!?]|$))", lambda d, m: " "),  # "keep the boats after all": a change of mind, no order
    # "forget the order", "any order is fine", "play it forwards", "undo the reverse", "the goat and the kite, alternating"
    # (as they come in the film, which mixes them): the film's order again
    (r"\b(?:forget|drop|ignore)\s+(?:about\s+)?the\s+order\b|\b(?:in\s+)?any\s+order(?:\s+(?:is\s+)?(?:fine|ok|okay|good))?\b|(?:^|(?<=[,;]))"
     r"\s*(?:alternating|alternately|interleaved|intercut|mixed(?:\s+up)?|back\s+and\s+forth)(?=\s*(?:[,;.!?]|$))"
     r"|\b(?:the\s+)?order\s+doesn'?t\s+matter\b|\bplay(?:ed)?\s+(?:it\s+)?forwards?\b"
     r"|(?:^|(?<=[,;]))\s*forwards(?=\s*(?:please|pls|again|[,;.!?]|$))|\bundo\s+the\s+revers(?:e|al|ing)\b", lambda d, m: " in film order "),
    # no length any more: "forget the length", "no time limit", "drop the cap"
    (r"\b(?:forget|drop|remove|ignore|lose|scrap|ditch|lift|no|without|any|take\s+off|get\s+rid\s+of"
     r"|(?:don'?t|do\s+not|never)\s+(?:worry|bother|care)|whatever)\s+(?:about\s+)?(?:the\s+|a\s+)?"
     r"(?:(?:(?:(?:length|time|duration)\s+)?(?:limit|cap)(?:\s+on\s+(?:the\s+)?(?:length|time|duration))?"
     r"|length|duration|budget)(?:\s+(?:is|are)\s+(?:fine|ok|okay|good))?\b"
     r"|(?-i:maximum|(?<!without\s)max)(?:\s+length)?(?=\s*(?:[,;.!?]|$)))"  # "without Max", "without max": a name
     r"|\b(?:(?:it\s+)?(?:can|could|may)\s+be\s+)?(?:as\s+long\s+as\s+(?:(?:it|you)\s+)?(?:takes|needs|likes?|wants?)"
     r"|however\s+long(?:\s+it\s+(?:takes|is))?)\b",
     lambda d, m: d.budget.update(free=True)),
]]
