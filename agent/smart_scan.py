"""The smart render's look at the source: its packets, keyframes and the points a copy may stop.

Why a module of its own: everything the smart render may trust about a source is
decided here, once, from packet headers alone (no decoding), and cached per file
version; every doubt is a ``NotSmartable`` that says why, and the caller re-encodes.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Optional, Sequence

from .media_io import RenderError, SourceInfo

PROFILES = {"Constrained Baseline": "baseline", "Baseline": "baseline", "Main": "main",
            "High": "high"}
PIX_FMTS = ("yuv420p", "yuvj420p")
# x264 settings whose decode delay (frames between decoding and showing) is 0, 1, 2.
DELAY_PARAMS = {0: "bframes=0", 1: "bframes=3:b-pyramid=none", 2: "bframes=3:b-pyramid=normal"}


class NotSmartable(RenderError):
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
    sps_zero: bool  # the source's SPS id is 0: edges use id 1, else 0
    profile: str  # x264 profile name
    level: int
    pix_fmt: str = "yuv420p"
    ends: tuple[int, ...] = ()  # frames a copy from a keyframe may stop before, sorted

    def copy_ends(self) -> tuple[int, ...]:
        """Where a copy may stop: ``ends`` when scanned, else the keyframes alone."""
        return self.ends or self.keys

    def seconds(self, frame: int) -> float:
        return self.origin + float(frame * self.ticks * self.time_base)


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


def parse_avcc(extra: bytes) -> tuple[int, bool]:
    """(NAL length size, whether the first SPS has id 0) from an avcC header."""
    if len(extra) < 13 or extra[0] != 1 or not extra[5] & 0x1F:
        raise NotSmartable("H.264 without an avcC header (Annex B stream)")
    return (extra[4] & 3) + 1, bool(extra[12] & 0x80)  # ue(v) id: a leading 1 bit is 0


def only_stream(container, index: int):
    """Stream ``index`` of ``container``; the demuxer skips every other stream's packets
    (a film's sound is twice as many packets as its pictures)."""
    import av

    for stream in container.streams:
        if stream.index != index:
            stream.discard = av.stream.Discard.all
    return container.streams[index]


# --- scanning (cached per file version: one film at a time is what a session renders) ---
_SCANS: dict[tuple, GopIndex] = {}


def scan(source: Path, info: SourceInfo) -> GopIndex:
    """Read every video packet header once (cached per file version); no decoding."""
    st = source.stat()
    key = (str(source.resolve()), st.st_size, st.st_mtime_ns, info.video_index)
    if key not in _SCANS:
        _SCANS.clear()
        _SCANS[key] = _scan(source, info)
    return _SCANS[key]


def _scan(source: Path, info: SourceInfo) -> GopIndex:
    """Read the stream facts and every packet header; raise NotSmartable on any doubt."""
    import av

    with av.open(str(source)) as c:
        v = only_stream(c, info.video_index)
        ctx = v.codec_context
        profile, ticks = _check_codec(ctx, v, info)
        nal_len, sps_zero = parse_avcc(bytes(ctx.extradata or b""))
        pts_list, keys, key_packets, spans, delays = _walk_packets(c, v, nal_len)
        # Every stream fact is read while the container is open: after it closes, PyAV
        # 18 hands back freed memory (a wrong time base in most tries).
        time_base, level, pix_fmt = Fraction(v.time_base), ctx.level or 0, ctx.pix_fmt
    if not pts_list or not keys:
        raise NotSmartable("no video packets")
    first, step = min(pts_list), int(ticks)
    delay = _check_timing(pts_list, delays, first, step)
    origin = float(first * time_base)
    if abs(origin - info.start_time) > 1e-3:
        raise NotSmartable("the first frame is not at the stream start")
    shown = [(t - first) // step for t in pts_list]
    return GopIndex(time_base=time_base, ticks=step, first_pts=first,
                    origin=origin, keys=tuple((k - first) // step for k in keys),
                    key_packets=tuple(key_packets), spans=tuple(spans), delay=delay,
                    nal_len=nal_len, sps_zero=sps_zero, profile=profile, level=level,
                    pix_fmt=pix_fmt, ends=clean_ends(shown, key_packets))


def clean_ends(shown: Sequence[int], key_packets: Sequence[int]) -> tuple[int, ...]:
    """Frames ``e`` such that the first packets of a GOP, in decode order, show exactly
    the frames from its keyframe to ``e - 1``: a copy may stop there, because a packet
    only refers to packets decoded before it. Every keyframe is one (the end of the GOP
    before it), and so is the film's end; without B-frames, every frame is."""
    ends: list[int] = []
    bounds = list(key_packets) + [len(shown)]
    for start, stop in zip(bounds, bounds[1:]):
        key, top = shown[start], -1
        for n in range(start, stop):
            top = max(top, shown[n])
            if top == key + n - start:
                ends.append(top + 1)
    return tuple(ends)


def _check_codec(ctx, v, info: SourceInfo):
    """The x264 profile and frame duration in ticks, if x264 can match this stream."""
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
    return profile, ticks


def _walk_packets(c, v, nal_len: int):
    """Packet timestamps, keyframes, byte spans and decode delays; only closed GOPs pass."""
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
    return pts_list, keys, key_packets, spans, delays


def _check_timing(pts_list: list, delays: set, first: int, step: int) -> int:
    """The decode delay in frames; frames must be evenly spaced with one fixed delay."""
    if sorted(pts_list) != list(range(first, first + step * len(pts_list), step)):
        raise NotSmartable("variable frame rate or missing frames")
    if len(delays) != 1:
        raise NotSmartable("the decode delay changes along the stream")
    delay, rem = divmod(delays.pop(), step)
    if rem or delay not in DELAY_PARAMS:
        raise NotSmartable(f"a decode delay of {delay + rem / step:g} frames cannot be matched")
    return delay
