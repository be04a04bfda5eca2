"""Smart render: copy whole GOPs of the source, re-encode only the partial GOPs at the edges.

Why: a cut of a long film is mostly whole groups of pictures; copying their packets
costs a disk read, while re-encoding costs minutes and a generation of quality. Each
piece becomes up to three parts: ``[start, first keyframe)`` re-encoded, ``[first
keyframe, last keyframe)`` copied, ``[last keyframe, end)`` re-encoded. The edges are
encoded with the source's codec, size, pixel format, profile, level, frame rate and
aspect ratio, and carry their own parameter sets under a different SPS/PPS id; the
source's parameter sets are repeated in front of every copied run, so a decoder that
has seen an edge's headers still decodes the copy right. Timestamps are rebuilt as
``out_frame * ticks`` with the source's constant decode delay, so they stay monotonic
across every join.

Only what can be copied safely is: H.264 in an avcC container (MP4/MOV/MKV), 8-bit
4:2:0, constant frame rate, closed GOPs that start on IDR pictures, one decode delay.
Anything else raises ``NotSmartable`` and the caller re-encodes everything.
"""
from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal, Sequence

from cutbot.agent.media_io import Piece, Progress, SourceInfo

log = logging.getLogger(__name__)

EDGE_PRESET = "veryfast"
EDGE_CRF = 16  # edges sit next to source-quality frames: keep them close to lossless
PROFILES = {"Constrained Baseline": "baseline", "Baseline": "baseline", "Main": "main",
            "High": "high"}
PIX_FMTS = ("yuv420p", "yuvj420p")


class NotSmartable(Exception):
    """The source cannot be stream-copied safely; the message says why."""


@dataclass(frozen=True)
class GopIndex:
    """Where the source's keyframes are, and what its packets look like."""

    time_base: Fraction
    ticks: int  # timestamp ticks per frame
    first_pts: int  # pts of frame 0
    keys: tuple[int, ...]  # frame numbers of the keyframes (all IDR), sorted
    delay: int  # pts - dts, in ticks, the same for every keyframe
    nal_len: int  # bytes of each NAL length prefix
    param_sets: bytes  # the source's SPS and PPS, length-prefixed
    sps_id: int
    profile: str
    level: int

    def pts(self, frame: int) -> int:
        return self.first_pts + frame * self.ticks

    def frame(self, pts: int) -> int:
        return (pts - self.first_pts) // self.ticks


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


def _nals(data: bytes, nal_len: int):
    i = 0
    while i + nal_len <= len(data):
        n = int.from_bytes(data[i:i + nal_len], "big")
        yield data[i + nal_len:i + nal_len + n]
        i += nal_len + n


def _first_slice_type(data: bytes, nal_len: int) -> int:
    for nal in _nals(data, nal_len):
        if nal and 1 <= nal[0] & 0x1F <= 5:
            return nal[0] & 0x1F
    return 0


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


def _parse_avcc(extra: bytes) -> tuple[int, bytes, int, int]:
    """(NAL length size, SPS+PPS length-prefixed, SPS id, level) from an avcC box."""
    if len(extra) < 7 or extra[0] != 1:
        raise NotSmartable("H.264 without an avcC header (Annex B stream)")
    nal_len = (extra[4] & 3) + 1
    sets: list[bytes] = []
    i, n_sps = 6, extra[5] & 0x1F

    def take(count: int) -> None:
        nonlocal i
        for _ in range(count):
            size = int.from_bytes(extra[i:i + 2], "big")
            sets.append(extra[i + 2:i + 2 + size])
            i += 2 + size

    take(n_sps)
    n_pps = extra[i] if i < len(extra) else 0
    i += 1
    take(n_pps)
    if n_sps < 1 or len(sets) < 2:
        raise NotSmartable("the avcC header has no SPS/PPS")
    sps_id, _ = _ue(sets[0], 32)
    blob = b"".join(len(s).to_bytes(nal_len, "big") + s for s in sets)
    return nal_len, blob, sps_id, extra[3]


def scan(source: Path, info: SourceInfo) -> GopIndex:
    """Read every video packet header once; ``NotSmartable`` when copying is unsafe."""
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
            raise NotSmartable(f"H.264 profile {ctx.profile} has no matching encoder profile")
        if not info.fps or not v.time_base:
            raise NotSmartable("unknown frame rate")
        ticks = 1 / (info.fps * v.time_base)
        if ticks.denominator != 1:
            raise NotSmartable("frame duration is not a whole number of timestamp ticks")
        nal_len, sets, sps_id, level = _parse_avcc(bytes(ctx.extradata or b""))
        frames, keys, delays, last_dts, key = [], [], set(), None, None
        for pkt in c.demux(v):
            if pkt.pts is None or pkt.dts is None or pkt.size == 0:
                if pkt.size:
                    raise NotSmartable("packets without timestamps")
                continue
            if last_dts is not None and pkt.dts <= last_dts:
                raise NotSmartable("decode timestamps do not increase")
            last_dts = pkt.dts
            if pkt.is_keyframe:
                if _first_slice_type(bytes(pkt), nal_len) != 5:
                    raise NotSmartable("open GOPs (keyframes that are not IDR pictures)")
                key = pkt.pts
                keys.append(pkt.pts)
                delays.add(pkt.pts - pkt.dts)
            elif key is None or pkt.pts < key:
                raise NotSmartable("open GOPs (pictures shown before their keyframe)")
            frames.append(pkt.pts)
    if not frames or not keys:
        raise NotSmartable("no video packets")
    first = min(frames)
    ticks_i = int(ticks)
    offsets = sorted(f - first for f in frames)
    if any(o != i * ticks_i for i, o in enumerate(offsets)):
        raise NotSmartable("variable frame rate or missing frames")
    if len(delays) != 1 or min(delays) < 0:
        raise NotSmartable("the decode delay changes along the stream")
    if abs(first * v.time_base - Fraction(info.start_time).limit_denominator(10**6)) > \
            Fraction(1, 1000):
        raise NotSmartable("the first frame is not at the stream start")
    return GopIndex(time_base=v.time_base, ticks=ticks_i, first_pts=first,
                    keys=tuple((k - first) // ticks_i for k in keys), delay=delays.pop(),
                    nal_len=nal_len, param_sets=sets, sps_id=sps_id, profile=profile,
                    level=level)


def _annexb_to_lengths(data: bytes, nal_len: int) -> bytes:
    """x264 writes start codes; MP4/MKV samples want length prefixes."""
    out, parts = bytearray(), data.split(b"\x00\x00\x01")
    for nal in parts[1:]:
        nal = nal.rstrip(b"\x00") if nal.endswith(b"\x00") else nal
        if nal:
            out += len(nal).to_bytes(nal_len, "big") + nal
    return bytes(out)


class Assembler:
    """Writes the parts, in order, as one video-only MP4 with consistent timestamps."""

    def __init__(self, source: Path, info: SourceInfo, gops: GopIndex, target: Path):
        import av

        self.av, self.gops, self.info = av, gops, info
        # Two readers: one demuxes packets to copy (and is the stream template, left
        # untouched), the other decodes edges with frame threads.
        self.inp = av.open(str(source))
        self.vin = self.inp.streams[info.video_index]
        self.dec = av.open(str(source))
        self.vdec = self.dec.streams[info.video_index]
        self.vdec.thread_type = "AUTO"
        self.out = av.open(str(target), "w", format="mp4")
        self.vout = self.out.add_stream_from_template(self.vin)
        
        self.copied = self.encoded = 0

    def close(self) -> None:
        try:
            self.out.close()
        finally:
            self.inp.close()
            self.dec.close()

    def _emit(self, data: bytes, pts: int, dts: int, key: bool) -> None:
        pkt = self.av.Packet(len(data))  # av_new_packet: every field initialised
        pkt.update(data)
        pkt.pts, pkt.dts, pkt.time_base = pts, dts, self.gops.time_base
        pkt.is_keyframe = key
        pkt.stream = self.vout
        self.out.mux(pkt)

    def write(self, part: Part) -> None:
        (self._copy if part.kind == "copy" else self._encode)(part)

    def _copy(self, part: Part) -> None:
        g, end = self.gops, part.first + part.frames
        shift = part.out_frame * g.ticks - (g.pts(part.first) - g.first_pts) - g.first_pts
        self.inp.seek(g.pts(part.first), stream=self.vin, backward=True, any_frame=False)
        started, n = False, 0
        for pkt in self.inp.demux(self.vin):
            if pkt.pts is None or pkt.size == 0:
                continue
            f = g.frame(pkt.pts)
            if not started:
                if pkt.is_keyframe and f == part.first:
                    started = True
                    data = g.param_sets + bytes(pkt)
                elif f > part.first and pkt.is_keyframe:
                    raise NotSmartable(f"seek missed the keyframe at frame {part.first}")
                else:
                    continue
            else:
                if pkt.is_keyframe and f >= end:
                    break
                data = bytes(pkt)
            self._emit(data, pkt.pts + shift, pkt.dts + shift, pkt.is_keyframe)
            n += 1
        if n != part.frames:
            raise NotSmartable(f"copied {n} of {part.frames} frames at frame {part.first}")
        self.copied += n

    def _encoder(self):
        src, g = self.vdec.codec_context, self.gops
        enc = self.av.CodecContext.create("libx264", "w")
        enc.width, enc.height, enc.pix_fmt = src.width, src.height, src.pix_fmt
        enc.time_base = 1 / self.info.rate
        enc.framerate = self.info.rate
        if src.sample_aspect_ratio:
            enc.sample_aspect_ratio = src.sample_aspect_ratio
        for attr in ("color_range", "color_primaries", "color_trc", "colorspace"):
            try:
                setattr(enc, attr, getattr(src, attr))
            except (AttributeError, ValueError, TypeError):
                pass
        edge_id = 1 if g.sps_id == 0 else 0
        enc.options = {"preset": EDGE_PRESET, "crf": str(EDGE_CRF), "profile": g.profile,
                       "level": str(g.level),
                       "x264-params": f"bframes=0:sps-id={edge_id}:scenecut=0"}
        return enc

    def _encode(self, part: Part) -> None:
        g, end = self.gops, part.first + part.frames
        keys = g.keys
        start_key = keys[max(0, bisect.bisect_right(keys, part.first) - 1)]
        self.dec.seek(g.pts(start_key), stream=self.vdec, backward=True, any_frame=False)
        enc, n = self._encoder(), 0
        none = self.av.video.frame.PictureType.NONE

        def emit(packets) -> None:
            for p in packets:
                pts = (part.out_frame + p.pts) * g.ticks
                self._emit(_annexb_to_lengths(bytes(p), g.nal_len), pts, pts - g.delay,
                           p.is_keyframe)

        done = False
        for pkt in self.dec.demux(self.vdec):
            for frame in pkt.decode():
                f = g.frame(frame.pts) if frame.pts is not None else -1
                if f < part.first:
                    continue
                if f >= end:
                    done = True
                    break
                frame.pts, frame.time_base, frame.pict_type = n, enc.time_base, none
                emit(enc.encode(frame))
                n += 1
            if done:
                break
        emit(enc.encode(None))
        if n != part.frames:
            raise NotSmartable(f"decoded {n} of {part.frames} frames at frame {part.first}")
        self.encoded += n


ATTEMPTS = 4


def _assemble_once(source, info, gops, parts, target, progress, total, share) -> Assembler:
    asm = Assembler(source, info, gops, target)
    try:
        done, frames = 0, max(1, sum(p.frames for p in parts))
        for part in parts:
            asm.write(part)
            done += part.frames
            if progress and total:
                progress(share * total * done / frames, total)
    finally:
        asm.close()
    return asm


@dataclass(frozen=True)
class SmartStats:
    copied_frames: int
    encoded_frames: int


def assemble(source: Path, info: SourceInfo, gops: GopIndex, parts: Sequence[Part],
             target: Path, progress: Progress | None = None, total: float = 0.0,
             share: float = 1.0) -> SmartStats:
    """Write ``parts`` to ``target`` (video only); progress covers ``share`` of ``total``."""
    import av

    # PyAV 18 now and then refuses the very first packet muxed into a new file
    # (EINVAL / PATCHWELCOME with garbage timestamps); a fresh file always took it.
    for attempt in range(1, ATTEMPTS + 1):
        try:
            asm = _assemble_once(source, info, gops, parts, target, progress, total, share)
            break
        except av.error.FFmpegError as exc:
            log.debug("smart render attempt %d failed: %s", attempt, exc)
            if attempt == ATTEMPTS:
                raise NotSmartable(f"muxing failed: {exc}") from exc
    log.info("smart render: %d frame(s) copied, %d re-encoded", asm.copied, asm.encoded)
    return SmartStats(asm.copied, asm.encoded)
