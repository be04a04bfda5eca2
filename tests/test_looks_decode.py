"""``moving`` read in the decode pass (issue #11/#16): the pass pairs each shot's frames as
``looks_at`` does, so a new index decodes the film once; only a shot the pass did not see
whole (a cut drawn differently, a shot past ``Motion.CAP``) and an old index read it again."""
from __future__ import annotations

import logging
import threading

import numpy as np
import pytest
from cutbot.agent.looks import LOOKS
from test_looks_motion import scene, zoomed

from cutbot.indexers import decode as D
from cutbot.indexers import looks as L
from cutbot.indexers.media import probe
from cutbot.indexers.schema import VisualEmbedding


class Flat:
    """A fake embedder: the looks are what is measured here, not the vectors."""

    name, dim = "flat", 2

    def embed_images(self, images):
        return VisualEmbedding(np.zeros((len(images), 2), np.float32), [() for _ in images])


def _pass(path):
    info = probe(path)
    return D.run_pass(info, embedder=lambda: Flat(), faces=None, report=lambda *a: None,
                      cancel=threading.Event())


def _pictures():
    img, other = scene(), scene(3)
    moved = img.copy()
    moved[60:140, 100:180] = np.roll(moved[60:140, 100:180], 25, axis=1)
    return [img, zoomed(img, 1.03, 4.0), other, moved, zoomed(moved, 1.02), other]


def test_motion_pairs_each_shot_s_frames_in_time_order_as_looks_at_does():
    """Grid pictures come without their shot and the middle comes last; a frame under
    ``MOTION_GAP`` after the previous pair's start is skipped, the shot's last is NaN."""
    p = _pictures()
    m = L.Motion()
    m.add(0.0, None, p[0])
    m.add(2.0, None, p[1])
    m.add(4.0, None, p[2])  # the next shot's, before its cut is reported
    m.add(2.5, 0, p[3])  # shot 0's middle: 0.5 s after 2.0, so skipped
    m.close(0, 0.0, 3.9)
    m.add(6.0, None, p[4])
    m.close(1, 3.9, 8.0)
    wanted = [(0.0, 0), (2.0, 0), (2.5, 0), (4.0, 1), (6.0, 1)]
    rows = np.full((5, len(L.LOOK_FIELDS)), np.nan, np.float32)
    assert m.fill(rows, wanted, {0: (0.0, 3.9), 1: (3.9, 8.0)}) == []
    moving = rows[:, -1]
    assert moving[0] == pytest.approx(L.moving(p[0], p[1]))
    assert np.isnan(moving[1]) and np.isnan(moving[2])  # shot 0's last pair start; the skipped middle
    assert moving[3] == pytest.approx(L.moving(p[2], p[4])) and np.isnan(moving[4])
    assert m.pending == [] and moving[0] < L.moving(p[2], p[4])  # a zoom moves less than a shifting patch


def test_a_shot_the_pass_did_not_see_whole_is_handed_back():
    p = _pictures()
    m = L.Motion()
    for k, t in enumerate((0.0, 2.0, 4.0)):
        m.add(t, None, p[k])
    m.close(0, 0.0, 6.0)
    rows = np.zeros((3, len(L.LOOK_FIELDS)), np.float32)
    wanted = [(0.0, 0), (2.0, 0), (4.0, 0)]
    assert m.fill(rows, wanted, {0: (0.0, 5.0)}) == [0, 1, 2]  # the final cut list drew it differently
    assert m.fill(rows, wanted + [(5.0, 0)], {0: (0.0, 6.0)}) == [0, 1, 2, 3]  # a frame it never had
    small = L.Motion()
    small.CAP = 2
    for k, t in enumerate((0.0, 2.0, 4.0)):
        small.add(t, None, p[k])
    small.close(0, 0.0, 6.0)  # the oldest fell out of memory
    assert small.fill(rows, wanted, {0: (0.0, 6.0)}) == [0, 1, 2]


def test_complete_keeps_the_pass_s_looks_and_reads_an_old_index_s_off_the_film(monkeypatch):
    calls = []
    monkeypatch.setattr(L, "looks_at", lambda path, times, shots: calls.append(times) or np.ones((len(times), 7)))
    mine = np.full((2, len(L.LOOK_FIELDS)), np.nan, np.float32)  # every shot one frame: NaN, still the pass's
    assert L.complete(mine, "film.mp4", [1.0, 3.0], [0, 1]) is mine and not calls
    assert L.complete(None, "film.mp4", [1.0, 3.0], [0, 1]).shape == (2, 7) and calls == [[1.0, 3.0]]


def _same(a: np.ndarray, b: np.ndarray) -> None:
    assert (np.isnan(a) == np.isnan(b)).all()
    ok = ~np.isnan(a)
    assert np.allclose(a[ok], b[ok], atol=0.2)


def test_the_pass_reads_moving_once_as_looks_at_would(sample_film, monkeypatch):
    """Real decoding of the sample film (stills under zooms, footage, animation): ``moving`` from the one pass, no second decode, and the
    values ``looks_at`` reads off the film (a shot's middle picture comes from the pass's
    thinned buffer, a frame or two off: near-identical there, identical elsewhere)."""
    real = L.looks_at
    monkeypatch.setattr(L, "looks_at", lambda *a, **k: pytest.fail("the film was decoded again"))
    got = _pass(sample_film)
    assert got.frames_error is None and not np.isnan(got.looks[:, -1]).all()
    ref = real(sample_film, [f.time for f in got.frames], [f.shot for f in got.frames])
    _same(got.looks[:, -1], ref[:, -1])
    shot = np.array([f.shot for f in got.frames])
    for s in set(shot.tolist()):  # the look each shot gets: still or moving, the same either way
        a, b = got.looks[shot == s, -1], ref[shot == s, -1]
        if not np.isnan(a).all():
            assert (np.nanmedian(a) >= LOOKS.moving) == (np.nanmedian(b) >= LOOKS.moving)
    grid = set(D.grid_times(probe(sample_film).usable_duration))
    pairs = [i for i in range(len(got.frames) - 1) if {got.frames[i].time, got.frames[i + 1].time} <= grid]
    assert pairs and np.allclose(got.looks[pairs, -1], ref[pairs, -1], equal_nan=True, atol=1e-6)


def test_cuts_the_pass_drew_differently_read_their_moving_again(bikes, bogus_first_cut, caplog):
    with caplog.at_level(logging.INFO, logger="cutbot.indexers.decode"):
        got = _pass(bikes)
    assert "motion of" in caplog.text and got.frames_error is None
    ref = L.looks_at(bikes, [f.time for f in got.frames], [f.shot for f in got.frames])
    _same(got.looks[:, -1], ref[:, -1])
