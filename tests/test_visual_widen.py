"""Kinds read widely and scenes by where they were filmed (issue #11, round 8).

"critters of any kind", "animals - cartoon ones count too", "drawings included" widen a
kind; a look word inside such a clause never narrows it to drawn pictures. "anything shot
outside" asks where a shot was filmed, read from the WordNet kinds of its labels. A
compound that is no thing ("traffic jam", "basketball game") shows its first word's kind.
An exclusion of a look ("everything except the cartoons") answers by the look."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.agent import labels
from cutbot.agent.everyday import admits, widened
from cutbot.agent.looks import LOOKS, asked, outdoor_shots
from cutbot.indexers.looks import looks_of
from fakes import make_index, run_plan, shots_found
from test_looks import cartoon, photo


@pytest.mark.parametrize("text, core, extra", [
    ("critters of any kind", "critters", ""),
    ("any animals at all - cartoon ones count too", "any animals", "cartoon"),
    ("all the animals, drawings included", "all the animals", "drawings"),
    ("monkeys, real or cartoon", "monkeys", "cartoon"),
    ("drawings included", "", "drawings"),
    ("the cat and the dog", "the cat and the dog", ""),
    ("real animals only, not drawn ones", "real animals only, not drawn ones", ""),  # narrows: kept as typed
])
def test_widening_words_are_read_apart_from_the_kind(text, core, extra):
    assert widened(text) == (core, extra)


def test_a_clause_admits_only_with_widening_grammar():
    assert admits("cartoon ones count too") and admits("including the drawings") and admits("cartoon or not")
    assert not admits("the cartoon") and not admits("not the cartoon") and not admits("real animals only")


def test_a_hyphenated_word_is_no_widening_clause():
    """"even-toed ungulate" once recursed without end in looks.asked (even- read as "even cartoons")."""
    assert widened("even-toed ungulate") == ("even-toed ungulate", "")
    assert asked("even-toed ungulate") is None
    assert asked("even cartoons") is not None


def test_a_kind_of_any_kind_is_the_kind():
    assert labels.category("critters of any kind") == labels.category("critters") is not None
    assert labels.category("animals, drawings included").labels == labels.category("animals").labels


def test_a_compound_that_is_no_thing_shows_its_first_words_kind():
    jam = labels.category("traffic jam")
    assert jam is not None and "taxicab" in jam.labels  # vehicles, not a jam (preserve)
    game = labels.category("basketball game")
    assert game is not None and game.labels == frozenset({"basketball"})  # never "game" birds
    assert labels.category("sea creature") is None or "grouse" not in labels.category("sea creature").labels


def test_a_look_word_that_admits_never_narrows():
    assert asked("animals - cartoon ones count") is None
    only = asked("drawings included")
    assert only is not None and only.admitted and only.thing == ""
    assert asked("the cartoons") is not None and not asked("the cartoons").admitted


@pytest.mark.parametrize("text", ["outside", "was filmed outdoors", "anything shot outside", "open-air shots"])
def test_outdoor_words_ask_where_it_was_filmed(text):
    look = asked(text)
    assert look is not None and look.kinds == frozenset({"outdoors"}) and look.thing == ""


@pytest.mark.parametrize("text", ["the guy outside the shop", "outside the first minute", "the cat"])
def test_outside_as_a_preposition_is_no_place(text):
    assert asked(text) is None or "outdoors" not in asked(text).kinds


OUT = [(0, 10, "palace"), (10, 20, "espresso"), (20, 30, "taxicab"), (30, 40, "tabby cat"), (40, 50, "mountain")]


def test_outdoor_shots_are_those_labelled_as_structures_landforms_or_vehicles():
    idx = make_index(OUT)
    assert outdoor_shots(idx) == {0, 2, 4}
    found, why = shots_found(idx, "anything shot outside", modality="visual")
    assert found == [0, 2, 4] and "outdoors" in why
    found, _ = shots_found(idx, "cats outside", modality="visual")  # the cat, never outdoors here:
    assert found == [3]  # the labels may miss a street around it, so the cat stays (as with looks)


def test_outdoor_mass_is_a_mean_over_the_shot():
    weak = make_index([(0, 10, "palace"), (10, 20, "espresso")])
    faint = (("palace", LOOKS.outdoor_mass / 2),)
    weak.frames = [type(f)(f.index, f.time, f.shot, faint if f.shot == 0 else f.labels) for f in weak.frames]
    assert outdoor_shots(weak) == set()  # a faint building in every frame is no street
    unlabelled = make_index(OUT)
    unlabelled.frames = [type(f)(f.index, f.time, f.shot, ()) for f in unlabelled.frames]
    assert outdoor_shots(unlabelled) is None  # no labels: no claim


SCENES = [(0, 10, "tabby cat"), (10, 20, "tabby cat"), (20, 30, "espresso"), (30, 40, "palace"), (40, 50, "espresso")]


def _drawn(pictures):
    idx = make_index(SCENES)
    idx.frame_looks = looks_of([pictures[f.shot](f.index) for f in idx.frames])
    return idx


def test_cartoon_ones_count_too_widens_and_drawings_included_finds_nothing_itself():
    idx = _drawn([photo, cartoon, photo, photo, cartoon])  # a photo cat, a drawn cat, drawn coffee
    found, _ = shots_found(idx, "animals - cartoon ones count", modality="visual")
    assert found == [0, 1]  # both cats, never the drawn coffee
    found, _ = shots_found(idx, "drawings included", modality="visual")
    assert found == []


def test_an_exclusion_of_a_look_removes_the_drawn_shots():
    idx = _drawn([photo, cartoon, photo, photo, cartoon])
    cut = run_plan(idx, exclude=[{"text": "cartoons"}])
    spans = [(s.start, s.end) for s in cut.segments]
    assert spans and all(e <= 10 or s >= 20 for s, e in spans) and all(e <= 40 for s, e in spans)


@pytest.mark.slow
def test_real_sample_film_shot_outside(indexed_sample, sample_film, sample_truth):
    """Real models on the sample film: the rocket on its pad, the street with the cyclist and
    the bicycle by the wall are outdoors; the cat, the coffee and the astronaut are not."""
    from fakes import scenes_kept

    kept = set(scenes_kept(sample_film, sample_truth, "anything shot outside", least=3.0))
    assert {2, 8, 14} <= kept and not kept & {1, 4, 9, 10, 11}


def test_grey_photos_are_grey_shots_that_look_photographed():
    assert asked("the greyscale photos").kinds == frozenset({"grey", "photo"})
    # alone, a photo is a still that is not drawn (looks.look_shots: only where motion is measured)
    assert asked("the photo of the cat").kinds == {"photo"} and asked("the photos").kinds == {"photo"}
    grey_drawing = lambda s: np.repeat(cartoon(s).mean(axis=2, keepdims=True), 3, axis=2).astype(np.uint8)  # noqa: E731
    idx = _drawn([lambda s: photo(s, grey=True), grey_drawing, photo, cartoon, photo])
    found, why = shots_found(idx, "the black and white photos", modality="visual")
    assert found == [0] and "photographed" in why
    found, _ = shots_found(idx, "the black and white shots", modality="visual")
    assert found == [0, 1]  # without "photos", every grey picture
