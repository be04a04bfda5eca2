"""A person named by role ("the astronaut", "the navy officer") that no picture label
and no line of the film says outright: the one face the film's own words lean towards.

Every content word and word pair heard while a face is on screen is evidence about that
face ("pilot the space shuttle" over one face, "the football" over another). A role is
taken as a face only when a phrase heard over it means the role (MiniLM) clearly better
than anything heard elsewhere in the film, and that phrase is not another person noun
(the film calling her "a pilot" says she is a pilot, not a navy officer).
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from cutbot.indexers.text import l2_normalise

from .kinds import load as _wordnet
from .lexical import STOP
from .parts import noun_senses
from .traits import first_names, once
from .person_words import person_noun
from .word_forms import PLAIN_PEOPLE

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

# Thresholds, measured on the five dev films with 27 role words (astronaut, navy officer,
# cameraman, firefighter, chef, nurse, teacher, programmer, farmer, ...): present roles
# heard over their face scored 0.53-1.00 with a lead of 0.15-0.50 over every phrase heard
# elsewhere (gallery "astronaut" ~ "space shuttle" 0.53 / +0.15, dialogue "programmer" ~
# "programming" 0.85 / +0.38, interview "footballer" ~ "football" 0.66 / +0.24); wrong
# or absent ones stayed under 0.50 or led by under 0.15 (dialogue "farmer" ~ "garden"
# 0.54 / +0.12, "driver" ~ "car" 0.59 / +0.14), except those whose phrase was another
# person noun ("navy officer" ~ "pilot", "teacher" ~ "librarian"), vetoed below (a person
# noun of the same WordNet sense or a kind of it is no veto: "astronaut" for "cosmonaut").
SIM_FLOOR = 0.50
LEAD = 0.14


@dataclass(frozen=True)
class RoleHit:
    person: int
    phrase: str  # what was heard over them
    sim: float
    lead: float  # over the best phrase heard anywhere else
    example: str  # the line it was heard in


@dataclass(frozen=True)
class _Heard:
    phrases: tuple[str, ...]
    people: tuple[frozenset[int], ...]  # per phrase, who was on screen when it was said (0: nobody)
    lines: tuple[str, ...]  # per phrase, one line it was heard in


_TOKEN = re.compile(r"[a-z][a-z'-]+")


def _content(tokens: Iterable[str]) -> list[str]:
    """The words of a line that may name something (no stop word, no "ok")."""
    return [w for w in tokens if w not in STOP and len(w) > 2]


def _heard(index: "Index") -> _Heard:
    """Content words and word pairs of every line, with the faces on screen as it is said."""
    tracks = [t for t in index.face_tracks if t.person]
    found: dict[str, tuple[set[int], str]] = {}
    for s in index.sentences:
        mid = (s.start + s.end) / 2
        who = {t.person for t in tracks if t.start <= mid <= t.end} or {0}
        toks = _TOKEN.findall(s.text.lower())
        content = _content(toks)
        grams = set(content) | {f"{a} {b}" for a, b in zip(toks, toks[1:])
                                if a not in STOP and b not in STOP and len(a) > 2 and len(b) > 2}
        for g in sorted(grams):
            entry = found.setdefault(g, (set(), s.text.strip()))
            entry[0].update(who)
    phrases = tuple(sorted(found))
    return _Heard(phrases, tuple(frozenset(found[p][0]) for p in phrases), tuple(found[p][1] for p in phrases))


def _vectors(embed: Callable[[list[str]], np.ndarray], heard: _Heard) -> np.ndarray:
    """The phrases' unit MiniLM vectors, embedded once per index (``once``)."""
    if not heard.phrases:
        return np.zeros((0, 1), np.float32)
    return l2_normalise(embed(list(heard.phrases)))


@lru_cache(maxsize=65536)
def other_person(word: str, role: str) -> bool:
    """Whether ``word`` heard over a face names a person who is not ``role``: a person noun
    sharing no WordNet sense with it, nor a kind of it ("pilot" for "navy officer"; not
    "astronaut" for "cosmonaut")."""
    if not person_noun(word):
        return False
    kinds = _wordnet()
    heard = noun_senses(word)
    asked = kinds.lemma(role) or kinds.lemma(role.replace(" ", "_")) or noun_senses(role.split()[-1])  # "parents"
    return not any(a in kinds.ancestors(h) or h in kinds.ancestors(a) for a in asked for h in heard)


def other_person_said(sentences: Sequence[str], topic: str, said: np.ndarray) -> np.ndarray:
    """Per line, True where a spoken topic that is a kind of person ("the electrician", "navy
    officer": one or two words) is not said (``said``: the lines that say it, or its person
    noun) and the line names another kind ("The computer scientist?"): MiniLM puts one trade
    near another (.52), but a line that says "scientist" speaks of a scientist. A plain person
    word ("the guy") names no kind."""
    words = [w for w in _TOKEN.findall(topic.lower()) if w not in STOP]
    out = np.zeros(len(sentences), bool)
    if not 0 < len(words) <= 2 or words[-1] in PLAIN_PEOPLE or not person_noun(words[-1]):
        return out
    role, head = " ".join(words), set(noun_senses(words[-1]))
    for i, text in enumerate(sentences):
        said_words = _content(_TOKEN.findall(text.lower()))
        # another kind named (person_noun, cached, turns most words away first), and not the asked one
        out[i] = not said[i] and any(other_person(w, role) for w in said_words) \
            and not any(head & set(noun_senses(w)) for w in said_words)
    return out


def heard_role(index: "Index", embed: Callable[[list[str]], np.ndarray], role: str,
               people: Iterable[int], vetoes: Callable[[str, str], bool] = other_person) -> RoleHit | None:
    """The one person of ``people`` the words heard over their face make ``role``, or None
    when no phrase clearly leads (see the module docstring and the thresholds above) or the
    phrase is another person noun (``vetoes``: tests give a WordNet-free one)."""
    heard = once(index, ("roles.heard",), lambda: _heard(index))
    owner = getattr(embed, "__self__", embed)  # a bound method is new per call; its embedder is not
    vecs = once(index, ("roles.vectors", id(owner)), lambda: _vectors(embed, heard))
    allowed = set(people)
    if not heard.phrases or not allowed:
        return None
    q = np.asarray(embed([role]), np.float32)[0]
    sims = vecs @ (q / max(float(np.linalg.norm(q)), 1e-9))
    best: dict[int, int] = {}
    for i, who in enumerate(heard.people):
        for p in who & allowed:
            if p not in best or sims[i] > sims[best[p]]:
                best[p] = i
    if not best:
        return None
    pid = max(best, key=lambda p: (float(sims[best[p]]), -p))
    i = best[pid]
    rest = [float(sims[k]) for k, who in enumerate(heard.people) if who - {pid}]  # heard while they were not alone
    lead = float(sims[i]) - max(rest, default=0.0)
    phrase = heard.phrases[i]
    if float(sims[i]) < SIM_FLOOR or lead < LEAD:
        return None
    if phrase not in role.split() and vetoes(phrase.split()[-1], role):
        return None  # the film calls them something else ("a pilot" is no navy officer)
    return RoleHit(pid, phrase, round(float(sims[i]), 3), round(lead, 3), heard.lines[i])


def hearer(index: "Index", scorer) -> Callable[[str, set[int]], RoleHit | None]:
    """(role, allowed people) -> the person the words heard over their face make that role
    (roles.heard_role, with the scorer's sentence embedder)."""
    return lambda role, people: None if _a_name(role) else heard_role(index, scorer.text.embed, role, people)


def _a_name(role: str) -> bool:
    """"neil armstrong": a first name and more is somebody's name, which only being heard
    finds (people.name_suggestions), never a word that means the same ("astronaut")."""
    words = role.lower().split()
    return len(words) > 1 and words[0] in first_names()
