"""Faces into people: tracks clustered into identities, numbered by screen time.

Split from faces.py (detection and tracking) along the stage's seam: this half needs no
model and no frames, only each track's identity vectors and times, so the identity step
can be re-run and tested on its own. Thresholds live in ``faces.FaceOptions`` (the stage's
key), passed in as ``o``.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from .intervals import length
from .schema import Face, FaceTrack, Person, Shot

DIM = 128


class IdentityOptions(Protocol):
    """What of ``faces.FaceOptions`` the identity step reads."""

    every: float
    match: float
    min_faces: int
    core_faces: int
    core_match: float
    attach: float
    margin: float
    crop: int


@dataclass(frozen=True)
class FaceIndex:
    """The faces stage's result, as the store saves it."""

    faces: list[Face]
    tracks: list[FaceTrack]
    people: list[Person]
    vectors: np.ndarray  # (n_faces, 128) float32, row = Face.index
    crops: np.ndarray  # (n_people, crop, crop, 3) uint8, row = Person.id - 1
    frames: int = 0  # frames analysed

    @staticmethod
    def empty(crop: int = 128) -> "FaceIndex":
        return FaceIndex([], [], [], np.zeros((0, DIM), np.float32), np.zeros((0, crop, crop, 3), np.uint8))


@dataclass
class _RawTrack:
    """A track as a worker returns it: per-face arrays plus one crop of its best face."""

    shot: int
    times: list[float] = field(default_factory=list)
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)
    reach: list[float] = field(default_factory=list)  # seconds each face stands for, either side
    crop: np.ndarray | None = None
    best_area: float = -1.0

    def mean(self) -> np.ndarray:
        return np.mean(self.vectors, axis=0)


def _apart(raws: Sequence["_RawTrack"]) -> np.ndarray:
    """``apart[i, j]``: tracks i and j were seen on the same frame, so they are two people."""
    n = len(raws)
    apart = np.zeros((n, n), bool)
    by_shot: dict[int, list[int]] = {}
    for k, r in enumerate(raws):
        by_shot.setdefault(r.shot, []).append(k)
    for ks in by_shot.values():
        for a in ks:
            for b in ks:
                if a < b and set(raws[a].times) & set(raws[b].times):
                    apart[a, b] = apart[b, a] = True
    return apart


def _average_link(means: np.ndarray, members: list[list[int]], apart: np.ndarray, limit: float) -> list[list[int]]:
    """Average-linkage agglomeration of ``members`` (groups of rows of ``means``) up to
    ``limit``, never joining two groups with tracks seen together on one frame. Lance-
    Williams updates and each row's nearest group kept up to date, so thousands of tracks
    (a feature film) take seconds, not the hours of recomputing every group pair."""
    groups = [list(g) for g in members]
    m = len(groups)
    if m < 2:
        return groups
    sq = (means * means).sum(axis=1)
    dist = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2.0 * means @ means.T, 0.0))
    member = np.zeros((m, len(means)))
    for g, rows in enumerate(groups):
        member[g, rows] = 1.0
    size = member.sum(axis=1)
    avg = member @ dist @ member.T / np.outer(size, size)  # mean distance between two groups' tracks
    never = member @ apart.astype(float) @ member.T > 0
    np.fill_diagonal(never, True)
    alive = np.ones(m, bool)
    masked = np.where(never, np.inf, avg)
    low, arg = masked.min(axis=1), masked.argmin(axis=1)  # each row's nearest group
    while True:
        r = int(np.argmin(low))
        if not low[r] < limit:
            break
        i, j = sorted((r, int(arg[r])))
        row = (size[i] * avg[i] + size[j] * avg[j]) / (size[i] + size[j])
        avg[i, :], avg[:, i] = row, row
        never[i, :] |= never[j, :]
        never[:, i] = never[i, :]
        never[i, i] = True
        size[i] += size[j]
        alive[j] = False
        groups[i] += groups[j]
        masked[j, :], masked[:, j] = np.inf, np.inf
        masked[i, :] = np.where(never[i] | ~alive, np.inf, row)
        masked[:, i] = masked[i, :]
        low[j] = np.inf
        stale = np.flatnonzero(alive & ((arg == i) | (arg == j)))
        for k in [i, *stale.tolist()]:
            low[k], arg[k] = masked[k].min(), masked[k].argmin()
        closer = alive & (masked[:, i] < low)
        low[closer], arg[closer] = masked[closer, i], i
    return [g for g, keep in zip(groups, alive) if keep]


def cluster_tracks(raws: Sequence["_RawTrack"], o: IdentityOptions) -> np.ndarray:
    """Cluster labels (0..k-1) of tracks. Well-seen tracks (>= ``core_faces`` faces) first,
    average linkage at ``core_match``: their mean vectors are averaged out, so two people
    whose single faces sit near dlib's 0.6 (animated faces, relatives) stay apart. Then each
    single-face track joins the nearest such person within ``attach`` when no other is
    within ``margin`` of it (a hard pose is farther from its person, but still nearest);
    the rest cluster among themselves at ``match``. Tracks seen on one frame never merge."""
    n = len(raws)
    if n == 0:
        return np.zeros(0, int)
    means = np.stack([r.mean() for r in raws]).astype(np.float64)
    apart = _apart(raws)
    core = [k for k, r in enumerate(raws) if len(r.times) >= o.core_faces]
    groups = _average_link(means, [[k] for k in core], apart, o.core_match)
    loose: list[int] = []
    if groups:
        cents = np.stack([means[g].mean(axis=0) for g in groups])
        for k in (k for k in range(n) if len(raws[k].times) < o.core_faces):
            d = np.linalg.norm(cents - means[k], axis=1)
            d[[bool(apart[k, g].any()) for g in groups]] = np.inf
            order = np.argsort(d)
            near, second = d[order[0]], (d[order[1]] if len(d) > 1 else np.inf)
            if near < o.attach and second - near >= o.margin:
                groups[int(order[0])].append(k)
            else:
                loose.append(k)
    else:
        loose = list(range(n))
    groups += _average_link(means, [[k] for k in loose], apart, o.match)
    labels = np.zeros(n, int)
    for lab, g in enumerate(groups):
        labels[g] = lab
    return labels


def build_people(raws: list[_RawTrack], shots: Sequence[Shot], o: IdentityOptions) -> FaceIndex:
    """Tracks -> people: cluster, drop noise, number by screen time, pick a face for each."""
    if not raws:
        return FaceIndex.empty(o.crop)
    shot_by = {s.index: s for s in shots}
    means = np.stack([r.mean() for r in raws])
    labels = cluster_tracks(raws, o)
    spans = [(max(shot_by[r.shot].start, min(t - d for t, d in zip(r.times, _reach(r, o)))),
              min(shot_by[r.shot].end, max(t + d for t, d in zip(r.times, _reach(r, o))))) for r in raws]
    groups: dict[int, list[int]] = {}
    for k, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(k)
    kept = [g for g in groups.values() if sum(len(raws[k].times) for k in g) >= o.min_faces]
    kept.sort(key=lambda g: (-round(length([spans[k] for k in g]), 3), min(min(raws[k].times) for k in g)))
    person_of = {k: pid for pid, g in enumerate(kept, 1) for k in g}
    faces, tracks, vectors = [], [], []
    for k, r in enumerate(raws):
        ids = tuple(range(len(faces), len(faces) + len(r.times)))
        tracks.append(FaceTrack(k, r.shot, round(spans[k][0], 3), round(spans[k][1], 3), ids, person_of.get(k, 0)))
        for t, box, s, v in zip(r.times, r.boxes, r.scores, r.vectors):
            faces.append(Face(len(faces), t, r.shot, tuple(round(b, 4) for b in box), round(s, 4), k,
                              person_of.get(k, 0)))
            vectors.append(v)
    people, crops = [], []
    for pid, g in enumerate(kept, 1):
        centroid = np.mean(np.concatenate([np.stack(raws[k].vectors) for k in g]), axis=0)
        # The representative: a big face whose track sits near the person's centre.
        best = max(g, key=lambda k: raws[k].best_area * max(0.05, 1 - np.linalg.norm(means[k] - centroid) / o.match))
        face = max(tracks[best].faces, key=lambda i: (faces[i].box[2] - faces[i].box[0]))
        people.append(Person(pid, round(length([spans[k] for k in g]), 3),
                             tuple(sorted({raws[k].shot for k in g})), tuple(sorted(g)), face,
                             tuple(round(float(x), 5) for x in centroid)))
        crops.append(raws[best].crop)
    crop_arr = np.stack(crops).astype(np.uint8) if crops else np.zeros((0, o.crop, o.crop, 3), np.uint8)
    return FaceIndex(faces, tracks, people, np.stack(vectors).astype(np.float32), crop_arr)


def _reach(r: _RawTrack, o: IdentityOptions) -> list[float]:
    return r.reach if len(r.reach) == len(r.times) else [o.every / 2] * len(r.times)


def write_contact_sheet(crops: np.ndarray, labels: Sequence[tuple[str, str]], path: str | os.PathLike,
                        columns: int = 4) -> Path:
    """One tile per person: face crop, then two caption lines (number + name, screen time)."""
    from PIL import Image, ImageDraw

    from .files import atomic_write

    path = Path(path)
    tile, cap = 160, 40
    n = max(1, len(labels))
    cols = min(columns, n)
    sheet = Image.new("RGB", (cols * tile, math.ceil(n / cols) * (tile + cap)), "white")
    draw = ImageDraw.Draw(sheet)
    if not labels:
        draw.text((10, tile // 2), "nobody on screen", fill="black")
    for i, (title, sub) in enumerate(labels):
        x, y = (i % cols) * tile, (i // cols) * (tile + cap)
        face = Image.fromarray(crops[i]).resize((tile - 16, tile - 16), Image.BICUBIC)
        sheet.paste(face, (x + 8, y + 8))
        draw.text((x + 8, y + tile - 4), title[:24], fill="black")
        draw.text((x + 8, y + tile + 12), sub[:24], fill="dimgray")
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, lambda tmp: sheet.save(tmp, format="PNG"))
    return path
