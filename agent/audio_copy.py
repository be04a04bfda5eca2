"""Smart render's sound without an encode: the source's AAC packets, copied.

Why: re-encoding the cut's sound was half the smart render's CPU time, while the
picture is already mostly copied. An AAC packet is a fixed 1024 samples (about 21 ms
at 48 kHz), so each piece of the cut can take the packets nearest its cut points.

How the sound stays on the picture: ``plan_packets`` keeps a running count of the
samples written. For each piece it takes the packet nearest to the source time that
the output's current position stands for (so an earlier rounding is corrected at the
next join, never added up) and as many packets as bring the written sound nearest to
the piece's end on the output timeline. Every join is then within half a packet of its
picture and the whole sound within half a packet of the picture's length.

The first packet of the output is preceded by the source packet before it at a negative
time (the MP4 muxer writes it as priming in an edit list, as encoders do), so players
decode the first sound cleanly and start in sync. Inside the cut, the first packet after
each join decodes against the previous piece's last packet: a 21 ms blend at the cut,
where the re-encode had its 10 ms fades. Anything unusual (not AAC, a time base that is
not the sample rate, packets that are not 1024 samples, a gap, sound that ends before
the picture) is a ``NotCopyable`` with the reason, and the caller re-encodes the sound.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Sequence

from cutbot.indexers.intervals import union

from .media_io import RenderError, RenderPiece, SourceInfo

AAC_FRAME = 1024  # samples per AAC-LC packet
SEEK_BACK = 4  # packets read before each piece's first one (seeks land a little late)


class NotCopyable(RenderError):
    """The source's sound cannot be copied for this cut; the message says why."""


@dataclass(frozen=True)
class Run:
    """Packets ``[first, first + count)`` of the source (by pts, in samples) at output
    sample ``out``, for piece number ``piece``."""

    first: int
    count: int
    out: int
    piece: int = 0


def plan_packets(pieces: Sequence[RenderPiece], rate: int, starts: Sequence[int],
                 frame: int = AAC_FRAME) -> list[Run]:
    """Which source packets make each piece's sound. ``starts`` are the source packets'
    start times in samples (sorted, every one ``frame`` long); a piece's source and
    output times come from its frames. See the module doc for the running correction."""
    runs: list[Run] = []
    written = 0
    for n, p in enumerate(pieces):
        out_start, out_end = round(p.out_start * rate), round(p.out_end * rate)
        count = round((out_end - written) / frame)
        if count <= 0:
            continue  # a piece shorter than half a packet after the correction
        want = round(p.start * rate) + written - out_start  # source time of output `written`
        i = bisect.bisect_left(starts, want)
        if i == len(starts) or (i > 0 and want - starts[i - 1] <= starts[i] - want):
            i -= 1
        if i < 0 or i + count > len(starts):
            raise NotCopyable("the sound does not cover the cut")
        if starts[i + count - 1] - starts[i] != (count - 1) * frame:
            raise NotCopyable("the source's sound has a gap inside the cut")
        runs.append(Run(starts[i], count, written, n))
        written += count * frame
    return runs


def check_source(info: SourceInfo, stream) -> int:
    """The sample rate when the sound can be copied, else ``NotCopyable``."""
    ctx = stream.codec_context
    if ctx.name != "aac":
        raise NotCopyable(f"the sound is {ctx.name}, not AAC")
    rate = info.audio_rate or stream.rate
    if not rate or stream.time_base != Fraction(1, rate):
        raise NotCopyable("the sound's time base is not its sample rate")
    if not ctx.extradata:
        raise NotCopyable("the AAC stream has no decoder configuration")
    return rate


def _read(container, stream, lo: int, hi: int) -> dict:
    """Packets of ``stream`` starting in [lo, hi) samples, by start time."""
    got: dict = {}
    container.seek(max(0, lo - SEEK_BACK * AAC_FRAME), stream=stream, backward=True)
    for pkt in container.demux(stream):
        if pkt.pts is None or not pkt.size:
            continue
        if pkt.pts >= hi:
            break
        if pkt.pts >= lo:
            if pkt.duration and pkt.duration > AAC_FRAME:  # shorter: the stream's last
                raise NotCopyable(f"an AAC packet holds {pkt.duration} samples, not {AAC_FRAME}")
            got[pkt.pts] = pkt
    return got


def _packets_near(container, stream, pieces: Sequence[RenderPiece], rate: int) -> dict:
    """Every source packet near the pieces' sound, by start time (a window of a second
    around each, enough for any correction), read by seeking, not the whole file."""
    packets: dict = {}
    for lo, hi in union((round(p.start * rate) - rate, round(p.end * rate) + rate) for p in pieces):
        packets.update(_read(container, stream, lo, hi))
    return packets


def copy_audio(source: Path, info: SourceInfo, pieces: Sequence[RenderPiece],
               target: Path) -> int:
    """Write the cut's sound to ``target`` (an MP4 audio file) from the source's own
    AAC packets; return the packets written. ``NotCopyable`` says why it cannot."""
    import av

    if info.audio_index is None:
        raise NotCopyable("the source has no sound")
    with av.open(str(source)) as src:
        stream = next((s for s in src.streams if s.index == info.audio_index), None)
        if stream is None or stream.type != "audio":
            raise NotCopyable("the sound stream is missing")
        rate = check_source(info, stream)
        packets = _packets_near(src, stream, pieces, rate)
        runs = plan_packets(pieces, rate, sorted(packets))
        if not runs:
            raise NotCopyable("the cut is shorter than one AAC packet")
        tb = Fraction(1, rate)
        with av.open(str(target), "w", format="mp4") as out:
            dst = out.add_stream_from_template(stream)
            prime = packets.get(runs[0].first - AAC_FRAME)
            if prime is not None:  # decoder warm-up, dropped by players (edit list)
                _mux(out, dst, prime, -AAC_FRAME, tb)
            written = 0
            for run in runs:
                for k in range(run.count):
                    pkt = packets.get(run.first + k * AAC_FRAME)
                    if pkt is None:  # packets off the 1024-sample grid
                        raise NotCopyable("the source's sound has a gap inside the cut")
                    _mux(out, dst, pkt, run.out + k * AAC_FRAME, tb)
                    written += 1
    return written


def _mux(out, dst, pkt, pts: int, tb: Fraction) -> None:
    pkt.stream = dst
    pkt.time_base = tb
    pkt.pts = pkt.dts = pts
    pkt.duration = pkt.duration or AAC_FRAME  # the stream's last packet may be shorter
    out.mux(pkt)
