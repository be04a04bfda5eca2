"""Cut -> video file: one frame-accurate ffmpeg re-encode.

Why one command with one input per segment: ``-ss S -t D -i film`` seeks straight
to each segment (a two-hour film is never decoded end to end), is frame accurate
because we re-encode (ffmpeg decodes from the previous keyframe and drops frames
before ``S``), respects a container's non-zero start time, and keeps memory flat
when the planner plays segments out of source order. ``trim``/``atrim`` then clamp
every segment to its exact length, short audio fades remove clicks at the joins,
and ``concat`` glues them. The output is written to a temp file next to the target
and moved into place only when ffmpeg succeeded, so a failed or interrupted render
never leaves a partial file behind.
"""
from __future__ import annotations

import logging
import os
import re
import subprocess
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

from cutbot.agent.cut import Cut, Segment
from cutbot.agent.export import file_mode
from cutbot.indexers.errors import RenderError

log = logging.getLogger(__name__)

SUPPORTED_EXTENSIONS = (".mp4", ".mov", ".mkv")
AUDIO_FADE_S = 0.010  # long enough to hide a click, short enough to be inaudible
MIN_SEGMENT_S = 0.040  # about one frame at 25 fps; shorter segments are dropped
READ_PAST_S = 0.5  # read a little past each end; trim/atrim then cut it exactly
MANY_SEGMENTS = 8  # above this, inputs decode with one thread each (memory)
X264_PRESET = "veryfast"
X264_CRF = 20
AUDIO_BITRATE = "128k"

Progress = Callable[[float, float], None]


@dataclass(frozen=True)
class RenderResult:
    """What was written: the final path, its measured duration, and wall seconds taken."""

    path: Path
    duration: float
    seconds: float


@dataclass(frozen=True)
class SourceInfo:
    """The few facts about the source the filter graph needs."""

    duration: float
    video_index: int
    audio_index: Optional[int]
    fps: Optional[Fraction]
    width: int
    height: int


def ffmpeg_exe() -> str:
    """The ffmpeg that imageio-ffmpeg ships (users' machines may have none on PATH)."""
    try:
        import imageio_ffmpeg
        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as exc:  # missing package or binary
        raise RenderError(f"ffmpeg is not available (imageio-ffmpeg): {exc}") from exc


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


def probe_source(source: Path) -> SourceInfo:
    """Find the video and audio streams with PyAV (no ffprobe on users' machines)."""
    import av

    try:
        with av.open(str(source)) as container:
            videos = [s for s in container.streams.video
                      if not (s.disposition & av.stream.Disposition.attached_pic)]
            if not videos:
                raise RenderError(f"{source.name} has no video stream")
            v = videos[0]
            audios = list(container.streams.audio)
            duration = _duration(container, v)
            fps = v.average_rate or v.guessed_rate
            return SourceInfo(duration=duration, video_index=v.index,
                              audio_index=audios[0].index if audios else None,
                              fps=Fraction(fps) if fps else None,
                              width=v.codec_context.width, height=v.codec_context.height)
    except RenderError:
        raise
    except Exception as exc:  # av.error.* and OSError: unreadable or not media
        raise RenderError(f"cannot read source {source.name}: {_one_line(exc)}") from exc


def _duration(container, stream) -> float:
    if container.duration:
        return container.duration / 1_000_000
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    return 0.0


def _playable_segments(cut: Cut, info: SourceInfo) -> list[Segment]:
    """Clamp segments to the source; drop those left (almost) empty, with a log line."""
    out = []
    for seg in cut.segments:
        start = max(0.0, float(seg.start))
        end = min(float(seg.end), info.duration) if info.duration > 0 else float(seg.end)
        if end - start < MIN_SEGMENT_S:
            log.warning("dropping segment %.3f-%.3f: outside the source or too short",
                        seg.start, seg.end)
            continue
        if (start, end) != (seg.start, seg.end):
            log.info("clamped segment %.3f-%.3f to %.3f-%.3f", seg.start, seg.end, start, end)
        out.append(Segment(start, end, seg.score, seg.reasons, seg.shots))
    return out


def build_filter_graph(segments: list[Segment], info: SourceInfo) -> str:
    """One chain per input (input i is segment i), then concat -> [vout][aout]."""
    lines, pads = [], []
    odd_size = bool(info.width % 2 or info.height % 2)
    for i, seg in enumerate(segments):
        d = seg.end - seg.start
        lines.append(f"[{i}:{info.video_index}]trim=duration={d:.6f},setpts=PTS-STARTPTS[v{i}];")
        pads.append(f"[v{i}]")
        if info.audio_index is not None:
            fade = min(AUDIO_FADE_S, d / 2)
            lines.append(
                f"[{i}:{info.audio_index}]atrim=duration={d:.6f},asetpts=PTS-STARTPTS,"
                f"afade=t=in:st=0:d={fade:.4f},"
                f"afade=t=out:st={max(0.0, d - fade):.6f}:d={fade:.4f}[a{i}];")
            pads.append(f"[a{i}]")
    a = 1 if info.audio_index is not None else 0
    even = "scale=trunc(iw/2)*2:trunc(ih/2)*2," if odd_size else ""  # x264 4:2:0 needs even
    outs = "[vcat][aout]" if a else "[vcat]"
    lines.append(f"{''.join(pads)}concat=n={len(segments)}:v=1:a={a}{outs};")
    lines.append(f"[vcat]{even}format=yuv420p[vout]")
    return "\n".join(lines)


def build_command(exe: str, source: Path, segments: list[Segment], info: SourceInfo,
                  graph_file: Path, target: Path) -> list[str]:
    """The full ffmpeg argv; the graph lives in a file so 500 segments still fit."""
    cmd = [exe, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"]
    # Every input keeps a decoder open with a few frames queued; with many segments,
    # one decoding thread each saves memory (x264 still uses every core).
    per_input = ["-threads", "1"] if len(segments) > MANY_SEGMENTS else []
    for seg in segments:
        read_s = seg.end - seg.start + READ_PAST_S
        cmd += [*per_input, "-ss", f"{seg.start:.6f}", "-t", f"{read_s:.6f}", "-i", str(source)]
    if ffmpeg_major_version(exe) >= 7:
        cmd += ["-/filter_complex", str(graph_file)]
    else:
        cmd += ["-filter_complex_script", str(graph_file)]
    cmd += ["-map", "[vout]"]
    if info.audio_index is not None:
        cmd += ["-map", "[aout]", "-c:a", "aac", "-b:a", AUDIO_BITRATE]
    cmd += ["-c:v", "libx264", "-preset", X264_PRESET, "-crf", str(X264_CRF),
            "-pix_fmt", "yuv420p"]
    if info.fps:
        cmd += ["-fps_mode", "cfr", "-r", f"{info.fps.numerator}/{info.fps.denominator}"]
    if target.suffix.lower() in (".mp4", ".mov"):
        cmd += ["-movflags", "+faststart"]
    cmd += ["-progress", "pipe:1", "-nostats", str(target)]
    return cmd


def render(cut: Cut, out: str | Path, *, source: str | Path | None = None,
           progress: Progress | None = None) -> RenderResult:
    """Render ``cut`` to ``out`` (.mp4/.mov/.mkv) with one ffmpeg re-encode.

    ``progress(done_s, total_s)`` is called as ffmpeg writes. Any failure, Ctrl-C
    included, removes the partial file and raises ``RenderError`` with one line.
    """
    t0 = time.monotonic()
    out = Path(out).expanduser()
    src = Path(source if source is not None else cut.source).expanduser()
    if out.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise RenderError(f"cannot render to '{out.suffix or out.name}': "
                          f"use one of {', '.join(SUPPORTED_EXTENSIONS)}")
    if not cut.segments:
        raise RenderError("the cut is empty: nothing to render")
    if not src.is_file():
        raise RenderError(f"source not found: {src}")
    if out.exists() and out.resolve() == src.resolve():
        raise RenderError("the output would overwrite the source film")
    info = probe_source(src)
    segments = _playable_segments(cut, info)
    if not segments:
        raise RenderError("no segment of the cut lies inside the source")
    total = sum(s.end - s.start for s in segments)

    exe = ffmpeg_exe()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}.",
                                        suffix=f".part{out.suffix.lower()}")
        os.close(fd)
    except OSError as exc:
        raise RenderError(f"cannot write to {out.parent}: {exc.strerror or exc}") from exc
    tmp = Path(tmp_name)
    graph = tmp.with_suffix(".filtergraph.txt")
    try:
        graph.write_text(build_filter_graph(segments, info), encoding="utf-8")
        cmd = build_command(exe, src, segments, info, graph, tmp)
        log.debug("ffmpeg: %s", " ".join(cmd))
        _run_ffmpeg(cmd, total, progress)
        os.chmod(tmp, file_mode())
        os.replace(tmp, out)
    except KeyboardInterrupt as exc:
        _unlink(tmp)
        raise RenderError("rendering interrupted; no file written") from exc
    except RenderError:
        _unlink(tmp)
        raise
    except BaseException as exc:
        _unlink(tmp)
        raise RenderError(f"rendering failed: {_one_line(exc)}") from exc
    finally:
        _unlink(graph)
    duration = _output_duration(out, total)
    took = time.monotonic() - t0
    log.info("rendered %d segment(s), %.1f s, to %s in %.1f s", len(segments), duration,
             out, took)
    return RenderResult(path=out, duration=duration, seconds=took)


def _run_ffmpeg(cmd: list[str], total: float, progress: Progress | None) -> None:
    """Run ffmpeg, feed ``-progress`` lines to the callback, keep stderr's tail."""
    tail: deque[str] = deque(maxlen=20)
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, errors="replace")
    reader = threading.Thread(target=lambda: tail.extend(proc.stderr), daemon=True)
    reader.start()
    try:
        last = -1.0
        for line in proc.stdout:
            key, _, value = line.strip().partition("=")
            if key == "out_time_us" and value.lstrip("-").isdigit() and progress:
                done = min(total, max(0.0, int(value) / 1_000_000))
                if done > last:
                    last = done
                    progress(done, total)
            elif key == "progress" and value == "end" and progress and last < total:
                last = total
                progress(total, total)
        rc = proc.wait()
    except BaseException:
        proc.kill()
        proc.wait()
        raise
    finally:
        reader.join(timeout=5)
    if rc != 0:
        lines = [ln.strip() for ln in tail if ln.strip()]
        reason = lines[-1] if lines else f"exit status {rc}"
        raise RenderError(f"ffmpeg failed: {reason}")


def _output_duration(path: Path, fallback: float) -> float:
    try:
        import av
        with av.open(str(path)) as c:
            return c.duration / 1_000_000 if c.duration else fallback
    except Exception:  # the file is written; a probe hiccup must not fail the render
        log.warning("could not probe %s; reporting the planned duration", path)
        return fallback


def _unlink(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        log.warning("could not remove temporary file %s", path)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[-1] if text else type(exc).__name__
