"""Cut -> video file. Picks the renderer, writes a temp file, renames it into place.

Three renderers, one contract (frame accurate, clean audio, no partial file):
- ``smart`` (default without effects): whole GOPs are copied from the source and only
  the partial GOPs at each segment's edges are re-encoded (``smart_render``);
- ``reencode``: one ffmpeg re-encode of everything, the fallback when the source
  cannot be copied safely (other codecs, open GOPs, variable frame rate);
- ``moviepy``: crossfades, fades, a title card, burned-in subtitles (``effects``).
Audio always goes through one ffmpeg pass: each piece is cut to exactly its video's
frame count, faded for 10 ms at both ends (no clicks), concatenated and encoded once,
so it cannot drift from the picture. Subtitles are the transcript retimed to the cut:
an SRT beside the output and, on request, a soft track (mov_text in MP4/MOV, SRT in MKV).
"""
from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Optional, Sequence

from cutbot.agent.cut import Cut
from cutbot.agent.export import file_mode
from cutbot.agent.media_io import (Piece, Progress, SourceInfo, ffmpeg_exe,
                                   filter_script_args, one_line, probe_source, run_ffmpeg,
                                   snap_pieces, unlink)
from cutbot.agent.subtitles import Cue, Placement, retime, to_srt, write_srt
from cutbot.indexers.errors import RenderError
from cutbot.indexers.schema import Sentence

log = logging.getLogger(__name__)

__all__ = ["RenderOptions", "RenderResult", "render", "probe_source", "build_filter_graph"]

SUPPORTED_EXTENSIONS = (".mp4", ".mov", ".mkv")
AUDIO_FADE_S = 0.010  # long enough to hide a click, short enough to be inaudible
READ_PAST_S = 0.5  # read a little past each end; trim/atrim then cut it exactly
MANY_SEGMENTS = 8  # above this, inputs decode with one thread each (memory)
X264_PRESET = "veryfast"
X264_CRF = 20
AUDIO_BITRATE = "160k"
Mode = Literal["auto", "smart", "reencode", "moviepy"]


@dataclass(frozen=True)
class RenderOptions:
    """How to render; ``from_cut`` reads the plan's ``output`` (crossfade, fade, subtitles)."""

    mode: Mode = "auto"
    crossfade: float = 0.0
    fade: float = 0.0
    title: Optional[str] = None
    title_seconds: float = 2.0
    subtitles: bool = False
    burn_subtitles: bool = False

    @property
    def has_effects(self) -> bool:
        return bool(self.crossfade or self.fade or self.title or self.burn_subtitles)

    @classmethod
    def from_cut(cls, cut: Cut, **overrides) -> "RenderOptions":
        out = cut.constraints.get("output") or {} if isinstance(cut.constraints, dict) else {}
        known = {k: out[k] for k in ("crossfade", "fade", "subtitles", "burn_subtitles")
                 if k in out and out[k] is not None}
        known.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**known)
        except TypeError as exc:
            raise RenderError(f"unknown render option: {one_line(exc)}") from exc


@dataclass(frozen=True)
class RenderResult:
    """What was written: path, measured duration, wall seconds, and how it was made."""

    path: Path
    duration: float
    seconds: float
    mode: str = "reencode"
    subtitles: Optional[Path] = None
    copied_frames: int = 0
    encoded_frames: int = 0


def placements(pieces: Sequence[Piece], opts: RenderOptions) -> list[Placement]:
    """Where each piece plays in the output: after the title card, overlapped by crossfades."""
    lead = opts.title_seconds if opts.title else 0.0
    cf = crossfade_for(pieces, opts)
    return [Placement(p.start, p.end, lead + p.out_start - i * cf)
            for i, p in enumerate(pieces)]


def crossfade_for(pieces: Sequence[Piece], opts: RenderOptions) -> float:
    """A crossfade can last at most half the shortest piece."""
    if not opts.crossfade or len(pieces) < 2:
        return 0.0
    return min(opts.crossfade, min(p.duration for p in pieces) / 2)


def audio_chain(i: int, stream: int, piece: Piece, lead: float) -> str:
    """Input ``i`` starts ``lead`` s before the piece: cut exactly, fade both ends."""
    d, fade = piece.duration, min(AUDIO_FADE_S, piece.duration / 2)
    return (f"[{i}:{stream}]atrim=start={lead:.6f}:duration={d:.6f},asetpts=PTS-STARTPTS,"
            f"afade=t=in:st=0:d={fade:.4f},afade=t=out:st={max(0.0, d - fade):.6f}:d={fade:.4f}"
            f"[a{i}];")


def seek_point(piece: Piece) -> float:
    """Seek a quarter frame early so float rounding never drops the first frame."""
    return max(0.0, piece.start - 0.25 / float(piece.rate))


def build_filter_graph(pieces: Sequence[Piece], info: SourceInfo, video: bool = True,
                       first_input: int = 0) -> str:
    """One chain per input (input first_input+i is piece i), then concat -> [vout][aout]."""
    lines, vpads, apads = [], [], []
    for n, p in enumerate(pieces):
        i = first_input + n
        if video:
            lines.append(f"[{i}:{info.video_index}]trim=end_frame={p.frames},"
                         f"setpts=PTS-STARTPTS[v{i}];")
            vpads.append(f"[v{i}]")
        if info.audio_index is not None:
            lines.append(audio_chain(i, info.audio_index, p, p.start - seek_point(p)))
            apads.append(f"[a{i}]")
    a = 1 if apads else 0
    if video:
        pads = "".join(v + (apads[k] if a else "") for k, v in enumerate(vpads))
        outs = "[vcat][aout]" if a else "[vcat]"
        even = ("scale=trunc(iw/2)*2:trunc(ih/2)*2,"
                if info.width % 2 or info.height % 2 else "")  # x264 4:2:0 needs even sizes
        lines.append(f"{pads}concat=n={len(pieces)}:v=1:a={a}{outs};")
        lines.append(f"[vcat]{even}format=yuv420p[vout]")
    elif a:
        lines.append(f"{''.join(apads)}concat=n={len(pieces)}:v=0:a=1[aout]")
    return "\n".join(lines)


def _inputs(pieces: Sequence[Piece], source: Path) -> list[str]:
    per_input = ["-threads", "1"] if len(pieces) > MANY_SEGMENTS else []
    args: list[str] = []
    for p in pieces:
        ss = seek_point(p)
        args += [*per_input, "-ss", f"{ss:.6f}", "-t", f"{p.end - ss + READ_PAST_S:.6f}",
                 "-i", str(source)]
    return args


def _subtitle_args(srt_input: Optional[int], target: Path) -> list[str]:
    if srt_input is None:
        return []
    codec = "srt" if target.suffix.lower() == ".mkv" else "mov_text"
    return ["-map", f"{srt_input}:0", "-c:s", codec, "-metadata:s:s:0", "language=und"]


def _tail_args(info: SourceInfo, target: Path) -> list[str]:
    args = ["-c:a", "aac", "-b:a", AUDIO_BITRATE] if info.audio_index is not None else []
    if target.suffix.lower() in (".mp4", ".mov"):
        args += ["-movflags", "+faststart"]
    return args + ["-progress", "pipe:1", "-nostats", str(target)]


def reencode_command(exe: str, source: Path, pieces: Sequence[Piece], info: SourceInfo,
                     graph: Path, target: Path, srt: Optional[Path]) -> list[str]:
    """Full re-encode; the graph lives in a file so 500 segments still fit."""
    cmd = [exe, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *_inputs(pieces, source)]
    if srt:
        cmd += ["-i", str(srt)]
    cmd += [*filter_script_args(exe, graph), "-map", "[vout]"]
    if info.audio_index is not None:
        cmd += ["-map", "[aout]"]
    cmd += ["-c:v", "libx264", "-preset", X264_PRESET, "-crf", str(X264_CRF),
            "-pix_fmt", "yuv420p", "-fps_mode", "cfr",
            "-r", f"{info.rate.numerator}/{info.rate.denominator}"]
    cmd += _subtitle_args(len(pieces) if srt else None, target)
    return cmd + _tail_args(info, target)


def mux_command(exe: str, source: Path, video: Path, pieces: Sequence[Piece],
                info: SourceInfo, graph: Path, target: Path, srt: Optional[Path]) -> list[str]:
    """Smart render's last step: copy the assembled video, cut and encode the audio once."""
    cmd = [exe, "-hide_banner", "-nostdin", "-loglevel", "error", "-y", "-i", str(video)]
    if info.audio_index is not None:
        cmd += _inputs(pieces, source) + filter_script_args(exe, graph)
    if srt:
        cmd += ["-i", str(srt)]
    cmd += ["-map", "0:v", "-c:v", "copy"]
    if info.audio_index is not None:
        cmd += ["-map", "[aout]"]
    srt_index = 1 + (len(pieces) if info.audio_index is not None else 0)
    cmd += _subtitle_args(srt_index if srt else None, target)
    return cmd + _tail_args(info, target)


def _temp_beside(out: Path, suffix: str) -> Path:
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=out.parent, prefix=f".{out.stem}.", suffix=suffix)
        os.close(fd)
    except OSError as exc:
        raise RenderError(f"cannot write to {out.parent}: {exc.strerror or exc}") from exc
    return Path(name)


def render(cut: Cut, out: str | Path, *, source: str | Path | None = None,
           progress: Progress | None = None, options: RenderOptions | None = None,
           transcript: Sequence[Sentence] | None = None, **overrides) -> RenderResult:
    """Render ``cut`` to ``out`` (.mp4/.mov/.mkv); see the module doc for the renderers.

    ``options`` default to the plan's output settings (``RenderOptions.from_cut``);
    keyword overrides (``mode="reencode"``, ``subtitles=True``, ``title="..."``) win.
    ``progress(done_s, total_s)`` is called as the output grows. Any failure, Ctrl-C
    included, removes the partial file and raises ``RenderError`` with one line.
    """
    t0 = time.monotonic()
    opts = replace(options, **overrides) if options else RenderOptions.from_cut(cut, **overrides)
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
    pieces = snap_pieces(cut.segments, info)
    if not pieces:
        raise RenderError("no segment of the cut lies inside the source")
    cues: list[Cue] = []
    if (opts.subtitles or opts.burn_subtitles) and transcript:
        cues = retime(transcript, placements(pieces, opts))
    elif opts.subtitles or opts.burn_subtitles:
        log.warning("subtitles asked for, but there is no transcript: none written")

    tmp = _temp_beside(out, f".part{out.suffix.lower()}")
    extra: list[Path] = []
    try:
        srt = None
        if cues and opts.subtitles and not opts.burn_subtitles:
            srt = tmp.with_suffix(".srt")
            extra.append(srt)
            srt.write_text(to_srt(cues), encoding="utf-8")
        result = _dispatch(src, info, pieces, opts, cues, tmp, srt, extra, progress)
        os.chmod(tmp, file_mode())
        os.replace(tmp, out)
    except KeyboardInterrupt as exc:
        unlink(tmp)
        raise RenderError("rendering interrupted; no file written") from exc
    except RenderError:
        unlink(tmp)
        raise
    except BaseException as exc:
        unlink(tmp)
        raise RenderError(f"rendering failed: {one_line(exc)}") from exc
    finally:
        for path in extra:
            unlink(path)
    srt_path = write_srt(cues, out.with_suffix(".srt")) if cues and opts.subtitles else None
    total = sum(p.duration for p in pieces)
    took = time.monotonic() - t0
    duration = _output_duration(out, total)
    log.info("rendered %d segment(s), %.1f s, to %s in %.1f s (%s)", len(pieces), duration,
             out, took, result[0])
    return RenderResult(path=out, duration=duration, seconds=took, mode=result[0],
                        subtitles=srt_path, copied_frames=result[1], encoded_frames=result[2])


def _dispatch(src: Path, info: SourceInfo, pieces: list[Piece], opts: RenderOptions,
              cues: list[Cue], tmp: Path, srt: Optional[Path], extra: list[Path],
              progress: Progress | None) -> tuple[str, int, int]:
    """Run one renderer into ``tmp``: (mode used, frames copied, frames encoded)."""
    total = sum(p.duration for p in pieces)
    exe = ffmpeg_exe()
    frames = sum(p.frames for p in pieces)
    if opts.mode == "moviepy" or opts.has_effects:
        from cutbot.agent.effects import render_effects
        render_effects(src, info, pieces, opts, cues, tmp, progress)
        return "moviepy", 0, frames
    graph = tmp.with_suffix(".filtergraph.txt")
    extra.append(graph)
    if opts.mode in ("auto", "smart"):
        from cutbot.agent import smart_render as smart
        try:
            gops = smart.scan(src, info)
            video = tmp.with_suffix(".video.mp4")
            extra.append(video)
            stats = smart.assemble(src, info, gops, smart.plan_parts(pieces, gops.keys),
                                   video, progress, total, share=0.9)
            graph.write_text(build_filter_graph(pieces, info, video=False, first_input=1),
                             encoding="utf-8")
            run_ffmpeg(mux_command(exe, src, video, pieces, info, graph, tmp, srt), total,
                       progress, offset=0.9 * total, scale=0.1)
            if progress:
                progress(total, total)
            return "smart", stats.copied_frames, stats.encoded_frames
        except smart.NotSmartable as why:
            log.info("smart render not possible (%s): re-encoding everything", why)
    graph.write_text(build_filter_graph(pieces, info), encoding="utf-8")
    run_ffmpeg(reencode_command(exe, src, pieces, info, graph, tmp, srt), total, progress)
    if progress:
        progress(total, total)
    return "reencode", 0, frames


def _output_duration(path: Path, fallback: float) -> float:
    try:
        import av
        with av.open(str(path)) as c:
            return c.duration / 1_000_000 if c.duration else fallback
    except Exception:  # the file is written; a probe hiccup must not fail the render
        log.warning("could not probe %s; reporting the planned duration", path)
        return fallback
