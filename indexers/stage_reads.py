"""Reading an index's stage files: each file checked against the manifest's size and
sha256, and the optional stages (faces, looks, voices) read as Index fields.

The optional stages share one convention, so an index written before a stage existed
still opens, and one whose stage is out of date is topped up rather than trusted:

* ``{}``: the stage is absent, stale, damaged or inconsistent and was not asked for (no
  keys given: ``load_index`` opens the index without it), or it was tried with the asked
  key and failed (the manifest says why);
* ``None``: the same when the caller asked for the stage's key (``index_film``): the
  index is treated as missing and only that stage is rebuilt;
* else the stage's Index fields.

store.py writes the files and builds the Index; this module only reads them.
"""
from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import numpy as np

from .errors import IndexMissing
from .index_files import faces_from_json
from .voices import Voices

FACES_FILES = ("faces.json", "faces.npy", "face_crops.npy")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Damaged(IndexMissing):
    """A stage file is missing, or its size or sha256 is not the manifest's."""

    def __init__(self, name: str, why: str, present: bool = True):
        super().__init__(f"{name}: {why}")
        self.why, self.present = why, present


def verified_bytes(root: Path, name: str, entry: dict) -> bytes:
    """The file's bytes, read once, checked against the stage's size and sha256 (indexes
    written before checksums were kept are checked by size alone)."""
    try:
        data = (root / name).read_bytes()
    except FileNotFoundError:
        raise Damaged(name, "missing", present=False) from None
    except OSError as exc:
        raise Damaged(name, f"unreadable: {exc.strerror or exc}") from None
    if len(data) != entry.get("files", {}).get(name):
        raise Damaged(name, "wrong size")
    want = entry.get("sha256", {}).get(name)
    if want is not None and sha256(data) != want:
        raise Damaged(name, "checksum mismatch")
    return data


def json_of(data: bytes) -> Any:
    return json.loads(data.decode("utf-8"))


def npy_of(data: bytes) -> np.ndarray:
    return np.load(io.BytesIO(data))


def _missing(key: str | None) -> dict | None:
    """The stage is not there (see the module docstring): None when asked for, else {}."""
    return None if key is not None else {}


def _current(entry: dict | None, key: str | None) -> bool:
    return entry is not None and (key is None or entry.get("key") == key)


def _stage_state(entry: dict | None, key: str | None) -> dict | None:
    """``{}`` or None when the stage has nothing to read (see the module docstring), else
    the entry whose files are to be read."""
    if not _current(entry, key):
        return _missing(key)
    return {} if entry.get("failed") else entry


def load_faces(root: Path, entry: dict | None, key: str | None) -> dict | None:
    """The faces stage as Index fields (faces, tracks, people, vectors, crops; vectors or
    crops that disagree with the faces are out of date, like a stale key)."""
    if not (entry := _stage_state(entry, key)):
        return entry
    try:
        data = {f: verified_bytes(root, f, entry) for f in FACES_FILES}
    except Damaged:
        return _missing(key)
    faces, tracks, people = faces_from_json(json_of(data["faces.json"]))
    vectors = npy_of(data["faces.npy"])
    crops = npy_of(data["face_crops.npy"])
    if len(vectors) != len(faces) or len(crops) != len(people):
        return _missing(key)  # faces and their vectors or crops disagree
    return {"faces": faces, "face_tracks": tracks, "people": people, "face_vectors": vectors,
            "face_crops": crops, "faces_indexed": True}


def load_looks(root: Path, entry: dict | None, key: str | None, frames: int) -> dict | None:
    """The looks stage as Index fields: one row of picture statistics per frame (a file of
    another length is out of date, like a stale key)."""
    if not (entry := _stage_state(entry, key)):
        return entry
    try:
        looks = npy_of(verified_bytes(root, "looks.npy", entry))
    except Damaged:
        return _missing(key)
    return {"frame_looks": looks} if looks.ndim == 2 and len(looks) == frames else _missing(key)


def load_voices(root: Path, entry: dict | None, key: str | None, sentences: int) -> dict | None:
    """The voices stage as Index fields: a voice id per sentence (a file for another
    number of sentences is out of date, like a stale key)."""
    if not (entry := _stage_state(entry, key)):
        return entry
    try:
        voices = Voices.from_json(json_of(verified_bytes(root, "voices.json", entry)))
    except Damaged:
        return _missing(key)
    return {"voices": voices} if len(voices.voice) == sentences else _missing(key)
