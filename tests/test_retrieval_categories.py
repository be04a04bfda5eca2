"""Category words find the labels that ARE one (WordNet hypernyms), not look-alike names."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cutbot.agent.labels import category, parent
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from cutbot.agent import NothingMatched
from cutbot.indexers.visual import label_ancestors, label_terms
from fakes import WordHashEmbedder, make_index, run_plan, scenes_where

# What an ImageNet classifier said about each 10 s shot (two frames each).
SHOTS = [(0, 10, (("Pekingese", 0.7), ("tiger cat", 0.1))),
         (10, 20, (("tiger cat", 0.6), ("tabby cat", 0.3))),
         (20, 30, (("sports car", 0.8), ("grille", 0.1))),
         (30, 40, (("pizza", 0.9),)),
         (40, 50, (("tram", 0.5), ("parking meter", 0.2))),
         (50, 60, (("cliff", 0.6), ("valley", 0.3))),
         (60, 70, (("scuba diver", 0.7), ("snorkel", 0.2)))]


def labelled_index():
    idx = make_index([(s, e, " ".join(n for n, _ in labels)) for s, e, labels in SHOTS])
    frames = [dataclasses.replace(f, labels=SHOTS[f.shot][2]) for f in idx.frames]
    return dataclasses.replace(idx, frames=frames)


def hit_shots(query: str) -> list[int]:
    idx = labelled_index()
    emb = WordHashEmbedder()
    hits = Scorer(idx, emb, emb).score(Query(text=query, modality="visual"))
    return np.flatnonzero(hits.mask).tolist()


def test_the_data_file_gives_each_label_its_wordnet_ancestors():
    assert list(label_ancestors()["pekingese"][:3]) == ["toy dog", "dog", "canine"]
    assert {"mammal", "animal"} <= set(label_ancestors()["pekingese"])
    terms = label_terms()
    assert {"dog", "pet", "animal"} <= terms["pekingese"] and "wildlife" not in terms["pekingese"]
    assert {"animal", "wildlife"} <= terms["fox squirrel"]
    assert "dog" not in terms["tiger cat"] and "cat" in terms["tiger cat"]
    assert {"vehicle", "car"} <= terms["sports car"] and "something to eat" in terms["pizza"]
    assert len(terms) >= 990  # every ImageNet-1k name (a few are shared, e.g. "crane")


@pytest.mark.parametrize("query, shots", [
    ("dog", [0]),  # a Pekingese, never the tiger cat the name similarity prefers
    ("dogs", [0]),
    ("pets", [0, 1]),
    ("wildlife", []),  # pets are not wildlife
    ("cute animals", [0, 1]),
    ("vehicles", [2, 4]),
    ("something to eat", [3]),
    ("food", [3]),
    ("places", [5]),
    ("people", [6]),
])
def test_category_words_find_every_member_and_nothing_else(query, shots):
    assert hit_shots(query) == shots


def test_a_description_is_not_a_category():
    assert category("the man with the camera") is None
    assert category("dog") is not None and category("dog").whole
    giraffe = category("giraffe")  # no ImageNet class: its WordNet neighbours, weighted, never whole
    assert giraffe is not None and not giraffe.whole and all(w < 1 for _, w in giraffe.weights)


def test_a_category_the_classifier_never_names_backs_off_to_its_nearest_kind():
    wider = parent(category("bicycle"))
    assert wider is not None and wider.term == "wheeled vehicle" and "tram" in wider.labels


def test_an_absent_category_is_nothing_matched_not_a_plan():
    with pytest.raises(NothingMatched, match="nothing in the film matches 'birds'"):
        run_plan(labelled_index(), include=[Query(text="birds", modality="visual")])


def test_excluding_a_category_leaves_none_of_it():
    cut = run_plan(labelled_index(), exclude=[Query(text="pets")])
    kept = [(s.start, s.end) for s in cut.segments]
    assert all(e <= 0.0 + 1e-6 or s >= 20.0 - 1e-6 for s, e in kept)
    assert sum(e - s for s, e in kept) == pytest.approx(50.0, abs=0.5)


def test_the_vocabulary_shows_which_labels_a_category_word_took():
    from cutbot.agent.vocabulary import Vocabulary

    idx = labelled_index()
    mapping = Vocabulary(idx, WordHashEmbedder()).map(Query(text="pets", modality="visual"))
    assert {t.text for t, _ in mapping.terms} == {"Pekingese", "tiger cat", "tabby cat"}
    assert "seen:" in mapping.describe()


def test_a_real_word_is_never_corrected_onto_a_label_word():
    from cutbot.agent.labels import is_word
    from cutbot.agent.typos import respelled  # the one typo fixer, for labels too

    assert respelled("cartoon") == "cartoon" and category("cartoons") is None  # not "carton"
    assert respelled("squirel") == "squirrel" and category("the squirel").term == "squirrel"
    assert respelled("ballon") == "balloon" and category("the ballon").term == "balloon"
    assert respelled("beautifull") == "beautifull" or is_word(respelled("beautifull"))
    assert is_word("drawings") and is_word("cartoon") and not is_word("squirel")


def test_filler_words_name_no_category_and_leave_the_rest():
    assert category("stuff") is None and category("things") is None  # never toilet paper
    assert category("the beach scenes").term == "beach"
    assert category("dog bits").term == "dog" and category("dog bits").whole
    assert category("kitchen stuff") is None or "toilet paper" not in category("kitchen stuff").labels


@pytest.mark.slow
def test_the_real_label_bridge_finds_a_subject_and_answers_nothing_for_an_absent_one(
        indexed_sample, sample_film, sample_truth):
    """Real EfficientNet-lite0 + MiniLM on the sample film: the cat's scenes and no other;
    a piano (an ImageNet class the classifier never names here) is "nothing matches"."""
    from cutbot.agent import Editor
    from cutbot.agent.evaluate import overlap

    editor = Editor.open(sample_film)
    reply = editor.respond("only the cat scenes")
    assert reply.error is None and reply.cut is not None
    segs = [(s.start, s.end) for s in reply.cut.segments]
    cats, others = scenes_where(sample_truth, "visible", "cat")
    assert cats and overlap(segs, cats) >= 0.8 * sum(b - a for a, b in cats)
    assert overlap(segs, others) <= 0.05 * sum(b - a for a, b in segs)
    with pytest.raises(NothingMatched, match="piano"):
        Editor.open(sample_film).ask("the piano")
