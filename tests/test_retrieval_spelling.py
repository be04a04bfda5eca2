"""Misspelt picture words (issue #11, class 1): a word spelled as it sounds ("the rockit")
or a rare real word one letter from a picture noun ("mandril" is a spindle; the viewer
means the mandrill) is read as that noun; words that sound like nothing in the film stay
absent."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.labels import category, sounds_like
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from cutbot.agent.typos import respelled
from fakes import WordHashEmbedder, make_index, run_plan

# (labels of every frame, what a shot shows) on a film that is not the sample film
SHOTS = [((("baboon", 0.84), ("patas monkey", 0.02)), "a mandrill's face"),
         ((("missile", 0.5), ("space shuttle", 0.03)), "a rocket on its pad"),
         ((("monarch butterfly", 0.65),), "a butterfly on a leaf"),
         ((("mountain bike", 0.7), ("bicycle-built-for-two", 0.1)), "a bike by a wall"),
         ((("moped", 0.35), ("motor scooter", 0.15)), "a red motorbike in a garage")]


def index():
    idx = make_index([(10 * i, 10 * i + 10, "frame") for i in range(len(SHOTS))])
    frames = [dataclasses.replace(f, labels=SHOTS[f.shot][0]) for f in idx.frames]
    return dataclasses.replace(idx, frames=frames)


def shots(text: str):
    emb = WordHashEmbedder()
    hits = Scorer(index(), emb, emb).score(Query(text=text, modality="visual"))
    return np.flatnonzero(hits.mask).tolist(), hits.notes


def test_a_word_spelled_as_it_sounds_is_the_picture_noun():
    assert sounds_like("rockit", 80) == "rocket"  # no word; the typo fixer's 90 misses it (83)
    assert category("the rockit").term == "rocket"
    assert shots("the rockit")[0] == [1]


def test_a_rare_real_word_is_read_as_the_picture_noun_only_when_it_finds_nothing():
    assert category("mandril").term == "mandril"  # as typed, the spindle
    found, notes = shots("the mandril")
    assert found == [0]
    assert any("as 'the mandrill'" in n for n in notes)
    cut = run_plan(index(), include=(Query(text="the mandril"),))
    assert [(s.start, s.end) for s in cut.segments] == [(0.0, 10.0)]


@pytest.mark.parametrize("text", ["the gorilla", "giraffes", "a lemon", "the elefant"])
def test_words_that_sound_like_nothing_shown_stay_absent(text):
    with pytest.raises(NothingMatched):
        run_plan(index(), include=(Query(text=text),))


def test_real_words_are_never_respelled_on_the_way_in():
    assert sounds_like("gorilla", 80) == "gorilla"  # a real word: only when nothing is found
    assert sounds_like("the lemon and the dog", 80) == "the lemon and the dog"


@pytest.mark.parametrize("typed, noun", [("astronot", "astronaut"), ("telefone", "telephone"),
                                         ("choclate", "chocolate")])
def test_a_word_spelled_as_it_sounds_is_the_noun_it_sounds_like(typed, noun):
    from cutbot.agent.typos import respelled
    assert respelled(f"the {typed}") == f"the {noun}"  # any noun, not only a picture's: a role, a thing said


def test_a_word_near_a_noun_in_spelling_but_not_in_sound_stays():
    from cutbot.agent.typos import respelled
    assert respelled("the zoomies") == "the zoomies"  # sounds like no noun: no guess


@pytest.mark.parametrize("text, first", [("the holiday planning", "holiday"), ("money problems", "money"),
                                         ("the kitchen renovation", "kitchen"), ("a birthday cake", None),
                                         ("the blue stripes", None), ("going skiing", None), ("the cat", None),
                                         ("felix's money problems", "money"), ("the cat's red collar", None)])
def test_two_nouns_are_read_as_the_first_only_when_the_second_names_no_thing(text, first):
    from cutbot.agent.typos import compound_modifier
    assert compound_modifier(text) == first  # a cake is a thing; blue a quality; "going" a verb's


def test_two_nouns_that_find_nothing_together_are_the_first_and_the_reply_says_so():
    idx = make_index([(0, 10, "beach"), (10, 20, "kitchen"), (20, 30, "street")],
                     [(1, 8, "we booked the holiday at last"), (11, 18, "the kettle is on"), (21, 28, "rain again")])
    emb = WordHashEmbedder()
    hits = Scorer(idx, emb, emb).score(Query(text="holiday planning", modality="speech"))
    assert np.flatnonzero(hits.mask).tolist() == [0]
    assert any("as 'holiday'" in n for n in hits.notes)
    assert not Scorer(idx, emb, emb).score(Query(text="skiing planning", modality="speech")).mask.any()


@pytest.mark.parametrize("word, read", [("spacewoman", "space woman"), ("pushbike", "push bike"),
                                        ("firetruck", "fire truck"), ("cameraguy", "camera guy")])
def test_two_nouns_written_as_one_are_read_apart(word, read):
    assert respelled(f"the {word}") == f"the {read}"
    assert respelled("the xqzvbn") == "the xqzvbn"  # no two words in it: left as typed
    assert respelled("somthing to eat") == "somthing to eat"  # a misspelt word, not "som thing"


@pytest.mark.parametrize("typed, read", [("the animls", "the animals"), ("the anmals", "the animals"),
                                         ("the pushbikes", "the push bikes")])
def test_a_misspelt_plural_is_one_word_not_two(typed, read):
    assert respelled(typed) == read  # gallery's conversation: "the animls" was "ani mls", nothing matched


@pytest.mark.parametrize("typed, read", [("the cartoom", "the cartoon"), ("the motorbyke", "the motorbike"),
                                         ("the kittan", "the kitten")])
def test_one_letter_typed_for_another_is_the_one_noun_it_is_near(typed, read):
    assert respelled(typed) == read  # a ratio of 86 in 7 letters: under the near-miss bar, one edit


def test_one_letter_off_several_nouns_is_none_of_them():
    from cutbot.agent.typos import _one_letter_off

    assert _one_letter_off("kittan") == "kitten"
    assert _one_letter_off("bumber") is None  # bomber, bummer, bumper: no telling which
    assert _one_letter_off("rabat") is None  # too short to tell: five letters have many neighbours


def test_a_compound_written_as_one_word_finds_its_picture():
    assert shots("the pushbike")[0] == [3]  # a push bike: the bicycle, not the motorbike


def test_a_typo_inside_a_description_is_fixed_before_the_description_is_read():
    assert shots("the motorcycle in the garage")[0] == [4]  # as spelled: the thing it describes
    found, notes = shots("the motorcyle in the garage")
    assert found == [4] and any("'the motorcycle in the garage'" in n for n in notes)
