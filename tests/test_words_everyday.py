"""Everyday words for things: pet forms, idioms, "things you can <verb>", and a description
reduced to the thing it names (agent/everyday.py, labels.category, search._described).

Toy films of labelled shots (what an ImageNet classifier said), none of them the sample
film; every rule is checked for absence too: a film without the thing answers nothing.
"""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.everyday import base_of, reword
from cutbot.agent.word_forms import use_kind
from cutbot.agent.labels import category, head_of
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from fakes import WordHashEmbedder, make_index, run_plan, scenes_where

# A park film: what the classifier said about each 10 s shot.
PARK = [(0, 10, (("golden retriever", 0.8), ("Labrador Retriever", 0.1))),
        (10, 20, (("monarch butterfly", 0.7), ("ringlet butterfly", 0.2))),
        (20, 30, (("espresso", 0.8), ("tea cup", 0.1))),
        (30, 40, (("Granny Smith apple", 0.6), ("orange", 0.2))),
        (40, 50, (("mountain bike", 0.8), ("unicycle", 0.1))),
        (50, 60, (("sweatshirt", 0.7), ("cardigan", 0.1))),
        (60, 70, (("folding chair", 0.8), ("park bench", 0.1)))]
# A harbour film: close relatives of the park's things, none of them.
HARBOUR = [(0, 10, (("box turtle", 0.8), ("mud turtle", 0.1))),
           (10, 20, (("tiger cat", 0.7), ("tabby cat", 0.2))),
           (20, 30, (("lighthouse", 0.9),)),
           (30, 40, (("water jug", 0.6), ("pitcher", 0.2)))]


def labelled(shots):
    idx = make_index([(s, e, " ".join(n for n, _ in labels)) for s, e, labels in shots])
    return dataclasses.replace(idx, frames=[dataclasses.replace(f, labels=shots[f.shot][2]) for f in idx.frames])


def found(shots, query: str) -> list[int]:
    emb = WordHashEmbedder()
    hits = Scorer(labelled(shots), emb, emb).score(Query(text=query, modality="visual"))
    return np.flatnonzero(hits.mask).tolist()


@pytest.mark.parametrize("query, shots", [
    ("the doggo", [0]), ("doggos", [0]), ("the pupper", [0]),  # pet forms and slang
    ("the cups of joe", [2]), ("a cup of joe", [2]),  # an idiom, its head the thing
    ("things you can eat", [3]), ("eat", [3]), ("to eat", [3]),  # as typed, and as parsed
    ("stuff you can wear", [5]), ("things you can ride", [4]), ("anything you could ride on", [4]),
    ("something to sit on", [6]), ("what you wear", [5]),
    ("that bug on the leaf", [1]),  # a description: its head noun, a bug (insect)
])
def test_everyday_words_find_the_thing_they_name(query, shots):
    assert found(PARK, query) == shots


@pytest.mark.parametrize("query", ["the doggo", "the cups of joe", "things you can eat", "the froggy",
                                   "stuff you can wear", "the doggo on the sofa", "that bug on the leaf"])
def test_a_film_without_the_thing_answers_nothing(query):
    """Turtles are no frogs, a jug of water is no coffee, a tiger cat is no doggo: nothing matches."""
    with pytest.raises(NothingMatched):
        run_plan(labelled(HARBOUR), include=[Query(text=query, modality="visual")])


def test_a_description_is_read_with_its_head_as_the_pictures_show_it():
    """"the kitty on the sofa": the text model does not tie "kitty" to the tiger cat's
    label, so the description is read once more as "the tiger cat on the sofa", which
    points at the cat's shot most: the cat, and it says why."""
    emb = WordHashEmbedder()
    hits = Scorer(labelled(HARBOUR), emb, emb).score(Query(text="the kitty on the sofa", modality="visual"))
    assert np.flatnonzero(hits.mask).tolist() == [1]
    assert any("as the kitty it describes" in n for n in hits.notes)


def test_the_other_words_of_a_description_that_point_elsewhere_still_veto_it():
    """"the doggo by the espresso": the description's picture similarity is far best on the
    coffee shot, where no dog is: the dog shots are not what it describes."""
    assert head_of("the doggo by the espresso") == "dog"
    assert found(PARK, "the doggo by the espresso") == []


def test_the_rules_leave_dictionary_words_and_names_alone():
    assert base_of("tomato", lambda w: True) is None  # a WordNet noun is itself, never "tomat"
    assert base_of("hippo", lambda w: True) is None
    assert base_of("doggo", lambda w: w == "dog") == "dog"
    assert base_of("horsey", lambda w: w == "horse") == "horse"
    assert base_of("sammy", lambda w: True) is None  # a name, never a SAM missile: pet forms are animals'
    assert base_of("pressie", lambda w: True) is None and base_of("lippy", lambda w: True) is None
    assert reword("joe", lambda w: True) is None  # alone, Joe is a name; only "a cup of joe" is coffee
    assert category("joe") is None
    assert use_kind("ride", framed=True) is None  # a bare "ride" is a noun first
    assert use_kind("things you can ride") == "vehicle"
    assert use_kind("things you can play") is None  # no one kind: no guess
    assert category("things you can play") is None
    assert category("the doggo").whole and category("the doggo").term == "dog"  # absence is proof


def _real_cut_of(film, truth, request: str, thing: str):
    """The real reply to ``request``, checked to keep the scenes showing ``thing`` and only them."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    reply = Editor.open(film).respond(request)
    assert reply.error is None and reply.cut is not None
    segs = [(s.start, s.end) for s in reply.cut.segments]
    inside, others = scenes_where(truth, "visible", thing)
    assert inside and overlap(segs, inside) >= 0.8 * sum(b - a for a, b in inside)
    assert overlap(segs, others) <= 0.05 * sum(b - a for a, b in segs)
    return reply


@pytest.mark.slow
def test_the_real_label_bridge_reads_a_cup_of_joe_as_coffee(indexed_sample, sample_film, sample_truth):
    """Real EfficientNet-lite0 + MiniLM: "the cups of joe" keeps the coffee scenes, only them."""
    from cutbot.agent import Editor

    _real_cut_of(sample_film, sample_truth, "the cups of joe", "coffee")
    with pytest.raises(NothingMatched):
        Editor.open(sample_film).ask("the doggo")


@pytest.mark.slow
def test_the_real_film_keeps_a_thing_whose_place_it_never_shows(indexed_sample, sample_film, sample_truth):
    """Real models: no picture shows a wall and nobody says one, so "the bike chained up by a
    wall" is every bicycle shot, and the reply says why."""
    reply = _real_cut_of(sample_film, sample_truth, "the bike chained up by a wall", "bicycle")
    assert any("nothing in the film shows or says 'wall'" in note for note in reply.cut.notes)
    assert not any("nothing close" in line for line in reply.lines)  # no line says the opposite
