"""Shot boundaries with PySceneDetect (its library API, not a hand-written detector).

Hard cuts are what the planner snaps to, so the detector must be frame-accurate:
we process every frame (no ``frame_skip``) and buy speed with downscaling instead.
Slow pans and zooms must not split a shot, which ContentDetector's HSV-delta
threshold (with a minimum shot length) handles well.
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass

from .errors import MediaError
from .schema import MediaInfo, Progress, Shot

log = logging.getLogger(__name__)

VERSION = "shots-2"  # 2: fed by the single decode pass (decode.py)


@dataclass(frozen=True)
class ShotOptions:
    """How shots are detected; part of the index's version, so changing it re-indexes."""

    detector: str = "content"  # "content" or "adaptive"
    threshold: float = 27.0  # ContentDetector default; AdaptiveDetector uses 3.0
    min_shot_len: float = 0.6  # seconds; shorter flickers merge into neighbours
    process_width: int = 256  # frames are downscaled to about this width
    backend: str = "opencv"  # fastest decoder here; "pyav" also works

    def key(self) -> str:
        return (f"{VERSION}:{self.detector}:{self.threshold:g}:{self.min_shot_len:g}:"
                f"{self.process_width}")


def _detector(opts: ShotOptions):
    from scenedetect import AdaptiveDetector, ContentDetector

    if opts.detector == "adaptive":
        return AdaptiveDetector(adaptive_threshold=opts.threshold,
                                min_scene_len=opts.min_shot_len)
    if opts.detector == "content":
        return ContentDetector(threshold=opts.threshold, min_scene_len=opts.min_shot_len)
    raise ValueError(f"unknown shot detector {opts.detector!r} (content, adaptive)")


def _count_reads(video, total_frames: int, progress: Progress | None) -> None:
    """Report decode progress; SceneManager's own callback only fires on cuts."""
    if progress is None:
        return
    orig = video.read
    state = {"n": 0}
    step = max(1, total_frames // 200)

    def read(decode: bool = True):
        out = orig(decode)
        state["n"] += 1
        if state["n"] % step == 0:
            progress("shots", float(min(state["n"], total_frames)), float(total_frames))
        return out

    video.read = read  # instance attribute shadows the method


def cuts_to_shots(cuts: list[float], duration: float) -> list[Shot]:
    """Contiguous shots covering [0, duration] from sorted cut times."""
    edges = [0.0]
    for t in sorted(cuts):
        if edges[-1] + 1e-6 < t < duration - 1e-6:
            edges.append(float(t))
    edges.append(float(duration))
    return [Shot(index=i, start=round(a, 6), end=round(b, 6))
            for i, (a, b) in enumerate(zip(edges, edges[1:]))]


def detect_cuts(path: str | os.PathLike, opts: ShotOptions = ShotOptions(),
                progress: Progress | None = None) -> list[float]:
    """Times (seconds) where a new shot starts, excluding 0."""
    from scenedetect import SceneManager, open_video
    from scenedetect.backends import AVAILABLE_BACKENDS

    from .media import quiet_decoders

    quiet_decoders()
    backend = opts.backend if opts.backend in AVAILABLE_BACKENDS else "pyav"
    try:
        video = open_video(str(path), backend=backend)
    except Exception as exc:  # VideoOpenFailure and decoder errors alike
        raise MediaError(f"cannot open {path} for shot detection: {exc}") from None
    width = video.frame_size[0] or opts.process_width
    total = int(video.duration.frame_num) if video.duration is not None else 0
    _count_reads(video, total, progress)
    sm = SceneManager()
    sm.auto_downscale = False
    sm.downscale = max(1, round(width / opts.process_width))
    sm.add_detector(_detector(opts))
    sm.detect_scenes(video)
    scenes = sm.get_scene_list()
    if progress is not None:
        progress("shots", float(total), float(total))
    return [float(start.seconds) for start, _ in scenes[1:]]


def detect_shots(path: str | os.PathLike, progress: Progress | None = None, *,
                 info: MediaInfo | None = None,
                 opts: ShotOptions = ShotOptions()) -> list[Shot]:
    """Contiguous shots covering the whole film; a film without cuts is one shot."""
    if info is None:
        from .media import probe

        info = probe(path)
    cuts = detect_cuts(path, opts, progress)
    shots = cuts_to_shots(cuts, info.usable_duration)  # a damaged film: the part that reads
    log.info("%s: %d shots", path, len(shots))
    return shots
