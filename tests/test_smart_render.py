"""Smart render: the GOP plan, the source checks, the part files, the joined result, and
the fallback that says why. Real media: stamped clips cut from the sample film."""
from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Optional

import av
import numpy as np
import pytest

from cutbot.agent import smart_edges, smart_render as smart
from cutbot.agent.cut import Cut, Segment
from cutbot.agent.media_io import RenderPiece, ffmpeg_exe, probe_source, snap_pieces
from cutbot.agent.render import concat_list, render
from test_render import _expected, make_clip, stamps


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return make_clip(tmp_path_factory.mktemp("media") / "stamped.mp4", seconds=6)


@pytest.fixture(scope="module")
def gops(clip) -> smart.GopIndex:
    return smart.scan(clip, probe_source(clip))


def _piece(first: int, frames: int, out: int = 0) -> RenderPiece:
    return RenderPiece(first, frames, Fraction(25), 0.0, out, Segment(0, 1, 1))


# --- pure planning and bitstream helpers -----------------------------------------------

def test_plan_splits_pieces_at_keyframes():
    keys = (0, 25, 50, 75, 100)
    parts = smart.plan_parts([_piece(13, 80), _piece(30, 10, 80), _piece(50, 26, 90)], keys)
    assert [(p.kind, p.first, p.frames, p.out_frame) for p in parts] == [
        ("encode", 13, 12, 0), ("copy", 25, 50, 12), ("encode", 75, 18, 62),  # edges + GOPs
        ("encode", 30, 10, 80),  # inside one GOP: nothing to copy
        ("copy", 50, 25, 90), ("encode", 75, 1, 115)]  # starts on a keyframe: no head


def test_plan_covers_every_frame_once():
    keys = tuple(range(0, 1000, 37))
    pieces = [_piece(5, 300), _piece(400, 74, 300), _piece(111, 1, 374)]
    parts = smart.plan_parts(pieces, keys)
    got = [(p.out_frame + k, p.first + k) for p in parts for k in range(p.frames)]
    want = [(p.out_frame + k, p.first_frame + k) for p in pieces for k in range(p.frames)]
    assert sorted(got) == want
    assert all(p.first in keys for p in parts if p.kind == "copy")


def test_slice_data_ignores_framing_and_parameter_sets():
    sps, pps, idr = b"\x67\x64\x00\x1f", b"\x68\xee", b"\x65\x88\x84\x00\x21"
    lengths = b"".join(len(n).to_bytes(4, "big") + n for n in (sps, pps, idr))
    annexb = b"\x00\x00\x00\x01\x09\xf0" + b"".join(b"\x00\x00\x01" + n for n in (sps, pps, idr))
    assert smart.nal_units(lengths, 4) == [sps, pps, idr]
    assert smart.slice_data(lengths, 4) == smart.slice_data(annexb, None) == idr


def test_annex_b_extradata_is_refused():
    with pytest.raises(smart.NotSmartable, match="avcC"):
        smart.parse_avcc(b"\x00\x00\x00\x01\x67\x64\x00\x1f")


def test_concat_list_quotes_paths_and_gives_exact_durations(tmp_path):
    parts = [smart.Part("encode", 3, 7, 0), smart.Part("copy", 10, 25, 7)]
    odd = tmp_path / "it's here.ts"
    text = concat_list(parts, [tmp_path / "a.ts", odd], Fraction(30000, 1001))
    assert text.startswith("ffconcat version 1.0\n")
    assert "duration 0.233567" in text and "duration 0.834167" in text
    assert "it'\\''s here.ts'" in text


# --- the source checks ------------------------------------------------------------------

def test_scan_finds_idr_keyframes_and_the_decode_delay(gops):
    assert gops.keys == tuple(range(0, 150, 25))
    assert gops.delay == 2 and gops.profile == "high" and gops.ticks * gops.time_base == \
        Fraction(1, 25)
    assert len(gops.spans) == 150


@pytest.mark.parametrize("codec, why", [
    (("-c:v", "mpeg4", "-q:v", "2", "-g", "25"), "codec mpeg4"),
    (("-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-x264-params",
      "open-gop=1:bframes=2:keyint-min=25:scenecut=0"), "open GOPs"),
    (("-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv444p"), "pixel format yuv444p"),
])
def test_sources_that_cannot_be_copied_say_why(tmp_path, codec, why):
    src = make_clip(tmp_path / "src.mp4", seconds=3, vcodec=codec)
    with pytest.raises(smart.NotSmartable, match=why):
        smart.scan(src, probe_source(src))
    result = render(Cut(str(src), "r", (Segment(0.5, 2.3, 1),)), tmp_path / "o.mp4")
    assert result.mode == "reencode" and why in result.reason
    assert stamps(result.path) == _expected(src, (Segment(0.5, 2.3, 1),))


# --- part files -------------------------------------------------------------------------

def _copy(clip, gops, part, path):
    info = probe_source(clip)
    with smart_edges.open_source(clip, info) as source:
        smart_edges.copy_part(source, info, gops, part.first, part.frames, path)
    return path


def _edges(clip, gops, parts, folder):
    files = [folder / f"edge_{k:03d}.ts" for k in range(len(parts))]
    smalls = smart_edges.encode_edges(clip, probe_source(clip), gops, parts, files)
    assert [s.shape for s in smalls] == [smart_edges.THUMB[::-1]] * len(parts)
    return files


def test_copied_part_holds_exactly_its_gops(clip, gops, tmp_path):
    path = _copy(clip, gops, smart.Part("copy", 25, 50, 0), tmp_path / "copy.ts")
    assert stamps(path) == list(range(25, 75))


@pytest.mark.parametrize("frames", [1, 2, 3, 17])
def test_an_edge_keeps_the_source_decode_delay(clip, gops, tmp_path, frames):
    part = smart.Part("encode", 30, frames, 0)
    [path] = _edges(clip, gops, [part], tmp_path)
    smart.check_part(path, part, gops)  # frame count, IDR start, the delay of 2 frames
    assert stamps(path) == list(range(30, 30 + frames))
    with av.open(str(path)) as c:
        ctx = c.streams.video[0].codec_context
        assert (ctx.profile, ctx.level, ctx.pix_fmt, ctx.width, ctx.height) == \
            ("High", 12, "yuv420p", 320, 180)


def test_a_batch_of_edges_is_one_run_split_into_one_file_each(clip, gops, tmp_path):
    parts = [smart.Part("encode", 13, 12, 0), smart.Part("encode", 75, 1, 12),
             smart.Part("encode", 101, 2, 13), smart.Part("encode", 140, 9, 15)]
    for part, path in zip(parts, _edges(clip, gops, parts, tmp_path)):
        smart.check_part(path, part, gops)
        assert stamps(path) == list(range(part.first, part.first + part.frames))
    with pytest.raises(smart.NotSmartable, match="holds 12 of 11 frames"):
        smart.check_part(tmp_path / "edge_000.ts", smart.Part("encode", 13, 11, 0), gops)


def test_edge_encoder_matches_the_source(gops):
    opts = smart_edges.encoder_options(gops)
    assert (opts["profile"], opts["level"], opts["forced-idr"]) == ("high", "12", "1")
    assert "sps-id=1" in opts["x264-params"] and "b-pyramid=normal" in opts["x264-params"]
    assert "open-gop=0" in opts["x264-params"] and "scenecut=0" in opts["x264-params"]


def test_edges_skip_only_pictures_nothing_refers_to(clip, gops):
    with av.open(str(clip)) as c:
        packets = [p for p in c.demux(c.streams.video[0]) if p.size][:25]
        skipped = [p.pts for p in packets if smart_edges._unreferenced(p, gops.nal_len)]
        b_frames = [p.pts for p in packets if p.pts < packets[0].pts or
                    any(q.pts > p.pts for q in packets[:packets.index(p)])]
    assert skipped and set(skipped) <= set(b_frames)  # shown late, never a reference
    assert packets[0].pts not in skipped


def test_jobs_batch_edges_and_keep_copies_alone():
    parts = [smart.Part("encode" if k % 3 else "copy", k, 1, k) for k in range(30)]
    jobs = smart._jobs(parts)
    assert sorted(n for job in jobs for n in job) == list(range(30))
    assert all(len(job) == 1 for job in jobs if parts[job[0]].kind == "copy")
    assert max(len(job) for job in jobs) == smart.EDGE_BATCH


# --- the joined result ------------------------------------------------------------------

def test_render_with_tiny_edges_is_frame_accurate(clip, tmp_path):
    segs = (Segment(0.96, 3.04, 1), Segment(4.0, 4.04, 1), Segment(5.92, 6.0, 1),
            Segment(1.0, 2.08, 1))
    result = render(Cut(str(clip), "r", segs), tmp_path / "tiny.mp4")
    assert result.mode == "smart", result.reason
    assert stamps(result.path) == _expected(clip, segs)


def test_verification_failure_falls_back_and_says_why(clip, tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise smart.NotSmartable("the joined video skips or repeats frames")

    monkeypatch.setattr(smart, "verify_output", broken)
    segs = (Segment(0.5, 3.3, 1),)
    calls = []
    result = render(Cut(str(clip), "r", segs), tmp_path / "o.mp4",
                    progress=lambda d, t: calls.append(d))
    assert result.mode == "reencode"
    assert result.reason == "smart render not possible: the joined video skips or repeats frames"
    assert stamps(result.path) == _expected(clip, segs)
    assert calls == sorted(calls)  # the fallback never moves the bar back
    assert [p.name for p in tmp_path.iterdir()] == ["o.mp4"]


def test_verify_output_catches_a_missing_part(clip, gops, tmp_path):
    segs = (Segment(0.5, 3.3, 1),)
    result = render(Cut(str(clip), "r", segs), tmp_path / "o.mp4")
    info = probe_source(clip)
    parts = smart.plan_parts(snap_pieces(segs, info), gops.keys)
    smart.verify_output(result.path, clip, info, gops, parts)
    longer = parts + [smart.Part("encode", 100, 5, parts[-1].out_frame + parts[-1].frames)]
    with pytest.raises(smart.NotSmartable, match="has 70 of 75 frames"):
        smart.verify_output(result.path, clip, info, gops, longer)
    shifted = [smart.Part(p.kind, p.first + 25, p.frames, p.out_frame) for p in parts]
    with pytest.raises(smart.NotSmartable, match="not the source's coded picture"):
        smart.verify_output(result.path, clip, info, gops, shifted)
    edges_moved = [smart.Part(p.kind, p.first + (25 if p.kind == "encode" else 0), p.frames,
                              p.out_frame) for p in parts]
    with pytest.raises(smart.NotSmartable, match="differs from source"):
        smart.verify_output(result.path, clip, info, gops, edges_moved)


def test_nothing_to_copy_is_a_reencode_with_a_reason(clip, tmp_path):
    result = render(Cut(str(clip), "r", (Segment(0.1, 0.9, 1),)), tmp_path / "o.mkv")
    assert result.mode == "reencode" and "nothing can be copied" in result.reason


class _Closing:
    """Wraps an object of a PyAV container so that reading it after the container has
    closed raises (PyAV 18 returns freed memory there, which passes only by luck)."""

    def __init__(self, obj, state):
        self._obj, self._state = obj, state

    def __getattr__(self, name):
        if self._state["closed"]:
            raise AssertionError(f"read .{name} after the container was closed")
        value = getattr(self._obj, name)
        if name in ("streams", "codec_context"):
            return _Closing(value, self._state)
        if callable(value):  # demux(stream): hand PyAV its own objects
            return lambda *a, **k: value(*(x._obj if isinstance(x, _Closing) else x
                                           for x in a), **k)
        return value

    def __getitem__(self, key):
        return _Closing(self._obj[key], self._state)

    def __iter__(self):
        return iter(self._obj)


def test_scan_reads_the_stream_only_while_the_container_is_open(clip, monkeypatch):
    real_open = av.open

    class Container:
        def __init__(self, path):
            self._c, self._state = real_open(path), {"closed": False}

        def __enter__(self):
            return _Closing(self._c, self._state)

        def __exit__(self, *exc):
            self._c.close()
            self._state["closed"] = True

    monkeypatch.setattr(av, "open", Container)
    got = smart._scan(clip, probe_source(clip))
    monkeypatch.undo()
    assert got == smart._scan(clip, probe_source(clip))
    assert got.time_base.numerator == 1 and got.time_base.denominator > 1000


# --- frame exactness against the source's decoded pictures -----------------------------
#
# Every output frame is compared with the source frame the plan puts there: copied
# frames must be the very same picture (every plane, bit for bit), re-encoded ones must
# be close to it (PSNR over a bar) and closer to it than to its neighbours.

PSNR_BAR = 32.0  # dB: edges are encoded near-transparently (CRF 16)


def _synthetic(path: Path, x264: str, seconds: int = 16) -> Path:
    """A moving test pattern with GOPs of 4 s (100 frames, no scene cuts), the given
    B-frame settings, and a tone."""
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", f"testsrc2=s=320x240:r=25:d={seconds}",
                    "-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:d={seconds}",
                    "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", "100",
                    "-x264-params", f"keyint-min=100:scenecut=0:{x264}", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-shortest", str(path)], check=True)
    return path


def _pictures(path: Path, wanted: Optional[set] = None) -> dict[int, np.ndarray]:
    """Frame number (from the stream start) -> all planes of that decoded picture; with
    ``wanted``, only those, decoded from the keyframe before each run of them."""
    out: dict[int, np.ndarray] = {}
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        tb, rate, origin = v.time_base, v.average_rate, v.start_time or 0
        runs = [[None, None]]
        for n in sorted(wanted or ()):
            if runs[-1][1] is None or n > runs[-1][1] + 1:
                runs.append([n, n])
            runs[-1][1] = n
        for first, last in runs[1:] if wanted else runs:
            if first is not None:
                c.seek(int(origin + first / rate / tb), stream=v)
            for f in c.decode(v):
                n = round((f.pts - origin) * tb * rate)
                if first is None or first <= n <= last:
                    out[n] = f.to_ndarray()
                if last is not None and n >= last + 4:  # past any reordering
                    break
    return out


def _psnr(a: np.ndarray, b: np.ndarray) -> float:
    mse = float(((a.astype(np.float64) - b) ** 2).mean())
    return 99.0 if mse == 0 else 10 * np.log10(255 ** 2 / mse)


def _assert_frames_match(out: Path, src: Path, segs, neighbours: bool) -> dict:
    """Each output frame against its source frame; returns the frame count per kind."""
    info = probe_source(src)
    gops = smart.scan(src, info)
    pieces = snap_pieces(segs, info)
    parts = smart.plan_parts(pieces, gops.keys, gops.copy_ends())
    plan = {p.out_frame + k: (p.kind, p.first + k) for p in parts for k in range(p.frames)}
    got = _pictures(out)
    assert sorted(got) == sorted(plan), "the output has other frames than planned"
    want = _pictures(src, {f + d for _, f in plan.values() for d in (-1, 0, 1)})
    counts = {"copy": 0, "encode": 0}
    for n, (kind, f) in sorted(plan.items()):
        counts[kind] += 1
        if kind == "copy":
            assert np.array_equal(got[n], want[f]), f"copied output frame {n} is not source {f}"
            continue
        close = _psnr(got[n], want[f])
        assert close > PSNR_BAR, f"output frame {n}: {close:.1f} dB against source {f}"
        if neighbours:
            for g in (f - 1, f + 1):
                assert g not in want or close > _psnr(got[n], want[g]), \
                    f"output frame {n} looks more like source {g} than {f}"
    for p in pieces:  # the first and last frame of every segment, by name
        assert plan[p.out_frame][1] == p.first_frame
        assert plan[p.out_frame + p.frames - 1][1] == p.first_frame + p.frames - 1
    return counts


# keyframes at 0, 100, 200, 300 (4 s apart); the film ends at frame 400 (16 s)
SYNTHETIC_CUT = (
    Segment(0.52, 4.6, 1),   # off keyframes at both ends, across the keyframe at 100
    Segment(5.2, 6.0, 1),    # inside one GOP: shorter than a GOP, nothing to copy
    Segment(6.2, 8.0, 1),    # ends exactly on the keyframe at 200: no tail
    Segment(8.0, 8.6, 1),    # starts exactly on that keyframe, shorter than a GOP
    Segment(10.28, 16.0, 1),  # ends at the film's end: its last GOP is copied whole
)


@pytest.mark.parametrize("x264, delay", [("bframes=3:b-pyramid=normal", 2),
                                          ("bframes=2:b-pyramid=none", 1),
                                          ("bframes=0", 0)])
def test_long_gops_with_b_frames_are_frame_exact(tmp_path, x264, delay):
    src = _synthetic(tmp_path / "long_gops.mp4", x264)
    gops = smart.scan(src, probe_source(src))
    assert gops.keys == (0, 100, 200, 300) and gops.delay == delay
    if delay == 0:  # no reordering: a copy may stop before any frame
        assert gops.ends == tuple(range(1, 401))
    result = render(Cut(str(src), "r", SYNTHETIC_CUT), tmp_path / "out.mp4")
    assert result.mode == "smart", result.reason
    counts = _assert_frames_match(result.path, src, SYNTHETIC_CUT, neighbours=True)
    assert counts["copy"] == result.copied_frames and counts["encode"] == result.encoded_frames
    # the heads (87 + 20 + 45 frames, the whole middle piece included) are re-encoded; of
    # each tail only what follows the last clean end: nothing without B-frames
    heads = 87 + 20 + 45 + 0 + 43
    assert heads <= result.encoded_frames <= heads + 2 * 2 * delay


def test_clean_ends_follow_decode_order():
    # decode order I0 P4 B2 b1 b3 P8 B6 b5 b7 | I9 ...: a copy from 0 may stop before 1, 5, 9
    shown = [0, 4, 2, 1, 3, 8, 6, 5, 7, 9, 10]
    assert smart.clean_ends(shown, [0, 9]) == (1, 5, 9, 10, 11)
    keys, ends = (0, 9), (1, 5, 9, 10, 11)
    parts = smart.plan_parts([_piece(2, 6), _piece(0, 9, 6), _piece(3, 8, 15)], keys, ends)
    assert [(p.kind, p.first, p.frames) for p in parts] == [
        ("encode", 2, 6),  # no keyframe inside: all re-encoded
        ("copy", 0, 9),  # a whole GOP
        ("encode", 3, 6), ("copy", 9, 2)]  # head to the keyframe, the rest copied


def test_sample_film_cut_is_frame_exact(tmp_path):
    """The real path on the bundled film (keyframes 10 s apart, B-frames)."""
    film = Path(__file__).resolve().parents[1] / "examples" / "sample_film.mp4"
    segs = (Segment(8.6, 11.0, 1),   # off keyframes, across the one at 10 s
            Segment(20.0, 20.6, 1),  # starts on the keyframe at 20 s, shorter than a GOP
            Segment(143.5, 145.12, 1))  # to the film's end, across the keyframe at 144.12
    result = render(Cut(str(film), "r", segs), tmp_path / "sample_cut.mp4")
    assert result.mode == "smart", result.reason
    counts = _assert_frames_match(result.path, film, segs, neighbours=False)
    assert counts["copy"] > 0 and counts["encode"] > 0
