"""Talk frames: a request about talk has a frame (a word for talking) and a topic.

Dev (bench/quality.py --split dev, 905 requests, from /tmp/r2_start.json): mean F1 .833 -> .839,
constraints .853 -> .861, outsider6 .676 -> .703; rows fixed on four films and four sets, none
lost (the report of branch parse7 lists them).

"the chat about the forecast", "when they natter on about football", "the skiing commentary",
"what do they talk about", "when they discuss what to make for supper": the frame says the
subject is speech; the topic is what is left once the frame and the question words go.
The frame is read by its grammar (a noun before about/of/on, a noun after the topic, a verb
after whoever talks) and by WordNet: the talk words are WordNet 3.0's own kinds of talking,
saying and speech (``indexers/data/make_talk_words.py``), never a list fitted to requests.
Also here, talk's absence: silence ("the parts where nobody talks", "cut out the talking") is
the speech timeline, not a subject to search.
"""
from __future__ import annotations

import re
from typing import Optional

from .story import read_story
from .quoted import QUOTE, SAID
from .word_forms import CHATTER, POSSESSIVE, SUBJECT_PRONOUNS, TALKER, VOICE_OVER, bases, talk_noun, talk_verb, talk_words

# --- silence: "the parts where nobody talks" is the speech timeline, not a picture ------
#: A restriction ("the dogs where nobody talks", "the cats without talking") keeps only the
#: silent part of the other subjects (match "all"); a noun ("silent bits") is its own group.
#: "says a word", "says anything": any talk at all (not "a word about the cat")
_NOTHING_SAID = (r"(?:says?|said|saying|utters?|is\s+saying)\s+(?:anything|a\s+(?:word|thing))"
                 r"(?!\s+(?:about|of|on)\b)")
SILENCE_WHERE = re.compile(
    r"\b(?:(?:the\s+|every\s+|any\s+|all\s+(?:the\s+)?)?(?:(?:silent|quiet|wordless|speechless)\s+)?(?:parts?|bits?|moments?|scenes?|shots?|clips?|stretch(?:es)?"
    r"|times?|places?|sections?|pictures?|photos?|images?)"  # "the bits (where) nobody talks"
    r"\s+(?:(?:where|when|in which|with)\s+)?|(?:where|when|in which|with)\s+)(?:nobody|no one|no-one|noone|none of them|no body)"
    r"(?:\s+(?:is|are)|'s)?\s+(?:talks?|talking|speaks?|speaking|yakking|yapping|narrates|narrating"
    rf"|{_NOTHING_SAID})\b"
    r"|\b(?:where|when)\s+(?:it'?s|it is|everything is|all is)\s+(?:quiet|silent)\b"
    r"|\b(?:with\s+)?(?:no|without(?:\s+any)?)\s+(?:talking|dialogue|dialog|speech|speaking"
    rf"|narration|{VOICE_OVER}|voices?|words spoken)\b|\b(?:nobody|no one|no-one)(?:'s)?\s+(?:talking"
    rf"|speaking|yakking|yapping|{_NOTHING_SAID})\b", re.I)
#: what is only talk itself: dropping it keeps where nobody talks
TALK_ONLY = re.compile(r"(?:the\s+|any\s+|all\s+(?:the\s+)?)?(?:talking|talk|speech|speaking|dialogue|dialog"
                        rf"|chatter|chat|conversations?|{VOICE_OVER}|voices?|narration|narrated|spoken(?:\s+words)?"
                        r"|(?:voices?|words|talk|talking|speech)\s+(?:heard|spoken|said)"
                        rf"|{TALKER}\s+(?:is\s+|are\s+)?"
                        r"(?:talking|speaking|talks|speaks|talk|speak))", re.I)
#: the silence of a whole shot ("the shot where nobody talks"), not a pause inside one
SILENT_SHOT = "no speech in the whole shot"
SHOT_NOUN = re.compile(r"\s*(?:(?:the|every|any|all(?:\s+the)?)\s+)?(?:(?:silent|quiet|wordless|speechless)\s+)?"
                       r"(?:scenes?|shots?|clips?)\s", re.I)
SHOT_OF = re.compile(r"\b(?:scenes?|shots?|clips?)\s+(?:of|with|showing|featuring)\s+[^,;<]{1,40}$", re.I)
SILENCE = re.compile(
    r"\b(?:silent|quiet|wordless|speechless|dialogue-free|dialog-free|talk-free)\s+(?:parts?|bits?"
    r"|moments?|scenes?|shots?|stretches|passages|sections?|ones?|footage|stuff|pictures|photos|images|interludes?|pauses)\b"
    r"|\b(?:silence|silences)\b", re.I)

_I = re.I


_WHO = (rf"(?:{TALKER}|i|both|"
        r"(?:the|a|an|his|her|their)\s+[a-z'-]+)")
_ABOUT = r"(?:about|of|on|over|regarding|concerning|re)"
#: "when they natter (on) about X", "where she raves about X": whoever talks, a verb, a preposition
_VERB_FRAME = re.compile(rf"(?:\b(?:where|when|whenever|while|in which)\s+)?\b{_WHO}\s+"
                         r"(?:(?:is|are|was|were|keeps?|starts?|goes|go|get|gets)\s+)?"
                         rf"(?P<v>[a-z'-]+)(?:\s+(?:on|away|back|up|out|together))?\s+{_ABOUT}\b", _I)
#: "the chat about X", "a quick natter on X", "any mention of X": a talk noun, then a preposition
_NOUN_FRAME = re.compile(rf"\b(?P<n>[a-z'-]+)\s+{_ABOUT}\b", _I)
#: "the skiing chat", "the audiobook excerpt": the topic, then a talk noun at the end
_TRAILING_NOUN = re.compile(r"^(?P<t>.*?[a-z0-9'-])\s+(?P<n>[a-z'-]+)\s*$", _I)
#: "what do they talk about", "what are they chatting about": a question with no topic at all
_WHAT_ABOUT = re.compile(rf"^\s*(?:so\s+)?(?:what|whatever)\s+(?:(?:do|does|did|are|is|were|was)\s+)?"
                         rf"{_WHO}\s+(?:(?:is|are|was|were)\s+)?(?P<v>[a-z'-]+)(?:\s+(?:on|away))?\s+about\s*$", _I)
#: a clause for a topic: "what to make for supper", "what they have in the morning"
_CLAUSE = re.compile(r"^\s*(?:what|how|whether|which|where|when|who)\s+", _I)
_LINK = frozenset("to do does did will would should could can is are was were be".split())
_PREP = frozenset("for in on at of to about with from by into during".split())
_DET = frozenset("the a an".split())
#: when, said as one word: a clause's topic only beside a thing ("what to cook tonight" is cooking)
_WHEN_SAID = frozenset("tonight tonite today tomorrow yesterday now later soon".split())


#: "when they talk", "whenever someone speaks": whoever (a pronoun: "the cat meows" is no talk), a
#: talk verb, nothing more
_BARE_TALK = re.compile(r"^\s*(?:(?:when|where|whenever|while|in which|(?:the|all the|any)\s+(?:bits?|parts?|moments?|scenes?|shots?|times?)"
                        r"\s+(?:where|when|whenever|while|in which))\s+)?"
                        rf"{TALKER}"
                        r"(?:'re|'s|\s+(?:is|are|was|were|starts?|keeps?))?\s+(?P<v>[a-z'-]+)\s*$", _I)


def asks_all_talk(text: str) -> bool:
    """Whether the words only ask what is said ("what do they talk about"): all the talk."""
    m = _WHAT_ABOUT.match(text)
    return bool(m) and talk_verb(m.group("v"))


#: verbs whose own sense is talking at all, said with nothing after them: "when they chat" is all
#: the talk, but "when he proposes", "when she cries", "where she sings" are one thing someone does
#: (WordNet files proposing, crying and singing under uttering or expressing too)
_JUST_TALK = CHATTER | frozenset("talk speak chat converse chatter gossip gab jabber babble ramble argue bicker quarrel "
                                 "debate discuss rant moan complain grumble say".split())


def bare_talk(text: str) -> bool:
    """Whether the words only say that someone talks ("when they talk"), naming no topic."""
    m = _BARE_TALK.match(text)
    return bool(m) and any(b in _JUST_TALK for b in bases(m.group("v")))


def without_lone_talk(parts: list[list], clean, restricts: bool = False) -> list[list]:
    """A part that only says someone talks (lead None) beside parts with a subject adds nothing:
    "when they say hi and introduce themselves" is the introductions, not every line; unless it
    ``restricts`` them (the shots must answer every part): "the bridge while someone is talking"
    is the bridge where talk is heard."""
    if not restricts and len(parts) > 1 and any(p[2] is None for p in parts) and any(
            p[2] is not None and clean(p[0]) for p in parts):
        return [p for p in parts if p[2] is not None]
    return parts


def no_topic(text: str) -> bool:
    """Talk with no topic: "what do they talk about", "when they talk": all the talk."""
    return asks_all_talk(text) or bare_talk(text)


def clause_topic(topic: str) -> str:
    """A clause's content words: "what to make for supper" -> "supper", "what they have in the
    morning" -> "morning": the question word, whoever acts and what they do (the word after a
    pronoun or "to") are no topic; a topic that is no clause is given back as it is."""
    if not _CLAUSE.match(topic):
        return topic
    words = topic.split()[1:]
    out: list[str] = []
    done: list[str] = []  # what they do: the topic only where nothing else is named ("what to cook tonight")
    skip_next = False
    for w in words:
        lw = w.lower()
        if skip_next and lw not in _PREP and lw not in _DET:
            skip_next = False
            done.append(w)
            continue
        skip_next = False
        if lw in SUBJECT_PRONOUNS or lw in _LINK:
            skip_next = lw in SUBJECT_PRONOUNS or lw == "to"
            continue
        out.append(w)
    while out and out[0].lower() in _PREP | _DET:
        out.pop(0)
    if all(w.lower() in _WHEN_SAID for w in out):  # "what to cook tonight": cooking
        out = done
    return " ".join(out) or topic


def _a_verb_here(word: str) -> bool:
    """ "talks", "talking", "chatted": an inflected form of a talk verb is the verb here ("felix
    talks about food", "max is talking"), not a talk noun; "the chat", "the discussions" are nouns."""
    w = word.lower()
    return any(b in talk_words()[0] for b in bases(w)[1:])


#: "the guy in": a described talker, then where they are
_AFTER_PLACE = re.compile(r"^\s*(?:(?:when|whenever|where|while)\s+)?(?:the|a|an|that|this)\s+(?:[a-z'-]+\s+){1,3}"
                          r"(?:in|on|at|by|near|inside|outside|behind|under|with|wearing|from)\s*$", _I)


#: "his rant about X", "their chat about X": whose talk it is (or nobody's), no part of the topic
_OWNER = re.compile(rf"\s*(?:{POSSESSIVE}\s*)?", _I)


def owner_only(before: str) -> bool:
    """Whether the words before a talk frame only say whose talk it is ("his", "their", nothing)."""
    return bool(_OWNER.fullmatch(before))


def talker_kept(before: str, frame: str) -> str:
    """What comes before a topic frame's talker ("the car" in "the guy in the car talking about
    X"), the talker gone: the car is only where the described talker is, so the whole phrase
    goes, as the guy does in "the guy talking about X". Any other frame keeps it all."""
    topic = re.search(rf"\b{_ABOUT}\s*$", frame, _I)
    return "" if topic and (_AFTER_PLACE.search(before) or owner_only(before)) else before


_CLAUSE_WORD = re.compile(r"\b(?:with|without|in|from|of|on|at|by|who|that|which|where|when|is|are|was|were)\b", _I)


def talk_frame(raw: str) -> Optional[tuple[str, str]]:
    """(what comes before the frame, the topic) when ``raw`` is about talk by a WordNet talk word
    the fixed cues do not know; None when it has no talk frame or no topic."""
    for m in _VERB_FRAME.finditer(raw):
        if talk_verb(m.group("v")):
            topic = raw[m.end():].strip()
            if topic:
                return talker_kept(raw[:m.start()], m.group(0)), clause_topic(topic)
    for m in _NOUN_FRAME.finditer(raw):
        word, about = m.group("n"), re.search(r"(?:about|regarding|concerning|\bre)$", m.group(0), _I)
        # "a natter about X", "a moan about X": a talk verb's bare form as a noun, before "about"
        # only ("the state of the kitchen", "the point of it" are no talk)
        named = talk_noun(word) or (about is not None and talk_verb(word))  # "the moaning about work"
        if named and not _a_verb_here(word) and raw[m.end():].strip():
            return raw[:m.start()], clause_topic(raw[m.end():].strip())
    m = _TRAILING_NOUN.match(raw.strip())
    if m and talk_noun(m.group("n")) and not _a_verb_here(m.group("n")) and not _CLAUSE_WORD.search(m.group("t")):
        topic = re.sub(r"\b(?:the|a|an|any|all|some|every|that|this|his|her|their|my|your|our|its)\b", " ",
                       m.group("t"), flags=_I).split()
        # "the long speech": no topic; "his interview": the talk noun is the topic itself
        if topic and topic[-1].lower() not in talk_words()[2] | SUBJECT_PRONOUNS:
            return "", m.group("t") + " " + m.group("n")
    return None


#: a request that is itself a sentence someone in the film says: a subject pronoun and its verb
#: ("she kept a clock on the wall that ran backward", "i only came for the free biscuit"), up to
#: the first mark that ends it; what follows a comma is the request's own ("..., under 20 s")
_LINE = re.compile(r"^(?P<lead>\s*(?:(?:ok(?:ay)?|so|hey|please|and)[\s,]+)*)(?P<line>(?:i|you|we|she|he|they|it|someone"
                   r"|somebody)\s+(?:(?:just|only|really|also|still|then|never|always|actually|finally|basically|literally"
                   r"|suddenly|already|usually|clearly|simply|probably|totally)\s+)?"
                   r"(?P<v>(?!(?:but|and|or|without|with|please|too|again)\b)[a-z'\u2019]+)(?![a-z'\u2019])[^,;:!?\"<]*)", _I)
#: what a viewer says of the cut, not a line: wanting, liking, seeing, being, modals
_ASKING = frozenset("""want wanna need needs like likes love loves enjoy enjoys hate hates prefer prefers wish
    would will should could can may might must shall am is are was were be have has had do does did get got
    see sees saw watch watches hear hears mean meant think guess""".split())
# words: "he scores a goal" may be a sight described. Dev (bench/quality.py --split dev, 905
# requests, all five dev films): every pronoun-led dev line has 7+ words and every pronoun-led
# request that is no line starts "i want"; read as lines: dialogue "she kept a clock on the
# wall that ran backward" 0 -> 1.0 (and its outsider4 twin .90 -> 1.0), interview "i only came
# for the free biscuit" .62 -> 1.0, gallery "someone sprayed ..." 1.0 -> 1.0; no row lost
_MIN_LINE = 5


def a_line_heard(text: str) -> str:
    """The request with a sentence said in the film put in quote marks, so it is read as the
    words of the film (quotes.py matches them word by word, misheard or not) and its own words
    ("before", "backward", "only") are never read as the request's grammar. Not a talk frame
    ("they talk about X"), nor a taste or a dislike ("she likes the fruit", "he really can't stand clowns"), nor a request ("i want ...")."""
    m = _LINE.match(text)
    if not m or QUOTE.search(text):
        return text
    line, verb, who = m.group("line").strip(), m.group("v").lower(), m.group("line").split()[0].lower()
    # told by its tense and person: the viewer speaks of the film in the present ("he kicks the
    # ball", "they plan the trip": a sight or a topic), so a line is in the first person ("i only
    # came for ...") or the past ("someone sprayed ...", "she kept ...": no -s after she/he/it)
    # ("someone reading out the cards": a participle is no finite verb, the words describe a moment)
    third = who in ("she", "he", "it", "someone", "somebody")
    told = third and verb in ("was", "were", "had")  # a third person's past auxiliary: "he was not ..."
    heard = not verb.endswith("ing") and (who in ("i", "we") or verb.endswith("ed") or told or (
        third and not verb.endswith("s")))
    framed = talk_verb(verb) and re.match(r"\s*(?:about|of|on|over|that)\b", line[m.end("v") - m.start("line"):], _I)
    if (not heard or len(line.split()) < _MIN_LINE or (verb in _ASKING and not told) or framed or not verb.isalpha()
            or read_story(line) != (line, "") or SAID.search(line)):
        return text
    return f'{m.group("lead")}"{line}"{text[m.end():]}'
