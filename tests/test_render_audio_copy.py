"""Smart render's copied sound: the packet plan (running correction, no drift), the
reasons it falls back to a re-encode, and the real path on the sample film (the output's
sound is the source's, at the right place, as long as the picture)."""
from __future__ import annotations

import random
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from cutbot.agent.audio_copy import AAC_FRAME, NotCopyable, copy_audio, plan_packets
from cutbot.agent.cut import Cut, Segment
from cutbot.agent.media_io import RenderPiece, probe_source, snap_pieces
from cutbot.agent.render import render

RATE = 48000
FILM = Path(__file__).resolve().parents[1] / "examples" / "sample_film.mp4"


def _pieces(spans: list[tuple[int, int]], fps: Fraction = Fraction(25)) -> list[RenderPiece]:
    pieces, out = [], 0
    for first, frames in spans:
        pieces.append(RenderPiece(first, frames, fps, 0.0, out, Segment(0, 1, 1)))
        out += frames
    return pieces


def _starts(seconds: float) -> list[int]:
    return list(range(-AAC_FRAME, int(seconds * RATE), AAC_FRAME))


@pytest.mark.parametrize("fps", [Fraction(25), Fraction(30000, 1001), Fraction(24)])
def test_plan_keeps_every_join_within_half_a_packet(fps):
    """Many short pieces at awkward rates: the error is corrected at each join, so it
    never grows past half a packet, and the sound is as long as the picture."""
    rng = random.Random(7)
    spans, at = [], 0
    for _ in range(300):
        at += rng.randrange(1, 200)
        frames = rng.randrange(1, 90)
        spans.append((at, frames))
        at += frames
    pieces = _pieces(spans, fps)
    runs = plan_packets(pieces, RATE, _starts(at / fps + 2))
    assert len(runs) > 250  # only pieces under about a packet are skipped
    for run in runs:
        p = pieces[run.piece]
        out_start = round(p.out_start * RATE)
        want = round(p.start * RATE) + run.out - out_start  # source time of that output time
        assert abs(run.first - want) <= AAC_FRAME // 2
        assert abs(run.out - out_start) <= AAC_FRAME // 2
    video = round(pieces[-1].out_end * RATE)
    assert abs(sum(r.count for r in runs) * AAC_FRAME - video) <= AAC_FRAME // 2


def test_plan_refuses_a_gap_and_sound_that_ends_early():
    pieces = _pieces([(25, 50)])
    starts = _starts(10)
    with pytest.raises(NotCopyable, match="gap"):
        plan_packets(pieces, RATE, [s for s in starts if s != 60 * AAC_FRAME])
    with pytest.raises(NotCopyable, match="cover"):
        plan_packets(pieces, RATE, _starts(2.5))


def test_copied_packets_are_the_sources_bytes(tmp_path):
    """Overlapping and repeated pieces reuse source packets: each output packet is the
    planned source packet byte for byte, after one priming packet at a negative time."""
    info = probe_source(FILM)
    pieces = snap_pieces([Segment(8.6, 9.6, 1), Segment(8.6, 9.6, 1), Segment(8.0, 9.0, 1)], info)
    assert copy_audio(FILM, info, pieces, tmp_path / "sound.m4a") == 141
    with av.open(str(tmp_path / "sound.m4a")) as c:
        got = {p.pts: bytes(p) for p in c.demux(c.streams.audio[0]) if p.size}
    with av.open(str(FILM)) as c:
        src = {p.pts: bytes(p) for p in c.demux(c.streams.audio[0]) if p.size}
    runs = plan_packets(pieces, RATE, sorted(src))
    assert [r.piece for r in runs] == [0, 1, 2]
    assert all(got[r.out + k * AAC_FRAME] == src[r.first + k * AAC_FRAME]
               for r in runs for k in range(r.count))
    assert got[-AAC_FRAME] == src[runs[0].first - AAC_FRAME]
    assert len(got) == 1 + sum(r.count for r in runs)


def _decode(path: Path) -> tuple[np.ndarray, int]:
    """Mono samples of the first audio stream, placed by their timestamps; first sample's time."""
    chunks = []
    with av.open(str(path)) as c:
        for frame in c.decode(c.streams.audio[0]):
            chunks.append((frame.pts, frame.to_ndarray().mean(axis=0)))
    lo = min(p for p, _ in chunks)
    buf = np.zeros(max(p + len(x) for p, x in chunks) - lo, np.float32)
    for p, x in chunks:
        buf[p - lo:p - lo + len(x)] = x
    return buf, lo


def test_sample_film_cut_copies_the_sound_in_sync(tmp_path):
    """The real path: AAC out, as long as the picture within one packet, and every
    piece's sound (past the join's first packet) is the source's at most half a packet
    from the picture's time."""
    segs = (Segment(8.6, 11.0, 1), Segment(20.0, 20.6, 1), Segment(33.33, 40.1, 1),
            Segment(143.5, 145.12, 1))
    result = render(Cut(str(FILM), "r", segs), tmp_path / "cut.mp4")
    assert result.mode == "smart" and "sound copied" in result.reason, result.reason
    with av.open(str(result.path)) as c:
        a, v = c.streams.audio[0], c.streams.video[0]
        assert a.codec_context.name == "aac"
        audio, video = float(a.duration * a.time_base), float(v.duration * v.time_base)
    assert abs(audio - video) <= AAC_FRAME / RATE
    out, out_lo = _decode(result.path)
    src, src_lo = _decode(FILM)
    assert out_lo == 0  # the priming packet is not played: the sound starts with the picture
    for p in snap_pieces(segs, probe_source(FILM)):
        o = round(p.out_start * RATE) + 2 * AAC_FRAME  # past the join's first packet
        s = round(p.start * RATE) + 2 * AAC_FRAME - src_lo
        n = min(8192, round(p.duration * RATE) - 3 * AAC_FRAME)
        got = out[o - out_lo:o - out_lo + n]
        errors = {lag: float(np.abs(src[s + lag:s + lag + n] - got).mean())
                  for lag in range(-AAC_FRAME // 2, AAC_FRAME // 2 + 1)}
        lag = min(errors, key=errors.get)
        assert errors[lag] < 0.05 * float(np.abs(got).mean()), (p.first_frame, lag, errors[lag])


def test_copy_can_be_turned_off_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("CUTBOT_AUDIO_COPY", "0")
    result = render(Cut(str(FILM), "r", (Segment(8.6, 11.0, 1),)), tmp_path / "cut.mp4")
    assert result.mode == "smart" and "sound re-encoded" in result.reason, result.reason
