"""A real word heard right names its own thing: a line that says the topic only through another
real word that sounds like it ("rained" for "train", lexical fuzzy credit) must still lean
toward the topic (TextModelOptions.misheard_meaning); a typo on either side (the viewer's
"footbal", ASR's "libarian") is the same word and still counts."""
from __future__ import annotations

from cutbot.agent.calibration import TEXT
from cutbot.agent.lexical import Transcript

from fakes import SpokenFilm

SENTENCES = ["it has rained every single day this week", "did anyone watch the football match on sunday",
             "the kitchen tap is dripping again", "thanks for coming tonight everyone",
             "can you pass the salt", "my sister bought a new lamp for the hall"]
MEANS = {"train": [0.03, 0.02, 0.04, 0.05, 0.02, 0.03],  # "rained" sounds like it, means nothing of it
         "the train": [0.03, 0.02, 0.04, 0.05, 0.02, 0.03],
         "footbal": [0.02, 0.21, 0.03, 0.04, 0.02, 0.03],  # a typo of a word said: leans to its line
         "the footbal": [0.02, 0.21, 0.03, 0.04, 0.02, 0.03]}
FILM = SpokenFilm(SENTENCES, MEANS)


def test_a_word_misheard_is_no_topic_unless_the_line_leans_to_it():
    index = FILM.index()
    transcript = Transcript(index.sentences)
    assert transcript.misheard_only("train").tolist() == [True] + [False] * 5  # "rain" ~ "train", ratio 89
    assert FILM.shots(index, "the train", "speech") == []
    assert FILM.shots(index, "the train", "any") == []
    assert FILM.shots(index, "the footbal", "speech") == [1]  # .21 >= misheard_meaning
    assert MEANS["footbal"][1] >= TEXT.misheard_meaning > MEANS["train"][0]


def test_misheard_only_is_false_where_the_word_is_said():
    index = FILM.index()
    transcript = Transcript(index.sentences)
    assert not transcript.misheard_only("rain").any()  # said exactly in line 0
    assert not transcript.misheard_only("football").any()
    assert not transcript.misheard_only("footbal").any()  # a typo of the word said is that word
