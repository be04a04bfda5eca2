"""A speaker known by a description, not a name: "the female speaker's lines", "the lady
narrator", "to hear the woman narrator", "the old man's voice", "every line Felix's sister
has", "everything the cat owner says", "the one who talks about her garden".

Grammar, not word lists of requests: a description is person words (a gender word, a role
word, a name with a possessive relation) followed by a TALK NOUN ("voice", "lines",
"speaker", "narrator", "narration"), or led by a hearing verb ("hear", "listen to"), or a
possessive of a talk noun. Such a description asks for a voice and is never read as a
picture. What the words say is then answered by evidence the film carries:

* a gender word: the voices' pitch (voices.py); a modifier no voice can show ("english",
  "old") is said to be untested in the reason rather than silently matched;
* "the narrator" with a gender: the main voices of that gender (the film's narrator when
  it has one);
* "X's sister": the voice introduced as the sister ("this is my sister") by X's voice;
* "the <thing> owner": the voice that says "my <thing>" (the transcript's own words);
* "everything the one who talks about <topic> says": the voice holding most of the lines
  about it (without a talk word, "the woman who talks about breakfast" is the moment she
  does: framing.offscreen_talk and people.py answer that).

voices.py calls ``describe`` and the resolvers; this module holds no state of its own.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .plan import clock
from . import speakers
from .speakers import Named
from .traits import asked_gender, first_names, ungendered
from .word_forms import COMPLAINING, KIN, POSSESSIVE

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

ROLES = KIN | frozenset(("friend colleague boss partner girlfriend boyfriend fiance fiancee flatmate roommate"
                          " housemate neighbour neighbor assistant teacher coach").split())
# what the one who says "my <role>" is to that person, as a man and as a woman ("this is my sister":
# her brother or sister); roles with no such pair (friend, boss, teacher) name nothing of the speaker
_CONVERSE = {**dict.fromkeys(("sister", "brother"), ("brother", "sister")),
             **dict.fromkeys(("son", "daughter"), ("father", "mother")),
             **dict.fromkeys(("mother", "mum", "mom", "father", "dad"), ("son", "daughter")),
             "wife": ("husband", ""), "husband": ("", "wife"), **dict.fromkeys(("niece", "nephew"), ("uncle", "aunt")),
             **dict.fromkeys(("aunt", "uncle"), ("nephew", "niece")),
             **dict.fromkeys(("grandson", "granddaughter"), ("grandfather", "grandmother"))}


def converse(role: str, sex: str | None) -> str:
    """What the speaker of "my <role>" is to them, given the speaker's sex ('m'/'f'); "" when unknown."""
    pair = _CONVERSE.get(role)
    return (pair[0] if sex == "m" else pair[1] if sex == "f" else "") if pair else ""


# nouns that name speech itself: a person word before one of these asks for a voice
TALK_NOUNS = frozenset("voice voices line lines speaker speakers narrator narrators narration voiceover "
                       "voiceovers voice-over voice-overs talker talking speaking speech words dialogue".split())
_NARRATING = frozenset("narrator narrators narration voiceover voiceovers voice-over voice-overs".split())
_HEAR = re.compile(r"^(?:(?:i\s+)?(?:only\s+|just\s+)?(?:want|wanna|need|like)\s+)?(?:to\s+)?"
                   r"(?:hear|listen\s+to)\s+", re.I)
_LEAD = re.compile(r"^(?:all|only|just|everything|every\s+line|every\s+word|each\s+line|whenever|when)\s+", re.I)
# "(every) line(s) X has/says": the lines are X's
_LINES_OF = re.compile(r"^(?:every\s+|each\s+|all\s+(?:the\s+)?)?(?:lines?|words?)\s+(?P<who>.+?)\s+"
                       r"(?:has|have|gets|says|speaks|delivers|reads)$", re.I)
_POSS = r"(?:'s|’s|s')"
_OWNER = re.compile(r"^(?P<thing>[a-z][a-z -]*?)\s+(?:owner|owners|keeper|keepers)$")
_WHOSE = re.compile(r"^(?:one|person|someone|somebody|guy|man|woman|lady|girl|boy|bloke|fellow|chap)\s+whose\s+"
                    r"(?P<thing>[a-z]+)\b")
_ABOUT_ONE = re.compile(r"^(?:one|person|someone|somebody|guy|man|woman|lady|girl|boy|speaker|voice|bloke|fellow|chap)\s+"
                        r"(?:(?:who|that)\s+(?:is\s+|was\s+|keeps\s+)?)?(?:talks|talked|speaks|spoke|goes\s+on|went\s+on"
                        rf"|talking|speaking|going\s+on|worr(?:ies|ied|ying)|{COMPLAINING})\s+"
                        r"(?:about|of|on|over)\s+(?P<topic>.+)$")
# "the guy who joined a choir", "the woman who's off to Norway": what they did is what their lines tell
_DOES_ONE = re.compile(r"^(?:one|person|someone|somebody|guy|man|woman|lady|girl|boy|friend|fellow|bloke|chap)\s+"
                       r"(?:who|that)(?:'s|\s+is|\s+was|\s+has|\s+had)?\s+(?P<topic>[a-z].+)$")
# "the narrator, the woman" mean the same whether the person word comes first
_ARTICLE = re.compile(r"^(?:the|a|an|that|this)\s+")
_VOICE_OF = re.compile(r"^(?:the\s+)?(?:voice|voices|lines|words)\s+of\s+(?P<who>.+)$")
_SAYS = re.compile(r"\s+(?:says?|said|speaks?|talks?|narrates)$")


@dataclass(frozen=True)
class Description:
    """What a speaker description says: the person words left once the talk words are read,
    whether the voice was asked (a talk noun or a hearing verb), and a narrator."""

    who: str
    heard: bool
    narrator: bool = False


def describe(text: str) -> Description | None:
    """The description in ``text`` when its words ask for a speaker, else None."""
    low = text.lower().strip().rstrip(".!?").strip()
    heard = False
    hear = _HEAR.match(low)
    if hear:
        low, heard = low[hear.end():], True
    lines = _LINES_OF.match(low)
    if lines:
        low, heard = lines.group("who"), True
    low = _LEAD.sub("", low)
    of = _VOICE_OF.match(low)
    if of:  # "the voice of the one who talks about the garden"
        low, heard = of.group("who"), True
    says = _SAYS.search(low)
    if says:  # "(everything) the cat owner says": what they say, all of it
        low, heard = low[:says.start()], True
    low = _ARTICLE.sub("", low).strip()
    words = low.split()
    narrator = False
    while words and (words[-1] in TALK_NOUNS or re.sub(_POSS + "$", "", words[-1]) in TALK_NOUNS):
        last = re.sub(_POSS + "$", "", words.pop())
        narrator, heard = narrator or last in _NARRATING, True
    while heard and words and words[-1] in ("is", "are", "was", "were"):  # "felix's sister is talking"
        words.pop()
    if words:
        words[-1] = re.sub(_POSS + "$", "", words[-1])
    who = " ".join(words).strip()
    whose = _WHOSE.match(who)
    if whose:  # "the one whose garden is a swamp": the garden's owner, the voice that says "my garden"
        who = f"{whose.group('thing')} owner"
    if not heard and not _OWNER.match(who):
        return None  # "the woman who talks about breakfast" alone is the moment she does (framing.py)
    return Description(who, heard, narrator)


def sex_of(who: str) -> tuple[str | None, tuple[str, ...]]:
    """The gender the person words ask for and the words no voice can show ("english", "old")."""
    return asked_gender(who, pronouns=True), ungendered(who)


def gendered(named: Named, sex: str, narrator: bool, main_share: float) -> set[int]:
    """The voices of ``sex``; for a narrator, the film's narrator when it is of that sex, else
    the main voices of that sex (not the fragments the clustering split off)."""
    voices = {k for k, g in named.gender.items() if g == sex}
    if not narrator:
        return voices
    if named.narrator in voices:
        return {named.narrator}
    total = sum(named.seconds.values()) or 1.0
    return {k for k in voices if named.seconds.get(k, 0.0) >= main_share * total}


def relation(index: Index, named: Named, who: str) -> tuple[set[int], str] | None:
    """"felix's sister": the voice introduced as the sister by Felix's voice ("this is my sister")."""
    m = re.fullmatch(rf"(?P<owner>[a-z]+){_POSS}\s+(?P<role>[a-z]+)", who)
    if not m or m.group("role") not in named.role_voices or m.group("owner") not in named.names:
        return None
    owner, role = m.group("owner"), m.group("role")
    theirs = named.names[owner][0]
    said = re.compile(rf"\b(?:my|our)\s+(?:[a-z]+\s+)?{role}\b", re.I)
    if not any(v in theirs and said.search(s.text) for s, v in zip(index.sentences, named.voice)):
        return None  # the sister someone else introduced is not Felix's
    voices, how = named.role_voices[role]
    return set(voices), f"{owner.title()}'s {role}: the voice {how}"


def owner(index: Index, named: Named, who: str, about) -> tuple[set[int], str] | None:
    """"the cat owner": the voice whose lines about the thing say it is theirs ("my cat",
    "our cat"). ``about(topic)`` gives each sentence's score for a spoken topic, 0 where it may not count."""
    m = _OWNER.match(who)
    if not m:
        return None
    thing = m.group("thing").strip()
    gate = about(thing)
    mine = re.compile(r"\b(?:my|our|i\s+have|i've\s+got|we\s+have)\b", re.I)
    hits = [k for k, ok in enumerate(gate) if ok and named.voice[k] >= 0 and mine.search(index.sentences[k].text)]
    return _most(index, named, hits, f"the {thing} owner: the voice that calls it theirs")


def told(index: Index, named: Named, who: str, about) -> tuple[set[int], str] | None:
    """A speaker the words tell and no face picks out ("the guy with the broken bike", "the woman who was
    late"): the voice of the line that says it, or of most lines on what they talk about; None without ``about``."""
    who = re.sub(r"^(\S+)\s+with\s+", r"\1 who has ", _ARTICLE.sub("", who.strip().lower()))  # the one who has it
    return (owner(index, named, who, about) or talks_about(index, named, who, about)) if about else None


def talks_about(index: Index, named: Named, who: str, about) -> tuple[set[int], str] | None:
    """"the one who talks about the garden", "the guy who joined a choir": the voice holding most
    of the lines about it."""
    talks = _ABOUT_ONE.match(who)
    m = talks or _DOES_ONE.match(who)
    if not m:
        return None
    topic = m.group("topic").strip()
    topic = re.sub(r"^(?:his|her|their|the)\s+", "", topic)
    sex = sex_of(who.split()[0])[0]  # "the woman who ...": her voice, not a man's line on it
    scores = about(topic)
    hits = [k for k, ok in enumerate(scores) if ok and named.voice[k] >= 0
            and (sex is None or named.gender.get(named.voice[k], sex) == sex)]
    if talks:
        return _most(index, named, hits, f"the one who talks about {topic}: the voice of most lines about it")
    best = [max(hits, key=lambda k: scores[k])] if hits else []  # a thing done is told best by the doer
    return _most(index, named, best, f"the {who}: the voice of the line that says it best")


def _most(index: Index, named: Named, hits: list[int], why: str) -> tuple[set[int], str] | None:
    """The voice saying most of the lines ``hits`` (None on a tie: the words do not tell who),
    with the name's other voices when the voice is named."""
    if not hits:
        return None
    count = Counter(named.voice[k] for k in hits).most_common()
    if len(count) > 1 and count[0][1] == count[1][1]:
        return None
    voice = count[0][0]
    first = next(k for k in hits if named.voice[k] == voice)
    line = index.sentences[first]
    why = f"{why}, '{line.text.strip()}' at {clock(line.start)}"
    for name, (voices, _) in named.names.items():
        if voice in voices:
            return {voice}, f"{why} ({name.title()})"
    return {voice}, why


def answer(index: Index, desc: Description, named: Named, about, opts,
           face=None) -> tuple[frozenset[int], str, str] | None:
    """A speaker description answered by the voices: (voices, why, name), or None to read the
    words as before. ``about`` gates sentences by topic (None without a scorer); a named voice
    takes its face-tied voices too (speakers.joined); ``opts`` is voices.NAMING (main_share, female_hz);
    ``face`` (words -> (voices, why) or None) hears the face that words no voice tells pick out."""
    found = relation(index, named, desc.who) or (
        about and (owner(index, named, desc.who, about) or talks_about(index, named, desc.who, about)))
    if found:
        voices, why = found
        name = next((n for n, (v, _) in named.names.items() if set(voices) <= v), "")
        if name:
            voices, why = speakers.joined(index, named, name, (set(voices), why))
        return frozenset(voices), why, name
    sex, rest = sex_of(desc.who)
    if not desc.heard or sex is None or any(re.search(_POSS + "$", w) or w in first_names() for w in rest) \
            or any(w in ROLES for w in desc.who.split()):
        return None  # "nora's sister", "tom's brother": a person or relation is asked, not a gender
    seen = face(desc.who) if rest and face else None  # "the cartoon guy": the drawn face's voice
    if seen:
        return seen[0], seen[1], ""
    voices = gendered(named, sex, desc.narrator, opts.main_share)
    if not voices:
        return None
    untested = f"; '{' '.join(rest)}' is not told by a voice, so every such voice is kept" if rest else ""
    return frozenset(voices), gender_why(sex, opts.female_hz, desc.narrator) + untested, ""


def gender_why(sex: str, female_hz: float, narrator: bool = False) -> str:
    """Why voices were taken for a gender: "women's voices (pitch at or above 150 Hz)"."""
    word = ("women's" if sex == "f" else "men's") + (" main voices (the narrators)" if narrator else " voices")
    return f"{word} (pitch {'at or above' if sex == 'f' else 'below'} {female_hz:g} Hz)"


def talked_about(named: Named, text: str) -> bool:
    """ "their dad", "our mum" asked as speech ("when they talk about their dad"): a person talked
    about, not a voice, unless the film gave that role to a voice ("his sister" after "this is my
    sister")."""
    m = re.fullmatch(rf"{POSSESSIVE}\s+([a-z]+)", text.strip().lower())
    return m is not None and m.group(1) not in named.role_voices and m.group(1) not in named.roles
