"""Topic segmentation of the transcript (agent/topics.py, issue #11): TextTiling over the
index's sentence vectors finds where talk that never pauses changes topic, and a found line's
conversation (passages.carried) stops there. Toy vectors, plus MiniLM on lines written down."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.agent import passages, topics
from cutbot.agent.passages import carried, stretches
from cutbot.agent.plan import Query
from cutbot.agent.talk import GATE_AGAIN, GATE_OK
from fakes import DIM, make_index


def _blocks(sizes, noise=0.15, seed=0) -> np.ndarray:
    """Unit vectors, one topic direction per block of lines, each line its topic plus noise."""
    rng = np.random.default_rng(seed)
    out = []
    for k, n in enumerate(sizes):
        topic = np.zeros(64)
        topic[k] = 1.0
        v = topic + noise * rng.standard_normal((n, 64))
        out.append(v / np.linalg.norm(v, axis=1, keepdims=True))
    return np.vstack(out).astype(np.float32)


def test_a_drop_in_coherence_between_two_topics_is_a_boundary():
    vecs = _blocks([8, 8, 8])
    scores = topics.gap_scores(vecs)
    assert len(scores) == 23
    assert scores[7] < scores[3] and scores[15] < scores[11]  # the gaps between topics are valleys
    cut = topics.boundaries(vecs)
    assert np.flatnonzero(cut).tolist() == [7, 15]  # the gap after line 7 and after line 15
    assert topics.segments(vecs).tolist() == [0] * 8 + [1] * 8 + [2] * 8


def test_one_topic_throughout_has_no_boundary_and_depth_is_measured_from_the_peaks():
    assert not topics.boundaries(_blocks([20], noise=0.05)).any()
    assert np.allclose(topics.depths(np.array([0.9, 0.5, 0.8, 0.8, 0.2, 0.9])), [0, 0.7, 0, 0, 1.3, 0])
    assert topics.boundaries(np.zeros((0, 4), np.float32)).tolist() == []
    assert topics.segments(np.zeros((0, 4), np.float32)).tolist() == []


def test_pauses_part_short_stretches_and_tiles_cut_only_a_long_one():
    vecs = _blocks([9, 9])
    run = np.zeros(18, int)
    assert topics.tiled(run, vecs).tolist() == [0] * 9 + [1] * 9  # one long pause-free stretch, two topics
    assert topics.tiled(run, vecs) is topics.tiled(run, vecs)  # the film's tiles, worked out once
    short = np.repeat(np.arange(3), 6)  # three stretches of 6 lines (pauses already part them)
    assert topics.tiled(short, vecs).tolist() == short.tolist()
    mixed = np.array([0] * 4 + [1] * 14)  # only the 14-line stretch is tiled, inside itself
    assert topics.tiled(mixed, vecs).tolist() == [0] * 4 + [1] * 5 + [2] * 9


def test_a_found_line_does_not_grow_into_the_next_topic_of_talk_that_never_pauses(monkeypatch):
    # 18 lines, 0.5 s apart (one stretch): a trip planned over 9 lines, then a new topic (a
    # kitchen) over 9. Every line's passage means the trip a little (a generous embedding),
    # so only the change of topic stops the found line's conversation.
    lines = [(2.0 * k, 2.0 * k + 1.5, f"line {k}") for k in range(18)]
    idx = make_index([(0.0, 40.0, "a room")], lines)
    vecs = np.zeros((18, DIM), np.float32)
    vecs[:, :64] = _blocks([9, 9], noise=0.1)
    idx.sentence_vectors = vecs
    assert stretches(idx.sentences).tolist() == [0] * 18
    trip = np.zeros(DIM, np.float32)
    trip[0], trip[1] = 0.8, 0.6  # the trip, and a little of the kitchen talk (a generous reading)
    trip /= np.linalg.norm(trip)
    raw = vecs @ trip
    assert (raw[9:] > 0.25).all()  # every kitchen line's passage would carry the trip
    gate = np.zeros(18, np.int8)
    gate[4], raw[4] = GATE_OK, 1.0  # one sure line in the middle of the trip talk
    out = carried(vecs, _Fixed(trip), idx.sentences, Query(text="the trip", modality="speech"), raw, gate)
    assert out[4] == GATE_OK and (out[:9] == GATE_AGAIN).sum() == 8  # the trip's conversation
    assert not out[9:].any()  # never into the kitchen talk
    monkeypatch.setattr(passages, "tiled", lambda run, vectors: run)  # without the topics' boundaries
    again = carried(vecs, _Fixed(trip), idx.sentences, Query(text="the trip", modality="speech"), raw, gate)
    assert again[9:].any()  # the generous reading alone would drag the kitchen in


class _Fixed:
    """A text embedder that reads every text as one vector (the topic and its talk form alike)."""

    def __init__(self, v: np.ndarray):
        self.v = v

    def embed(self, texts):
        return np.vstack([self.v for _ in texts])


@pytest.mark.slow
def test_minilm_tiles_a_pause_free_conversation_where_its_topic_changes():
    from cutbot.indexers.models import get_text_embedder

    cooking = ["so I started with the onions in butter", "then you add the garlic and the rice",
               "stir in the stock a ladle at a time", "the risotto needs twenty minutes of stirring",
               "finish it with parmesan and a little lemon", "and let the pan rest before serving",
               "my nan always added white wine to the rice", "the trick is to keep the stock hot"]
    football = ["did you see the match last night", "the keeper saved a penalty in the final minute",
                "their striker has scored in every game", "the referee gave two red cards",
                "we are top of the league now", "the away fans sang the whole second half",
                "the manager changed the formation at half time", "the new signing plays on the wing"]
    vecs = get_text_embedder().embed(cooking + football)
    segs = topics.tiled(np.zeros(16, int), vecs)
    assert segs[0] != segs[-1]  # the talk is not one topic
    assert segs[6] != segs[9]  # a boundary within a line of the change (after "my nan ...")
    assert len(set(segs.tolist())) <= 4  # and not a boundary at every turn
