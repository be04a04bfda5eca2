"""Colour words (issue #11, descriptions): each frame's share of the basic colours, and a colour
before a thing narrowing the thing's shots ("the yellow building"), never finding on its own."""
from __future__ import annotations

import numpy as np
import pytest

from typing import get_args

from cutbot.agent.colours import by_colour
from cutbot.agent.intent import parse_request
from cutbot.agent.hits import Evidence, QueryHits
from cutbot.agent.plan import Colour, Query
from cutbot.indexers.colours import COLOURS, colour_names, colour_shares
from cutbot.indexers.looks import LOOK_FIELDS, looks_of
from cutbot.agent.word_forms import colour_of
from fakes import make_index


@pytest.mark.parametrize("rgb, name", [
    ((230, 20, 20), "red"), ((255, 140, 0), "orange"), ((250, 230, 30), "yellow"), ((30, 160, 40), "green"),
    ((20, 60, 220), "blue"), ((130, 30, 160), "purple"), ((255, 170, 190), "pink"), ((140, 80, 30), "brown"),
    ((10, 10, 12), "black"), ((245, 245, 245), "white"), ((128, 130, 128), "grey")])
def test_a_pixel_is_named_by_its_basic_colour(rgb, name):
    assert COLOURS[int(colour_names(np.array([[rgb]], np.uint8))[0, 0])] == name


def test_shares_count_the_pixels_of_each_colour():
    img = np.zeros((10, 10, 3), np.uint8)
    img[:, :3] = (20, 60, 220)  # three tenths blue, the rest black
    shares = colour_shares(img)
    assert shares[COLOURS.index("blue")] == pytest.approx(0.3) and shares[COLOURS.index("black")] == pytest.approx(0.7)
    assert shares.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("text, colour", [
    ("the yellow building with towers", "yellow"), ("the fruit, the orange one", "orange"), ("a gray cat", "grey"),
    ("the orange", None), ("black and white shots", None), ("the navy officer", None)])
def test_a_colour_is_a_word_before_a_thing(text, colour):
    assert colour_of(text) == colour


def test_the_plan_names_the_colour_of_a_thing_kept_never_of_a_person_or_a_thing_left_out():
    assert set(get_args(Colour)) == set(COLOURS)  # the plan's colours are the ones each pixel is named by
    kept = parse_request("the red car, under 20 seconds").include[0]
    assert kept.colour == "red" and '"colour":"red"' in kept.model_dump_json()
    assert "colour" not in parse_request("the cars").include[0].model_dump_json()  # plan JSON as before
    person = parse_request("the young fella in the red bow tie").include[0]
    assert person.modality == "person" and person.colour is None  # a tie is too small to colour a frame
    assert all(q.colour is None for q in parse_request("everything but the red car").exclude)
    # the colour said after the thing, of "the one": the thing's colour
    assert [(q.text, q.colour) for q in parse_request("show me flower, the orange one").include] == [
        ("orange flower", "orange")]
    assert parse_request("the buildings - just the yellow ones").include[0].colour == "yellow"


SCENES = [(0, 10, "building"), (10, 20, "building"), (20, 30, "building"), (30, 40, "tree")]


def _film(shares: dict[int, dict[str, float]]):
    """Three building shots and a tree; ``shares``: shot -> colour -> share of its frames."""
    idx = make_index(SCENES)
    rows = looks_of([np.zeros((8, 8, 3), np.uint8)] * len(idx.frames))  # all black to begin with
    first = LOOK_FIELDS.index(COLOURS[0])
    for i, f in enumerate(idx.frames):
        for colour, share in shares.get(f.shot, {}).items():
            rows[i, first + COLOURS.index(colour)] = share
    idx.frame_looks = rows
    return idx


def _hits(query: str, shots=(0, 1, 2)) -> QueryHits:
    strength = np.full(len(SCENES), np.nan)
    evidence = [()] * len(SCENES)
    for s in shots:
        strength[s] = 5.0
        evidence[s] = (Evidence("visual", 0.5, 5.0, "labels palace 0.5", 10.0 * s + 5, 10.0 * s, 10.0 * s + 10),)
    return QueryHits(Query(text=query, modality="visual", colour=colour_of(query)), strength, tuple(evidence))


def test_the_shots_that_show_the_colour_clearly_are_kept():
    idx = _film({0: {"yellow": 0.05}, 1: {"yellow": 0.30}, 2: {"yellow": 0.20}})
    got = by_colour(idx, _hits("yellow building"))
    assert np.flatnonzero(got.mask).tolist() == [1, 2]  # 0.05 is under the floor and under half the best
    assert any("yellow" in n for n in got.notes)


def test_a_colour_no_shot_shows_leaves_the_thing_and_says_so():
    idx = _film({0: {"purple": 0.02}})
    got = by_colour(idx, _hits("purple building"))
    assert np.flatnonzero(got.mask).tolist() == [0, 1, 2] and any("not used" in n for n in got.notes)


def test_no_colour_one_shot_or_no_looks_change_nothing():
    idx = _film({1: {"yellow": 0.30}})
    for index, hits in ((idx, _hits("tall building")), (idx, _hits("yellow building", shots=(0,))),
                        (make_index(SCENES), _hits("yellow building"))):  # no colour, one shot, no looks
        got = by_colour(index, hits)
        assert np.array_equal(got.mask, hits.mask) and got.notes == ()


@pytest.mark.slow
def test_real_dev_film_frames_know_their_colours(indexed_dev, dev_film, dev_truth):
    """The real index of the dev film: the squirrel among leaves is green, the fruit bowl orange,
    and "the green animal" keeps the squirrel of the film's animals."""
    from cutbot.agent.looks import shot_looks
    from cutbot.agent.search import Scorer
    from cutbot.indexers import load_index

    index = load_index(dev_film)
    per = shot_looks(index)
    first = LOOK_FIELDS.index(COLOURS[0])
    scene = {s["id"]: s for s in dev_truth["scenes"]}

    def shots_of(sid):
        return [sh.index for sh in index.shots if sh.start >= scene[sid]["start"] - 0.5 and sh.end <= scene[sid]["end"] + 0.5]

    assert per[shots_of(8), first + COLOURS.index("green")].max() >= 0.3  # squirrel, branch, leaves
    assert per[shots_of(4), first + COLOURS.index("orange")].max() >= 0.2  # fruit, orange
    found = np.flatnonzero(Scorer(index).score(parse_request("the green animal").include[0]).mask)
    assert set(found.tolist()) and set(found.tolist()) <= set(shots_of(8))
