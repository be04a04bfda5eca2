"""Parts and wholes of what the classifier names, by WordNet's part relations.

ImageNet names some things by a part ("radiator grille", "car mirror", "car wheel") and
has no class for many parts asked about ("engine", "sail", "wing"). WordNet 3.0 records
which things are parts of which (``indexers/data/imagenet_parts.json``, built by
make_imagenet_parts.py), so:

  * "anything with an engine" is every label that has an engine among its parts, or among
    the parts of a kind above it (a moped is a motor vehicle, which has an internal-
    combustion engine, a kind of engine), not only the locomotive "engine" also names;
  * a frame the classifier calls "radiator grille" shows a car: a part label is evidence
    of its whole and of every kind above that whole ("car", "motor vehicle"), never of a
    narrower kind ("taxi": a grille is no proof of which car).

Evidence the dictionary carries, not a table of words: it holds for words and films never met.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from cutbot.indexers.visual import imagenet_classes

from .kinds import load as _wordnet
from .lexical import stem


@dataclass(frozen=True)
class PartOptions:
    # A part names a kind of things only when at least this many labels have it (as
    # LabelOptions.having_least for "<part>ed <kind>"): "engine" -> 29 motor vehicles,
    # aircraft and a locomotive; a part only one or two labels have is left to the words.
    having_least: int = 3
    # ...and at most this many: a part nearly everything has names no kind a viewer asks
    # for: WordNet gives 947 classes a "part" and a "section", 411 a "cell", 398 (every
    # animal) a "head". Words asked: "wing" 86 labels, "engine" 29, "handle" 29, "window"
    # 19, "sail" 4 (and "head" 0: one label is a head). Dev: "anything with an engine"
    # (dev_film outsider, outsider2) F1 0 -> 1.0; no other dev row moves.
    having_most: int = 200
    # A part label shows its whole and the kind just above it (WordNet steps up from the
    # whole), no wider: a grille is a car's, so a car or a motor vehicle; a wide word is
    # answered by the labels that ARE one ("vehicles": a snorkel is a submarine's part in
    # WordNet, but the classifier's snorkel is a diver's). Dev labels: radiator grille
    # 0.07-0.62 and car mirror 0.09-0.17 only in the car shots of dialogue and interview.
    whole_steps: int = 1
    # A noun with no class of its own ("helicopter") reaches the labels beside it
    # (labels.noun); where the classifier names none of them the noun is not seen
    # (Category.named) only if those labels are a fair sample of the kind the noun shares
    # with them: at least this share of that kind's WordNet kinds has a class. Dev nouns:
    # tree 3/4392 (daisy, corn: flowering plants), road 1/302 (snorkel), art 2/658 (comic
    # book, planetarium) are no proof; tea 4/340 (beverages), helicopter 2/46 (aircraft),
    # temple 3/34, giraffe 9/162, skyscraper 13/298 are.
    named_coverage: float = 0.01


PARTS = PartOptions()


@lru_cache(maxsize=1)
def _data() -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[int, ...], ...], tuple[int, ...]]:
    """Per class (model order): its parts, the wholes it is a part of, its own synset."""
    raw = resources.files("cutbot.indexers").joinpath("data/imagenet_parts.json").read_text("utf-8")
    classes = sorted(json.loads(raw)["classes"], key=lambda c: c["index"])
    return (tuple(tuple(c["parts"]) for c in classes), tuple(tuple(c["wholes"]) for c in classes),
            tuple(int(c["synset"]) for c in classes))


@lru_cache(maxsize=1)
def _artifact() -> int | None:
    found = _wordnet().lemma("artifact")
    return found[0] if found else None


def noun_senses(word: str) -> list[int]:
    """A noun's WordNet senses, commonest first; a plural that is no noun itself is read
    as its singular ("engines"). The one reading of a word as a noun, so the parts, the
    person words, the roles and the pet forms never disagree on what is a noun."""
    kinds = _wordnet()
    return kinds.lemma(word) or kinds.lemma(stem(word))


def usual_sense(word: str) -> int | None:
    """A noun's usual (first) WordNet sense, or None for a word that is no noun (for parts,
    labels, relatives and the bench)."""
    senses = noun_senses(word)
    return senses[0] if senses else None


@lru_cache(maxsize=512)
def having(word: str) -> frozenset[str]:
    """Label names (lower case) that have a ``word`` (its usual sense, or a kind of it)
    among their parts; empty where too few or too many do (PartOptions), and where some
    label IS a ``word`` ("keyboard": the computer keyboard is one; its piano is not asked),
    and where the part is a room: a kitchen is inside its palace or ship, never seen in a
    picture of it (dev: "the kitchen" was long_dev's aerial city, an "aircraft carrier")."""
    sense, room = usual_sense(word), usual_sense("room")
    kinds, names = _wordnet(), imagenet_classes()
    if sense is None or room is not None and room in kinds.ancestors(sense):
        return frozenset()
    if any(sense in kinds.ancestors(own) for own in _data()[2]):
        return frozenset()
    out = set()
    for cls, parts in zip(names, _data()[0]):
        if any(sense in kinds.ancestors(p) for p in parts):
            out.add(cls.name.lower())
    return frozenset(out) if PARTS.having_least <= len(out) <= PARTS.having_most else frozenset()


@lru_cache(maxsize=512)
def wholes(word: str) -> frozenset[str]:
    """Part labels (lower case) that show a thing of the kind ``word`` names: the label is
    a part of that thing or of the kind just above it ("radiator grille" for "car" or
    "motor vehicle"; PartOptions.whole_steps).
    Made things only: a fruit is a part of its tree in WordNet, but an orange on a table
    shows no tree; a grille is seen on its car."""
    sense, made = usual_sense(word), _artifact()
    if sense is None or made is None or made not in _wordnet().ancestors(sense):
        return frozenset()
    kinds, names = _wordnet(), imagenet_classes()
    steps = PARTS.whole_steps
    return frozenset(cls.name.lower() for cls, whole, own in zip(names, _data()[1], _data()[2])
                     if made in kinds.ancestors(own) and any(kinds.ancestors(h).get(sense, steps + 1) <= steps
                                                             for h in whole))


@lru_cache(maxsize=512)
def coverage(word: str, labels: frozenset[str]) -> float:
    """The best share, over ``labels``, of the kind a label shares with ``word`` (their
    nearest common WordNet kind) that has a class: how well the classifier's labels
    around a word stand for it (PartOptions.named_coverage)."""
    sense = usual_sense(word)
    if sense is None or not labels:
        return 0.0
    kinds, above, best = _wordnet(), _wordnet().ancestors(sense), 0.0
    classes = frozenset(_data()[2])
    for cls, own in zip(imagenet_classes(), _data()[2]):
        if cls.name.lower() not in labels:
            continue
        up = kinds.ancestors(own)
        common = min((a for a in above if a in up), key=lambda a: above[a] + up[a], default=None)
        if common is not None:
            extent = kinds.below(common)
            best = max(best, len(classes & extent) / len(extent))
    return best

