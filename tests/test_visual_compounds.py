"""A compound noun WordNet knows names its own kind ("sea creature"), never its head word's
wide category ("creature": every animal), and a narrow word is no stand-in for a kind of
hundreds of labels; a word for a narrow category ("pooch") still reads as it."""
from __future__ import annotations

from cutbot.agent.calibration import LABELS
from cutbot.agent.labels import category


def test_a_compound_wordnet_knows_is_not_its_head_words_category():
    assert category("sea creature") is None  # a marine animal: no label is one; not "animal"
    assert category("the sea creature") is None
    assert category("wild animals").term == "animal"  # an adjective and a noun: the noun's kind
    assert category("red hatchback").term == "hatchback"  # a noun below the labels, described


def test_a_narrow_word_stands_for_a_category_only_when_that_category_is_narrow():
    pooch = category("pooch")
    assert pooch is not None and pooch.term == "dog" and not pooch.whole
    assert len(pooch.labels) <= LABELS.kind_word_most < len(category("animal").labels)
