"""The moviepy (2.x) renderer: crossfades, fades, a title card, burned-in subtitles.

Why moviepy only here: effects need every frame composited in Python, which is an
order of magnitude slower than copying GOPs (see ``bench/render.py``), so the smart
renderer stays the default and this path runs only when the viewer asks for effects.
It stays frame accurate: every piece starts on an exact source frame time (snapped by
``media_io``) and the output is written at the source's frame rate, so output frame
``k`` of a piece is source frame ``first_frame + k``. Each piece's audio gets the same
10 ms fades as the other renderers (or the crossfade's length), so no cut clicks.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

from .media_io import (AUDIO_BITRATE, AUDIO_FADE_S, X264_CRF, X264_PRESET, RenderError,
                                   RenderPiece, RenderProgress, SourceInfo, unlink)
from .interrupt import raise_pending
from .subtitles import Cue

log = logging.getLogger(__name__)

SAMPLE_NUDGE_S = 1e-6


def crossfade_for(pieces: Sequence[RenderPiece], opts) -> float:
    """A crossfade can last at most half the shortest piece (``opts``: RenderOptions)."""
    if not opts.crossfade or len(pieces) < 2:
        return 0.0
    return min(opts.crossfade, min(p.duration for p in pieces) / 2)


def _progress_logger(progress: RenderProgress | None, total: float, fps: float):
    """A proglog logger that turns moviepy's frame counter into progress(done, total), and
    stops the render for a Ctrl-C that CPython dropped."""
    import proglog

    class _Bar(proglog.ProgressBarLogger):
        def bars_callback(self, bar, attr, value, old_value=None):
            raise_pending()
            if progress and bar == "frame_index" and attr == "index":
                progress(min(total, (value + 1) / fps), total)

    return _Bar()


def _title_card(text: str, seconds: float, size: tuple[int, int]):
    from moviepy import ColorClip, CompositeVideoClip, TextClip

    w, h = size
    bg = ColorClip(size=size, color=(0, 0, 0), duration=seconds)
    label = TextClip(text=text, font_size=max(18, h // 12), color="white", method="caption",
                     size=(int(w * 0.85), None), text_align="center", duration=seconds)
    return CompositeVideoClip([bg, label.with_position("center")], size=size)


def _subtitle_clips(cues: Sequence[Cue], size: tuple[int, int]):
    from moviepy import TextClip

    w, h = size
    clips = []
    for cue in cues:
        clip = TextClip(text=cue.text, font_size=max(14, h // 20), color="white",
                        stroke_color="black", stroke_width=2, method="caption",
                        size=(int(w * 0.9), None), text_align="center")
        y = max(0, int(h * 0.95) - clip.h)
        clips.append(clip.with_start(cue.start).with_duration(cue.end - cue.start)
                     .with_position(("center", y)))
    return clips


def build_clip(source: Path, info: SourceInfo, pieces: Sequence[RenderPiece], opts, cues):
    """The composited cut as one moviepy clip (and the source clip, to close later)."""
    from moviepy import CompositeVideoClip, VideoFileClip, afx, concatenate_videoclips, vfx

    # moviepy reads audio at 44.1 kHz unless told: ask for the source's own rate, or the
    # output's audio is resampled and a player that trusts the header hears it short.
    src = VideoFileClip(str(source), audio=info.audio_index is not None,
                        audio_fps=info.audio_rate or 44100)
    size = (src.w, src.h)
    cf = crossfade_for(pieces, opts)
    clips = []
    for i, p in enumerate(pieces):
        clip = src.subclipped(p.start, p.end)
        fx, afade = [], max(cf, AUDIO_FADE_S)
        if cf and i > 0:
            fx.append(vfx.CrossFadeIn(cf))
        if clip.audio is not None:
            clip = clip.with_audio(clip.audio.with_effects(
                [afx.AudioFadeIn(min(afade, p.duration / 2)),
                 afx.AudioFadeOut(min(afade, p.duration / 2))]))
        clips.append(clip.with_effects(fx) if fx else clip)
    if opts.title:
        clips.insert(0, _title_card(opts.title, opts.title_seconds, size))
    video = concatenate_videoclips(clips, method="compose", padding=-cf) if cf else \
        concatenate_videoclips(clips, method="chain")
    if opts.burn_subtitles and cues:
        video = CompositeVideoClip([video, *_subtitle_clips(cues, size)], size=size)
    if opts.fade:
        fade = min(opts.fade, video.duration / 2)
        video = video.with_effects([vfx.FadeIn(fade), vfx.FadeOut(fade)])
        if video.audio is not None:
            video = video.with_audio(video.audio.with_effects(
                [afx.AudioFadeIn(fade), afx.AudioFadeOut(fade)]))
    fps = float(info.rate)
    frames = round(video.duration * fps)
    # moviepy finds the clip for output time k/fps against float sums of the durations;
    # sampled exactly on a join, rounding sometimes picks the previous clip (one frame
    # past its end). A microsecond later is always inside the right clip and frame.
    video = video.time_transform(lambda t: t + SAMPLE_NUDGE_S, keep_duration=True)
    return src, video.with_duration(frames / fps + 1e-6)


def render_effects(source: Path, info: SourceInfo, pieces: Sequence[RenderPiece], opts,
                   cues: Sequence[Cue], target: Path, progress: RenderProgress | None) -> None:
    """Write the composited cut to ``target`` (a temp file the caller renames)."""
    try:
        src, video = build_clip(source, info, pieces, opts, cues)
    except (OSError, ValueError) as exc:
        raise RenderError(f"moviepy cannot open {source.name}: {exc}") from exc
    fps = float(info.rate)
    audio_tmp = target.with_suffix(".audio.m4a")
    try:
        audio_fps = info.audio_rate or 44100
        video.write_videofile(
            str(target), fps=fps, codec="libx264", preset=X264_PRESET,
            audio=video.audio is not None, audio_codec="aac", audio_bitrate=AUDIO_BITRATE,
            audio_fps=audio_fps, temp_audiofile=str(audio_tmp),
            ffmpeg_params=["-crf", str(X264_CRF), "-pix_fmt", "yuv420p"],
            logger=_progress_logger(progress, video.duration, fps))
    finally:
        video.close()
        src.close()
        unlink(audio_tmp)
