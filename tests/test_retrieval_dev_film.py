"""Retrieval on a film cutbot was not built with (the bench's dev film), real models.

Each class of issue #11 that retrieval owns, checked against the dev film's truth file:
category words, absent subjects, misheard quotes, names heard not seen, people as a
category and by description, exclusions that leave nothing behind, filled targets.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from cutbot.agent.evaluate import overlap
from cutbot.agent import NothingMatched

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent
FILM = ROOT / "examples" / "dev_film.mp4"
TRUTH = ROOT / "bench" / "films" / "dev_film.truth.json"


@pytest.fixture(scope="module")
def dev(tmp_path_factory):
    """(editor factory, truth) over the dev film, indexed once into a throwaway home."""
    if not FILM.is_file() or not TRUTH.is_file():
        pytest.skip("the dev film (examples/dev_film.mp4, bench/films/dev_film.truth.json) is not built")
    from cutbot.indexers.pipeline import index_film

    home = tmp_path_factory.mktemp("dev_home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HF_HUB_OFFLINE", "1")
        mp.setenv("TRANSFORMERS_OFFLINE", "1")
        index_film(FILM, home=home)
    return home, json.loads(TRUTH.read_text())


@pytest.fixture
def ask(dev, monkeypatch):
    from cutbot.agent import Editor

    home, _ = dev
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    editor = Editor.load(FILM)
    return editor.ask


def scenes_in(cut, truth, least: float = 2.0) -> list[int]:
    """The truth scenes the cut holds at least ``least`` seconds of."""
    spans = [(s.start, s.end) for s in cut.segments]
    return [s["id"] for s in truth["scenes"] if overlap(spans, [(s["start"], s["end"])]) >= least]


@pytest.mark.parametrize("request_text, scenes", [
    ("the pets", [2]),
    ("something to eat", [4]),
    ("vehicles", [6]),
    ("animals", [2, 8]),
    ("the people", [1, 3, 7]),
    ("buildings", [9]),  # the temple; the garage is only said (see below)
    ("the motorbike", [6]),
    ("the pooch", [2]),  # a kind of dog no data file names
    ("somthing to eat", [4]),  # a typo inside a category phrase
    ("the critter up in the tree", [8]),  # the animal the description points to, not the dog
    ("the squirrel up the lamppost", [8]),  # a place the film never shows nor says: the squirrel
])
def test_category_words(ask, dev, request_text, scenes):
    got = scenes_in(ask(request_text), dev[1])
    if request_text == "buildings":  # the garage the moped stands in is said, not seen: the line "...waits in
        # the garage" counts as a kind of building said only while it leans toward buildings, and how
        # near it leans depends on how this machine's Whisper writes its other word ("-motor -like" or
        # "-motorbike": CTranslate2's float paths differ between CPUs); the temple is seen either way
        assert 9 in got and set(got) <= {6, 9}
    else:
        assert got == scenes


@pytest.mark.parametrize("request_text", ["giraffes", "the elephants", "a piano", "snow",
                                          "where they talk about whales",
                                          "the basketball"])  # weighed in the football shot, and not chosen
def test_absent_subjects_match_nothing(ask, request_text):
    with pytest.raises(NothingMatched):
        ask(request_text)


def test_a_bicycle_is_nothing_where_the_mopeds_rival_is_heard(ask, dev):
    """The moped is narrated as a "motorbike", a rival of the bicycle. Whisper (as pinned in
    constraints.txt) writes that word "-motorbike" on some CPUs and "-motor -like" on others;
    where the rival is heard the bicycle is nothing, where it is not the moped stands in as the
    nearest wheeled vehicle, and the pick's reason says so (the open part of issue #11; the second
    branch first ran on a CPU with AVX-512 VNNI, where the reason, not a note, carries it)."""
    heard = any("motorbike" in s.text.lower() for s in ask.__self__.index.sentences)
    if heard:
        with pytest.raises(NothingMatched):
            ask("a bicycle")
    else:
        cut = ask("a bicycle")
        assert scenes_in(cut, dev[1]) == [6]
        assert all(any("the nearest kind, wheeled vehicle" in r for r in s.reasons) for s in cut.segments)


def test_a_misheard_quote_is_found(ask, dev):
    # Whisper tiny.en heard "four of close"
    assert scenes_in(ask('the line "four of clubs"'), dev[1]) == [8]


def test_a_pet_talked_about_is_the_dog_said(ask, dev):
    """"his pet" means "my little dog ..." only .33 (under the spoken floor), but a dog is a pet
    as the pictures read it (relatives.pictured_kind_said)."""
    assert scenes_in(ask("the bit where he talks about his pet"), dev[1]) == [2]


def test_a_name_heard_but_not_seen_is_a_spoken_topic(ask, dev):
    cut = ask("the bit about Mr. Dashwood")
    assert scenes_in(cut, dev[1]) == [4]


def test_a_described_person_is_one_person_with_all_their_screen_time(ask, dev):
    cut = ask("the woman in the uniform")
    assert scenes_in(cut, dev[1]) == [1, 7]


def test_without_people_leaves_no_person(ask, dev):
    cut = ask("everything without people")
    spans = [(s.start, s.end) for s in cut.segments]
    for scene in dev[1]["scenes"]:
        if scene["people"]:
            assert overlap(spans, [(scene["start"], scene["end"])]) <= 0.05, scene["id"]
    assert cut.duration > 40


def test_a_target_length_is_filled_and_a_maximum_is_kept(dev, monkeypatch):
    from cutbot.agent.plan import ConstraintPlan, Duration, Query
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from cutbot.indexers.pipeline import index_film

    home, truth = dev
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    index = index_film(FILM, home=home)
    scorer = Scorer(index)
    animals = (Query(text="animals"),)
    filled = plan_cut(ConstraintPlan(include=animals, duration=Duration(target=30)), index, "", scorer)
    assert filled.duration <= 33 + 1e-6
    # filled, or the cut says there is too little (the clear animal shots run 18 s)
    assert filled.duration >= 27 or any("short of the 30 s" in n for n in filled.notes)
    capped = plan_cut(ConstraintPlan(include=animals, duration=Duration(max=30)), index, "", scorer)
    assert capped.duration <= 18.5 and scenes_in(capped, truth) == [2, 8]


def test_the_parts_where_nobody_talks_are_the_unnarrated_shot(ask, dev):
    """Silence as the subject: scene 7 has no narration; the pauses after the other
    scenes' lines (3-6 s) are breaths, not parts where nobody talks."""
    cut = ask("the parts where nobody talks")
    assert scenes_in(cut, dev[1]) == [7]
    spans = [(s.start, s.end) for s in cut.segments]
    narrated = [(n["start"], n["end"]) for s in dev[1]["scenes"] for n in s.get("narration", [])]
    assert overlap(spans, narrated) < 0.3  # no line is kept (word edges may round a little)
    quiet = {s["id"]: (s["start"], s["end"]) for s in dev[1]["scenes"]}[7]
    assert overlap(spans, [quiet]) >= 0.9 * (quiet[1] - quiet[0])


@pytest.mark.parametrize("request_text, gone", [
    ("drop the animals", [2, 5, 8]),  # the cartoon fish is only heard, and misheard ("-tish")
    ("cut every shot of Grace Hopper", [1, 7]),  # her face, not only the named moment
])
def test_an_exclusion_leaves_nothing_of_its_subject(ask, dev, request_text, gone):
    cut = ask(request_text)
    spans = [(s.start, s.end) for s in cut.segments]
    scenes = {s["id"]: (s["start"], s["end"]) for s in dev[1]["scenes"]}
    for sid in gone:
        assert overlap(spans, [scenes[sid]]) <= 0.05, sid
    kept = [sid for sid in scenes if sid not in gone]
    assert scenes_in(cut, dev[1]) == kept  # and the rest stays


def test_a_subject_where_nobody_talks_is_its_quiet_part(ask, dev):
    cut = ask("the dog where nobody talks")
    spans = [(s.start, s.end) for s in cut.segments]
    dog = {s["id"]: s for s in dev[1]["scenes"]}[2]
    line = [(n["start"], n["end"]) for n in dog["narration"]]
    assert spans and all(dog["start"] - 1e-6 <= s and e <= dog["end"] + 1e-6 for s, e in spans)
    assert overlap(spans, line) < 0.3 and cut.duration >= 3


@pytest.mark.parametrize("request_text", ["whichever is on screen longer, the pets or the people",
                                          "whichever gets more screen time, the people or the pets"])
def test_whichever_is_on_screen_longer_plays_alone(dev, request_text):
    from cutbot.agent import Editor

    home, truth = dev
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CUTBOT_HOME", str(home))
        reply = Editor.load(FILM).respond(request_text)
    assert reply.error is None
    assert scenes_in(reply.cut, truth) == [1, 3, 7]  # three people's shots against one dog
    assert any("only 'people' plays" in n for n in reply.cut.notes)
