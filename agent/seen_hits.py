"""Said x seen, answered: a voice's lines kept by whether the face tied to that voice is on screen.

seen_said.py writes the clause of sight in one of two forms ("Owen's lines while in sight",
"Owen's lines while off screen"). The voice (what they say) comes from voices.py and the
face (when they are seen) from the tie speakers.py makes between a voice and the one face on
screen when it speaks. A line is seen when its middle falls inside a track of that face:

* seen: "Owen's lines while he's on screen", "only when we can see her";
* unseen: "when he's off camera", "except when he's on camera", "but we see someone else".

A film whose voices are tied to no face (its voices do not agree with its faces: a narrator,
voices over photos, or a clustering that merged speakers) cannot tell when a voice is seen:
the voice's lines are kept whole and the explanation says the clause could not be checked,
rather than guessing a face. Kept apart from voices.py (naming) and speakers.py (tying).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import numpy as np

from .evidence import Evidence
from .hits import QueryHits, shot_of
from .plan import Query
from .seen_said import ALONE, split
from .speakers import Named, face_spans, given_names, speaker_ties

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

#: a note that says why nothing matched, so the "nothing matches" answer carries it (planner.py)
UNTOLD = "voice: no voice in this film is known as"


class _Ask(Protocol):
    voices: frozenset[int]
    name: str


@dataclass(frozen=True)
class SeenFace:
    """The faces tied to the asked voices and the seconds they are on screen."""

    people: frozenset[int]
    spans: tuple[tuple[float, float], ...]
    why: str
    # each asked voice's own face ("the women": one woman's line is seen only with HER face); a
    # voice tied to none (a fragment the face joined) goes by all of them
    by_voice: dict[int, tuple[tuple[float, float], ...]] = field(default_factory=dict)

    def seen_at(self, voice: int | None, t: float) -> bool:
        return any(a <= t <= b for a, b in self.by_voice.get(voice, self.spans))


def _on_screen(index: Index, people: set[int] | frozenset[int]) -> tuple[tuple[float, float], ...]:
    """When the faces of ``people`` are on screen (a face found late in a still picture: its whole shot)."""
    return tuple(sorted(span for tr, span in zip(index.face_tracks, face_spans(index)) if tr.person in people))


def tied_face(index: Index, named: Named, ask: _Ask | None) -> SeenFace | None:
    """The face(s) tied to the voices ``ask`` names, or None when no face is tied to them."""
    if ask is None:
        return None
    ties = speaker_ties(index, named)
    people = {p for p, vs in ties.by_face.items() if vs & ask.voices}
    whys = [ties.face_why[p] for p in sorted(people) if p in ties.face_why]
    if ask.name in ties.face:
        people.add(ties.face[ask.name])
        whys = [ties.why[ask.name]]
    if not people:
        return None
    def spans(pids) -> tuple[tuple[float, float], ...]:
        return _on_screen(index, pids)

    own = {v: spans({p for p, vs in ties.by_face.items() if v in vs}) for v in ask.voices
           if any(v in vs for vs in ties.by_face.values())}
    who = ", ".join(f"person {p}" for p in sorted(people))
    return SeenFace(frozenset(people), spans(people), f"{who} ({'; '.join(whys)})" if whys else who, own)


def other_face(index: Index, named: Named, name: str) -> SeenFace | None:
    """The face of another person by name: the one the viewer gave that name, else the one tied to
    the voice of that name (speakers.py); None when neither is known."""
    given = [p for p, n in given_names(index).items() if n.lower() == name]
    ties = speaker_ties(index, named)
    pid = given[0] if given else ties.face.get(named.roles.get(name, name))
    if pid is None:
        return None
    spans = _on_screen(index, {pid})
    why = f"you named person {pid} {name.title()}" if given else f"{name.title()} is person {pid}: {ties.why[name]}"
    return SeenFace(frozenset([pid]), spans, why)


def relation(index: Index, query: Query, named: Named, heard_of: Callable[[Query], QueryHits | None],
             ask_of: Callable[[Query], _Ask | None]) -> QueryHits | None:
    """The asked voice's lines said while its tied face is (or is not) on screen; None when the
    query carries no clause of sight or asks for no voice."""
    got = split(query.text)
    if got is None or query.exact or query.modality in ("silence", "visual"):
        return None
    rest, seen, other = got
    said = query.model_copy(update={"text": rest, "modality": "speech"})
    heard = heard_of(said)
    if heard is None:
        return None
    if not heard.mask.any():  # "nobody in the film is called X": said as it is
        return QueryHits(query, heard.strength, heard.evidence, heard.notes)
    ask = ask_of(said)
    who = f"{ask.name.title()}'s voice" if ask is not None and ask.name else f"the voice asked ('{rest}')"
    face = tied_face(index, named, ask) if not other else other_face(index, named, other)
    if face is None and other:
        note = (f"voice: nobody on screen is known as {other.title()} (no voice of that name is tied to a "
                f"face), so whether they are {'on' if seen else 'off'} screen could not be checked: all the lines are kept")
        return QueryHits(query, heard.strength, heard.evidence, heard.notes + (note,))
    if face is None:  # nothing tells when this voice is seen: its lines, and say so
        note = (f"voice: no face is tied to {who} in this film, so whether they are "
                f"{'on' if seen else 'off'} screen could not be checked: all their lines are kept")
        return QueryHits(query, heard.strength, heard.evidence, heard.notes + (note,))
    voice_of = {(s.start, s.end): v for s, v in zip(index.sentences, index.voices.voice)}
    strength = np.full(len(index.shots), np.nan)
    per_shot: list[tuple[Evidence, ...]] = []
    for k, evs in enumerate(heard.evidence):
        kept = tuple(e for e in evs if face.seen_at(voice_of.get((e.start, e.end)), (e.start + e.end) / 2) == seen)
        per_shot.append(kept)
        if kept:
            strength[k] = heard.strength[k]
    whose = f"{other.title()}'s face" if other else "the face tied to that voice"
    why = f"voice: the lines of {who} said while {whose} is {'on' if seen else 'not on'} screen: {face.why}"
    return QueryHits(query, strength, tuple(per_shot), heard.notes + (why,))



def unchecked(scorer, query: Query, loose: bool) -> QueryHits | None:
    """A clause of sight on words that name no voice (voices.py answered nothing: the film names
    no such voice): the words without the clause, saying that whether the person is seen could not
    be checked, rather than "nothing matches" or a guessed face."""
    got = split(query.text)
    if got is None or query.exact:
        return None
    rest, seen, _ = got
    hits = scorer.score(query.model_copy(update={"text": rest}), loose)
    note = (f"no voice called '{rest}' is tied to a face in this film, so whether it is "
            f"{'on' if seen else 'off'} screen could not be checked")
    return hits.answering(query, note)


def alone(index: Index, query: Query, named: Named, ask_of: Callable[[Query], _Ask | None],
          main_share: float, in_shot_s: float, z: float) -> QueryHits | None:
    """"dan_and_owen talking alone" (seen_said): the shots where each asked voice speaks (``in_shot_s``
    of words) and no other main voice of the film does (``main_share`` of its talk, or named: a stray
    fragment is no other person). No hits, and why, when a name is no voice of this film."""
    m = ALONE.match(query.text.strip())
    if m is None or query.exact:
        return None
    names = [n for n in re.split(r"\s+and\s+", m.group("names").strip().lower()) if n]
    asks = [ask_of(Query(text=n, modality="speech")) for n in names]
    missing = [n.title() for n, a in zip(names, asks) if a is None or not a.voices]
    if missing:
        why = f"{UNTOLD} {', '.join(missing)}, so who talks alone cannot be told"
        return QueryHits(query, np.full(len(index.shots), np.nan), tuple(() for _ in index.shots), (why,))
    mine = [frozenset(a.voices) for a in asks]
    total = sum(named.seconds.values()) or 1.0
    named_voices = {v for vs, _ in named.names.values() for v in vs}
    others = {v for v, secs in named.seconds.items() if (secs >= main_share * total or v in named_voices)
              and not any(v in vs for vs in mine)}
    said = np.zeros((len(index.shots), len(mine) + 1))  # seconds per asked person, and the others
    for s, v in zip(index.sentences, index.voices.voice):
        col = next((k for k, vs in enumerate(mine) if v in vs), len(mine) if v in others else None)
        for w in (s.words or [s]) if col is not None else ():
            for shot in range(shot_of(index, w.start), shot_of(index, w.end) + 1):
                sh = index.shots[shot]
                said[shot, col] += max(0.0, min(w.end, sh.end) - max(w.start, sh.start))
    strength = np.full(len(index.shots), np.nan)
    per_shot: list[tuple[Evidence, ...]] = [() for _ in index.shots]
    who = " and ".join(n.title() for n in names)
    for shot in np.flatnonzero((said[:, :-1] >= in_shot_s).all(axis=1) & (said[:, -1] < in_shot_s)):
        sh = index.shots[shot]
        strength[shot] = z
        per_shot[shot] = (Evidence("speech", 1.0, z, f"only {who} speak here", (sh.start + sh.end) / 2,
                                   sh.start, sh.end, query.text),)
    return QueryHits(query, strength, tuple(per_shot), (f"voice: shots where {who} speak and no other voice does",))
