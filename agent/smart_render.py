"""Smart render: copy whole GOPs of the source, re-encode only the partial GOPs at the edges.

Why: a cut of a long film is mostly whole groups of pictures; copying their packets
costs a disk read, while re-encoding costs minutes and a generation of quality. Each
piece becomes up to three parts: ``[start, k1)`` re-encoded, ``[k1, k2)`` copied,
``[k2, end)`` re-encoded, where k1 and k2 are the first and last keyframes inside it.

How, with ffmpeg throughout (PyAV only reads packet headers, it never muxes):
- ``scan`` demuxes the video packets once, without decoding: keyframe positions, the
  decode delay, and every reason a copy would be unsafe (raised as ``NotSmartable``);
- a copied part is ``-ss`` just past its keyframe, ``-c:v copy -frames:v N`` into
  MPEG-TS (Annex B, parameter sets in band): in closed GOPs the N packets that follow an
  IDR picture in decode order are exactly the N pictures up to the next IDR;
- an edge is encoded with libx264 at the source's profile, level, pixel format, size and
  decode delay (same B-frame depth, so decode timestamps stay monotonic at every join;
  edges too short to fill that delay get it through the ``setts`` filter),
  under its own SPS/PPS id so it never overwrites the source's parameter sets;
- the concat demuxer joins the parts with exact durations (``concat_list``); render.py
  cuts the audio once and muxes it all with ``-c copy``;
- ``verify_output`` checks the result: frame count, a gap-free timestamp grid, copied
  pictures byte-identical to the source's, and the first picture of every part decoding
  to the source's picture at that time. Any failure is a ``NotSmartable`` with the reason,
  and the caller re-encodes everything and says why.
"""
from __future__ import annotations

import bisect
import logging
import os
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Callable, Literal, Optional, Sequence

from cutbot.agent.media_io import FFmpeg, Piece, SourceInfo

log = logging.getLogger(__name__)

EDGE_PRESET = "veryfast"
EDGE_CRF = 16  # edges sit next to source-quality frames: keep them close to transparent
PROFILES = {"Constrained Baseline": "baseline", "Baseline": "baseline", "Main": "main",
            "High": "high"}
PIX_FMTS = ("yuv420p", "yuvj420p")
# x264 settings whose decode delay (frames between decoding and showing) is 0, 1, 2.
DELAY_PARAMS = {0: "bframes=0", 1: "bframes=3:b-pyramid=none", 2: "bframes=3:b-pyramid=normal"}
MAX_PIXEL_DIFF = 12.0  # mean |luma| difference allowed between an edge and its source frame
WEIGHTS = {"copy": 0.02, "encode": 1.0}  # relative cost per frame, for progress and ETA
PART_WORKERS = 2  # an edge's seek and x264's start and flush leave a core idle: run two


class NotSmartable(Exception):
    """The source cannot be stream-copied safely, or the result failed a check; says why."""


@dataclass(frozen=True)
class GopIndex:
    """The source's video packets as smart rendering needs them (decode order)."""

    time_base: Fraction
    ticks: int  # timestamp ticks per frame
    first_pts: int  # pts of frame 0
    origin: float  # seconds of frame 0
    keys: tuple[int, ...]  # frame numbers of the keyframes (all IDR), sorted
    key_packets: tuple[int, ...]  # decode-order packet index of each keyframe
    spans: tuple[tuple[int, int], ...]  # (byte offset, size) of every packet, decode order
    delay: int  # decode delay in frames (B-frame reordering depth)
    nal_len: int  # bytes of each NAL length prefix
    sps_id: int
    profile: str  # x264 profile name
    level: int
    pix_fmt: str = "yuv420p"

    def seconds(self, frame: int) -> float:
        return self.origin + float(frame * self.ticks * self.time_base)


@dataclass(frozen=True)
class Part:
    kind: Literal["copy", "encode"]
    first: int  # source frame
    frames: int
    out_frame: int


def plan_parts(pieces: Sequence[Piece], keys: Sequence[int]) -> list[Part]:
    """Split each piece into encoded edges and a copied middle of whole GOPs."""
    parts: list[Part] = []
    for p in pieces:
        a, b, out = p.first_frame, p.first_frame + p.frames, p.out_frame
        i = bisect.bisect_left(keys, a)
        j = bisect.bisect_right(keys, b) - 1
        k1 = keys[i] if i < len(keys) else None
        k2 = keys[j] if j >= 0 else None
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


# --- H.264 bitstream helpers ------------------------------------------------------------

def nal_units(data: bytes, nal_len: Optional[int]) -> list[bytes]:
    """NAL units of a length-prefixed (``nal_len`` bytes) or Annex B (None) access unit."""
    if nal_len is None:
        return [n.rstrip(b"\x00") for n in data.split(b"\x00\x00\x01")[1:] if n.strip(b"\x00")]
    out, i = [], 0
    while i + nal_len <= len(data):
        n = int.from_bytes(data[i:i + nal_len], "big")
        out.append(data[i + nal_len:i + nal_len + n])
        i += nal_len + n
    return out


def slice_data(data: bytes, nal_len: Optional[int]) -> bytes:
    """The coded picture alone (slice NALs): equal bytes mean the same picture."""
    return b"".join(n.rstrip(b"\x00") for n in nal_units(data, nal_len)
                    if n and 1 <= n[0] & 0x1F <= 5)


def _ue(data: bytes, bit: int) -> tuple[int, int]:
    """One unsigned Exp-Golomb number at ``bit``: (value, next bit)."""
    zeros = 0
    while not (data[(bit + zeros) // 8] >> (7 - (bit + zeros) % 8)) & 1:
        zeros += 1
    bit += zeros + 1
    value = 0
    for _ in range(zeros):
        value = (value << 1) | ((data[bit // 8] >> (7 - bit % 8)) & 1)
        bit += 1
    return (1 << zeros) - 1 + value, bit


def parse_avcc(extra: bytes) -> tuple[int, int]:
    """(NAL length size, first SPS id) from an avcC header; ``NotSmartable`` otherwise."""
    if len(extra) < 11 or extra[0] != 1 or not extra[5] & 0x1F:
        raise NotSmartable("H.264 without an avcC header (Annex B stream)")
    return (extra[4] & 3) + 1, _ue(extra[8:8 + int.from_bytes(extra[6:8], "big")], 32)[0]


# --- scanning ---------------------------------------------------------------------------

_SCANS: dict[tuple, GopIndex] = {}


def scan(source: Path, info: SourceInfo) -> GopIndex:
    """Read every video packet header once (cached per file version); no decoding."""
    st = source.stat()
    key = (str(source.resolve()), st.st_size, st.st_mtime_ns, info.video_index)
    if key not in _SCANS:
        _SCANS.clear()  # one film at a time is what a session renders
        _SCANS[key] = _scan(source, info)
    return _SCANS[key]


def _scan(source: Path, info: SourceInfo) -> GopIndex:
    import av

    with av.open(str(source)) as c:
        v = c.streams[info.video_index]
        ctx = v.codec_context
        if ctx.name != "h264":
            raise NotSmartable(f"codec {ctx.name} is not H.264")
        if ctx.pix_fmt not in PIX_FMTS:
            raise NotSmartable(f"pixel format {ctx.pix_fmt} is not 8-bit 4:2:0")
        profile = PROFILES.get(ctx.profile or "")
        if profile is None:
            raise NotSmartable(f"H.264 profile {ctx.profile} has no matching x264 profile")
        if getattr(ctx, "field_order", 0) not in (0, 1):
            raise NotSmartable("interlaced video")
        if not info.fps or not v.time_base:
            raise NotSmartable("unknown frame rate")
        ticks = 1 / (info.fps * v.time_base)
        if ticks.denominator != 1:
            raise NotSmartable("frame duration is not a whole number of timestamp ticks")
        nal_len, sps_id = parse_avcc(bytes(ctx.extradata or b""))
        pts_list, keys, key_packets, spans, delays = [], [], [], [], set()
        last_dts, key = None, None
        for pkt in c.demux(v):
            if pkt.size == 0:
                continue
            if pkt.pts is None or pkt.dts is None:
                raise NotSmartable("packets without decode timestamps")
            if last_dts is not None and pkt.dts <= last_dts:
                raise NotSmartable("decode timestamps do not increase")
            last_dts = pkt.dts
            if pkt.is_keyframe:
                types = [n[0] & 0x1F for n in nal_units(bytes(pkt), nal_len) if n]
                if next((t for t in types if 1 <= t <= 5), 0) != 5:
                    raise NotSmartable("open GOPs (keyframes that are not IDR pictures)")
                key = pkt.pts
                keys.append(pkt.pts)
                key_packets.append(len(spans))
                delays.add(pkt.pts - pkt.dts)
            elif key is None or pkt.pts < key:
                raise NotSmartable("open GOPs (pictures shown before their keyframe)")
            pts_list.append(pkt.pts)
            spans.append((pkt.pos if pkt.pos is not None else -1, pkt.size))
    if not pts_list or not keys:
        raise NotSmartable("no video packets")
    first, step = min(pts_list), int(ticks)
    if sorted(pts_list) != list(range(first, first + step * len(pts_list), step)):
        raise NotSmartable("variable frame rate or missing frames")
    if len(delays) != 1:
        raise NotSmartable("the decode delay changes along the stream")
    delay, rem = divmod(delays.pop(), step)
    if rem or delay not in DELAY_PARAMS:
        raise NotSmartable(f"a decode delay of {delay + rem / step:g} frames cannot be matched")
    origin = float(first * v.time_base)
    if abs(origin - info.start_time) > 1e-3:
        raise NotSmartable("the first frame is not at the stream start")
    return GopIndex(time_base=Fraction(v.time_base), ticks=step, first_pts=first,
                    origin=origin, keys=tuple((k - first) // step for k in keys),
                    key_packets=tuple(key_packets), spans=tuple(spans), delay=delay,
                    nal_len=nal_len, sps_id=sps_id, profile=profile, level=ctx.level or 0,
                    pix_fmt=ctx.pix_fmt)


# --- ffmpeg commands --------------------------------------------------------------------

def _head(exe: str) -> list[str]:
    return [exe, "-hide_banner", "-nostdin", "-loglevel", "error", "-y"]


def copy_command(exe: str, source: Path, info: SourceInfo, gops: GopIndex, part: Part,
                 target: Path) -> list[str]:
    """Seek half a frame past the keyframe (ffmpeg starts a copy at the keyframe before
    the seek point), then copy exactly ``part.frames`` packets."""
    ss = gops.seconds(part.first) + 0.5 / float(info.rate)
    return [*_head(exe), "-ss", info.seek_arg(ss), "-i", str(source),
            "-map", f"0:{info.video_index}", "-c:v", "copy", "-frames:v", str(part.frames),
            "-bsf:v", "h264_mp4toannexb", "-f", "mpegts", "-progress", "pipe:1", "-nostats",
            str(target)]


def encode_command(exe: str, source: Path, info: SourceInfo, gops: GopIndex, part: Part,
                   target: Path) -> list[str]:
    """Decode from a quarter frame early, keep exactly ``part.frames`` frames, and encode
    them like the source: profile, level, pixel format, size and decode delay."""
    rate = float(info.rate)
    seek = gops.seconds(part.first) - 0.25 / rate
    edge_id = 1 if gops.sps_id == 0 else 0
    params = f"{DELAY_PARAMS[gops.delay]}:sps-id={edge_id}:scenecut=0:open-gop=0"
    level = ["-level:v", str(gops.level)] if gops.level else []
    # x264 leaves out its decode delay when it is flushed before the delay fills up: give
    # such short edges the source's delay by hand (they hold no B-frames to reorder).
    short = (["-bsf:v", f"setts=dts=PTS-{gops.delay}*DURATION"]
             if 0 < gops.delay and part.frames <= gops.delay else [])
    return [*_head(exe), "-ss", info.seek_arg(seek),
            "-t", f"{part.frames / rate + 0.5:.6f}", "-i", str(source),
            "-map", f"0:{info.video_index}", "-an", "-sn", "-dn",
            "-vf", f"trim=end_frame={part.frames},setpts=PTS-STARTPTS",
            "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", EDGE_PRESET,
            "-crf", str(EDGE_CRF), "-profile:v", gops.profile, *level, "-pix_fmt", gops.pix_fmt,
            "-x264-params", params, *short, "-f", "mpegts", "-progress", "pipe:1", "-nostats",
            str(target)]


def concat_list(parts: Sequence[Part], files: Sequence[Path], rate: Fraction) -> str:
    """An ffconcat script; explicit durations place every part on its exact frame."""
    lines = ["ffconcat version 1.0"]
    for part, path in zip(parts, files):
        quoted = str(path.resolve()).replace("'", "'\\''")
        lines += [f"file '{quoted}'", f"duration {float(part.frames / rate):.6f}"]
    return "\n".join(lines) + "\n"


def make_parts(exe: str, source: Path, info: SourceInfo, gops: GopIndex,
               parts: Sequence[Part], work: Path, done: Callable[[float], None]) -> list[Path]:
    """Write and check every part, two at a time; ``done(weight)`` after each, in order.
    On any error (Ctrl-C included) the running ffmpeg processes are killed."""
    from concurrent.futures import ThreadPoolExecutor

    files = [work / f"part{n:05d}.ts" for n in range(len(parts))]
    running: set[FFmpeg] = set()

    def make(n: int) -> None:
        part = parts[n]
        build = copy_command if part.kind == "copy" else encode_command
        proc = FFmpeg(build(exe, source, info, gops, part, files[n]))
        running.add(proc)
        try:
            proc.wait()
        finally:
            running.discard(proc)
        check_part(files[n], part, gops, source)

    pool = ThreadPoolExecutor(PART_WORKERS, thread_name_prefix="cutbot-part")
    try:
        futures = [pool.submit(make, n) for n in range(len(parts))]
        for part, future in zip(parts, futures):
            future.result()
            done(part_weight(part))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        for proc in list(running):
            proc.kill()
        pool.shutdown(wait=True)
    return files


# --- checks -----------------------------------------------------------------------------

def _read_span(fh, span: tuple[int, int]) -> bytes:
    pos, size = span
    if pos < 0:
        return b""
    fh.seek(pos)
    return fh.read(size)


def check_part(path: Path, part: Part, gops: GopIndex, source: Path) -> None:
    """A part file holds exactly its pictures, with the source's decode delay; a copied
    part starts and ends with the source's own coded pictures (byte for byte)."""
    import av

    first = last = None
    count = 0
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        for p in c.demux(v):
            if p.size:
                first = first or (p.pts, p.dts, p.is_keyframe, bytes(p))
                last, count = p, count + 1
        last_data = bytes(last) if last is not None else b""
        frame_s = float(gops.ticks * gops.time_base)
        delay = round((first[0] - first[1]) * float(v.time_base) / frame_s) if first else -1
    where = f"{part.kind} part at frame {part.first}"
    if count != part.frames:
        raise NotSmartable(f"{where} holds {count} of {part.frames} frames")
    if not first[2] or delay != gops.delay:
        raise NotSmartable(f"{where} does not start with a keyframe at the source's delay")
    if part.kind != "copy":
        return
    i = gops.key_packets[gops.keys.index(part.first)]
    with open(source, "rb") as fh:
        want_first = slice_data(_read_span(fh, gops.spans[i]), gops.nal_len)
        want_last = slice_data(_read_span(fh, gops.spans[i + part.frames - 1]), gops.nal_len)
    if want_first and (slice_data(first[3], None) != want_first
                       or slice_data(last_data, None) != want_last):
        raise NotSmartable(f"the {where} is not the source's pictures")


def verify_output(path: Path, source: Path, info: SourceInfo, gops: GopIndex,
                  parts: Sequence[Part]) -> None:
    """Frame count, a gap-free timestamp grid, and each part's first picture decodes to
    the source's picture at that time (re-encoded edges within encoder noise)."""
    import av
    import numpy as np

    total = sum(p.frames for p in parts)
    rate = float(info.rate)
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        tb = float(v.time_base)
        stamps = [(p.pts, p.dts) for p in c.demux(v) if p.size]
        if len(stamps) != total:
            raise NotSmartable(f"the joined video has {len(stamps)} of {total} frames")
        dts = [d for _, d in stamps if d is not None]  # Matroska stores none
        if any(b <= a for a, b in zip(dts, dts[1:])):
            raise NotSmartable("decode timestamps of the joined video do not increase")
        shown = sorted(p for p, _ in stamps)
        if any(abs((t - shown[0]) * tb - i / rate) > 0.5 / rate for i, t in enumerate(shown)):
            raise NotSmartable("the joined video skips or repeats frames")
        origin = shown[0]
        with av.open(str(source)) as s:
            sv = s.streams[info.video_index]
            for part in parts:
                got = _frame_at(c, v, origin + round(part.out_frame / rate / tb), tb, rate)
                if part.kind == "encode" and part.first not in gops.keys:
                    continue  # the source frame is mid-GOP: its check is the frame count
                want = _frame_at(s, sv, gops.first_pts + part.first * gops.ticks,
                                 float(sv.time_base), rate)
                diff = float(np.abs(got.astype(np.int16) - want.astype(np.int16)).mean())
                if diff > (0.5 if part.kind == "copy" else MAX_PIXEL_DIFF):
                    raise NotSmartable(f"output frame {part.out_frame} differs from source "
                                       f"frame {part.first} (mean difference {diff:.1f})")


def _frame_at(container, stream, pts: int, tb: float, rate: float):
    """Decode the picture shown at ``pts`` (gray), seeking to the keyframe before it."""
    import av

    half = 0.5 / rate / tb
    container.seek(pts, stream=stream, backward=True, any_frame=False)
    try:
        for frame in container.decode(stream):
            if frame.pts is not None and frame.pts >= pts - half:
                if frame.pts > pts + half:
                    break
                return frame.to_ndarray(format="gray")
    except av.error.FFmpegError as exc:
        raise NotSmartable(f"the joined video does not decode at {pts * tb:.3f} s: "
                           f"{exc}") from exc
    raise NotSmartable(f"no picture at {pts * tb:.3f} s of the joined video")


def remove_quietly(paths: Sequence[Path]) -> None:
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass
