"""Black-and-white shots (issue #11, pictures described by their look): a person whose
saved face crop has no colour is seen in black and white, so "the black and white shots"
are theirs; no label and no label-bridge vector knows colour."""
from __future__ import annotations

import cv2
import numpy as np
import pytest
from cutbot.agent.plan import Query
from cutbot.agent.monochrome import MONOCHROME, asks_monochrome, colourless, monochrome_shots
from cutbot.indexers.schema import Person
from fakes import make_index, shots_found

SCENES = [(0, 10, "tabby cat"), (10, 20, "tripod"), (20, 30, "espresso"), (30, 40, "tripod"),
          (40, 50, "suit")]


def colour_face() -> np.ndarray:
    """A real photograph's face (skimage's astronaut), 128 px like the index's crops."""
    from skimage import data

    return cv2.resize(np.ascontiguousarray(data.astronaut()[20:220, 140:320]), (128, 128),
                      interpolation=cv2.INTER_AREA)


def grey_face() -> np.ndarray:
    return cv2.cvtColor(cv2.cvtColor(colour_face(), cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)


def toy(crops):
    idx = make_index(SCENES)
    idx.people = [Person(1, 20.0, (1, 3), (0, 1), 0, ()), Person(2, 10.0, (4,), (2,), 1, ())]
    idx.face_crops = np.stack(crops)
    return idx


@pytest.mark.parametrize("text, asked", [
    ("black and white", True), ("the black and white photos", True), ("black-and-white footage", True),
    ("grayscale shots", True), ("monochrome", True), ("b&w", True),
    ("that grey blender monkey head", False), ("the black and white butterfly", False),
    ("the white cat", False), ("black", False)])
def test_only_the_pictures_look_is_asked_for(text, asked):
    assert asks_monochrome(text) is asked


def test_a_grey_crop_has_no_colour_and_a_photo_or_blank_one_has():
    assert colourless(grey_face())
    assert not colourless(colour_face())
    assert not colourless(np.zeros((128, 128, 3), np.uint8))  # no crop saved: no claim
    chroma = (colour_face().max(axis=2).astype(float) - colour_face().min(axis=2)).mean()
    assert chroma > 4 * MONOCHROME.max_chroma


def test_the_black_and_white_shots_are_the_colourless_persons_only():
    idx = toy([grey_face(), colour_face()])
    assert monochrome_shots(idx) == {1: 1, 3: 1}
    found, why = shots_found(idx, "black and white", modality="visual")
    assert found == [1, 3]  # never the cat, the coffee, or the colour person's shot
    assert "no colour" in why


def test_no_colourless_face_claims_no_shot():
    idx = toy([colour_face(), colour_face()])
    assert monochrome_shots(idx) == {}
    found, _ = shots_found(idx, "black and white", modality="visual")
    assert not {1, 3, 4} & set(found)


def test_on_the_dev_film_every_face_has_colour_so_no_shot_is_black_and_white(indexed_dev, dev_film):
    """Real models on a film other than the sample film: its people are colour photographs."""
    from cutbot.agent import Editor

    editor = Editor.load(dev_film)
    assert editor.index.people and monochrome_shots(editor.index) == {}
    hits = editor.scorer.score(Query(text="black and white", modality="visual"))
    assert not any("no colour" in e.detail for evs in hits.evidence for e in evs)
    assert not set(np.flatnonzero(hits.mask).tolist()) & {s for p in editor.index.people for s in p.shots}
