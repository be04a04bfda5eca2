"""What every renderer shares: the source's facts, frame-snapped pieces, one ffmpeg runner.

Why snap to frames: a cut is frame accurate only when each segment starts and ends on
a frame of the source. Snapping once, here, gives the smart renderer, the ffmpeg
re-encode, the moviepy path, the subtitles and the timeline exports the same frame
numbers, and audio that is cut to exactly the video's length (no drift).
"""
from __future__ import annotations

import logging
import math
import re
import subprocess
import threading
from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional, Sequence

from .cut import Segment
from .interrupt import raise_pending
from cutbot.indexers import media as _media
from cutbot.indexers.errors import CutbotError, MediaError

log = logging.getLogger(__name__)

# Render progress: (seconds of output done, seconds in all); indexing has schema.Progress.
RenderProgress = Callable[[float, float], None]
DEFAULT_FPS = Fraction(25)


class RenderError(CutbotError):
    """Rendering or exporting the cut failed (the render stack's own error)."""


# Encoding settings every full re-encode shares (ffmpeg's and moviepy's), defined once.
AUDIO_FADE_S = 0.010  # fade at every cut: long enough to hide a click, short enough to be inaudible
X264_PRESET, X264_CRF, AUDIO_BITRATE = "veryfast", 20, "160k"


@dataclass(frozen=True)
class SourceInfo:
    """The facts about the source that cutting needs."""

    duration: float
    video_index: int
    audio_index: Optional[int]
    fps: Optional[Fraction]
    width: int
    height: int
    start_time: float = 0.0  # the video stream's first timestamp, seconds
    video_codec: str = ""
    audio_rate: Optional[int] = None  # samples per second of the audio stream
    container_start: float = 0.0  # what ffmpeg's -ss counts from

    def seek_arg(self, t: float) -> str:
        """``-ss`` for source time ``t``: ffmpeg counts from the container's start."""
        return f"{max(0.0, t - self.container_start):.6f}"

    @property
    def rate(self) -> Fraction:
        return self.fps or DEFAULT_FPS


@dataclass(frozen=True)
class RenderPiece:
    """A segment snapped to whole source frames, with its place in the output."""

    first_frame: int  # index of the first source frame kept
    frames: int  # how many frames
    rate: Fraction
    origin: float  # source time of frame 0 (the stream's start time)
    out_frame: int  # where the piece starts in the output, in frames
    segment: Segment

    @property
    def start(self) -> float:
        return self.origin + float(self.first_frame / self.rate)

    @property
    def end(self) -> float:
        return self.origin + float((self.first_frame + self.frames) / self.rate)

    @property
    def duration(self) -> float:
        return float(self.frames / self.rate)

    @property
    def out_start(self) -> float:
        return float(self.out_frame / self.rate)

    @property
    def out_end(self) -> float:
        return float((self.out_frame + self.frames) / self.rate)


def snap_pieces(segments: Sequence[Segment], info: SourceInfo) -> list[RenderPiece]:
    """Frames ``ceil((start-origin)*fps)`` .. ``ceil((end-origin)*fps)-1`` of each segment.

    A frame belongs to a segment when its timestamp lies in [start, end). Segments
    outside the source or shorter than one frame are dropped with a log line.
    """
    rate, origin = info.rate, info.start_time
    last = math.floor((info.duration - origin) * rate + 1e-6) if info.duration > 0 else None
    pieces, out = [], 0
    for seg in segments:
        a = max(0, math.ceil((float(seg.start) - origin) * rate - 1e-6))
        b = math.ceil((float(seg.end) - origin) * rate - 1e-6)
        if last is not None:
            b = min(b, last)
        if b - a < 1:
            log.warning("dropping segment %.3f-%.3f: outside the source or under one frame",
                        seg.start, seg.end)
            continue
        pieces.append(RenderPiece(a, b - a, rate, origin, out, seg))
        out += b - a
    return pieces


def probe_source(source: Path) -> SourceInfo:
    """The source's streams, from the probe that indexing uses too (PyAV, no ffprobe)."""
    try:
        st = _media.probe_streams(source)
    except MediaError as exc:
        raise RenderError(f"cannot read source: {exc}") from None
    except Exception as exc:  # av.error.* and OSError: unreadable or not media
        raise RenderError(f"cannot read source {source.name}: {one_line(exc)}") from exc
    return SourceInfo(duration=st.duration, video_index=st.video_index,
                      audio_index=st.audio_index, fps=st.fps, width=st.width,
                      height=st.height, start_time=st.start_time, video_codec=st.video_codec,
                      audio_rate=st.audio_rate, container_start=st.container_start)


def ffmpeg_exe() -> str:
    """The ffmpeg that imageio-ffmpeg ships (one lookup, shared with indexing)."""
    try:
        return _media.ffmpeg_exe()
    except MediaError as exc:
        raise RenderError(str(exc)) from None


@lru_cache(maxsize=4)
def ffmpeg_major_version(exe: str) -> int:
    """Major version of ``exe``; 99 for git builds ('N-12345-g...') that name none."""
    try:
        first = subprocess.run([exe, "-hide_banner", "-version"], capture_output=True,
                               text=True, timeout=30).stdout.splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError) as exc:
        raise RenderError(f"cannot run ffmpeg at {exe}: {exc}") from exc
    m = re.search(r"version\s+n?(\d+)\.", first)
    return int(m.group(1)) if m else 99


def filter_script_args(exe: str, graph_file: Path) -> list[str]:
    """ffmpeg 7 renamed ``-filter_complex_script`` to ``-/filter_complex``."""
    if ffmpeg_major_version(exe) >= 7:
        return ["-/filter_complex", str(graph_file)]
    return ["-filter_complex_script", str(graph_file)]


class FFmpeg:
    """One ffmpeg process: started at once, waited on (feeding progress) or killed.

    stdout carries ``-progress pipe:1`` lines when the command asks for them; the tail of
    stderr becomes the one-line error when ffmpeg fails.
    """

    def __init__(self, cmd: list[str]):
        self.tail: deque[str] = deque(maxlen=20)
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, text=True, errors="replace")
        self.reader = threading.Thread(target=lambda: self.tail.extend(self.proc.stderr),
                                       daemon=True)
        self.reader.start()

    def wait(self, on_seconds: Callable[[float], None] | None = None) -> None:
        """Block until ffmpeg ends; ``on_seconds(output seconds)`` as it goes. Any
        exception here (Ctrl-C included) kills ffmpeg first."""
        try:
            for line in self.proc.stdout:
                raise_pending()
                key, _, value = line.strip().partition("=")
                if on_seconds and key == "out_time_us" and value.lstrip("-").isdigit():
                    on_seconds(max(0.0, int(value) / 1_000_000))
            rc = self.proc.wait()
        except BaseException:
            self.kill()
            raise
        finally:
            self.reader.join(timeout=5)
        if rc != 0:
            lines = [ln.strip() for ln in self.tail if ln.strip()]
            raise RenderError(f"ffmpeg failed: {lines[-1] if lines else f'exit status {rc}'}")

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def run_ffmpeg(cmd: list[str], total: float, progress: RenderProgress | None,
               offset: float = 0.0, scale: float = 1.0) -> None:
    """Run ffmpeg to the end, mapping its output seconds onto ``progress(done, total)``
    as ``offset + scale * seconds`` (a step of a longer job), never backwards."""
    last = [-1.0]

    def report(seconds: float) -> None:
        done = min(total, offset + scale * seconds)
        if progress and done > last[0]:
            last[0] = done
            progress(done, total)

    FFmpeg(cmd).wait(report if progress else None)


def run_parallel(jobs: Sequence[Callable[[Callable[[list[str]], None]], None]], workers: int,
                 done: Callable[[int], None], nice: int = 0,
                 stop: Optional[threading.Event] = None) -> None:
    """Run ``jobs`` on ``workers`` threads; each gets a ``run(cmd)`` for its ffmpeg steps.
    ``done(i)`` is called in job order as they finish. On any error (Ctrl-C included) the
    jobs not started are dropped, running ffmpeg processes are killed and ``stop`` is set
    (jobs working in this process watch it, then end early). ``nice``: run
    them that much below this process's priority, so that one ffmpeg running beside them
    (the smart render's sound) gets a core of its own and is not the last to finish."""
    from concurrent.futures import ThreadPoolExecutor

    running: set[FFmpeg] = set()

    def run(cmd: list[str]) -> None:
        proc = FFmpeg(cmd)
        if nice:
            lower_priority(proc.proc.pid, nice)
        running.add(proc)
        try:
            proc.wait()
        finally:
            running.discard(proc)

    pool = ThreadPoolExecutor(workers, thread_name_prefix="cutbot-ffmpeg")
    try:
        futures = [pool.submit(job, run) for job in jobs]
        for i, future in enumerate(futures):
            future.result()
            done(i)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        if stop is not None:
            stop.set()
        for proc in list(running):
            proc.kill()
        pool.shutdown(wait=True)


def lower_priority(pid: int, steps: int) -> None:
    """Make process ``pid`` ``steps`` nicer than this one; silently not where unsupported."""
    import os

    try:
        os.setpriority(os.PRIO_PROCESS, pid, min(19, os.getpriority(os.PRIO_PROCESS, 0) + steps))
    except (AttributeError, OSError):  # Windows, or the process has already ended
        pass


def frame_at(container, stream, pts: int, rate: float):
    """The picture shown at ``pts`` (a decoded ``av.VideoFrame``), decoded from the
    keyframe before it; None when no picture lies within half a frame of it."""
    tb = float(stream.time_base)
    half = 0.5 / rate / tb
    container.seek(pts, stream=stream, backward=True, any_frame=False)
    for frame in container.decode(stream):
        if frame.pts is not None and frame.pts >= pts - half:
            return frame if frame.pts <= pts + half else None
    return None


class Meter:
    """Maps each step's own progress onto the whole job, weighted by its cost, so the
    bar (and its time-left estimate) moves evenly and never backwards."""

    def __init__(self, progress: RenderProgress | None, total: float, work: float = 1.0):
        self.progress, self.total, self.work, self.done = progress, total, max(work, 1e-9), 0.0
        self.shown = 0.0

    def run(self, cmd: list[str], weight: float, seconds: float) -> None:
        """Run one ffmpeg step worth ``weight`` that writes ``seconds`` of output."""
        start, span = self.at(), self.total * weight / self.work
        scale = span / max(seconds, 1e-6)
        FFmpeg(cmd).wait((lambda s: self.show(start + min(span, scale * s)))
                         if self.progress else None)
        self.advance(weight)

    def at(self) -> float:
        return min(self.total, self.total * self.done / self.work)

    def show(self, done: float) -> None:
        if self.progress and done > self.shown:
            self.shown = min(done, self.total)
            self.progress(self.shown, self.total)

    def advance(self, weight: float) -> None:
        self.done += weight
        self.show(self.at())

    def rest(self) -> float:
        """Make what is left of the bar one unit of work (a fallback fills it); return it."""
        frac = min(1.0, self.done / self.work)
        self.work, self.done = 1.0, frac
        return 1.0 - frac


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__


def unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove temporary file %s", path)
