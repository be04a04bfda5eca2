"""A talk topic weighed in the register of talk (agent/spoken.py, SpokenOptions.talk_form, issue
#11): where the floor is the spoken one, a line must mean the topic as words AND as "talking about"
it, on average; a line that only shares the topic's neighbourhood ("a summer trip" for "skiing")
no longer clears the floor, a line about it still does. Toy films only: the real-model
measurement is in SpokenOptions' comment (bench/speech_dump.py --forms, all five dev films)."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.spoken import SPOKEN
from cutbot.agent.talk import as_talk
from fakes import SpokenFilm

SENTENCES = ["I'm out of a summer trip", "we stayed in all weekend", "prices went up again this month",
             "thank you all for coming tonight", "it will rain all weekend so bring an umbrella",
             "pass the salt please"]
TALK = SPOKEN.talk_form.format
MEANS = {"skiing": [0.33, 0.10, 0.05, 0.04, 0.08, 0.03],  # absent: near as a word, far as talk
         TALK("skiing"): [0.30, 0.08, 0.04, 0.05, 0.07, 0.02],
         "forecast": [0.05, 0.12, 0.10, 0.04, 0.36, 0.03],  # present in other words
         TALK("forecast"): [0.04, 0.10, 0.08, 0.05, 0.34, 0.04]}
FILM = SpokenFilm(SENTENCES, MEANS)


def test_a_neighbour_of_the_topic_is_not_its_talk():
    index = FILM.index()
    assert FILM.shots(index, "skiing", "speech") == []  # the parsed "the skiing chat"


def test_the_topic_talked_about_in_other_words_is_still_found():
    index = FILM.index()
    assert FILM.shots(index, "forecast", "speech") == [4]


def test_the_register_is_the_mean_of_both_meanings_and_only_where_given():
    sem, talk = np.array([0.33, 0.1]), np.array([0.30, 0.2])
    assert np.allclose(as_talk(sem, talk), [0.315, 0.15])
    assert as_talk(sem, None) is sem  # a thing, or an exclusion: the words alone


@pytest.mark.slow
def test_the_real_film_keeps_its_talk_in_other_words_and_no_absent_talk(indexed_sample, sample_film):
    """Real MiniLM on the sample film: topics talked about in other words ("the forecast" for
    "cold and windy with heavy rain", "rail travel" for "the next train") are still found with
    the talk register weighed; a talk topic the film never has still answers nothing."""
    from cutbot.agent import Editor

    editor = Editor.open(sample_film)
    for asked, said in (("when they talk about the forecast", "windy"), ("whenever the narrator goes on about "
                                                                        "rail travel", "train")):
        reply = Editor(editor.index, scorer=editor.scorer).respond(asked)
        assert reply.error is None and reply.cut is not None, asked
        assert any(said in r.lower() for s in reply.cut.segments for r in s.reasons), (asked, reply.cut)
    for absent in ("when they talk about skiing", "the part where they discuss the election"):
        reply = Editor(editor.index, scorer=editor.scorer).respond(absent)
        assert isinstance(reply.error, NothingMatched), (absent, reply.cut)
