"""How the dialogue addresses people: the reading of a line for the names it gives a voice,
and the film-wide vote that lets a voice take a name only when its votes clearly lead.

voices.py names voices from the words; this module says, for one line, which names in it
speak of the speaker ("I'm Nora", "hi everyone, it's Hana") and which address someone else
("Owen, did you...", "thanks, Clara", "hi Hana"), and leaves out a name spoken OF someone in
the third person ("yes, Ruby is in the play", "Owen's sister"): that names neither voice.
The vote is kept apart so a name that one misheard line or one wrong listener gives a voice
cannot outweigh what the rest of the film says: a merged voice (two people the clustering
could not tell apart, each addressed by name) gets no name rather than one of them.
A name asked for that no voice bears and the transcript never wrote (Whisper heard "Hi Dan" as
"Hi then") is listened for once more (``listen_again``: ``indexers/names_heard.py`` decodes the
speech with the name expected and keeps what it hears beside the index); the naming reads each
line that now says a name in place of the line first written at that time (``heard_texts``).
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable

import jellyfish
from cutbot.indexers import names_heard

from .names_spoken import SELF_INTRO, SPOKEN_NOT_NAMES, THIRD, spelled_as
from .traits import first_names, once, surname, word_gender

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

    from .plan import ConstraintPlan, Query

_NAME = r"([A-Z][a-z]+)"
# Only a self-introduction names the speaker's own voice: "meet Nora" or "this is Nora" name someone else.
# "it's Hana" at the end of a line is how a caller says who is speaking (a greeting, then the name).
INTRO = re.compile(SELF_INTRO + _NAME
                   + r"|\b[Tt]his is\s+" + _NAME + r"\s+speaking|\b[Ii]t's\s+" + _NAME + r"\s+(?:here|speaking)"
                   + r"|\b[Ii]t's\s+(?:(?:only|just)\s+)?(?:me,?\s+)?" + _NAME + r"\s*[.!]?$")
_GREET = (r"(?:[Hh]i|[Hh]ello|[Hh]ey|[Tt]hanks|[Tt]hank you|[Bb]ye|[Gg]oodbye|[Ss]orry|[Ww]elcome|[Oo]kay|[Oo]h"
          r"|[Yy]es|[Nn]o|[Ww]ell|[Gg]ood (?:morning|evening|night|afternoon)|[Cc]ome on|[Ll]ook|[Ll]isten)")
# a name alone before a comma, or after one at the end, of the text or of a sentence in it
# ("Loud and clear, Dan. Clara is here"): a line heard again may hold two
ADDRESS = re.compile(r"\b" + _GREET + r",?\s+" + _NAME + r"\b|(?:^|(?<=[.!?]\s))" + _NAME + r","
                     r"|,\s*" + _NAME + r"(?:[.!?]+(?=\s)|[.!?]?$)")
#: a question asking who, from the start of its clause ("Who is the lucky man", "..., who won"), not the
#: relative "who" after a noun ("the only ones who sit still")
_WHO_ASKED = re.compile(r"(?:^|[,.;:!?]\s*)[Ww]ho(?:'s|\s)[^.!?]*$")


def intros(text: str) -> list[str]:
    """The names ``text`` gives its own speaker ("I'm Nora", "hi, it's Hana")."""
    return [n for m in INTRO.finditer(text) for n in m.groups() if n and n.lower() not in SPOKEN_NOT_NAMES]


def addresses(text: str) -> list[str]:
    """The names ``text`` speaks TO ("Owen, ...", "thanks, Clara", "hi Hana"), not those it
    speaks of ("yes, Ruby is in the play", "Owen's sister")."""
    out = []
    for m in ADDRESS.finditer(text):
        k = next(k for k in range(1, 4) if m.group(k))
        name = m.group(k)
        if name.lower() in SPOKEN_NOT_NAMES or THIRD.match(text[m.end(k):]) or k == 3 and _WHO_ASKED.search(text[:m.start()]) \
                and not text[m.end(k):].startswith("?"):
            continue  # "..., who is the lucky man, Marco.": the answer run into the question, no address
        out.append(name)
    return out


@dataclass(frozen=True)
class VoteOptions:
    """When a voice takes a name from its votes (intro 2, introduced 1.5, address 1: voices.py)."""

    # the leading name holds at least this share of the voice's name votes. Dev (bench/voice_names.py):
    # dialogue Nora 5/5 and Felix 4/4 of their voices' votes, interview Tom/Lena/Max 1.00; long_dev's
    # Owen 2 of 4 (a greeting said to two voices, and "Marco", an answer Whisper ran into Dan's
    # question, are votes too): at 0.6 he went unnamed; at 0.5 he is named right and no name goes
    # wrong (long_dev's merged Clara+Hana voice still splits, unnamed). Dev 2027, with
    # TieOptions.film_share 0.63: F1 0.819 -> 0.822, 9 rows up, 2 down
    share: float = 0.5
    # and leads the next name by at least this many votes (one address more than a rival, or an intro)
    margin: float = 1.0


VOTES = VoteOptions()


def decide(votes: dict[str, dict[int, float]], against: dict[str, dict[int, float]] | None = None,
           opts: VoteOptions = VOTES) -> dict[int, str]:
    """Voice -> the name its votes clearly give it (see VoteOptions); a voice whose votes split
    between names gets none. ``against`` holds the names a voice itself says TO someone: nobody
    addresses themselves, so a voice that both says "it's Hana" and "Hana, how did it go?" is two
    people the clustering joined, and each such address counts against the name there. A name
    may go to several voices (pieces of one speaker the clustering split) it clearly leads. A voice left
    unnamed is read again without the names other voices took with at least its votes: "Hi Dan" said
    after two others voted for both, and the one that is only ever Dan took it. A voice that leads with a
    name another voice holds by as many votes is read again with only the names no voice took."""
    against = against or {}
    per_voice: dict[int, dict[str, float]] = {}
    for name, per in votes.items():
        for voice, w in per.items():
            per_voice.setdefault(voice, {})[name] = w
    out = _leaders(per_voice, against, opts)
    taken = {name: max(per_voice[v][name] for v, n in out.items() if n == name) for name in set(out.values())}
    for voice, name in list(out.items()):  # a name is one person: a voice that holds it no more surely than
        rival = max((per_voice[v][name] for v, n in out.items() if n == name and v != voice), default=0.0)
        own = {n: w for n, w in per_voice[voice].items() if n not in taken}  # another does, with votes for a
        if own and per_voice[voice][name] <= rival:  # name no voice took, is that name ("Hi Dan" said after
            out.pop(voice)  # Dan and Owen both spoke: Owen's voice, also called Owen once, is Owen)
            out.update(_leaders({voice: own}, against, opts))
    rest = {voice: {n: w for n, w in names.items() if n not in taken or w > taken[n]}
            for voice, names in per_voice.items() if voice not in out}
    return {**out, **_leaders({v: names for v, names in rest.items() if names}, against, opts)}


def _leaders(per_voice: dict[int, dict[str, float]], against: dict[str, dict[int, float]],
             opts: VoteOptions) -> dict[int, str]:
    """Voice -> the name whose votes clearly lead its others (VoteOptions)."""
    out = {}
    for voice, names in per_voice.items():
        net = {n: w - against.get(n, {}).get(voice, 0.0) for n, w in names.items()}
        ranked = sorted(net.items(), key=lambda x: (-x[1], x[0]))
        top, w = ranked[0]
        second = max(ranked[1][1], 0.0) if len(ranked) > 1 else 0.0
        total = sum(names.values()) + sum(against.get(n, {}).get(voice, 0.0) for n in names)
        if w > 0 and w >= opts.share * total and w - second >= opts.margin:
            out[voice] = top
    return out


def sounds_like(word: str, name: str) -> bool:
    """Whether the viewer's ``word`` is the heard ``name`` by sound ("Hana" for Whisper's
    "Hannah", "hanas" for it): same first letter and Metaphone code, or people8's spelling."""
    w, n = re.sub(r"(?:'s|’s)$", "", word.strip().lower()), name.strip().lower()
    if spelled_as(w, n):
        return True
    if len(w) < 3 or len(n) < 3 or w[0] != n[0]:
        return False
    return jellyfish.metaphone(n) in {jellyfish.metaphone(v) for v in {w, w.removesuffix("s")}}


def listen_for(index: Index, names: Iterable[str]) -> dict[str, list]:
    """``names_heard.listen_for`` reading a decoder's spelling as the agent does (``says_name``)."""
    return names_heard.listen_for(index, names, says_name)


def says_name(text: str, name: str) -> bool:
    """Whether a line heard again says ``name``: the name itself, or a first name written
    capitalised that sounds like it (told to expect "Hana", the decoder writes "Hanna")."""
    return names_heard.says(text, name) or any(
        w.lower() in first_names() and sounds_like(name, w) for w in re.findall(r"\b[A-Z][a-z]+\b", text))


def _heard(index: Index) -> frozenset[str]:
    return once(index, "addressed.heard", lambda: frozenset(
        re.sub(r"(?:'s|’s)$", "", t.strip(".,!?;:\"'()").lower()) for s in index.sentences for t in s.text.split()))


def unheard_name(index: Index, who: str, given: set[str] = frozenset()) -> bool:
    """Whether ``who`` is a first name that nobody in the film says (nor a word that sounds like
    it) and no face was given (``given``): then no voice or face can be that person, and
    "everything Sophie says" answers nothing rather than the closest-sounding topic."""
    w = who.strip().lower()
    if not w or " " in w or w not in first_names() or w in given:
        return False
    return not any(sounds_like(w, h) for h in _heard(index) if h)


# -- names asked and heard again ------------------------------------------------------
#: what follows a name asked as a person: nothing, a possessive, or the saying / being seen
_AFTER = frozenset("""talking talks talk says say said speaking speaks spoke chatting chats chat lines line
voice bits parts calls scenes shots while and alone on off in""".split())
#: a heard line stands in for the line first written only when the rest of its words agree
#: this much (difflib ratio of the words, the name left out): a line the decoder invented
#: in the name's favour is not read
_AGREE = 0.5


def asked(query: Query) -> str | None:
    """The first name ``query`` asks for as a person ("Hana", "dan says", "Owen's lines
    while in sight"), lower case; None for a thing or a topic ("the guy in the car")."""
    if query.exact:
        return None
    words = re.findall(r"[a-z]+(?:'s|s')?", query.text.lower().replace("’", "'"))
    if not words or words[0] in ("the", "a", "an"):  # a name takes no article: "the guy in the car"
        return None
    name = re.sub(r"(?:'s|')$", "", words[0])
    # "Dan's", "dan says", or a name alone written as one ("Leo", not "candy": a second listen
    # to a long film takes minutes, never for a word that is only maybe a name)
    person = words[0] != name or (words[1] in _AFTER if len(words) > 1 else query.text.lstrip()[:1].isupper())
    return name if (query.who == "name" or person) and name in first_names() and word_gender(name) is None else None


def names_asked(plan: ConstraintPlan) -> set[str]:
    """The first names ``plan`` asks for as people (``asked``), lower case."""
    return {n for q in (*plan.include, *plan.exclude) if (n := asked(q))}


def unplaced(index: Index, names: set[str], known: Callable[[], set[str]]) -> list[str]:
    """Those of ``names`` no voice named by ``known()`` sounds like and never listened for in
    this film: what a second listen could still place (only where voices were told apart)."""
    if not names or index.voices is None or len(set(index.voices.voice) - {-1}) < 2:
        return []
    names = names - _heard(index)  # the transcript says it: no second listen (nor one made before: listen_for)
    voices = known() if names else set()
    return [n for n in sorted(names) if not any(sounds_like(n, k) for k in voices)]


def full_name(query: Query) -> str | None:
    """A given name and a surname asked for ("grace hopper", "Eileen Collins"), lower case."""
    words = re.findall(r"[a-z]+", query.text.lower())  # traits.surname also takes "the" and titles: not here
    whole = not query.exact and len(words) == 2 and words[0] in first_names() and surname(query.text)
    return " ".join(words) if whole else None


def listen_for_full_name(index: Index, query: Query) -> bool:
    """Listen once for a full name asked for that nothing answered and the transcript never
    says, in a film with faces; whether it was heard. Told to expect the whole name the decoder
    writes it where it was said ("Oh, Matt's race on the poster" becomes "Oh, Matt's Grace
    Hopper on the poster"), told to expect "Grace" alone it does not; the face on screen then
    takes the name (names_spoken). Only after nothing answered: "max face" or "summer holiday"
    are census names too."""
    name = full_name(query)
    if not name or not index.people or name.split()[-1] in _heard(index):
        return False
    return bool(listen_for(index, [name]).get(name))  # listen_for never listens twice


def listen_again(index: Index, plan: ConstraintPlan, known: Callable[[], set[str]]) -> None:
    """Listen once for each name the plan asks for that no voice named by ``known()`` sounds
    like and the transcript never says (only in a film whose voices were told apart)."""
    if missing := unplaced(index, names_asked(plan), known):
        listen_for(index, missing)


def heard_texts(index: Index) -> list[str]:
    """Each sentence's text for the naming: a line heard again that says a name replaces
    the sentence it overlaps most, where their other words agree and no other name heard
    again claims it (told to expect Nan, the decoder hears "Hi Nan" where "Hi Dan" was said:
    two names heard in one place are neither sure)."""
    out = [s.text.strip() for s in index.sentences]
    claims: dict[int, dict[str, str]] = {}
    for lines in names_heard.heard(index).values():
        for line in lines:
            overlap = [max(0.0, min(line.end, s.end) - max(line.start, s.start)) for s in index.sentences]
            i = max(range(len(overlap)), key=overlap.__getitem__, default=None)
            if i is None or overlap[i] <= 0:
                continue
            said = re.findall(r"[a-z']+", line.text.lower())
            rest = [w for w in said if w != line.name]
            written = re.findall(r"[A-Za-z']+", index.sentences[i].text)
            first = [w.lower() for w in written]
            if any(w[0].isupper() and w.lower() in first_names() and w.lower() not in said for w in written):
                continue  # "Loud and clear, Dan" heard as "..., Nan" when told to expect Nan: a name was
                # written there (capitalised: "oh, in" is no name written, though "In" is a census name)
            if difflib.SequenceMatcher(None, rest, first).ratio() >= _AGREE:
                claims.setdefault(i, {})[line.name] = line.text
    for i, by_name in claims.items():
        if len(by_name) == 1:
            out[i] = next(iter(by_name.values()))
    return out
