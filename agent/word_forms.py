"""Word shapes and word lists that several request readers share, each in one place
because its copies had drifted apart.

* The forms an inflected English word may come from: the talk frames ask whether
  "nattering" is a form of a talk verb and the typo fixer whether "animals" is a word (one
  copy knew "stories" -> story, the other "quickly" -> quick). ``lexical.stem`` stays apart
  on purpose: it folds a word to ONE stem for word matching, where a list of guesses would
  match too much.
* Subject pronouns and talkers: whoever a clause says acts ("when THEY plan the trip",
  "what ONE makes for supper"), whose next word is what they do, never the topic.
* "Things you can <verb>": what a verb is done to ("things you can ride", "stuff people
  could eat", "everything you'd wear"). The phrase is found inside a request
  (``keep_uses``, before ``subjects.clean`` would drop "you can" as filler and leave a bare
  "ride", which is a carousel) and read whole by ``use_kind`` for ``labels.category``
  (one copy kept "everything you can eat" whole and the other did not read it).
* The colour words before a thing ("the yellow building"): ``Query.colour``.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources
from typing import get_args

from .plan import Colour

#: whoever a request may say talks ("when someone mentions X", "while they're talking", "what
#: we say about X"): one list for every talk pattern (asides, grammar, frames, subjects), each
#: adding only what its own grammar allows ("the narrator", "his mum")
TALKERS = ("someone", "somebody", "anyone", "anybody", "everyone", "everybody", "people", "they", "he", "she",
           "we", "you")
TALKER = "(?:%s)" % "|".join(TALKERS)
#: "voice-over", "voice over", "voiceovers": read by the silence and talk patterns alike
VOICE_OVER = r"voice[- ]?overs?"
#: a verb that leaves something out of the cut ("drop the rest", "skip the ones where ...")
DROP_VERBS = r"(?:leave|drop|lose|cut|skip|ditch|remove|ignore|forget|toss|bin)"
#: "longer than that", "shorter than it is now": than the cut on screen (not "longer than 2 minutes")
THAN_NOW = (r"(?:\s+than\s+(?:that|this|before|now|it\s+(?:is|was)(?:\s+now)?|the\s+last\s+(?:one|cut|version))\b"
            r"|(?!\s+than))(?:\s+still\b)?")
#: what a viewer calls a thing they do not want ("he's boring", "the third one is awful"): one list for
#: the opinions the parser reads (said_otherwise) and the verdicts below
DISLIKES = (r"(?:boring|dull|tedious|annoying|irritating|awful|terrible|rubbish|pointless|useless|cringe(?:y|worthy)?"
            r"|creepy|ugly|gross|weird|lame|meh|bad)")
#: a verdict that sends something away, said after it ("is boring", "isn't needed", "can go", "can be
#: dropped"): one reading for a piece of the cut (arrange) and for a subject (asides)
GONE_VERDICT = (r"(?:(?:is|are|'s|'re|seems?|feels?|looks?)\s+(?:(?:really|so|too|a\s+bit|kind\s+of|pretty|just|quite|rather"
                rf"|very)\s+)*(?:{DISLIKES}|wrong|off|unnecessary|redundant|superfluous|out\s+of\s+place"
                r"|not\s+(?:right|good|needed|necessary|working))|(?:doesn|don)'?t\s+(?:belong|fit|work)"
                r"|shouldn'?t\s+be\s+(?:there|in(?:\s+it)?)|(?:isn|aren)'?t\s+(?:needed|necessary|right|working)"
                r"|(?:can|could|should|has\s+to|have\s+to|must|needs?\s+to)\s+go"
                r"|(?:can|could|should|must)\s+be\s+(?:dropped|cut|removed|lost|binned|ditched|taken\s+out))")
#: read out, called out: said aloud (WordNet files reading under seeing, calling under naming)
ALOUD_VERBS = frozenset("read reads reading call calls calling called".split())
ALOUD = r"(?:%s)\s+(?:out|aloud)" % "|".join(sorted(ALOUD_VERBS))
#: how a viewer opens a line before asking ("ok,", "hey", "so, ...", "could you ..."), as regex
#: alternatives: one list for the request's edges (asides.polite_edges) and the chat commands
#: (intent.command_intent), each reader adding only what its own grammar allows
INTERJECTIONS = ("ok(?:ay)?", "hey", "please")
TURN_MARKERS = ("well", "so", "now")  # "so, the dogs": a request needs the comma after them
ASKING_MODALS = ("could", "can", "would")  # "could you ..."
#: a place in the film or in an order ("the last shot", "ending where ..."): one list for the
#: subject and restriction readers, each adding what its own grammar allows
PLACES = frozenset("first second third last final opening closing next middle end".split())
#: English prepositions: grammar, never a typo of a noun ("beside" is no "bedside")
PREPOSITIONS = frozenset("""about above across after against along amid among around at atop before behind
    below beneath beside besides between beyond by down during except for from in inside into near of off on
    onto out outside over past through throughout to toward towards under underneath until up upon with within
    without""".split())
#: one person, with nothing said of who ("the woman", "the bloke"): only a word before or after picks one
#: out ("the photographer geezer", "the man in the hat"); subjects and person_words read these
ONE_PERSON = tuple("woman man person guy girl boy lady gentleman kid child fellow fella chap bloke dude lad lass gal "
                   "geezer gent".split())
ONE_PERSON_WORD = "(?:%s)" % "|".join(ONE_PERSON)  # as regex alternatives
PLAIN_PEOPLE = frozenset([*ONE_PERSON, *"""women men persons people guys girls boys ladies gentlemen kids children fellows
    fellas chaps blokes dudes lads lasses gals geezers gents one someone somebody human humans""".split()])
#: the titles before a family name ("Mr. Smith"): one list for the people and name readers
TITLES = ("mr", "mrs", "ms", "dr", "miss")
#: whose a thing is ("their dad", "his colleague"): one list for the talk and voice readers
POSSESSIVES = ("my", "our", "your", "his", "her", "their")
#: "he's", "there's", "everything's": an "is" ("has"), never a possessive noun
CONTRACTED_IS = r"(?:he|she|it|that|there|what|whatever|who|where|here|let|everything|anything|something|nothing)'s"
POSSESSIVE = "(?:%s)" % "|".join(POSSESSIVES)
#: the forms of the verbs of saying that follow a talker ("she finally SAYS yes", "where he ANSWERS
#: no"), irregular pasts included (frames.talk_verb reads WordNet's regular forms only)
SAYING = (r"(?:says?|said|saying|talks?|talked|talking|mentions?|mentioned|asks?|asked|shouts?|shouted|yells?"
          r"|yelled|tells?|told|whispers?|whispered|admits?|admitted|answers?|answered|answering"
          r"|repl(?:y|ies|ied|ying)|speaks?|spoke)")
#: who acts in a clause, for frames.clause_topic and lexical.spoken_topic alike
SUBJECT_PRONOUNS = frozenset("""they he she we you i it one someone somebody everyone everybody people
    themselves""".split())
#: informal words of everyday English (British, Australian, American) that no dictionary here
#: lists (not one WordNet lemma: tests/test_informal_words.py), read as the plain word, so
#: "the footy chat" is talk about football and "the mozzies" a kind of insect. A word that is
#: also a name or a thing ("barbie", "nana", "sat") is left out: only a word nothing else means.
INFORMAL = {"footy": "football", "footie": "football", "brekkie": "breakfast", "brekky": "breakfast",
            "sarnie": "sandwich", "sammie": "sandwich", "bevvy": "drink", "arvo": "afternoon",
            "uni": "university", "mozzie": "mosquito", "choccy": "chocolate", "biccie": "biscuit",
            "bikkie": "biscuit", "prezzie": "gift", "pressie": "gift", "hols": "holidays",
            "moggy": "cat", "moggie": "cat", "kiddo": "child",
            "wifey": "wife", "gf": "girlfriend", "bf": "boyfriend", "shrooms": "mushrooms",
            "ciggie": "cigarette", "ciggy": "cigarette", "vid": "video", "veggies": "vegetables",
            "birb": "bird", "pupper": "puppy", "kitteh": "kitten", "sunnies": "sunglasses",
            "cozzie": "swimsuit", "cossie": "swimsuit", "rellies": "relatives", "pushbike": "bicycle",
            "lollies": "sweets", "chinwag": "chat", "nattering": "talking", "gabbing": "talking"}
# Regular inflections, longest ending first: an ending and what may stand in its place.
# ("chats" -> chat; "rambles" -> ramble by its "es", never "rambls" -> ramble by its "s").
_INFLECTIONS = (("ing", ("", "e")), ("ed", ("", "e")), ("es", ("", "e")), ("s", ("",)))
# Endings that make another word of a word ("quickly", "talker", "fastest"), for the
# question "is this an English word" only: a talker is no verb of talking.
_DERIVATIONS = (("ly", ("",)), ("er", ("", "e")), ("est", ("", "e")))


@lru_cache(maxsize=16384)
def bases(word: str, derived: bool = False) -> tuple[str, ...]:
    """``word`` (lower case, quotes stripped) and the forms it may come from, itself first:
    "nattering" -> natter, "rambled" -> ramble, "chatting" -> chat, "stories" -> story;
    with ``derived`` also "quickly" -> quick, "talker" -> talk. Guesses, not one answer:
    a caller keeps those its dictionary knows."""
    w = word.lower().strip("'")
    out = [w]
    for suffix, ends in _INFLECTIONS + (_DERIVATIONS if derived else ()):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[:-len(suffix)]
            out += [stem + e for e in ends]
            if suffix in ("ing", "ed") and len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # chatting -> chat (not "passes" -> pas)
            if suffix == "es" and stem.endswith("i"):
                out.append(stem[:-1] + "y")  # stories -> story
    return tuple(dict.fromkeys(out))


# What a verb is done to, as a label term (indexers/data/imagenet_hypernyms.json):
# general English, never a film's nouns. Verbs whose object has no one kind ("play",
# "fly", "carry") are left out: a guess there would find the wrong things.
# "A but not B": WordNet's food holds drinks (coffee is a food, a beverage); nobody eats them.
USES = {"eat": "something to eat but not beverage", "drink": "something to drink", "wear": "clothing",
        "ride": "vehicle", "drive": "motor vehicle", "sail": "vessel", "sit on": "seat",
        "sit in": "seat", "cook with": "cooking utensil", "cook in": "cooking utensil"}
# What is meant ("things", "everything"), who may do the verb, and how it may be asked.
_THING = r"(?:things?|stuff|something|anything|everything|what|whatever|ones?)"
_DOER = r"(?:you|u|ya|we|people|one|i|they|someone|somebody|a person)"
_MODAL = r"(?:can|could|might|would|may|will)"
_VERB = r"[a-z]+(?:\s+(?:on|in|with)\b)?"
#: a verb the table knows ("ride", "sit on"): only such a phrase is kept whole in a request,
#: so "the ones you can see the dog in" stays a sight of the dog
_KNOWN = r"(?:%s)\b(?:\s+(?:on|in|with)\b)?" % "|".join(sorted({v.split()[0] for v in USES}, key=len, reverse=True))
_IN_REQUEST = re.compile(rf"\b{_THING}\s+(?:that\s+)?(?:{_DOER}\s+{_MODAL}|you'd)\s+{_KNOWN}", re.I)
_JOINED = re.compile(rf"\b{_THING}_[\w']+", re.I)
#: the phrase alone, also as a parser leaves it ("eat", "to eat"); group 1 is the verb
_WHOLE = re.compile(rf"^(?:{_THING}\s+)?(?:(?:that\s+)?{_DOER}\s+)?(?:(?:{_MODAL}|to|you'd)\s+)?(?:be\s+)?({_VERB})$")


def keep_uses(text: str) -> str:
    """ "things you can ride" as one word, before the filler words are dropped."""
    return _IN_REQUEST.sub(lambda m: "_".join(m.group(0).split()), text)


def unjoined(text: str) -> str:
    """A subject with the phrase ``keep_uses`` joined in words again."""
    return _JOINED.sub(lambda m: m.group(0).replace("_", " "), text)


def use_kind(text: str, framed: bool = False) -> str | None:
    """The kind a "things you can <verb>" phrase names ("things you can eat" -> "something
    to eat"), also as a parser leaves it ("eat", "to eat"); None for any other phrase.
    ``framed``: only with words around the verb (a bare "ride" may be a noun first)."""
    m = _WHOLE.match(text.strip())
    if m is None or framed and m.group(1) == text.strip():
        return None
    verb = m.group(1)
    return USES.get(verb) or USES.get(verb.split()[0])  # "ride on" is "ride"


#: a still of something is that thing ("the pic with the cup", "the Grace Hopper picture"); after its
#: subject, "photos" and "images" still say what kind of picture ("the greyscale photos", "a real photo")
SNAPS = frozenset("pic pics picture pictures snap snaps snapshot snapshots".split())
PICTURES = SNAPS | frozenset("photo photos photograph photographs image images".split())


_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)


def unarticled(text: str) -> str:
    """The phrase without its leading article ("the wedding" -> "wedding")."""
    return _ARTICLE.sub("", text)


# --- the talk words: WordNet 3.0's verbs and nouns of talking (indexers/data/make_talk_words.py) ---
@lru_cache(maxsize=1)
def talk_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    raw = resources.files("cutbot.indexers").joinpath("data/talk_words.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    return frozenset(data["verbs"]), frozenset(data["nouns"]), frozenset(data["describers"])


#: talk that complains or boasts ("moaning about money", "the one who brags about his car"): the
#: speaker's lines on the topic, read by voices.py and described.py alike
COMPLAINING = r"(?:complain(?:s|ed|ing)|moan(?:s|ed|ing)|whing(?:es|ed|ing)|rant(?:s|ed|ing)|grumbl(?:es|ed|ing)|brag(?:s|ged|ging))"

#: verbs of idle talk WordNet does not file under "talk" ("waffling on about X"); not complaining:
#: "complaining about the rain" keeps the complaint in its topic (measured: dev interview 3 rows lost)
CHATTER = frozenset("banter waffle natter yak yap".split())


def talk_verb(word: str) -> bool:
    """Whether ``word`` is a form of a verb of talking (WordNet: talk, express, utter, inform)."""
    verbs = talk_words()[0]
    return any(b in verbs or b in CHATTER for b in bases(word))


def talk_noun(word: str) -> bool:
    """Whether ``word`` names talk (WordNet: speech, discussion, statement, speech act, passage)."""
    nouns = talk_words()[1]
    return any(b in nouns for b in bases(word))


#: what viewers call the basic colours (``plan.Colour``); "navy" is left out ("the navy officer" is no colour)
_COLOURS = {**{c: c for c in get_args(Colour)}, "gray": "grey", "violet": "purple", "golden": "yellow",
            "gold": "yellow", "scarlet": "red", "crimson": "red", "maroon": "brown", "beige": "brown", "tan": "brown"}
#: a colour word said as a colour: before a noun ("the red car", "the orange one"), not the
#: fruit ("the orange", "oranges"), nor a person's dress alone ("the lady in red": people's words)
COLOUR_WORDS = "(?:%s)" % "|".join(sorted(_COLOURS, key=len, reverse=True))  # as regex alternatives
_COLOUR_BEFORE_A_NOUN = re.compile(rf"\b(?P<c>{COLOUR_WORDS})(?:-?ish)?\s+(?=[a-z])", re.I)
#: the words for a picture without colour: a look (looks.py, monochrome.py, ``asides.LOOK_WORDS``), no colour
GREY = (r"black[\s-]*(?:and|&|n)[\s-]*white|b\s*&\s*w|gr[ae]y[- ]?scale|monochrom(?:atic|e)?"
        r"|colou?rless|desaturated|gr[ae]y(?=\s+(?:pics?|pictures?|photos?|photographs?|images?|shots?|stills?|footage)\b)")
_MONOCHROME = re.compile(rf"\b(?:{GREY})\b", re.I)


def colour_of(text: str) -> Colour | None:
    """The basic colour a request's words put before a thing, or None."""
    m = _COLOUR_BEFORE_A_NOUN.search(_MONOCHROME.sub(" ", text))
    return _COLOURS[m.group("c").lower()] if m else None


#: family words: who is whose sister is heard, never seen, so "the brother talking" asks for a voice
KIN = frozenset("sister brother mother mum mom father dad wife husband son daughter aunt uncle cousin niece nephew"
                " grandmother grandma granny grandfather grandpa grandson granddaughter".split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Plural and verb folding: 'cats' -> 'cat', 'cooking' -> 'cook', 'boiled' -> 'boil'."""
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and word[-len(suffix) - 1] not in "aeiou'":
            base = word[:-len(suffix)]
            if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # running -> run, stopped -> stop
            return base
    if len(word) <= 3 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    return word[:-1]


def other_number(phrase: str) -> str:
    """The phrase with its last noun in the other number ("playing card" <-> "playing
    cards"). A kind said aloud names one of many: "seven of clubs" ~ "cards" .29, ~ "card"
    .22 (gallery, MiniLM), so a viewer's singular must not lose the kind_meaning gate.
    Dev quality: speech F1 0.790 -> 0.812 (gallery "card names get read out" 0 -> 0.81,
    "calls out a playing card" 0.48 -> 0.81), no other dev row moved."""
    head, _, last = phrase.rpartition(" ")
    if not last.isalpha() or len(last) < 3:
        return phrase
    if stem(last) != last:  # "cards" -> "card"; "computing" is no plural
        return f"{head} {stem(last)}".strip() if last.endswith("s") else phrase
    if last.endswith(("s", "x", "z", "ch", "sh")):
        other = last + "es"
    elif last.endswith("y") and last[-2] not in "aeiou":
        other = last[:-1] + "ies"
    else:
        other = last + "s"
    return f"{head} {other}" if head else other


def name_key(name: str) -> str:
    """A first name's spelling without its silent letters (an "h" after a vowel, a doubled
    letter, a final "e" after a consonant): "Hannah" and "Hana", "John" and "Jon", "Anne" and
    "Ann" are one name spelled two ways, while "Dan", "Dean" and "Don" stay three."""
    key = re.sub(r"['’]s?$", "", name.strip().lower())  # "Hana's": the name
    key = re.sub(r"(.)\1+", r"\1", re.sub(r"(?<=[aeiouy])h", "", key))
    return re.sub(r"(?<=[^aeiouy])e$", "", key)
