"""Descriptions and everyday words for things (issue #11, class 1) on a film that is not
the sample film: "the critter up in the tree" is the animal the description points to,
"the pooch" is a dog, "somthing to eat" is food; absent things stay absent."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.everyday import places_of
from cutbot.agent.labels import category, head_of
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from fakes import WordHashEmbedder, make_index, run_plan

# (what the frames look like to the text model, their labels)
SHOTS = [("small dog lying on grass", (("Pekingese", 0.85),)),
         ("red squirrel, old oak tree", (("fox squirrel", 0.9),)),
         ("a pizza on a plate", (("pizza", 0.9),)),
         ("a street at night", (("streetcar", 0.6),))]


def index():
    idx = make_index([(10 * i, 10 * i + 10, what) for i, (what, _) in enumerate(SHOTS)])
    return dataclasses.replace(idx, frames=[dataclasses.replace(f, labels=SHOTS[f.shot][1]) for f in idx.frames])


def shots(text: str):
    emb = WordHashEmbedder()
    hits = Scorer(index(), emb, emb).score(Query(text=text))
    return np.flatnonzero(hits.mask).tolist(), hits.notes


def test_the_head_of_a_description_is_the_thing_before_its_relation_word():
    assert head_of("the critter up in the tree") == "critter"
    assert head_of("that little red critter up on the branch") == "critter"
    assert head_of("the dog") is None  # no relation: no description
    assert head_of("the dog running on the beach") == "dog"  # words after the thing's name go
    assert head_of("the weather in the morning") is None  # no picture category
    assert head_of("the bike chained up by a wall") == "bike"  # a verb after the thing is no chain
    assert head_of("up fruit on the table") == "fruit"  # "cut-up" split: a leading "up" places nothing
    assert head_of("the bushy tailed critter up on the branch") == "critter"  # an -ed word before it: no verb


def test_how_many_is_no_part_of_the_thing():
    for text in ("two wheels", "the two wheels", "loads of wheels", "a couple of wheels"):
        assert category(text) == category("wheels")  # things with wheels (bicycles), not a "wheel" label only


def test_the_places_of_a_description_are_the_words_after_each_placing_word():
    assert places_of("the bike chained up by a wall") == ["wall"]
    assert places_of("the two men in the corridor with the ball") == ["corridor", "ball"]
    assert places_of("the dog and the cat by the tree") == []  # more things, not a place
    assert places_of("a bike without its wheels") == []
    assert places_of("the dog") == []


def test_a_place_the_film_never_shows_leaves_the_thing():
    """"the critter beneath a lamppost": nothing shows or says a lamppost, so the place
    cannot point elsewhere: every critter (one found only away from them vetoes it: below)."""
    found, notes = shots("the critter beneath a lamppost")
    assert found == [0, 1]
    assert any("nothing in the film shows or says 'lamppost'" in n for n in notes)


def test_a_description_that_finds_nothing_is_its_thing_where_the_picture_agrees():
    found, notes = shots("the critter up in the tree")
    assert found == [1]  # the squirrel, not the dog: both are critters
    assert any("as the critter it describes" in n for n in notes)


@pytest.mark.parametrize("text", ["the cat up in the tree", "the horse in the kitchen",
                                  "the critter by the pizza plate"])  # its words point at no critter
def test_a_description_of_an_absent_thing_matches_nothing(text):
    with pytest.raises(NothingMatched):
        run_plan(index(), include=(Query(text=text),))


def test_a_kind_of_a_wide_category_word_is_that_category():
    assert category("the pooch").term == "dog"  # doggie, a kind of dog: every dog label
    assert shots("the pooch")[0] == [0]
    assert category("the footballer") is None  # people are the faces', never a label stand-in
    no_dog = dataclasses.replace(index(), frames=[f for f in index().frames if f.shot != 0])
    with pytest.raises(NothingMatched):
        run_plan(no_dog, include=(Query(text="the pooch"),))


def test_a_typo_inside_a_category_phrase():
    assert category("somthing to eat").term == "something to eat"
    assert shots("somthing to eat")[0] == [2]
