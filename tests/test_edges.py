"""Clean edges: shot and sentence snapping, moments, padding, merging, and exclusions
that stay out after padding and merging. No edge may ever fall inside a spoken word."""
from __future__ import annotations

import numpy as np
import pytest

from cutbot.agent.edges import CUT_SNAP, MOMENT_MIN, Piece, Words, merge, scenes_of, subtract
from cutbot.agent.evaluate import overlap
from cutbot.agent.plan import Duration, Query

from fakes import WordHashEmbedder, make_index, run_plan, words_of

# The weather sentence runs over the cut at 10 s, which falls inside one of its words.
SCENES = [(0, 10, "cat chair"), (10, 20, "tree garden"), (20, 30, "coffee cup"),
          (30, 40, "cat window"), (40, 40.6, "black frame"), (40.6, 50, "cat sofa"),
          (50, 60, "boat river"), (60, 70, "bicycle street"), (70, 80, "piano room")]
SENTENCES = [(8.1, 12.6, "tomorrow the weather brings heavy rain to the city"),
             (22, 25, "a hot cup of coffee"), (51, 54, "row row row your boat"),
             (61.2, 64.2, "the next train is late again")]


@pytest.fixture()
def index():
    return make_index(SCENES, SENTENCES)


def spans(cut):
    return [(s.start, s.end) for s in cut.segments]


def assert_no_cut_inside_a_word(cut, index):
    """No edge inside a word, except at a shot cut that a line's first word starts (or its
    last word ends) less than CUT_SNAP across: there the shot edge wins."""
    cuts = {round(s.start, 6) for s in index.shots}
    edge_words = {(s.words[0].start, s.words[0].end, "head") for s in index.sentences if s.words}
    edge_words |= {(s.words[-1].start, s.words[-1].end, "tail") for s in index.sentences if s.words}
    for t in (x for s in cut.segments for x in (s.start, s.end)):
        for a, b in words_of(index):
            snapped = round(t, 6) in cuts and ((a, b, "head") in edge_words and t - a < CUT_SNAP
                                               or (a, b, "tail") in edge_words and b - t < CUT_SNAP)
            assert snapped or not (a + 1e-3 < t < b - 1e-3), f"edge {t} cuts the word {a}-{b}"


def test_the_fixture_really_puts_a_cut_inside_a_word(index):
    assert Words(index.sentences).inside(10.0) is not None


def test_visual_pick_keeps_its_shot_but_never_cuts_a_word(index):
    cut = run_plan(index, include=[Query(text="cat", modality="visual")])
    first = spans(cut)[0]
    assert first[0] == 0 and 10 < first[1] < 12.6  # to the end of the word said over the cut
    assert_no_cut_inside_a_word(cut, index)


def test_speech_pick_keeps_the_whole_sentence_across_a_cut(index):
    cut = run_plan(index, include=[Query(text="weather", modality="speech")])
    (start, end), = spans(cut)
    assert start == pytest.approx(8.1) and end == 20  # sentence start .. end of its shot


def test_sentence_over_a_cut_joins_the_shots_into_one_scene(index):
    scenes = scenes_of(index.shots, index.sentences)
    assert scenes[0] == scenes[1] and scenes[1] != scenes[2]


def test_moment_granularity_is_tight_around_the_evidence(index):
    cut = run_plan(index, include=[Query(text="weather", modality="speech")], granularity="moment")
    (start, end), = spans(cut)
    assert start == pytest.approx(8.1) and end == pytest.approx(12.6)
    idx = make_index([(0, 20, "tree"), (20, 40, "boat"), (40, 60, "house"), (60, 80, "car")])
    vec = idx.frame_vectors.copy()
    i = next(k for k, f in enumerate(idx.frames) if f.shot == 1 and f.time > 30)
    vec[i] = WordHashEmbedder().embed(["rocket"])[0]
    idx.frame_vectors = vec
    cut = run_plan(idx, include=[Query(text="rocket", modality="visual")], granularity="moment")
    (start, end), = spans(cut)
    assert 20 <= start < idx.frames[i].time < end <= 40 and MOMENT_MIN <= end - start <= 4


def test_padding_adds_context_and_stays_out_of_words(index):
    cut = run_plan(index, include=[Query(text="train", modality="speech")], granularity="moment",
                   padding=1.0)
    (start, end), = spans(cut)
    assert start == pytest.approx(60.2) and end == pytest.approx(65.2)
    assert any("padded" in r for r in cut.segments[0].reasons)
    assert_no_cut_inside_a_word(run_plan(index, include=[Query(text="cat")], padding=2.5), index)


def test_exclusion_holds_after_padding_and_merging(index):
    coffee_and_weather = [(8.1, 20), (20, 30)]
    cut = run_plan(index, include=[Query(text="cat")], exclude=[Query(text="coffee"),
                   Query(text="weather", modality="speech")], padding=3.0)
    assert overlap(spans(cut), coffee_and_weather) == 0
    assert spans(cut)[0][0] == 0 and spans(cut)[0][1] <= 8.1
    assert_no_cut_inside_a_word(cut, index)
    assert any("left out" in n for n in cut.notes)


def test_picks_a_small_gap_apart_play_as_one_segment(index):
    cut = run_plan(index, include=[Query(text="cat", modality="visual")])
    assert (30, 50) in spans(cut)  # 30-40 and 40.6-50 joined over the 0.6 s black frame
    assert "black" not in " ".join(cut.segments[1].reasons)


def test_the_gap_is_not_filled_when_it_holds_excluded_material():
    scenes = [(0, 10, "cat"), (10, 10.9, "dog"), (10.9, 20, "cat sofa"), (20, 30, "tree"),
              (30, 40, "boat"), (40, 50, "house")]
    cut = run_plan(make_index(scenes), include=[Query(text="cat")])
    assert spans(cut) == [(0, 20)]
    cut = run_plan(make_index(scenes), include=[Query(text="cat")], exclude=[Query(text="dog")])
    assert spans(cut) == [(0, 10), (10.9, 20)]


def test_subtract_and_merge_on_pieces():
    words = Words([])
    p = Piece(0, 10, 10.0, 0.5, (0,), ["x"])
    parts = subtract([p], [(2, 3), (6, 6.5)], words)
    assert [(q.start, q.end) for q in parts] == [(0, 2), (3, 6), (6.5, 10)]
    assert sum(q.value for q in parts) == pytest.approx(8.5)
    joined = merge([Piece(0, 2, 2, 1, (0,)), Piece(2.5, 4, 1.5, 1, (1,))], gap=1.0)
    assert [(q.start, q.end) for q in joined] == [(0, 4)]


@pytest.mark.parametrize("seed", range(6))
def test_random_films_never_cut_words_or_keep_excluded_material(seed):
    rng = np.random.default_rng(seed)
    cuts = np.concatenate([[0], np.sort(rng.uniform(0, 200, 24)).round(2), [200]])
    names = ["cat", "dog", "boat", "tree", "car"]
    scenes = [(float(a), float(b), str(rng.choice(names))) for a, b in zip(cuts, cuts[1:]) if b - a > 0.3]
    sents, t = [], 1.0
    while t < 190:
        n = int(rng.integers(3, 9))
        sents.append((t, t + 0.4 * n, " ".join(rng.choice(names + ["the", "a", "runs"], n))))
        t += 0.4 * n + float(rng.uniform(0.1, 6))
    idx = make_index(scenes, sents)
    banned = [(a, b) for a, b, what in scenes if what == "dog"]
    for plan in (dict(include=[Query(text="cat")], exclude=[Query(text="dog")], padding=2.0),
                 dict(include=[Query(text="boat"), Query(text="cat")], exclude=[Query(text="dog")],
                      granularity="moment", padding=1.5, duration=Duration(max=30)),
                 dict(exclude=[Query(text="dog")], duration=Duration(max=40))):
        cut = run_plan(idx, **plan)
        assert overlap(spans(cut), banned) == 0
        assert_no_cut_inside_a_word(cut, idx)
        assert plan.get("duration") is None or cut.duration <= 30 + 10 * ("include" not in plan) + 1e-6
