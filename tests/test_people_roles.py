"""A person named by what they are ("the astronaut", "the footballer"): one person, all
of their screen time, and the reply says who was taken and why (issue #11, class 2)."""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.people import person_evidence
from cutbot.agent.search import Scorer
from cutbot.agent.descriptions import role_noun
from cutbot.indexers.schema import FaceTrack, Person
from fakes import shots_found, WordHashEmbedder, make_index

ROOT = Path(__file__).resolve().parent.parent

# Shot 1: person 1 in diving gear; shot 3: person 2 as a bridegroom; shot 4: person 1
# again, nothing else seen; shots 0, 2: nobody.
SCENES = [(0, 10, "tree garden"), (10, 20, "boat reef"), (20, 30, "boat river"),
          (30, 40, "church table"), (40, 50, "window sofa")]


@pytest.fixture()
def index(tmp_path):
    idx = make_index(SCENES)
    seen = {1: (("scuba diver", 0.6), ("speedboat", 0.2)), 3: (("bridegroom", 0.6), ("suit", 0.3))}
    frames = [dataclasses.replace(f, labels=seen.get(f.shot, f.labels)) for f in idx.frames]
    idx = dataclasses.replace(idx, frames=frames, root=str(tmp_path))
    idx.people = [Person(1, 16.0, (1, 4), (0, 2), 0, ()), Person(2, 8.0, (3,), (1,), 1, ())]
    idx.face_tracks = [FaceTrack(0, 1, 11.0, 19.0, (0,), 1), FaceTrack(1, 3, 31.0, 39.0, (1,), 2),
                       FaceTrack(2, 4, 41.0, 49.0, (2,), 1)]
    return idx


def found(index, text, modality="any"):
    return shots_found(index, text, modality)


@pytest.mark.parametrize("text, noun", [("the astronaut", "astronaut"), ("a footballer", "footballer"),
                                        ("the football player", "football player"), ("pilots", "pilots")])
def test_a_kind_of_person_is_a_role(text, noun):
    assert role_noun(text) == noun


@pytest.mark.parametrize("text", ["the man", "the woman", "people", "the star", "the dog",
                                  "the camera", "the man with the camera", "person 2"])
def test_plain_person_words_and_things_are_no_role(text):
    assert role_noun(text) is None


def test_a_role_is_the_person_where_it_is_seen_with_all_their_screen_time(index):
    shots, why = found(index, "the diver")
    assert shots == [1, 4]  # the diving shot, and person 1's other shot where no diver is seen
    assert "taken as person 1" in why
    shots, why = found(index, "the groom")
    assert shots == [3] and "taken as person 2" in why  # person 1 is not the groom


def test_a_role_on_screen_that_no_picture_shows_is_the_person_the_words_tie_it_to(tmp_path):
    """"the pilot on screen": no label shows a pilot, but "pilot" is said while person 1 is on
    screen, so the shots are that person's (not nothing, as a picture search alone finds)."""
    idx = dataclasses.replace(make_index(SCENES, [(41, 45, "our pilot waves at the crowd")]), root=str(tmp_path))
    idx.people = [Person(1, 16.0, (1, 4), (0, 2), 0, ()), Person(2, 8.0, (3,), (1,), 1, ())]
    idx.face_tracks = [FaceTrack(0, 1, 11.0, 19.0, (0,), 1), FaceTrack(1, 3, 31.0, 39.0, (1,), 2),
                       FaceTrack(2, 4, 41.0, 49.0, (2,), 1)]
    emb = WordHashEmbedder()
    from cutbot.agent.plan import Query
    hits = Scorer(idx, emb, emb).score(Query(text="pilot", modality="visual"))
    assert [int(i) for i in hits.mask.nonzero()[0]] == [1, 4]


def test_a_role_nobody_plays_is_nothing_and_takes_nobody(index):
    emb = WordHashEmbedder()
    with pytest.raises(NothingMatched):
        person_evidence(index, "the firefighter", scorer=Scorer(index, emb, emb))
    assert found(index, "the firefighter")[0] == []


def test_a_name_the_viewer_gave_wins_over_the_role_reading(index):
    from cutbot.agent.people import Roster

    emb = WordHashEmbedder()
    got = person_evidence(index, "the groom", Roster({1: "the groom"}), scorer=Scorer(index, emb, emb))
    assert [e.shot for e in got] == [1, 4]


@pytest.mark.slow
def test_the_footballer_on_the_dev_film_is_all_of_him_and_none_of_her(indexed_dev, dev_film, dev_truth):
    """Real models on a film other than the sample film: "the footballer" is the person
    where a football is seen, and none of Grace Hopper's scenes comes with him."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    cut = Editor.load(dev_film).ask("scenes with the footballer")
    spans = [(s.start, s.end) for s in cut.segments]
    scenes = {who: [(s["start"], s["end"]) for s in dev_truth["scenes"] if who in s.get("people", [])]
              for who in ("messi", "grace_hopper")}
    assert overlap(spans, scenes["messi"]) >= 0.9 * sum(b - a for a, b in scenes["messi"])
    assert overlap(spans, scenes["grace_hopper"]) == 0.0
    assert "taken as person" in json.dumps(cut.to_dict())


@pytest.mark.parametrize("text, who, what", [
    ("the old lady with the glasses", "old lady", "the glasses"),
    ("the soccer player in the striped shirt", "soccer player", "the striped shirt"),
    ("the animated guy in glasses", "animated guy", "glasses"),
])
def test_any_person_noun_after_a_few_words_is_described(text, who, what):
    from cutbot.agent.descriptions import described

    m = described(text)
    assert m is not None and (m.group("who"), m.group("what")) == (who, what)


@pytest.mark.parametrize("text", ["bikes in the rain", "the dog with the ball", "the star in the sky"])
def test_things_near_things_are_no_person(text):
    from cutbot.agent.descriptions import described

    assert described(text) is None


def test_a_role_with_a_description_nothing_shows_falls_back_to_the_role(index):
    """"The diver in the striped shirt": no shirt is seen, the diver is; never the groom."""
    shots, why = found(index, "the diver in the striped shirt", "person")
    assert shots == [1, 4] and "taken as person 1" in why


def test_every_shot_of_a_described_person_is_that_person():
    from cutbot.agent.intent import parse_request

    q = parse_request("every shot of the woman in the orange suit").include[0]
    assert (q.modality, q.who) == ("person", "described")
    assert parse_request("every shot of the cars in the street").include[0].who is None
