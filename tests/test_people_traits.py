"""Drawn versus photographed people, and the gender a film's words give them (issue #11,
class 2): "real people only, not the animation", "the animated guy in glasses" and "the
cartoon woman" pick among the right people, from the face crops the index already saves."""
from __future__ import annotations

import dataclasses

import cv2
import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.intent import parse_request
from cutbot.agent.people import person_evidence
from cutbot.agent.search import Scorer
from cutbot.agent.traits import (TRAITS, _said_gender, allowed, asked_gender, drawn_people, flat_share,
                                 heard_gender, style_of, without_style)
from cutbot.indexers.schema import FaceTrack, Person
from cutbot.agent.planner import plan_cut
from fakes import shots_found, WordHashEmbedder, make_index


def photo_face() -> np.ndarray:
    """A real photograph's face: Eileen Collins in skimage's astronaut, 128 px like the index's crops."""
    from skimage import data

    return cv2.resize(np.ascontiguousarray(data.astronaut()[20:220, 140:320]), (128, 128),
                      interpolation=cv2.INTER_AREA)


def drawn_face(shaded: bool = False) -> np.ndarray:
    """A cartoon face: flat paint with outlines, or (``shaded``) a smooth render-like gradient."""
    img = np.full((128, 128, 3), (40, 30, 60), np.uint8)
    if shaded:
        yy, xx = np.mgrid[0:128, 0:128]
        light = np.clip(1.0 - np.hypot(yy - 50, xx - 54) / 90.0, 0, 1)[..., None]
        skin = (np.array([150, 110, 90]) + light * np.array([90, 80, 70])).astype(np.uint8)
        mask = np.zeros((128, 128), np.uint8)
        cv2.ellipse(mask, (64, 64), (44, 56), 0, 0, 360, 255, -1)
        img[mask > 0] = skin[mask > 0]
    else:
        cv2.ellipse(img, (64, 64), (44, 56), 0, 0, 360, (240, 200, 170), -1)
    cv2.ellipse(img, (64, 64), (44, 56), 0, 0, 360, (20, 10, 10), 2)
    for x in (48, 80):
        cv2.circle(img, (x, 56), 8, (255, 255, 255), -1)
        cv2.circle(img, (x, 56), 4, (30, 60, 120), -1)
    cv2.ellipse(img, (64, 88), (16, 7), 0, 0, 180, (150, 40, 50), -1)
    return img


def test_a_drawn_face_is_flat_and_a_photographed_one_is_not():
    assert flat_share(photo_face()) < TRAITS.drawn_share
    assert flat_share(drawn_face()) >= TRAITS.drawn_share
    assert flat_share(drawn_face(shaded=True)) >= TRAITS.drawn_share


@pytest.mark.parametrize("text, style", [
    ("real people", "real"), ("live-action people", "real"), ("people, not the cartoons", "real"),
    ("the animated guy in glasses", "drawn"), ("the guy with glasses in the cartoon", "drawn"),
    ("cartoon characters", "drawn"), ("the man in the hat", None), ("people", None),
    ("the woman with the painted nails", None)])
def test_style_words(text, style):
    assert style_of(text) == style


def test_gender_and_style_words_of_a_phrase():
    assert asked_gender("the guy with glasses") == "m" and asked_gender("the cartoon lady") == "f"
    assert asked_gender("the man and the woman") is None and asked_gender("whoever holds the camera") is None
    assert without_style("glasses in the cartoon") == "glasses"
    assert without_style("animated guy") == "guy"


# Shot 0: person 1 (a photograph); shot 1: person 2, drawn, while "a woman raises her
# glass" is said; shot 2: nobody; shot 3: person 3, drawn, nothing said; shot 4: person 1.
SCENES = [(0, 10, "garden tree"), (10, 20, "restaurant candle"), (20, 30, "river boat"),
          (30, 40, "restaurant table"), (40, 50, "park bench")]


@pytest.fixture()
def index(tmp_path):
    idx = make_index(SCENES, [(11, 15, "in the cartoon a woman raises her glass"), (41, 44, "the park is quiet")])
    idx = dataclasses.replace(idx, root=str(tmp_path))
    idx.people = [Person(1, 16.0, (0, 4), (0, 3), 0, ()), Person(2, 8.0, (1,), (1,), 1, ()),
                  Person(3, 7.0, (3,), (2,), 2, ())]
    idx.face_tracks = [FaceTrack(0, 0, 1.0, 9.0, (0,), 1), FaceTrack(1, 1, 11.0, 19.0, (1,), 2),
                       FaceTrack(2, 3, 31.0, 38.0, (2,), 3), FaceTrack(3, 4, 41.0, 49.0, (3,), 1)]
    idx.face_crops = np.stack([photo_face(), drawn_face(), drawn_face(shaded=True)])
    return idx


def shots_of(index, text, modality="person"):
    return shots_found(index, text, modality)


def test_the_toy_films_people_are_read_from_their_crops_and_words(index):
    assert sorted(drawn_people(index)) == [2, 3]
    blank = dataclasses.replace(index)
    blank.face_crops = np.zeros_like(index.face_crops)  # no crops saved: nobody is called drawn
    assert drawn_people(blank) == {}
    assert heard_gender(index) == {2: (2, 0)}  # "woman", "her" while only person 2 is on screen
    assert allowed(index, "the animated guy").people == {3}
    assert allowed(index, "real people").people == {1}


def test_a_tied_voice_decides_a_gender_word_over_the_words_said_over_a_face(index):
    # person 2 is called a woman by the words; their tied voice's pitch says man, person 1's woman
    voiced = {"f": frozenset({1}), "m": frozenset({2})}.get
    woman = allowed(index, "the woman", voiced)
    assert woman.people == {1, 3} and woman.heard == {1} and woman.voiced == {1}
    assert "heard with a man's voice" in woman.why
    assert woman.called(1) == "heard with a woman's voice"
    assert allowed(index, "the woman").people == {1, 2, 3}  # without the voices: the words alone
    assert allowed(index, "the man", voiced).heard == {2}


def test_the_woman_with_a_look_nobody_shows_is_the_one_heard_with_a_womans_voice(index, monkeypatch):
    monkeypatch.setattr(Scorer, "voiced_faces", lambda self, sex: {"f": frozenset({1}), "m": frozenset({2})}[sex])
    shots, why = shots_of(index, "the woman in the orange jumpsuit")
    assert shots == [0, 4] and "taken as person 1" in why and "heard with a woman's voice" in why


@pytest.mark.parametrize("sentence, k, said", [
    ("It is blue, man, and it is lovely.", 3, None),  # called to: says nothing of who is on screen
    ("Thanks a lot, lady.", 3, None),
    ("Cheers, sir!", 1, None),
    ("A man waves from the boat.", 1, "m"),
    ("The old lady, smiling, waves.", 2, "f"),
    ("Here the lady waves.", 2, "f"),
])
def test_a_word_called_to_someone_is_no_gender_of_who_is_on_screen(sentence, k, said):
    assert _said_gender(sentence.split(), k) == said


def test_the_animated_guy_is_the_drawn_person_not_said_to_be_a_woman(index):
    for text in ("the animated guy in glasses", "the guy with glasses in the cartoon"):
        shots, why = shots_of(index, text)
        assert shots == [3], text  # not the cartoon woman's shot, nor the photographed man's
        assert "taken as person 3" in why and "drawn" in why


def test_the_cartoon_woman_is_where_the_cartoon_and_a_woman_are_said(index):
    shots, why = shots_of(index, "the cartoon woman")
    assert shots == [1] and "taken as person 2" in why


def test_real_people_leave_out_drawn_faces_and_cartoon_characters_keep_only_them(index):
    assert shots_of(index, "real people")[0] == [0, 4]
    assert shots_of(index, "cartoon characters")[0] == [1, 3]
    assert shots_of(index, "people")[0] == [0, 1, 3, 4]


def test_real_people_not_the_animation_keeps_the_photographed_and_none_of_the_drawn(index):
    plan = parse_request("real people only, not the animation")
    assert [(q.text, q.who) for q in plan.exclude] == [("drawn people", "anyone")]
    emb = WordHashEmbedder()
    cut = plan_cut(plan, index, "real people only, not the animation", Scorer(index, emb, emb))
    kept = [(s.start, s.end) for s in cut.segments]
    assert kept and all(a >= 0 and b <= 10 or a >= 40 for a, b in kept)
    assert not any(a < 40 and b > 10 for a, b in kept)  # no second of shots 1-3


def test_no_drawn_people_means_the_animated_guy_is_nobody(index):
    photos = dataclasses.replace(index)
    photos.face_crops = np.stack([photo_face()] * 3)
    with pytest.raises(NothingMatched, match="drawn"):
        person_evidence(photos, "the animated guy in glasses", scorer=Scorer(photos, WordHashEmbedder(),
                                                                              WordHashEmbedder()))


@pytest.mark.slow
def test_on_the_dev_film_real_people_are_all_its_people_and_no_cartoon_person(indexed_dev, dev_film, dev_truth):
    """Real models on a film other than the sample film: its two people are photographs,
    so 'real people' keeps every scene with a person and 'the animated guy' is nobody."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    editor = Editor.load(dev_film)
    assert drawn_people(editor.index) == {}
    cut = editor.ask("real people only, not the animation")
    spans = [(s.start, s.end) for s in cut.segments]
    people = [(s["start"], s["end"]) for s in dev_truth["scenes"] if s.get("people")]
    others = [(s["start"], s["end"]) for s in dev_truth["scenes"] if not s.get("people")]
    assert overlap(spans, people) >= 0.9 * sum(b - a for a, b in people)
    assert overlap(spans, others) <= 1.0  # the fish cartoon and the rest stay out
    with pytest.raises(NothingMatched):
        editor.ask("the animated guy in glasses")
