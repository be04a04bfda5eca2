"""Timeline export: OTIO, CMX3600 EDL, FCPXML, FCP7 XML and mpv EDL round-trip through
their readers with the segment times (seconds, half a frame of tolerance)."""
from __future__ import annotations

import math
from pathlib import Path

import av
import opentimelineio as otio
import pytest

from cutbot.agent import timeline
from cutbot.agent.cut import Cut, Segment
from cutbot.agent.export import export, export_format, export_path, is_export_path
from cutbot.agent.media_io import probe_source, snap_pieces
from cutbot.agent import RenderError
from test_render import make_clip

FPS = 25
SEGMENTS = (Segment(0.513, 3.7, 1.0, ("visual: cat 0.7",)), Segment(7.02, 7.5, 0.9),
            Segment(4.1, 6.33, 0.8))


@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return make_clip(tmp_path_factory.mktemp("media") / "stamped.mp4", seconds=8)


@pytest.fixture
def cut(clip) -> Cut:
    return Cut(str(clip), "three bits, out of order", SEGMENTS)


def _ranges(tl) -> list[tuple[float, float]]:
    video = next(t for t in tl.tracks if t.kind == otio.schema.TrackKind.Video)
    return [(c.source_range.start_time.to_seconds(), c.source_range.duration.to_seconds())
            for c in video.find_clips()]


def _assert_same_times(got, fps=FPS):
    """Read-back times equal the segments snapped to whole frames (what render plays)."""
    assert len(got) == len(SEGMENTS)
    for (start, length), seg in zip(got, SEGMENTS):
        first, last = math.ceil(seg.start * fps - 1e-6), math.ceil(seg.end * fps - 1e-6)
        assert start == pytest.approx(first / fps, abs=0.5 / fps)
        assert start + length == pytest.approx(last / fps, abs=0.5 / fps)
        assert 0 <= start - seg.start < 1 / fps and 0 <= start + length - seg.end < 1 / fps


@pytest.mark.parametrize("name", ["cut.otio", "cut.edl", "cut.fcpxml", "cut.xml"])
def test_timeline_round_trips_through_otio_readers(cut, clip, tmp_path, name):
    path = export(cut, tmp_path / name)
    assert path == tmp_path / name and path.stat().st_size > 0
    back = timeline.read_timeline(path, fps=FPS)
    got = _ranges(back)
    _assert_same_times(got)
    pieces = snap_pieces(cut.segments, probe_source(clip))  # exactly the rendered frames
    assert got == [(p.start, p.duration) for p in pieces]
    assert [p.name for p in tmp_path.iterdir()] == [name]  # atomic: no temp file left


def test_otio_keeps_the_media_and_the_evidence(cut, clip, tmp_path):
    tl = timeline.read_timeline(export(cut, tmp_path / "cut.otio"))
    assert [t.kind for t in tl.tracks] == [otio.schema.TrackKind.Video,
                                           otio.schema.TrackKind.Audio]
    first = list(tl.find_clips())[0]
    assert first.media_reference.target_url == str(clip.resolve())
    assert list(first.metadata["cutbot"]["reasons"]) == ["visual: cat 0.7"]
    assert tl.duration().to_seconds() == pytest.approx(
        sum(s.end - s.start for s in SEGMENTS), abs=3 / FPS)


def test_edl_is_cmx3600_with_source_and_record_timecodes(cut, tmp_path):
    text = export(cut, tmp_path / "cut.edl").read_text()
    events = [ln.split() for ln in text.splitlines() if ln[:3].isdigit()]
    assert [e[0] for e in events] == ["001", "002", "003"]
    assert events[0][4:] == ["00:00:00:13", "00:00:03:18", "00:00:00:00", "00:00:03:05"]
    assert events[1][6] == events[0][7]  # record times butt together


def test_mpv_edl_plays_the_cut(cut, clip, tmp_path):
    path = export(cut, tmp_path / "cut.mpv.edl")
    assert path.read_text().startswith("# mpv EDL v0\n")
    entries = timeline.read_mpv_edl(path)
    assert {e[0] for e in entries} == {str(clip.resolve())}
    _assert_same_times([(start, length) for _, start, length in entries])


def test_export_without_the_source_needs_fps(tmp_path):
    cut = Cut(str(tmp_path / "gone.mp4"), "r", SEGMENTS)
    with pytest.raises(RenderError, match="pass fps="):
        export(cut, tmp_path / "cut.otio")
    back = timeline.read_timeline(export(cut, tmp_path / "cut.otio", fps=24))
    _assert_same_times(_ranges(back), fps=24)


@pytest.mark.parametrize("path, fmt, want", [
    ("a.otio", None, "otio"), ("a.EDL", None, "edl"), ("a.fcpxml", None, "fcpxml"),
    ("a.xml", None, "fcp7xml"), ("a.mpv.edl", None, "mpv"), ("a.srt", None, "srt"),
    ("a.json", None, "json"), ("anything", "cmx3600", "edl"), ("x.mp4", "FCPXML", "fcpxml"),
])
def test_format_from_extension_or_name(path, fmt, want):
    assert export_format(path, fmt) == want


def test_unknown_formats_are_one_line_errors(tmp_path):
    with pytest.raises(RenderError, match="use one of"):
        export_format("a.otio", "avid")
    with pytest.raises(RenderError, match="cannot tell the export format"):
        export_format("a.mp4")
    assert is_export_path("x.mpv.edl") and not is_export_path("x.mp4")
    assert export_path("out/cut.mp4", "mpv") == Path("out/cut.mpv.edl")
    assert export_path("cut.mp4", "fcp7xml") == Path("cut.xml")


def test_missing_adapter_names_the_package(cut, tmp_path, monkeypatch):
    monkeypatch.setattr(otio.adapters, "available_adapter_names", lambda: ["otio_json"])
    with pytest.raises(RenderError, match="pip install otio-fcpx-xml-adapter"):
        export(cut, tmp_path / "cut.fcpxml")
    assert not list(tmp_path.iterdir())


def test_empty_cut_is_refused(clip, tmp_path):
    with pytest.raises(RenderError, match="empty"):
        export(Cut(str(clip), "r", ()), tmp_path / "cut.otio")


# --- the command line ------------------------------------------------------------------

@pytest.mark.slow
def test_cli_exports_by_extension_and_by_name(indexed_sample, sample_film, tmp_path):
    from typer.testing import CliRunner

    from cutbot.agent.cli import app

    def cutbot(*args):
        return CliRunner().invoke(app, list(args), prog_name="cutbot")

    timeline_only = cutbot("keep the scenes with the rocket", "-i", str(sample_film),
                           "-o", str(tmp_path / "rocket.otio"))
    assert timeline_only.exit_code == 0, timeline_only.output
    assert [p.name for p in tmp_path.iterdir()] == ["rocket.otio"]  # exported, not rendered
    clips = list(timeline.read_timeline(tmp_path / "rocket.otio").find_clips())
    assert clips and all(c.source_range.duration.to_seconds() > 0 for c in clips)

    video = tmp_path / "rocket.mkv"
    both = cutbot("keep the scenes with the rocket", "-i", str(sample_film), "-o", str(video),
                  "--export", "edl,mpv", "--export", "fcpxml", "--subtitles")
    assert both.exit_code == 0, both.output
    assert "smart" in both.stdout or "re-encode" in both.stdout  # the path that ran, and why
    names = sorted(p.name for p in tmp_path.iterdir())
    assert {"rocket.edl", "rocket.mpv.edl", "rocket.fcpxml", "rocket.mkv"} <= set(names)
    back = _ranges(timeline.read_timeline(tmp_path / "rocket.edl", fps=25))
    assert back == _ranges(timeline.read_timeline(tmp_path / "rocket.otio"))
    with av.open(str(video)) as c:
        has_subs = bool(c.streams.subtitles)
    assert has_subs == ("rocket.srt" in names)  # a soft track when the cut has speech
