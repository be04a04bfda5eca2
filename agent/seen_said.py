"""Said x seen: the clause of a request that asks WHEN a speaker is on screen.

A person has two evidences, the voice (what they say) and the face (when they are seen).
"Owen's lines while he's on screen", "clara's lines when she isn't on screen", "when Dan
talks but we see someone else", "everything Owen says except when he's on camera", "dan's
choir talk, but only when we can see him": a voice request with a clause of sight.

The clause is read by its grammar, not by its wording: a connective ("while", "when",
"but only when", "except when", ",", "and"), an optional subject ("he's", "we can actually"),
a predicate of sight (on/off screen or camera, in/out of shot/frame/view/sight, visible,
seen, shown, "see him/her/them") and the negations around it ("not", "n't", "never",
"except", "someone else" seen). An odd number of negations is the unseen sense.

Written in one token-free form before the parser splits the line at "not"/"but":
``SEEN`` (" while in sight") or ``UNSEEN`` (" while off screen", the form traits.off_screen
already writes), kept on the subject only when that subject is a voice (a verb or noun of
saying before the clause: "lines", "talks", "says"); a person asked with a clause of
sight and no saying ("the cartoon guy, only when you can see him", "all the women you can
see on screen") is simply that person on screen. The sight may come first ("when Max is on
screen and talking") and may be another person's, by a first name ("Lena's voice when Tom is on
screen": " while tom in sight"). seen_hits.py answers these forms.
"""
from __future__ import annotations

import re

from .traits import FEMALE, MALE, first_names
from .word_forms import DROP_VERBS, bases

SEEN = " while in sight"
UNSEEN = " while off screen"
#: a described person asked as a speaker ("what the man in the bow tie says"): their voice where the
#: film ties one to their face (voices.py), else their face; who.clean reads the person without it
SPEAKING = " while speaking"
ALONE = re.compile(r"^(?:just\s+|only\s+)?(?P<names>.+?) talking alone$", re.I)
TAIL = re.compile(r"\s+while\s+(?:(?P<other>[a-z][\w'-]*)\s+)?(?P<sense>in sight|off screen)$", re.I)

_I = re.I
_OBJ = r"(?:him|her|them|his\s+face|her\s+face|their\s+faces?|who(?:'s|\s+is)\s+talking)"
_OTHER = (r"(?:someone|somebody|anyone|anybody|something|anything)(?:\s+or\s+(?:someone|somebody|something|anything))?"
          r"\s+(?:else|other\s+than\s+(?:him|her|them))"
          r"|another\s+(?:person|face)|other\s+people|a\s+different\s+(?:person|face)")
_PLACE = r"(?:screen|camera|cam)"
_FRAME = r"(?:the\s+)?(?:shot|frame|picture|view|sight)"
#: a predicate of sight: its own sense is seen, or unseen for the "off"/"out of" forms
_POS = (rf"(?:(?:the\s+)?on[\s-]?{_PLACE}\s+(?:ones|bits|parts|lines)|(?:see\s+)?on[\s-]?{_PLACE}|(?:see\s+)?in\s+{_FRAME}|visible|seen|shown|showing|see\s+{_OBJ}"
        rf"|(?:see|look(?:ing)?\s+at|watch(?:ing)?)\s+(?:{_OTHER})|(?:look(?:ing)?\s+at|watch(?:ing)?)\s+{_OBJ}|(?:his|her|their)\s+face\s+(?:is\s+|are\s+)?(?:on[\s-]?{_PLACE}|visible|shown))")
_NEG_PRED = (rf"(?:(?:the\s+)?off[\s-]?{_PLACE}\s+(?:ones|bits|parts|lines)|(?:only|just)\s+hear\s+{_OBJ}|off[\s-]?{_PLACE}|out\s+of\s+{_FRAME}|invisible|(?:just\s+|only\s+)?(?:the\s+)?voice\s+only|heard\s+but\s+not\s+seen"
             r"|over\s+(?:other|different)\s+(?:pictures|pics|shots|images|footage|scenes|faces))")  # "Tom's voice over other pictures"
_SUBJ = (r"(?:(?:he|she|they|we|you|i|one|it)(?:'s|'re|’s|’re|\s+is|\s+are|\s+isn't|\s+aren't|\s+is\s+not|\s+are\s+not)?\s+)?"
         r"(?:(?:can|could|do|does|did|will)(?:n't|\s+not|not)?\s+|can't\s+|cannot\s+|don't\s+|doesn't\s+)?"
         r"(?:actually\s+|really\s+|also\s+|still\s+|not\s+|never\s+|no\s+longer\s+)*"
         r"(?:the\s+one\s+(?:who(?:'s|\s+is)\s+)?)?")  # "she's not the one on screen"
#: a verb that leaves out what follows ("but skip the ones where we can see her"): one negation
_DROP = rf"(?:{DROP_VERBS}(?:\s+out)?|minus|take\s+out)"
_CONN = (rf"(?:\s*,\s*|\s+)(?:(?:but|and)\s+)?(?:(?:only|just|except|apart\s+from|other\s+than|not|{_DROP})\s+)?"
         r"(?:(?:the\s+)?(?:bits?|parts?|times?|moments?|ones?)\s+(?=(?:where|when|in\s+which)\b))?"  # "only the bits where"
         r"(?:(?:while|when|whenever|where|if|as\s+long\s+as|without(?:\s+being)?|with|in\s+which)\s+)?")
_CLAUSE = re.compile(rf"(?P<clause>{_CONN}{_SUBJ}(?P<pred>{_NEG_PRED}|{_POS}))(?=\s*(?:[,.;!?]|$|\s+(?:first|in\s|under|"
                     r"over|for\s|then|and\s|but\s|max|at\s|no\s|only|please)))", _I)
_NEGATION = re.compile(rf"\b(?:not|never|except|without|apart\s+from|other\s+than|no\s+longer|cannot|{_DROP})\b|n't\b|{_OTHER}", _I)
#: "who's on screen in the first minute?": whoever is seen, the people on screen
_WHO_SEEN = re.compile(rf"^(?P<lead>\s*(?:so\s+|and\s+)?)who(?:'s|’s|\s+is|\s+are|\s+was)\s+(?:on[\s-]?{_PLACE}|visible|in\s+{_FRAME})"
                       r"(?!\s+(?:for\s+)?(?:longer|more|most)\b)", _I)  # "who's on screen longer": counts.py
#: a clause of sight joins its subject by a comma, a connective or a pronoun ("while he's", "we can")
_JOINS = re.compile(r",|\b(?:but|and|except|while|when|whenever|where|if|as\s+long\s+as|with|he|she|they|we|you)\b", _I)
#: "Owen speaking on camera", "the lines Dan says off screen": a verb of saying right before the predicate
_SAID_LAST = re.compile(r"\b(?:says?|said|saying|talks?|talking|speaks?|speaking|spoke|chatting|lines|voice)\s*$", _I)
#: who may say a line without a name: the speaker asked by a word of their own
_VOICE_WORDS = frozenset("narrator speaker voice someone somebody who whoever person".split())
#: the words of saying (their base forms): a subject before the clause that says one is a voice
_SAYING = frozenset("say talk speak chat line voice word dialogue speech natter mention tell chatter hear heard".split())


def _says(text: str) -> bool:
    """Whether ``text`` asks for what someone says (a verb or noun of saying in it)."""
    return any(b in _SAYING for w in re.findall(r"[a-z]+", text.lower()) for b in (w, *bases(w)))


def sense(clause: str, pred: str) -> bool:
    """True for the seen sense of a clause of sight, False for the unseen one."""
    negative = bool(re.fullmatch(_NEG_PRED, pred.strip(), _I) or re.search(_OTHER, pred, _I))  # "we see someone else"
    flips = len(_NEGATION.findall(clause[:clause.rfind(pred)]))  # "heard but not seen" is one sense
    return (flips % 2 == 1) == negative


#: the sight first, the saying after: "when Max is on screen and talking", "when you can see Tom and
#: he's talking", "Tom on camera while he speaks", "Lena on screen talking about her holiday": the
#: same relation, written in the one form
_NAME = r"(?:the\s+)?[a-z][\w'-]*"
_REVERSE = re.compile(rf"(?P<lead>^|\b(?:when|whenever|where|while)\s+)(?:(?:we|you)\s+(?:can\s+)?see\s+(?P<a>{_NAME})"
                      rf"|(?P<b>{_NAME})\s+(?:is\s+|'s\s+)?(?P<pred>{_NEG_PRED}|{_POS}))(?:\s+(?:and|while|when|whenever|as))?\s+"
                      r"(?:(?:he|she|they)(?:'s|'re|’s|\s+is|\s+are)?\s+)?(?:is\s+|are\s+)?"
                      r"(?:talking|speaking|chatting|talks|speaks|says\s+something)"
                      r"(?P<topic>\s+(?:about|of)\s+[^,.;!?]+?)?(?=\s*(?:[,.;!?]|$))", _I)


#: another person seen while one speaks: "Lena's voice when Tom is on screen", "what Max says while we
#: see Lena": written " while tom in sight" (a first name: "while a cartoon is on screen" is a thing)
_OTHER_SEEN = re.compile(rf"\s*,?\s+(?:but\s+|and\s+)?(?:only\s+)?(?:while|when|whenever|where|with)\s+(?:(?:we|you)(?:'re|\s+are)?\s+(?:can\s+)?"
                         rf"(?P<neg>can't\s+|cannot\s+|don't\s+|aren't\s+|are\s+not\s+)?(?:see|seeing|look(?:ing)?\s+at|watch(?:ing)?)\s+(?P<a>[a-z][\w'-]*)|(?P<b>[a-z][\w-]*)(?:\s+is\s+|['’]s\s+|\s+)"
                         rf"(?P<pred>{_NEG_PRED}|{_POS}))(?=\s*(?:[,.;!?]|$))", _I)


#: "the wedding talk but not when Owen is on screen": the negation before the clause of another's sight
_NOT_BEFORE = re.compile(r"\s*,?\s*(?:but\s+)?(?:not|except|apart\s+from|other\s+than)\s*$", _I)


def _a_voice(text: str) -> bool:
    """Whether the saying in ``text`` is someone's (a first name, a person word: "what Max says",
    "the man's lines"), not a topic talked about ("the wedding talk", "what they say about money")."""
    words = set(re.findall(r"[a-z]+", text.lower().replace("'s", "")))
    return bool(words & (FEMALE | MALE | _VOICE_WORDS) or any(w in first_names() for w in words))


def _other_seen(text: str) -> str | None:
    m = _OTHER_SEEN.search(text)
    who = m and (m.group("a") or m.group("b"))
    before, after = text[:m.start()] if m else "", text[m.end():] if m else ""
    if not who or who.lower() not in first_names() or not _says(before):
        return None
    seen = not m.group("neg") if m.group("a") else sense(m.group("pred"), m.group("pred"))
    if not _a_voice(before):  # a topic while someone is seen: both at once, as "X on screen during Y" reads
        lead = _NOT_BEFORE.sub("", before)
        if seen == (lead == before):
            return f"{who} on screen during {lead.strip()}{after}"
        return f"{lead} without {who} on screen{after}"
    return before + f" while {who.lower()}" + (" in sight" if seen else " off screen") + after


def _reverse(m: re.Match) -> str:
    who = m.group("a") or m.group("b")
    if not who.lower().startswith("the ") and who.lower() not in first_names():
        return m.group(0)  # "food on screen while they are talking": a thing seen, not a speaker
    seen = m.group("a") is not None or sense(m.group("pred"), m.group("pred"))
    return f"{m.group('lead')}{who} talking{m.group('topic') or ''}" + (SEEN if seen else UNSEEN)


#: only these voices: "just dan and owen chatting, where nobody else is talking", "clara and hana, just
#: the two of them", "felix and nora on their own, when maya stays quiet": first names and a word that
#: no one else speaks, written "dan_and_owen talking alone" (one subject: the parser splits at "and")
_FIRST = r"[a-z][a-z'-]*"
_ONLY_THEM = re.compile(rf"\b(?P<names>{_FIRST}(?:\s*,\s*{_FIRST})*\s*,?\s+(?:and|&)\s+{_FIRST})\b[^.;!?]*?"
                        r"(?:(?:no\s*one|nobody|noone)\s+else|on\s+their\s+own|by\s+themselves|(?:the\s+)?two\s+of\s+them"
                        r"(?:\s+alone|\s+only)?|\balone\b|(?:stays?|is|keeps?)\s+quiet|says?\s+nothing)"
                        r"(?:\s+(?:is\s+|are\s+)?(?:talking|speaking|chatting|talks|speaks|does|do)(?:\s+at\s+all)?)?"
                        rf"(?:\s*,?\s*(?:when|while|where|and)\s+{_FIRST}\s+(?:stays?|is|keeps?)\s+quiet)?", _I)


def _only_them(text: str) -> str | None:
    m = _ONLY_THEM.search(text)
    names = re.split(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", m.group("names").strip().lower()) if m else []
    if len(names) < 2 or not all(n in first_names() for n in names):
        return None
    return text[:m.start()] + "_and_".join(names) + " talking alone" + text[m.end():]


#: the sight as an adjective of the saying: "Owen's off-camera lines", "her on-screen dialogue"
_ADJ = re.compile(rf"\b(?P<s>on|off)[\s-]?{_PLACE}\s+(?P<n>lines|dialogue|talk|talking|speech|voice|words|chat)"
                  r"(?=\s*(?:[,.;!?]|$))", _I)


#: "where you hear Max", "the bits we can hear the cartoon guy": a person heard is that person talking
_HEARD = re.compile(r"\b(?:you|we)\s+(?:(?:can|only|just)\s+)*hear\s+(?P<x>(?!(?:him|her|them|it|me|us)\b)(?:the\s+)?[a-z][\w'-]*(?:\s+[a-z][\w'-]*)?)"
                    r"(?=\s*(?:[,.;!?]|$|\s+(?:but|and|while|when|talking|speaking)\b))", _I)


def _heard(m: re.Match) -> str:
    x = m.group("x")
    return f"{x} talking" if _a_voice(x) else m.group(0)


def sight_clause(text: str) -> str:
    """``text`` with its clause of sight in the one form the search answers (see the module's
    docstring); unchanged when it has none."""
    text = _HEARD.sub(_heard, text)
    text = _WHO_SEEN.sub(lambda m: f"{m.group('lead')}anyone on screen", text)
    text = _ADJ.sub(lambda m: m.group("n") + (SEEN if m.group("s").lower() == "on" else UNSEEN), text)
    text = _only_them(text) or text
    text, turned = _REVERSE.subn(_reverse, text, count=1)
    if turned:
        return text
    other = _other_seen(text)
    if other is not None:
        return other
    m = _CLAUSE.search(text)
    if m is None or m.start() == 0 or not (_JOINS.search(m.group("clause")) or _SAID_LAST.search(text[:m.start()])):
        return text  # "a cartoon is on screen": no clause of its own, a thing seen
    before, after = re.sub(r"\s+(?:is|are|was|were|being)$", "", text[:m.start()], flags=_I), text[m.end():]
    seen = sense(m.group("clause"), m.group("pred"))
    if _says(before + " " + m.group("pred")):
        return before + (SEEN if seen else UNSEEN) + after
    if seen:  # a person (or thing) seen, no voice asked: the person on screen
        return before + " on screen" + after
    return text  # "the man, not on screen": traits.off_screen and the parser read it as before


def split(text: str) -> tuple[str, bool, str] | None:
    """("Owen's lines", True, "") for "Owen's lines while in sight": the voice asked, whether it must
    be seen and who (another person's first name, "" for the speaker); None without a clause."""
    m = TAIL.search(text.strip())
    if m is None:
        return None
    return text.strip()[:m.start()].strip(), m.group("sense").lower() == "in sight", (m.group("other") or "").lower()
