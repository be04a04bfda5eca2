"""What is in this film: its people, the subjects seen again and again, the topics talked about.

The viewer's first question ("what's in this film?") deserves an answer from the index,
in everyday words. Subjects seen are grouped by meaning: each frame's ImageNet labels
answer to their WordNet ancestors (``indexers/data/imagenet_hypernyms.json``), so two
shots of an Egyptian Mau and a tabby are one subject, "cat", and a cat and a rabbit can
be "animals". Topics talked about are content words said in more than one shot. The
same analysis feeds the suggestions (``suggest.py``).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from cutbot.indexers.visual import label_ancestors, label_terms

from .calibration import LABELS
from .cut import fmt_time
from .lexical import STOP, SPEECH_WORDS, WORD, stem
from .people import load_roster
from .traits import drawn_people
from .vocabulary import _FUNCTION

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

# A shot shows a subject when one of its frames gives that subject's labels this much of
# the classifier's probability: clearly more than the planner's floor (0.1, dev: frames
# of the thing hold 0.15-0.9), so a subject offered to the viewer is one plainly seen.
SEEN_FLOOR = 0.3
# WordNet ancestors too abstract to name a subject to a viewer ("part", "device").
ABSTRACT = frozenset("""part component constituent whole object artifact artefact device
    instrument instrumentality container covering structure construction substance matter
    fluid liquid solid material conveyance transport transportation commodity equipment
    implement organism being creature beast brute critter gadget thing entity unit
    consumer goods merchandise wares article portion nutrient food product system
    protective covering wear wearable vesture habiliment furnishing furniture""".split())
# A word said in several sentences is a topic when those sentences mean alike (mean
# pairwise cosine of their MiniLM vectors). Dev films: topic words (train, space, clubs)
# 0.41-0.71; fillers that recur by chance (next, first, right, white) 0.05-0.22.
TALK_COHESION = 0.3
MIN_TALK_WORD = 4  # letters: shorter content words are rarely a topic ("car" is the exception)


@dataclass(frozen=True)
class Topic:
    """A subject of the film in everyday words, and where it is."""

    name: str  # "cat", "animals", "garden"
    shots: tuple[int, ...]  # where it is seen (or, for a talked topic, said)
    seen: bool  # in the pictures
    said: int  # sentences that say it
    seconds: float  # on screen (seen) or spoken (said only)
    labels: tuple[str, ...] = ()  # the picture labels grouped under it


@dataclass(frozen=True)
class PersonInfo:
    id: int
    label: str  # the viewer's name for them, or "person N"
    screen_time: float
    shots: tuple[int, ...]
    drawn: bool = False  # a cartoon or drawn face (traits.py), so "the animated guy" can be asked


@dataclass(frozen=True)
class FilmOverview:
    """The answer to "what's in this film?"; ``lines()`` says it in words."""

    film: str
    duration: float
    shots: int
    sentences: int
    people: tuple[PersonInfo, ...]
    seen: tuple[Topic, ...]  # subjects seen in more than one shot (or seen and said)
    talked: tuple[Topic, ...]  # topics said in more than one shot
    single: tuple[Topic, ...] = ()  # subjects seen once: the rest of what the film shows

    def lines(self) -> list[str]:
        out = [f"{self.film}: {fmt_time(self.duration)} long, {self.shots} shot(s), "
               f"{self.sentences} spoken sentence(s)"]
        if self.people:
            who = ", ".join(f"{p.label} ({p.screen_time:.0f} s on screen{', drawn' if p.drawn else ''})"
                            for p in self.people[:5])
            out.append(f"people: {who}")
        else:
            out.append("people: nobody's face was found")
        if self.seen:
            out.append("seen again and again: " + ", ".join(
                f"{t.name} ({_shots(len(t.shots))}{', also talked about' if t.said else ''})"
                for t in self.seen[:6]))
        if self.single:
            out.append("also seen: " + ", ".join(t.name for t in self.single[:8]))
        if self.talked:
            out.append("talked about: " + ", ".join(
                f"{t.name} ({t.said} times)" for t in self.talked[:6]))
        return out


def _shots(n: int) -> str:
    return f"{n} shot" + ("s" if n != 1 else "")


# -- subjects seen ---------------------------------------------------------------------
@lru_cache(maxsize=4096)
def term_size(term: str) -> int:
    """How many ImageNet labels a WordNet term covers: small = specific."""
    return sum(1 for ws in label_terms().values() if term in ws)


def _chain(label: str) -> tuple[str, ...]:
    low = label.lower()
    return (low, *label_ancestors().get(label, label_ancestors().get(low, ())))


def _nameable(term: str) -> bool:
    return " " not in term and "-" not in term and term not in ABSTRACT and term_size(term) > 0


def seen_topics(index: Index) -> list[Topic]:
    """Subjects plainly seen, grouped by meaning: for each set of shots some WordNet term
    covers, the most specific everyday word for it; sets of one shot come last."""
    frames = index.frames
    if not frames:
        return []
    by_term: dict[str, set[str]] = defaultdict(set)  # term -> the film's labels under it
    for f in frames:
        for name, _ in f.labels:
            for term in _chain(name):
                by_term[term].add(name)
    shot_len = {s.index: s.duration for s in index.shots}
    found: dict[tuple[int, ...], tuple[str, frozenset[str]]] = {}
    for term, names in by_term.items():
        if not _nameable(term):
            continue
        probs = np.array([sum(p for n, p in f.labels if n in names) for f in frames])
        shots = tuple(sorted({f.shot for f, p in zip(frames, probs) if p >= SEEN_FLOOR}))
        if not shots:
            continue
        best = found.get(shots)
        if best is None or (term_size(term), len(term)) < (term_size(best[0]), len(best[0])):
            found[shots] = (term, frozenset(names))
    said = _said_counts(index)
    topics = [Topic(_plural(term) if len(shots) > 1 and term_size(term) > 8 else term, shots, True,
                    said.get(stem(term), 0), sum(shot_len.get(s, 0.0) for s in shots),
                    tuple(sorted(names)))
              for shots, (term, names) in found.items()]
    topics.sort(key=lambda t: (-(len(t.shots) > 1 or t.said > 0), -t.said, term_size(t.name.rstrip("s")),
                               -len(t.shots), t.name))
    return topics


def _plural(word: str) -> str:
    """Everyday plural for a group name ("animal" -> "animals")."""
    if word.endswith("ing"):  # "clothing": no plural
        return word
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


# -- topics talked about ----------------------------------------------------------------
def _said_counts(index: Index) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for s in index.sentences:
        counts.update({stem(w) for w in WORD.findall(s.text.lower())})
    return dict(counts)


def talked_topics(index: Index) -> list[Topic]:
    """Content words said in two shots or more, most said first, in the form most said."""
    starts = [s.start for s in index.shots]
    shots: dict[str, set[int]] = defaultdict(set)
    times: dict[str, float] = defaultdict(float)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    counts: Counter[str] = Counter()
    rows: dict[str, list[int]] = defaultdict(list)
    for row, sentence in enumerate(index.sentences):
        mid = (sentence.start + sentence.end) / 2
        shot = max(0, int(np.searchsorted(starts, mid, side="right")) - 1)
        seen_here = set()
        for word in WORD.findall(sentence.text.lower()):
            if (len(word) < MIN_TALK_WORD or word in STOP or word in _FUNCTION
                    or word in SPEECH_WORDS or not re.fullmatch(r"[a-z]+", word)):
                continue
            key = stem(word)
            forms[key][word] += 1
            if key not in seen_here:
                seen_here.add(key)
                counts[key] += 1
                rows[key].append(row)
                shots[key].add(shot)
                times[key] += sentence.end - sentence.start
    out = [Topic(forms[k].most_common(1)[0][0], tuple(sorted(shots[k])), False, counts[k], times[k])
           for k in counts if len(shots[k]) >= 2 and _cohesion(index, rows[k]) >= TALK_COHESION]
    out.sort(key=lambda t: (-len(t.shots), -t.said, t.name))
    return out


def _cohesion(index: Index, rows: list[int]) -> float:
    """Mean pairwise cosine of these sentences' vectors: do they talk about one thing?"""
    vectors = index.sentence_vectors
    if len(rows) < 2 or len(vectors) <= max(rows):
        return 0.0
    sims = vectors[rows] @ vectors[rows].T
    n = len(rows)
    return float((sims.sum() - np.trace(sims)) / (n * n - n))


# -- the overview ------------------------------------------------------------------------
def people_of(index: Index) -> list[PersonInfo]:
    roster = load_roster(index) if index.people else None
    people = sorted(index.people, key=lambda p: (-p.screen_time, p.id))
    drawn = drawn_people(index) if people else {}
    return [PersonInfo(p.id, roster.names.get(p.id, f"person {p.id}") if roster else f"person {p.id}",
                       p.screen_time, tuple(p.shots), p.id in drawn) for p in people]


def describe_film(index: Index) -> FilmOverview:
    """The film in a few lines of facts from its index (no models are loaded)."""
    from pathlib import Path

    topics = seen_topics(index)
    recurring = tuple(t for t in topics if len(t.shots) > 1 or t.said)
    single = tuple(t for t in topics if t not in recurring)
    seen_names = {stem(t.name.rstrip("s")) for t in topics} | {stem(t.name) for t in topics}
    talked = tuple(t for t in talked_topics(index) if stem(t.name) not in seen_names)
    return FilmOverview(Path(index.media.path).name, index.media.usable_duration, len(index.shots),
                        len(index.sentences), tuple(people_of(index)), recurring, talked, single)
