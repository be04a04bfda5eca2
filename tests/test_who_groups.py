"""People as groups, by a moment and by a name heard (issue #11, class 2): "the women",
"both guys", "the guy at 0:35", "whoever is on screen at the 25 second mark", "the woman
from the scene with the dog", "Thanks, Tom". Toy films, not the sample film: each takes
the right people's shots and none of the others'."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.intent import parse_request
from cutbot.agent.search import Scorer
from cutbot.indexers.schema import FaceTrack
from fakes import WordHashEmbedder, make_index, three_people

# Person 2 (shots 0, 3) is said to be a man, person 1 (shots 1, 2) a woman; person 3 (shot 4)
# is said to be neither; a dog is seen in shot 2. "Thanks, Tom" is said over person 3 alone.
SCENES = [(0, 10, "door hall"), (10, 20, "kitchen table"), (20, 30, "garden dog"),
          (30, 40, "street car"), (40, 50, "river bridge")]


@pytest.fixture()
def index(tmp_path):
    return three_people(SCENES, [(3, 7, "he rings the bell"), (12, 16, "she opens the window"),
                                 (42, 46, "Thanks, Tom. Nice bridge")], tmp_path)


def shots_of(index, request, who=None):
    q = parse_request(request).include[0]
    if who:
        assert (q.modality, q.who) == ("person", who), request
    emb = WordHashEmbedder()
    hits = Scorer(index, emb, emb).score(q)
    return np.flatnonzero(hits.mask).tolist(), " ".join(e.detail for evs in hits.evidence for e in evs)


@pytest.mark.parametrize("request_, shots", [
    ("the women", [1, 2]), ("all the women", [1, 2]),  # person 3 is called nothing: left out
    ("the men", [0, 3]), ("both guys", [0, 3]), ("the guys on screen", [0, 3]),
])
def test_a_group_is_everyone_the_words_call_that_gender(index, request_, shots):
    got, why = shots_of(index, request_, "anyone")
    assert got == shots
    assert "the film's words call a" in why


def test_when_the_words_call_nobody_that_gender_a_group_is_everyone_not_called_the_other(index):
    idx = dataclasses.replace(index, sentences=[s for s in index.sentences if "he rings" not in s.text])
    idx.people, idx.face_tracks = index.people, index.face_tracks
    got, why = shots_of(idx, "the men", "anyone")
    assert got == [0, 3, 4]  # person 1 is called a woman; 2 and 3 are called nothing
    assert "not said to be a woman" in why


def test_everyone_except_a_style_leaves_out_only_that_style(index):
    plan = parse_request("everyone except the cartoon people")
    assert [(q.modality, q.who) for q in plan.include] == [("person", "anyone")]
    assert [(q.text, q.who) for q in plan.exclude] == [("cartoon people", "anyone")]


@pytest.mark.parametrize("request_, shots, pid", [
    ("the guy at 0:35", [0, 3], 2),
    ("whoever is on screen at the 25 second mark", [1, 2], 1),
    ("the woman from the 12 second mark", [1, 2], 1),
    ("the kid at 0:39", [0, 3], 2),  # nobody's face at 39 s: the one most on screen in that shot
])
def test_a_person_by_a_moment_is_all_their_screen_time(index, request_, shots, pid):
    plan = parse_request(request_)
    assert plan.duration.target is None and plan.window is None  # the time picks the person, not a length
    got, why = shots_of(index, request_, "described")
    assert got == shots
    assert f"taken as person {pid}" in why


def test_a_moment_with_nobody_the_words_allow_is_nobody(index):
    with pytest.raises(NothingMatched, match="0:05"):
        shots_of(index, "the woman at 0:05")  # only person 2, said to be a man, is there
    with pytest.raises(NothingMatched, match="only 50 s"):
        shots_of(index, "the person at 9:00")
    assert parse_request("the cat at 1:05").include[0].who is None  # a thing stays a thing
    assert parse_request("the guy from 0:10 to 0:20").window is not None  # a window stays a window


def test_the_woman_from_the_scene_with_the_dog(index):
    got, why = shots_of(index, "the woman from the scene with the dog", "described")
    assert got == [1, 2]  # all of person 1's screen time, not person 2's or 3's
    assert "taken as person 1" in why and "'dog'" in why


def test_a_name_heard_while_one_person_is_on_screen_is_that_person(index):
    got, why = shots_of(index, "Tom")
    assert got == [4]
    assert "person 3" in why


def test_a_name_heard_while_two_people_are_on_screen_is_a_spoken_topic(index):
    idx = dataclasses.replace(index, face_tracks=index.face_tracks + [FaceTrack(5, 4, 41.0, 49.0, (4,), 2)])
    idx.people = index.people
    got, why = shots_of(idx, "Tom")
    assert got == [4]
    assert "person 3" not in why and "person 2" not in why  # heard, not a face picked


@pytest.mark.slow
def test_on_the_dev_film_a_person_by_a_moment_and_the_men(indexed_dev, dev_film, dev_truth):
    """Real models on a film other than the sample film: the footballer is on screen at
    0:22, Grace Hopper at 0:57; each request takes all of that person's scenes and none
    of the other's, and says why."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    editor = Editor.load(dev_film)
    scenes = {who: [(s["start"], s["end"]) for s in dev_truth["scenes"] if who in s.get("people", [])]
              for who in ("messi", "grace_hopper")}
    for request, who, other in (("the guy at 0:22", "messi", "grace_hopper"),
                                ("whoever is on screen at the 57 second mark", "grace_hopper", "messi"),
                                ("the men", "messi", "grace_hopper")):
        plan = editor.ask(request)
        spans = [(s.start, s.end) for s in plan.segments]
        assert overlap(spans, scenes[who]) >= 0.9 * sum(b - a for a, b in scenes[who]), request
        assert overlap(spans, scenes[other]) == 0.0, request
        assert "taken as person" in " ".join(r for s in plan.segments for r in s.reasons) or request == "the men"


def test_cartoon_people_where_nobody_is_drawn_is_nobody_not_a_respelled_word(index):
    """"everyone except the cartoon people" on a film with no drawn face excludes nobody:
    'cartoon' is a style, never respelled as a thing the film has ('carton')."""
    idx = make_index([(s, e, "carton box" if k == 1 else w) for k, (s, e, w) in enumerate(SCENES)], [])
    idx = dataclasses.replace(idx, root=index.root)
    idx.people, idx.face_tracks = index.people, index.face_tracks
    emb = WordHashEmbedder()
    q = parse_request("everyone except the cartoon people").exclude[0]
    for loose in (False, True):
        assert not Scorer(idx, emb, emb).score(q, loose=loose).mask.any()


@pytest.mark.parametrize("request_, shots", [("the woman who opens windows", [1, 2]),
                                              ("the man who rings bells", [0, 3])])
def test_a_person_by_what_they_do_is_whoever_is_on_screen_where_it_is(index, request_, shots):
    got, why = shots_of(index, request_, "described")  # no article before the thing done: the whole clause
    assert got == shots
    assert "is taken as person" in why
