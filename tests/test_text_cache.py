"""A film's query vectors kept beside its index (issue #15: `cutbot suggest` under 3 s):
the text model loads only for a text the film has not been asked before."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.indexers import text_cache
from cutbot.indexers.text_cache import SMALL, CachedTextEmbedder
from fakes import WordHashEmbedder


class Counting(WordHashEmbedder):
    def __init__(self):
        self.calls: list[list[str]] = []

    def embed(self, texts):
        self.calls.append(list(texts))
        return super().embed(texts)


def loader(box: list):
    def load():
        box.append(Counting())
        return box[-1]
    return load


def test_vectors_are_the_models_and_are_read_back_without_loading_it(tmp_path):
    loaded: list = []
    first = CachedTextEmbedder("word-hash", loader(loaded), tmp_path)
    got = first.embed(["clubs", "the burger", "clubs"])
    assert np.allclose(got, WordHashEmbedder().embed(["clubs", "the burger", "clubs"]))
    assert loaded[0].calls == [["clubs", "the burger"]]  # each new text once, in one batch
    assert list(tmp_path.glob("queries-word-hash.npz")) and not list(tmp_path.glob("*.part"))

    def never():
        raise AssertionError("the model must not load for texts the film was asked before")
    again = CachedTextEmbedder("word-hash", never, tmp_path)
    assert np.allclose(again.embed(["the burger", "clubs"]), got[[1, 0]])
    assert again.dim == WordHashEmbedder.dim


def test_seeded_texts_need_no_model_and_are_not_saved(tmp_path):
    def never():
        raise AssertionError("seeded texts need no model")
    cache = CachedTextEmbedder("word-hash", never, tmp_path)
    vecs = WordHashEmbedder().embed(["camera", "tripod"])
    cache.seed(["camera", "tripod"], vecs)
    assert np.allclose(cache.embed(["tripod"]), vecs[1:])
    assert not list(tmp_path.glob("queries-*"))  # the vocabulary keeps its own copy


def test_bulk_embeddings_pass_through_and_no_folder_keeps_nothing(tmp_path):
    loaded: list = []
    cache = CachedTextEmbedder("word-hash", loader(loaded), None)
    many = [f"word{k}" for k in range(SMALL + 1)]
    assert cache.embed(many).shape == (SMALL + 1, WordHashEmbedder.dim)
    assert cache.embed(["x"]).shape == (1, WordHashEmbedder.dim)
    assert not list(tmp_path.iterdir())


def test_a_damaged_cache_is_started_afresh(tmp_path):
    (tmp_path / "queries-word-hash.npz").write_bytes(b"not a zip")
    loaded: list = []
    cache = CachedTextEmbedder("word-hash", loader(loaded), tmp_path)
    assert cache.embed(["dog"]).shape == (1, WordHashEmbedder.dim) and loaded


def never():
    raise AssertionError("the model must not load for texts the film was asked before")


def test_a_miss_appends_to_the_journal_and_leaves_the_snapshot_as_it_was(tmp_path):
    loaded: list = []
    cache = CachedTextEmbedder("word-hash", loader(loaded), tmp_path)
    cache.embed(["dog"])  # the first text makes the snapshot
    snapshot = tmp_path / "queries-word-hash.npz"
    before = snapshot.read_bytes()
    cache.embed(["cat", "dog"])
    cache.embed(["the red bus"])
    assert snapshot.read_bytes() == before  # not rewritten for a miss
    journal = tmp_path / "queries-word-hash.journal"
    assert journal.is_file() and journal.stat().st_size < 3 * (WordHashEmbedder.dim * 4 + 40)
    again = CachedTextEmbedder("word-hash", never, tmp_path)
    assert np.allclose(again.embed(["cat", "the red bus", "dog"]),
                       WordHashEmbedder().embed(["cat", "the red bus", "dog"]))


@pytest.mark.parametrize("damage", ["torn", "flipped"])
def test_a_torn_or_damaged_journal_keeps_what_came_before_and_is_folded(tmp_path, damage):
    loaded: list = []
    cache = CachedTextEmbedder("word-hash", loader(loaded), tmp_path)
    cache.embed(["dog"])
    cache.embed(["cat"])
    cache.embed(["bus"])
    journal = tmp_path / "queries-word-hash.journal"
    raw = journal.read_bytes()
    half = len(raw) // 2 + 10  # inside the second record ("bus")
    journal.write_bytes(raw[:half] if damage == "torn" else raw[:half] + bytes([raw[half] ^ 0xFF]) + raw[half + 1:])
    loaded2: list = []
    again = CachedTextEmbedder("word-hash", loader(loaded2), tmp_path)
    assert np.allclose(again.embed(["dog", "cat"]), WordHashEmbedder().embed(["dog", "cat"])) and not loaded2
    again.embed(["bus"])  # lost with the tear: embedded again, and everything folded into the snapshot
    assert loaded2[0].calls == [["bus"]] and not journal.exists()
    third = CachedTextEmbedder("word-hash", never, tmp_path)
    assert third.embed(["dog", "cat", "bus"]).shape == (3, WordHashEmbedder.dim)


def test_a_journal_without_its_snapshot_is_not_read_and_a_long_one_is_folded(tmp_path, monkeypatch):
    loaded: list = []
    cache = CachedTextEmbedder("word-hash", loader(loaded), tmp_path)
    cache.embed(["dog"])
    cache.embed(["cat"])
    (tmp_path / "queries-word-hash.npz").unlink()  # the cache cleared the way bench/suggest.py does
    fresh: list = []
    CachedTextEmbedder("word-hash", loader(fresh), tmp_path).embed(["cat"])
    assert fresh and fresh[0].calls == [["cat"]]
    monkeypatch.setattr(text_cache, "JOURNAL_MAX", 2)
    many = CachedTextEmbedder("word-hash", loader([]), tmp_path)
    for word in ("a1", "b2", "c3"):
        many.embed([word])
    assert not (tmp_path / "queries-word-hash.journal").exists()  # folded past JOURNAL_MAX
    assert CachedTextEmbedder("word-hash", never, tmp_path).embed(["a1", "b2", "c3", "cat"]).shape[0] == 4


@pytest.mark.slow
def test_the_real_scorer_keeps_a_films_queries_beside_its_index(indexed_dev, dev_film):
    """The real path: MiniLM through the Scorer of the dev film's index; a second process
    (here: a fresh scorer) gets the same vectors without loading the model."""
    from cutbot.agent.search import Scorer
    from cutbot.indexers import load_index
    from cutbot.indexers.models import get_text_embedder

    index = load_index(dev_film)
    scorer = Scorer(index)
    got = scorer.text.embed(["a small dog", "fruit on a table"])
    assert np.allclose(got, get_text_embedder(index.models.get("text")).embed(["a small dog", "fruit on a table"]),
                       atol=1e-5)
    fresh = Scorer(load_index(dev_film)).text
    assert fresh.name == get_text_embedder(index.models.get("text")).name
    fresh._load = lambda: (_ for _ in ()).throw(AssertionError("loaded the model"))
    assert np.allclose(fresh.embed(["fruit on a table"]), got[1:])


def test_a_fold_keeps_what_another_process_journaled_meanwhile(tmp_path, monkeypatch):
    CachedTextEmbedder("word-hash", loader([]), tmp_path).embed(["seed"])  # the snapshot
    a = CachedTextEmbedder("word-hash", loader([]), tmp_path)
    b = CachedTextEmbedder("word-hash", loader([]), tmp_path)
    b.embed(["said by b"])  # journaled after a read the cache
    monkeypatch.setattr(text_cache, "JOURNAL_MAX", 0)  # a's next miss folds
    a.embed(["said by a"])
    assert not list(tmp_path.glob("*.journal"))

    def never():
        raise AssertionError("every text is in the folded snapshot")
    later = CachedTextEmbedder("word-hash", never, tmp_path)
    assert later.embed(["seed", "said by a", "said by b"]).shape[0] == 3
