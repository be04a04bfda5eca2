"""Black-and-white pictures, read from what the index already stores: the saved face crops.

"the black and white shots" describes the picture itself, which no ImageNet label and no
label-bridge vector names. A face crop keeps the pixels' colour: a grayscale shot's face
has none at all (every pixel's channels equal), a colour shot's face always some (skin).
So a person whose saved crop has no colour is seen in black and white, and the shots they
are on screen in are black-and-white shots. Shots without a face stay unknown (no claim).
Since indexes keep per-frame picture statistics, ``looks.py`` answers black and white from
every frame and calls this only for an index made before them.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .calibration import CALIBRATION
from .evidence import Evidence
from .traits import blank, saved_crop
from .word_forms import GREY

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


@dataclass(frozen=True)
class MonochromeOptions:
    # A crop is colourless when the mean over its pixels of (max - min channel) is at most
    # this (0-255). Dev films' saved crops (all 8 people): the two grayscale cameraman crops
    # 0.0 (sample, gallery); every colour face 41.7-80.3. 4 leaves room for compression.
    max_chroma: float = 4.0


MONOCHROME = MonochromeOptions()
#: how far above the film's background (z_min) a look read from the pixels sits: measured,
#: not a similarity to calibrate, as sure as a label of probability 1 (search: z_min + 10 p)
SURE_Z = 10.0

# The words for a picture without colour, alone or before a word for footage: "black and
# white", "the b&w photos", "grayscale shots", "monochrome footage".
_ASKED = re.compile(rf"^(?:(?:the|some|all|any|those|these)\s+)*(?:{GREY})(?:\s+(?:photos?|photographs?|pictures?"
                    r"|images?|footage|shots?|bits?|parts?|ones?|scenes?|clips?|stuff|sections?|moments?))?$", re.I)


def asks_monochrome(text: str) -> bool:
    """Whether a query is only "black and white" (the picture's look, no thing named)."""
    return bool(_ASKED.match(" ".join(text.split())))


def colourless(crop: np.ndarray, opts: MonochromeOptions = MONOCHROME) -> bool:
    """Whether a saved face crop has no colour (see MonochromeOptions)."""
    c = np.asarray(crop, np.float32)
    if c.ndim != 3 or c.shape[2] < 3 or blank(c):
        return False
    return float((c.max(axis=2) - c.min(axis=2)).mean()) <= opts.max_chroma


def monochrome_shots(index: Index, opts: MonochromeOptions = MONOCHROME) -> dict[int, int]:
    """Shot -> the person id whose colourless face is on screen there."""
    out: dict[int, int] = {}
    for p in index.people:
        crop = saved_crop(index, p.id)
        if crop is not None and colourless(crop, opts):
            for shot in p.shots:
                out.setdefault(int(shot), p.id)
    return out


def sure(index: Index, shot: int, why: str, score: float = 1.0) -> Evidence:
    """Evidence that a whole shot has a look read from its pixels (``SURE_Z``)."""
    s = index.shots[shot]
    return Evidence("visual", score, CALIBRATION.z_min + SURE_Z, why, (s.start + s.end) / 2, s.start, s.end)


def add_monochrome(index: Index, per_shot: Sequence[list[Evidence]]) -> None:
    """Picture evidence for a black-and-white query: each shot with a colourless face; it
    replaces the label similarity, which knows nothing of colour."""
    found = monochrome_shots(index)
    if found:
        for evs in per_shot:
            evs[:] = [e for e in evs if e.modality != "visual"]
    for shot, pid in sorted(found.items()):
        if shot >= len(per_shot):
            continue
        per_shot[shot].append(sure(index, shot, f"no colour in the face of person {pid}"))
