"""Reading films: probe, 16 kHz audio, how much of a damaged film reads (sampled frames:
``sampling.py``).

Everything goes through PyAV (libav in-process, no subprocess per call) so a bad
input turns into one clear ``MediaError`` instead of an ffmpeg stack trace, and libav's
own log lines are silenced (``CUTBOT_DEBUG=1`` keeps them): a damaged film gets one
cutbot warning, not a screen of decoder errors. ``probe_streams`` and ``ffmpeg_exe`` are
the one probe and the one ffmpeg lookup that indexing and rendering share.
"""
from __future__ import annotations

import hashlib
import logging
import math
import os
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

import numpy as np

from .errors import MediaError
from .schema import MediaInfo

log = logging.getLogger(__name__)

FINGERPRINT_CHUNK = 4 * 1024 * 1024
# The readability check decodes the last TAIL_S seconds of each stream; a film whose
# streams stop more than READ_SLACK_S (or two frames) before the end is damaged.
TAIL_S = 3.0
READ_SLACK_S = 0.5
LIBAV_QUIET = -8  # AV_LOG_QUIET
# Damage inside a film: give up (one line) after this many damaged places.
MAX_DAMAGE = 50
_TOLD: set[tuple[str, int]] = set()  # (film, size) already warned about: once per process


def ffmpeg_exe() -> str:
    """The ffmpeg binary shipped by imageio-ffmpeg (has libx264 and aac everywhere)."""
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except Exception as exc:  # missing package or binary
        raise MediaError(f"ffmpeg is not available (imageio-ffmpeg): {exc}") from None


def quiet_decoders() -> None:
    """Keep libav's (and OpenCV's bundled libav's) log lines off the user's terminal."""
    if os.environ.get("CUTBOT_DEBUG"):
        return
    os.environ.setdefault("OPENCV_FFMPEG_LOGLEVEL", str(LIBAV_QUIET))
    # PySceneDetect's PyAV reader logs each unreadable stretch; cutbot says it once itself
    # (``readable``), and the decode pass repairs what the reader gave up on.
    logging.getLogger("pyscenedetect").setLevel(logging.CRITICAL)
    import av.logging

    av.logging.set_libav_level(LIBAV_QUIET)


def _check_file(path: str | os.PathLike) -> Path:
    p = Path(path).expanduser()
    if not p.exists():
        raise MediaError(f"no such file: {p}")
    if p.is_dir():
        raise MediaError(f"{p} is a directory, not a film")
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise MediaError(f"cannot read {p}: {exc.strerror or exc}") from None
    if size == 0:
        raise MediaError(f"{p} is an empty file (0 bytes)")
    if not os.access(p, os.R_OK):
        raise MediaError(f"cannot read {p}: permission denied")
    return p


def _open(p: Path):
    import av

    quiet_decoders()
    try:
        return av.open(str(p))
    except (av.error.FFmpegError, UnicodeDecodeError, ValueError) as exc:
        log.debug("av.open(%s) failed: %r", p, exc)
        raise MediaError(f"{p} is not a media file ffmpeg can read") from None


def fingerprint(path: str | os.PathLike) -> str:
    """sha256 over size + first and last 4 MiB: cheap, and survives renames."""
    p = Path(path)
    size = p.stat().st_size
    h = hashlib.sha256()
    h.update(str(size).encode())
    with open(p, "rb") as f:
        h.update(f.read(FINGERPRINT_CHUNK))
        if size > FINGERPRINT_CHUNK:
            f.seek(max(FINGERPRINT_CHUNK, size - FINGERPRINT_CHUNK))
            h.update(f.read(FINGERPRINT_CHUNK))
    return h.hexdigest()


@dataclass(frozen=True)
class Streams:
    """The facts both indexing and rendering need about a film's streams."""

    duration: float  # the video stream's length (else the container's), seconds
    fps: Fraction | None  # average frame rate; None when the file does not say
    width: int
    height: int
    video_index: int
    video_codec: str
    audio_index: int | None
    audio_codec: str | None
    audio_rate: int | None  # samples per second
    start_time: float  # the video stream's first timestamp, seconds
    container_start: float  # what ffmpeg's -ss counts from


def probe_streams(path: str | os.PathLike) -> Streams:
    """The first video stream (cover art is not video) and first audio stream.

    Duration: the video stream's own, then the container's, then frames / fps; the
    picture is what gets cut, and a container's may include a longer soundtrack."""
    p = _check_file(path)
    with _open(p) as c:
        import av

        vstreams = [s for s in c.streams.video
                    if not (s.disposition & av.stream.Disposition.attached_pic)]
        astreams = list(c.streams.audio)
        if not vstreams:
            kind = "audio only" if astreams else "no video stream"
            raise MediaError(f"{p.name} has no video stream ({kind})")
        v, a = vstreams[0], (astreams[0] if astreams else None)
        rate = v.average_rate or v.guessed_rate or v.base_rate
        fps = Fraction(rate) if rate else None
        duration = 0.0
        if v.duration is not None and v.time_base is not None:
            duration = float(v.duration * v.time_base)
        if not duration and c.duration is not None:
            duration = c.duration / 1_000_000
        if not duration and v.frames and fps:
            duration = float(v.frames / fps)
        if not duration or duration <= 0:
            raise MediaError(f"{p.name} has a video stream of unknown or zero length")
        start = float(v.start_time * v.time_base) if v.start_time is not None else 0.0
        return Streams(duration=float(duration), fps=fps, width=int(v.codec_context.width),
                       height=int(v.codec_context.height), video_index=v.index,
                       video_codec=v.codec_context.name, audio_index=a.index if a else None,
                       audio_codec=a.codec_context.name if a else None,
                       audio_rate=int(a.rate) if a and a.rate else None,
                       start_time=max(0.0, start),
                       container_start=max(0.0, (c.start_time or 0) / 1_000_000))


def probe(path: str | os.PathLike, known_fingerprint: str | None = None) -> MediaInfo:
    """What the film is: duration, frame rate (exact Fraction), size, codecs, fingerprint
    (``known_fingerprint``: just computed by the caller, not hashed again)."""
    p = _check_file(path)
    st = probe_streams(p)
    info = MediaInfo(
        path=str(p.resolve()),
        duration=st.duration,
        fps=st.fps or Fraction(25),
        width=st.width,
        height=st.height,
        has_video=True,
        has_audio=st.audio_index is not None,
        video_codec=st.video_codec,
        audio_codec=st.audio_codec,
        size=p.stat().st_size,
        fingerprint=known_fingerprint or fingerprint(p),
    )
    log.debug("probed %s: %s", p, info)
    return info


def _stream_end(c, stream, since: float | None) -> float:
    """Seconds at which the last packet of ``stream`` that can be read ends, from
    ``since`` (a keyframe seek) to the end, or the whole stream when None. Packets only:
    decoding errors inside the part that reads are the decoders' business (and rare);
    a film cut short is what this finds, in a tenth of a second."""
    import av

    tb, end = stream.time_base, 0.0
    try:
        c.seek(int(max(0.0, since or 0.0) / tb), stream=stream, backward=True, any_frame=False)
        for pkt in c.demux(stream):
            if pkt.size == 0 or pkt.pts is None:
                continue
            end = max(end, float((pkt.pts + (pkt.duration or 0)) * tb))
    except (av.error.FFmpegError, ValueError) as exc:
        log.debug("reading %s stopped: %s", stream, exc)
    return end - (float(stream.start_time * tb) if stream.start_time else 0.0)


def readable(info: MediaInfo) -> MediaInfo:
    """``info`` with ``readable`` set when only the start of the film can be read.

    A whole film costs reading the packets of its last seconds of video (0.1 s for the
    sample film). A damaged one (cut short by a broken download or copy) is read once
    more, packets only, from the start to where its picture or sound stops; the index
    and every plan then keep to that part. A sound track that simply ends before the
    picture is not damage."""
    p = _check_file(info.path)
    st = probe_streams(p)
    slack = max(READ_SLACK_S, 2 / float(info.fps))
    with _open(p) as c:
        streams = [c.streams[st.video_index]]
        if st.audio_index is not None:
            streams.append(c.streams[st.audio_index])
        if _stream_end(c, streams[0], info.duration - TAIL_S) >= info.duration - slack:
            return info  # the picture reads to the end (a shorter soundtrack is no damage)
        ends = [_stream_end(c, s, None) for s in streams]
        declared = [float(s.duration * s.time_base) if s.duration else info.duration
                    for s in streams]
    # the sound limits the readable part only where it was cut short too
    good = min([ends[0]] + [e for e, d in zip(ends[1:], declared[1:]) if e < d - slack])
    good = round(min(good, info.duration), 3)
    if good <= 0:
        raise MediaError(f"{p.name} is damaged: no part of it could be read")
    whole = info.duration
    log.warning("cutbot: warning: %s is damaged: only %s of %s could be read; cutting from "
                "that part", p.name, _clock(good, whole), _clock(whole, whole))
    return replace(info, readable=good)


_TELL = [True]


def leave_warnings_to_parent() -> None:
    """For worker processes (faces): they read frames the parent reads too, so the
    parent alone tells the user about damage."""
    _TELL[0] = False


def _main() -> bool:
    return _TELL[0]


def tell_damage(p: Path, at: float) -> None:
    """One warning per damaged film and process (from the main one only)."""
    if (str(p), p.stat().st_size) not in _TOLD and _main():
        _TOLD.add((str(p), p.stat().st_size))
        log.warning("cutbot: warning: %s is damaged near %s: the pictures there "
                    "are skipped", p.name, _clock(at, 60))


def _clock(seconds: float, scale: float) -> str:
    """0:41, 1:02:03; tenths of a second for a film under a minute."""
    if scale < 60:
        return f"{seconds:.1f} s"
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def load_audio(path: str | os.PathLike, sr: int = 16000) -> np.ndarray:
    """The first audio stream as mono float32 at ``sr`` Hz (what Whisper wants)."""
    import av

    p = _check_file(path)
    with _open(p) as c:
        if not c.streams.audio:
            raise MediaError(f"{p} has no audio stream")
        stream = c.streams.audio[0]
        stream.thread_type = "AUTO"
        resampler = av.AudioResampler(format="flt", layout="mono", rate=sr)
        seconds = (float(stream.duration * stream.time_base) if stream.duration
                   else (c.duration or 0) / 1_000_000)
        chunks = _Samples(int(min(seconds, 4 * 3600.0) * sr) + sr)  # a wrong header: grown as it reads
        heard, bad = None, 0  # where the decoded sound has reached (s); damaged packets
        try:
            for pkt in c.demux(stream):
                try:
                    frames = pkt.decode()
                except av.error.InvalidDataError as exc:
                    bad += 1  # a damaged packet: its time becomes silence below
                    log.debug("audio of %s: packet at %s does not decode: %s", p, pkt.pts, exc)
                    if bad > MAX_DAMAGE * 20:
                        break
                    continue
                for frame in frames:
                    if heard is not None and frame.time is not None and frame.time > heard + 0.05:
                        chunks.append(np.zeros(int((frame.time - heard) * sr), np.float32))
                    if frame.time is not None:
                        heard = frame.time + frame.samples / frame.sample_rate
                    for out in resampler.resample(frame):
                        chunks.append(out.to_ndarray().reshape(-1))
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
        except av.error.FFmpegError as exc:
            if not chunks:
                raise MediaError(f"cannot decode the audio of {p.name}: {exc}") from None
            # ``readable`` has said so in one line; the index keeps to the part that reads
            log.debug("audio of %s is damaged after %d chunks: %s", p, len(chunks), exc)
    return chunks.array()


def audio_between(path: str | os.PathLike, start: float, end: float, sr: int = 16000) -> np.ndarray:
    """The sound from ``start`` to ``end`` s, as ``load_audio`` gives it: a few lines heard
    again need not decode a two-hour film's sound (about 1 s per 10 minutes here)."""
    import av

    p = _check_file(path)
    with _open(p) as c:
        if not c.streams.audio:
            raise MediaError(f"{p} has no audio stream")
        stream = c.streams.audio[0]
        resampler = av.AudioResampler(format="flt", layout="mono", rate=sr)
        parts, first = [], None
        step = stream.rate // math.gcd(stream.rate, sr) if stream.rate else 1
        try:
            c.seek(int(max(start - 1.0, 0.0) / stream.time_base), stream=stream)  # a packet before start
            for frame in c.decode(stream):
                if frame.time is None:
                    continue
                if frame.time > end:
                    break
                # resampled from a first sample on the whole film's output grid: the same
                # samples as load_audio's, not the same sound a fraction of a sample later
                if first is None and round(frame.time * stream.rate) % step:
                    continue
                first = frame.time if first is None else first
                parts += [out.to_ndarray().reshape(-1) for out in resampler.resample(frame)]
        except av.error.FFmpegError as exc:
            raise MediaError(f"cannot decode the audio of {p.name} at {start:.1f} s: {exc}") from None
    if first is None:
        return np.zeros(0, np.float32)
    a = max(int(round((start - first) * sr)), 0)
    return np.concatenate(parts)[a:a + int(round((end - start) * sr))]


class _Samples:
    """Decoded sound written into one buffer sized from the stream's length (grown if the
    stream runs longer): a list of chunks joined at the end needed twice the memory."""

    def __init__(self, size: int) -> None:
        self.buf, self.n = np.empty(max(size, 1), np.float32), 0

    def append(self, chunk: np.ndarray) -> None:
        if self.n + len(chunk) > len(self.buf):
            self.buf = np.resize(self.buf, max(self.n + len(chunk), len(self.buf) * 3 // 2))
        self.buf[self.n:self.n + len(chunk)] = chunk
        self.n += len(chunk)

    def __len__(self) -> int:
        return self.n

    def array(self) -> np.ndarray:
        return self.buf[:self.n]
