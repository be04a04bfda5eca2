"""Voice clusters (indexers/voices.cluster): sure signatures first, short noisy lines join the
nearest sure voice within ``attach``, and what is far from every voice stays apart."""
from __future__ import annotations

import numpy as np

from cutbot.indexers.voices import VoiceOptions, cluster


def _sigs():
    a, b = np.zeros(4), np.array([3.0, 0, 0, 0])  # two voices far apart
    rows = [a, a + [0.1, 0, 0, 0], b, b + [0, 0.1, 0, 0],
            a + [0, 0.7, 0, 0],  # a short line of voice A, noisy: 0.7 from A's lines (threshold 0.6)
            np.array([0, 0, 5.0, 0])]  # a short line of nobody above (a recorded sat-nav)
    return np.array(rows, np.float32)


def test_a_short_line_joins_the_nearest_sure_voice_and_a_stranger_stays_apart():
    sig, ok, starts = _sigs(), np.ones(6, bool), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    sure = np.array([True, True, True, True, False, False])
    opts = VoiceOptions()
    ids = cluster(sig, ok, starts, opts.threshold, sure, opts.attach)
    assert ids.tolist() == [0, 0, 1, 1, 0, 2]
    plain = cluster(sig, ok, starts, opts.threshold)  # every line alike: the short one splits off
    assert plain[4] not in (plain[0], plain[2]) and plain[5] not in plain[:5]


def test_without_sure_lines_every_line_is_clustered_alike_and_unsigned_ones_take_a_neighbour():
    sig, starts = _sigs(), [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    ok = np.array([True, True, True, True, True, False])
    ids = cluster(sig, ok, starts, 0.6, np.zeros(6, bool), 0.75)
    assert ids[0] == ids[1] != ids[2] == ids[3] and ids[5] == ids[4]  # the unsigned line: its neighbour's
