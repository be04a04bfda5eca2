"""Passage retrieval over the transcript (agent/passages.py, issue #11): a found line grows into
the contiguous run of its conversation whose passages (a line with its neighbours) still carry
the topic, never past a pause that ends the stretch of talk nor across a change of topic, and
a shot's evidence spans the run it holds. Toy films written down as MiniLM readings
(tests/fakes.MeaningEmbedder), plus the sample film through the real models."""
from __future__ import annotations

import numpy as np
import pytest
from cutbot.agent import NothingMatched
from cutbot.agent.passages import PassageOptions, carried, grown, members, passage_vectors, run_span, stretches
from cutbot.agent.talk import GATE_AGAIN, GATE_OK
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from fakes import DIM, MeaningEmbedder, make_index, run_plan

# One 30 s shot of talk: a trip planned over three lines (only the first names it), a change of
# topic without a pause (a sore knee), then after a long pause a line about the trip again.
LINES = [(1.0, 3.0, "we should book the holiday soon"), (3.5, 5.5, "only if the hotel is near the beach"),
         (6.0, 8.0, "and the flights are cheaper in may"), (8.5, 10.0, "my knee hurts again"),
         (10.5, 12.0, "see a doctor then"), (16.0, 18.0, "fine, the beach it is")]
# Shot 1: other talk, so the film has a background to stand out from.
OTHER = [(31.0, 33.0, "pass the salt please"), (34.0, 36.0, "the printer is jammed"),
         (40.0, 42.0, "did you lock the door")]
# How much each text means each line (a cosine, as MiniLM would give): the holiday is named once.
MEANS = {"the holiday": [0.62, 0.20, 0.25, 0.0, 0.0, 0.10, 0.02, 0.03, 0.02],
         "the election": [0.05, 0.02, 0.04, 0.0, 0.03, 0.02, 0.04, 0.03, 0.02]}


def talk_film():
    idx = make_index([(0.0, 30.0, "a kitchen"), (30.0, 45.0, "an office")], LINES + OTHER)
    idx.sentence_vectors = np.eye(len(idx.sentences), DIM, dtype=np.float32)  # one axis per line
    return idx


def test_a_pause_ends_a_stretch_and_a_passage_stays_inside_it():
    idx = talk_film()
    run = stretches(idx.sentences)
    assert run.tolist()[:6] == [0, 0, 0, 0, 0, 1]  # 4 s before "fine, the beach it is": a new stretch
    assert stretches(idx.sentences, PassageOptions(gap=5.0)).tolist()[:6] == [0] * 6
    parts = members(idx.sentences)
    assert parts[0].tolist() == [0, 1] and parts[2].tolist() == [1, 2, 3] and parts[5].tolist() == [5]
    vecs = passage_vectors(idx.sentence_vectors, idx.sentences)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0)
    assert np.isclose(vecs[2] @ idx.sentence_vectors[1], 1 / np.sqrt(3))  # the unit mean of three lines


def test_members_read_back_the_array_neighbours_per_line():
    """``members`` is ``_neighbours`` per line: the same passages as the plain definition (its
    lines within ``reach``, in its stretch, their middles within ``span``) for every shape."""
    sents = talk_film().sentences
    for options in (PassageOptions(), PassageOptions(reach=2), PassageOptions(reach=0),
                    PassageOptions(gap=5.0, span=3.0), PassageOptions(reach=3, gap=100.0)):
        run = stretches(sents, options)
        mids = [(s.start + s.end) / 2 for s in sents]
        want = [[j for j in range(max(0, i - options.reach), min(len(sents), i + options.reach + 1))
                 if run[j] == run[i] and abs(mids[j] - mids[i]) <= options.span] for i in range(len(sents))]
        assert [m.tolist() for m in members(sents, options)] == want
    assert members([]) == []


def test_growing_stops_where_the_topic_or_the_stretch_ends():
    run = np.array([0, 0, 0, 0, 1, 1])
    carries = np.array([True, True, True, False, True, True])
    hit = np.array([False, True, False, False, False, False])
    assert grown(hit, carries, run).tolist() == [True, True, True, False, False, False]
    assert grown(np.zeros(6, bool), carries, run).tolist() == [False] * 6  # nothing found, nothing grows
    shot = np.array([0, 0, 0, 1, 1, 1])
    found = np.array([True, True, False, True, True, True])
    start, end = np.arange(6.0), np.arange(6.0) + 0.5
    assert run_span(found, shot, start, end, 1) == (0.0, 1.5)
    assert run_span(found, shot, start, end, 4) == (3.0, 5.5)  # the run stays in its shot


def test_a_found_line_returns_its_conversation_not_only_its_own_seconds():
    idx = talk_film()
    emb = MeaningEmbedder(MEANS)
    hits = Scorer(idx, emb, emb).score(Query(text="the holiday", modality="speech"))
    assert np.flatnonzero(hits.mask).tolist() == [0]
    ev = hits.evidence[0][0]
    # the booking line and the two that carry on about it; not the knee (a change of topic) nor the
    # line after the pause (its own stretch, below the relative cut)
    assert (ev.start, ev.end) == (1.0, 8.0)
    cut = run_plan(idx, emb=emb, include=[Query(text="the holiday", modality="speech")], granularity="moment")
    assert [(s.start, s.end) for s in cut.segments] == [(1.0, 8.0)]


def test_a_conversation_carried_into_the_next_shot_is_found_there_and_worth_keeping():
    idx = make_index([(0.0, 5.75, "a kitchen"), (5.75, 30.0, "the kitchen door"), (30.0, 45.0, "an office")],
                     LINES + OTHER)
    idx.sentence_vectors = np.eye(len(idx.sentences), DIM, dtype=np.float32)
    # the line over the cut says almost nothing (below the film's background: a negative z), the
    # one after it a little (so the talk leans on to the topic past it)
    emb = MeaningEmbedder({"the holiday": [0.62, 0.42, 0.03, 0.20, 0.0, 0.10, 0.08, 0.08, 0.08]})
    query = Query(text="the holiday", modality="speech")
    hits = Scorer(idx, emb, emb).score(query)
    assert np.flatnonzero(hits.mask).tolist() == [0, 1]
    ev = hits.evidence[1][0]
    assert (ev.start, ev.end) == (6.0, 8.0) and ev.z > 0  # as sure as the cut's weakest hit
    cut = run_plan(idx, emb=emb, include=[query], granularity="moment", duration={"max": 60})
    assert [(s.start, s.end) for s in cut.segments] == [(1.0, 8.0)] or \
        [(s.start, s.end) for s in cut.segments] == [(1.0, 5.5), (6.0, 8.0)]


def test_a_strong_line_does_not_drag_in_the_next_topic_where_nobody_pauses():
    idx = talk_film()
    query = Query(text="the holiday", modality="speech")
    means = [0.62, 0.0, 0.0, 0.0, 0.0, 0.10, 0.02, 0.03, 0.02]  # the next two lines are another topic
    emb = MeaningEmbedder({"the holiday": means})
    gate = np.array([GATE_OK, 0, 0, 0, 0, 0, 0, 0, 0])
    # the found line lends the next line's passage .62 / sqrt 3 = .36 (past carry), but that line
    # and the one after it, without the found line, lean nowhere near the topic
    assert passage_vectors(idx.sentence_vectors, idx.sentences)[1] @ emb.embed(["the holiday"])[0] > 0.25
    assert carried(idx.sentence_vectors, emb, idx.sentences, query, np.array(means), gate).tolist() == gate.tolist()


def test_the_last_line_before_a_pause_is_the_conversations_end_and_needs_no_lean():
    idx = talk_film()
    query = Query(text="the holiday", modality="speech")
    means = [0.0, 0.0, 0.0, 0.62, 0.0, 0.10, 0.02, 0.03, 0.02]  # "yes, two weeks" after the found line
    emb = MeaningEmbedder({"the holiday": means})
    gate = np.array([0, 0, 0, GATE_OK, 0, 0, 0, 0, 0])
    # the line after ends the stretch (a 4 s pause follows): its passage carries, nothing lies
    # beyond it to drag in; the line before leans on another topic
    assert carried(idx.sentence_vectors, emb, idx.sentences, query, np.array(means), gate).tolist() == \
        [0, 0, 0, GATE_OK, GATE_AGAIN, 0, 0, 0, 0]


def test_only_a_line_the_relative_cut_finds_grows():
    idx = talk_film()
    emb = MeaningEmbedder(MEANS)
    query = Query(text="the holiday", modality="speech")
    raw = np.array(MEANS["the holiday"])
    gate = np.array([GATE_OK, 0, 0, 0, 0, 0, 0, 0, 0])
    assert carried(idx.sentence_vectors, emb, idx.sentences, query, raw, gate).tolist() == \
        [GATE_OK, GATE_AGAIN, GATE_AGAIN, 0, 0, 0, 0, 0, 0]
    # a line kept only as the topic said again (weaker evidence) keeps its place and grows nothing
    again = np.array([0, 0, 0, 0, 0, GATE_AGAIN, 0, 0, 0])
    assert carried(idx.sentence_vectors, emb, idx.sentences, query, raw, again).tolist() == again.tolist()


def test_an_absent_topic_stays_absent():
    idx = talk_film()
    with pytest.raises(NothingMatched):
        run_plan(idx, emb=MeaningEmbedder(MEANS), include=[Query(text="the election", modality="speech")])


@pytest.mark.slow
def test_the_sample_films_topics_through_the_real_models(indexed_sample, sample_film, sample_truth):
    """Real MiniLM on the sample film: a spoken topic's hits are whole runs of its lines and stay
    inside the truth scenes of that topic (the weather narration), and passages of the index are
    unit vectors one per line."""
    from cutbot.agent.editor import Editor
    from cutbot.indexers import index_film

    index = index_film(sample_film)
    vecs = passage_vectors(index.sentence_vectors, index.sentences)
    assert vecs.shape == index.sentence_vectors.shape and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    cut = Editor(index).respond("scenes where they talk about the weather").cut
    weather = [(s["start"], s["end"]) for s in sample_truth["scenes"] if "weather" in str(s).lower()]
    assert cut.segments and weather
    for seg in cut.segments:
        assert any(min(seg.end, b) - max(seg.start, a) > 0.5 * (seg.end - seg.start) for a, b in weather)
