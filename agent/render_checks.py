"""What a render wrote, checked before it is renamed into place; whether a source keeps time.

Why a module of its own: every renderer ends with the same checks (the planned frames,
the picture's length, sound as long as the picture), measured from packet timestamps
without decoding; the smart render adds its own checks in that same pass.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable, Optional

from .media_io import RenderError, SourceInfo, one_line

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Written:
    """What a rendered file holds, measured from its packets (no decoding)."""

    frames: int
    video: float  # seconds of picture
    audio: Optional[float]  # seconds of sound; None without an audio stream


def measure(path: Path, on_video: Optional[Callable[[object], None]] = None) -> Written:
    """Frame count and stream durations of ``path``, from packet timestamps.
    ``on_video(packet)`` sees every video packet that has data: the smart render checks
    them in this same pass instead of reading the file twice."""
    import av

    with av.open(str(path)) as c:
        v = c.streams.video[0] if c.streams.video else None
        a = c.streams.audio[0] if c.streams.audio else None
        spans: dict[int, list[int]] = {}  # in each stream's ticks: no fractions per packet
        frames = 0
        for pkt in c.demux(*[s for s in (v, a) if s is not None]):
            stream = pkt.stream
            if on_video and stream is v and pkt.size:
                on_video(pkt)
            pts = pkt.pts
            if pts is None or pkt.size == 0:
                continue
            frames += stream is v
            end = pts + (pkt.duration or 0)
            span = spans.get(stream.index)
            if span is None:
                spans[stream.index] = [pts, end]
            else:
                span[0], span[1] = min(span[0], pts), max(span[1], end)

        def length(s) -> Optional[float]:
            if s is None:
                return None
            lo, hi = (float(t * s.time_base) for t in spans.get(s.index, (0, 0)))
            return max(0.0, hi - max(lo, 0.0))  # AAC priming (negative pts) is not sound
        return Written(frames, length(v) or 0.0, length(a))


def verify_render(path: Path, frames: Optional[int], seconds: Optional[float], rate: Fraction,
                  audio_rate: Optional[int], has_audio: bool,
                  measured: Optional[Written] = None) -> Written:
    """The rendered file has the planned picture (``frames`` exactly, when given, and
    ``seconds`` within a frame) and sound as long as the picture (within a frame, plus
    one AAC frame of encoder padding); else a ``RenderError`` in one line.
    ``measured``: what ``measure(path)`` found already (the smart render's own pass)."""
    try:
        got = measured or measure(path)
    except Exception as exc:  # av.error.*: what was written does not even open
        raise RenderError(f"the rendered file does not read back: {one_line(exc)}") from exc
    frame = float(1 / rate)
    slack = frame + (1024 / audio_rate if audio_rate else 0.025)
    problems = []
    if frames is not None and got.frames != frames:
        problems.append(f"{got.frames} of {frames} frames")
    if seconds is not None and abs(got.video - seconds) > frame + 1e-3:
        problems.append(f"{got.video:.2f} s of picture for {seconds:.2f} s planned")
    if has_audio and got.audio is None:
        problems.append("no sound")
    elif has_audio and abs(got.audio - got.video) > slack:
        problems.append(f"{got.audio:.2f} s of sound under {got.video:.2f} s of picture")
    if problems:
        raise RenderError("the render came out wrong (" + "; ".join(problems)
                          + "); the source may be damaged: no file written")
    return got


_GRIDS: dict[tuple, bool] = {}


def on_frame_grid(source: Path, info: SourceInfo) -> bool:
    """Every picture of the source sits on its average frame rate's grid (constant frame
    rate, no frame missing); False for variable frame rate. Packets only, cached."""
    import av

    st = source.stat()
    key = (str(source.resolve()), st.st_size, st.st_mtime_ns, info.video_index)
    if key not in _GRIDS:
        pts = []
        try:
            with av.open(str(source)) as c:
                v = c.streams[info.video_index]
                tb = Fraction(v.time_base)
                pts = sorted(p.pts for p in c.demux(v) if p.size and p.pts is not None)
        except Exception as exc:  # av.error.*: leave it to the render to fail
            log.debug("frame grid of %s not read: %s", source, exc)
        step = 1 / (info.rate * tb) if pts else 1
        _GRIDS.clear()
        _GRIDS[key] = all(abs((b - pts[0]) - k * step) <= step / 4 for k, b in enumerate(pts))
    return _GRIDS[key]
