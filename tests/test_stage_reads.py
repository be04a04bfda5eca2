"""The optional stages' one convention: absent, stale, damaged or of the wrong length is
{} when the stage was not asked for and None when it was (index_film then rebuilds it)."""
from __future__ import annotations

import io
import json

import numpy as np

from cutbot.indexers.stage_reads import load_looks, load_voices, sha256
from cutbot.indexers.voices import Voices, VoiceStats


def _entry(tmp_path, name: str, data: bytes, key: str = "k") -> dict:
    (tmp_path / name).write_bytes(data)
    return {"key": key, "files": {name: len(data)}, "sha256": {name: sha256(data)}}


def _npy(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    np.save(buf, arr)
    return buf.getvalue()


def test_looks_of_the_wrong_length_are_missing_and_asked_ones_are_rebuilt(tmp_path):
    entry = _entry(tmp_path, "looks.npy", _npy(np.zeros((3, 6), np.float32)))
    assert load_looks(tmp_path, entry, "k", 3)["frame_looks"].shape == (3, 6)
    assert load_looks(tmp_path, entry, None, 3)["frame_looks"].shape == (3, 6)
    assert load_looks(tmp_path, entry, "k", 4) is None  # asked for: rebuilt, never accepted
    assert load_looks(tmp_path, entry, None, 4) == {}  # not asked for: the index opens without it
    assert load_looks(tmp_path, entry, "other", 3) is None
    assert load_looks(tmp_path, None, None, 3) == {} and load_looks(tmp_path, None, "k", 3) is None


def test_voices_follow_the_same_convention_and_damage_counts_as_missing(tmp_path):
    v = Voices((0, 0), (110.0, 112.0), "k", {0: VoiceStats(111.0, 2.0, 2)})
    entry = _entry(tmp_path, "voices.json", json.dumps(v.to_json()).encode())
    assert load_voices(tmp_path, entry, "k", 2) == {"voices": v}
    assert load_voices(tmp_path, entry, "k", 3) is None and load_voices(tmp_path, entry, None, 3) == {}
    (tmp_path / "voices.json").write_bytes(b"{}" + b" " * (entry["files"]["voices.json"] - 2))  # same size
    assert load_voices(tmp_path, entry, "k", 2) is None and load_voices(tmp_path, entry, None, 2) == {}
