"""Broken and unusual media: honest indexing, verified renders, one line when refused.

Fast tests build two or three short clips; the corpus test (slow) runs the real CLI on
every case that ``tests/media/make_corpus.py`` makes, against the table ``EXPECTED``.
"""
from __future__ import annotations

import importlib.util
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from cutbot.agent.cut import Cut, Segment
from cutbot.agent.media_io import probe_source
from cutbot.agent.render import render
from cutbot.indexers import Sentence, VisualEmbedding, Word, index_film
from cutbot.agent import RenderError
from cutbot.indexers.media import load_audio, probe

HERE = Path(__file__).resolve().parent


def _corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", HERE / "media" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


corpus_lib = _corpus_module()


def measure(path: Path):
    """The file's frame count and picture and sound seconds (``render_checks.measure``)."""
    from cutbot.agent.render_checks import measure as _measure

    return _measure(path)


def readable(info):
    from cutbot.indexers.media import readable as _readable

    return _readable(info)


@pytest.fixture(scope="module")
def clips(sample_film, tmp_path_factory) -> dict:
    """A 6 s base clip and its truncated and variable frame rate versions."""
    d = tmp_path_factory.mktemp("clips")
    base = corpus_lib.base_clip(d, 6.0, sample_film)
    return {"base": base, "truncated": corpus_lib.truncated(base, d), "vfr": corpus_lib.vfr(base, d)}


class _Fake:
    """Small real-shaped backends, so indexing runs without models."""

    dim, name = 4, "fake"

    def transcribe(self, audio, progress=None):
        return [Sentence(0, 0.2, 1.0, "Hello there.", (Word("Hello", 0.2, 0.6), Word("there.", 0.6, 1.0)))]

    def embed(self, texts):
        return np.eye(len(texts), self.dim, dtype=np.float32) + 0.01

    def embed_images(self, images):
        v = np.ones((len(images), self.dim), np.float32) / 2
        return VisualEmbedding(v, [(("thing", 0.5),)] * len(images))

    def embed_queries(self, texts):
        return np.ones((len(texts), self.dim), np.float32) / 2


# --- item 2: a damaged (cut short) film ---------------------------------------------------

def test_a_truncated_film_is_measured_and_warned_about_once(clips, caplog):
    info = probe(clips["truncated"])
    assert info.duration == pytest.approx(6.0, abs=0.1)  # the header still promises it all
    with caplog.at_level("WARNING"):
        got = readable(info)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1 and "truncated.mp4 is damaged: only " in warnings[0]
    assert f"only {got.readable:.1f} s of 6.0 s could be read" in warnings[0]
    assert 0.5 < got.readable < 3.0 and got.usable_duration == got.readable
    assert readable(probe(clips["base"])).readable is None  # a whole film: nothing to say


def test_indexing_a_truncated_film_keeps_to_the_readable_part(clips, capfd, caplog):
    fake = _Fake()
    with caplog.at_level("WARNING"):
        index = index_film(clips["truncated"], visual=fake, speech=fake, text=fake, faces=False)
    assert capfd.readouterr().err == ""  # no raw decoder lines
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= 30]
    assert len(warnings) == 1 and "is damaged" in warnings[0], warnings
    assert index.media.readable == pytest.approx(index.duration)
    assert index.duration < 3.0 < index.media.duration
    assert index.shots[-1].end == pytest.approx(index.duration)
    assert all(f.time <= index.duration for f in index.frames)


def test_a_render_past_the_readable_part_fails_in_one_line_and_leaves_no_file(clips, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    cut = Cut(str(clips["truncated"]), "all", (Segment(0.0, 5.5, 1.0),))
    for mode in ("auto", "reencode"):
        with pytest.raises(RenderError) as err:
            render(cut, out / "cut.mp4", mode=mode)
        assert "came out wrong" in str(err.value) and "\n" not in str(err.value)
        assert list(out.iterdir()) == []


def test_decoder_errors_never_reach_the_terminal(clips, capfd):
    from cutbot.indexers.shots import detect_shots

    detect_shots(clips["truncated"], info=readable(probe(clips["truncated"])))
    load_audio(clips["truncated"])
    assert capfd.readouterr().err == ""


def test_damage_inside_a_film_is_skipped_with_one_warning(clips, tmp_path, caplog):
    from cutbot.indexers.sampling import iter_frames

    bad = corpus_lib.corrupt_middle(clips["base"], tmp_path)
    times = [0.2 + 0.4 * k for k in range(14)]
    with caplog.at_level("WARNING"):
        got = list(iter_frames(bad, times))
        again = list(iter_frames(bad, times))  # the faces stage reads it too
    assert [t for t, _ in got] == times and len(again) == len(times)
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= 30]
    assert len(warnings) == 1 and "corrupt_middle.mp4 is damaged near" in warnings[0]
    sound = load_audio(bad)  # damaged packets are silence: later words keep their times
    assert len(sound) / 16000 == pytest.approx(len(load_audio(clips["base"])) / 16000, abs=0.1)


# --- item 2: variable frame rate ------------------------------------------------------------

def test_a_variable_frame_rate_source_renders_picture_as_long_as_its_sound(clips, tmp_path):
    src = clips["vfr"]
    res = render(Cut(str(src), "all", (Segment(0.5, 5.5, 1.0),)), tmp_path / "v.mp4")
    got = measure(res.path)
    assert "variable frame rate" in res.reason and "constant" in res.reason
    rate = probe_source(src).rate
    assert got.audio == pytest.approx(got.video, abs=float(1 / rate) + 0.025)
    assert got.video == pytest.approx(5.0, abs=float(1 / rate) + 1e-3)
    assert got.frames == round(got.video * rate)


def test_a_constant_frame_rate_source_is_not_retimed(clips, tmp_path):
    res = render(Cut(str(clips["base"]), "all", (Segment(0.3, 2.1, 1.0),)), tmp_path / "c.mp4",
                 mode="reencode")
    assert "variable" not in res.reason
    got = measure(res.path)
    assert got.frames == round(1.8 * 25) and got.video == pytest.approx(1.8, abs=0.041)


def test_verify_render_names_what_is_wrong(clips):
    from cutbot.agent.render_checks import verify_render

    with pytest.raises(RenderError, match="of 999 frames"):
        verify_render(clips["base"], 999, 6.0, Fraction(25), 48000, True)
    got = verify_render(clips["base"], None, 6.0, Fraction(25), 48000, True)
    assert got.video == pytest.approx(6.0, abs=0.041)


# --- the corpus, through the real CLI -------------------------------------------------------

REQUEST, BUDGET = "under 4 seconds", 4.0  # the clips are 6 s: the cut is a real cut
# case: (what `cutbot index` does, what the render does, words the one line must hold)
EXPECTED: dict[str, tuple[str, str, str]] = {
    "truncated": ("warns", "renders", "is damaged: only"),
    # pictures that do not decode are skipped when indexing; ffmpeg's re-encode then
    # does not give back exactly the frames planned, and the check says so
    "corrupt_middle": ("warns", "refuses", "is damaged near"),
    "moov_missing": ("refuses", "-", "not a media file"),
    "moov_renamed": ("refuses", "-", "not a media file"),
    "audio_only": ("refuses", "-", "no video stream (audio only)"),
    "no_audio": ("indexes", "renders", ""),
    "vfr": ("indexes", "renders", ""),
    "10bit": ("indexes", "renders", ""),
    "yuv444": ("indexes", "renders", ""),
    "hevc": ("indexes", "renders", ""),
    "mkv": ("indexes", "renders", ""),
    "webm": ("indexes", "renders", ""),
    "surround51": ("indexes", "renders", ""),
    "subtitles": ("indexes", "renders", ""),
    "one_second": ("indexes", "renders", ""),
    "name0": ("indexes", "renders", ""),
    "name1": ("indexes", "renders", ""),
    "name2": ("indexes", "renders", ""),
    "name3": ("indexes", "renders", ""),
}


def test_the_table_covers_every_case_the_script_makes():
    assert set(EXPECTED) == set(corpus_lib.CASES)


@pytest.fixture(scope="session")
def corpus(sample_film, tmp_path_factory) -> dict:
    """The cases, 6 s each, and one CUTBOT_HOME for them all (the odd names are one
    film under four names: indexed once, found by content three times)."""
    cases = corpus_lib.make_corpus(tmp_path_factory.mktemp("corpus"), 6.0, sample_film)
    return {**cases, "home": tmp_path_factory.mktemp("corpus_home")}


def _cli(args: list[str], capfd, caplog) -> tuple[int, list[str], str]:
    """Run the real CLI in this process (models load once); stderr at the file
    descriptor, so libav's own lines would show, plus the warnings logged (which
    pytest takes from the terminal). Progress bars are not messages."""
    from typer.testing import CliRunner

    from cutbot.agent import cli

    capfd.readouterr()
    caplog.clear()
    with caplog.at_level("WARNING"):
        result = CliRunner().invoke(cli.app, args)
    err = result.stderr + capfd.readouterr().err
    lines = [r.getMessage() for r in caplog.records if r.levelno >= 30]
    lines += [ln for ln in err.splitlines() if ln.strip() and "━" not in ln]
    return result.exit_code, lines, result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("case", list(EXPECTED))
def test_corpus_case(case, corpus, tmp_path, capfd, caplog, monkeypatch):
    film = corpus[case]
    if isinstance(film, str):
        pytest.skip(film)  # the bundled ffmpeg cannot make it
    monkeypatch.chdir(film.parent)
    monkeypatch.setenv("CUTBOT_HOME", str(corpus["home"]))
    name = f"./{film.name}"  # a name that starts with a dash is not an option
    on_index, on_render, words = EXPECTED[case]
    code, lines, out = _cli(["index", name], capfd, caplog)
    if on_index == "refuses":
        assert code != 0 and len(lines) == 1, lines
        assert lines[0].startswith("cutbot: error:") and words in lines[0], lines
        assert "Traceback" not in out
        return
    assert code == 0, lines
    if on_index == "warns":
        assert len(lines) == 1 and words in lines[0] and "warning" in lines[0], lines
    else:
        assert lines == [], lines
    target = tmp_path / "out.mp4"
    code, lines, out = _cli([REQUEST, "-i", name, "-o", str(target)], capfd, caplog)
    if on_render == "refuses":
        assert code != 0 and len(lines) == 1 and lines[0].startswith("cutbot: error:"), lines
        assert "came out wrong" in lines[0] and not target.exists()
        assert list(tmp_path.iterdir()) == []
        return
    assert code == 0 and lines == [], (lines, out)
    got = measure(target)
    source = probe_source(film)
    frame = float(1 / source.rate)
    assert 0 < got.video <= BUDGET + frame
    assert got.frames == round(got.video / frame)
    if source.audio_index is not None:
        assert got.audio == pytest.approx(got.video, abs=frame + 0.025)
    else:
        assert got.audio is None
    if on_index == "warns":  # only the part that reads was used
        assert got.video <= readable(probe(film)).usable_duration + frame


# --- issue #12: one probe and one ffmpeg lookup for indexing and rendering -------------------

def test_indexing_and_rendering_share_one_probe(clips, tmp_path):
    from cutbot.agent import media_io
    from cutbot.indexers import media

    long_sound = tmp_path / "long_sound.mp4"  # 4 s of picture over 6 s of sound
    corpus_lib.ff("-i", str(clips["base"]), "-vf", "trim=end=4,setpts=PTS-STARTPTS",
                  "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "copy", str(long_sound))
    for film in (clips["base"], clips["vfr"], long_sound):
        info, src = probe(film), probe_source(film)
        assert info.duration == src.duration and info.fps == src.rate
        assert (info.width, info.height) == (src.width, src.height)
    assert probe(long_sound).duration == pytest.approx(4.0, abs=0.05)  # the picture's length
    assert media_io.ffmpeg_exe() == media.ffmpeg_exe()


@pytest.mark.slow
def test_a_truncated_film_through_the_cutbot_command(corpus, tmp_path):
    """The `cutbot` executable itself: what a user's terminal shows, byte for byte."""
    import os
    import subprocess
    import sys

    exe = Path(sys.executable).with_name("cutbot")
    env = {**os.environ, "CUTBOT_HOME": str(tmp_path / "home"), "COLUMNS": "200"}
    film = corpus["truncated"]
    run = subprocess.run([str(exe), "index", str(film)], capture_output=True, text=True,
                         env=env, timeout=900)
    lines = [ln for ln in run.stderr.splitlines() if ln.strip() and "━" not in ln]
    assert run.returncode == 0 and len(lines) == 1, run.stderr
    assert lines[0].startswith("cutbot: warning: truncated.mp4 is damaged: only "), lines
    out = tmp_path / "cut.mp4"
    run = subprocess.run([str(exe), REQUEST, "-i", str(film), "-o", str(out)],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr
    got = measure(out)
    assert got.video <= readable(probe(film)).usable_duration + 0.04
    assert got.audio == pytest.approx(got.video, abs=0.065)


def test_plans_keep_to_the_readable_part_of_a_damaged_film():
    """The planner's window is the part that reads: nothing past it, even when asked."""
    import dataclasses

    from fakes import make_index, run_plan

    from cutbot.agent.plan import Query

    other = ["tree", "boat", "car", "house", "lamp"]
    index = make_index([(i * 10, i * 10 + 10, "dog" if i % 3 == 0 else other[i % 5])
                        for i in range(6)])  # dogs at 0-10 and 30-40
    assert max(s.end for s in run_plan(index, include=[Query(text="dog")]).segments) > 30
    index.media = dataclasses.replace(index.media, readable=14.0)
    for plan in ({"include": [Query(text="dog")]}, {}):
        cut = run_plan(index, **plan)
        assert cut.segments and max(s.end for s in cut.segments) <= 14.0 + 1e-6
