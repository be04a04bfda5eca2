"""A compound noun WordNet knows names its own kind ("sea creature"), never its head word's
wide category ("creature": every animal), and a narrow word is no stand-in for a kind of
hundreds of labels; a word for a narrow category ("pooch") still reads as it."""
from __future__ import annotations

import dataclasses

from cutbot.agent.calibration import LABELS
from cutbot.agent.labels import category
from fakes import make_index, shots_found


def test_a_compound_wordnet_knows_is_not_its_head_words_category():
    assert category("sea creature") is None  # a marine animal: no label is one; not "animal"
    assert category("the sea creature") is None
    assert category("wild animals").term == "animal"  # an adjective and a noun: the noun's kind
    assert category("red hatchback").term == "hatchback"  # a noun below the labels, described


def test_a_narrow_word_stands_for_a_category_only_when_that_category_is_narrow():
    pooch = category("pooch")
    assert pooch is not None and pooch.term == "dog" and not pooch.whole
    assert len(pooch.labels) <= LABELS.kind_word_most < len(category("animal").labels)


def test_a_colour_compound_is_its_kind_in_that_colour():
    # WordNet's "red squirrel" is a species beside the fox squirrel label: read so, the
    # classifier's sure fox squirrel would be that rival, and a red squirrel never found
    squirrel = category("red squirrel")
    assert squirrel.term == "squirrel" and squirrel.labels == category("squirrel").labels
    assert not squirrel.weights and squirrel.named  # the kind itself: absent when none is seen
    assert category("red fox").term == "red fox"  # an ImageNet class named so stays that class
    assert category("orange suit").term == "suit" and not category("orange suit").named  # clothes: as before


def test_a_colour_compound_finds_the_kind_the_classifier_is_sure_of():
    idx = make_index([(0, 10, "frame"), (10, 20, "frame")])
    seen = {0: (("fox squirrel", 0.94), ("titi monkey", 0.01)), 1: (("espresso", 0.8),)}
    idx = dataclasses.replace(idx, frames=[dataclasses.replace(f, labels=seen[f.shot]) for f in idx.frames])
    found, why = shots_found(idx, "red squirrel", modality="visual", colour="red")
    assert found == [0] and "fox squirrel" in why
