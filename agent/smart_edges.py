"""Smart render's parts, made in this process: edges decoded and encoded, copies remuxed.

Why in-process: an ffmpeg run per batch of edges decodes every picture from the
keyframe before each cut and pays a start-up per input. Here one PyAV decoder per
batch reads the packets itself and never hands the decoder a non-reference picture
shown before the edge (nothing decoded later refers to it, and it is not kept), so
about a third of the wasted decoding goes; libx264 encodes the kept pictures in the
same thread (PyAV releases the GIL in both codecs, so two batches use two cores).

One encoder per batch (its start-up shared) writes each edge into its own MPEG-TS
file, with the source's profile, level, pixel format, size and decode delay, under its
own SPS/PPS id, starting on a forced IDR picture. Decode timestamps are set here to the picture's decode index minus the
source's delay, so short edges (which x264 flushes before its delay fills) join the
copies without a step. The first source picture of every edge is kept small and gray
for the final check, scaled the way that check scales the output. Copies are the
source's packets remuxed into MPEG-TS (an ffmpeg run each cost more in start-up).
"""
from __future__ import annotations

import bisect
from fractions import Fraction
from pathlib import Path
from typing import Sequence

from .media_io import SourceInfo, one_line
from .smart_scan import DELAY_PARAMS, GopIndex, NotSmartable, nal_units, only_stream

EDGE_PRESET = "ultrafast"  # edges are a tenth of a cut: half the CPU, twice the bytes
EDGE_CRF = 16  # edges sit next to source-quality frames: keep them close to transparent
THUMB = (160, 90)  # each edge's first source picture, kept this small to check the output


def encoder_options(gops: GopIndex) -> dict[str, str]:
    """libx264 settings that make an edge join the source's copied pictures: its
    profile, level and decode delay, another SPS/PPS id, IDR at the start, no scene
    cuts; one thread (batches run side by side, each on a core)."""
    edge_id = 1 if gops.sps_zero else 0
    params = f"{DELAY_PARAMS[gops.delay]}:sps-id={edge_id}:scenecut=0:open-gop=0"
    params += ":8x8dct=1" if gops.profile == "high" else ""  # x264 says High only with it
    opts = {"preset": EDGE_PRESET, "crf": str(EDGE_CRF), "profile": gops.profile,
            "x264-params": params, "forced-idr": "1", "threads": "1"}
    if gops.level:
        opts["level"] = str(gops.level)
    return opts


def thumb(frame):
    """A picture as the final check compares it: ``THUMB`` sized, gray, area-scaled."""
    return frame.reformat(width=THUMB[0], height=THUMB[1], format="gray",
                          interpolation="AREA").to_ndarray()


def _unreferenced(packet, nal_len: int) -> bool:
    """The packet's picture is never referred to (nal_ref_idc 0 on every slice)."""
    slices = [n for n in nal_units(bytes(packet), nal_len) if n and 1 <= n[0] & 0x1F <= 5]
    return bool(slices) and all(not n[0] & 0x60 for n in slices)


def _source_frames(container, stream, gops: GopIndex, first: int, frames: int):
    """Decoded source pictures ``first`` .. ``first + frames - 1``, in order."""
    start = gops.first_pts + first * gops.ticks
    last = start + (frames - 1) * gops.ticks
    key = gops.keys[max(0, bisect.bisect_right(gops.keys, first) - 1)]
    container.seek(gops.first_pts + key * gops.ticks, stream=stream, backward=True)
    ctx = stream.codec_context
    ended = False
    for packet in container.demux(stream):
        if packet.size == 0:
            continue
        if packet.pts is not None and packet.pts < start and _unreferenced(packet, gops.nal_len):
            continue  # shown before the edge and referred to by nothing: never decoded
        for frame in ctx.decode(packet):
            if frame.pts is not None and start <= frame.pts <= last:
                yield frame
            if frame.pts is not None and frame.pts >= last:
                ended = True
        if ended:
            break
    if not ended:  # the edge ends the film: drain the decoder
        for frame in ctx.decode(None):
            if frame.pts is not None and start <= frame.pts <= last:
                yield frame
    ctx.flush_buffers()


class _Batch:
    """One encoder for a batch of edges, each in its own file: an IDR picture is forced
    at every edge's first frame, so every packet belongs to the edge its picture is
    shown in, and the edges follow each other in decode order."""

    def __init__(self, info: SourceInfo, gops: GopIndex, edges: Sequence,
                 targets: Sequence[Path]):
        import av

        self.rate = Fraction(info.rate)
        self.delay, self.starts, self.outs, self.decoded = gops.delay, [], [], 0
        total = 0
        for edge in edges:
            self.starts.append(total)
            total += edge.frames
        self.frames = total
        for target in targets:
            self.outs.append(av.open(str(target), "w", format="mpegts"))
        self.stream = self.outs[0].add_stream("libx264", rate=self.rate)
        self.stream.width, self.stream.height = info.width, info.height
        self.stream.pix_fmt = gops.pix_fmt
        self.stream.codec_context.time_base = 1 / self.rate
        self.stream.options = encoder_options(gops)
        self.streams = [self.stream]
        self.shown = 0

    def add(self, frame) -> None:
        """Encode the next picture (frames come in play order, edge after edge)."""
        import av

        n = self.shown
        frame.pts, frame.time_base = n, 1 / self.rate
        first = n in self.starts
        frame.pict_type = av.video.frame.PictureType.I if first else \
            av.video.frame.PictureType.NONE
        self.shown += 1
        self._mux(self.stream.encode(frame))

    def finish(self) -> None:
        self._mux(self.stream.encode(None))
        if self.shown != self.frames or self.decoded != self.frames:
            raise NotSmartable(f"a batch of edges holds {self.decoded} of {self.frames} frames")

    def close(self) -> None:
        for out in reversed(self.outs):
            out.close()

    def _mux(self, packets) -> None:
        for packet in packets:
            i = bisect.bisect_right(self.starts, packet.pts) - 1
            packet.dts = self.decoded - self.delay  # see the module doc
            self.decoded += 1
            if packet.pts < packet.dts:
                raise NotSmartable("an edge reorders pictures more than the source does")
            if i and len(self.streams) <= i:  # the next edge's file starts with its IDR
                self.streams.append(self.outs[i].add_stream_from_template(self.stream))
            packet.stream = self.streams[i]
            self.outs[i].mux(packet)


def open_source(source: Path, info: SourceInfo):
    """The source opened for ``encode_edges`` and ``copy_part`` (one per worker thread:
    a 30-minute film's index takes as long to read as a few seconds of copying)."""
    import av

    container = av.open(str(source))
    only_stream(container, info.video_index).codec_context.thread_count = 1  # workers: 1 each
    return container


def encode_edges(source: Path, info: SourceInfo, gops: GopIndex, edges: Sequence,
                 targets: Sequence[Path], container=None, stop=None) -> list:
    """Write each edge (a ``Part``: source ``first``, ``frames``) to its target, in one
    pass over the source (``container``: already open, see ``open_source``); return each
    edge's first source picture (see ``thumb``). ``stop`` (an Event): end early, as
    ``NotSmartable``, once it is set (the render was interrupted)."""
    import av

    smalls, batch, own = [], None, container is None
    try:
        container = open_source(source, info) if own else container
        stream = container.streams[info.video_index]
        batch = _Batch(info, gops, edges, targets)
        for edge in edges:
            small = None
            for frame in _source_frames(container, stream, gops, edge.first, edge.frames):
                if small is None:
                    small = thumb(frame)
                if stop is not None and stop.is_set():
                    raise NotSmartable("stopped")
                batch.add(frame)
            smalls.append(small)
        batch.finish()
    except NotSmartable:
        raise
    except av.error.FFmpegError as exc:
        raise NotSmartable(f"an edge could not be encoded: {one_line(exc)}") from exc
    finally:
        if batch is not None:
            batch.close()
        if own and container is not None:
            container.close()
    return smalls


def copy_part(container, info: SourceInfo, gops: GopIndex, first: int, frames: int,
              target: Path) -> None:
    """Remux exactly ``frames`` packets, from the keyframe at source frame ``first``, into
    MPEG-TS with the parameter sets in band: in closed GOPs the packets that follow an
    IDR picture in decode order are exactly the pictures up to the copy's stop point."""
    import av
    from av.bitstream import BitStreamFilterContext

    stream = container.streams[info.video_index]
    key = gops.first_pts + first * gops.ticks
    count = 0
    try:
        container.seek(key, stream=stream, backward=True)
        with av.open(str(target), "w", format="mpegts") as out:
            copy = out.add_stream_from_template(stream)
            annexb = BitStreamFilterContext("h264_mp4toannexb", stream, copy)
            for packet in container.demux(stream):
                if packet.size == 0:
                    continue
                if not count and (packet.pts != key or not packet.is_keyframe):
                    raise NotSmartable(f"the copy from frame {first} does not start on "
                                       f"its keyframe")
                for done in annexb.filter(packet):
                    done.stream = copy
                    out.mux(done)
                count += 1
                if count == frames:
                    break
            for done in annexb.filter(None):
                done.stream = copy
                out.mux(done)
    except av.error.FFmpegError as exc:
        raise NotSmartable(f"the copy from frame {first} failed: {one_line(exc)}") from exc
    if count != frames:
        raise NotSmartable(f"the copy from frame {first} holds {count} of {frames} frames")
