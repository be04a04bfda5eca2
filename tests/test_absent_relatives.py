"""A thing not in the picture, told by its relatives (agent/relatives.py): where the asked class
scores only in the shadow of a WordNet relative the classifier puts above it, and leads it on no
frame of the film, the relative is shown, not the thing; the answer says so and names it."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.editor import Editor
from cutbot.agent.plan import Query
from cutbot.agent.relatives import relative_labels, shadowed
from cutbot.agent.search import Scorer

from fakes import WordHashEmbedder, make_index, shots_found

# unrelated shots: the film's background
_STREETS = [(f"a street with {w}", (("cab", 0.6), ("streetcar", 0.2))) for w in ("cars", "lamps", "rain")]


def _editor(index):
    emb = WordHashEmbedder()
    return Editor(index, Scorer(index, emb, emb))


def _film(labelled):
    """A toy film: one shot per (words the picture similarity sees, classifier labels)."""
    index = make_index([(10.0 * i, 10.0 * i + 10.0, words) for i, (words, _) in enumerate(labelled)])
    index.frames = [replace(f, labels=labelled[f.shot][1]) for f in index.frames]
    return index


CATS = _film([("a cat on a sofa", (("tabby cat", 0.6), ("Egyptian Mau", 0.2), ("Pekingese", 0.12))), *_STREETS])
PETS = _film([("a dog on a lawn", (("Golden Retriever", 0.7), ("tabby cat", 0.05))),
              ("a cat on a sofa", (("tabby cat", 0.6), ("Pekingese", 0.12))), *_STREETS])
ORANGES = _film([("an orange on a plate", (("lemon", 0.5), ("orange", 0.3))), *_STREETS])


def test_relatives_share_a_close_kind_and_never_split_one_parent():
    dog = relative_labels("dog", frozenset())
    assert "tabby cat" in dog and "lion" in dog  # carnivores, not dogs
    assert "golden retriever" not in dog  # a kind of dog is the dog itself
    # tabby / Egyptian Mau, orange / lemon: two children of one parent are the classifier's split
    assert "egyptian mau" not in relative_labels("tabby", frozenset({"tabby cat"}))
    assert "lemon" not in relative_labels("orange", frozenset({"orange"}))
    assert relative_labels("no such noun", frozenset()) == frozenset()


def test_the_dog_where_only_a_cat_is_seen_is_the_cat_and_the_answer_says_so():
    assert shots_found(CATS, "the dog", "visual")[0] == []
    reply = _editor(CATS).respond("show me the dog")
    assert isinstance(reply.error, NothingMatched) and "tabby cat, not a dog" in str(reply.error)
    assert shots_found(CATS, "the cat", "visual")[0] == [0]  # the relative itself stays found


def test_a_dog_that_leads_somewhere_keeps_its_shots_beside_a_cat():
    assert shots_found(PETS, "the dog", "visual")[0] == [0, 1]  # a film with both: kept as before
    assert 1 in shots_found(PETS, "the cat", "visual")[0]


def test_siblings_of_one_parent_keep_each_other():
    assert shots_found(ORANGES, "oranges", "visual")[0] == [0]  # lemon above it is the classifier's split


def test_exclusions_stay_loose_recall_first():
    assert shots_found(CATS, "the dog", "visual")[0] == []
    emb = WordHashEmbedder()
    hits = Scorer(CATS, emb, emb).score(Query(text="dog", modality="visual"), loose=True)
    assert np.flatnonzero(hits.mask).tolist() == [0]  # "without the dog" still leaves the cat shot out


def test_shadowed_needs_a_relative_above_it_on_every_frame():
    frames, cat_shot = CATS.frames, np.array([f.shot == 0 for f in CATS.frames])
    got = shadowed(frames, "dog", frozenset({"pekingese"}), np.where(cat_shot, 0.12, 0.0), 0.1)
    assert got.relative == "tabby cat" and (got.shadowed == cat_shot).all()
    # the same class leading anywhere else in the film (0.12 over a street of cabs) is kept everywhere
    assert shadowed(frames, "dog", frozenset({"pekingese"}), np.full(len(frames), 0.12), 0.1) is None
    assert shadowed(frames, "dog", frozenset({"pekingese"}), np.zeros(len(frames)), 0.1) is None


@pytest.mark.slow
def test_the_real_film_a_flagpole_is_its_rocket_and_the_rocket_stays(indexed_sample, sample_film):
    """Real EfficientNet-lite0 + MiniLM on the sample film: the rocket on its pad scores a little
    "flagpole" (0.12) under "missile" (0.26) and never leads it: the answer names the missile."""
    from cutbot.agent import Editor

    editor = Editor.open(sample_film)
    reply = Editor(editor.index, scorer=editor.scorer).respond("the flagpole")
    assert isinstance(reply.error, NothingMatched) and "missile, not a flagpole" in str(reply.error)
    reply = Editor(editor.index, scorer=editor.scorer).respond("the rocket")
    assert reply.error is None and reply.cut is not None and reply.cut.segments
