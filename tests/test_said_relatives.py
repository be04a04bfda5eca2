"""A relative said is not the topic (agent/relatives.py): "Mostly, ducks." is no line about
swans, "back from Leeds" none about London; the picture's mirror: a stand-in label the
classifier is sure of, under one close WordNet kind of the noun, shows that relative ("the
moth" on a monarch butterfly). The kinship is WordNet's (relatives.kin_senses), bounded on
both sides, so a general word ("bug") still finds the butterfly it names."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.lexical import Transcript, topics
from cutbot.agent.plan import Query
from cutbot.agent.relatives import kin, kin_senses, line_words, relative_said, said_sense

from fakes import SpokenFilm, WordHashEmbedder, make_index, run_plan, sentence_film, shots_found

SENTENCES = ["mostly ducks on the pond today", "I'm on the way back from Leeds",
             "the kitchen needs a new sink", "thank you all for coming tonight", "pass the salt please",
             "we fed the swans by the river", "two weeks of hiking in the hills"]
# How much each text means each sentence (a cosine, as MiniLM would give).
MEANS = {"swans": [0.48, 0.02, 0.03, 0.04, 0.02, 0.66, 0.03],  # the duck line leans to swans; the swan line says it
         "swan": [0.46, 0.02, 0.03, 0.04, 0.02, 0.64, 0.03],
         "ducks": [0.71, 0.02, 0.03, 0.04, 0.02, 0.40, 0.03],
         "duck": [0.70, 0.02, 0.03, 0.04, 0.02, 0.39, 0.03],
         "london": [0.02, 0.50, 0.05, 0.04, 0.03, 0.02, 0.03],
         "London": [0.02, 0.50, 0.05, 0.04, 0.03, 0.02, 0.03],
         "leeds": [0.02, 0.68, 0.05, 0.04, 0.03, 0.02, 0.03],
         "the trip": [0.05, 0.20, 0.03, 0.04, 0.02, 0.05, 0.52],  # an event told by a relative act
         "trip": [0.05, 0.20, 0.03, 0.04, 0.02, 0.05, 0.50],
         "hiking": [0.03, 0.02, 0.03, 0.02, 0.02, 0.04, 0.71],
         "geese": [0.52, 0.02, 0.03, 0.04, 0.02, 0.47, 0.03]}
FILM = SpokenFilm(SENTENCES, MEANS)


@pytest.fixture()
def index():
    return FILM.index()


def test_kin_is_one_close_kind_bounded_on_both_sides():
    assert kin("moth", "monarch butterfly")  # lepidopterans: 1 and 3 steps up
    assert kin("swan", "duck") and kin("london", "leeds")  # aquatic birds; cities
    assert not kin("butterfly", "monarch butterfly")  # a monarch IS a butterfly
    assert not kin("insect", "monarch butterfly")  # ...and an insect
    assert not kin("bug", "monarch butterfly")  # a general word: meets it 4 steps up the butterfly
    assert not kin("tea", "espresso")  # beverage is too shallow a kind (close_rival's own case)
    assert not kin("moth", "no such label")


def test_a_relative_said_is_not_the_topic(index):
    assert FILM.shots(index, "the swans") == [5]  # the line that says swans, not the ducks
    assert FILM.shots(index, "London", "speech") == []
    with pytest.raises(NothingMatched):
        run_plan(index, emb=FILM.meaning(), include=[Query(text="London", modality="speech")])
    assert FILM.shots(index, "the ducks") == [0]  # the thing said is still found
    assert FILM.shots(index, "Leeds", "speech") == [1]
    assert FILM.shots(index, "the trip", "speech") == [6]  # an event: "hiking" tells the trip


def test_an_irregular_plural_is_its_singular(index):
    # "geese" is no -s plural: WordNet's noun.exc makes it a goose, so the ducks and the swans
    # said are its relatives, not lines about it
    assert topics("the geese") == (("geese", frozenset(topics("goose")[0][1])),)
    assert FILM.shots(index, "the geese") == []


def test_relative_said_needs_the_relative_to_mean_more(index):
    emb, transcript = FILM.meaning(), Transcript(index.sentences)
    zeros = np.zeros(len(SENTENCES))
    assert relative_said(index.sentence_vectors, emb, transcript, "the swans", zeros, zeros).tolist() == \
        [True] + [False] * (len(SENTENCES) - 1)
    MEANS["swans"][0] = 0.75  # the line means swans more than the ducks it says: not refused
    try:
        assert not relative_said(index.sentence_vectors, emb, transcript, "the swans", zeros, zeros)[0]
    finally:
        MEANS["swans"][0] = 0.48
    said = zeros.copy()
    said[0] = 1.0  # the topic itself said there: nothing to refuse
    assert not relative_said(index.sentence_vectors, emb, transcript, "the swans", said, zeros)[0]
    assert line_words(transcript, 1)[-1] == "leeds"  # as said: a name is no plural ("leed")


def test_a_word_that_may_name_the_thing_said_is_no_relative_of_it(minilm):
    """"bike" is usually a motorcycle in WordNet, a bicycle in its second sense: a line about a
    bicycle is about the bike asked for."""
    lines = ["I ride my bicycle to work every day.", *REAL_LINES[2:]]
    index = sentence_film(lines)
    index.sentence_vectors = minilm.embed(lines)
    transcript, zeros = Transcript(index.sentences), np.zeros(len(lines))
    assert not relative_said(index.sentence_vectors, minilm, transcript, "the bike", zeros, zeros).any()
    assert kin_senses(said_sense("bike"), said_sense("bicycle"))  # usual senses: relatives (wheeled vehicles)


def _film(labelled):
    """A toy film: one shot per (words the picture similarity sees, classifier labels)."""
    index = make_index([(10.0 * i, 10.0 * i + 10.0, words) for i, (words, _) in enumerate(labelled)])
    index.frames = [replace(f, labels=labelled[f.shot][1]) for f in index.frames]
    return index


_STREETS = [(f"a street with {w}", (("cab", 0.6), ("streetcar", 0.2))) for w in ("cars", "lamps", "rain", "shops")]


def test_a_sure_relative_label_is_not_the_stand_in_noun():
    garden = _film([("moth butterfly wings on a leaf",  # the similarity sees both, as MiniLM does
                     (("monarch butterfly", 0.69), ("ringlet butterfly", 0.18))),
                    *_STREETS])
    shots, why = shots_found(garden, "the moth", "visual")
    assert shots == [], why
    assert shots_found(garden, "the butterfly", "visual")[0] == [0]  # what it is stays found
    assert shots_found(garden, "the bug", "visual")[0] == [0]  # a general word for it too


def test_a_shot_sure_of_the_relative_anywhere_shows_the_relative_throughout():
    """A clip holds one thing: where the classifier is sure of the rival in some frames, its
    hesitant frames (the same butterfly turning) are no stand-in for the moth either."""
    garden = _film([("moth butterfly wings on a leaf", ()), *_STREETS])
    sure, unsure = (("monarch butterfly", 0.69), ("ringlet butterfly", 0.18)), (("monarch butterfly", 0.3),
                                                                                ("ringlet butterfly", 0.2))
    garden.frames = [replace(f, labels=(sure if k % 2 else unsure)) if f.shot == 0 else f
                     for k, f in enumerate(garden.frames)]
    shots, why = shots_found(garden, "the moth", "visual")
    assert shots == [], why
    assert shots_found(garden, "the butterfly", "visual")[0] == [0]


@pytest.fixture(scope="module")
def minilm():
    from cutbot.indexers.models import get_text_embedder
    return get_text_embedder()


REAL_LINES = ["We saw mostly geese on the pond this morning.", "I'm on the train home from Manchester.",
              "The kitchen tap is dripping again.", "Thanks for coming tonight, everyone.",
              "Can you pass the salt?", "My sister bought a new lamp for the hall.",
              "The printer is jammed again.", "We painted the fence on Saturday."]


def _real_shots(index, minilm, text, modality):
    """Shots found with MiniLM reading the speech (the toy film's pictures stay word-hashed)."""
    from cutbot.agent.search import Scorer

    hits = Scorer(index, minilm, WordHashEmbedder()).score(Query(text=text, modality=modality))
    return np.flatnonzero(hits.mask).tolist(), " ".join(e.detail for evs in hits.evidence for e in evs)


def test_a_relative_said_with_the_real_text_model(minilm):
    """Through MiniLM and the product's scorer: a goose is no swan, Manchester no London (both
    cities); what is said stays found."""
    index = sentence_film(REAL_LINES)
    index.sentence_vectors = minilm.embed(REAL_LINES)
    swans, why = _real_shots(index, minilm, "the swans", "any")
    assert swans == [], why
    london, why = _real_shots(index, minilm, "when they talk about London", "speech")
    assert london == [], why
    assert _real_shots(index, minilm, "the geese", "any")[0] == [0]
    assert _real_shots(index, minilm, "when they talk about Manchester", "speech")[0] == [1]
