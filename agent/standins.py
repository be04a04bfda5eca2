"""A stand-in label is not the thing: where the classifier is sure of a close rival of the
asked noun, the frame shows that rival, not the noun.

A noun with no ImageNet class of its own ("tea", "hatchback", "helicopter") is found through
the labels beside it (labels.noun: its parent's classes, weighted). That is right where the
classifier hesitates between those classes: it had no class for the thing and spread its
belief. It is wrong where the classifier is SURE of one of them that is a close relative but
not the noun ("a cup of tea" on a frame of espresso 0.79): the frame then shows the rival,
like search._categories already says of neighbour kinds (an orange at 0.70 is no banana).
A label the noun is a kind of ("mandrill" -> baboon) is never a rival: it IS the noun.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from . import labels, parts
from .calibration import LABELS
from .kinds import load as _wordnet


@dataclass(frozen=True)
class StandInOptions:
    # A label is a close rival of a noun when the noun is a kind of the label's own narrow
    # kind: one of the kinds at most this many WordNet steps above the label (its parent: 1,
    # grandparent: 2). Dev (4 films): tea -> espresso (coffee, beverage: 2; the rival the
    # classifier named on dialogue's coffee shot, 0.79); art -> comic book (magazine,
    # periodical; art meets it only at creation, 6 up: gallery's street art, found by it,
    # stays found); mandrill -> baboon is the noun's parent itself (no rival: it IS one).
    rival_steps: int = 2


STANDINS = StandInOptions()


@lru_cache(maxsize=4096)
def close_rival(term: str, label: str, steps: int = STANDINS.rival_steps) -> bool:
    """Whether ``label`` (an ImageNet class name) is a close relative of the noun ``term``
    that the noun is not a kind of (see StandInOptions); False where WordNet lacks either."""
    word, named = parts.usual_sense(term), parts.usual_sense(label.lower())
    if word is None or named is None or word == named:
        return False
    above = _wordnet().ancestors(word)
    if named in above:
        return False  # the noun is a kind of the label: the label stands for it
    if word in _wordnet().ancestors(named):
        return False  # the label is a kind of the noun
    # the noun is of the label's narrow kind (its parent or grandparent): tea and espresso
    # are beverages (espresso -> coffee -> beverage); sun tea too
    return any(1 <= step <= steps and kind in above for kind, step in _wordnet().ancestors(named).items())


def asked_noun(text: str, cat: labels.Category) -> str | None:
    """The noun a query asks for, where its labels only stand in for it: the word beside the
    labels ("tea"), or a compound noun that names a kind of its head word, the labels' word
    ("string tie": a tie, but not a bow tie; never a synonym-like kind, "pooch" for dog);
    None where the labels ARE the thing."""
    if cat.weights:
        return cat.term
    head = parts.usual_sense(cat.term)
    for form in labels._forms(text) if not cat.whole and head is not None else ():
        sense = parts.usual_sense(form)
        if form.endswith(f" {cat.term}") and sense is not None and head in _wordnet().ancestors(sense):
            return form
    return None


def sure_rivals(frames: Sequence, cat: labels.Category, noun: str | None, frame_shot: np.ndarray,
                shot_words: Sequence[Sequence[str]]) -> np.ndarray:
    """Per frame, True where the classifier is sure (LABELS.category_sure) of one label of
    ``cat`` that is a close rival of ``noun``, and nobody over the shot names the noun."""
    out = np.zeros(len(frames), dtype=bool)
    if noun is None:
        return out  # every label IS the category
    for i, f in enumerate(frames):
        best = max(((p, n) for n, p in f.labels if n.lower() in cat.labels), default=None)
        if best is None or best[0] < LABELS.category_sure or not close_rival(noun, best[1]):
            continue
        out[i] = labels.spoken_verdict(noun, shot_words[int(frame_shot[i])]) is not True
    return out


def drop_rivals(scorer: Any, cat: labels.Category, text: str, per_shot: list) -> np.ndarray:
    """``sure_rivals`` in the search Scorer's film, and the picture similarity's evidence in
    those frames' shots given way: "a cup of tea" is no nearer to tea on a frame of espresso."""
    frame_shot = scorer._frame_shot
    rivals = sure_rivals(scorer.index.frames, cat, asked_noun(text, cat), frame_shot, scorer._shot_words)
    for shot in set(frame_shot[rivals].tolist()):
        per_shot[shot][:] = [e for e in per_shot[shot] if e.modality != "visual"]
    return rivals
