"""A first name typed one way and written another ("Hana" for Whisper's "Hannah") is the same
name said; a topic that is only a first name is found where it is said, never in a line that
merely leans toward it (issue #11: long_dev's "hana's lines" found nothing at all)."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.agent.lexical import LEXICAL, Transcript
from cutbot.agent.plan import Query
from cutbot.agent.spoken_lines import GATE_OK, names_only, sentence_scores
from cutbot.agent.word_forms import name_key
from fakes import SpokenFilm, sentence_film


@pytest.mark.parametrize("a, b", [("Hannah", "hana"), ("John", "jon"), ("Sarah", "sara"), ("Anne", "ann"),
                                  ("hana's", "hannah")])
def test_spellings_of_one_name_share_a_key(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [("dan", "dean"), ("dan", "don"), ("tom", "tim"), ("clara", "claire")])
def test_other_names_that_sound_alike_stay_apart(a, b):
    assert name_key(a) != name_key(b)


def test_a_name_written_another_way_is_said():
    words = Transcript(sentence_film(["Hi everyone, it's Hannah.", "Don is here.", "Dean waved at us."]).sentences)
    assert (words.said("hana") >= LEXICAL.said_floor).tolist() == [True, False, False]
    assert not (words.said("dan") >= LEXICAL.said_floor).any()  # Don and Dean are other people


def test_names_only_reads_first_names_that_are_no_english_word():
    assert names_only("hana") and names_only("hana's lines") and names_only("what clara says")
    assert not names_only("hana's driving test") and not names_only("rose") and not names_only("the wedding")


def test_a_name_is_found_only_where_it_is_said():
    lines = ["hi everyone it's Hannah calling from the hospital", "congratulations to Beth on the wedding",
             "the plumber finally came this morning"]
    film = SpokenFilm(lines, {"hana": [0.30, 0.34, 0.05], "hana's": [0.30, 0.34, 0.05]})
    index = film.index()
    raw, gate = sentence_scores(index.sentence_vectors, film.meaning(), Transcript(index.sentences),
                                Query(text="hana's", modality="speech"))
    assert (np.asarray(gate) % 2 == GATE_OK).tolist() == [True, False, False]  # Beth's line means a name, not hers
    assert raw[0] > raw[1]
