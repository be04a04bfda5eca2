"""Voices named from the words: who each voice of the film is, read once per index.

The voices stage (indexers/voices.py) says which sentences share a voice; the names come from
general rules:

* a self-introduction ("I'm Nora", "my name is Nora", "this is Nora speaking") names the
  voice that says it;
* an address ("thanks, Felix", "hello Nora", "Felix, ...") names the OTHER voice of that
  exchange: the previous speaker when the line answers one, else the next one;
* "my sister Maya" ties a role to a name; "this is my sister (Maya)" gives the role (and the name)
  to the next other voice that answers: "the sister" is that voice, and the speaker her brother;
* pitch gives a voice a likely gender, and "the narrator" is the one main voice. An index
  without voices (older, or a film without sound) makes no claim."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cutbot.indexers.names_heard import stamp as heard_stamp

from . import addressed, described, speakers
from .plan import clock
from .names_spoken import SPOKEN_NOT_NAMES as _NOT_NAMES
from .speakers import Named
from .traits import first_names, once, word_gender

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

@dataclass(frozen=True)
class VoiceNaming:
    """Thresholds of naming voices, each with its dev measurement."""

    # median F0 at or above which a voice is a woman's. Dev voices: women 174-219 Hz (dialogue Nora 176,
    # Maya 177; gallery 195), men and recorded male voices 93-119 Hz; adult speech: men 85-155, women 165-255 Hz.
    female_hz: float = 150.0
    # the narrator holds at least this share of the film's speech time (sample_film's one voice 1.00; dialogue 0.33)
    narrator_share: float = 0.6
    # an address answers the speaker within this many seconds before or after it, and an
    # introduced person answers within it. Not measured on the dev films: the dialogue film's
    # answers come within 1-3 s; 12 s allows a pause, a cut-away or a long line between them
    exchange_s: float = 12.0
    # ... and one that answers nobody before it speaks to the next voice only when its turn follows this soon (turns
    # follow within a second or two; dev 0.6 s). long_dev's "Deal" heard as "Leo," went to Owen, 6 s later, new topic
    answer_s: float = 3.0
    # votes for a name: a self-introduction ("I'm Nora") is surer than being introduced ("this is my sister Maya"),
    # surer than an address ("thanks, Nora"), which may reach the wrong listener. Not measured: an ordering, not a fit
    intro_vote: float = 2.0
    role_vote: float = 1.5
    address_vote: float = 1.0
    z: float = 3.0  # the calibrated strength a voice hit gets (above calibration.z_min 2.5)
    # an unnamed main voice holds this share of the speech time (dialogue: its three people 0.31-0.33,
    # fragments and recordings 0.005-0.035; gallery: 0.39 and 0.48 vs 0.02-0.05)
    main_share: float = 0.1
    in_shot_s: float = 0.5  # a voice speaks in a shot when its words fill this long of it (not a stray word)
    # the voice rules at all: CUTBOT_VOICE_RULES=0 turns them off (measuring what they add on unseen films)
    enabled: bool = os.environ.get("CUTBOT_VOICE_RULES", "1") != "0"


NAMING = VoiceNaming()

_NAME = r"([A-Z][a-z]+)"
_ROLE = re.compile(r"\bmy\s+(?:little\s+|big\s+|older\s+|younger\s+)?([a-z]+)\s*,?\s+" + _NAME)
_INTRO_OTHER = re.compile(r"\b(?:[Tt]his is|[Mm]eet|[Hh]ere's|[Hh]ere is|[Ss]ay (?:hello|hi) to)\s+(?:my|our)\s+"
                          r"(?:little\s+|big\s+|older\s+|younger\s+|best\s+|new\s+|old\s+)?([a-z]+)\b(?:\s*,?\s+"
                          + _NAME + r")?")

def has_voices(index: Index) -> bool:
    v = getattr(index, "voices", None)
    return v is not None and len(v.voice) == len(index.sentences) and any(x >= 0 for x in v.voice)


def voiced_faces(index: Index, sex: str) -> frozenset[int]:
    """The faces heard with ``sex``'s voice (their tied voice's pitch); none without voices."""
    if not has_voices(index) or not getattr(index, "people", None):
        return frozenset()
    return speakers.faces_by_pitch(index, named_voices(index), sex)


def named_voices(index: Index) -> Named:
    return once(index, ("voices.named", heard_stamp(index)), lambda: _named(index))  # again once names are heard


def _named(index: Index, opts: VoiceNaming = NAMING) -> Named:
    v = index.voices
    ids = v.voice
    sents = index.sentences
    votes: dict[str, dict[int, float]] = {}
    how: dict[tuple[str, int], str] = {}
    roles: dict[str, str] = {}
    addresses: list[tuple[int, str]] = []
    others: list[tuple[int, str, str | None]] = []  # "this is my sister Maya": (sentence, role, name)
    first_intro: dict[int, int] = {}  # voice -> sentence of its first self-introduction

    def vote(name: str, voice: int, w: float, why: str) -> None:
        if name.lower() in _NOT_NAMES or voice < 0:
            return
        key = name.lower()
        votes.setdefault(key, {}).setdefault(voice, 0.0)
        votes[key][voice] += w
        how.setdefault((key, voice), why)

    for i, (s, text) in enumerate(zip(sents, addressed.heard_texts(index))):  # names heard again read
        for name in addressed.intros(text):
            vote(name, ids[i], opts.intro_vote, f"introduces {{self}} as {name} at {clock(s.start)}")
            first_intro.setdefault(ids[i], i)
        others.extend((i, m.group(1), m.group(2) if (m.group(2) or "").lower() not in _NOT_NAMES else None)
                      for m in _INTRO_OTHER.finditer(text) if m.group(1) in described.ROLES)
        for m in _ROLE.finditer(text):
            if m.group(2).lower() not in _NOT_NAMES:
                roles.setdefault(m.group(1).lower(), m.group(2).lower())
        addresses.extend((i, name) for name in addressed.addresses(text))
    introduced = {voice: name for name, per in votes.items() for voice in per}  # a voice named itself
    gender = {int(k): ("f" if d.pitch >= opts.female_hz else "m") for k, d in v.voices.items() if d.pitch > 0}
    against: dict[str, dict[int, float]] = {}  # a voice that says a name TO someone is not that name
    for i, name in addresses:
        key = name.lower()
        against.setdefault(key, {}).setdefault(ids[i], 0.0)
        against[key][ids[i]] += opts.address_vote
        if key not in first_names() and key not in votes:
            continue  # "Again, ..." is no address: a name heard must be a first name
        sex = first_names().get(key)
        for other in _other_voices(index, i, opts):
            # not a voice that introduced itself as someone else, nor one whose pitch says
            # the other sex of the name ("Nora" is no 100 Hz voice)
            if introduced.get(other, key) == key and (sex is None or gender.get(other, sex) == sex):
                vote(name, other, opts.address_vote, f"is called {name} at {clock(sents[i].start)}")
    role_voices: dict[str, tuple[set[int], str]] = {}
    for i, role, name in others:
        voice = _introduced_voice(index, i, role, name, introduced, first_intro, gender, opts)
        if voice is None:
            continue
        said = f"introduced as the {role}" + (f" {name}" if name else "") + f" at {clock(sents[i].start)}"
        role_voices.setdefault(role, (set(), said + " (the next voice to answer)"))[0].add(voice)
        if kin := described.converse(role, gender.get(ids[i])):  # "this is my sister": the speaker, her brother
            role_voices.setdefault(kin, (set(), f"introduces their {role} at {clock(sents[i].start)}"))[0].add(ids[i])
        if name:
            roles.setdefault(role, name.lower())
            vote(name, voice, opts.role_vote, f"is {said}")
    names: dict[str, tuple[set[int], str]] = {}
    for voice, name in addressed.decide(votes, against).items():  # a voice bears the name its votes clearly give it
        got = names.setdefault(name, (set(), how[(name, voice)]))
        got[0].add(voice)
    secs = {int(k): d.seconds for k, d in v.voices.items()}
    total = sum(secs.values())
    top = max(secs, key=secs.get) if secs else None
    narrator = top if top is not None and total > 0 and secs[top] >= opts.narrator_share * total else None
    return Named(tuple(ids), names, roles, gender, narrator, role_voices, secs)


def _introduced_voice(index: Index, i: int, role: str, name: str | None, introduced: dict[int, str],
                      first_intro: dict[int, int], gender: dict[int, str], opts: VoiceNaming) -> int | None:
    """The voice "this is my sister (Maya)" at sentence ``i`` introduces: the next voice to speak that is
    not the introducer, nor known by another name, nor of a pitch the role contradicts (a 100 Hz sister)."""
    ids, sents = index.voices.voice, index.sentences
    sex = word_gender(role)
    for j in range(i + 1, len(sents)):
        if sents[j].start - sents[i].end > opts.exchange_s:
            return None
        v = ids[j]
        known = v in introduced and (introduced[v] != name.lower() if name else first_intro.get(v, j) < i)
        if v >= 0 and v != ids[i] and not known and (sex is None or gender.get(v, sex) == sex):
            return v
    return None


def _other_voices(index: Index, i: int, opts: VoiceNaming) -> list[int]:
    """The voices an address at sentence ``i`` may speak to: the other voices heard in the
    ``exchange_s`` before it (the line answers them), else the next one after it."""
    ids, sents = index.voices.voice, index.sentences
    me = ids[i]
    before = []
    for j in range(i - 1, -1, -1):
        if sents[i].start - sents[j].end > opts.exchange_s:
            break
        if ids[j] >= 0 and ids[j] != me and ids[j] not in before:
            before.append(ids[j])
    if before:
        return before
    for j in range(i + 1, len(sents)):
        if sents[j].start - sents[j - 1].end > opts.answer_s:
            break
        if ids[j] >= 0 and ids[j] != me:
            return [ids[j]]
    return []
