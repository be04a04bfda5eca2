"""Smart render: copy the source's coded pictures, re-encode only from each cut to a keyframe.

Why: a cut of a long film is mostly whole groups of pictures; copying their packets
costs a disk read, while re-encoding costs minutes and a generation of quality. Each
piece becomes up to three parts: ``[start, k1)`` re-encoded (the cut-in to the next
keyframe), ``[k1, e)`` copied, ``[e, end)`` re-encoded, where ``e`` is the last point
before the cut-out where a copy may stop: a keyframe, or inside the last GOP where its
first packets in decode order show exactly the frames up to there (they refer to
nothing decoded later). Without B-frames every frame is such a point, so the tail is
copied whole; with them, at most a few frames after the last reference picture remain.

How (PyAV makes the parts and checks the result; ffmpeg joins them and cuts the sound):
- ``scan`` demuxes the video packets once, without decoding: keyframes, the points a
  copy may stop, the decode delay, and every reason a copy would be unsafe (raised as
  ``NotSmartable``);
- a copy is the N packets from its keyframe on, remuxed into MPEG-TS (parameter sets in
  band): in closed GOPs the N packets that follow an IDR picture in decode order are
  exactly the N pictures up to the stop point;
- edges are encoded in batches in this process (``smart_edges``) by libx264 at the
  source's profile, level, pixel format, size and decode delay (so decode timestamps
  stay monotonic at every join), under their own SPS/PPS id, each starting on an IDR
  picture, one file each; a small picture of each edge's first source frame is kept
  for the final check;
- copies and edge batches run on two threads, the costliest first, beside the sound;
- the concat demuxer joins the parts with exact durations; render.py adds the sound;
- ``verify_output`` checks the result (frame count, gap-free timestamps, copies byte for
  byte, the first picture of every part against the source) in one packet pass that
  also measures the file, with the pictures decoded in threads meanwhile. Any failure
  is a ``NotSmartable`` with the reason, and the caller re-encodes everything, saying why.
"""
from __future__ import annotations

import bisect
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Literal, Optional, Sequence

from .media_io import RenderPiece, SourceInfo, frame_at, lower_priority, run_parallel
from .render_checks import Written, measure
from .smart_edges import copy_part, encode_edges, open_source, thumb
from .smart_scan import (DELAY_PARAMS, PIX_FMTS, PROFILES, GopIndex, NotSmartable, _scan,  # noqa: F401
                         clean_ends, nal_units, only_stream, parse_avcc, scan, slice_data)

log = logging.getLogger(__name__)

MAX_PIXEL_DIFF = 12.0  # mean |luma| difference allowed between an edge and its source frame
WEIGHTS = {"copy": 0.02, "encode": 1.0}  # relative cost per frame, for progress and ETA
PART_WORKERS = 2  # one run's start-up, seeks and flush leave a core idle: run two
EDGE_BATCH = 8  # edges per x264 run: start-up shared, inputs (and memory) still bounded
PICTURE_WORKERS = 2  # decoding the pictures at the joins releases the GIL: two threads
PART_NICE = 4  # parts run below the sound, which then has a core and ends with them


@dataclass(frozen=True)
class Part:
    kind: Literal["copy", "encode"]
    first: int  # source frame
    frames: int
    out_frame: int


def plan_parts(pieces: Sequence[RenderPiece], keys: Sequence[int],
               ends: Optional[Sequence[int]] = None) -> list[Part]:
    """Split each piece into an encoded head (cut-in to the next keyframe), a copied
    middle (that keyframe to the last point before the cut-out where a copy may stop,
    ``ends``: keyframes when not given) and an encoded tail for what is left."""
    ends = keys if ends is None else ends
    parts: list[Part] = []
    for p in pieces:
        a, b, out = p.first_frame, p.first_frame + p.frames, p.out_frame
        i = bisect.bisect_left(keys, a)
        j = bisect.bisect_right(ends, b) - 1
        k1 = keys[i] if i < len(keys) else None
        k2 = ends[j] if j >= 0 else None
        if k1 is None or k2 is None or k2 <= k1:
            parts.append(Part("encode", a, b - a, out))
            continue
        if a < k1:
            parts.append(Part("encode", a, k1 - a, out))
        parts.append(Part("copy", k1, k2 - k1, out + k1 - a))
        if k2 < b:
            parts.append(Part("encode", k2, b - k2, out + k2 - a))
    return parts


def part_weight(part: Part) -> float:
    return WEIGHTS[part.kind] * part.frames


# --- ffmpeg commands --------------------------------------------------------------------

def _jobs(parts: Sequence[Part]) -> list[list[int]]:
    """Part numbers per ffmpeg run: each copy alone, edges in batches of play order;
    the costliest runs first, so the cheap copies fill the other core at the end."""
    jobs: list[list[int]] = []
    batch: list[int] = []
    for n, part in enumerate(parts):
        if part.kind == "copy":
            jobs.append([n])
        else:
            if not batch:
                jobs.append(batch)
            batch.append(n)
            if len(batch) == EDGE_BATCH:
                batch = []
    return sorted(jobs, key=lambda job: -sum(part_weight(parts[n]) for n in job))


def make_parts(source: Path, info: SourceInfo, gops: GopIndex,
               parts: Sequence[Part], work: Path, done: Callable[[float], None],
               thumbs: Optional[dict] = None) -> list[Path]:
    """Write every part (edges checked as they come) on two threads below the sound's
    priority, each with the source open once (``smart_edges``); ``done(weight)`` as
    each job finishes. ``thumbs`` (a dict) receives each edge's
    first source picture, small and gray, by part number, for ``verify_output``."""
    jobs = _jobs(parts)
    files = [work] * len(parts)
    for j, job in enumerate(jobs):
        for k, n in enumerate(job):
            files[n] = work / f"job{j:05d}_{k:03d}.ts"

    local, opened, stop = threading.local(), [], threading.Event()

    def job_for(job: list[int]):
        def make(run: Callable[[list[str]], None]) -> None:
            if stop.is_set():
                return
            if not hasattr(local, "source"):  # once per worker: lower it, open the source
                lower_priority(threading.get_native_id(), PART_NICE)
                local.source = open_source(source, info)
                opened.append(local.source)
            first = parts[job[0]]
            if first.kind == "copy":
                copy_part(local.source, info, gops, first.first, first.frames, files[job[0]])
                return
            smalls = encode_edges(source, info, gops, [parts[n] for n in job],
                                  [files[n] for n in job], local.source, stop)
            for n, small in zip(job, smalls):
                check_part(files[n], parts[n], gops)
                if thumbs is not None and small is not None:
                    thumbs[n] = small
        return make

    try:
        run_parallel([job_for(job) for job in jobs], PART_WORKERS,
                     lambda j: done(sum(part_weight(parts[n]) for n in jobs[j])), stop=stop)
    finally:
        for container in opened:
            container.close()
    return files


# --- checks -----------------------------------------------------------------------------

def _read_span(fh, span: tuple[int, int]) -> bytes:
    pos, size = span
    if pos < 0:
        return b""
    fh.seek(pos)
    return fh.read(size)


def check_part(path: Path, part: Part, gops: GopIndex) -> None:
    """An edge file holds exactly its pictures and starts with an IDR picture at the
    source's decode delay (copies are checked in the joined file, by their bytes)."""
    import av

    first, count = None, 0
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        for p in c.demux(v):
            if p.size:
                first = first or (p.pts - p.dts, p.is_keyframe, bytes(p))
                count += 1
        frames = float(v.time_base) / float(gops.ticks * gops.time_base)
    where = f"the edge at frame {part.first}"
    if count != part.frames:
        raise NotSmartable(f"{where} holds {count} of {part.frames} frames")
    units = nal_units(first[2], None)
    idr = next((n[0] & 0x1F for n in units if n and 1 <= n[0] & 0x1F <= 5), 0) == 5
    if not (first[1] and idr) or round(first[0] * frames) != gops.delay:
        raise NotSmartable(f"{where} does not start with an IDR picture at the source's delay")


def verify_output(path: Path, source: Path, info: SourceInfo, gops: GopIndex,
                  parts: Sequence[Part], thumbs: Optional[dict] = None) -> Written:
    """Check the joined video: frame count, a gap-free timestamp grid, every copied run
    starting and ending with the source's own coded pictures (byte for byte), and the
    first picture of every part decoding to the source's picture at that time (an edge
    against its first source picture in ``thumbs`` when given; without it, only edges
    that start on a keyframe). The pictures are decoded in threads while the packets
    are read, in one pass that also measures the file for ``verify_render``."""
    from concurrent.futures import ThreadPoolExecutor

    total, rate = sum(p.frames for p in parts), float(info.rate)
    wanted = {}  # output decode index -> source packet, for the ends of every copy
    for part in (p for p in parts if p.kind == "copy"):
        i = gops.key_packets[gops.keys.index(part.first)]
        wanted[part.out_frame], wanted[part.out_frame + part.frames - 1] = i, i + part.frames - 1
    chunks = [list(range(k, len(parts), PICTURE_WORKERS)) for k in range(PICTURE_WORKERS)]
    with ThreadPoolExecutor(PICTURE_WORKERS, thread_name_prefix="cutbot-check") as pool:
        found = [pool.submit(_check_pictures, path, source, info, gops, parts, thumbs or {},
                             chunk) for chunk in chunks]
        written, stamps, tb = _check_packets(path, source, gops, wanted)
    problems = dict(item for f in found for item in f.result().items())
    if len(stamps) != total:
        raise NotSmartable(f"the joined video has {len(stamps)} of {total} frames")
    dts = [d for _, d in stamps if d is not None]  # Matroska stores none
    if any(b <= a for a, b in zip(dts, dts[1:])):
        raise NotSmartable("decode timestamps of the joined video do not increase")
    shown = sorted(p for p, _ in stamps)
    if any(abs((t - shown[0]) * tb - i / rate) > 0.5 / rate for i, t in enumerate(shown)):
        raise NotSmartable("the joined video skips or repeats frames")
    for n in range(len(parts)):
        if problems.get(n):
            raise NotSmartable(problems[n])
    return written


def _check_packets(path: Path, source: Path, gops: GopIndex, wanted: dict):
    """One pass over the joined file: (what it holds, (pts, dts) of every video packet,
    the video time base); the ends of every copy must be the source's coded pictures."""
    stamps: list = []
    state: dict = {}
    with open(source, "rb") as fh:
        def video(p) -> None:
            n = len(stamps)
            stamps.append((p.pts, p.dts))
            if not n:
                state["tb"] = float(p.stream.time_base)
            if n not in wanted or gops.spans[wanted[n]][0] < 0:
                return
            if "nal_len" not in state:
                state["nal_len"] = parse_avcc(bytes(p.stream.codec_context.extradata or b""))[0]
            if slice_data(bytes(p), state["nal_len"]) != slice_data(
                    _read_span(fh, gops.spans[wanted[n]]), gops.nal_len):
                raise NotSmartable(f"output frame {n} is not the source's coded picture")

        try:
            written = measure(path, video)
        except NotSmartable:
            raise
        except Exception as exc:  # av.error.*: what was written does not read back
            raise NotSmartable(f"the joined video does not read back: {exc}") from exc
    return written, stamps, state.get("tb", 1.0)


def _check_pictures(path: Path, source: Path, info: SourceInfo, gops: GopIndex,
                    parts: Sequence[Part], thumbs: dict, numbers: list[int]) -> dict:
    """Problems with the first picture of the parts ``numbers`` (part number -> line)."""
    try:
        return _pictures_of(path, source, info, gops, parts, thumbs, numbers)
    except Exception as exc:  # av.error.*, numpy: a file that does not decode fails here
        return {n: f"the joined video does not decode: {exc}" for n in numbers}


def _pictures_of(path: Path, source: Path, info: SourceInfo, gops: GopIndex,
                 parts: Sequence[Part], thumbs: dict, numbers: list[int]) -> dict:
    import av
    import numpy as np

    problems: dict = {}
    rate = float(info.rate)
    with av.open(str(path)) as c, av.open(str(source)) as s:
        v, sv = c.streams.video[0], only_stream(s, info.video_index)
        tb = float(v.time_base)
        first = min((p.pts for p, _ in zip((p for p in c.demux(v) if p.size), range(8))
                     if p.pts is not None), default=0)
        for n in numbers:
            part = parts[n]
            try:
                got = _picture(c, v, first + round(part.out_frame / rate / tb), rate,
                               f"output frame {part.out_frame}")
                if part.kind == "encode" and n in thumbs:
                    got_small, want = thumb(got), thumbs[n]
                    bar = MAX_PIXEL_DIFF
                    diff = float(np.abs(got_small.astype(np.int16) - want).mean())
                elif part.kind == "encode" and part.first not in gops.keys:
                    continue  # mid-GOP and no kept picture: its check is the frame count
                else:
                    want = _picture(s, sv, gops.first_pts + part.first * gops.ticks, rate,
                                    f"source frame {part.first}")
                    bar = 0.5 if part.kind == "copy" else MAX_PIXEL_DIFF
                    diff = float(np.abs(_luma(got).astype(np.int16) - _luma(want)).mean())
            except NotSmartable as exc:
                problems[n] = str(exc)
                continue
            if diff > bar:
                problems[n] = (f"output frame {part.out_frame} differs from source "
                               f"frame {part.first} (mean difference {diff:.1f})")
    return problems


def _luma(frame):
    """The picture's luma plane, without a conversion (8-bit 4:2:0 only reaches here)."""
    import numpy as np

    plane = frame.planes[0]
    rows = np.frombuffer(plane, np.uint8).reshape(plane.height, plane.line_size)
    return rows[:, :plane.width]


def _picture(container, stream, pts: int, rate: float, what: str):
    import av

    try:
        picture = frame_at(container, stream, pts, rate)
    except av.error.FFmpegError as exc:
        raise NotSmartable(f"{what} does not decode: {exc}") from exc
    if picture is None:
        raise NotSmartable(f"{what} is missing")
    return picture
