"""The faces stage: sampling, tracking, clustering into people, storage, the real dlib path."""
from __future__ import annotations

import json
import subprocess
from functools import partial
from pathlib import Path

import numpy as np
import pytest

from cutbot.indexers import faces as F
from cutbot.indexers import load_index, models
from cutbot.indexers.errors import ModelUnavailable
from cutbot.indexers.media import ffmpeg_exe, probe
from cutbot.indexers.schema import FaceHit, Shot, VisualEmbedding

ROOT = Path(__file__).resolve().parent.parent
A, B, NOISE = (np.eye(128, dtype=np.float32)[k] for k in (0, 1, 2))


def _raw(shot, times, vec, area=100.0, det="hog"):
    r = F._RawTrack(shot)
    for t in times:
        r.times.append(t)
        r.boxes.append((0.1, 0.1, 0.3, 0.4))
        r.scores.append(1.0)
        r.vectors.append(vec + np.float32(0.01) * np.float32(t % 3))
        r.reach.append(0.5)
    r.crop, r.best_area = np.full((128, 128, 3), 7, np.uint8), area
    return r


def test_face_times_sample_first_middle_last_and_every_few_seconds_with_a_thorough_frame_each():
    shots = [Shot(0, 0.0, 0.4), Shot(1, 0.4, 10.4), Shot(2, 10.4, 40.4), Shot(3, 40.4, 41.6)]
    o = F.FaceOptions()
    times = F.face_times(shots, o)
    assert {s for _, s, _ in times} == {0, 1, 2, 3}
    assert all(shots[s].start <= t < shots[s].end for t, s, _ in times)
    per_shot = {s: sum(th for _, x, th in times if x == s) for s in (0, 1, 2, 3)}
    assert per_shot == {0: 1, 1: 2, 2: 4, 3: 1}
    at = {s: [t for t, x, _ in times if x == s] for s in (0, 1, 2, 3)}
    assert at[0] == [0.2]  # a very short shot: its middle alone
    for s in (1, 2, 3):  # first, middle and last, and never more than `every` apart
        sh = shots[s]
        pad = min(o.edge, sh.duration / 10)
        assert at[s][0] == pytest.approx(sh.start + pad, abs=1e-3) and at[s][-1] == pytest.approx(sh.end - pad, abs=1e-3)
        assert any(abs(t - (sh.start + sh.end) / 2) < 1e-3 for t in at[s])
        assert max(b - a for a, b in zip(at[s], at[s][1:])) <= o.every + 1e-9
    assert len(at[3]) == 3 and len(at[1]) == 5 and len(at[2]) == 11  # ~1/3 of one a second


def test_tracking_follows_identity_not_position():
    hit = lambda v, x: FaceHit((x, 0, x + 40, 40), 1.0, v, "hog")  # noqa: E731
    frames = [(0.5, [hit(A, 0), hit(B, 200)]), (1.5, [hit(B, 10), hit(A, 210)]), (2.5, [hit(A, 100)])]
    tracks = F.track_shot(frames, 0.6)
    assert sorted(len(t) for t in tracks) == [2, 3]
    assert all(np.allclose(h.vector, tr[0][1].vector) for tr in tracks for _, h in tr)


def test_build_people_clusters_tracks_orders_by_screen_time_and_drops_noise():
    shots = [Shot(i, 10.0 * i, 10.0 * (i + 1)) for i in range(4)]
    raws = [_raw(0, [1, 2, 3], A), _raw(1, [11, 12, 13, 14, 15, 16, 17], B, area=400),
            _raw(2, [25], NOISE), _raw(3, [31, 32], A, area=900)]
    got = F.build_people(raws, shots)
    assert [p.id for p in got.people] == [1, 2]
    b, a = got.people
    assert b.shots == (1,) and a.shots == (0, 3)
    assert b.screen_time == pytest.approx(7.0) and a.screen_time == pytest.approx(5.0)
    assert got.tracks[2].person == 0 and got.faces[-3].person == 0  # seen once: noise
    assert got.vectors.shape == (len(got.faces), 128) and got.crops.shape == (2, 128, 128, 3)
    assert got.faces[a.face].shot == 3  # the biggest face of the person
    assert np.linalg.norm(np.asarray(a.centroid) - A) < 0.2
    assert F.build_people([], shots).people == []


def _at(d: float, base=A, axis: int = 3) -> np.ndarray:
    """A vector ``d`` away from ``base`` (along a fresh axis)."""
    return (base + np.float32(d) * np.eye(128, dtype=np.float32)[axis]).astype(np.float32)


def test_two_well_seen_look_alikes_stay_two_people():
    """Gallery (dev): two animated faces, 4 and 5 frames each, track means 0.536 apart,
    were one person at dlib's 0.6; averaged vectors join only below ``core_match``."""
    shots = [Shot(0, 0.0, 10.0), Shot(1, 10.0, 20.0)]
    raws = [_raw(0, [1, 3, 5, 7], A), _raw(1, [11, 13, 15, 17, 19], _at(0.54))]
    got = F.build_people(raws, shots)
    assert len(got.people) == 2 and {t.person for t in got.tracks} == {1, 2}


def test_a_hard_pose_seen_once_joins_its_nearest_person_only_when_clearly_nearest():
    """Gallery (dev): the cameraman's close-up, found on one frame, is 0.628 from his
    wide shot and >= 0.73 from anyone else: it is his (once it was dropped as noise)."""
    shots = [Shot(i, 10.0 * i, 10.0 * (i + 1)) for i in range(4)]
    far = _at(1.0, A, 5)
    close_up = _raw(2, [25], _at(0.63))
    got = F.build_people([_raw(0, [1, 3, 5], A), _raw(1, [11, 13, 15], far), close_up], shots)
    assert got.tracks[2].person == got.tracks[0].person != got.tracks[1].person
    # equally near two people: nobody's, and seen once it is noise
    between = (A + far) / 2
    assert np.linalg.norm(between - A) < 0.65
    got = F.build_people([_raw(0, [1, 3, 5], A), _raw(1, [11, 13, 15], far), _raw(2, [25], between)], shots)
    assert got.tracks[2].person == 0 and len(got.people) == 2


def test_faces_seen_on_the_same_frame_are_never_one_person():
    shots = [Shot(0, 0.0, 10.0)]
    got = F.build_people([_raw(0, [1, 3, 5], A), _raw(0, [1, 3, 5], _at(0.3))], shots)
    assert len(got.people) == 2
    got = F.build_people([_raw(0, [1, 3, 5], A), _raw(0, [6, 8], _at(0.3))], shots)
    assert len(got.people) == 1  # one after the other in a shot: the same face, tracked twice


@pytest.mark.slow
def test_real_faces_on_the_dev_film(dev_home, dev_truth):
    """Another film than the sample: Grace Hopper in scenes 1 and 7 (portrait, then a
    close-up), the footballer in scene 3; two people, each pure and nearly all found."""
    from cutbot.indexers.intervals import length, overlap

    index = load_index(ROOT / "examples" / "dev_film.mp4", home=dev_home)
    truth: dict[str, list] = {}
    for s in dev_truth["scenes"]:
        for p in s["people"]:
            truth.setdefault(p, []).append((s["start"], s["end"]))
    assert len(index.people) == len(truth) == 2
    for who, spans in truth.items():
        best = max(index.people, key=lambda p: overlap(_spans(index, p.id), spans))
        mine = _spans(index, best.id)
        assert overlap(mine, spans) >= 0.8 * length(spans) and overlap(mine, spans) >= 0.95 * length(mine), who


def _spans(index, pid):
    return [(t.start, t.end) for t in index.face_tracks if t.person == pid]


class FakeFaces:
    """Person A on screen in the first half of the clip, B after; no model, no dlib."""

    name, dim = "fake-faces", 128

    def __init__(self, split):
        self.split, self.calls = split, 0

    def analyze(self, image, thorough=False):
        self.calls += 1
        assert image.dtype == np.uint8 and image.ndim == 3
        h, w = image.shape[:2]
        vec = A if float(image.mean()) >= 0 and self.calls <= self.split else B
        return [FaceHit((w // 4, h // 4, w // 2, h // 2), 1.0, vec, "hog")]


@pytest.fixture(scope="module")
def blank_film(tmp_path_factory):
    """4 s of a synthetic test pattern with a tone: nobody on screen."""
    path = tmp_path_factory.mktemp("blank") / "blank.mp4"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=duration=4:size=320x240:rate=25",
                    "-f", "lavfi", "-i", "sine=duration=4", "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", str(path)], check=True)
    return path


def test_index_faces_in_process_with_a_fake(blank_film):
    info = probe(blank_film)
    shots = [Shot(0, 0.0, 2.0), Shot(1, 2.0, info.duration)]
    fake = FakeFaces(split=3)
    seen = []
    got = F.index_faces(info, shots, fake, progress=lambda *a: seen.append(a))
    assert fake.calls == got.frames == 6 and seen[-1][0] == "faces"  # first, middle, last of each
    assert [p.shots for p in got.people] == [(0,), (1,)]
    assert got.people[0].screen_time == pytest.approx(2.0, abs=0.01)
    assert got.crops.dtype == np.uint8 and got.crops.shape[0] == 2


class _Visual:
    name, dim = "fake-visual", 4

    def embed_images(self, images):
        return VisualEmbedding(np.tile(np.eye(4, dtype=np.float32)[:1], (len(images), 1)), [() for _ in images])

    def embed_queries(self, texts):
        return np.tile(np.eye(4, dtype=np.float32)[:1], (len(texts), 1))


class _Speech:
    name = "fake-speech"

    def transcribe(self, audio, progress=None):
        return []


class _Text:
    name, dim = "fake-text", 4

    def embed(self, texts):
        return np.zeros((len(texts), 4), np.float32)


def test_real_dlib_on_a_film_with_no_faces_indexes_fine_and_round_trips(blank_film, tmp_path):
    pytest.importorskip("dlib")
    from cutbot.agent.people import contact_sheet
    from cutbot.indexers import index_film

    idx = index_film(blank_film, visual=_Visual(), speech=_Speech(), text=_Text())
    assert idx.faces_indexed and idx.people == [] and idx.faces == []
    assert idx.timings["faces"] > 0
    again = load_index(blank_film)
    assert again.faces_indexed and again.people == [] and again.face_vectors.shape == (0, 128)
    man = json.loads((idx.root / "manifest.json").read_text())
    assert man["stages"]["faces"]["key"].startswith(F.FACES_VERSION) and man["backends"]["faces"] == "dlib"
    sheet = contact_sheet(again, tmp_path / "nobody.png")
    assert sheet.is_file() and sheet.stat().st_size > 0
    # Reuse: nothing re-runs, faces included.
    assert index_film(blank_film, visual=_Visual(), speech=_Speech(), text=_Text()).root == idx.root


def test_faces_off_and_the_registry(blank_film, monkeypatch):
    from cutbot.indexers import index_film

    idx = index_film(blank_film, visual=_Visual(), speech=_Speech(), text=_Text(), faces=False)
    assert not idx.faces_indexed and idx.people == []
    assert any(m.role == "faces" and m.name == "dlib" for m in models.list_models())
    monkeypatch.setattr(models, "_offline_folder", lambda spec: None)
    models.clear_cache()
    with pytest.raises(ModelUnavailable, match="pip install face-recognition-models"):
        models.get_face_analyzer("dlib")
    with pytest.raises(ModelUnavailable, match="unknown faces model"):
        models.get_face_analyzer("nope")


def test_contact_sheet_png(tmp_path):
    from PIL import Image

    crops = np.random.default_rng(0).integers(0, 255, (5, 128, 128, 3), dtype=np.uint8)
    path = F.write_contact_sheet(crops, [(f"{i}. person {i}", "12 s") for i in range(1, 6)], tmp_path / "s.png")
    img = Image.open(path)
    assert img.format == "PNG" and img.size == (4 * 160, 2 * 200)
    assert not list(tmp_path.glob(".*tmp"))


@pytest.mark.slow
def test_real_faces_on_the_sample_film(sample_film, sample_truth):
    """Eileen Collins (scenes 3, 10) and the cameraman (scenes 6, 12): two pure people."""
    pytest.importorskip("dlib")
    truth = json.loads((sample_film.parent / "sample_film.people.json").read_text())
    shots = [Shot(i, s["start"], s["end"]) for i, s in enumerate(sample_truth["scenes"])]
    got = F.index_faces(probe(sample_film), shots, partial(models.get_face_analyzer, "dlib"))
    found = {tuple(s + 1 for s in p.shots) for p in got.people}
    assert found == {tuple(v["scenes"]) for v in truth["people"].values()}
    for p in got.people:
        assert p.screen_time >= 10.0
    wanted = {sc for v in truth["people"].values() for sc in v["scenes"]}
    assert {f.shot + 1 for f in got.faces if f.person} <= wanted


def test_average_linkage_matches_scipy_and_scales_to_a_feature_film():
    """Without faces seen together it is plain average linkage (scipy's, cut at the same
    distance); 2,000 tracks (a feature film) cluster in seconds."""
    import time

    from scipy.cluster.hierarchy import fcluster, linkage

    from cutbot.indexers.identity import _average_link

    rng = np.random.default_rng(7)
    centres = rng.normal(size=(12, 128)) * 0.08
    means = (centres[rng.integers(0, 12, 150)] + rng.normal(size=(150, 128)) * 0.02)
    free = np.zeros((150, 150), bool)
    mine = _average_link(means, [[k] for k in range(150)], free, 0.6)
    ref = fcluster(linkage(means, method="average"), t=0.6, criterion="distance")
    assert sorted(sorted(g) for g in mine) == sorted(sorted(np.flatnonzero(ref == c).tolist()) for c in set(ref))
    big = rng.normal(size=(2000, 128)) * 0.05
    t = time.perf_counter()
    _average_link(big, [[k] for k in range(2000)], np.zeros((2000, 2000), bool), 0.6)
    assert time.perf_counter() - t < 60
