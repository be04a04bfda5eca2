"""Spoken topics summed up in the viewer's words (agent/spoken.py, issue #11): a genre
word for what is said ("the baking instructions", "the ferry commentary") says the topic is
talk; verbs of delivery ("list off", "reading") are no topic words; a modifier said alone
("Happy anniversary!" for "an anniversary cake") is not the thing. Toy films only: the
real-model check is the dev benchmark (bench/quality.py --split dev)."""
from __future__ import annotations

import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.calibration import TEXT
from cutbot.agent.intent import parse_request
from cutbot.agent.plan import Query
from cutbot.agent.spoken import SPOKEN, message_subject, says_message, undescribed, unsaid_floor
from fakes import SpokenFilm, run_plan

SENTENCES = ["whisk two eggs with the sugar", "then leave it in a hot oven for an hour",
             "the ferry leaves at noon", "happy anniversary to you both",
             "the kids ran down to the beach", "thank you all for coming tonight"]
# How much each text means each sentence (a cosine, as MiniLM would give).
MEANS = {"baking instructions": [0.41, 0.38, 0.03, 0.05, 0.02, 0.04],  # said in other words
         "baking": [0.40, 0.37, 0.02, 0.06, 0.03, 0.05],
         "anniversary cake": [0.20, 0.12, 0.02, 0.53, 0.05, 0.10],  # absent: only "anniversary" said
         "cake": [0.22, 0.14, 0.02, 0.18, 0.03, 0.06],
         "anniversary": [0.05, 0.03, 0.02, 0.68, 0.04, 0.12],
         "anniversary toast": [0.05, 0.03, 0.02, 0.58, 0.04, 0.15],  # present: the toast is the line
         "toast": [0.06, 0.04, 0.02, 0.31, 0.04, 0.20],
         "stock market report": [0.04, 0.03, 0.12, 0.05, 0.02, 0.07],  # absent talk
         "ferry result": [0.02, 0.03, 0.30, 0.04, 0.05, 0.03],  # the genre word blurs the line
         "ferry": [0.03, 0.02, 0.36, 0.05, 0.06, 0.04],
         "tram result": [0.02, 0.03, 0.27, 0.04, 0.05, 0.03],  # absent: a ferry is no tram
         "tram": [0.03, 0.02, 0.29, 0.05, 0.06, 0.04]}


FILM = SpokenFilm(SENTENCES, MEANS)
meaning, shots = FILM.meaning, FILM.shots


@pytest.fixture()
def index():
    return FILM.index()


def test_a_message_noun_says_the_topic_is_talk(index):
    # "instructions" is a kind of WordNet communication: the request describes what is said
    assert shots(index, "baking instructions") == [0, 1]
    # the bare subject may be a thing on screen: the same meaning is not enough for it
    assert shots(index, "baking") == []
    assert unsaid_floor(Query(text="baking instructions", modality="any")) == SPOKEN.spoken_unsaid
    assert unsaid_floor(Query(text="baking", modality="any")) == TEXT.speech_unsaid


def test_a_message_is_scored_by_what_it_is_about(index):
    # "result" is a message: the line says the ferry's news, never the word "result"
    assert message_subject("the ferry result") == "the ferry"
    assert message_subject("the recipe") == "the recipe"  # nothing else to be about
    assert shots(index, "ferry result") == [2]
    assert shots(index, "tram result") == []  # what the line is about must still mean it


def test_talk_nobody_gives_stays_nothing(index):
    assert shots(index, "stock market report") == []
    with pytest.raises(NothingMatched):
        run_plan(index, emb=meaning(), include=[Query(text="stock market report", modality="any")])


def test_a_modifier_said_alone_is_not_the_thing(index):
    # "Happy anniversary" says the modifier and means the phrase .53, the cake itself .18:
    # under TEXT.speech_floor (.25), where a text and a sentence are unrelated
    assert shots(index, "anniversary cake") == []
    with pytest.raises(NothingMatched):
        run_plan(index, emb=meaning(), include=[Query(text="anniversary cake", modality="any")])
    # the modifier asked alone, or a head noun the line means, still finds the line
    assert shots(index, "anniversary") == [3]
    assert shots(index, "anniversary toast") == [3]


def test_message_nouns_and_delivery_verbs():
    assert says_message("cooking instructions") and says_message("the sports commentary")
    assert says_message("a list") and says_message("the recipe")
    assert not says_message("playing cards") and not says_message("the weather")
    assert not says_message("a birthday cake") and not says_message("the dog")
    assert undescribed("list off playing cards") == "playing cards"
    assert undescribed("card reading") == "card" and undescribed("the card readings") == "the card"
    assert undescribed("the train announcements") == "the train"
    assert undescribed("old novel") == "old novel"  # a message noun stays: "old" is no topic
    assert undescribed("the reading") == "the reading"  # nothing else to read as the topic


def test_a_line_opening_no_one_is_heard_not_dropped():
    plan = parse_request("no one remembers the red door")
    assert [q.text for q in plan.include] == ["nobody remembers the red door"]
    assert plan.exclude == ()
    plan = parse_request("the harbour but no one in a hat")
    assert [q.text for q in plan.exclude] == ["hat"]  # "no one in ..." still drops


@pytest.mark.slow
def test_messages_on_a_real_film(indexed_dev, dev_film, dev_truth):
    """The dev film, real models: the cards listed off are found by the cards said, and
    messages the film never gives (no recipe, no forecast) answer nothing."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    def scenes(request):
        cut = Editor.load(dev_film).ask(request)
        spans = [(s.start, s.end) for s in cut.segments]
        return [sc["id"] for sc in dev_truth["scenes"] if overlap(spans, [(sc["start"], sc["end"])]) >= 2.0]

    assert scenes("where they list off playing cards") == [8]
    for absent in ("the cooking instructions", "the weather forecast", "a birthday cake",
                   "the stock market report"):
        with pytest.raises(NothingMatched):
            Editor.load(dev_film).ask(absent)
