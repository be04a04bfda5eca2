"""A spoken topic's own words decide which one it is: "the football match" said is no line
about "the rugby match" (the head noun said after a relative of the topic's modifier), and
"going skiing" is skiing (the verb "go" is no word the speakers must say); "the electrician" is
no line that names another kind of person without saying it."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from cutbot.agent.lexical import Transcript, spoken_topic
from cutbot.agent.plan import Query
from cutbot.agent.relatives import other_kind_said
from cutbot.agent.spoken_lines import GATE_OK, sentence_scores

from fakes import SpokenFilm


def _transcript(*lines: str) -> Transcript:
    return Transcript([SimpleNamespace(text=t, start=float(i), end=i + 1.0) for i, t in enumerate(lines)])


def test_the_head_noun_after_a_relative_of_the_modifier_is_another_thing():
    tr = _transcript("Did you see the football match on Sunday?", "The rugby match was a mess, the match went on.",
                     "What a match that was.", "It was a long train journey.")
    assert other_kind_said(tr, "the rugby match").tolist() == [True, False, False, False]
    assert other_kind_said(tr, "the tennis match").tolist() == [True, True, False, False]  # court and field games
    assert other_kind_said(tr, "the bus journey").tolist() == [False, False, False, True]


def test_a_topic_of_one_word_or_an_unrelated_modifier_refuses_nothing():
    tr = _transcript("Did you see the football match on Sunday?", "The evening match was long.")
    assert not other_kind_said(tr, "the match").any()
    assert not other_kind_said(tr, "the football match").any()  # the modifier itself is said


def test_going_before_an_activity_is_no_topic_word():
    assert spoken_topic("when they talk about going skiing") == "skiing"
    assert spoken_topic("went fishing") == "fishing"
    assert spoken_topic("going home") == "going home"


def test_a_place_with_a_name_of_its_own_must_be_said_as_a_thing():
    from cutbot.agent.spoken import names_a_thing

    assert names_a_thing("when they discuss italy") and names_a_thing("the bit about leeds")
    assert not names_a_thing("the garden") and not names_a_thing("the park")  # kinds of places: talked around
    assert not names_a_thing("the forecast")


def test_troubles_are_told_not_shown():
    """"work worries", "health problems" asked bare are talk: the spoken floor, not a thing's."""
    from cutbot.agent.calibration import TEXT
    from cutbot.agent.plan import Query
    from cutbot.agent.spoken import SPOKEN, talked_about, unsaid_floor

    assert talked_about("work worries") and talked_about("the health problems")
    assert not talked_about("the red bicycle")
    assert unsaid_floor(Query(text="work worries")) == min(SPOKEN.spoken_unsaid, TEXT.speech_unsaid)
    assert unsaid_floor(Query(text="the red bicycle")) == TEXT.speech_unsaid


def test_a_thing_every_picture_of_which_is_the_category_is_a_kind_of_it_said():
    """WordNet links no dog to "pet"; the labels do (every dog breed answers to "pet"), so
    "my little dog" says a pet, as the pictures read it. Not a cat (wildcats are no pets),
    not a word the category's labels do not all hold, not a word that is no category, and only
    where WordNet sets no picture under the category word itself."""
    from cutbot.agent.relatives import pictured_kind_said

    tr = _transcript("My little dog loves to play in the garden.", "The cat sat on the wall.",
                     "Birds sing in the morning.", "A red car waits in the garage.")
    assert pictured_kind_said(tr, "his pet").tolist() == [1, 0, 0, 0]
    assert pictured_kind_said(tr, "the wildlife").tolist() == [0, 0, 1, 0]
    assert not pictured_kind_said(tr, "vehicles").any()  # WordNet's own kind: lexical.kinds_said reads it
    assert not pictured_kind_said(tr, "the woman").any()  # a person: the people module's
    assert not pictured_kind_said(tr, "the weather").any()
    assert not pictured_kind_said(tr, "the dog").any()  # the word itself is said, not a kind of it


def test_a_trade_asked_for_is_never_a_line_that_names_another_trade():
    # long_dev's absent "the electrician" had found "The computer scientist?" by meaning alone (.52)
    lines = ["The computer scientist?", "The electrician finally came.", "Rain all weekend."]
    film = SpokenFilm(lines, {"electrician": [0.52, 0.8, 0.0], "the electrician": [0.52, 0.8, 0.0]})
    index = film.index()
    _, gate = sentence_scores(index.sentence_vectors, film.meaning(), Transcript(index.sentences),
                              Query(text="the electrician", modality="speech"))
    assert (np.asarray(gate) % 2 == GATE_OK).tolist() == [False, True, False]
