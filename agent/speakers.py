"""Who speaks on screen: a voice tied to a face, so a name learnt from either reaches both.

The voices stage says which lines share a voice and agent/voices.py names voices from the
words ("I'm Lena"); the faces stage says who is on screen. Neither knows the other. A film
that shows its speakers usually cuts to whoever starts talking, so the line a shot opens
with is most often said by the one face on screen then (the listener's answer may come
over the speaker's shot, so only the opening line counts). Over the whole film:

* every shot whose opening line is said while exactly one face is on screen is a vote
  (that line's voice, that face);
* the film shows its speakers when the named voices' votes agree with one face each (one
  to one) in at least ``film_share`` of them; a film whose voices are off screen (a
  narrator, a dialogue over photos) votes the same voice onto different faces and the
  same face for different voices, and gets no ties at all;
* a named voice is then tied to the face most of its votes go to, and an unnamed voice
  (a piece of the same speaker the clustering split off) whose votes all go to that face,
  with the same pitch gender, joins it.

Kept apart from voices.py (naming voices from words) so both stay small; voices.py asks it.
Also here: shots where several of the film's people speak ("all three of them chat").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from cutbot.indexers.errors import CutbotError
from cutbot.indexers.intervals import union
from cutbot.indexers.looks import track_spans

from .evidence import Evidence
from .hits import QueryHits, shot_of
from . import people
from .numbers import number
from .plan import Query
from .traits import FEMALE, MALE, asked_gender, heard_gender, once
from .who import on_screen

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


@dataclass(frozen=True)
class TieOptions:
    """Thresholds of tying voices to faces, each with its dev measurement."""

    # a face is on screen for a line when its tracks cover this share of the line (not a
    # face that appears as the line ends). Not measured: every dev face track spans its shot
    cover: float = 0.5
    # the film shows its speakers when this share of the named voices' opening-line votes
    # fit a one-to-one voice-face pairing. Dev films: interview (speakers on screen) 5/6 = 0.83
    # (Tom's voice also opens the shot of a photo of two men); dialogue (voices off screen over
    # photos) 4/7 = 0.57; long_dev (speakers mostly on screen, some lines over photos), once Owen's
    # voice is named (VoteOptions.share): 9/13 = 0.69; sample_film, dev_film, gallery: no named
    # voice (no votes, no ties). 0.63 sits between the films that show their speakers and the one that does not
    film_share: float = 0.63
    min_votes: int = 2  # fewer named votes than this say nothing about the film (one shot may be chance)
    # a named voice is tied to the face holding at least this share of its votes (a clear majority),
    # and an unnamed voice joins when this share of its votes go to that face. Dev: interview Tom 3/4
    # (0.75: one opening over a photo of two men), Lena 1/1, Max 1/1; no other dev film has ties
    group_share: float = 0.6


TIES = TieOptions()


@dataclass(frozen=True, eq=False)
class Named:
    """The film's voices with what the words say of them: one reading of them (``voices.named_voices``
    reads them once per names heard), so it is hashed by identity and keys what is read of it."""

    voice: tuple[int, ...]  # per sentence (-1 unknown)
    names: dict[str, tuple[set[int], str]] = field(default_factory=dict)  # name -> (voices, how)
    roles: dict[str, str] = field(default_factory=dict)  # "sister" -> "maya"
    gender: dict[int, str] = field(default_factory=dict)  # voice -> "f"/"m"
    narrator: int | None = None
    role_voices: dict[str, tuple[set[int], str]] = field(default_factory=dict)  # "sister" -> (voices, how)
    seconds: dict[int, float] = field(default_factory=dict)  # voice -> seconds of speech (read once)


@dataclass(frozen=True)
class Ties:
    """The named voices tied to faces: ``face[name]`` the person id, ``voices[name]`` the
    voices that speak for that person (the named ones and those joined through the face)."""

    face: dict[str, int] = field(default_factory=dict)
    voices: dict[str, frozenset[int]] = field(default_factory=dict)
    why: dict[str, str] = field(default_factory=dict)
    agreement: float = 0.0  # share of the named votes that fit the pairing (the film-level test)
    by_face: dict[int, frozenset[int]] = field(default_factory=dict)  # person -> the voices that are theirs
    face_why: dict[int, str] = field(default_factory=dict)


def _groups(named: Named) -> dict[str, set[int]]:
    """Name (or role, when no name holds its voices) -> voices."""
    out = {name: set(v) for name, (v, _) in named.names.items()}
    for role, (v, _) in named.role_voices.items():
        if not any(set(v) <= g for g in out.values()):
            out[role] = set(v)
    return out


def face_spans(index: Index) -> list[tuple[float, float]]:
    """``track_spans`` read once per index (and its tracks and looks): every person query asks it."""
    return once(index, ("face spans", id(index.face_tracks), id(index.frame_looks)), lambda: track_spans(index))


def opening_lines(index: Index, opts: TieOptions = TIES) -> list[tuple[int, int, int]]:
    """(shot, sentence, person) for every shot whose first line is said while exactly one
    face is on screen (its tracks cover ``cover`` of the line)."""
    tracks: dict[int, list] = {}
    for tr, (a, b) in zip(index.face_tracks, face_spans(index)):  # a still picture's faces: its whole shot
        if tr.person:
            tracks.setdefault(tr.shot, []).append((tr.person, a, b))
    out, seen = [], set()
    for i, s in enumerate(index.sentences):
        shot = shot_of(index, (s.start + s.end) / 2)
        if shot in seen:
            continue
        seen.add(shot)
        span = max(s.end - s.start, 1e-6)
        on: dict[int, float] = {}
        for person, a, b in tracks.get(shot, ()):
            on[person] = on.get(person, 0.0) + max(0.0, min(b, s.end) - max(a, s.start))
        there = [p for p, t in on.items() if t >= opts.cover * span]
        if len(there) == 1:
            out.append((shot, i, there[0]))
    return out


def speaker_ties(index: Index, named: Named, opts: TieOptions = TIES) -> Ties:
    """The film's named voices tied to faces (read once per index and reading of its voices:
    ``named`` is in the key, so another reading never gets these ties); no ties when the
    film's voices do not agree with its faces (see the module's docstring)."""
    return once(index, ("speakers.ties", opts, named), lambda: _ties(index, named, opts))


def _ties(index: Index, named: Named, opts: TieOptions) -> Ties:
    groups = _groups(named)
    group_of = {v: g for g, vs in groups.items() for v in vs}
    ids = index.voices.voice
    votes: dict[str, dict[int, int]] = {}
    loose: dict[int, dict[int, int]] = {}  # unnamed voice -> person -> shots
    for _, i, pid in opening_lines(index, opts):
        v = ids[i]
        if v < 0:
            continue
        box = votes.setdefault(group_of[v], {}) if v in group_of else loose.setdefault(v, {})
        box[pid] = box.get(pid, 0) + 1
    total = sum(n for per in votes.values() for n in per.values())
    pairs = sorted(((n, g, p) for g, per in votes.items() for p, n in per.items()), key=lambda x: (-x[0], x[1], x[2]))
    face: dict[str, int] = {}
    for n, g, p in pairs:  # one to one, the strongest pairs first
        if g not in face and p not in face.values():
            face[g] = p
    fit = sum(votes[g][p] for g, p in face.items())
    agreement = fit / total if total else 0.0
    if total < opts.min_votes or agreement < opts.film_share:
        return Ties(agreement=agreement)
    face = {g: p for g, p in face.items() if votes[g][p] >= opts.group_share * sum(votes[g].values())}
    gender = named.gender
    out_voices, why = {}, {}
    for g, p in face.items():
        sexes = {gender.get(v) for v in groups[g]} - {None}
        joined = sorted(v for v, per in loose.items() if max(per, key=per.get) == p
                        and per[p] >= opts.group_share * sum(per.values())
                        and (not sexes or gender.get(v) in sexes or gender.get(v) is None))
        out_voices[g] = frozenset(groups[g] | set(joined))
        n = votes[g][p]
        called = f"called {g.title()}" if g in named.names else f"of the {g}"
        why[g] = (f"the voice {called} opens {n} shot{'s' if n > 1 else ''} while only person {p} is on "
                  f"screen (taken as the speaker on screen: {fit} of the film's {total} such shots agree)")
        if joined:
            which = f"voice {joined[0] + 1} opens" if len(joined) == 1 else \
                f"voices {', '.join(str(v + 1) for v in joined)} open"
            why[g] += f"; {which} shots of person {p} too, so {'is' if len(joined) == 1 else 'are'} theirs"
    by_face = {p: out_voices[g] for g, p in face.items()}
    face_why = {p: why[g] for g, p in face.items()}
    for v, per in sorted(loose.items()):  # an unnamed voice that opens shots of one untied face, again and again
        p = max(per, key=per.get)
        if p not in face.values() and per[p] >= opts.min_votes and per[p] >= opts.group_share * sum(per.values()):
            by_face[p] = by_face.get(p, frozenset()) | {v}
            face_why[p] = (face_why[p] + "; " if p in face_why else "") + \
                f"voice {v + 1} opens {per[p]} shots while only person {p} is on screen (taken as theirs)"
    return Ties(face, out_voices, why, agreement, by_face, face_why)


def speaking_faces(index: Index, named: Named) -> dict[int, int]:
    """Voice id -> the person whose face speaks with it; empty where the film does not show its speakers."""
    return {v: p for p, vs in speaker_ties(index, named).by_face.items() for v in vs}


def faces_of_sex(index: Index, named: Named, sex: str) -> tuple[set[int], str]:
    """The people a gender word ("the woman") means in a film whose voices are tied to faces: the
    tied faces whose voice's pitch is that gender's, and the others the film's words call so
    (traits.heard_gender) unless their tied voice's pitch says otherwise; and why."""
    pitch = _face_pitch(index, named)
    by_pitch = set(faces_by_pitch(index, named, sex))
    k = 0 if sex == "f" else 1
    by_words = {p for p, n in heard_gender(index).items() if n[k] > n[1 - k] and pitch.get(p, {sex}) == {sex}}
    word = "woman's" if sex == "f" else "man's"
    why = (f"person {', '.join(map(str, sorted(by_pitch)))}: the voice tied to them has a {word} pitch"
           if by_pitch else "")
    if by_words - by_pitch:
        why += ("; " if why else "") + f"person {', '.join(map(str, sorted(by_words - by_pitch)))}: so called"
    return by_pitch | by_words, why


def faces_by_pitch(index: Index, named: Named, sex: str) -> frozenset[int]:
    """The faces whose tied voice (speaker_ties) has ``sex``'s pitch, and no other's."""
    return frozenset(p for p, sexes in _face_pitch(index, named).items() if sexes == {sex})


def _face_pitch(index: Index, named: Named) -> dict[int, set[str]]:
    ties = speaker_ties(index, named)
    return {p: {named.gender.get(v) for v in ties.voices[g]} - {None} for g, p in ties.face.items()}


def face_hits(index: Index, query: Query, pids: int | set[int], why: str) -> QueryHits | None:
    """Per-shot hits where the people ``pids`` are on screen (a shot's share of them as the
    score, scored as every person reader scores one: who.on_screen), with ``why`` in each reason."""
    pids = {pids} if isinstance(pids, int) else set(pids)
    spans: dict[int, list[tuple[float, float]]] = {}
    for tr, span in zip(index.face_tracks, face_spans(index)):
        if tr.person in pids:
            spans.setdefault(tr.shot, []).append(span)
    if not spans:
        return None
    strength = np.full(len(index.shots), np.nan)
    per_shot: list[tuple[Evidence, ...]] = [() for _ in index.shots]
    for shot, got in spans.items():
        sh = index.shots[shot]
        seen = union([(max(a, sh.start), min(b, sh.end)) for a, b in got if min(b, sh.end) > max(a, sh.start)])
        on = on_screen(seen, sh.end - sh.start)
        if on is None:
            continue
        ev = Evidence("person", round(on.cover, 3), on.z, f"on screen {on.seconds:.1f} of {sh.end - sh.start:.1f} s "
                      f"({why})", (on.start + on.end) / 2, on.start, on.end, query.text)
        strength[shot], per_shot[shot] = ev.z, (ev,)
    return QueryHits(query, strength, tuple(per_shot), (f"person: {why}",))


_SEEN = re.compile(r"^(?:(?:the|any|a|that)\s+)?(?P<who>[a-z]+)(?:'s\s+face|\s+(?:is\s+)?(?:on screen|on camera|in (?:the )?(?:shot|frame|"
                   r"picture)|showing|shown|seen))?$")


#: what is seen with a person ("Owen with his camera", "Dan in the car"), not a topic of their talk
SEEN_WITH = r"(?:with|in|at|by|near|behind|beside|holding|wearing|carrying|outside|inside|under)"
_WITH = re.compile(rf"^(?:the\s+)?(?P<who>[a-z]+)\s+{SEEN_WITH}\s+[a-z]")


def seen_speaker(index: Index, query: Query, named: Named) -> QueryHits | None:
    """"whenever Lena is on screen", "the shots showing Tom": a name the words gave a voice, asked as a
    person seen, is the face tied to that voice; "the woman" seen, the faces ``faces_of_sex`` gives.
    None when there is no tie, the viewer named a face so (``face_named``: people.py answers) or the
    modality is "any": the parser reads "the bits where Lena talks" as "lena" (any) too, so a bare
    name there stays the voice. "Owen with his camera", "Dan in the car" are all of his screen time."""
    if query.exact or query.who not in (None, "name"):
        return None
    if w := _WITH.match(query.text.strip().lower()):
        return _seen_with(index, query, named, w)
    if query.modality not in ("visual", "person"):
        return None
    m = _SEEN.match(query.text.strip().lower())
    if m is None:
        return None
    name = named.roles.get(m.group("who"), m.group("who"))
    ties = speaker_ties(index, named)
    sex = asked_gender(name) if ties.face and name in FEMALE | MALE else None
    if sex:  # "whenever the woman is on screen": the faces whose tied voice (or the words) say so
        pids, why = faces_of_sex(index, named, sex)
        return face_hits(index, query, pids, why) if pids else None
    if name not in ties.face or face_named(index, name):
        return None
    pid = ties.face[name]
    return face_hits(index, query, pid, f"{name.title()} is person {pid}: {ties.why[name]}")


def _seen_with(index: Index, query: Query, named: Named, m: re.Match) -> QueryHits | None:
    """All the screen time of the face tied to the voice named ``m["who"]``: what is seen with them
    picks the person out, it does not cut their shots (the classifier may have no word for it)."""
    name = named.roles.get(m.group("who"), m.group("who"))
    ties = speaker_ties(index, named)
    if query.modality == "speech" or name not in ties.face or face_named(index, name):
        return None
    return face_hits(index, query, ties.face[name], f"{name.title()} is person {ties.face[name]}: {ties.why[name]}")


def joined(index: Index, named: Named, name: str, found: tuple[set[int], str]) -> tuple[set[int], str]:
    """A named voice with the voices its face ties to it, and why."""
    ties = speaker_ties(index, named)
    voices, why = found
    more = ties.voices.get(name, frozenset()) - set(voices)
    return (set(voices) | more, f"{why}; {ties.why[name]}") if more else found


def face_voices(index: Index, named: Named, text: str, scorer) -> tuple[frozenset[int], str] | None:
    """"What the man in the bow tie says", "the cartoon guy's lines": the voice tied to the face the
    words pick out (people.resolve_described); None where no voice is tied to it, and the face answers."""
    ties = speaker_ties(index, named) if scorer is not None and getattr(index, "people", None) else None
    if not ties or not ties.by_face:
        return None
    try:
        ref = people.resolve_described(index, text, scorer)
    except CutbotError:
        return None  # the face path says why nobody is picked out
    voices = ties.by_face.get(ref.person)
    return (frozenset(voices), f"{ref.reason}; whose voice: {ties.face_why[ref.person]}") if voices else None


def face_named(index: Index, name: str) -> bool:
    """Whether the viewer gave one of the film's faces this name."""
    return bool(getattr(index, "people", None)) and any(name == n.lower() for n in given_names(index).values())


def given_names(index: Index) -> dict[int, str]:
    """The names the viewer gave the film's faces (none from a malformed roster file)."""
    try:
        return people.load_roster(index).names
    except (KeyError, TypeError, ValueError, AttributeError):
        return {}


def seen_or_heard(index: Index, query: Query, heard: QueryHits, named: Named, name: str) -> QueryHits:
    """A bare name asked as "any" ("scenes with Tom", and "when Tom talks" as the parser reads
    it) in a film whose voice of that name is tied to a face: the shots where he is heard or
    seen; anything else is ``heard`` as it is."""
    ties = speaker_ties(index, named)
    if query.modality != "any" or name not in ties.face or \
            re.sub(r"^the\s+", "", query.text.strip().lower()) != name:
        return heard
    seen = face_hits(index, query, ties.face[name], f"{name.title()} is person {ties.face[name]}: {ties.why[name]}")
    if seen is None:
        return heard
    strength = np.fmax(heard.strength, seen.strength)
    evidence = tuple(a + b for a, b in zip(heard.evidence, seen.evidence))
    return QueryHits(query, strength, evidence, heard.notes + seen.notes)


_TOGETHER = re.compile(r"^(?:all\s+)?(?P<n>two|both|three|four|five|six|everyone|everybody)(?:\s+of\s+(?:them|us))?"
                       r"(?:\s+(?:main\s+)?(?:people|voices|speakers|leads|characters|guests|hosts))?"
                       r"(?P<talk>\s+(?:are\s+|is\s+)?(?:talking|speaking|chatting|chat|talk|speak)(?:\s+together)?)?$")


def together(index: Index, query: Query, named: Named, main_share: float, in_shot_s: float, z: float
             ) -> QueryHits | None:
    """Shots where N of the film's people speak ("all three of them chat"), else None."""
    m = _TOGETHER.match(query.text.strip().lower())
    if m is None or query.exact or not (query.modality == "speech" or m.group("talk")):
        return None
    tied = speaker_ties(index, named)
    people: list[tuple[set[int], str]] = [(set(tied.voices.get(name, v)), name.title())
                                          for name, (v, _) in named.names.items()]
    people += [(set(v), f"the {role}") for role, (v, _) in named.role_voices.items()
               if not any(v <= p for p, _ in people)]
    said = m.group("n")  # "all three of them chat": three; "everyone": every main voice
    n = 2 if said == "both" else None if said.startswith("every") else int(number(said))
    secs = named.seconds
    if len(people) >= max(n or 2, 2):  # the people the film names (an unnamed voice may be a
        main = people  # piece of one of theirs: counting it as another person would be a guess)
    else:  # else the voices holding a good share of the talk
        people += [({k}, f"voice {k + 1}") for k in secs if not any(k in p for p, _ in people)]
        main = [(p, w) for p, w in people if sum(secs.get(k, 0.0) for k in p) >= main_share * sum(secs.values())]
    n = n or len(main)
    if n < 2 or len(main) < n:
        return None
    said = np.zeros((len(index.shots), len(main)))  # seconds of each main voice's words per shot
    for s, v in zip(index.sentences, index.voices.voice):
        who = next((k for k, (p, _) in enumerate(main) if v in p), None)
        for w in (s.words or [s]) if who is not None else ():
            for shot in range(shot_of(index, w.start), shot_of(index, w.end) + 1):
                sh = index.shots[shot]
                said[shot, who] += max(0.0, min(w.end, sh.end) - max(w.start, sh.start))
    strength, per_shot = np.full(len(index.shots), np.nan), [() for _ in index.shots]
    for shot in np.flatnonzero((said >= in_shot_s).sum(axis=1) >= n):
        sh, names = index.shots[shot], [main[k][1] for k in np.flatnonzero(said[shot] >= in_shot_s)]
        strength[shot], per_shot[shot] = z, (Evidence(
            "speech", 1.0, z, f"{len(names)} voices speak here: {', '.join(names)}",
            (sh.start + sh.end) / 2, sh.start, sh.end, query.text),)
    return QueryHits(query, strength, tuple(per_shot), (f"voice: shots where {n} of its {len(main)} people speak",))
