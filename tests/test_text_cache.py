"""A film's query vectors kept beside its index (issue #15: `cutbot suggest` under 3 s):
the text model loads only for a text the film has not been asked before."""
from __future__ import annotations

import numpy as np
import pytest
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
