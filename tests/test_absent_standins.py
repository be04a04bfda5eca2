"""A stand-in label is not the thing (agent/relatives.py): a noun with no class of its own is
found through its relatives' labels where the classifier hesitates, never on a frame where it
is sure of a close rival ("a cup of tea" on espresso 0.79)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.relatives import close_rival

from fakes import make_index, shots_found


def _film(labelled):
    """A toy film: one shot per (words the picture similarity sees, classifier labels)."""
    index = make_index([(10.0 * i, 10.0 * i + 10.0, words) for i, (words, _) in enumerate(labelled)])
    index.frames = [replace(f, labels=labelled[f.shot][1]) for f in index.frames]
    return index


# unrelated shots: the film's background, that a similarity hit must stand out from
_STREETS = [(f"a street with {w}", (("cab", 0.6), ("streetcar", 0.2))) for w in ("cars", "lamps", "rain", "shops")]
CAFE = _film([
    ("tea cup espresso coffee", (("espresso", 0.79), ("tea cup", 0.14))),  # sure: espresso
    *_STREETS,
])
TEAROOM = _film([
    ("tea in a cup", (("espresso", 0.30), ("eggnog", 0.25), ("tea cup", 0.2))),  # hesitates: tea
    ("a baboon in a tree", (("baboon", 0.84), ("patas monkey", 0.02))),
    *_STREETS,
])


def test_close_rival_is_a_sibling_never_an_ancestor_nor_a_far_cousin():
    assert close_rival("tea", "espresso")  # both beverages: espresso 2 below beverage
    assert close_rival("helicopter", "airliner")  # both heavier-than-air craft
    assert not close_rival("mandrill", "baboon")  # a mandrill IS a baboon
    assert not close_rival("coffee", "espresso")  # espresso IS coffee
    assert not close_rival("art", "comic book")  # they meet only at creation: too wide a kind
    assert close_rival("sun tea", "espresso")  # a kind of tea is a beverage too
    assert not close_rival("tea", "no such label")


def test_a_sure_rival_is_not_the_noun_by_label_or_similarity():
    for text in ("tea", "a cup of tea", "the tea"):
        shots, why = shots_found(CAFE, text, "visual")
        assert shots == [], (text, why)
    assert shots_found(CAFE, "coffee", "visual")[0] == [0]  # the thing it is stays found
    assert shots_found(CAFE, "espresso", "visual")[0] == [0]


def test_where_the_classifier_hesitates_the_relatives_still_stand_in():
    shots, why = shots_found(TEAROOM, "tea", "visual")
    assert shots == [0] and "tea" in why
    assert shots_found(TEAROOM, "mandrill", "visual")[0] == [1]  # a label the noun is a kind of


def test_a_kind_named_by_the_whole_phrase_is_not_its_sure_sibling():
    film = _film([("a man in a bow tie", (("bow tie", 0.67), ("Windsor tie", 0.21))), *_STREETS])
    for text in ("the string tie", "a string tie"):
        assert shots_found(film, text, "visual")[0] == [], text  # a string tie, not a bow tie
    assert shots_found(film, "the tie", "visual")[0] == [0]  # the head word's kind stays found
    assert shots_found(film, "the bow tie", "visual")[0] == [0]


def test_a_helicopter_is_not_an_airliner_the_classifier_is_sure_of():
    from test_retrieval_absent import ROCKET, hit_shots, labelled

    assert hit_shots(labelled(ROCKET + [(50, 60, (("airliner", 0.6), ("wing", 0.2)))]), "helicopter") == []
    assert hit_shots(labelled(ROCKET + [(50, 60, (("airliner", 0.6), ("wing", 0.2)))]), "airliner") == [5]
    assert hit_shots(labelled(ROCKET + [(50, 60, (("airliner", 0.45), ("wing", 0.2)))]), "helicopter") == [5]


@pytest.mark.slow
def test_the_real_film_a_cup_of_tea_is_not_its_espresso_and_the_coffee_stays(indexed_sample, sample_film):
    """Real EfficientNet-lite0 + MiniLM on the sample film: its coffee shots (espresso 0.80-0.84)
    are coffee, never tea."""
    from cutbot.agent import Editor

    editor = Editor.open(sample_film)
    reply = Editor(editor.index, scorer=editor.scorer).respond("shots of coffee")
    assert reply.error is None and reply.cut is not None and reply.cut.segments
    for absent in ("a cup of tea", "the tea"):
        reply = Editor(editor.index, scorer=editor.scorer).respond(absent)
        assert isinstance(reply.error, NothingMatched), (absent, reply.cut)
