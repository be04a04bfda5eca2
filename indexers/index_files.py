"""The index's files, one record kind at a time: atomic writers (JSON, float32 and uint8
``.npy``, a flat FAISS file) and the JSON forms of the records (media, sentences with
their words, frames with their labels, faces with tracks and people). ``store.py`` lays
them out in a film's folder and keeps the manifest; this is what each file holds.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

from .files import atomic_save_npy, atomic_write
from .schema import Face, FaceTrack, Frame, MediaInfo, Person, Sentence, Word


def write_json(path: Path, data: Any) -> None:
    def w(tmp):
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            f.flush()
            os.fsync(f.fileno())
    atomic_write(path, w)


def write_npy(path: Path, arr: np.ndarray) -> None:
    atomic_save_npy(path, np.ascontiguousarray(arr, dtype=np.float32))


def write_uint8(path: Path, arr: np.ndarray) -> None:
    atomic_save_npy(path, np.ascontiguousarray(arr, dtype=np.uint8))


def write_faiss(path: Path, vectors: np.ndarray) -> None:
    import faiss

    index = faiss.IndexFlatIP(int(vectors.shape[1]))
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    atomic_write(path, lambda tmp: faiss.write_index(index, tmp))


# -- (de)serialising records ------------------------------------------------------
def media_to_dict(m: MediaInfo) -> dict:
    d = asdict(m)
    d["fps"] = f"{m.fps.numerator}/{m.fps.denominator}"
    return d


def media_from_dict(d: dict) -> MediaInfo:
    return MediaInfo(**{**d, "fps": Fraction(d["fps"])})


def sentences_to_json(sentences: list[Sentence]) -> list[dict]:
    return [{"index": s.index, "start": s.start, "end": s.end, "text": s.text,
             "words": [[w.text, w.start, w.end, w.prob] for w in s.words]} for s in sentences]


def sentences_from_json(data: list[dict]) -> list[Sentence]:
    return [Sentence(d["index"], d["start"], d["end"], d["text"],
                     tuple(Word(*w) for w in d["words"])) for d in data]


def frames_to_json(frames: list[Frame]) -> list[dict]:
    return [{"index": f.index, "time": f.time, "shot": f.shot,
             "labels": [[lab, round(float(p), 5)] for lab, p in f.labels]} for f in frames]


def frames_from_json(data: list[dict]) -> list[Frame]:
    return [Frame(d["index"], d["time"], d["shot"], tuple((lab, p) for lab, p in d["labels"]))
            for d in data]


def faces_to_json(faces, tracks, people, frames: int = 0) -> dict:
    return {"frames": frames,
            "faces": [[f.index, f.time, f.shot, list(f.box), f.score, f.track, f.person] for f in faces],
            "tracks": [asdict(t) for t in tracks],
            "people": [asdict(p) for p in people]}


def faces_from_json(data: dict) -> tuple[list[Face], list[FaceTrack], list[Person]]:
    faces = [Face(i, t, sh, tuple(box), sc, tr, pe) for i, t, sh, box, sc, tr, pe in data["faces"]]
    tracks = [FaceTrack(**{**d, "faces": tuple(d["faces"])}) for d in data["tracks"]]
    people = [Person(**{**d, "shots": tuple(d["shots"]), "tracks": tuple(d["tracks"]),
                        "centroid": tuple(d.get("centroid", ()))}) for d in data["people"]]
    return faces, tracks, people
