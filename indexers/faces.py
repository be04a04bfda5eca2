"""Who is on screen: faces found per shot, followed through the shot, clustered into people.

Two dlib detectors split the work. The HOG detector is cheap and reliable on frontal
faces, so it runs on every sampled frame (about one a second). The MMOD CNN also sees
profiles, occluded and badly lit faces but costs ~8x more, so it runs on a few frames
per shot, and only where HOG found nobody. Every face gets dlib's 128-d identity
vector; identity, not position, links faces within a shot into tracks (so pans and
zooms don't split them), and ``identity.py`` joins tracks across the film into people.

dlib holds the GIL while it works, so from the pipeline this stage runs in worker
processes (``workers.WorkerPool``: spawned, never forked from a threaded parent; they
ignore Ctrl-C and die with the parent), in parallel with speech and pictures. A film
with no faces simply gets no people.
"""
from __future__ import annotations

import logging
import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .identity import DIM, FaceIndex, _RawTrack, write_contact_sheet  # noqa: F401 - re-exported
from .identity import build_people as _build_people
from .schema import SAME_PERSON, FaceAnalyzer, FaceHit, MediaInfo, Shot
from .workers import Cancelled, WorkerPool

log = logging.getLogger(__name__)

FACES_VERSION = "faces-3"


@dataclass(frozen=True)
class FaceOptions:
    """Where faces are looked for and when two faces are the same person."""

    every: float = 3.0  # at most this many seconds between sampled frames in a long shot
    # A shot of at least ``ends_from`` seconds is sampled at its first, middle and last
    # frames (``edge`` seconds in from its ends) plus every ``every`` s; shorter ones once.
    # Dev (sample film, dev_film, gallery): the same people as every 1 s at ~1/3 of the frames.
    ends_from: float = 1.0
    edge: float = 0.2
    thorough_every: float = 8.0  # one MMOD frame per this much shot (at least one per shot)
    # A HOG track whose best face scores at least this skips the CNN's second opinion
    # (``confirm``). Dev films (sample, dev_film, gallery; first/middle/last sampling): 10
    # all-HOG tracks scored 0.65-2.41; the CNN rejected one, at 1.05, and 7 scored >= 1.2.
    sure_hog: float = 1.2
    # MMOD (~0.6 s a frame on one core, 8x HOG, half the faces stage's time at -0.8) looks
    # again only where HOG saw a weak face-like response (a score this low or higher, below
    # the detection's 0). Dev films (sample, dev_film, gallery; 52 thorough frames where HOG
    # found nobody): the 6 where MMOD found a face had HOG's best at -0.50, -0.41, -0.31,
    # -0.23, -0.16 and -0.07; -0.55 keeps all six (with a margin) and skips 36 of the 52
    # (-0.8 skipped 21). None: look again everywhere.
    evidence: float | None = -0.55
    decode_side: int = 960  # landmarks, identity vectors and crops use frames this size
    hog_side: int = 512  # HOG runs on frames downscaled to this (upsampled once: faces >= ~8% wide)
    mmod_side: int = 384  # MMOD sees faces >= 80 px at this size (>= ~20% of the frame)
    match: float = SAME_PERSON  # dlib's identity distance: the same person below it
    min_faces: int = 2  # a cluster seen on a single sampled frame is detector noise, not a person
    # Identity in two steps (``identity.cluster_tracks``). Tracks of >= ``core_faces`` faces have
    # averaged-out vectors, so they join at a stricter distance. Dev films (sample, dev_film,
    # gallery; 14 tracks, and across films): same-person means of such tracks 0.05-0.25 apart,
    # the closest two different people 0.536 (two animated faces, gallery), other pairs >= 0.61.
    # Pooled (bench/faces.py --identity --pooled: the 3 dev films as one, 6 people): each
    # person in 1 piece. With every track well seen (long shots) the grayscale cameraman
    # falls into 2 pieces: his views are 0.56-0.60 apart (average link), the two animated
    # faces 0.53 and the cameraman and Grace Hopper 0.62, so no one distance (nor flip or
    # jitter averaging of dlib's vectors, tried) separates them; 0.5 keeps people apart.
    core_faces: int = 2
    core_match: float = 0.5
    # A track seen on one frame joins the nearest person within ``attach`` when the next
    # nearest is ``margin`` further. Dev: single-face close-ups 0.553, 0.575 and 0.628 from
    # their own person, >= 0.73 from anyone else in their film.
    attach: float = 0.65
    margin: float = 0.05
    crop: int = 128
    chunk: float = 30.0  # seconds of film per work item (progress granularity)

    def key(self) -> str:
        return (f"every{self.every:g}:ends{self.ends_from:g}:edge{self.edge:g}:sure{self.sure_hog:g}:"
                f"thorough{self.thorough_every:g}:ev{self.evidence}:hog{self.hog_side}:"
                f"mmod{self.mmod_side}:side{self.decode_side}:match{self.match:g}:min{self.min_faces}:"
                f"core{self.core_faces}/{self.core_match:g}:attach{self.attach:g}/{self.margin:g}")


# -- the dlib backend ------------------------------------------------------------------
def _downscale(img: np.ndarray, side: int) -> tuple[np.ndarray, float]:
    h, w = img.shape[:2]
    scale = min(1.0, side / max(h, w))
    if scale >= 1.0:
        return img, 1.0
    import cv2

    return cv2.resize(img, (max(1, round(w * scale)), max(1, round(h * scale))),
                      interpolation=cv2.INTER_AREA), scale


def _iou(a, b) -> float:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    inter = max(0, x1 - x0) * max(0, y1 - y0)
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


class DlibFaceAnalyzer:
    """HOG (+ MMOD when thorough) detection, 5-point alignment, ResNet identity vectors."""

    dim = DIM

    def __init__(self, folder: str | os.PathLike, name: str = "dlib", options: FaceOptions = FaceOptions()):
        import dlib

        folder = Path(folder)
        self.name, self.options = name, options
        self._hog = dlib.get_frontal_face_detector()
        self._mmod = dlib.cnn_face_detection_model_v1(str(folder / "mmod_human_face_detector.dat"))
        self._shape = dlib.shape_predictor(str(folder / "shape_predictor_5_face_landmarks.dat"))
        self._rec = dlib.face_recognition_model_v1(str(folder / "dlib_face_recognition_resnet_model_v1.dat"))
        self._rect = dlib.rectangle

    def analyze(self, image: np.ndarray, thorough: bool = False) -> list[FaceHit]:
        o = self.options
        image = np.ascontiguousarray(image, dtype=np.uint8)  # dlib rejects strided frames
        small, scale = _downscale(image, o.hog_side)
        rects, scores, _ = self._hog.run(small, 1, 0.0 if o.evidence is None else min(0.0, o.evidence))
        found = [(self._box(r, scale, image), float(s), "hog") for r, s in zip(rects, scores) if s >= 0.0]
        if thorough and not found and (o.evidence is None or len(rects)):
            # HOG saw nobody (but something face-like): look again for profiles / partial faces
            small, scale = _downscale(image, o.mmod_side)
            for d in self._mmod(small, 0):
                box = self._box(d.rect, scale, image)
                if d.confidence > 0 and all(_iou(box, f[0]) < 0.3 for f in found):
                    found.append((box, float(d.confidence), "mmod"))
        hits = []
        for box, score, det in found:
            if box[2] - box[0] < 8 or box[3] - box[1] < 8:
                continue
            shape = self._shape(image, self._rect(*box))
            vec = np.asarray(self._rec.compute_face_descriptor(image, shape), dtype=np.float32)
            hits.append(FaceHit(box, score, vec, det))
        return hits

    def confirm(self, image: np.ndarray, box: tuple[int, int, int, int]) -> bool:
        """The CNN's second opinion on a HOG face: HOG alone also fires on cartoons and textures."""
        import cv2

        image = np.ascontiguousarray(image, dtype=np.uint8)
        h, w = image.shape[:2]
        bw, bh = box[2] - box[0], box[3] - box[1]
        x0, y0 = max(0, box[0] - bw // 2), max(0, box[1] - bh // 2)
        x1, y1 = min(w, box[2] + bw // 2), min(h, box[3] + bh // 2)
        scale = 120.0 / max(bw, bh, 1)  # the face at ~120 px, well inside MMOD's range
        crop = cv2.resize(image[y0:y1, x0:x1], (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale))))
        cx, cy = ((box[0] + box[2]) / 2 - x0) * scale, ((box[1] + box[3]) / 2 - y0) * scale
        return any(d.confidence > 0 and d.rect.left() <= cx <= d.rect.right() and d.rect.top() <= cy <= d.rect.bottom()
                   for d in self._mmod(np.ascontiguousarray(crop), 0))

    @staticmethod
    def _box(r, scale: float, image: np.ndarray) -> tuple[int, int, int, int]:
        h, w = image.shape[:2]
        return (max(0, int(r.left() / scale)), max(0, int(r.top() / scale)),
                min(w, int(r.right() / scale)), min(h, int(r.bottom() / scale)))


# -- sampling, tracking, clustering ------------------------------------------------------
def face_times(shots: Sequence[Shot], o: FaceOptions = FaceOptions()) -> list[tuple[float, int, bool]]:
    """``(time, shot, thorough)`` for every sampled frame: a shot's first, middle and last
    frames and one every ``o.every`` s between (faces rarely change inside a shot, and the
    tracker links them by identity), or its middle alone when it is very short."""
    out = []
    for sh in shots:
        d = sh.duration
        if d < o.ends_from:
            ts = [sh.start + d / 2]
        else:
            pad = min(o.edge, d / 10)
            n = max(3, math.ceil((d - 2 * pad) / o.every) + 1)
            n += (n + 1) % 2  # odd: the middle frame is one of them
            ts = [sh.start + pad + i * (d - 2 * pad) / (n - 1) for i in range(n)]
        n = len(ts)
        k = min(n, max(1, math.ceil(d / o.thorough_every)))
        thorough = {int((j + 0.5) * n / k) for j in range(k)}
        out += [(round(t, 3), sh.index, i in thorough) for i, t in enumerate(ts)]
    return out


def track_shot(frames: list[tuple[float, list[FaceHit]]], match: float) -> list[list[tuple[float, FaceHit]]]:
    """Link one shot's faces into tracks by identity: each face joins the nearest open track."""
    tracks: list[list[tuple[float, FaceHit]]] = []
    for t, hits in frames:
        means = [np.mean([h.vector for _, h in tr], axis=0) for tr in tracks]
        pairs = sorted((float(np.linalg.norm(h.vector - m)), i, j)
                       for i, h in enumerate(hits) for j, m in enumerate(means))
        used_h, used_t = set(), set()
        for d, i, j in pairs:
            if d < match and i not in used_h and j not in used_t:
                tracks[j].append((t, hits[i]))
                used_h.add(i)
                used_t.add(j)
        tracks += [[(t, h)] for i, h in enumerate(hits) if i not in used_h]
    return tracks


def _crop(image: np.ndarray, box, size: int) -> np.ndarray:
    from PIL import Image

    h, w = image.shape[:2]
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    half = max(box[2] - box[0], box[3] - box[1]) * 0.8
    x0, y0, x1, y1 = (int(max(0, cx - half)), int(max(0, cy - half)),
                      int(min(w, cx + half)), int(min(h, cy + half)))
    return np.asarray(Image.fromarray(image[y0:y1, x0:x1]).resize((size, size), Image.BICUBIC))


def analyze_chunk(path: str, jobs: list[tuple[float, int, bool]], o: FaceOptions,
                  analyzer: FaceAnalyzer | Callable[[], FaceAnalyzer]) -> tuple[list[_RawTrack], int]:
    """Decode and analyse some whole shots; a top-level function so worker processes can run it."""
    from .sampling import iter_frames

    thorough = {t: th for t, _, th in jobs}
    shot_of = {t: s for t, s, _ in jobs}
    frames = [(t, shot_of[t], thorough[t], img)
              for t, img in iter_frames(path, [t for t, _, _ in jobs], max_side=o.decode_side)]
    return analyze_frames(frames, o, analyzer)


def load_analyzer(analyzer: Callable[[], FaceAnalyzer]) -> bool:
    """Load the models in a worker ahead of its first job (the registry caches them)."""
    analyzer()
    return True


def analyze_frames(frames: list[tuple[float, int, bool, np.ndarray]], o: FaceOptions,
                   analyzer: FaceAnalyzer | Callable[[], FaceAnalyzer]) -> tuple[list[_RawTrack], int]:
    """Detect, track and confirm the faces of some whole shots' decoded frames
    ``(time, shot, thorough, rgb)``; a top-level function so worker processes can run it."""
    if callable(analyzer):  # a picklable factory (models.get_face_analyzer and a name)
        analyzer = analyzer()
    if isinstance(analyzer, DlibFaceAnalyzer):
        analyzer.options = o  # detector sizes are part of the stage's options (and its key)
    by_shot: dict[int, list[tuple[float, list[FaceHit], np.ndarray]]] = {}
    thorough = {t: th for t, _, th, _ in frames}
    for t, shot, th, img in frames:
        by_shot.setdefault(shot, []).append((t, analyzer.analyze(img, th), img))
    out: list[_RawTrack] = []
    confirm = getattr(analyzer, "confirm", None)
    for shot, seen in by_shot.items():
        images = {t: img for t, _, img in seen}
        for tr in track_shot([(t, hits) for t, hits, _ in seen], o.match):
            if confirm is not None and all(h.detector == "hog" for _, h in tr):
                t, hit = max(tr, key=lambda th: th[1].score)
                log.debug("faces: HOG track at %.2f s, best score %.3f", t, hit.score)
                if hit.score < o.sure_hog and not confirm(images[t], hit.box):
                    continue  # both detectors must agree before a face counts
            raw = _RawTrack(shot)
            # HOG runs on every frame; MMOD on 1 in `step`, so its faces stand for `step` frames.
            times = [t for t, _, _ in seen]
            gap = (times[-1] - times[0]) / (len(times) - 1) if len(times) > 1 else o.every
            step = len(times) / max(1, sum(thorough[t] for t in times))
            for t, hit in tr:
                raw.reach.append(gap * (step if hit.detector == "mmod" else 1.0) / 2)
                img = images[t]
                h, w = img.shape[:2]
                x0, y0, x1, y1 = hit.box
                raw.times.append(t)
                raw.boxes.append((x0 / w, y0 / h, x1 / w, y1 / h))
                raw.scores.append(hit.score)
                raw.vectors.append(np.asarray(hit.vector, np.float32))
                if (x1 - x0) * (y1 - y0) > raw.best_area:
                    raw.best_area = float((x1 - x0) * (y1 - y0))
                    raw.crop = _crop(img, hit.box, o.crop)
            out.append(raw)
    return out, len(frames)


def _chunks(jobs: list[tuple[float, int, bool]], seconds: float) -> list[list[tuple[float, int, bool]]]:
    """Whole shots grouped into about ``seconds`` of film each (a track never spans two)."""
    out: list[list] = []
    start = None
    for job in jobs:
        if not out or (job[1] != out[-1][-1][1] and job[0] - start >= seconds):
            out.append([])
            start = job[0]
        out[-1].append(job)
    return out


def index_faces(info: MediaInfo, shots: Sequence[Shot], analyzer: FaceAnalyzer | Callable[[], FaceAnalyzer],
                o: FaceOptions = FaceOptions(), workers: int | None = None,
                progress: Callable[[str, float, float], None] | None = None,
                cancel: threading.Event | None = None) -> FaceIndex:
    """Find, track and cluster the film's faces. A factory runs in worker processes; an object in-process.

    A set ``cancel`` event (or Ctrl-C) kills the workers at once and raises ``workers.Cancelled``."""
    report = progress or (lambda stage, done, total: None)
    jobs = face_times(shots, o)
    total, done = float(len(jobs)), 0.0
    raws: list[_RawTrack] = []
    chunks = _chunks(jobs, o.chunk)
    if callable(analyzer):
        n = max(1, min(face_workers(workers), len(chunks)))
        with WorkerPool(n, cancel) as pool:
            for got, n_frames in pool.map(analyze_chunk, [(info.path, c, o, analyzer) for c in chunks]):
                raws += got
                done += n_frames
                report("faces", done, total)
    else:
        for c in chunks:
            if cancel is not None and cancel.is_set():
                raise Cancelled("stopped")
            got, n_frames = analyze_chunk(info.path, c, o, analyzer)
            raws += got
            done += n_frames
            report("faces", done, total)
    report("faces", total, total)
    result = build_people(raws, shots, o)
    return FaceIndex(result.faces, result.tracks, result.people, result.vectors, result.crops, len(jobs))


def face_workers(workers: int | None = None) -> int:
    """How many faces worker processes: one a core, at most four. The faces are the longest
    chain of the index; a second worker on 2 cores lets them use whatever core speech and
    pictures leave idle (bench/speed.py, idle 2 cores: 60-minute film wall 350 s with one
    worker, 277 s with two; 10-minute film 50 s either way; peak memory 1.64 -> 1.81 GB)."""
    from .settings import cores, env_setting

    return max(1, int(workers or env_setting("FACE_WORKERS") or cores(4)))


def build_people(raws: list[_RawTrack], shots: Sequence[Shot], o: FaceOptions = FaceOptions()) -> FaceIndex:
    """Tracks -> people (``identity.build_people``) with this stage's options."""
    return _build_people(raws, shots, o)
