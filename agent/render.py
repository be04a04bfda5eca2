"""Cut -> video file. Picks the renderer, writes a temp file, renames it into place.

Three renderers, one contract (frame accurate, clean audio, no partial file, and a result
that says which one ran and why):
- ``smart`` (default without effects): whole GOPs are copied from the source and only
  the partial GOPs at each segment's edges are re-encoded (``smart_render``);
- ``reencode``: one ffmpeg re-encode of everything, the fallback when the source
  cannot be copied safely or a check of the smart result fails;
- ``moviepy``: crossfades, fades, a title card, burned-in subtitles (``effects``).
The sound is cut in one ffmpeg pass to the sample (10 ms fades at every cut) and encoded
once, so it cannot drift from the picture; the smart render copies the source's AAC
packets instead when it can (``audio_copy``: within half a packet of the picture).
Subtitles: an SRT beside the output and, on request, a soft track (mov_text in MP4/MOV,
SRT in MKV).
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal, Optional, Sequence

from .cut import Cut
from cutbot.indexers.files import clean_stale_parts, guard_output, part_prefix
from cutbot.indexers.files import default_mode as file_mode
from .effects import crossfade_for, render_effects
from .interrupt import raise_pending
from .media_io import (FFmpeg, Meter, RenderError, RenderPiece, RenderProgress, SourceInfo,
                       ffmpeg_exe, one_line, probe_source, run_ffmpeg, snap_pieces, unlink)
from .render_checks import Written, on_frame_grid, verify_render
from .render_commands import (audio_command, build_filter_graph, concat_list, mux_command,
                              reencode_command, soft_subtitles_command)
from .subtitles import Cue, Placement, retime, to_srt, write_srt
from cutbot.indexers.schema import Sentence

log = logging.getLogger(__name__)

__all__ = ["RenderOptions", "RenderResult", "render", "probe_source", "build_filter_graph",
           "concat_list"]

SUPPORTED_EXTENSIONS = (".mp4", ".mov", ".mkv")
MUX_WEIGHT = 0.05  # smart render: muxing and the audio encode, per frame (edges cost 1)
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
    """What was written: path, measured duration, wall seconds, and how it was made.

    ``mode`` is the renderer that ran (smart, reencode, moviepy) and ``reason`` says why,
    e.g. why smart rendering fell back to a full re-encode."""

    path: Path
    duration: float
    seconds: float
    mode: str = "reencode"
    subtitles: Optional[Path] = None
    copied_frames: int = 0
    encoded_frames: int = 0
    reason: str = ""


def placements(pieces: Sequence[RenderPiece], opts: RenderOptions) -> list[Placement]:
    """Where each piece plays in the output: after the title card, overlapped by crossfades."""
    lead = opts.title_seconds if opts.title else 0.0
    cf = crossfade_for(pieces, opts)
    return [Placement(p.start, p.end, lead + p.out_start - i * cf)
            for i, p in enumerate(pieces)]


def _workdir_beside(out: Path) -> Path:
    """A hidden folder next to the output: same disk, so the final rename is atomic. Its
    name carries our pid, so the next run here removes it if we are killed."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        clean_stale_parts(out.parent)
        return Path(tempfile.mkdtemp(dir=out.parent, prefix=part_prefix(out.stem), suffix=".part"))
    except OSError as exc:
        raise RenderError(f"cannot write to {out.parent}: {exc.strerror or exc}") from exc


def _check_request(cut: Cut, out: Path, src: Path, opts: RenderOptions) -> None:
    """Refuse, before any work, what cannot or must not be written."""
    if out.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise RenderError(f"cannot render to '{out.suffix or out.name}': "
                          f"use one of {', '.join(SUPPORTED_EXTENSIONS)}")
    if not cut.segments:
        raise RenderError("the cut is empty: nothing to render")
    if not src.is_file():
        raise RenderError(f"source not found: {src}")
    guard_output(out, [src])
    if opts.subtitles:  # the SRT beside the output
        guard_output(out.with_suffix(".srt"), [src], what="subtitles")


def _render_to(out: Path, src: Path, info, pieces, opts: RenderOptions, cues: list[Cue],
               progress: RenderProgress | None):
    """Render in a work folder beside ``out``, verify, then rename into place."""
    work = _workdir_beside(out)
    tmp = work / f"output{out.suffix.lower()}"
    try:
        srt = None
        if cues and opts.subtitles and not opts.burn_subtitles:
            srt = work / "subtitles.srt"
            srt.write_text(to_srt(cues), encoding="utf-8")
        run = _dispatch(src, info, pieces, opts, cues, tmp, srt, work, progress)
        exact = run.mode != "moviepy"  # effects change the length; their sync is still checked
        verify_render(tmp, sum(p.frames for p in pieces) if exact else None,
                      sum(p.duration for p in pieces) if exact else None, info.rate,
                      info.audio_rate, info.audio_index is not None, run.written)
        os.chmod(tmp, file_mode())
        raise_pending()  # a Ctrl-C dropped during the render: the output never takes its place
        os.replace(tmp, out)
    except (KeyboardInterrupt, SystemExit, RenderError):
        raise  # Ctrl-C stays an interruption (exit 130); the finally removes the temps
    except OSError as exc:  # disk full, no permission, a tool that would not start
        raise RenderError(f"rendering failed: {one_line(exc)}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return run


def render(cut: Cut, out: str | Path, *, source: str | Path | None = None,
           progress: RenderProgress | None = None, options: RenderOptions | None = None,
           transcript: Sequence[Sentence] | None = None, **overrides) -> RenderResult:
    """Render ``cut`` to ``out`` (.mp4/.mov/.mkv); see the module doc for the renderers.

    ``options`` default to the plan's output settings (``RenderOptions.from_cut``);
    keyword overrides (``mode="reencode"``, ``subtitles=True``, ``title="..."``) win.
    ``progress(done_s, total_s)`` is called as the output grows. Any failure removes the
    partial file and raises ``RenderError`` with one line; Ctrl-C removes it too and
    stays a ``KeyboardInterrupt``. The output never replaces the source or a library film.
    """
    t0 = time.monotonic()
    opts = replace(options, **overrides) if options else RenderOptions.from_cut(cut, **overrides)
    out = Path(out).expanduser()
    src = Path(source if source is not None else cut.source).expanduser()
    _check_request(cut, out, src, opts)
    info = probe_source(src)
    pieces = snap_pieces(cut.segments, info)
    if not pieces:
        raise RenderError("no segment of the cut lies inside the source")
    cues: list[Cue] = []
    if (opts.subtitles or opts.burn_subtitles) and transcript:
        cues = retime(transcript, placements(pieces, opts))
    elif opts.subtitles or opts.burn_subtitles:
        log.warning("subtitles asked for, but there is no transcript: none written")

    run = _render_to(out, src, info, pieces, opts, cues, progress)
    srt_path = write_srt(cues, out.with_suffix(".srt")) if cues and opts.subtitles else None
    total = sum(p.duration for p in pieces)
    took = time.monotonic() - t0
    duration = _output_duration(out, total)
    log.info("rendered %d segment(s), %.1f s, to %s in %.1f s (%s: %s)", len(pieces), duration,
             out, took, run.mode, run.reason)
    return RenderResult(path=out, duration=duration, seconds=took, mode=run.mode,
                        subtitles=srt_path, copied_frames=run.copied,
                        encoded_frames=run.encoded, reason=run.reason)


@dataclass(frozen=True)
class _Run:
    mode: str
    reason: str
    copied: int = 0
    encoded: int = 0
    written: Optional[Written] = None  # the smart render measured its output already


def _dispatch(src: Path, info: SourceInfo, pieces: list[RenderPiece], opts: RenderOptions,
              cues: list[Cue], tmp: Path, srt: Optional[Path], work: Path,
              progress: RenderProgress | None) -> _Run:
    """Run one renderer into ``tmp``; say which ran and why."""
    total = sum(p.duration for p in pieces)
    frames = sum(p.frames for p in pieces)
    if opts.mode == "moviepy" or opts.has_effects:
        render_effects(src, info, pieces, opts, cues, tmp, progress)
        if srt:
            run_ffmpeg(soft_subtitles_command(ffmpeg_exe(), tmp, srt, work / f"subs{tmp.suffix}"),
                       0.0, None)
            os.replace(work / f"subs{tmp.suffix}", tmp)
        asked = [k for k in ("crossfade", "fade", "title", "burn_subtitles") if getattr(opts, k)]
        why = f"effects asked for: {', '.join(asked)}" if asked else "moviepy asked for"
        return _Run("moviepy", why, 0, frames)
    meter = Meter(progress, total, 1.0)
    why = "full re-encode asked for"
    if opts.mode in ("auto", "smart"):
        from . import smart_render as smart
        try:
            return _render_smart(src, info, pieces, tmp, srt, work, meter)
        except smart.NotSmartable as exc:
            why = f"smart render not possible: {exc}"
        except RenderError as exc:  # an ffmpeg step failed: the re-encode may still work
            why = f"smart render failed: {exc}"
        (log.warning if opts.mode == "smart" else log.info)("%s; re-encoding everything", why)
    cfr = not on_frame_grid(src, info)
    if cfr:
        why += f"; re-timed the variable frame rate source to a constant {float(info.rate):.3g} fps"
    graph = work / "graph.txt"
    graph.write_text(build_filter_graph(pieces, info, cfr=cfr), encoding="utf-8")
    cmd = reencode_command(ffmpeg_exe(), src, pieces, info, graph, tmp, srt)
    meter.run(cmd, meter.rest(), total)
    meter.show(total)
    return _Run("reencode", why, 0, frames)


def _render_smart(src: Path, info: SourceInfo, pieces: list[RenderPiece], tmp: Path,
                  srt: Optional[Path], work: Path, meter: Meter) -> _Run:
    """Copy the source's pictures from each keyframe, encode the edges, join, add the
    sound, then check the result. The sound is cut and encoded in the background while
    the source is scanned and the video parts are made."""
    from . import smart_render as smart

    exe = ffmpeg_exe()
    sound, audio, heard = None, None, "no sound"
    if info.audio_index is not None:
        audio = work / "audio.m4a"
        copied_sound, heard = _copy_sound(src, info, pieces, audio)
        if not copied_sound:  # re-encoded: started first, it runs while the source is scanned
            graph = work / "audio.txt"
            graph.write_text(build_filter_graph(pieces, info, video=False), encoding="utf-8")
            sound = FFmpeg(audio_command(exe, src, pieces, info, graph, audio))
    try:
        gops = smart.scan(src, info)
        parts = smart.plan_parts(pieces, gops.keys, gops.copy_ends())
        copied = sum(p.frames for p in parts if p.kind == "copy")
        if not copied:
            raise smart.NotSmartable("no segment spans a whole GOP, so nothing can be copied")
        frames, total = sum(p.frames for p in parts), meter.total
        meter.work = sum(map(smart.part_weight, parts)) + MUX_WEIGHT * frames
        thumbs: dict = {}
        files = smart.make_parts(src, info, gops, parts, work, meter.advance, thumbs)
        if sound:
            sound.wait()
    finally:
        if sound:
            sound.kill()
    listing = work / "parts.ffconcat"
    listing.write_text(concat_list(parts, files, info.rate), encoding="utf-8")
    timescale = gops.time_base.denominator if gops.time_base.numerator == 1 else 0
    meter.run(mux_command(exe, listing, audio, tmp, srt, timescale), MUX_WEIGHT * frames, total)
    for path in files:
        unlink(path)  # the joined copy is there: free the disk before checking it
    written = smart.verify_output(tmp, src, info, gops, parts, thumbs)
    meter.show(total)
    return _Run("smart", f"copied {copied} frame(s), re-encoded {frames - copied} at the "
                f"edges; {heard}", copied, frames - copied, written)


def _copy_sound(src: Path, info: SourceInfo, pieces: list[RenderPiece],
                audio: Path) -> tuple[bool, str]:
    """Copy the source's AAC packets into ``audio`` (``audio_copy``): whether it did, and
    what the result says (why the sound is re-encoded otherwise). ``CUTBOT_AUDIO_COPY=0``
    turns the copy off (to compare, or should a player dislike the joins)."""
    from .audio_copy import NotCopyable, copy_audio

    if os.environ.get("CUTBOT_AUDIO_COPY", "1") == "0":
        return False, "sound re-encoded (CUTBOT_AUDIO_COPY=0)"
    try:
        copy_audio(src, info, pieces, audio)
        return True, "sound copied"
    except NotCopyable as exc:
        why = str(exc)
    except Exception as exc:  # av.error.*: a stream the muxer refuses; the encode may work
        why = f"copy failed: {one_line(exc)}"
    unlink(audio)
    log.info("sound re-encoded: %s", why)
    return False, f"sound re-encoded ({why})"


def _output_duration(path: Path, fallback: float) -> float:
    try:
        import av
        with av.open(str(path)) as c:
            return c.duration / 1_000_000 if c.duration else fallback
    except Exception:  # the file is written; a probe hiccup must not fail the render
        log.warning("could not probe %s; reporting the planned duration", path)
        return fallback
