"""The single decode pass: same shots, pictures and face frames as the stand-alone stages,
bounded memory for the open shot, and the repair path when online cuts disagree."""
from __future__ import annotations

import logging
import threading
from types import SimpleNamespace

import numpy as np
import pytest

from cutbot.indexers import decode as D
from cutbot.indexers import faces as F
from cutbot.indexers.media import probe
from cutbot.indexers.sampling import iter_frames
from cutbot.indexers.schema import FaceHit, VisualEmbedding
from cutbot.indexers.shots import detect_shots


class MeanVisual:
    """A fake embedder whose vector is the picture's mean colour: pixels can be compared."""

    name, dim = "mean-visual", 3

    def __init__(self):
        self.sizes = []

    def embed_images(self, images):
        self.sizes += [im.shape for im in images]
        return VisualEmbedding(np.asarray([im.reshape(-1, 3).mean(0) for im in images], np.float32),
                               [() for _ in images])


class SeenFaces:
    """A fake face analyzer: one face per frame, its vector the frame's mean colour."""

    name, dim = "seen-faces", 128

    def __init__(self):
        self.calls = 0

    def analyze(self, image, thorough=False):
        self.calls += 1
        h, w = image.shape[:2]
        vec = np.zeros(128, np.float32)
        vec[:3] = image.reshape(-1, 3).mean(0) / 255
        return [FaceHit((w // 4, h // 4, w // 2, h // 2), 2.0, vec, "hog")]


def _pass(info, visual, faces_an):
    cancel = threading.Event()
    feed = D.FaceFeed(info, faces_an, F.FaceOptions(), lambda *a: None, cancel) if faces_an else None
    return D.run_pass(info, embedder=(lambda: visual) if visual else None, faces=feed,
                      report=lambda *a: None, cancel=cancel)


def test_open_shot_buffer_stays_bounded_and_splits_at_cuts():
    buf = D._Open(cap=8)
    for n in range(1000):  # a 40 s shot at 25 fps
        buf.add(n / 25, n, n)
        assert len(buf.items) <= 8
    assert buf.items[0][1] == 0 and buf.items[-1][1] > 800 and buf.all()[-1][1] == 999  # the whole shot
    done = buf.split(20.0, 0.01)
    assert done and all(t < 20.0 for t, _, _ in done) and all(t >= 20.0 for t, _, _ in buf.items)
    assert D.shown_at(done, 10.0, 0.01) == max(n for t, n, _ in done if t <= 10.0)


def test_one_pass_gives_the_stand_alone_shots_pictures_and_face_frames(bikes):
    info = probe(bikes)
    visual, faces_an = MeanVisual(), SeenFaces()
    got = _pass(info, visual, faces_an)
    assert got.frames_error is None and got.faces_error is None
    assert [(s.start, s.end) for s in got.shots] == [(s.start, s.end) for s in detect_shots(bikes, info=info)]
    assert len(got.shots) > 1
    wanted = D.frame_times(got.shots, info.usable_duration)
    assert [(f.time, f.shot) for f in got.frames] == wanted
    assert all(max(s[:2]) <= 384 for s in visual.sizes)
    # the very pictures the old seek-and-decode sampler gives
    old = np.asarray([img.reshape(-1, 3).mean(0) for _, img in iter_frames(bikes, [t for t, _ in wanted])])
    assert np.allclose(got.vectors, old, atol=1.0)
    assert faces_an.calls == got.faces.frames == len(F.face_times(got.shots))
    assert {p for p in got.faces.people} and got.decoded >= 240  # every frame decoded once


def test_cuts_the_pass_drew_differently_are_repaired(bikes, bogus_first_cut, caplog):
    """A cut reported online that the final list lacks: those shots' pictures and faces are
    decoded again, and the result is what the stand-alone stages give."""
    info = probe(bikes)
    faces_an = SeenFaces()
    with caplog.at_level(logging.INFO, logger="cutbot.indexers.decode"):
        got = _pass(info, MeanVisual(), faces_an)
    assert "decoded again" in caplog.text
    assert [(f.time, f.shot) for f in got.frames] == D.frame_times(got.shots, info.usable_duration)
    kept = {r for r in got.faces.tracks}
    assert kept and {t.shot for t in got.faces.tracks} == {s.index for s in got.shots}


def test_pictures_off_and_a_failing_embedder_leave_shots_and_faces(bikes):
    info = probe(bikes)

    class Broken(MeanVisual):
        def embed_images(self, images):
            raise RuntimeError("visual model crashed")

    got = _pass(info, Broken(), SeenFaces())
    assert isinstance(got.frames_error, RuntimeError) and got.frames is None
    assert got.shots and got.faces is not None and got.faces.frames > 0
    bare = _pass(info, None, None)
    assert bare.shots == got.shots and bare.frames is None and bare.faces is None


def test_mmod_looks_again_only_where_hog_saw_something_face_like():
    """The CNN (8x HOG's cost) runs on a thorough frame only when HOG, asked for weak
    responses too, saw a face-like one; detections themselves stay HOG's scores >= 0."""
    from dataclasses import replace

    rect = SimpleNamespace(left=lambda: 10, top=lambda: 10, right=lambda: 60, bottom=lambda: 60)
    asked, mmod_calls = [], []

    def hog(scores):
        def run(img, upsample, threshold):
            asked.append(threshold)
            kept = [s for s in scores if s >= threshold]
            return [rect] * len(kept), kept, [0] * len(kept)
        return SimpleNamespace(run=run)

    an = object.__new__(F.DlibFaceAnalyzer)
    an._mmod = lambda img, up: mmod_calls.append(img.shape) or []
    an._shape = lambda img, r: None
    an._rec = SimpleNamespace(compute_face_descriptor=lambda img, shape: np.zeros(128))
    an._rect = lambda *box: box
    an.options = F.FaceOptions()
    image = np.zeros((360, 640, 3), np.uint8)

    an._hog = hog([])  # nothing face-like at all: no CNN
    assert an.analyze(image, thorough=True) == [] and mmod_calls == []
    an._hog = hog([-0.5])  # a weak response: the CNN looks again, the weak one is no face
    assert an.analyze(image, thorough=True) == [] and len(mmod_calls) == 1
    an._hog = hog([-0.5, 0.7])  # a face: no second look, only the real detection kept
    hits = an.analyze(image, thorough=True)
    assert [h.score for h in hits] == [0.7] and len(mmod_calls) == 1
    assert an.analyze(image, thorough=False) and len(mmod_calls) == 1
    assert set(asked) == {F.FaceOptions().evidence}
    an.options, an._hog = replace(F.FaceOptions(), evidence=None), hog([])  # None: always look again
    assert an.analyze(image, thorough=True) == [] and len(mmod_calls) == 2 and asked[-1] == 0.0
