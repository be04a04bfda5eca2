"""Who a person word means when it names nobody in particular: "people", "someone"
(anyone on screen) or "the man in the hat" (one person, picked by what is near them).

Kept apart from people.py (names, the hero, the roster) so each stays small; people.py
uses these and search.py reaches them only through people.py.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from cutbot.indexers.colours import COLOURS
from cutbot.indexers.intervals import union

from .calibration import LABELS, Z_MIN
from .errors import NothingMatched
from .evidence import Evidence
from .labels import person_like
from .lexical import STOP
from .plan import Query
from .numbers import ordinal
from .descriptions import MODIFIED, clean, role_noun
from .person_words import looks
from .person_phrases import MODIFIER
from .traits import GENDERED_ONE, allowed, asked_gender, drawn_people, style_of, without_style
from .word_forms import PLAIN_PEOPLE, unarticled

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

_VAGUE = re.compile(rf"^(?!{MODIFIER}).+$")  # the words MODIFIER says pick nobody out


@dataclass(frozen=True)
class PersonQuery:
    people: tuple[str, ...]
    together: bool = False
    alone: bool = False


def parse_person_query(text: str) -> PersonQuery:
    """'Alice and Bob together' / 'the hero alone' / 'scenes with Alice' -> who, and how."""
    t = clean(text)
    alone = bool(re.search(r"\b(alone|by (?:him|her|them)sel(?:f|ves)|on (?:his|her|their) own|solo)\b", t, re.I))
    together = bool(re.search(r"\b(together|both|with each other)\b", t, re.I))
    t = re.sub(r"\b(alone|by (?:him|her|them)sel(?:f|ves)|on (?:his|her|their) own|solo|together|both|"
               r"with each other)\b", " ", t, flags=re.I)
    t = re.sub(r"^(?:(?:the\s+)?(?:scenes?|shots?|parts?|moments?)\s+)?(?:with|of|where|featuring)\s+", "", clean(t), flags=re.I)
    names = tuple(n for n in (clean(x) for x in re.split(r"\s*(?:,|&|\band\b)\s*", t)) if n)
    return PersonQuery(names or (t,), together and len(names) > 1, alone)


@dataclass(frozen=True)
class PersonEvidence:
    """One shot where the asked-for people are on screen; ``score`` = share of the shot."""

    shot: int
    score: float
    z: float
    reason: str  # "person: Alice (person 2) 0.93"
    detail: str
    time: float
    start: float
    end: float

    def to_evidence(self):
        return Evidence("person", self.score, self.z, self.detail, self.time, self.start, self.end)


@dataclass(frozen=True)
class OnScreen:
    """How much of a shot people fill (``cover``), the longest span: every person reader's scoring."""
    seconds: float
    cover: float
    start: float
    end: float
    z: float


def on_screen(seen: list[tuple[float, float]], duration: float) -> OnScreen | None:
    """The seconds and share of a shot the spans ``seen`` (already merged) cover, or None."""
    on = sum(b - a for a, b in seen)
    a, b = max(seen, key=lambda s: s[1] - s[0]) if on > 0 else (0.0, 0.0)
    cover = min(1.0, on / max(duration, 1e-6))
    return OnScreen(on, cover, a, b, max(Z_MIN, 10.0 * cover)) if on > 0 else None


def anyone_evidence(index: Index, text: str = "people", voiced=None) -> list[PersonEvidence]:
    """Per shot, where anybody is on screen: every face track, plus frames whose labels
    are people (a diver, a groom) for films or shots where faces were not found. "real
    people" leaves out drawn faces (and the labels of shots that show one); "cartoon
    characters" keeps only drawn faces (traits.py)."""
    style = style_of(text)
    drawn = set(drawn_people(index)) if style else set()
    # "the women", "both guys": the people the film's words call that gender, else (when
    # they call nobody so) those they do not call the other (traits.allowed); labels say
    # no gender, so then only faces count.
    gender = asked_gender(without_style(text)) if index.people else None
    allow = allowed(index, text, voiced) if gender else None
    ok = (allow.heard or allow.people) if allow else None
    spans: dict[int, list[tuple[float, float]]] = {}
    for tr in index.face_tracks:
        if (style is None or (tr.person in drawn) == (style == "drawn")) and (ok is None or tr.person in ok):
            spans.setdefault(tr.shot, []).append((tr.start, tr.end))
    drawn_shots = {tr.shot for tr in index.face_tracks if tr.person in drawn}
    like = person_like(index.frames) if index.frames and style != "drawn" and not gender else np.zeros(0)
    for f, p in zip(index.frames, like):
        if p >= LABELS.category_floor and f.shot not in drawn_shots:
            spans.setdefault(f.shot, []).append((f.time - 0.5, f.time + 0.5))
    kind = {"real": "someone photographed", "drawn": "someone drawn"}.get(style or "", "someone")
    if gender:
        word = "woman" if gender == "f" else "man"
        called = f"heard as a {word}" if allow.heard <= allow.voiced else f"the film's words call a {word}"
        kind += (f" {called}" if allow.heard else
                 f" not said to be a {'man' if gender == 'f' else 'woman'}") + f" (people {', '.join(map(str, sorted(ok)))})"
    out = []
    for shot in index.shots:
        seen = union([(max(a, shot.start), min(b, shot.end)) for a, b in spans.get(shot.index, [])
                       if min(b, shot.end) > max(a, shot.start)])
        got = on_screen(seen, shot.duration)
        if got is None:
            continue
        out.append(PersonEvidence(shot.index, round(got.cover, 3), got.z,
                                  f"person: anyone {got.cover:.2f}", f"{kind} on screen {got.seconds:.1f} of "
                                  f"{shot.duration:.1f} s", (got.start + got.end) / 2, got.start, got.end))
    return out


def described_person(index: Index, label: Callable[[int], str], what: str, text: str,
                     describe: Callable[[str], Iterable[int]], who: str = "",
                     heard: Callable[[str, set[int]], Any] | None = None, voiced=None) -> tuple[int, str]:
    """The one person most on screen where ``what`` is seen or said (ties: more screen time);
    when nothing is, where the person words themselves are ("soccer player", "animated
    guy": ``who``, when they say more than "man"). Plain evidence counts first: on the dev
    films, an exclusion's weaker evidence put an absent "astronaut", "pilot" or "swimmer"
    on someone in 7 of 8 role words tried. A thing seen clearly nowhere with a face is read
    from its weaker sightings where someone is (``describer``, ``Weakly``), last, and the
    reason says so. Dev 7820: 17 up ("the woman in the purple dress", "the two men with the
    ball"), 0 down, absent unchanged."""
    what = unarticled(what.strip())
    # "the woman from the scene with the dog": the scene is found by what is in it
    what = re.sub(r"^(?:(?:scenes?|shots?|parts?|bits?|clips?|moments?|ones?)\s+(?:with|where|of|showing|that has|"
                  r"that shows|in which)\s+)(?:the\s+|a\s+|an\s+)?", "", what) or what
    words = [w for w in who.split() if not _VAGUE.match(w)]  # "old", "other": nobody in particular
    plain = without_style(what)  # "glasses in the cartoon": the cartoon picks the candidates
    role = [" ".join(words)] if words and (len(words) > 1 or words[-1] not in PLAIN_PEOPLE) else []
    first = role if words and words[-1] not in PLAIN_PEOPLE else []  # a role before a dress: "the footballer in stripes"
    tries = list(dict.fromkeys(first + [what] + ([plain] if plain else []) + role))
    allow = allowed(index, text, voiced)
    if not allow.people:
        raise NothingMatched(f"nobody on screen is {allow.why}, so '{text}' is nobody on screen")
    shots: set[int] = set()
    on: dict[int, float] = {}
    weakly_seen = None  # a weak sighting waits for any try that sees it clearly
    for what in tries:
        shots, on, weak = _seen_with(index, allow.people, what, describe)
        if on and not weak:
            break
        weakly_seen = weakly_seen or ((what, shots, on) if on else None)
    else:
        weak = weakly_seen is not None
        what, shots, on = weakly_seen or (what, shots, on)
    what = what if on else tries[0]
    screen = {p.id: p.screen_time for p in index.people}
    if not on and allow.style:  # nothing seen or said of it, but only some people can be meant
        pid = max(allow.people, key=lambda p: (screen.get(p, 0.0), -p))
        alone = "the only" if len(allow.people) == 1 else f"of {len(allow.people)}, the most on screen"
        return pid, f"'{text}' is taken as {label(pid)}: {alone} person on screen {allow.why}"
    if not on and allow.gender and looks(tries[0]) and (
            len(allow.heard) == 1 or len(allow.people) == 1 and allow.why):
        # "the woman with glasses" where no glasses are seen: the one person the words make a woman
        pid = next(iter(allow.heard if len(allow.heard) == 1 else allow.people))
        how = f"the only person {allow.called(pid)}" if len(allow.heard) == 1 else \
            f"the only person on screen {allow.why}"
        return pid, f"'{text}' is taken as {label(pid)}: nothing seen or said matches '{tries[0]}'; {how}"
    if not on and heard is not None:  # "the astronaut": what is said while each face is on screen
        for role in dict.fromkeys(" ".join(w for w in t.split() if w not in PLAIN_PEOPLE) for t in tries):
            if role and (hit := heard(role, set(allow.people))) is not None:
                return hit.person, (f"'{text}' is taken as {label(hit.person)}: '{hit.phrase}' is heard while they are "
                                    f"on screen (\"{hit.example}\") and means '{role}' more than anything heard "
                                    f"elsewhere ({hit.sim:.2f}, ahead by {hit.lead:.2f})")
    if not shots and not on:
        raise NothingMatched(f"nothing in the film matches '{what}', so '{text}' is nobody on screen")
    if not on:
        raise NothingMatched(f"nobody's face is on screen where '{what}' is: cannot tell who '{text}' is")
    pid = max(on, key=lambda p: (on[p], screen.get(p, 0.0), -p))
    narrowed = f" (among the people on screen {allow.why})" if allow.why else ""
    weakly = " (only weakly seen there: nothing shows it clearly)" if weak else ""
    return pid, (f"'{text}' is taken as {label(pid)}: on screen "
                 f"{on[pid]:.0f} s in the {len(shots)} shot(s) with '{what}'{weakly}{narrowed}")


def _seen_with(index: Index, people, what: str, describe) -> tuple[set[int], dict[int, float], bool]:
    """The shots showing ``what`` and each person's time on screen in them; several things worn
    ("the cap and glasses") are each looked for alone (a whole phrase names no label), and a
    shot showing any of them counts once; things near them ("the tripod and the river") stay one phrase.
    Last: whether every sighting was only a weak one (``Weakly``)."""
    items = re.split(r"\s+and\s+", what) if looks(what) else [what]
    found = [f for item in items if item.strip() and (f := describe(item.strip()))]
    shots = {s for f in found for s in f}
    on: dict[int, float] = {}
    for tr in index.face_tracks:
        if tr.person in people and tr.shot in shots:
            on[tr.person] = on.get(tr.person, 0.0) + tr.end - tr.start
    return shots, on, bool(found) and all(isinstance(f, Weakly) for f in found)


_GENDERED = re.compile(r"^(?:the\s+|that\s+)?(?:(?:old|older|young|younger|elderly|little|tall|short|bald|blond|"
                       r"blonde|dark-haired|grey-haired|gray-haired)\s+)?" + GENDERED_ONE + "$")
# (age and hair: no stored evidence, the gender decides)


def plain_person(index: Index, label: Callable[[int], str], text: str, voiced=None) -> tuple[int, str] | None:
    """"the woman" when the film's words call exactly one person a woman ("This is Grace
    Hopper", "she smiles"), or all but one a man; None otherwise (then it stays a subject)."""
    if not _GENDERED.match(text.lower()):
        return None
    ok = allowed(index, text, voiced)
    if len(ok.heard) == 1:
        pid = next(iter(ok.heard))
        return pid, f"'{text}' is taken as {label(pid)}: the only person {ok.called(pid)}"
    if len(ok.people) == 1 and ok.why and not ok.heard:  # everyone else is said to be otherwise
        pid = next(iter(ok.people))
        return pid, f"'{text}' is taken as {label(pid)}: the only person on screen {ok.why}"
    return None


def seen_person(index: Index, label: Callable[[int], str], m: re.Match, text: str, voiced=None) -> tuple[int, str]:
    """"the first person we see", "the woman from the start", "the last guy": people in the
    order they first appear, among those the words allow (traits.allowed: a woman, drawn)."""
    k = -1 if (m.group("when") or "").lower() in ("end", "ending", "close", "finish") else \
        ordinal(m.group("ord")) if m.group("ord") else 1
    ok = allowed(index, text, voiced)
    first: dict[int, float] = {}
    last: dict[int, float] = {}  # "the last person", "the guy from the end": on screen last
    for tr in index.face_tracks:
        if tr.person in ok.people:
            first[tr.person] = min(first.get(tr.person, tr.start), tr.start)
            last[tr.person] = max(last.get(tr.person, tr.end), tr.end)
    order = sorted(first, key=lambda p: (first[p], p)) if k > 0 else sorted(last, key=lambda p: (-last[p], p))
    if not order or abs(k) > len(order):
        some = f"{len(order)} {'person' if len(order) == 1 else 'people'}{' ' + ok.why if ok.why else ''}"
        raise NothingMatched(f"'{text}': only {some} on screen")
    pid = order[abs(k) - 1]
    among = f" ({ok.why})" if ok.why else ""
    if k < 0:
        return pid, f"'{text}' is taken as {label(pid)}: the last person{among} on screen (until {last[pid]:.0f} s)"
    nth = f"{k}{'st' if k == 1 else 'nd' if k == 2 else 'rd' if k == 3 else 'th'}"
    return pid, f"'{text}' is taken as {label(pid)}: the {nth} person{among} to appear (first at {first[pid]:.0f} s)"


def moment_person(index: Index, label: Callable[[int], str], m: re.Match, text: str, voiced=None) -> tuple[int, str]:
    """"the guy at 1:05", "whoever is on screen at the two-minute mark": the person on
    screen then (among those the words allow), else the one most on screen in that shot."""
    t = 60.0 * int(m.group("m")) + int(m.group("s"))
    length = max((s.end for s in index.shots), default=0.0)
    if t > length:
        raise NothingMatched(f"'{text}': the film is only {length:.0f} s long")
    when = f"{int(t) // 60}:{int(t) % 60:02d}"
    shot = next((s for s in index.shots if s.start <= t < s.end), index.shots[-1] if index.shots else None)
    ok = allowed(index, m.group("who") if m.group("who").lower() not in ("whoever", "who") else "someone", voiced)
    now: dict[int, float] = {}
    there: dict[int, float] = {}
    for tr in index.face_tracks:
        if tr.person in ok.people and shot is not None and tr.shot == shot.index:
            there[tr.person] = there.get(tr.person, 0.0) + tr.end - tr.start
            if tr.start <= t <= tr.end:
                now[tr.person] = now.get(tr.person, 0.0) + tr.end - tr.start
    pick = now or there
    if not pick:
        among = f" {ok.why}" if ok.why else ""
        raise NothingMatched(f"nobody{among} is on screen at {when}, so '{text}' is nobody")
    pid = max(pick, key=lambda p: (pick[p], -p))
    how = "on screen at" if now else "the most on screen in the shot at"
    others = [label(p) for p in pick if p != pid]
    also = f" (also there: {', '.join(others)})" if others else ""
    return pid, f"'{text}' is taken as {label(pid)}: {how} {when}{also}"


class Weakly(list):
    """Shots where a described thing is only weakly seen (``describer``'s last resort): the
    person picked by them says so."""


def describer(index: Index, scorer) -> Callable[[str], list[int]]:
    """``what`` -> the shots where it is seen, else said, preferring shots with a face on
    screen: how "the man with the camera" finds the shots that pick its person."""
    seen: dict[int, set[int]] = {}  # shot -> the people whose faces are on screen in it
    for tr in index.face_tracks:
        if tr.person:
            seen.setdefault(tr.shot, set()).add(tr.person)
    faced = set(seen)

    def where(text: str, modality: str) -> list[int]:
        # no ``colour``: a whole frame's colour says nothing of a tie or a dress
        hits = scorer.score(Query(text=text, modality=modality))
        shots = np.flatnonzero(hits.mask).tolist()
        if modality != "speech" or not role_noun(text):
            return shots  # "the guy in the car": "I'm in the car" said is his own description
        # "I told you to call my plumber" over Dan: where the faces on screen are the film's own
        # speakers (their voices tied to them), a role said is someone they talk about, not them
        talkers = set(getattr(scorer, "speaking_faces", dict)().values())
        return [s for s in shots if not (talkers and s in seen and seen[s] <= talkers)]

    def describe(what: str) -> list[int]:
        first: list[int] = []
        words = what.split()
        # "the hat man" is then tried as "hat" (the person noun alone names anyone)
        for text in dict.fromkeys([what, " ".join(words[:-1]) if MODIFIED.match(what) else what]):
            for modality in ("visual", "speech"):
                found = where(text, modality)
                if faced & set(found):
                    return found
                first = first or found
        # "the man with the camera tripod by the river": no shot has the whole phrase, but
        # "camera" and "tripod" are seen where he is; the faced shots of its words vote,
        # when at least two words have any (one stray word, "red", describes nobody).
        parts = [w for w in dict.fromkeys(re.findall(r"[a-z][a-z'-]{2,}", what.lower())) if w not in STOP]
        voted = [hit for hit in ({s for m in ("visual", "speech") for s in where(w, m) if s in faced}
                                 for w in parts) if hit] if len(parts) > 1 else []
        if len(voted) >= 2:
            return sorted(set().union(*voted))
        if not faced & set(first):  # seen nowhere, or only where nobody is: its weaker sightings where someone is
            near = weakly_seen(what)
            if not near and len(parts) > 1:  # "the corridor with the ball": the shots most of its words are weakly seen in
                # (at least half of them; a word weakly seen wherever someone is, "face", picks nobody out)
                seen_in = [hit for w in parts if w not in COLOURS and (hit := weakly_seen(w)) and len(hit) < len(faced)]
                votes = Counter(s for hit in seen_in for s in hit)
                most = max(votes.values(), default=0)
                near = sorted(s for s, n in votes.items() if n == most) if 2 * most >= len(parts) else []
            return Weakly(near) if near else first
        return first

    def weakly_seen(what: str) -> list[int]:
        loose = scorer.score(Query(text=what, modality="visual"), loose=True)
        return [int(s) for s in np.flatnonzero(loose.mask) if int(s) in faced]
    return describe
