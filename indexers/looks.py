"""The look of a picture, measured per sampled frame: cheap statistics of its pixels.

"the animated part", "the drawing of a fish", "the black and white shots" describe how the
picture is made, not a thing in it: no ImageNet label names it, and the saved face crops
only see it where a face is. So every frame the visual stage already decodes also gets a
few numbers, computed on a small copy (``LOOK_SIDE`` px, well under a millisecond each):

- ``colourful``: Hasler and Suesstrunk's colourfulness (spread and mean of the opponent
  channels R-G and (R+G)/2-B, 0 for grey pictures);
- ``chroma``: mean over pixels of (max - min channel), 0 for grey pictures;
- ``flat``: share of pixels where the local luma gradient is tiny (flat paint, render
  backgrounds; a photograph's sensor grain and texture leave few);
- ``colours``: distinct colours after quantising each channel to 16 levels, per pixel;
- ``edges``: share of pixels with a strong luma gradient (outlines of drawings);
- ``smooth``: share of pixels of the frame itself (not the small copy: grain is fine detail)
  whose luma Laplacian is under 1, i.e. exactly smooth: paint, clip art and renders have
  whole regions like that, a photograph's grain and texture leave few;
- one column per basic colour term (``colours.COLOURS``): the share of pixels it names.

- ``moving``: how much of the change between this frame and the next sampled frame of its
  shot no single camera move explains: 1 - explained, as the mean luma residual after the
  best affine warp (ECC) over the mean luma difference. A still picture under a slow zoom or
  pan is one picture under a smooth transform (dev films, every still shot's median 0.04-0.24);
  footage has independent motion: people, leaves, a mouth (0.58-1.42). NaN for a shot's last
  frame and where the two frames are identical. The decode pass reads it as the frames go by
  (``Motion``: the small lumas of the open shot's frames, paired when the shot closes); only
  an index made before it has its looks read off the film again (``complete``).

Stored as ``looks.npy`` (one row per frame, columns ``LOOK_FIELDS``) by its own stage, so an
index made before it gets the array on the next ``cutbot index`` without redoing the rest.
"""
from __future__ import annotations

import os
import statistics
from typing import Sequence

import numpy as np

from .colours import COLOURS, colour_shares

LOOKS_VERSION = "looks-3"
#: ``moving`` stays last: the decode pass and ``looks_at`` fill it in apart from the rest
LOOK_FIELDS = ("colourful", "chroma", "flat", "colours", "edges", "smooth", *COLOURS, "moving")
LOOK_SIDE = 80  # the small copy's longer side: looks are about the whole picture, not detail
FLAT_GRADIENT = 2.0  # luma steps (0-255) below which a pixel counts as flat
EDGE_GRADIENT = 40.0  # luma steps above which a pixel is on an edge
MOTION_SIDE = 160  # the luma copy aligned for ``moving``: camera moves are whole-picture, cheap to fit
MOTION_GAP = 1.0  # seconds: frames of a shot closer than this are no pair (a shot middle beside a grid time)


#: a shot whose median ``moving`` is under this is a still picture under a slow zoom or pan (dev
#: films, 84 shots: every still photo, drawing and render 0.05-0.22; every piece of real footage
#: and animation 0.53-1.42, walking past a bike 0.53, a talking head 1.00; 0.37: the gap's midpoint)
STILL_BELOW = 0.37


def still_shots(frame_looks: np.ndarray, frame_shot: Sequence[int], below: float = STILL_BELOW) -> set[int]:
    """The shots that are one still picture (median ``moving`` under ``below``): what it shows is
    there the whole shot, even where a slow zoom first makes it too small to detect. A shot whose
    motion is unknown (one frame, an index made before ``moving``) is none of them."""
    moving = np.asarray(frame_looks, np.float32)
    if moving.ndim != 2 or moving.shape[1] != len(LOOK_FIELDS) or len(moving) != len(frame_shot):
        return set()
    moved: dict[int, list[float]] = {}
    for shot, m in zip(frame_shot, moving[:, -1].tolist()):
        if m == m:  # not NaN
            moved.setdefault(int(shot), []).append(m)
    return {shot for shot, ms in moved.items() if statistics.median(ms) < below}  # not np.median: it imports numpy.ma


def track_spans(index) -> list[tuple[float, float]]:
    """When each of ``index.face_tracks`` is on screen (same order): the track, or its whole shot
    where the shot is one still picture (``still_shots``: a photo under a slow zoom shows the
    face from its first frame; the detector finds it only once the zoom makes it big enough)."""
    still = still_shots(index.frame_looks, [f.shot for f in index.frames])
    shots = index.shots
    return [(shots[tr.shot].start, shots[tr.shot].end) if tr.shot in still else (tr.start, tr.end)
            for tr in index.face_tracks]


def small_copy(image: np.ndarray, side: int = LOOK_SIDE) -> np.ndarray:
    """(h, w, 3) float32 at most ``side`` px on its longer side, by block means (area)."""
    a = np.asarray(image)
    if a.ndim == 2:
        a = np.stack([a] * 3, axis=-1)
    a = a[..., :3].astype(np.float32)
    h, w = a.shape[:2]
    k = max(1, int(np.ceil(max(h, w) / side)))
    hh, ww = (h // k) * k, (w // k) * k
    if hh == 0 or ww == 0:
        return a
    return a[:hh, :ww].reshape(hh // k, k, ww // k, k, 3).mean(axis=(1, 3))


def picture_looks(image: np.ndarray) -> np.ndarray:
    """The ``LOOK_FIELDS`` of one RGB picture (uint8 or float 0-255), float32."""
    a = small_copy(image)
    r, g, b = a[..., 0], a[..., 1], a[..., 2]
    rg, yb = r - g, 0.5 * (r + g) - b
    colourful = float(np.hypot(rg.std(), yb.std()) + 0.3 * np.hypot(rg.mean(), yb.mean()))
    chroma = float((a.max(axis=2) - a.min(axis=2)).mean())
    luma = 0.299 * r + 0.587 * g + 0.114 * b
    gx = np.abs(np.diff(luma, axis=1))[:-1, :] if luma.shape[0] > 1 else np.zeros((0, 0))
    gy = np.abs(np.diff(luma, axis=0))[:, :-1] if luma.shape[1] > 1 else np.zeros((0, 0))
    grad = np.maximum(gx, gy)
    flat = float((grad < FLAT_GRADIENT).mean()) if grad.size else 1.0
    edges = float((grad > EDGE_GRADIENT).mean()) if grad.size else 0.0
    q = (np.clip(a, 0, 255).astype(np.int32) >> 4).reshape(-1, 3)
    codes = (q[:, 0] << 8) | (q[:, 1] << 4) | q[:, 2]
    colours = float(np.unique(codes).size / max(1, codes.size))
    return np.concatenate([[colourful, chroma, flat, colours, edges, smoothness(image)], colour_shares(a),
                           [np.nan]]).astype(np.float32)


def smoothness(image: np.ndarray) -> float:
    """Share of pixels whose 4-neighbour luma Laplacian is under 1 (see the module note)."""
    a = np.asarray(image)
    if a.ndim == 2:
        a = np.stack([a] * 3, axis=-1)
    if a.shape[0] < 3 or a.shape[1] < 3:
        return 0.0
    a = a[..., :3].astype(np.float32)
    y = 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]
    lap = np.abs(4 * y[1:-1, 1:-1] - y[:-2, 1:-1] - y[2:, 1:-1] - y[1:-1, :-2] - y[1:-1, 2:])
    return float((lap < 1.0).mean())


def looks_of(images: Sequence[np.ndarray]) -> np.ndarray:
    """(n, len(LOOK_FIELDS)) float32 for a batch of pictures."""
    if len(images) == 0:
        return np.zeros((0, len(LOOK_FIELDS)), np.float32)
    return np.stack([picture_looks(im) for im in images]).astype(np.float32)


def _luma(image: np.ndarray) -> np.ndarray:
    import cv2

    a = np.asarray(image)
    a = a if a.ndim == 2 else (0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2])
    h, w = a.shape[:2]
    k = MOTION_SIDE / max(h, w, 1)
    size = (max(8, int(w * k)), max(8, int(h * k)))
    return cv2.resize(a.astype(np.float32), size, interpolation=cv2.INTER_AREA)


def _residual(a: np.ndarray, b: np.ndarray, warp: np.ndarray, margin: int = 6) -> float:
    import cv2

    h, w = a.shape
    wa = cv2.warpAffine(a, warp, (w, h), flags=cv2.INTER_LINEAR + cv2.WARP_INVERSE_MAP, borderValue=-1)
    r, ok = np.abs(wa - b)[margin:-margin, margin:-margin], wa[margin:-margin, margin:-margin] >= 0
    return float(r[ok].mean()) if ok.mean() > 0.5 else np.inf


def moving(first: np.ndarray, second: np.ndarray) -> float:
    """The ``moving`` statistic of two frames of one shot (see the module note)."""
    return _moved(_luma(first), _luma(second))


def _moved(a: np.ndarray, b: np.ndarray) -> float:
    """``moving`` of two small lumas: the luma residual after the best affine warp, over the
    luma difference. The warp starts from no move and from the phase correlation's shift
    both ways (a fast pan or a star field defeats one start); the best of the three is kept."""
    import cv2

    diff = float(np.abs(a - b).mean())
    if diff < 0.5:  # the same picture: nothing moved, and no camera move either
        return float("nan")
    (dx, dy), _ = cv2.phaseCorrelate(a, b)
    best = np.inf
    for shift in ((0.0, 0.0), (dx, dy), (-dx, -dy)):
        warp = np.eye(2, 3, dtype=np.float32)
        warp[:, 2] = shift
        try:
            _, warp = cv2.findTransformECC(b, a, warp, cv2.MOTION_AFFINE,
                                           (cv2.TERM_CRITERIA_EPS | cv2.TERM_CRITERIA_COUNT, 60, 1e-5), None, 5)
        except cv2.error:
            pass  # no convergence from this start: its warp as it stands
        best = min(best, _residual(a, b, warp))
    return float(min(best / diff, 3.0)) if np.isfinite(best) else float("nan")


def looks_at(path: str | os.PathLike, times: Sequence[float], shots: Sequence[int] | None = None,
             max_side: int = 384) -> np.ndarray:
    """The looks of the frames shown at ``times`` (in that order), decoded for them: how an
    index made before looks existed gets them (one forward decode, no model). With ``shots``
    (each frame's shot), ``moving`` too, from each frame and the next of its shot."""
    from .sampling import iter_frames

    out = np.full((len(times), len(LOOK_FIELDS)), np.nan, np.float32)  # NaN: a picture not read
    rows: dict[float, list[int]] = {}
    for i, t in enumerate(times):
        rows.setdefault(float(t), []).append(i)
    shot_at = {float(t): shots[i] for i, t in enumerate(times)} if shots is not None else {}
    prev: tuple[float, np.ndarray] | None = None  # the earliest unpaired frame of the current shot
    for t, img in iter_frames(path, sorted(rows), max_side=max_side):
        out[rows.get(float(t), [])] = picture_looks(img)
        if not shot_at:
            continue
        if prev is not None and shot_at.get(prev[0]) == shot_at.get(float(t)):
            if float(t) - prev[0] < MOTION_GAP:
                continue  # too close: wait for the next frame of this shot
            out[rows[prev[0]], -1] = moving(prev[1], img)
        prev = (float(t), img)
    return out


def complete(looks: np.ndarray | None, path: str | os.PathLike, times: Sequence[float],
             shots: Sequence[int]) -> np.ndarray:
    """The looks stage's array: the decode pass's looks (``moving`` included, ``Motion``), else
    (frames kept from an index made before looks) read off the film at the frames' times."""
    if looks is not None and len(looks) == len(times):
        return looks
    return looks_at(path, times, shots)


class Motion:
    """``moving`` read in the decode pass, as ``looks_at`` reads it in a decode of its own.

    ``add`` keeps each sampled picture's small luma (``MOTION_SIDE``: ~60 kB) until its shot
    closes; ``close`` pairs the shot's frames in time order exactly as ``looks_at`` does and
    drops them, so memory is the open shot's frames (at most ``CAP``: a longer shot loses its
    oldest and ``fill`` hands it back to ``looks_at``). A grid picture arrives without its
    shot (the detector reports a cut late): the shot's span claims it at ``close``."""

    CAP = 512  # lumas held: a shot of ~17 min on the 2 s grid, ~30 MB

    def __init__(self) -> None:
        self.pending: list[tuple[float, int | None, np.ndarray]] = []
        self.values: dict[tuple[float, int], float] = {}
        self.shots: dict[int, tuple[float, float, tuple[float, ...]]] = {}  # span and frame times used

    def add(self, t: float, shot: int | None, image: np.ndarray) -> None:
        self.pending.append((float(t), shot, _luma(image)))
        if len(self.pending) > self.CAP:
            self.pending.pop(0)

    def close(self, shot: int, start: float, end: float) -> None:
        def mine(p: tuple) -> bool:
            return p[1] == shot or (p[1] is None and start <= p[0] < end)

        frames = sorted((p for p in self.pending if mine(p)), key=lambda p: p[0])
        self.pending = [p for p in self.pending if not mine(p) and not (p[1] is None and p[0] < start)]
        self.shots[shot] = (start, end, tuple(p[0] for p in frames))
        prev = None
        for t, _, luma in frames:
            if prev is not None:
                if t - prev[0] < MOTION_GAP:
                    continue  # too close: the next frame of this shot pairs with prev
                self.values[(prev[0], shot)] = _moved(prev[1], luma)
            prev = (t, luma)

    def fill(self, rows: np.ndarray, wanted: Sequence[tuple[float, int]],
             spans: dict[int, tuple[float, float]]) -> list[int]:
        """Set ``rows``' ``moving`` for the frames ``wanted`` (``(time, shot)``) of every shot
        read whole with the span ``spans`` gives it; the rows of the other shots are returned."""
        by_shot: dict[int, list[int]] = {}
        for i, (_, s) in enumerate(wanted):
            by_shot.setdefault(s, []).append(i)
        redo: list[int] = []
        for s, idx in by_shot.items():
            got = self.shots.get(s)
            if got is None or got[:2] != spans.get(s) or got[2] != tuple(float(wanted[i][0]) for i in idx):
                redo += idx
                continue
            for i in idx:
                rows[i, -1] = self.values.get((float(wanted[i][0]), s), np.nan)
        return sorted(redo)
