"""The ffmpeg command lines of the render stack: the filter graph, the full re-encode, the
smart render's sound, its final join, and the subtitle track.

Why a module of its own: these are pure functions of the pieces and the source's facts
(no process is started here), so each can be read and tested as the text it produces.
"""
from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Optional, Sequence

from .media_io import (AUDIO_BITRATE, AUDIO_FADE_S, X264_CRF, X264_PRESET, RenderPiece,
                       SourceInfo, filter_script_args)

READ_PAST_S = 0.5  # read a little past each end; trim/atrim then cut it exactly
MANY_SEGMENTS = 8  # above this, inputs decode with one thread each (memory)


def audio_chain(i: int, stream: int, piece: RenderPiece, lead: float, rate: Optional[int]) -> str:
    """Input ``i`` starts ``lead`` s before the piece: cut, pad (a source whose sound
    stops early) and fade both ends. With the sample rate known, each piece gets
    ``round(end * sr) - round(start * sr)`` samples of the output timeline, so rounding
    never adds up over many pieces: the sound cannot drift from the picture."""
    if rate:
        count = round(piece.out_end * rate) - round(piece.out_start * rate)
        d, size = count / rate, f"apad=whole_len={count},atrim=end_sample={count}"
    else:
        d = piece.duration
        size = f"apad=whole_dur={d:.6f},atrim=duration={d:.6f}"
    fade = min(AUDIO_FADE_S, d / 2)
    return (f"[{i}:{stream}]atrim=start={lead:.6f},asetpts=PTS-STARTPTS,{size},"
            f"afade=t=in:st=0:d={fade:.4f},afade=t=out:st={max(0.0, d - fade):.6f}:d={fade:.4f}"
            f"[a{i}];")


def seek_point(piece: RenderPiece) -> float:
    """Seek a quarter frame early so float rounding never drops the first frame."""
    return max(0.0, piece.start - 0.25 / float(piece.rate))


def build_filter_graph(pieces: Sequence[RenderPiece], info: SourceInfo, video: bool = True,
                       first_input: int = 0, cfr: bool = False) -> str:
    """One chain per input (input first_input+i is piece i), then concat -> [vout][aout].
    ``cfr``: a variable frame rate source is first re-timed to its average rate, so
    each piece has exactly its frames and lasts as long as its sound."""
    lines, vpads, apads = [], [], []
    retime = f"fps={info.rate.numerator}/{info.rate.denominator}," if cfr else ""
    for n, p in enumerate(pieces):
        i = first_input + n
        if video:
            lines.append(f"[{i}:{info.video_index}]{retime}trim=end_frame={p.frames},"
                         f"setpts=PTS-STARTPTS[v{i}];")
            vpads.append(f"[v{i}]")
        if info.audio_index is not None:
            lines.append(audio_chain(i, info.audio_index, p, p.start - seek_point(p),
                                      info.audio_rate))
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


def _inputs(pieces: Sequence[RenderPiece], source: Path, info: SourceInfo) -> list[str]:
    per_input = ["-threads", "1"] if len(pieces) > MANY_SEGMENTS else []
    args: list[str] = []
    for p in pieces:
        ss = seek_point(p)
        args += [*per_input, "-ss", info.seek_arg(ss), "-t", f"{p.end - ss + READ_PAST_S:.6f}",
                 "-i", str(source)]
    return args


def soft_subtitles_command(exe: str, video: Path, srt: Path, target: Path) -> list[str]:
    """The moviepy output plus the SRT as a subtitle track (everything else copied)."""
    return [*_head(exe), "-i", str(video), "-i", str(srt), "-map", "0", "-map", "1",
            "-c", "copy", *_subtitle_args(1, video)[2:], str(target)]


def _subtitle_args(srt_input: Optional[int], target: Path) -> list[str]:
    if srt_input is None:
        return []
    codec = "srt" if target.suffix.lower() == ".mkv" else "mov_text"
    return ["-map", f"{srt_input}:0", "-c:s", codec, "-metadata:s:s:0", "language=und"]


def _audio_args(info: SourceInfo) -> list[str]:
    # the "fast" AAC coder: 3x the speed of the default at this bitrate, no audible loss
    args = ["-c:a", "aac", "-aac_coder", "fast", "-b:a", AUDIO_BITRATE]
    return args + (["-ar", str(info.audio_rate)] if info.audio_rate else [])


def _out_args(target: Path) -> list[str]:
    args = ["-movflags", "+faststart"] if target.suffix.lower() in (".mp4", ".mov") else []
    return args + ["-progress", "pipe:1", "-nostats", str(target)]


def _head(exe: str) -> list[str]:
    return [exe, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"]


def reencode_command(exe: str, source: Path, pieces: Sequence[RenderPiece], info: SourceInfo,
                     graph: Path, target: Path, srt: Optional[Path]) -> list[str]:
    """Full re-encode; the graph lives in a file so 500 segments still fit."""
    cmd = [*_head(exe), *_inputs(pieces, source, info)]
    if srt:
        cmd += ["-i", str(srt)]
    cmd += [*filter_script_args(exe, graph), "-map", "[vout]"]
    if info.audio_index is not None:
        cmd += ["-map", "[aout]", *_audio_args(info)]
    cmd += ["-c:v", "libx264", "-preset", X264_PRESET, "-crf", str(X264_CRF),
            "-pix_fmt", "yuv420p", "-fps_mode", "cfr",
            "-r", f"{info.rate.numerator}/{info.rate.denominator}"]
    cmd += _subtitle_args(len(pieces) if srt else None, target)
    return cmd + _out_args(target)


def audio_command(exe: str, source: Path, pieces: Sequence[RenderPiece], info: SourceInfo,
                  graph: Path, target: Path) -> list[str]:
    """The cut's sound alone, in one pass (smart render runs it beside the video parts)."""
    return [*_head(exe), *_inputs(pieces, source, info), *filter_script_args(exe, graph),
            "-map", "[aout]", *_audio_args(info), "-f", "mp4", str(target)]


def mux_command(exe: str, listing: Path, audio: Optional[Path], target: Path,
                srt: Optional[Path], timescale: int = 0) -> list[str]:
    """Smart render's last step: the parts (concat script ``listing``), the sound and the
    subtitle track, all copied into one file."""
    cmd = [*_head(exe), "-f", "concat", "-safe", "0", "-i", str(listing)]
    cmd += ["-i", str(audio)] if audio else []
    cmd += ["-i", str(srt)] if srt else []
    cmd += ["-map", "0:v"] + (["-map", "1:a"] if audio else []) + ["-c", "copy"]
    if timescale and target.suffix.lower() in (".mp4", ".mov"):
        cmd += ["-video_track_timescale", str(timescale)]  # the source's: exact frame times
    cmd += _subtitle_args((2 if audio else 1) if srt else None, target)
    return cmd + _out_args(target)


def concat_list(parts: Sequence, files: Sequence[Path], rate: Fraction) -> str:
    """An ffconcat script; explicit durations place every part on its exact frame."""
    lines = ["ffconcat version 1.0"]
    for part, path in zip(parts, files):
        quoted = str(path.resolve()).replace("'", "'\\''")
        lines += [f"file '{quoted}'", f"duration {float(part.frames / rate):.6f}"]
    return "\n".join(lines) + "\n"
