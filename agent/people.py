"""People in requests: who "Alice", "person 2" or "the hero" is, and where they are on screen.

The faces stage gives numbered people (1 = most screen time). The viewer's names for
them live in ``people.json`` beside the index (written atomically, with each person's
identity centroid, so names survive a re-index that renumbers people). Search asks
``person_items`` for per-shot evidence, shaped like the other modalities' evidence.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from cutbot.indexers.intervals import intersect, subtract, union
from cutbot.indexers.schema import SAME_PERSON

from . import names_spoken
from .errors import NothingMatched, PlanError
from .lexical import STOP
from .names_spoken import NameSuggestion, spelled_as
from .numbers import ORDINALS, ordinal
from .roles import hearer
from .person_phrases import FIRST_SEEN
from .traits import MOMENT, first_names
from .word_forms import CONTRACTED_IS, TITLES
from .descriptions import MODIFIED, clean as _clean, described, role_noun
from .person_phrases import ANYONE
from .who import (PersonEvidence, PersonQuery, anyone_evidence, described_person, describer, moment_person, on_screen,
                  parse_person_query, plain_person, seen_person)

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

NAMES_FILE = "people.json"
MATCH = SAME_PERSON  # dlib's identity distance: a saved name follows the person whose centroid is this close
HERO = re.compile(r"^(?:the\s+)?(?:hero|heroine|main character|lead|lead character|protagonist|star)$")
_PERSON_N = re.compile(r"^(?:the\s+)?(?:person|people|face|character)\s*(?:no\.?|number|#)?\s*(\d+)$|^#(\d+)$")
_ORDINALS = {**ORDINALS, "opening": 1}
_SCENE_REF = re.compile(
    r"^(?:the\s+)?(?:woman|man|person|guy|girl|boy|lady|kid|child|one|face|character|someone)\s+"
    r"(?:in|from|of|at)\s+(?:the\s+)?(?:(?P<ord>\w+)\s+(?:scene|shot)|(?:scene|shot)\s+(?P<num>\d+))$")


# -- the viewer's names ------------------------------------------------------------------
@dataclass(frozen=True)
class Roster:
    """The viewer's names for the film's people, and whom they called the hero."""

    names: dict[int, str] = field(default_factory=dict)
    hero: int | None = None

    def label(self, pid: int) -> str:
        return f"{self.names[pid]} (person {pid})" if pid in self.names else f"person {pid}"

    def named(self, pid: int, name: str) -> "Roster":
        names = {k: v for k, v in self.names.items() if v.lower() != name.lower()}
        return Roster({**names, pid: name}, self.hero)


def _centroids(index: "Index") -> dict[int, np.ndarray]:
    return {p.id: np.asarray(p.centroid, np.float32) for p in index.people if p.centroid}


def load_roster(index: "Index") -> Roster:
    """The saved names, re-attached to this index's people by identity when ids moved."""
    path = Path(index.root) / NAMES_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Roster()
    cents = _centroids(index)

    def find(entry: dict) -> int | None:
        pid, saved = int(entry.get("id", 0)), np.asarray(entry.get("centroid", ()), np.float32)
        if not cents or saved.size == 0:
            return pid if any(p.id == pid for p in index.people) else None
        best = min(cents, key=lambda k: float(np.linalg.norm(cents[k] - saved)))
        return best if float(np.linalg.norm(cents[best] - saved)) < MATCH else None

    names = {}
    for entry in data.get("people", []):
        pid = find(entry)
        if pid is not None:
            names[pid] = str(entry["name"])
    hero = find(data["hero"]) if data.get("hero") else None
    return Roster(names, hero)


def save_roster(index: "Index", roster: Roster) -> Path:
    from cutbot.indexers.index_files import write_json

    cents = _centroids(index)

    def entry(pid: int) -> dict:
        return {"id": pid, "centroid": [round(float(x), 5) for x in cents.get(pid, ())]}

    path = Path(index.root) / NAMES_FILE
    write_json(path, {"version": 1, "people": [{**entry(k), "name": v} for k, v in sorted(roster.names.items())],
                      "hero": entry(roster.hero) if roster.hero else None})
    return path


# -- who is meant ----------------------------------------------------------------------
@dataclass(frozen=True)
class PersonRef:
    person: int
    label: str
    reason: str


def _need_people(index: "Index") -> None:
    if not index.people:
        why = "no faces were found in this film" if index.faces_indexed else \
            "this film's index has no faces (install dlib-bin and face-recognition-models, then re-index)"
        raise NothingMatched(f"nobody to follow: {why}")


def resolve_hero(index: "Index", roster: Roster | None = None) -> PersonRef:
    """The hero: whom the viewer called the hero, else the person with the most screen time."""
    _need_people(index)
    roster = roster if roster is not None else load_roster(index)
    if roster.hero and any(p.id == roster.hero for p in index.people):
        return PersonRef(roster.hero, roster.label(roster.hero), f"the hero is {roster.label(roster.hero)}, as you said")
    top = max(index.people, key=lambda p: (p.screen_time, -p.id))
    return PersonRef(top.id, roster.label(top.id),
                     f"the hero is {roster.label(top.id)}: most screen time ({top.screen_time:.0f} s of "
                     f"{index.duration:.0f} s); say 'the hero is ...' to pick someone else")


def _scene_person(index: "Index", roster: Roster, m: re.Match) -> PersonRef:
    """The person most on screen in the scene a phrase like "the woman in the first scene" names."""
    n = len(index.shots)
    on = {}
    for tr in index.face_tracks:
        if tr.person:
            on.setdefault(tr.shot, {}).setdefault(tr.person, 0.0)
            on[tr.shot][tr.person] += tr.end - tr.start
    if m.group("num"):
        k = int(m.group("num"))
        if not 1 <= k <= n:
            raise PlanError(f"there is no scene {k}: the film has {n} scenes")
        shot, note = k - 1, ""
    else:
        word = m.group("ord").lower()
        k = _ORDINALS.get(word) or ordinal(word)
        if not k:
            raise PlanError(f"which scene is '{word} scene'? say e.g. 'scene 3' or 'the first scene'")
        shot = (n + k) if k < 0 else k - 1
        if shot not in on:  # "the woman in the first scene" means the first scene she is in
            peopled = sorted(on)
            if not peopled or abs(k) > len(peopled):
                raise NothingMatched(f"nobody is on screen in the {word} scene")
            shot = peopled[k if k < 0 else k - 1]
            note = f"; the {word} scene with a face on screen is scene {shot + 1}"
        else:
            note = ""
    if not 0 <= shot < n or shot not in on:
        raise NothingMatched(f"nobody is on screen in scene {shot + 1}")
    pid = max(on[shot], key=lambda p: (on[shot][p], -p))
    others = [roster.label(p) for p in on[shot] if p != pid]
    also = f" (also there: {', '.join(others)})" if others else ""
    return PersonRef(pid, roster.label(pid), f"{roster.label(pid)} is the most on screen in scene {shot + 1}{note}{also}")


def _named(roster: Roster, t: str) -> bool:
    return any(t == n.lower() for n in roster.names.values())


def is_ref(text: str) -> bool:
    t = _clean(text).lower()
    return bool(HERO.match(t) or _PERSON_N.match(t) or _SCENE_REF.match(t))


def is_name(text: str) -> bool:
    """Whether ``text`` reads as somebody's name ("Mr. Smith", "Alice"), not a reference."""
    t = _clean(text).lower()
    return bool(t) and not (is_ref(t) or ANYONE.match(t) or described(t)) and len(t.split()) <= 3


def resolve_person(index: "Index", text: str, roster: Roster | None = None,
                   describe=None, heard=None, voiced=None) -> PersonRef:
    """'person 2', 'the hero', a name the viewer gave, 'the man in scene 3' or, with
    ``describe`` (text -> shots where it is seen or said), 'the man in the hat' -> a person;
    ``voiced`` (sex -> faces heard with that voice) lets a gender word go by the voices too."""
    _need_people(index)
    roster = roster if roster is not None else load_roster(index)
    t = _clean(text).lower()
    if HERO.match(t):
        return resolve_hero(index, roster)
    m = _PERSON_N.match(t)
    if m:
        pid = int(m.group(1) or m.group(2))
        if not any(p.id == pid for p in index.people):
            raise PlanError(f"there is no person {pid}: this film has people 1-{len(index.people)}")
        return PersonRef(pid, roster.label(pid), f"person {pid}")
    if m := _SCENE_REF.match(t):
        return _scene_person(index, roster, m)
    if m := MOMENT.match(t):  # "the guy at 1:05": whoever is on screen then (who.moment_person)
        return PersonRef((r := moment_person(index, roster.label, m, _clean(text), voiced))[0], roster.label(r[0]), r[1])
    m = FIRST_SEEN.match(t)
    if m and not _named(roster, t):
        pid, why = seen_person(index, roster.label, m, _clean(text), voiced)
        return PersonRef(pid, roster.label(pid), why)
    m = described(t) or MODIFIED.match(t)
    if m and describe is not None and not _named(roster, t):
        who = m.groupdict().get("who") or ""
        pid, why = described_person(index, roster.label, m.group("what"), _clean(text), describe, who, heard, voiced)
        return PersonRef(pid, roster.label(pid), why)
    role = role_noun(t) if describe is not None and not _named(roster, t) and t not in first_names() else None
    if role:  # "the astronaut" (or "Astronaut, close-up only"): whoever is on screen where one is seen or talked of
        try:
            pid, why = described_person(index, roster.label, role, _clean(text), describe, heard=heard, voiced=voiced)
            return PersonRef(pid, roster.label(pid), why)
        except NothingMatched:
            if not _clean(text).rsplit(" ", 1)[-1][:1].isupper():  # a capital may be a name ("Baker") known below
                raise
    plain = plain_person(index, roster.label, _clean(text), voiced) if describe is not None and not _named(roster, t) else None
    if plain:  # "the woman": the one person the film's words call a woman
        return PersonRef(plain[0], roster.label(plain[0]), plain[1])
    bare = re.sub(r"^the\s+", "", t)
    for pid, name in roster.names.items():
        n = name.lower()
        if t == n or bare == re.sub(r"^the\s+", "", n) or bare == n.split()[0]:
            return PersonRef(pid, roster.label(pid), f"{name} is person {pid}, as you named them")
    words = {w for w in re.findall(r"[a-z']+", bare) if w not in TITLES and names_spoken.name_key(w) not in STOP}
    if _OWNED.search(bare):  # "ruby's school play", "clara's vegetable plot": her thing, not her
        words = set()
    for hint in name_suggestions(index, roster) if words else ():  # heard while only they were seen
        if any(spelled_as(w, hint.name) for w in words):
            return PersonRef(hint.person, f"{_clean(text)} ({roster.label(hint.person)})",
                             f"'{_clean(text)}' is taken as {roster.label(hint.person)}: the name is heard "
                             f"while only they are on screen (\"{hint.example}\")")
    known = ", ".join(roster.label(k) for k in sorted(roster.names)) or "nobody named yet"
    raise PlanError(f"who is '{_clean(text)}'? name people first, e.g. 'person 2 is {_clean(text).title()}' "
                    f"(known: {known}; see `cutbot people FILM`)")


# -- evidence for search ------------------------------------------------------------------------
def _spans(index: "Index", pid: int) -> dict[int, list[tuple[float, float]]]:
    out: dict[int, list[tuple[float, float]]] = {}
    for tr in index.face_tracks:
        if tr.person == pid:
            out.setdefault(tr.shot, []).append((tr.start, tr.end))
    return {k: union(v) for k, v in out.items()}


def resolve_described(index: "Index", text: str, scorer) -> PersonRef:
    """``resolve_person`` with what is seen and said of the film ("the man in the bow tie")."""
    return resolve_person(index, text, describe=describer(index, scorer), heard=hearer(index, scorer),
                          voiced=getattr(scorer, "voiced_faces", None))


def person_evidence(index: "Index", text: str, roster: Roster | None = None,
                    scorer=None, who: str | None = None) -> list[PersonEvidence]:
    """Per shot, where the people of ``text`` are on screen ("Alice", "A and B together",
    "the hero alone", "people", "the man in the hat"); ``who`` is the parser's reading
    (plan.Query.who: "anyone", "described", "name", "role") when it gave one."""
    voiced = getattr(scorer, "voiced_faces", None)
    if who == "anyone" or ANYONE.match(_clean(text).lower()):
        return anyone_evidence(index, text, voiced)
    roster = roster if roster is not None else load_roster(index)
    describe = describer(index, scorer) if scorer is not None else None
    heard = hearer(index, scorer) if scorer is not None else None
    q = parse_person_query(text)
    if described(text) or MODIFIED.match(_clean(text).lower()):
        q = PersonQuery((_clean(text),))
    refs = list({r.person: r for r in (resolve_person(index, n, roster, describe, heard, voiced)
                                        for n in q.people)}.values())
    spans = {r.person: _spans(index, r.person) for r in refs}
    others = {p.id for p in index.people} - set(spans)
    label = " and ".join(r.label for r in refs) + (" together" if q.together else "") + (" alone" if q.alone else "")
    out = []
    for shot in index.shots:
        if q.together:
            parts = [spans[r.person].get(shot.index, []) for r in refs]
            seen = parts[0]
            for p in parts[1:]:
                seen = intersect(seen, p)
        else:
            seen = union([s for r in refs for s in spans[r.person].get(shot.index, [])])
        if q.alone and seen:
            rest = [s for o in others for s in _spans(index, o).get(shot.index, [])]
            seen = subtract(seen, rest)
        got = on_screen(seen, shot.duration)
        if got is None:
            continue
        why = "; ".join(r.reason for r in refs if r.reason.startswith("'"))
        out.append(PersonEvidence(shot.index, round(got.cover, 3), got.z,
                                  f"person: {label} {got.cover:.2f}",
                                  f"{label}, on screen {got.seconds:.1f} of {shot.duration:.1f} s"
                                  + (f" ({why})" if why else ""),
                                  (got.start + got.end) / 2, got.start, got.end))
    return out


def person_items(index: "Index", text: str, roster: Roster | None = None) -> list:
    """``[(shot, Evidence)]`` like ``Scorer._visual_items``: the drop-in for Query(modality="person")."""
    return [(e.shot, e.to_evidence()) for e in person_evidence(index, text, roster)]


# "Ruby's school play", "Felix's sister": someone or something of theirs, not them (their own bits,
# lines or voice are them)
_OWNED = re.compile(rf"\b(?!{CONTRACTED_IS})[a-z]+'s\s+(?!(?:bits?|scenes?|shots?|parts?"
                    r"|lines?|voice|face|moments?|clips?|screen\s+time|stuff|words|talking|speaking|speech|narration)\b)[a-z]")


def name_suggestions(index: "Index", roster: Roster | None = None) -> list[NameSuggestion]:
    """Names heard while one known person is on screen (names_spoken.py), for this viewer's roster."""
    return names_spoken.name_suggestions(index, (roster if roster is not None else load_roster(index)).names)


def contact_sheet(index: "Index", path: str | Path, roster: Roster | None = None) -> Path:
    """A PNG with a face per person: number, name, screen time (never over the film)."""
    from cutbot.indexers.faces import write_contact_sheet
    from cutbot.indexers.files import guard_output

    path = guard_output(path, [index.media.path], what="contact sheet")

    roster = roster if roster is not None else load_roster(index)
    hero = resolve_hero(index, roster).person if index.people else None
    labels = [(f"{p.id}. {roster.names.get(p.id, 'person ' + str(p.id))}" + (" *" if p.id == hero else ""),
               f"{p.screen_time:.0f} s on screen") for p in index.people]
    return write_contact_sheet(index.face_crops, labels, path)
