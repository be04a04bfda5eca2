"""People as a category ("people", "someone") and by description ("the man with the camera")."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cutbot.agent.people import is_name, person_evidence
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from cutbot.agent import NothingMatched
from cutbot.indexers.schema import FaceTrack, Person
from fakes import WordHashEmbedder, make_index, run_plan

# Shot 1: person 1 with a camera; shot 3: person 2 in a hat; shot 4: person 1 again;
# shot 5: a scuba diver (no face found, but the label is a person); shots 0, 2: nobody.
SCENES = [(0, 10, "tree garden"), (10, 20, "camera tripod"), (20, 30, "boat river"),
          (30, 40, "hat table"), (40, 50, "window sofa"), (50, 60, "reef water")]


@pytest.fixture()
def index(tmp_path):
    idx = make_index(SCENES, [(12, 14, "This is Walter Brandt at work")])
    real = {1: (("reflex camera", 0.5), ("tripod", 0.3)), 3: (("cowboy hat", 0.6),),
            5: (("scuba diver", 0.7),)}  # what an ImageNet classifier says
    frames = [dataclasses.replace(f, labels=real.get(f.shot, f.labels)) for f in idx.frames]
    idx = dataclasses.replace(idx, frames=frames, root=str(tmp_path))
    idx.people = [Person(1, 16.0, (1, 4), (0, 2), 0, ()), Person(2, 8.0, (3,), (1,), 1, ())]
    idx.face_tracks = [FaceTrack(0, 1, 11.0, 19.0, (0,), 1), FaceTrack(1, 3, 31.0, 39.0, (1,), 2),
                       FaceTrack(2, 4, 41.0, 49.0, (2,), 1)]
    return idx


def shots(index, text, modality="person"):
    emb = WordHashEmbedder()
    hits = Scorer(index, emb, emb).score(Query(text=text, modality=modality))
    return np.flatnonzero(hits.mask).tolist(), hits


@pytest.mark.parametrize("text", ["people", "someone", "anyone", "humans", "a person"])
def test_anyone_is_every_face_and_person_like_labels(index, text):
    assert shots(index, text)[0] == [1, 3, 4, 5]


def test_a_described_person_is_one_person_and_all_their_screen_time(index):
    found, hits = shots(index, "the man with the camera")
    assert found == [1, 4]  # person 1: the camera shot AND every other shot of them
    why = " ".join(e.detail for evs in hits.evidence for e in evs)
    assert "taken as person 1" in why and "camera" in why
    assert shots(index, "the guy in the hat")[0] == [3]


def test_a_description_that_matches_nothing_is_nothing_matched(index):
    with pytest.raises(NothingMatched):
        person_evidence(index, "the woman with the giraffe",
                        scorer=Scorer(index, WordHashEmbedder(), WordHashEmbedder()))


def test_names_and_references_are_told_apart():
    assert is_name("Mr. Smith") and is_name("alice")
    assert not is_name("the man with the camera") and not is_name("people") and not is_name("person 2")


def test_without_people_leaves_no_face_on_screen(index):
    cut = run_plan(index, exclude=[Query(text="people", modality="person")])
    for s in cut.segments:
        for tr in index.face_tracks:
            assert s.end <= tr.start + 1e-6 or s.start >= tr.end - 1e-6


def test_a_name_heard_while_one_person_is_on_screen_is_that_person(index):
    assert shots(index, "Walter Brandt")[0] == [1, 4]  # all of person 1's screen time
    assert shots(index, "Walter Brandt", "any")[0] == [1, 4]


def test_excluding_a_name_leaves_none_of_their_face(index):
    from cutbot.agent.plan import Query

    cut = run_plan(index, exclude=[Query(text="Walter Brandt", modality="visual")])
    for s in cut.segments:
        assert s.end <= 10.0 + 1e-6 or 20.0 - 1e-6 <= s.start and (s.end <= 40 + 1e-6 or s.start >= 50 - 1e-6)


def test_a_typo_still_names_the_category():
    from cutbot.agent.labels import category

    assert category("the squirel").term == "squirrel"
    assert category("Grace Hopper") is None  # a name is no kind of hopper


def test_anyone_read_as_a_picture_word_still_counts_faces(index):
    assert shots(index, "anyone", "visual")[0] == [1, 3, 4, 5]


def test_a_word_before_the_person_noun_picks_one_person(index):
    from cutbot.agent.intent import parse_request

    q = parse_request("the hat man").include[0]  # "the cartoon woman", "the bald guy"
    assert (q.modality, q.who) == ("person", "described")
    emb = WordHashEmbedder()
    hits = Scorer(index, emb, emb).score(q)
    assert np.flatnonzero(hits.mask).tolist() == [3]
    assert "taken as person 2" in " ".join(e.detail for evs in hits.evidence for e in evs)
    for plain in ("the woman", "the other man", "the main character"):
        assert parse_request(plain).include[0].who != "described", plain



def test_a_description_no_shot_has_whole_is_read_word_by_word(index):
    """No shot shows or says the whole phrase, but two of its words are seen where one
    person is; words in shots without a face do not vote, and one word alone is no
    description (it takes two)."""
    found, hits = shots(index, "the man with the camera tripod near the boat river and the sofa")
    assert found == [1, 4]
    assert "taken as person 1" in " ".join(e.detail for evs in hits.evidence for e in evs)
    with pytest.raises(NothingMatched):
        shots(index, "the guy with the tripod by the garden and the river")


def test_people_rather_than_animation_keeps_people_and_drops_the_rest():
    from cutbot.agent.intent import parse_request

    plan = parse_request("live-action people rather than animation")
    assert [(q.text, q.who) for q in plan.include] == [("live-action people", "anyone")]
    # the exclusion says which people: the drawn faces (traits.py), not a search for "animation"
    assert [(q.text, q.modality, q.who) for q in plan.exclude] == [("drawn people", "person", "anyone")]


def test_a_role_says_who_before_what_they_wear(index):
    """ "the diver in the hat": the diver's shots decide, not the hat someone else wears; a
    plain person word ("the man in the hat") is decided by the hat."""
    idx = dataclasses.replace(index, frames=[dataclasses.replace(f, labels=(("scuba diver", 0.7),))
                                             if f.shot == 1 else f for f in index.frames])
    assert shots(idx, "the scuba diver in the hat")[0] == [1, 4]  # person 1, seen where the diver is
    assert shots(idx, "the man in the hat")[0] == [3]
