"""Subtitles: the transcript retimed to the cut, as an SRT beside the output, as a soft
track (mov_text in MP4, SRT in MKV), and burned in through moviepy."""
from __future__ import annotations

from pathlib import Path

import av
import pytest

from cutbot.agent.cut import Cut, Segment
from cutbot.agent.export import export
from cutbot.agent.subtitles import (MAX_CUE_S, Cue, Placement, read_srt, retime, to_srt,
                                    write_srt)
from cutbot.indexers.schema import Sentence, Word
from test_render import make_clip, stamps, _expected


def sentence(i: int, start: float, words: list[str], step: float = 0.4) -> Sentence:
    ws = tuple(Word(w, start + k * step, start + k * step + step * 0.8)
               for k, w in enumerate(words))
    return Sentence(i, ws[0].start, ws[-1].end, " ".join(words), ws)


# Three sentences: one inside the first segment, one across the second segment's start,
# one outside every segment.
TRANSCRIPT = (sentence(0, 0.6, ["the", "cat", "sleeps"]),
              sentence(1, 3.9, ["coffee", "is", "ready", "now"]),
              sentence(2, 8.5, ["never", "heard"]))
SEGMENTS = (Segment(0.52, 2.0, 1), Segment(4.6, 6.0, 1))


def _placements(segments=SEGMENTS) -> list[Placement]:
    out, places = 0.0, []
    for s in segments:
        places.append(Placement(s.start, s.end, out))
        out += s.end - s.start
    return places


def _inside(cue: Cue, places) -> Placement:
    """The placement whose output range holds the whole cue."""
    hits = [p for p in places
            if p.out_start - 1e-3 <= cue.start and cue.end <= p.out_start + p.end - p.start + 1e-3]
    assert len(hits) == 1, (cue, places)
    return hits[0]


def test_cues_hold_only_words_heard_in_each_segment():
    places = _placements()
    cues = retime(TRANSCRIPT, places)
    assert [c.text for c in cues] == ["the cat sleeps", "ready now"]
    assert _inside(cues[0], places) is places[0] and _inside(cues[1], places) is places[1]
    assert cues[0].start == pytest.approx(0.6 - 0.52)
    assert cues[1].start == pytest.approx(1.48 + (3.9 + 0.8 - 4.6))  # "ready" at 4.7 s


def test_cues_follow_the_play_order_not_the_source_order():
    places = _placements((SEGMENTS[1], SEGMENTS[0]))
    cues = retime(TRANSCRIPT, places)
    assert [c.text for c in cues] == ["ready now", "the cat sleeps"]
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))


def test_long_runs_are_split_and_a_sentence_without_words_counts_whole():
    words = [f"w{k}" for k in range(40)]
    long = sentence(0, 10.0, words, step=0.5)
    bare = Sentence(1, 40.0, 41.0, "no word times")
    cues = retime([long, bare], [Placement(10.0, 50.0, 0.0)])
    assert len(cues) >= 4 and all(c.end - c.start <= MAX_CUE_S + 0.5 for c in cues)
    assert " ".join(c.text for c in cues[:-1]) == " ".join(words)
    assert cues[-1] == Cue(30.0, 31.0, "no word times")


def test_crossfaded_pieces_never_overlap_cues():
    places = [Placement(0.52, 2.0, 0.0), Placement(4.6, 6.0, 1.48 - 0.5)]
    cues = retime(TRANSCRIPT, places)
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))


def test_srt_round_trips(tmp_path):
    cues = [Cue(0.08, 1.52, "the cat sleeps"), Cue(1.58, 2.5, "ready, now — ¿sí?")]
    path = write_srt(cues, tmp_path / "sub" / "cut.srt")
    assert path.read_text(encoding="utf-8").startswith("1\n00:00:00,080 --> 00:00:01,520\n")
    assert read_srt(path) == cues
    assert to_srt([]) == ""


def test_export_srt_needs_no_render(tmp_path):
    cut = Cut("film.mp4", "r", SEGMENTS)
    path = export(cut, tmp_path / "cut.srt", transcript=TRANSCRIPT, fps=25)
    assert [c.text for c in read_srt(path)] == ["the cat sleeps", "ready now"]


# --- with real renders -------------------------------------------------------------------

@pytest.fixture(scope="module")
def clip(tmp_path_factory) -> Path:
    return make_clip(tmp_path_factory.mktemp("media") / "stamped.mp4", seconds=7)


@pytest.mark.parametrize("name, codec", [("cut.mp4", "mov_text"), ("cut.mkv", "srt")])
def test_render_writes_srt_beside_and_a_soft_track(clip, tmp_path, name, codec):
    cut = Cut(str(clip), "r", SEGMENTS)
    result = render_with_subs(cut, tmp_path / name)
    assert result.subtitles == (tmp_path / name).with_suffix(".srt")
    cues = read_srt(result.subtitles)
    assert [c.text for c in cues] == ["the cat sleeps", "ready now"]
    places = [Placement(s.start, s.end, o) for s, o in zip(SEGMENTS, (0.0, 1.48))]
    for cue in cues:
        _inside(cue, places)
    with av.open(str(result.path)) as c:
        assert [s.codec_context.name for s in c.streams.subtitles] == [codec]
        texts = [bytes(p) for p in c.demux(c.streams.subtitles[0])]
    assert sum(1 for t in texts if t.strip(b"\x00")) == 2  # mov_text adds empty samples
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, Path(name).stem + ".srt"])


def render_with_subs(cut, out, **kw):
    from cutbot.agent.render import render
    return render(cut, out, transcript=TRANSCRIPT, subtitles=True, **kw)


def test_subtitles_from_the_plan_and_burned_in(clip, tmp_path):
    from cutbot.agent.render import render
    cut = Cut(str(clip), "r", SEGMENTS[:1], constraints={"output": {"burn_subtitles": True}})
    burned = render(cut, tmp_path / "burn.mp4", transcript=TRANSCRIPT)
    plain = render(cut, tmp_path / "plain.mp4", mode="reencode")
    assert burned.mode == "moviepy" and "burn_subtitles" in burned.reason
    assert burned.subtitles is None  # burned in, so no SRT beside
    with av.open(str(burned.path)) as b, av.open(str(plain.path)) as p:
        fb = list(b.decode(b.streams.video[0]))[10].to_ndarray(format="gray")
        fp = list(p.decode(p.streams.video[0]))[10].to_ndarray(format="gray")
    bottom = slice(int(fb.shape[0] * 0.7), None)
    assert abs(fb[bottom].astype(int) - fp[bottom].astype(int)).mean() > 2  # text is there
    assert stamps(burned.path) == _expected(clip, SEGMENTS[:1])  # still frame accurate


def test_subtitles_without_transcript_write_nothing(clip, tmp_path, caplog):
    from cutbot.agent.render import render
    result = render(Cut(str(clip), "r", SEGMENTS[:1]), tmp_path / "o.mp4", subtitles=True)
    assert result.subtitles is None and "no transcript" in caplog.text
    assert [p.name for p in tmp_path.iterdir()] == ["o.mp4"]


def test_effects_keep_the_soft_track_and_move_cues_with_the_crossfade(clip, tmp_path):
    cut = Cut(str(clip), "r", SEGMENTS)
    result = render_with_subs(cut, tmp_path / "cf.mp4", crossfade=0.3)
    assert result.mode == "moviepy"
    with av.open(str(result.path)) as c:
        assert [s.codec_context.name for s in c.streams.subtitles] == ["mov_text"]
    cues = read_srt(result.subtitles)
    assert cues[1].start == pytest.approx(1.58 - 0.3, abs=1e-3)  # the overlap moves it up
