"""What a person is, read at query time from what the index already stores: drawn or
photographed (the saved face crop) and the gender the words said while they alone are
on screen give them. "the animated guy in glasses", "real people only" and "the cartoon
woman" then pick among the right people on any film, with no new index data.

who.py narrows its candidates with ``allowed``; nothing here knows about requests beyond
the style and person words of one phrase.
"""
from __future__ import annotations

import importlib.util
import re
import weakref
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from .plan import Query
from .word_forms import ONE_PERSON, ONE_PERSON_WORD, TITLES

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


@dataclass(frozen=True)
class TraitOptions:
    """Drawn versus photographed faces, from the 128 px face crop the faces stage saves."""

    # A pixel is "flat" when its 3x3 neighbourhood spans at most this many grey levels
    # (0-255): paint, cel shading and smooth renders have large flat areas, a photo's skin
    # has grain and pores even after video compression.
    flat_range: float = 3.0
    # A face is drawn when at least this share of its crop's centre (80 x 80 px: the face,
    # not the background) is flat. Dev films' saved crops (all 8 people; only two drawn
    # faces, both from one animated film: a thin base): drawn (gallery's two animated
    # Megamind faces) 0.125 and 0.148;
    # photographs 0.001-0.073 (Grace Hopper 0.001, Eileen Collins 0.025, Messi 0.027, the
    # grayscale cameraman 0.073, the flattest photo). 0.10 is midway in the gap. Re-measured
    # over all six dev films (23 people, 6 drawn): photographs 0.001-0.116 (long_dev's bow tie
    # man 0.116 and cameraman 0.100, its longer encode flattening them: both read as drawn at
    # 0.10), drawn 0.124-0.179; 0.12 is midway in the (thin) gap.
    drawn_share: float = 0.12
    centre: int = 80
    # A first name says a sex when this share of its bearers (US Census 1990) have it:
    # "Grace" 100 % women, "John" 99.6 % men, "Jordan" or "Jean" mixed and say nothing.
    name_share: float = 0.9
    # A saved crop is blank (no face was saved for that person) when its pixels' spread
    # (standard deviation, 0-255) is at most this: any face, drawn or grey, varies far more.
    blank_std: float = 2.0


TRAITS = TraitOptions()

# Style words of a phrase: "real people only", "the animated guy", "... in the cartoon".
REAL = re.compile(r"\b(?:real|live[- ]action|photographed|filmed|actual|genuine|flesh[- ]and[- ]blood"
                  r"|not (?:the )?(?:animat\w*|drawn|drawings?|cartoons?))\b", re.I)
DRAWN = re.compile(r"\b(?:cartoons?|cartoony|animated|animations?|animes?|drawn|drawings?|illustrat\w*"
                   r"|comics?|cgi|3-?d|computer[- ]generated)\b", re.I)
# Person words and pronouns that say a gender (English, not fitted to any film).
FEMALE = frozenset("woman women lady ladies girl girls gal gals lass lasses she her hers herself mother mom mum wife "
                   "daughter sister aunt grandmother grandma queen princess actress bride madam mrs ms "
                   "miss heroine businesswoman policewoman".split())
MALE = frozenset("man men guy guys boy boys he him his himself father dad husband son brother uncle "
                 "grandfather grandpa king prince bridegroom groom sir mr gentleman gentlemen dude bloke "
                 "blokes dudes fellow fellows fella fellas chap chaps lad lads geezer geezers gent gents "
                 "businessman policeman".split())
#: one person by a gendered noun ("the woman", "a bloke"): who and framing read these
GENDERED_ONE = "(?:%s)" % "|".join(w for w in ONE_PERSON if w in FEMALE or w in MALE)
# Introductions, read three: here any cue (loose ones too: "it's", "called") before a word, since the
# word must also be a known first name; voices._INTRO only self-introductions; talk._NAMED the act.
_INTRO = re.compile(r"\b(?:this is|here is|here's|i'm|i am|my name is|meet|call me|it's|named|called|"
                    r"introducing)\s*$", re.I)
_TALK = re.compile(r"\b(?:i|i'm|i've|i'll|i'd|me|my|mine|we|we're|us|our|you|you're|your)\b", re.I)
_PRONOUNS = frozenset("she her hers herself he him his himself".split())
_WORD = re.compile(r"[a-z]+")


def style_of(text: str) -> str | None:
    """'real' ("real people", "not the cartoon"), 'drawn' ("the animated guy") or None."""
    if REAL.search(text):
        return "real"
    return "drawn" if DRAWN.search(text) else None


def without_style(text: str) -> str:
    """The phrase with its style words gone ("glasses in the cartoon" -> "glasses")."""
    t = re.sub(rf"\b(?:in|from|of)\s+(?:the\s+|an?\s+)?(?:{DRAWN.pattern[2:-2]})\b", " ", text, flags=re.I)
    t = DRAWN.sub(" ", REAL.sub(" ", t))
    return " ".join(t.split())


_ADJECTIVES = {"female": "f", "male": "m"}  # "the female speaker": a gender without a person noun
_OWNS = re.compile(r"['’]s\b")  # "the woman's voice": the woman


def word_gender(word: str) -> str | None:
    """'f' or 'm' for one person word ("woman", "woman's", "female"), else None."""
    w = _OWNS.sub("", word.lower())
    return "f" if w in FEMALE else "m" if w in MALE else _ADJECTIVES.get(w)


def asked_gender(text: str, pronouns: bool = False) -> str | None:
    """'f' or 'm' from the person words of a phrase ("the guy with glasses" -> 'm', "the
    female speaker", "the woman's voice"); pronouns (unless ``pronouns``: "her lines" asks
    for a woman's voice) and mixed phrases ("the man and the woman") say nothing."""
    words = [w for w in _WORD.findall(_OWNS.sub("", text.lower())) if pronouns or w not in _PRONOUNS]
    sexes = {word_gender(w) for w in words} - {None}
    return sexes.pop() if len(sexes) == 1 else None


def ungendered(text: str) -> tuple[str, ...]:
    """The words of a phrase that are neither an article nor a gender word ("the old
    woman" -> ("old",)): what a gender alone cannot show."""
    return tuple(w for w in re.findall(r"[a-z'-]+", text.lower())
                 if w not in ("the", "a", "an") and word_gender(w) is None)


def flat_share(crop: np.ndarray, opts: TraitOptions = TRAITS) -> float:
    """Share of the crop's centre whose 3x3 grey neighbourhood is flat (see TraitOptions)."""
    g = np.asarray(crop, np.float32)
    g = g.mean(axis=2) if g.ndim == 3 else g
    h, w = g.shape
    c = min(opts.centre, h, w)
    y, x = (h - c) // 2, (w - c) // 2
    g = g[max(0, y - 1):y + c + 1, max(0, x - 1):x + c + 1]
    windows = np.lib.stride_tricks.sliding_window_view(g, (3, 3))
    spread = windows.max(axis=(2, 3)) - windows.min(axis=(2, 3))
    return float((spread <= opts.flat_range).mean()) if spread.size else 0.0


_T = TypeVar("_T")
# What is read from an index once per index object: id(index) -> {key: value}, dropped when
# the index goes (weakref.finalize). Index is frozen but not hashable (its fields are lists),
# so no WeakKeyDictionary; indexes are never changed in place once loaded.
_PER_INDEX: dict[int, dict[object, object]] = {}


def once(index: Index, key: object, compute: Callable[[], _T]) -> _T:
    """``compute()`` the first time ``key`` is asked of this index, then the kept value:
    every person query reads the drawn faces and heard genders (~70 ms on a 2-hour film), and
    every voice query the named voices."""
    cache = _PER_INDEX.get(id(index))
    if cache is None:
        try:
            weakref.finalize(index, _PER_INDEX.pop, id(index), None)
        except TypeError:  # an object without weak references: read it every time
            return compute()
        cache = _PER_INDEX[id(index)] = {}
    if key not in cache:
        cache[key] = compute()
    return cache[key]  # type: ignore[return-value]


def blank(crop: np.ndarray) -> bool:
    """Whether a face crop is blank: no face was saved for that person (see TraitOptions)."""
    return float(np.asarray(crop).std()) <= TRAITS.blank_std


def saved_crop(index: Index, person: int) -> np.ndarray | None:
    """The face crop the faces stage saved for ``person``, or None when there is none (a
    blank crop, or a hand-made index that keeps no crops): drawn and colourless read it."""
    crops = getattr(index, "face_crops", ())
    if not 0 < person <= len(crops):
        return None
    crop = np.asarray(crops[person - 1])
    return None if blank(crop) else crop


def drawn_people(index: Index, opts: TraitOptions = TRAITS) -> dict[int, float]:
    """Person id -> flat share, for the people whose saved face looks drawn (read once per index)."""
    return dict(once(index, ("drawn", opts), lambda: _drawn_people(index, opts)))


def _drawn_people(index: Index, opts: TraitOptions) -> dict[int, float]:
    out = {}
    for p in index.people:
        crop = saved_crop(index, p.id)
        if crop is not None:
            share = flat_share(crop, opts)
            if share >= opts.drawn_share:
                out[p.id] = share
    return out


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name -> 'f' or 'm', from the US Census 1990 lists the ``names`` package ships
    (public domain; percent of people per name): a name counts for a sex when at least
    ``name_share`` of its bearers have it ("Grace" f, "John" m; "Jordan" neither)."""
    freq: dict[str, list[float]] = {}
    for k, sex in enumerate(("female", "male")):
        lines = _census(f"dist.{sex}.first")
        if not lines:
            return {}
        for line in lines:
            parts = line.split()
            if len(parts) >= 2:
                freq.setdefault(parts[0].lower(), [0.0, 0.0])[k] += float(parts[1])
    return {n: "f" if f >= m else "m" for n, (f, m) in freq.items()
            if max(f, m) >= TRAITS.name_share * (f + m)}


@lru_cache(maxsize=1)
def last_names() -> frozenset[str]:
    """The US Census 1990 surnames the ``names`` package ships (lower case)."""
    return frozenset(line.split()[0].lower() for line in _census("dist.all.last") if line.strip())


def _census(file: str) -> list[str]:
    """The lines of one of the ``names`` package's US Census 1990 lists; [] without it."""
    spec = importlib.util.find_spec("names")
    if spec is None or not spec.submodule_search_locations:
        return []
    try:
        return (Path(spec.submodule_search_locations[0]) / file).read_text(encoding="ascii").splitlines()
    except OSError:
        return []


_TITLES = frozenset(TITLES) | {"professor", "sir"}


def surname(text: str) -> str | None:
    """The family name of a person's full name ("grace hopper", "Mr. Smith"): a given name or
    a title, then a surname; films often say it alone ("Hopper wrote the first compiler").
    A place named so ("the rose garden") is said by its head noun too, which does no harm.
    Dev (5561): dialogue's "that's Grace Hopper", heard again as "...Hopper", 15 rows up, 1 down."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w not in ("the", "a", "an")]
    if len(words) == 2 and (words[0] in _TITLES or words[0] in first_names()) and words[1] in last_names():
        return words[1]
    return None


def _said_gender(words: list[str], k: int, talk: bool = False) -> str | None:
    """'f'/'m' for word ``k`` of a sentence: a gendered noun or pronoun ("woman", "she"),
    or a capitalised first name someone is introduced by ("This is Grace", "I'm John").
    In ``talk`` (a line with "I", "we" or "you": someone on screen speaking) "he" and
    "the woman" are about somebody else, so only an introduction counts."""
    word = re.sub(r"[^a-z]", "", words[k].lower())
    if word in FEMALE or word in MALE:
        return None if talk or _vocative(words, k) else "f" if word in FEMALE else "m"
    token = re.sub(r"[^A-Za-z]", "", words[k])
    if k == 0 or not token[:1].isupper() or token.isupper() or not _INTRO.search(" ".join(words[max(0, k - 3):k])):
        return None  # only a name someone is introduced by: "Thanks, John" is said TO John
    return first_names().get(word)


def _vocative(words: list[str], k: int) -> bool:
    """"It is green, man, and lovely", "thanks, sir.": a word set off by commas (or a comma and
    the sentence's end) calls to someone; it says nothing of who is on screen."""
    before = k > 0 and words[k - 1].endswith(",")
    return before and (k == len(words) - 1 or words[k][-1:] in ",.!?")


def heard_gender(index: Index) -> dict[int, tuple[int, int]]:
    """Person id -> (female words, male words) said while they alone are on screen: "a woman
    raises her glass" over the cartoon woman's shot, "This is Grace Hopper" over hers.
    Words are timed when the transcript has word times, else the sentence's middle is.
    Read once per index."""
    return dict(once(index, "heard", lambda: _heard_gender(index)))


def _heard_gender(index: Index) -> dict[int, tuple[int, int]]:
    by_shot: dict[int, list] = {}  # a word's shot, then its tracks: no scan of every track per word
    for tr in index.face_tracks:
        if tr.person:
            by_shot.setdefault(tr.shot, []).append(tr)
    starts = [sh.start for sh in index.shots]
    out: dict[int, list[int]] = {}
    for s in index.sentences:
        timed = [(w.text, (w.start + w.end) / 2) for w in s.words] or \
            [(w, (s.start + s.end) / 2) for w in s.text.split()]
        words = [w for w, _ in timed]
        talk = bool(_TALK.search(s.text))
        for k, (text, t) in enumerate(timed):
            said = _said_gender(words, k, talk)
            if said is None:
                continue
            shot = max(0, bisect_right(starts, t) - 1)
            on = {tr.person for tr in by_shot.get(shot, ()) if tr.start <= t <= tr.end}
            if len(on) == 1:
                counts = out.setdefault(on.pop(), [0, 0])
                counts[0 if said == "f" else 1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


@dataclass(frozen=True)
class Allowed:
    """The people a phrase's style and gender words leave, and why (for the reply)."""

    people: frozenset[int]
    why: str  # "drawn", "photographed, not said to be a woman"; "" when nothing narrowed
    style: str | None = None
    heard: frozenset[int] = frozenset()  # of ``people``, those the words (or their voice) call the asked gender
    gender: str | None = None
    voiced: frozenset[int] = frozenset()  # of ``heard``, those their tied voice's pitch calls so

    def called(self, pid: int) -> str:
        """How ``pid`` came to be of the asked gender, for the reply."""
        word = "woman" if self.gender == "f" else "man"
        return f"heard with a {word}'s voice" if pid in self.voiced else f"the film's words call a {word}"


def allowed(index: Index, text: str, voiced: Callable[[str], frozenset[int]] | None = None) -> Allowed:
    """Who ``text`` may mean: drawn or photographed people by its style words, less anyone
    the film's words call the other gender (more words of it than of the asked one). With
    ``voiced`` (sex -> the faces whose tied voice has that pitch: voices.voiced_faces) the
    voice decides over the words: "I'm Nora" said over Felix's face makes him no woman."""
    people = frozenset(p.id for p in index.people)
    style, why = style_of(text), []
    if style:
        drawn = set(drawn_people(index))
        people = frozenset(p for p in people if (p in drawn) == (style == "drawn"))
        why.append("drawn" if style == "drawn" else "photographed")
    gender, called, same = asked_gender(without_style(text)), frozenset(), frozenset()
    if gender:
        heard = heard_gender(index)
        k = 0 if gender == "f" else 1
        same, other = (voiced(gender), voiced("m" if gender == "f" else "f")) if voiced else (same, same)
        kept = frozenset(p for p in people if p in same or p not in other
                         and heard.get(p, (0, 0))[1 - k] <= heard.get(p, (0, 0))[k])
        if kept != people:
            word = "man" if gender == "f" else "woman"
            why.append(f"not said to be a {word}" + (f" nor heard with a {word}'s voice" if other else ""))
        people = kept
        called = frozenset(p for p in people if p in same or heard.get(p, (0, 0))[k] > 0)
    return Allowed(people, ", ".join(why), style, called, gender, same & people)


# A person by a moment: "the guy at 1:05", "whoever is on screen at the two-minute mark".
# ``person_moment`` rewrites it (after numbers.mark_durations has made every time a token) to
# "guy on screen at 1:05" (the subject is "guy at 1:05"), which no time rule reads (they read
# tokens) and people.py resolves to whoever is on screen then (who.moment_person); "the one
# at 1:05" stays a segment.
_MOMENT_NOUN = rf"(?:{ONE_PERSON_WORD}|face|character|someone|somebody|whoever|who)"
_MOMENT = re.compile(rf"\b(?:the\s+)?(?P<who>{_MOMENT_NOUN})(?:\s+(?:who\s+|that\s+)?(?:is|was|'s))?"
                     r"(?:\s+(?:on screen|on camera|seen|shown|in (?:the )?(?:shot|frame|picture)))?"
                     r"\s+(?:at|around|near|from)\s+(?:the\s+)?<[td]:(?P<t>[\d.]+)>(?:\s+mark)?"
                     r"(?!\s*(?:to|until|till|through|-|and|on|onwards?)\b)", re.I)
MOMENT = re.compile(rf"^(?:the\s+)?(?P<who>{_MOMENT_NOUN})(?: on screen)? at (?P<m>\d+):(?P<s>\d\d)$", re.I)


def person_moment(text: str) -> str:
    """"the guy at <t:65.0>" -> "the guy on screen at 1:05": a person, not a length or a window."""
    def sub(m: re.Match) -> str:
        t = round(float(m.group("t")))
        return f"{m.group('who')} on screen at {t // 60}:{t % 60:02d}"

    return _MOMENT.sub(sub, text)


#: "while he's not on screen", "but is not in the shot", "when she is off-screen": the person's
#: voice where their face is not on screen. Written as one token-free phrase (" while off screen")
#: before the parser splits at "not", so the clause stays with the person it describes
_PRONOUN = r"(?:he|she|they)(?:'s|'re|’s|’re)?\s+"
_NOT_SEEN = (r"(?:(?:(?:is|are)\s+not|isn't|aren't|not)\s+(?:on[\s-]?screen|in\s+(?:the\s+)?(?:shot|picture|frame)"
             r"|seen|shown|visible)|(?:(?:is|are)\s+)?(?:off[\s-]?screen|out\s+of\s+(?:the\s+)?(?:shot|frame|picture)))")
_OFF_SCREEN = re.compile(r"\s*,?\s*(?:\b(?:(?:while|when|whenever|where|but|and)\s+(?:" + _PRONOUN + r")?|" + _PRONOUN + r")"
                         + _NOT_SEEN + r"|\b(?:while|when)\s+off[\s-]?screen"
                         # "while we're looking at something else", "when we can't see her"
                         r"|\b(?:while|when|whenever)\s+(?:we|you)(?:'re|\s+are)?\s+(?:(?:looking\s+at|seeing|watching"
                         r"|see|look\s+at)\s+(?:something|someone|somebody)\s+else|(?:can't|cannot|can\s+not|don't|do\s+not)"
                         r"\s+see\s+(?:her|him|them)))\b", re.I)


def off_screen(text: str) -> str:
    """The off-screen clause in its one form (see ``_OFF_SCREEN``)."""
    return _OFF_SCREEN.sub(" while off screen", text)


#: an exclusion that only names a style of picture: "not the animation", "no cartoons"
_STYLE_ONLY = re.compile(r"^(?:the\s+)?(?:cartoons?|animations?|animated(?:\s+(?:bits?|parts?|ones?|stuff))?"
                         r"|drawings?|drawn(?: ones)?|anime|cgi)$", re.I)


def fold_style(include: list[Query], exclude: list[Query]) -> None:
    """"real people only, not the animation": the exclusion says WHICH people, so it
    becomes the drawn faces (told from photographed ones above) rather than a
    search of pictures and speech for "animation", whose loose matches reach the real
    people's own shots ("She smiles ... before the launch" ~ animation 0.20)."""
    if not any(q.who == "anyone" for q in include):
        return
    style = [q for q in exclude if not q.exact and _STYLE_ONLY.match(q.text)]
    if not style:
        return
    exclude[:] = [q for q in exclude if q not in style] + [
        Query(text="drawn people", modality="person", who="anyone")]
    include[:] = [q.model_copy(update={"text": f"real {q.text}"}) if q.who == "anyone"
                  and style_of(q.text) is None else q for q in include]
