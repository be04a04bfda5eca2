"""One decode pass per film feeds shots, pictures and faces.

Decoding is most of what the picture side costs, and each stage used to decode the film
on its own (PySceneDetect, the picture sampler, every faces worker). Here PyAV decodes
once (threaded), PySceneDetect's ``SceneManager`` is handed the frames through a
``VideoStream`` of our own at its small working size, and the same pass keeps the
frames of the shot still open in a small bounded buffer (decoded frames, not pictures;
thinned as a long shot grows, so memory stays flat with film length). When the detector
closes a shot, its middle picture goes to the picture embedder and its few face frames to
the faces workers, each through a bounded queue: a long film streams through.

Nothing is decoded twice: only a shot the online pass could not serve (a cut the detector
reported only after the end, none on the benchmark films) is decoded again by the
seek-and-decode path, so the output is what the stand-alone stages would give; that
equality is checked by tests/test_decode.py, not on every index run. The consumers
(picture embedder, faces workers) are in ``feeds.py``.
"""
from __future__ import annotations

import bisect
import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .schema import Frame, MediaInfo, Progress, Shot, VisualEmbedder
from .shots import ShotOptions, _detector, cuts_to_shots
from .feeds import EmbedFeed, FaceFeed, shown_at  # noqa: F401 - FaceFeed, shown_at: re-exported
from .sampling import scaled, to_rgb
from .workers import Cancelled

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FrameSampling:
    """Where frames are sampled: every shot's middle, plus a regular grid."""

    every: float = 2.0
    dedupe: float = 0.5  # a shot middle this close to a grid time in the same shot is dropped
    max_side: int = 384
    batch: int = 16

    def key(self) -> str:
        return f"every{self.every:g}:dedupe{self.dedupe:g}:side{self.max_side}"


def grid_times(duration: float, s: FrameSampling = FrameSampling()) -> list[float]:
    out, t = [], min(s.every / 2, duration / 2)
    while t < duration:
        out.append(round(t, 3))
        t += s.every
    return out


def frame_times(shots: list[Shot], duration: float, s: FrameSampling = FrameSampling()) -> list[tuple[float, int]]:
    """Sorted ``(time, shot index)``: gaps of at most ``every`` and at least one per shot."""
    starts = [sh.start for sh in shots]

    def shot_of(t: float) -> int:
        return shots[max(0, bisect.bisect_right(starts, t) - 1)].index

    grid = [(t, shot_of(t)) for t in grid_times(duration, s)]
    out = list(grid)
    gt = [g[0] for g in grid]
    for sh in shots:
        mid = _middle(sh, gt, grid, s)
        if mid is not None:
            out.append((mid, sh.index))
    return sorted(out)


def _middle(sh: Shot, gt: list[float], grid: list[tuple[float, int]], s: FrameSampling) -> float | None:
    """The shot's middle time, or None when a grid frame of the same shot is that close."""
    mid = round((sh.start + sh.end) / 2, 3)
    lo = bisect.bisect_left(gt, mid - s.dedupe)
    near = any(abs(grid[k][0] - mid) < s.dedupe and grid[k][1] == sh.index for k in range(lo, min(lo + 3, len(grid))))
    return None if near else mid


@dataclass
class PassResult:
    """What one pass made; an error of one consumer leaves the others' results intact."""

    shots: list[Shot]
    frames: list[Frame] | None = None
    vectors: np.ndarray | None = None
    looks: np.ndarray | None = None  # one row of looks.LOOK_FIELDS per frame
    frames_error: BaseException | None = None
    faces: Any = None  # faces.FaceIndex
    faces_error: BaseException | None = None
    decoded: int = 0
    busy: dict = field(default_factory=dict)  # seconds each consumer worked (they overlap)


@dataclass
class _Open:
    """The frames of the shot still open: ``(time, n, frame)`` thinned to at most ``cap``
    (every ``step``-th frame, ``step`` doubling as the shot grows), plus the newest one, so
    a shot's last frame is always at hand."""

    cap: int = 48
    step: int = 1
    items: list = field(default_factory=list)
    tail: tuple | None = None

    def add(self, t: float, n: int, frame) -> None:
        if n % self.step:
            self.tail = (t, n, frame)
            return
        self.tail = None
        self.items.append((t, n, frame))
        if len(self.items) > self.cap:
            self.step *= 2
            self.items = [it for it in self.items if it[1] % self.step == 0 or it is self.items[0]]

    def split(self, cut: float, eps: float) -> list:
        """Take the frames before ``cut``; keep the rest open."""
        every = self.items + ([self.tail] if self.tail is not None else [])
        k = bisect.bisect_left([it[0] for it in every], cut - eps)
        done, rest = every[:k], every[k:]
        self.items, self.tail, self.step = rest, None, 1
        return done

    def all(self) -> list:
        return self.items + ([self.tail] if self.tail is not None else [])


class _Stream:
    """A PySceneDetect ``VideoStream`` over our decoder: small BGR frames for the detector,
    and every decoded frame handed to ``sink`` first. Built on PySceneDetect's own PyAV
    backend so positions and durations are exactly what it would compute."""

    def __new__(cls, path: str, width: int, sink: Callable[[Any, float, int], None], cancel, threads: bool = True):
        from scenedetect.backends.pyav import VideoStreamAv

        class Stream(VideoStreamAv):
            def __init__(self):
                super().__init__(path, threading_mode="AUTO" if threads else None)
                w, h = super().frame_size
                self.small = (max(2, int(round(width / 2)) * 2), max(2, int(round(h * width / w / 2)) * 2)) \
                    if w > width else (w, h)
                self.n = 0
                self.failed: BaseException | None = None

            @property
            def frame_size(self):
                return self.small

            def read(self, decode: bool = True):
                # Never raise here: PySceneDetect would log it as a fatal error. Stop the stream
                # instead and keep the reason for run_pass to raise.
                if self.failed is not None:
                    return False
                if cancel.is_set():
                    self.failed = Cancelled("stopped")
                    return False
                if not super().read(decode=False):
                    return False
                fr = self._frame
                try:
                    sink(fr, float(self.position.seconds), self.n)
                except BaseException as exc:  # noqa: BLE001 - re-raised by run_pass
                    self.failed = exc
                    return False
                self.n += 1
                if not decode:
                    return True
                return scaled(fr, self.small[0], self.small[1], "bgr24")

        return Stream()


def run_pass(info: MediaInfo, *, embedder: Callable[[], VisualEmbedder] | None, faces: "FaceFeed | None",
             report: Progress, cancel: threading.Event, shot_opts: ShotOptions = ShotOptions(),
             sampling: FrameSampling = FrameSampling()) -> PassResult:
    """Decode the film once: shots always, pictures when ``embedder`` (a loader), faces when ``faces``."""
    from scenedetect import SceneManager

    from .errors import MediaError
    from .media import READ_SLACK_S, quiet_decoders, tell_damage

    quiet_decoders()
    duration = info.usable_duration
    grid = deque(grid_times(duration, sampling))
    grid_all = list(grid)
    fps = float(info.fps or 25)
    eps = 0.25 / fps
    total = max(1, int(round(duration * fps)))
    emb = EmbedFeed(embedder, sampling, report, len(grid_all) + 8) if embedder is not None else None
    open_ = _Open()
    cuts: list[float] = []  # reported by the detector (main thread), closed by the decoder thread
    pending: deque = deque()
    closed: dict[int, tuple[float, float]] = {}
    state = {"prev": None, "step": max(1, total // 200)}

    def close(a: float, b: float, items: list) -> None:
        k = len(closed)
        closed[k] = (round(a, 6), round(b, 6))
        if not items:
            if emb is not None:
                emb.q.put((None, k, closed[k]))  # the shot closed (its ``moving``)
            return
        sh = Shot(k, *closed[k])
        if emb is not None:
            m = (sh.start + sh.end) / 2  # only the grid times near the middle matter
            near = grid_all[bisect.bisect_left(grid_all, m - 1 - sampling.dedupe):
                            bisect.bisect_right(grid_all, m + 1 + sampling.dedupe)]
            mid = _middle(sh, near, [(g, k if sh.start <= g < sh.end else -1) for g in near], sampling)
            if mid is not None:
                emb.q.put((mid, k, to_rgb(shown_at(items, mid, eps), sampling.max_side)))
            emb.q.put((None, k, closed[k]))  # after its pictures: the shot's ``moving`` can be read
        if faces is not None:
            faces.shot(sh, items, eps)

    def sink(fr, t: float, n: int) -> None:
        prev = state["prev"]
        if prev is not None and t <= prev[0]:
            return  # the backend re-opened the file near its end: frames seen already
        if emb is not None:
            while grid and grid[0] < t - eps:
                emb.q.put((grid.popleft(), None, to_rgb(prev[1] if prev is not None else fr, sampling.max_side)))
        while pending:  # cuts the detector found since the last frame
            c = pending.popleft()
            a = cuts[-1] if cuts else 0.0
            cuts.append(c)
            close(a, c, open_.split(c, eps))
        open_.add(t, n, fr)
        state["prev"] = (t, fr)
        if n % state["step"] == 0:
            report("shots", float(min(n, total)), float(total))

    try:
        video = _Stream(str(info.path), shot_opts.process_width, sink, cancel)
    except Exception as exc:  # VideoOpenFailure and decoder errors alike
        raise MediaError(f"cannot open {info.path} for shot detection: {exc}") from None
    t_start = time.perf_counter()
    if emb is not None:
        emb.start()
    sm = SceneManager()
    sm.auto_downscale = False
    sm.downscale = 1
    sm.add_detector(_detector(shot_opts))
    try:
        sm.detect_scenes(video, callback=lambda _img, pos: pending.append(float(pos.seconds)))
        if video.failed is not None:
            raise video.failed
        if cancel.is_set():
            raise Cancelled("stopped")
    except BaseException:
        if emb is not None:
            emb.error = emb.error or Cancelled("stopped")
            emb.q.put(None)
        if faces is not None:
            faces.close(kill=True)
        raise
    if state["prev"] is not None and state["prev"][0] < duration - max(READ_SLACK_S, 4 * eps * 2):
        tell_damage(Path(info.path), state["prev"][0])  # the reader gave up: the film is damaged there
    final_cuts = [float(s.seconds) for s, _ in sm.get_scene_list()[1:]]
    shots = cuts_to_shots(final_cuts, duration)
    prev = state["prev"]
    if emb is not None and prev is not None:
        while grid:
            emb.q.put((grid.popleft(), None, to_rgb(prev[1], sampling.max_side)))
    a = cuts[-1] if cuts else 0.0
    last = [c for c in final_cuts if c > a + 1e-9] + [duration]
    for c in last:  # cuts only post-processing reported, then the last shot
        close(a, c, open_.split(c, eps) if c < duration else open_.all())
        a = c
    open_.items, open_.tail = [], None
    report("shots", float(total), float(total))
    out = PassResult(shots, decoded=video.n)
    out.busy["shots"] = time.perf_counter() - t_start
    if emb is not None:
        emb.q.put(None)
        emb.join()
        out.busy["frames"] = emb.busy
        if emb.error is not None:
            out.frames_error = emb.error
        else:
            try:
                out.frames, out.vectors, out.looks = _frames_for(info, shots, emb.got, closed, sampling,
                                                                 emb.embedder, duration, emb.looks, emb.motion)
            except Cancelled:
                raise
            except Exception as exc:  # noqa: BLE001 - handed to the frames stage
                out.frames_error = exc
    if faces is not None:
        try:
            out.faces = faces.finish(shots, closed)
            out.busy["faces"] = faces.busy
        except Cancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - handed to the faces stage
            out.faces_error = exc
    return out


def _frames_for(info: MediaInfo, shots: list[Shot], got: list, closed: dict, s: FrameSampling,
                embedder: VisualEmbedder, duration: float,
                looks: list | None = None, motion=None) -> tuple[list[Frame], np.ndarray, np.ndarray]:
    """The embedded pictures (and their looks, ``moving`` from ``motion``: a ``looks.Motion``)
    in ``frame_times`` order; what the pass could not serve is decoded the old way (a seek
    per picture, and ``looks_at`` for the ``moving`` of a shot the pass did not see whole)."""
    from .looks import LOOK_FIELDS, looks_at, looks_of
    from .sampling import iter_frames

    wanted = frame_times(shots, duration, s)
    starts = [sh.start for sh in shots]
    have: dict[tuple[float, int], tuple[np.ndarray, tuple]] = {}
    look: dict[tuple[float, int], np.ndarray] = {}
    nan = np.full(len(LOOK_FIELDS), np.nan, np.float32)
    for k, (t, shot, vec, labels) in enumerate(got):
        if shot is None:
            shot = shots[max(0, bisect.bisect_right(starts, t) - 1)].index
        elif closed.get(shot) != (shots[shot].start, shots[shot].end) if shot < len(shots) else True:
            continue  # a shot the final cut list drew differently
        have[(t, shot)] = (vec, labels)
        look[(t, shot)] = looks[k] if looks is not None and k < len(looks) else nan
    missing = [w for w in wanted if w not in have]
    if missing:
        log.info("decode pass: %d pictures decoded again", len(missing))
        imgs = [img for _, img in iter_frames(info.path, [t for t, _ in missing], max_side=s.max_side)]
        for k in range(0, len(imgs), s.batch):
            out = embedder.embed_images(imgs[k:k + s.batch])
            for j, row in enumerate(looks_of(imgs[k:k + s.batch])):
                look[missing[k + j]] = row
            for j, vec in enumerate(np.asarray(out.vectors, dtype=np.float32)):
                have[missing[k + j]] = (vec, tuple(out.labels[j]) if j < len(out.labels) else ())
    frames = [Frame(i, t, shot, have[(t, shot)][1]) for i, (t, shot) in enumerate(wanted)]
    dim = int(getattr(embedder, "dim", 0))
    vecs = np.stack([have[w][0] for w in wanted]).astype(np.float32) if wanted else np.zeros((0, dim), np.float32)
    rows = np.stack([look.get(w, nan) for w in wanted]).astype(np.float32) if wanted \
        else np.zeros((0, len(LOOK_FIELDS)), np.float32)
    redo = list(range(len(wanted))) if motion is None else \
        motion.fill(rows, wanted, {sh.index: (sh.start, sh.end) for sh in shots})
    if redo:
        log.info("decode pass: motion of %d frames read again", len(redo))
        rows[redo, -1] = looks_at(info.path, [wanted[i][0] for i in redo], [wanted[i][1] for i in redo])[:, -1]
    return frames, vecs, rows
