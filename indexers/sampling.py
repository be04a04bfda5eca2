"""Sampled frames: RGB pictures at wanted times, in one forward decode per film.

Split from ``media.py`` (which probes and reads sound): the walker seeks over long gaps,
decodes through short ones, and steps past damaged pictures, telling of the damage once
(``media.tell_damage``) and giving up in one ``MediaError`` past ``MAX_DAMAGE`` places.
"""
from __future__ import annotations

import logging
import os
import threading
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import numpy as np

from .errors import MediaError
from .media import MAX_DAMAGE, _check_file, _open, tell_damage

log = logging.getLogger(__name__)

# Seek instead of decoding through when the next wanted frame is this far ahead.
SEEK_GAP = 4.0
# Damage inside a film: skip this far past a picture that does not decode.
SKIP_S = 1.0


def _target_size(w: int, h: int, width: int | None, max_side: int | None) -> tuple[int, int]:
    if width:
        scale = width / w
    elif max_side:
        scale = min(1.0, max_side / max(w, h))
    else:
        scale = 1.0
    # Even sizes keep swscale happy with chroma subsampled sources.
    return max(2, int(round(w * scale / 2)) * 2), max(2, int(round(h * scale / 2)) * 2)


_SCALERS = threading.local()


def scaled(frame, width: int, height: int, fmt: str, interpolation=None) -> np.ndarray:
    """``frame.to_ndarray(width, height, fmt)`` through a kept swscale context (one per thread
    and output): ``to_ndarray`` builds a new one for every frame, which cost the decode pass
    more than decoding itself. Same pixels either way."""
    from av.video.reformatter import VideoReformatter

    cache = getattr(_SCALERS, "by", None)
    if cache is None:
        cache = _SCALERS.by = {}
    key = (width, height, fmt, interpolation)
    rf = cache.get(key)
    if rf is None:
        rf = cache[key] = VideoReformatter()
    return rf.reformat(frame, width=width, height=height, format=fmt, interpolation=interpolation).to_ndarray()


def to_rgb(frame, max_side: int) -> np.ndarray:
    w, h = _target_size(frame.width, frame.height, None, max_side)
    return scaled(frame, w, h, "rgb24", "AREA")


def iter_frames(
    path: str | os.PathLike,
    times: Iterable[float],
    width: int | None = None,
    max_side: int | None = 384,
) -> Iterator[tuple[float, np.ndarray]]:
    """Yield ``(time, rgb)`` for each wanted time, in ascending time order.

    One forward decode; frames in between are decoded but never converted, and
    gaps longer than ``SEEK_GAP`` jump with a keyframe seek. The frame shown at
    time t (the last one starting at or before t) is returned; times past the
    end get the last frame.
    """
    wanted = sorted(float(t) for t in times)
    if not wanted:
        return
    p = _check_file(path)
    with _open(p) as c:
        if not c.streams.video:
            raise MediaError(f"{p} has no video stream")
        yield from _FrameWalker(c, p, wanted, width, max_side).run()


class _FrameWalker:
    """One pass over sorted wanted times: seeks, forward decode, damage skipping.

    ``i`` is the next wanted time to serve, ``prev`` the last decoded frame (the one
    shown until the next starts), ``skip_to`` set after damage until the seek past it.
    """

    def __init__(self, c, p: Path, wanted: list[float], width, max_side) -> None:
        v = c.streams.video[0]
        v.thread_type = "AUTO"
        self.c, self.v, self.p, self.wanted = c, v, p, wanted
        self.width, self.max_side, self.size = width, max_side, None
        self.tb = v.time_base
        self.start = float(v.start_time * self.tb) if v.start_time is not None else 0.0
        self.eps = 0.25 / float(v.average_rate or 25)
        self.i, self.damaged = 0, 0
        self.prev = None  # (time, frame) of the last decoded frame
        self.skip_to = None  # after damage: go on from the first keyframe past this time

    def run(self) -> Iterator[tuple[float, np.ndarray]]:
        import av

        while self.i < len(self.wanted):
            t = self.wanted[self.i]
            if self.skip_to is not None:
                if not self._seek_past_damage():
                    yield from self._serve_prev()
                    return
            elif self.prev is None or t - self.prev[0] > SEEK_GAP:
                self.c.seek(int((t + self.start) / self.tb), stream=self.v, backward=True,
                            any_frame=False)
                self.prev = None
            try:
                if (yield from self._decode()):
                    return
            except av.error.InvalidDataError as exc:
                # Damage inside the film: the pictures around it stand in for it.
                self._note_damage(t, exc)
                yield from self._serve_prev(self.skip_to)
            except av.error.FFmpegError as exc:
                raise MediaError(f"cannot decode the video of {self.p.name}: {exc}") from None

    def _convert(self, fr) -> np.ndarray:
        if self.size is None:
            self.size = _target_size(fr.width, fr.height, self.width, self.max_side)
        return scaled(fr, self.size[0], self.size[1], "rgb24", "AREA")

    def _serve_prev(self, before: float | None = None):
        """Serve the previous frame to every wanted time before ``before`` (None: all)."""
        w = self.wanted
        while self.prev is not None and self.i < len(w) and (before is None or w[self.i] < before):
            yield w[self.i], self._convert(self.prev[1])
            self.i += 1

    def _seek_past_damage(self) -> bool:
        """Seek to the first keyframe after ``skip_to``; False when there is none."""
        import av

        try:
            self.c.seek(int((self.skip_to + self.start) / self.tb), stream=self.v,
                        backward=False, any_frame=False)
        except av.error.FFmpegError:  # no keyframe after the damage
            self.skip_to = float("inf")
        if self.skip_to == float("inf"):
            return False
        self.prev, self.skip_to = None, None
        return True

    def _decode(self):
        """Decode forward from here; returns True once every wanted time is served.

        A seek lands on the keyframe before t, maybe far before: never seek again
        until this target is served, or sparse keyframes loop forever.
        """
        w, served_from = self.wanted, self.i
        for fr in self.c.decode(self.v):
            ft = (float(fr.pts * self.tb) - self.start) if fr.pts is not None else 0.0
            yield from self._serve_prev(ft - self.eps)
            if self.i < len(w) and self.prev is None and w[self.i] < ft - self.eps:
                # Seek landed past t (or first frame starts late): use this one.
                yield w[self.i], self._convert(fr)
                self.i += 1
            self.prev = (ft, fr)
            if self.i >= len(w):
                return True
            if self.i > served_from and w[self.i] - ft > SEEK_GAP:
                return False  # seek forward for the next one
        # End of stream: remaining times get the last frame.
        if self.prev is None and self.i < len(w):
            raise MediaError(f"no frame could be decoded from {self.p}")
        yield from self._serve_prev()
        return True

    def _note_damage(self, t: float, exc: Exception) -> None:
        """Count a damaged place, warn once per file, and set where to go on from."""
        self.damaged += 1
        p, at = self.p, self.prev[0] if self.prev is not None else t
        if self.damaged > MAX_DAMAGE:
            raise MediaError(f"cannot decode the video of {p.name}: damaged in more "
                             f"than {MAX_DAMAGE} places") from None
        if self.damaged == 1:
            tell_damage(p, at)
        log.debug("video of %s does not decode near %.2f s: %s", p, at, exc)
        self.skip_to = at + SKIP_S * self.damaged


def sample_frames(
    path: str | os.PathLike, times: Sequence[float], max_side: int = 384
) -> list[np.ndarray]:
    """RGB uint8 frames at ``times``, in the order given (duplicates allowed)."""
    order = sorted(range(len(times)), key=lambda k: times[k])
    out: list[np.ndarray | None] = [None] * len(times)
    got = iter_frames(path, [times[k] for k in order], max_side=max_side)
    for k, (_, img) in zip(order, got):
        out[k] = img
    return [img for img in out if img is not None]
