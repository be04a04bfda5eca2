"""People in requests: naming, the hero rule, per-shot person evidence, suggestions, the CLI."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from cutbot.agent import naming, people as ppl
from cutbot.agent import NothingMatched, PlanError
from cutbot.indexers.schema import FaceTrack, MediaInfo, Person, Sentence, Shot, Word


@dataclass
class PeopleIndex:
    """Just what agent/people.py reads from an Index."""

    root: Path
    shots: list
    people: list
    face_tracks: list
    sentences: list = field(default_factory=list)
    faces: list = field(default_factory=list)
    face_crops: np.ndarray = field(default_factory=lambda: np.zeros((0, 128, 128, 3), np.uint8))
    faces_indexed: bool = True
    duration: float = 40.0
    media: MediaInfo = MediaInfo("film.mp4", 40.0, Fraction(25), 320, 240, True, True, "h264", "aac", 1, "f" * 64)


def _centroid(k: int) -> tuple:
    v = np.zeros(128)
    v[k] = 1.0
    return tuple(v)


@pytest.fixture
def film(tmp_path) -> PeopleIndex:
    """4 shots of 10 s: 0 nobody, 1 Bob alone (person 2), 2 Alice (person 1) + Bob, 3 Alice alone."""
    shots = [Shot(i, 10.0 * i, 10.0 * (i + 1)) for i in range(4)]
    tracks = [FaceTrack(0, 1, 10.0, 18.0, (0,), 2), FaceTrack(1, 2, 20.0, 30.0, (1,), 1),
              FaceTrack(2, 2, 25.0, 30.0, (2,), 2), FaceTrack(3, 3, 30.0, 40.0, (3,), 1),
              FaceTrack(4, 3, 31.0, 32.0, (4,), 0)]  # noise, not a person
    people = [Person(1, 20.0, (2, 3), (1, 3), 1, _centroid(1)), Person(2, 13.0, (1, 2), (0, 2), 0, _centroid(2))]
    sents = [Sentence(0, 12.0, 14.0, "Hello Bob, nice camera.",
                      (Word("Hello", 12.0, 12.5), Word("Bob,", 12.5, 13.0), Word("nice", 13.0, 13.5),
                       Word("camera.", 13.5, 14.0))),
             Sentence(1, 15.0, 16.0, "Look, Bob.", (Word("Look,", 15.0, 15.5), Word("Bob.", 15.5, 16.0))),
             Sentence(2, 35.0, 36.0, "Wait, Alice!", (Word("Wait,", 35.0, 35.5), Word("Alice!", 35.5, 36.0))),
             Sentence(3, 26.0, 27.0, "Hi Carol.", (Word("Hi", 26.0, 26.5), Word("Carol.", 26.5, 27.0)))]
    crops = np.full((2, 128, 128, 3), 120, np.uint8)
    return PeopleIndex(tmp_path, shots, people, tracks, sents, face_crops=crops)


@pytest.mark.parametrize("text, expected", [
    ("person 2 is Alice", naming.Naming("person 2", "Alice")),
    ("Alice is person 2.", naming.Naming("person 2", "Alice")),
    ("call person 1 alice smith", naming.Naming("person 1", "Alice Smith")),
    ("the hero is the woman in the first scene", naming.Naming("the woman in the first scene", hero=True)),
    ("Alice is the hero", naming.Naming("Alice", hero=True)),
    ("person 3 is the villain", naming.Naming("person 3", "the villain")),
    ("the man in scene 2 is called Bob", naming.Naming("the man in scene 2", "Bob")),
    ("keep scenes with Alice", None),
    ("only the cat, under a minute", None),
])
def test_parse_naming(text, expected):
    assert naming.parse_naming(text) == expected


def test_naming_persists_beside_the_index_and_follows_renumbering(film):
    roster, msg = naming.apply_naming(film, "person 2 is Bob")
    assert roster.names == {2: "Bob"} and "person 2 is now called Bob" in msg
    naming.apply_naming(film, "the woman in scene 4 is alice")
    assert (film.root / ppl.NAMES_FILE).is_file()
    assert ppl.load_roster(film).names == {1: "Alice", 2: "Bob"}
    # A re-index that swaps the numbers: names follow the identity centroids.
    swapped = replace(film, people=[replace(film.people[0], id=2), replace(film.people[1], id=1)])
    assert ppl.load_roster(swapped).names == {2: "Alice", 1: "Bob"}
    with pytest.raises(PlanError, match="not a naming statement"):
        naming.apply_naming(film, "only the cat")
    with pytest.raises(PlanError, match="no person 7"):
        naming.apply_naming(film, "person 7 is Zed")


def test_the_hero_is_the_most_on_screen_unless_the_viewer_says(film):
    hero = ppl.resolve_hero(film)
    assert hero.person == 1 and "most screen time" in hero.reason
    roster, msg = naming.apply_naming(film, "the hero is the man in the first scene")
    # Scene 1 shows nobody: the first scene with someone on screen is scene 2 (Bob).
    assert roster.hero == 2 and "scene 2" in msg
    again = ppl.resolve_hero(film)
    assert again.person == 2 and "as you said" in again.reason
    assert ppl.resolve_person(film, "the main character").person == 2


def test_person_evidence_with_together_alone_and_names(film):
    naming.apply_naming(film, "person 1 is Alice")
    naming.apply_naming(film, "Bob is person 2")
    alice = ppl.person_evidence(film, "scenes with Alice")
    assert [e.shot for e in alice] == [2, 3] and alice[0].score == 1.0
    assert alice[0].reason == "person: Alice (person 1) 1.00"
    assert [e.shot for e in ppl.person_evidence(film, "Alice and Bob together")] == [2]
    together = ppl.person_evidence(film, "Alice and Bob together")[0]
    assert (together.start, together.end) == (25.0, 30.0) and together.score == 0.5
    alone = ppl.person_evidence(film, "Alice alone")
    assert [(e.shot, e.score) for e in alone] == [(2, 0.5), (3, 1.0)]
    assert [e.shot for e in ppl.person_evidence(film, "the hero")] == [2, 3]
    assert [e.shot for e in ppl.person_evidence(film, "person 2")] == [1, 2]
    shot, ev = ppl.person_items(film, "Bob")[0]
    assert shot == 1 and ev.modality == "person" and ev.z >= 2.5 and 10.0 <= ev.time <= 18.0
    with pytest.raises(PlanError, match="who is 'Zed'"):
        ppl.person_evidence(film, "Zed")


def test_a_film_without_people_matches_nobody(film):
    empty = replace(film, people=[], face_tracks=[])
    with pytest.raises(NothingMatched, match="no faces were found"):
        ppl.person_evidence(empty, "the hero")
    with pytest.raises(NothingMatched, match="no faces"):
        ppl.resolve_hero(replace(empty, faces_indexed=False))


def test_names_heard_while_one_face_is_on_screen_are_suggested(film):
    got = ppl.name_suggestions(film)
    # "Carol" is said while two faces are on screen: no suggestion.
    assert [(s.person, s.name, s.count) for s in got] == [(2, "Bob", 2), (1, "Alice", 1)]
    assert got[0].example == "Hello Bob, nice camera."
    naming.apply_naming(film, "person 2 is Bob")
    assert all(s.name != "Bob" for s in ppl.name_suggestions(film))


def test_contact_sheet_and_cli(film, tmp_path, monkeypatch):
    from PIL import Image
    from typer.testing import CliRunner

    from cutbot.agent.cli import app
    from cutbot.indexers import pipeline

    sheet = ppl.contact_sheet(film, tmp_path / "sheet.png")
    assert Image.open(sheet).size[0] >= 2 * 128
    video = tmp_path / "film.mp4"
    video.write_bytes(b"x")
    monkeypatch.setattr(pipeline, "index_film", lambda *a, **kw: film)
    out = tmp_path / "cli.png"
    res = CliRunner().invoke(app, ["people", str(video), "--sheet", str(out), "--name", "person 2 is Bob"])
    assert res.exit_code == 0, res.output
    assert "Bob" in res.output and "20.0 s" in res.output and out.is_file()
    res = CliRunner().invoke(app, ["people", str(video), "--name", "person 9 is Zed"])
    assert res.exit_code != 0 and "no person 9" in res.output
