"""A gendered person noun asked as a picture ("any woman on screen" parses as "woman", visual):
the faces answer, narrowed by what the film's words say of them (agent/framing.seen_gender)."""
from __future__ import annotations

from fakes import make_index, people_film, shots_found

SCENES = [(0.0, 10.0, "garden"), (10.0, 20.0, "office"), (20.0, 30.0, "tree")]
LINES = [(1.0, 4.0, "The woman smiles at the camera."), (11.0, 14.0, "The man waves from his desk."),
         (21.0, 24.0, "A tree sways in the wind.")]


def test_a_gendered_noun_seen_is_the_faces_the_words_make_that_gender(tmp_path):
    idx = people_film(SCENES, LINES, tmp_path, [(0, 0.0, 10.0, 1), (1, 10.0, 20.0, 2)])
    woman, why = shots_found(idx, "woman", "visual")
    assert woman == [0] and "call a woman" in why  # not the man's shot, not the faceless tree
    assert shots_found(idx, "any man", "visual")[0] == [1]


def test_without_faces_the_noun_stays_a_picture(tmp_path):
    idx = make_index(SCENES, LINES)  # no faces index: no claim from faces
    assert shots_found(idx, "woman", "visual")[0] == []
