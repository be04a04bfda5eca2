"""The Index on disk: one folder per film, keyed by content fingerprint.

Layout under ``cutbot_home()/indexes/<fingerprint[:16]>/``::

    manifest.json      format, media, models, stage keys + file sizes and sha256, timings
    shots.json         [Shot]
    transcript.json    [Sentence with words]
    frames.json        [Frame];  frames.npy / frames.faiss: one row per frame
    sentences.npy / sentences.faiss: one row per sentence
    faces.json         faces, tracks, people;  faces.npy: identity vectors;  face_crops.npy
                       (optional stage: an index written before faces existed still loads)
    looks.npy          one row of picture statistics per frame (indexers/looks.py; optional too)
    voices.json        a voice id and pitch per sentence (indexers/voices.py; optional too)

Every file is written to a temp file in the same folder and ``os.replace``d, and the
manifest is rewritten after each stage's files are in place, so a crash leaves at
worst a partial (never a "complete") index, and the finished stages are reused on
the next run. Every stage file's sha256 is kept in the manifest and checked when it is
read: a damaged file (a bad disk, a stray editor) is rebuilt, never trusted and never
fatal. Loading reads JSON and ``.npy`` only: no models, no torch, and faiss only when a
search index is first asked for.
"""
from __future__ import annotations

import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from .errors import IndexMissing, MediaError
from .index_files import (faces_to_json, frames_from_json, frames_to_json,
                          media_from_dict, media_to_dict, sentences_from_json,
                          sentences_to_json, write_faiss, write_json, write_npy, write_uint8)
from .intervals import index_at
from .schema import Face, FaceTrack, Frame, MediaInfo, Person, Sentence, Shot
from .settings import cutbot_home
from .stage_reads import (FACES_FILES, Damaged, json_of, load_faces, load_looks, load_voices, npy_of, sha256,
                          verified_bytes)
from .voices import Voices

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
STAGE_FILES: dict[str, tuple[str, ...]] = {
    "shots": ("shots.json",),
    "transcript": ("transcript.json",),
    "frames": ("frames.json", "frames.npy", "frames.faiss"),
    "sentences": ("sentences.npy", "sentences.faiss"),
}
STAGES = tuple(STAGE_FILES)
# Stages an index may lack and still be complete (added after format 1 was fixed).
OPTIONAL_STAGE_FILES: dict[str, tuple[str, ...]] = {
    "faces": FACES_FILES,
    "looks": ("looks.npy",),  # indexers/looks.py: one row of picture statistics per frame
    "voices": ("voices.json",),  # voices: who speaks each sentence (indexers/voices.py)
}
ALL_STAGE_FILES = {**STAGE_FILES, **OPTIONAL_STAGE_FILES}


# -- the Index ----------------------------------------------------------------------
@dataclass(frozen=True)
class Index:
    """Everything the agent reads about one film; search indexes are built on first use."""

    root: Path
    media: MediaInfo
    shots: list[Shot]
    sentences: list[Sentence]
    frames: list[Frame]
    frame_vectors: np.ndarray
    sentence_vectors: np.ndarray
    models: dict[str, str]
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    created: str = ""
    faces: list[Face] = field(default_factory=list)
    face_tracks: list[FaceTrack] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    face_vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 128), np.float32), compare=False)
    face_crops: np.ndarray = field(default_factory=lambda: np.zeros((0, 128, 128, 3), np.uint8), compare=False)
    faces_indexed: bool = False  # False: the faces stage never ran (no dlib, or an older index)
    # one row of indexers.looks.LOOK_FIELDS per frame; empty in an index made before looks
    frame_looks: np.ndarray = field(default_factory=lambda: np.zeros((0, 6), np.float32), compare=False)
    voices: Voices | None = field(default=None, compare=False)  # None: an older index

    @cached_property
    def frame_index(self):
        """faiss IndexFlatIP over ``frame_vectors`` (inner product = cosine)."""
        return _read_or_build(self.root / "frames.faiss", self.frame_vectors)

    @cached_property
    def sentence_index(self):
        return _read_or_build(self.root / "sentences.faiss", self.sentence_vectors)

    @property
    def duration(self) -> float:
        """What plans may use: the film, or the part of a damaged one that reads."""
        return self.media.usable_duration

    def shot_at(self, t: float) -> Shot:
        """The shot that shows time ``t`` (clamped to the film)."""
        return self.shots[index_at([s.start for s in self.shots], t)]


def _read_or_build(path: Path, vectors: np.ndarray):
    import faiss

    try:
        index = faiss.read_index(str(path))
        if index.ntotal == len(vectors) and index.d == vectors.shape[1]:
            return index
    except RuntimeError:
        pass
    index = faiss.IndexFlatIP(int(vectors.shape[1]))
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def index_dir(fingerprint: str, home: str | os.PathLike | None = None) -> Path:
    return cutbot_home(home) / "indexes" / fingerprint[:16]


# -- writing, stage by stage ---------------------------------------------------------
class IndexStore:
    """The writable side: saves stages as they finish and keeps the manifest honest.

    Thread-safe: speech and pictures finish their stages from different threads.
    """

    def __init__(self, media: MediaInfo, home: str | os.PathLike | None = None,
                 models: dict[str, str] | None = None, fresh: bool = False):
        self.media = media
        self.root = index_dir(media.fingerprint, home)
        self.root.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        old = None if fresh else read_manifest(self.root)
        if old is not None and old.get("fingerprint") != media.fingerprint:
            old = None
        now = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        self.manifest: dict[str, Any] = {
            "format": FORMAT_VERSION,
            "fingerprint": media.fingerprint,
            "media": media_to_dict(media),
            "models": dict(models or {}),
            "backends": {},
            "created": (old or {}).get("created", now),
            "updated": now,
            "stages": dict((old or {}).get("stages", {})),
            "timings": dict((old or {}).get("timings", {})),
            "complete": False,
        }

    # -- reuse
    def has_stage(self, stage: str, key: str) -> bool:
        """The stage was saved with the same key and its files are all intact (size and
        sha256); a damaged one gets a one-line note and is rebuilt by the caller."""
        entry = self.manifest["stages"].get(stage)
        if not entry or entry.get("key") != key:
            return False
        if entry.get("failed"):
            return True  # tried with this key and failed: not run again (``--force`` does)
        for f in ALL_STAGE_FILES[stage]:
            try:
                verified_bytes(self.root, f, entry)
            except Damaged as exc:
                if exc.present:
                    log.warning("cutbot: note: the index file %s is damaged (%s); rebuilding "
                                "the %s stage", f, exc.why, stage)
                return False
        return True

    def load_shots(self) -> list[Shot]:
        return [Shot(**d) for d in _read_json(self.root / "shots.json")]

    def load_transcript(self) -> list[Sentence]:
        return sentences_from_json(_read_json(self.root / "transcript.json"))

    def save_faces(self, faces, tracks, people, vectors: np.ndarray, crops: np.ndarray, key: str,
                   frames: int = 0) -> None:
        write_npy(self.root / "faces.npy", vectors.reshape(len(faces), -1) if len(faces) else
                  np.zeros((0, 128), np.float32))
        write_uint8(self.root / "face_crops.npy", crops)
        write_json(self.root / "faces.json", faces_to_json(faces, tracks, people, frames))
        self._commit("faces", key)

    # -- voices
    def save_voices(self, voices: Voices, key: str) -> None:
        write_json(self.root / "voices.json", voices.to_json())
        self._commit("voices", key)

    # -- saving
    def save_shots(self, shots: list[Shot], key: str) -> None:
        write_json(self.root / "shots.json", [asdict(s) for s in shots])
        self._commit("shots", key)

    def save_transcript(self, sentences: list[Sentence], key: str) -> None:
        write_json(self.root / "transcript.json", sentences_to_json(sentences))
        self._commit("transcript", key)

    def save_frames(self, frames: list[Frame], vectors: np.ndarray, key: str) -> None:
        write_json(self.root / "frames.json", frames_to_json(frames))
        write_npy(self.root / "frames.npy", vectors)
        write_faiss(self.root / "frames.faiss", vectors)
        self._commit("frames", key)

    def load_frames(self) -> tuple[list[Frame], None, None]:
        """The saved frames (the looks stage needs their times), without their vectors."""
        return frames_from_json(_read_json(self.root / "frames.json")), None, None

    def save_looks(self, looks: np.ndarray, key: str) -> None:
        write_npy(self.root / "looks.npy", np.asarray(looks, np.float32))
        self._commit("looks", key)

    def save_sentence_vectors(self, vectors: np.ndarray, key: str) -> None:
        write_npy(self.root / "sentences.npy", vectors)
        write_faiss(self.root / "sentences.faiss", vectors)
        self._commit("sentences", key)

    def mark_failed(self, stage: str, key: str, why: str) -> None:
        """An optional stage failed: the index is complete without it, and the key says for
        which version it was tried, so a new version (or ``--force``) tries again."""
        with self._lock:
            self.manifest["stages"][stage] = {"key": key, "files": {}, "sha256": {}, "failed": why,
                                              "done": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
            self._write_manifest()

    def set_backend(self, role: str, name: str) -> None:
        with self._lock:
            self.manifest["backends"][role] = name

    def _commit(self, stage: str, key: str, timing: float | None = None) -> None:
        """Record a stage whose files are in place; the manifest goes last."""
        with self._lock:
            files = {f: (self.root / f).stat().st_size for f in ALL_STAGE_FILES[stage]}
            sums = {f: sha256((self.root / f).read_bytes()) for f in ALL_STAGE_FILES[stage]}
            self.manifest["stages"][stage] = {"key": key, "files": files, "sha256": sums,
                                              "done": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
            self.manifest["complete"] = False
            self._write_manifest()

    def finish(self, timings: dict[str, float]) -> None:
        """Mark the index complete: only now will ``load_index`` accept it."""
        with self._lock:
            missing = [s for s in STAGES if s not in self.manifest["stages"]]
            if missing:
                raise RuntimeError(f"cannot finish index: stages {missing} not saved")
            self.manifest["timings"] = {k: round(float(v), 4) for k, v in timings.items()}
            self.manifest["complete"] = True
            self._write_manifest()

    def _write_manifest(self) -> None:
        self.manifest["updated"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
        write_json(self.root / MANIFEST, self.manifest)


# -- reading ---------------------------------------------------------------------------
def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def read_manifest(root: Path) -> dict | None:
    """The manifest if it parses and has our format, else None."""
    try:
        data = _read_json(root / MANIFEST)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT_VERSION:
        return None
    return data


def open_complete(root: Path, fingerprint: str, keys: dict[str, str] | None = None,
                  source: str | None = None) -> Index | None:
    """The complete index in ``root`` (matching ``keys`` when given), or None."""
    man = read_manifest(root)
    if not man or not man.get("complete") or man.get("fingerprint") != fingerprint:
        return None
    stages = man.get("stages", {})
    try:
        data: dict[str, bytes] = {}
        for stage, files in STAGE_FILES.items():
            entry = stages[stage]
            if keys is not None and entry.get("key") != keys.get(stage):
                return None
            for f in files:
                data[f] = verified_bytes(root, f, entry)
        media = media_from_dict(man["media"])
        if source:
            media = MediaInfo(**{**asdict(media), "path": source})
        shots = [Shot(**d) for d in json_of(data["shots.json"])]
        sentences = sentences_from_json(json_of(data["transcript.json"]))
        frames = frames_from_json(json_of(data["frames.json"]))
        fvec = npy_of(data["frames.npy"])
        svec = npy_of(data["sentences.npy"])
        faces = load_faces(root, stages.get("faces"), (keys or {}).get("faces"))
        looks = load_looks(root, stages.get("looks"), (keys or {}).get("looks"), len(frames))
        voices = load_voices(root, stages.get("voices"), (keys or {}).get("voices"), len(sentences))
        if faces is None or looks is None or voices is None:
            return None
    except Damaged as exc:  # index_film rebuilds that stage (and says so); load_index asks for it
        log.info("index in %s: %s; treating it as missing", root, exc)
        return None
    except (OSError, KeyError, TypeError, ValueError) as exc:
        log.warning("index in %s is damaged (%s); treating it as missing", root, exc)
        return None
    if len(fvec) != len(frames) or len(svec) != len(sentences) or not shots:
        log.warning("index in %s has inconsistent parts; treating it as missing", root)
        return None
    return Index(root=root, media=media, shots=shots, sentences=sentences, frames=frames,
                 frame_vectors=fvec, sentence_vectors=svec, models=dict(man.get("models", {})),
                 timings=dict(man.get("timings", {})), created=man.get("created", ""), **faces, **looks,
                 **voices)


def load_index(film_path: str | os.PathLike, home: str | os.PathLike | None = None) -> Index:
    """The finished index of this film (found by content, so renames are fine)."""
    from .media import _check_file, fingerprint

    try:
        p = _check_file(film_path)
    except MediaError as exc:
        raise IndexMissing(f"no index for {film_path}: {exc}") from None
    fp = fingerprint(p)
    index = open_complete(index_dir(fp, home), fp, source=str(p.resolve()))
    if index is None:
        raise IndexMissing(f"no index for {film_path}: run `cutbot index {film_path}`")
    return index
