"""Voice clusters (indexers/voices.cluster): sure signatures first, short noisy lines join the
nearest sure voice within ``attach``, and what is far from every voice stays apart."""
from __future__ import annotations

import numpy as np

from cutbot.indexers.voices import Signatures, VoiceOptions, assign, cluster, find_voices, speaker_space


def _sigs():
    """In units of the threshold: two voices far apart, a noisy short line of voice A between
    the threshold and ``attach`` from A's lines, and a short line of nobody (a recorded sat-nav)."""
    opts = VoiceOptions()
    u, noisy = opts.threshold, (opts.threshold + opts.attach) / 2
    a, b = np.zeros(4), np.array([5 * u, 0, 0, 0])
    rows = [a, a + [0.1 * u, 0, 0, 0], b, b + [0, 0.1 * u, 0, 0], a + [0, noisy, 0, 0], np.array([0, 0, 8 * u, 0])]
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
    opts = VoiceOptions()
    ids = cluster(sig, ok, starts, opts.threshold, np.zeros(6, bool), opts.attach)
    assert ids[0] == ids[1] != ids[2] == ids[3] and ids[5] == ids[4]  # the unsigned line: its neighbour's


def _film(offsets, rng, n=200):
    """Signatures of toy sentences: each one's frames spread 1 on dim 0 and 50 on dim 1 (a loud
    wording dimension), its mean shifted on dim 0 by ``offsets``."""
    rows = []
    for off in offsets:
        x = rng.standard_normal((n, 2)) * [1.0, 50.0] + [off, 0.0]
        m, h = x.mean(0), n // 2
        rows.append((m, (x[:h].mean(0) - x[h:].mean(0)) / 2, (x - m).T @ (x - m)))
    k = len(offsets)
    return Signatures(np.array([r[0] for r in rows]), np.array([r[1] for r in rows]), np.array([r[2] for r in rows]),
                      np.full(k, 110.0, np.float32), np.ones(k, bool), np.full(k, n))


def test_the_speaker_direction_is_learnt_from_within_sentence_spread_and_wording_is_dropped():
    rng = np.random.default_rng(3)
    sig = _film([0, 3, 0, 3, 0, 3, 3, 0], rng)  # two people, 3 within-sentence spreads apart
    proj, ratios, null = speaker_space(sig, VoiceOptions().speaker_margin)
    assert proj.shape == (2, 1) and ratios[0] > 1 > 0.1 > null  # dim 0 only: dim 1 is wording
    assert abs(proj[1, 0]) < 0.1 * abs(proj[0, 0])
    assert assign(sig, list(range(8))).tolist() == [0, 1, 0, 1, 0, 1, 1, 0]
    # the raw means: dim 1's wording noise (50 / sqrt(200) = 3.5) swamps the speaker difference
    assert np.std(sig.mean[:, 1]) > np.std(sig.mean[:, 0])


def test_one_voice_has_no_speaker_direction_however_few_its_sentences():
    rng = np.random.default_rng(4)
    for k in (3, 6, 12):
        sig = _film([0.0] * k, rng)
        proj, ratios, null = speaker_space(sig, VoiceOptions().speaker_margin)
        assert proj.shape == (2, 0), (k, ratios, null)
        assert set(assign(sig, list(range(k))).tolist()) == {0}
    one = _film([0.0], rng)  # one sentence: nothing to learn
    assert speaker_space(one, 1.5)[0].shape == (2, 0) and assign(one, [0.0]).tolist() == [0]


def test_two_voices_of_one_pitch_are_told_apart_by_timbre():
    from test_voices import _dialogue

    # one pitch, resonances 80-100 Hz apart: fixed MFCC scales (voices-3) heard one voice here
    a, b = (110.0, (700.0, 1200.0)), (110.0, (620.0, 1300.0))
    audio, sents = _dialogue([(*a, 2.0), (*b, 2.0), (*a, 2.5), (*b, 1.5), (*a, 2.0), (*b, 2.5)])
    got = find_voices(audio, sents)
    assert got.voice == (0, 1, 0, 1, 0, 1)
    assert abs(got.voices[0].pitch - got.voices[1].pitch) < 5
