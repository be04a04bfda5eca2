"""Spoken topics in the viewer's own words (agent/spoken.py): a topic the request says is
talked about needs less meaning than a bare subject, and a topic never talked about
still answers "nothing matches"."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.calibration import TEXT
from cutbot.agent.plan import Query
from cutbot.agent.spoken import SPOKEN, forms, names_a_thing, talked_about, unsaid_floor
from fakes import DIM, MeaningEmbedder, make_index, scenes_kept, shots_found

SCENES = [(0, 10, "harbour"), (10, 20, "kitchen"), (20, 30, "station"), (30, 40, "field"),
          (40, 50, "garden"), (50, 60, "hall")]
SENTENCES = [(1, 5, "the boats came in at dawn"),
             (12, 16, "stir the flour into the warm milk"),
             (22, 26, "the last carriage was full again"),
             (32, 36, "the wheat stood tall this year"),
             (42, 46, "the roses need water every day"),
             (52, 56, "thank you all for coming tonight")]
# How much each topic means each sentence (a cosine, as MiniLM would give), none of them said.
MEANS = {"baking": [0.05, 0.40, 0.02, 0.12, 0.03, 0.04],   # talked about in other words
         "rail travel": [0.08, 0.03, 0.36, 0.05, 0.02, 0.06],
         "the election": [0.10, 0.05, 0.08, 0.27, 0.06, 0.09],  # never talked about
         "whales": [0.40, 0.05, 0.02, 0.06, 0.03, 0.04],  # a thing, close to the boats line
         "directions": [0.04, 0.37, 0.14, 0.05],  # a path in WordNet's first sense, no thing
         # a kind said aloud leans toward the plural more than the singular (gallery, MiniLM)
         "card": [0.21, 0.21, 0.12, 0.26, 0.05, 0.08, 0.04, 0.06],
         "cards": [0.29, 0.27, 0.14, 0.20, 0.06, 0.07, 0.05, 0.03],
         "early computing": [0.25, 0.02, 0.04, 0.03, 0.05, 0.02], "computing": [0.32, 0.03, 0.02, 0.04, 0.03, 0.05],
         "early trains": [0.05, 0.30, 0.04, 0.03, 0.05, 0.02], "trains": [0.04, 0.31, 0.03, 0.04, 0.03, 0.05]}


def meaning() -> MeaningEmbedder:
    return MeaningEmbedder(MEANS)


def axes_film(scenes, sentences):
    """A toy film whose sentence vectors are one axis each, so MEANS gives each topic's
    cosine to each sentence."""
    idx = make_index(scenes, sentences)
    idx.sentence_vectors = np.eye(len(sentences), DIM, dtype=np.float32)
    return idx


def lines_film(lines):
    """One 10 s shot per line, the line said in its first half."""
    return axes_film([(10 * k, 10 * k + 10, f"s{k}") for k in range(len(lines))],
                     [(10 * k + 1, 10 * k + 5, line) for k, line in enumerate(lines)])


@pytest.fixture()
def index():
    return axes_film(SCENES, SENTENCES)


def shots(index, text, modality):
    return shots_found(index, text, modality, emb=meaning())[0]


def test_a_topic_asked_as_speech_is_found_in_other_words(index):
    assert shots(index, "baking", "speech") == [1]
    assert shots(index, "rail travel", "speech") == [2]


def test_a_bare_subject_needs_a_sentence_that_means_it_strongly(index):
    # "baking" alone may be a thing on screen: 0.40 of meaning is not enough to stand for it
    assert shots(index, "baking", "any") == []


def test_a_topic_never_talked_about_finds_nothing(index):
    from fakes import run_plan

    assert shots(index, "the election", "speech") == []
    with pytest.raises(NothingMatched):
        run_plan(index, emb=meaning(), include=[Query(text="the election", modality="speech")])
    # a thing talked about is named: meaning as strong as "baking"'s is not enough for it
    assert shots(index, "whales", "speech") == []


def test_the_floors_and_the_words_that_say_a_subject_is_spoken():
    assert unsaid_floor(Query(text="x", modality="speech")) == SPOKEN.spoken_unsaid < TEXT.speech_unsaid
    assert unsaid_floor(Query(text="x", modality="any")) == TEXT.speech_unsaid
    assert unsaid_floor(Query(text="someone calls out a card", modality="any")) == SPOKEN.spoken_unsaid
    assert unsaid_floor(Query(text="x", modality="speech"), loose=True) == TEXT.speech_unsaid_loose
    assert talked_about("whenever the narrator goes on about rail travel")
    assert not talked_about("the red car") and not talked_about("someone in a hat")
    assert forms("a playing card") == ["a playing card", "playing card", "playing cards"]
    assert forms("early computing") == ["early computing", "computing"]  # no plural of a gerund
    # a thing talked about is named (or a kind of it is): only other subjects get the low floor
    assert names_a_thing("whales") and names_a_thing("the red bicycle")
    assert not names_a_thing("the forecast") and not names_a_thing("rail travel")
    assert unsaid_floor(Query(text="whales", modality="speech")) == TEXT.speech_unsaid


def test_directions_are_no_thing_and_are_found_in_other_words():
    """WordNet's usual "direction" is a path (a location, so a physical object): a place
    or a path is no thing talked about by name, only a whole (animal, person, artifact)."""
    assert not names_a_thing("directions") and not names_a_thing("the garden")
    assert names_a_thing("the dog") and names_a_thing("a camera")
    idx = axes_film([(0, 10, "hall"), (10, 20, "street"), (20, 30, "shop"), (30, 40, "park")],
                    [(1, 5, "welcome to the gallery"), (12, 16, "go forward ten meters then turn left"),
                     (22, 26, "seven of clubs"), (32, 36, "the ducks are hungry today")])
    assert shots(idx, "directions", "speech") == [1]  # the other shots stay out
    assert shots(idx, "directions", "any") == [1]  # the line that tells the way IS the act asked (talk.speech_act)


def test_a_kind_said_aloud_counts_for_the_singular_too():
    """"card names get read out": "seven of clubs" means "card" .21, under the kind gate
    (0.22), and "cards" .29; a kind names one of many, so either number counts. "ten
    meters" (one card word alone) and the greeting card line (meaning, no kind) stay out."""
    lines = ["seven of clubs", "four queen of clubs", "go forward ten meters", "here is a blue present with a bow",
             "the river was cold", "we ate late that night", "my brother drove", "the hills were green"]
    idx = lines_film(lines)
    assert shots(idx, "card", "speech") == [0, 1]


def test_a_modifier_the_film_never_says_does_not_hide_the_noun_it_does():
    """"early computing": "early" is no noun and never said, so it weighed most and
    "computers" alone said a third of the topic; the nouns said are enough."""
    lines = ["she helped teach computers a language", "we left the station at dawn", "my brother drove",
             "the hills were green", "the river was cold", "we ate late that night"]
    idx = lines_film(lines)
    assert shots(idx, "early computing", "speech") == [0]
    assert shots(idx, "early trains", "speech") == []  # the noun never said: still nothing
    assert shots(idx, "early computing", "visual") == []


@pytest.mark.slow
def test_on_a_film_it_was_not_built_with(indexed_dev, dev_film, dev_truth):
    """The dev film, real models: topics talked about in other words ("soccer" for "the
    striker kicks the ball toward the goal", "programming" for "taught computers"), and
    topics it never talks about, a thing close to a line ("whales" ~ "bubbles under the
    sea") included, answer nothing."""
    from cutbot.agent import Editor

    def scenes(request):
        return scenes_kept(dev_film, dev_truth, request, least=2.0)

    assert scenes("when they talk about soccer") == [3]
    assert scenes("where they talk about programming") == [1]
    assert scenes("the card names being read out") == [8]  # a kind said aloud, singular topic
    assert scenes("when they talk about early computing") == [1]  # "early" is never said
    for absent in ("when they discuss the stock market", "where they talk about whales",
                   "when they talk about money", "the part where someone gives directions",
                   "where they talk about early trains", "the part about the noisy stock market"):
        with pytest.raises(NothingMatched):
            Editor.load(dev_film).ask(absent)
