"""WordNet beyond the 1000 labels (issue #11, classes 1 and 8).

Pictures: a noun below or beside an ImageNet class ("mandrill", "hatchback", "lorries")
reaches that class's label, weighted by distance (indexers/data/wordnet_nouns.json.gz).
Speech: a kind of the topic said aloud says the topic ("playing cards" in "ten of
clubs"), by the noun hierarchy (indexers/data/wordnet_kinds.json.gz).
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from cutbot.agent.labels import category, category_scores, noun
from cutbot.agent.lexical import Transcript, topics
from fakes import scenes_where


def _line(text: str):
    return SimpleNamespace(text=text, start=0.0, end=1.0)


def test_a_species_below_a_label_reaches_it_weighted():
    cat = category("the mandrills")
    assert cat is not None and cat.labels == {"baboon"} and not cat.whole
    assert dict(cat.weights)["baboon"] == pytest.approx(0.8)
    frames = [SimpleNamespace(labels=(("baboon", 0.5), ("ostrich", 0.1))), SimpleNamespace(labels=(("ostrich", 0.9),))]
    assert category_scores(frames, cat).tolist() == pytest.approx([0.4, 0.0])


def test_a_kind_beside_labels_reaches_its_siblings():
    cat = category("a red hatchback")
    assert cat is not None and {"convertible", "taxicab", "sports car"} <= cat.labels
    assert noun("lorries") is not None and "fire truck" in noun("lorries").labels  # irregular plural


def test_label_words_keep_their_exact_meaning_and_non_things_stay_descriptions():
    dog = category("the dog")
    assert dog is not None and dog.whole and not dog.weights and "afghan hound" in dog.labels
    for text in ("the weather", "the opening scene", "Grace Hopper", "the man in the hat"):
        assert category(text) is None, text
    assert noun("branch") is None  # a plant part is no fruit: too far from any label


def test_topics_are_the_longest_noun_phrases():
    assert [t for t, _ in topics("where the playing cards are read out")][0] == "playing cards"
    assert topics("where they talk about it") == ()


def test_a_kind_of_the_topic_said_aloud_says_it():
    tr = Transcript([_line("Ten of clubs."), _line("Go forward ten meters."),
                     _line("The mandrill has a red nose."), _line("Fresh orange juice is my favourite breakfast.")])
    assert tr.kinds_said("playing cards").tolist() == [1, 0, 0, 0]  # "ten" alone is a number
    assert tr.kinds_said("animals").tolist() == [0, 0, 1, 0]
    assert tr.kinds_said("food").tolist() == [0, 0, 0, 1]
    assert not tr.kinds_said("football").any() and not tr.kinds_said("weapons").any()


@pytest.mark.slow
def test_playing_cards_on_the_dev_film_through_the_real_path(indexed_dev, dev_film, dev_truth):
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    reply = Editor.open(dev_film).respond("where the playing cards are read out")
    assert reply.error is None and reply.cut is not None
    segs = [(s.start, s.end) for s in reply.cut.segments]
    cards, others = scenes_where(dev_truth, "topics", "playing cards")
    assert cards and overlap(segs, cards) >= 0.5 * sum(b - a for a, b in cards)
    assert overlap(segs, others) <= 0.05 * sum(b - a for a, b in segs)


def test_an_exclusion_counts_a_kind_of_any_noun_of_its_phrase():
    tr = Transcript([_line("Seven of clubs."), _line("The old temple stands above the lake.")])
    assert not tr.kinds_said("card game").any()  # clubs are cards, not a card game
    assert tr.kinds_said("card game", loose=True).tolist() == [1, 0]  # "without the card game talk"


def test_a_label_is_what_its_pictures_show_not_a_wordnet_slip():
    """ImageNet's n07930864 "cup" is WordNet's cup.n.06, a punch; its pictures are teacups and
    coffee cups (make_imagenet_hypernyms.PICTURED): a coffee cup reaches it, a drink does not."""
    assert "tea cup" in category("the coffee cup").labels
    assert "tea cup" not in category("something to drink").labels
    assert "tea cup" not in category("alcohol").labels
