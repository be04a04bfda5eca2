"""A cut across films -> one video or one timeline, with one media reference per film.

Each run of consecutive segments from one film is rendered by the single-film renderer
(``render.render``: smart render where that film allows it), into a private folder beside
the output. Then the parts are joined:

- when every part has the same codec parameters (codec, profile, size, pixel format,
  frame rate, time base, and the same sound layout), ffmpeg's concat demuxer copies them
  as they are, H.264 through MPEG-TS so each part keeps its own SPS/PPS in band (as the
  smart renderer's own parts do); the join is checked (every picture, the planned
  length) and nothing is encoded twice;
- otherwise every part is scaled and padded to the first film's picture size and frame
  rate and re-encoded once into H.264/AAC, and ``RenderResult.reason`` says what differed.

Timelines (OTIO, EDL, FCPXML, FCP7 XML) get one clip per segment whose media reference
is its own film; the mpv EDL lists each film's path on its lines.
"""
from __future__ import annotations

import logging
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Optional, Sequence

from cutbot.indexers.files import guard_output

from .cut import Cut
from .media_io import (AUDIO_BITRATE, X264_CRF, X264_PRESET, RenderError, ffmpeg_exe, one_line,
                       run_ffmpeg)
from .render import SUPPORTED_EXTENSIONS, RenderResult, _workdir_beside, render

log = logging.getLogger(__name__)

COMMON_AUDIO_RATE = 48000  # the re-encoded join's sound: 48 kHz stereo AAC


@dataclass(frozen=True)
class Run:
    """Consecutive segments of one film: one part of the output."""

    source: str
    cut: Cut


@dataclass(frozen=True)
class PartFormat:
    """What must match for parts to be joined by copying."""

    video: tuple
    audio: tuple | None
    width: int
    height: int
    rate: Any
    describe: str


def runs(cut: Cut) -> list[Run]:
    """The cut split into runs of consecutive segments from the same film."""
    out: list[Run] = []
    for seg in cut.segments:
        src = seg.source or cut.source
        plain = replace(seg, source=None)
        if out and out[-1].source == src:
            last = out[-1]
            out[-1] = Run(src, replace(last.cut, segments=last.cut.segments + (plain,)))
        else:
            out.append(Run(src, replace(cut, source=src, segments=(plain,))))
    return out


def is_across(cut: Cut) -> bool:
    return len(cut.sources) > 1


def render_across(cut: Cut, out: str | Path, *, progress=None, transcripts=None,
                  **options) -> RenderResult:
    """Render a cut whose segments come from several films (one film: ``render``)."""
    transcripts = transcripts or {}
    parts = runs(cut)
    if len(cut.sources) <= 1:
        src = parts[0].source if parts else cut.source
        return render(replace(cut, source=src, segments=tuple(replace(s, source=None)
                                                               for s in cut.segments)),
                      out, source=src, progress=progress, transcript=transcripts.get(src),
                      **options)
    t0 = time.monotonic()
    out = Path(out).expanduser()
    if out.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise RenderError(f"cannot render to '{out.suffix or out.name}': "
                          f"use one of {', '.join(SUPPORTED_EXTENSIONS)}")
    guard_output(out, list(cut.sources))
    dropped = bool(options.pop("subtitles", None) or (cut.constraints.get("output") or {}).get("subtitles"))
    options["subtitles"] = False
    total = cut.duration
    work = _workdir_beside(out)  # removed at the end; a killed run's by the next one
    try:
        files, results, done = [], [], 0.0
        for i, run in enumerate(parts):
            part = work / f"part{i:04d}{out.suffix}"

            def step(d, _t, base=done):  # each part's progress on the whole bar
                if progress:
                    progress(min(total, base + d), total)
            results.append(render(run.cut, part, source=run.source, progress=step,
                                  transcript=transcripts.get(run.source), **options))
            files.append(part)
            done += run.cut.duration
        formats = [part_format(f) for f in files]
        tmp = work / f"joined{out.suffix}"
        why = _why_not_copy(formats)
        if why is None:
            _concat_copy(files, formats, tmp, work)
            exact = all(r.mode in ("smart", "reencode") for r in results)  # counted when checked
            why = _check_join(tmp, files, total, sum(r.copied_frames + r.encoded_frames
                                                     for r in results) if exact else None)
            mode = "smart" if all(r.mode == "smart" for r in results) else results[0].mode
            reason = (f"{len(cut.sources)} films share codec parameters ({formats[0].describe}): "
                      f"{len(files)} parts joined without re-encoding")
        if why is not None:
            _concat_reencode(files, formats, tmp, total, progress)
            mode = "reencode"
            reason = (f"{why}: re-encoded to a common format ({formats[0].width}x"
                      f"{formats[0].height}, {formats[0].rate} fps, H.264/AAC)")
        tmp.replace(out)  # only a finished, joined file takes the output's name
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if dropped:
        reason += "; subtitles are not written for a cut across films yet"
    duration = _duration(out, total)
    log.info("rendered %d film(s), %.1f s, to %s (%s: %s)", len(cut.sources), duration, out,
             mode, reason)
    return RenderResult(path=out, duration=duration, seconds=time.monotonic() - t0, mode=mode,
                        copied_frames=sum(r.copied_frames for r in results),
                        encoded_frames=sum(r.encoded_frames for r in results), reason=reason)


def part_format(path: Path) -> PartFormat:
    """The codec parameters of a rendered part that a stream-copy join needs equal."""
    import av

    try:
        with av.open(str(path)) as c:
            v = c.streams.video[0]
            cc = v.codec_context
            video = (cc.name, cc.profile, cc.width, cc.height, str(cc.pix_fmt),
                     str(v.average_rate), str(v.time_base), bytes(cc.extradata or b""))
            audio = None
            if c.streams.audio:
                a = c.streams.audio[0].codec_context
                audio = (a.name, a.sample_rate, a.channels if hasattr(a, "channels")
                         else a.layout.nb_channels)
    except Exception as exc:  # av.error.*: the part we just wrote does not read
        raise RenderError(f"cannot read a rendered part: {one_line(exc)}") from exc
    describe = (f"{video[0]} {video[1] or ''} {video[2]}x{video[3]} {video[4]} {video[5]} fps"
                + (f", {audio[0]} {audio[1]} Hz" if audio else ", no sound")).replace("  ", " ")
    return PartFormat(video, audio, video[2], video[3], v.average_rate, describe)


def _why_not_copy(formats: Sequence[PartFormat]) -> str | None:
    """None when the parts can be joined by copying; else what differs."""
    if len({(f.video[:-1], f.audio) for f in formats}) > 1:
        return "the films differ (" + "; ".join(dict.fromkeys(f.describe for f in formats)) + ")"
    if formats[0].video[0] != "h264" and len({f.video for f in formats}) > 1:
        return f"the films' {formats[0].video[0]} parameter sets differ"
    return None


def _concat_copy(files: Sequence[Path], formats: Sequence[PartFormat], target: Path,
                 work: Path) -> None:
    """Stream-copy join. H.264 parts go through MPEG-TS first, so each part carries its
    own SPS/PPS in band (two films' encoders rarely write the same PPS), as the smart
    renderer's own parts do."""
    exe = ffmpeg_exe()
    head = [exe, "-hide_banner", "-nostdin", "-y", "-loglevel", "error"]
    inputs = list(files)
    if formats[0].video[0] == "h264":
        inputs = []
        for f in files:
            ts = f.with_suffix(".ts")
            run_ffmpeg([*head, "-i", str(f), "-map", "0", "-c", "copy",
                        "-bsf:v", "h264_mp4toannexb", "-f", "mpegts", str(ts)], 0.0, None)
            inputs.append(ts)
    listing = work / "parts.txt"
    listing.write_text("".join(f"file '{f.name}'\n" for f in inputs), encoding="utf-8")
    run_ffmpeg([*head, "-f", "concat", "-safe", "0", "-i", str(listing), "-map", "0",
                "-c", "copy", "-movflags", "+faststart", str(target)], 0.0, None)


def _frames(path: Path) -> int:
    import av

    with av.open(str(path)) as c:
        return sum(1 for p in c.demux(c.streams.video[0]) if p.size)


def _check_join(joined: Path, files: Sequence[Path], total: float,
                counted: Optional[int] = None) -> str | None:
    """None when the copied join has every part's pictures and the planned length.
    ``counted``: the parts' pictures, when their renders checked the count exactly (the
    parts are then not read again)."""
    try:
        want = counted if counted is not None else sum(_frames(f) for f in files)
        got = _frames(joined)
    except Exception as exc:  # av.error.*: a join that does not read is a failed join
        return f"the copied join does not read ({one_line(exc)})"
    if got != want:
        return f"the copied join has {got} pictures, not {want}"
    length = _duration(joined, 0.0)
    if abs(length - total) > 0.1:
        return f"the copied join lasts {length:.2f} s, not {total:.2f} s"
    return None


def _concat_reencode(files: Sequence[Path], formats: Sequence[PartFormat], target: Path,
                     total: float, progress) -> None:
    """One ffmpeg: every part scaled/padded to the first's size and rate, then joined."""
    w, h, rate = formats[0].width, formats[0].height, formats[0].rate
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-y", "-loglevel", "error",
           "-progress", "pipe:1", "-nostats"]
    for f in files:
        cmd += ["-i", str(f)]
    chains, labels = [], []
    for i, fmt in enumerate(formats):
        chains.append(f"[{i}:v:0]scale={w}:{h}:force_original_aspect_ratio=decrease,"
                      f"pad={w}:{h}:(ow-iw)/2:(oh-ih)/2,setsar=1,fps={rate},format=yuv420p[v{i}]")
        if fmt.audio:
            chains.append(f"[{i}:a:0]aformat=sample_rates={COMMON_AUDIO_RATE}:"
                          f"channel_layouts=stereo[a{i}]")
        else:  # a silent film still gets a sound track, so the join stays in sync
            chains.append(f"anullsrc=r={COMMON_AUDIO_RATE}:cl=stereo,"
                          f"atrim=duration={_duration(files[i], 0.0):.6f}[a{i}]")
        labels.append(f"[v{i}][a{i}]")
    graph = ";".join(chains) + ";" + "".join(labels) + f"concat=n={len(files)}:v=1:a=1[v][a]"
    cmd += ["-filter_complex", graph, "-map", "[v]", "-map", "[a]",
            "-c:v", "libx264", "-preset", X264_PRESET, "-crf", str(X264_CRF),
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", AUDIO_BITRATE,
            "-movflags", "+faststart", str(target)]
    run_ffmpeg(cmd, total, progress)


def _duration(path: Path, fallback: float) -> float:
    import av

    try:
        with av.open(str(path)) as c:
            v = c.streams.video[0]
            if v.duration is not None:
                return float(v.duration * v.time_base)
            return float(c.duration) / 1e6 if c.duration else fallback
    except Exception:  # av.error.*: the caller's fallback
        return fallback


def export_across(cut: Cut, path: str | Path, fmt: Optional[str] = None, *,
                  transcripts=None) -> Path:
    """Write a cut across films as a timeline with one media reference per film (or the
    plan JSON); a cut of one film goes to ``export`` unchanged."""
    from . import timeline
    from .export import export, export_format, write_plan_json
    from cutbot.indexers.files import atomic_write_text

    fmt = export_format(path, fmt)
    if not is_across(cut):
        src = cut.sources[0] if cut.segments else cut.source
        plain = replace(cut, source=src, segments=tuple(replace(s, source=None) for s in cut.segments))
        return export(plain if fmt != "json" else cut, path, fmt, source=src,
                      transcript=(transcripts or {}).get(src, ()))
    path = guard_output(path, list(cut.sources), what="export")
    if fmt == "json":
        return write_plan_json(cut, path)
    if fmt == "srt":
        raise RenderError("subtitles across films are not written yet: export json or a timeline")
    parts = runs(cut)
    if fmt == "mpv":
        lines = ["# mpv EDL v0"]
        for run in parts:
            lines += timeline.mpv_edl(run.cut, source=run.source).splitlines()[1:]
        atomic_write_text(path, "\n".join(lines) + "\n", error=RenderError)
        return path
    merged = _merged_timeline(cut, parts)
    return timeline.write_built(merged, path, fmt, len(cut.segments))


def _merged_timeline(cut: Cut, parts: Sequence[Run]):
    """One OTIO timeline: each film's clips, in play order, on one video and audio track."""
    import copy

    import opentimelineio as otio

    from . import timeline

    built = [timeline.build_timeline(run.cut, source=run.source) for run in parts]
    merged = otio.schema.Timeline(name=cut.request or "library cut")
    merged.global_start_time = built[0].global_start_time
    merged.metadata["cutbot"] = {"sources": list(cut.sources), "request": cut.request,
                                 "notes": list(cut.notes)}
    for kind, name in ((otio.schema.TrackKind.Video, "V1"), (otio.schema.TrackKind.Audio, "A1")):
        if not any(t.kind == kind for tl in built for t in tl.tracks):
            continue
        track = otio.schema.Track(name=name, kind=kind)
        for tl, run in zip(built, parts):
            mine = [t for t in tl.tracks if t.kind == kind]
            if mine:
                for clip in list(mine[0]):
                    clip = copy.deepcopy(clip)
                    clip.metadata.setdefault("cutbot", {})["source"] = run.source
                    track.append(clip)
            else:  # a film without sound: silence of the same length keeps sync
                length = sum((c.source_range.duration for c in
                              next(t for t in tl.tracks if t.kind != kind)), otio.opentime.RationalTime())
                track.append(otio.schema.Gap(duration=length))
        merged.tracks.append(track)
    return merged


__all__ = ["Run", "export_across", "is_across", "part_format", "render_across", "runs"]
