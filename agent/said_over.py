"""What the words said over a shot say of the thing a picture is asked for: a picture the
classifier is unsure of is corrected by the words heard over it ("rabbit" said over what it
calls a poodle), by WordNet's kinds, never by a word list. Kept apart from labels.py (which
reads queries as label categories) so both stay small; pictures.py and relatives.py ask it.
"""
from __future__ import annotations

from collections.abc import Sequence

from . import parts
from .calibration import LABELS
from .kinds import load as _wordnet
from .lexical import _lemma


def spoken_verdict(term: str, words: Sequence[str], stand_in: str | None = None,
                   seen: Sequence[str] | None = None) -> bool | None:
    """What the words said over a shot say of the thing ``term`` names: True when one
    names it or a kind of it ("orange" for "fruit"), False when one names a rival, a
    different thing of the same narrow kind ("rabbit" for "dog", "orange" for "lemon",
    "motorbike" for "bicycle"; LABELS.rival_depth) or, where the picture only shows a thing
    of the kind ``stand_in`` ("edible fruit" for "banana"), another thing of that kind; None
    when they say neither. With ``seen`` (the labels the classifier gave the shot's frames; given
    where voices talk together over it), a rival counts only where the picture hints at it too (one
    of those labels is a kind of it): a conversation is often about something else ("you need a
    car" over a motorbike), while a narrator's rival word names what the classifier half saw."""
    asked = parts.usual_sense(term)
    if asked is None:
        return None
    depth, rival = _wordnet().depth, False
    above = _wordnet().ancestors(asked)
    wider = frozenset(_lemma(stand_in, 2)) if stand_in else frozenset()
    for word in words:
        if word == term or asked in parts.noun_senses(word)[:2]:
            return True  # a common sense of the word IS the thing: "bike" is a bicycle as well as a motorbike
        said = parts.usual_sense(word)
        if said is None:
            continue
        kinds = _wordnet().ancestors(said)
        if asked in kinds:
            return True  # a kind of the asked thing is named
        if said in above or said in wider:
            continue  # a wider word ("animal" for a dog, "ball" for the kind shown) names no rival
        common = [int(depth[k]) for k in kinds if k in above]
        named = max(common, default=0) >= LABELS.rival_depth or bool(wider.intersection(kinds))
        rival = rival or named and (seen is None or _hinted(said, seen))
    return False if rival else None


def _hinted(said: int, seen: Sequence[str]) -> bool:
    """Whether one of the labels ``seen`` is a kind of the noun sense ``said``."""
    kinds = _wordnet()
    return any(said in kinds.ancestors(sense) for label in seen for sense in kinds.lemma(label)[:2])
