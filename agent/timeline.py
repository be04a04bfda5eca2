"""Cut -> editing timelines through OpenTimelineIO, and an mpv EDL for instant preview.

Why OTIO: one timeline object, written by OTIO's own adapters, reaches every editor
(``.otio`` natively; CMX3600 ``.edl``, FCPXML ``.fcpxml`` and FCP7 ``.xml`` through the
``otio-cmx3600-adapter``, ``otio-fcpx-xml-adapter`` and ``otio-fcp-adapter`` plug-ins).
Clips are cut on whole source frames (the same snapping the renderer uses), so the
editor's timeline and cutbot's render agree to the frame. The mpv EDL has no library
and is three lines of text: ``mpv cut.mpv.edl`` plays the cut without rendering it.
"""
from __future__ import annotations

import logging
from fractions import Fraction
from pathlib import Path
from typing import Any, Optional

from .cut import Cut
from .media_io import RenderPiece, RenderError, SourceInfo, probe_source, snap_pieces
from cutbot.indexers.files import atomic_write_text

log = logging.getLogger(__name__)

ADAPTERS = {"otio": ("otio_json", None), "edl": ("cmx_3600", "otio-cmx3600-adapter"),
            "fcpxml": ("fcpx_xml", "otio-fcpx-xml-adapter"),
            "fcp7xml": ("fcp_xml", "otio-fcp-adapter")}


def _source_info(cut: Cut, source: str | Path | None, fps: Any) -> tuple[Path, SourceInfo]:
    src = Path(source if source is not None else cut.source).expanduser()
    if fps is not None:
        rate = Fraction(fps).limit_denominator(1001)
        return src, SourceInfo(duration=0.0, video_index=0, audio_index=None, fps=rate,
                               width=0, height=0)
    if not src.is_file():
        raise RenderError(f"cannot read the frame rate of {src}: the source is not there "
                          "(pass fps= to export without it)")
    return src, probe_source(src)


def pieces_for(cut: Cut, *, source: str | Path | None = None, fps: Any = None) -> list[RenderPiece]:
    """The cut's segments snapped to the source's frames (what render would play)."""
    if not cut.segments:
        raise RenderError("the cut is empty: nothing to export")
    _, info = _source_info(cut, source, fps)
    pieces = snap_pieces(cut.segments, info)
    if not pieces:
        raise RenderError("no segment of the cut lies inside the source")
    return pieces


def build_timeline(cut: Cut, *, source: str | Path | None = None, fps: Any = None):
    """An OTIO Timeline: one video and one audio track, a clip per segment."""
    import opentimelineio as otio

    src, info = _source_info(cut, source, fps)
    pieces = snap_pieces(cut.segments, info) if cut.segments else []
    if not pieces:
        raise RenderError("the cut is empty: nothing to export")
    rate = float(info.rate)

    def rt(frames: int):
        return otio.opentime.RationalTime(frames, rate)

    available = None
    if info.duration > 0:
        available = otio.opentime.TimeRange(rt(0), rt(round(info.duration * rate)))
    url = str(src.resolve()) if src.is_file() else str(src)
    timeline = otio.schema.Timeline(name=cut.request or src.stem)
    timeline.global_start_time = rt(0)
    timeline.metadata["cutbot"] = {"source": str(cut.source), "request": cut.request,
                                   "notes": list(cut.notes)}
    kinds = [otio.schema.TrackKind.Video]
    if info.audio_index is not None:
        kinds.append(otio.schema.TrackKind.Audio)
    for kind in kinds:
        track = otio.schema.Track(name="V1" if kind == otio.schema.TrackKind.Video else "A1",
                                  kind=kind)
        for i, p in enumerate(pieces, 1):
            ref = otio.schema.ExternalReference(target_url=url, available_range=available)
            clip = otio.schema.Clip(
                name=f"{src.stem} {i}", media_reference=ref,
                source_range=otio.opentime.TimeRange(rt(p.first_frame), rt(p.frames)))
            clip.metadata["cutbot"] = {"score": p.segment.score,
                                       "reasons": list(p.segment.reasons),
                                       "start": p.segment.start, "end": p.segment.end}
            track.append(clip)
        timeline.tracks.append(track)
    return timeline


def mpv_edl(cut: Cut, *, source: str | Path | None = None, fps: Any = None) -> str:
    """``# mpv EDL v0`` with one ``%len%path,start,length`` line per segment."""
    src, info = _source_info(cut, source, fps)
    pieces = snap_pieces(cut.segments, info)
    if not pieces:
        raise RenderError("the cut is empty: nothing to export")
    path = str(src.resolve()) if src.is_file() else str(src)
    name = f"%{len(path.encode('utf-8'))}%{path}"
    lines = ["# mpv EDL v0"]
    lines += [f"{name},{p.start:.6f},{p.duration:.6f}" for p in pieces]
    return "\n".join(lines) + "\n"


def read_mpv_edl(path: str | Path) -> list[tuple[str, float, float]]:
    """(file, start, length) per entry of an mpv EDL that ``mpv_edl`` wrote."""
    text = Path(path).read_text(encoding="utf-8").splitlines()
    if not text or text[0].strip() != "# mpv EDL v0":
        raise RenderError(f"{Path(path).name} is not an mpv EDL")
    entries = []
    for line in text[1:]:
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("%"):
            n, rest = line[1:].split("%", 1)
            raw = rest.encode("utf-8")
            name, rest = raw[:int(n)].decode("utf-8"), raw[int(n):].decode("utf-8")
            start, length = rest.lstrip(",").split(",")[:2]
        else:
            name, start, length = line.split(",")[:3]
        entries.append((name, float(start), float(length)))
    return entries


def write_timeline(cut: Cut, path: str | Path, fmt: str, *, source: str | Path | None = None,
                   fps: Any = None) -> Path:
    """Write the cut as ``fmt`` (otio, edl, fcpxml, fcp7xml, mpv), atomically."""
    path = Path(path).expanduser()
    if fmt == "mpv":
        atomic_write_text(path, mpv_edl(cut, source=source, fps=fps), error=RenderError)
        return path
    if fmt not in ADAPTERS:
        raise RenderError(f"unknown timeline format '{fmt}'")
    import opentimelineio as otio

    adapter, package = ADAPTERS[fmt]
    if adapter not in otio.adapters.available_adapter_names():
        raise RenderError(f"exporting .{fmt} needs the OpenTimelineIO plug-in '{package}' "
                          f"(pip install {package})")
    return write_built(build_timeline(cut, source=source, fps=fps), path, fmt, len(cut.segments))


def write_built(timeline, path: Path, fmt: str, clips: int) -> Path:
    """Write an OTIO timeline already built (one film's, or a cut across films)."""
    import opentimelineio as otio

    adapter, package = ADAPTERS[fmt]
    if adapter not in otio.adapters.available_adapter_names():
        raise RenderError(f"exporting .{fmt} needs the OpenTimelineIO plug-in '{package}' "
                          f"(pip install {package})")
    if fmt == "edl":  # CMX3600 has one video track; the audio comes with it in editors
        timeline.tracks[:] = [t for t in timeline.tracks
                              if t.kind == otio.schema.TrackKind.Video]
    try:
        text = otio.adapters.write_to_string(timeline, adapter)
    except Exception as exc:  # adapters raise their own exception types
        raise RenderError(f"cannot write {fmt}: {str(exc).splitlines()[0] if str(exc) else exc}"
                          ) from exc
    atomic_write_text(path, text if text.endswith("\n") else text + "\n", error=RenderError)
    log.info("wrote %s timeline with %d clip(s) to %s", fmt, clips, path)
    return path


def read_timeline(path: str | Path, fps: Optional[float] = None):
    """Read back any timeline OTIO's adapters read (tests and users' scripts)."""
    import opentimelineio as otio

    kwargs = {"rate": fps} if str(path).lower().endswith(".edl") and fps else {}
    result = otio.adapters.read_from_file(str(path), **kwargs)
    if isinstance(result, otio.schema.SerializableCollection):
        result = next(iter(result.find_children(descended_from_type=otio.schema.Timeline)))
    return result
