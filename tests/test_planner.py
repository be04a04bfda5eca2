"""Planner and search on hand-made indexes: threshold, exclusion, budget, order."""
from __future__ import annotations

import numpy as np
import pytest

from cutbot.agent.plan import ConstraintPlan, Duration, Query, TimeWindow
from cutbot.agent.planner import plan_cut
from cutbot.agent.search import Scorer, select
from cutbot.agent import NothingMatched, PlanError

from fakes import WordHashEmbedder, make_index

SCENES = [(0, 10, "cat chair"), (10, 20, "coffee cup"), (20, 30, "rocket launch"),
          (30, 40, "cat window"), (40, 50, "bicycle street"), (50, 60, "coffee table"),
          (60, 70, "tree garden"), (70, 80, "boat river")]
SENTENCES = [(12, 15, "tomorrow the weather brings heavy rain"),
             (42, 46, "the train leaves the station at nine"),
             (72, 75, "my soup recipe needs tomatoes")]


@pytest.fixture()
def index():
    return make_index(SCENES, SENTENCES)


def run(index, **plan):
    emb = WordHashEmbedder()
    return plan_cut(ConstraintPlan(**plan), index, "test", Scorer(index, emb, emb))


def spans(cut):
    return [(s.start, s.end) for s in cut.segments]


def test_visual_query_keeps_every_scene_showing_it(index):
    cut = run(index, include=[Query(text="cat", modality="visual")])
    assert spans(cut) == [(0, 10), (30, 40)]
    assert all(any("visual" in r and "cat" in r for r in s.reasons) for s in cut.segments)


def test_speech_query_uses_the_transcript(index):
    cut = run(index, include=[Query(text="weather", modality="speech")])
    assert spans(cut) == [(10, 20)]
    assert "rain" in cut.segments[0].reasons[0]


def test_query_with_no_evidence_matches_nothing(index):
    with pytest.raises(NothingMatched, match="dinosaur"):
        run(index, include=[Query(text="dinosaur")])


def test_a_minimum_longer_than_the_film_or_its_window_is_refused_in_one_line(index):
    with pytest.raises(PlanError, match="at least 2:00 asked, but the film is only 1:20 long"):
        run(index, duration=Duration(min=120))
    with pytest.raises(PlanError, match="the part of the film asked for is only 0:20 long"):
        run(index, duration=Duration(min=30), window=TimeWindow(start=0, end=20))
    assert spans(run(index, duration=Duration(min=80))) == [(0, 80)]  # the whole film meets it


def test_exclusion_removes_shots_from_whole_film(index):
    cut = run(index, exclude=[Query(text="coffee")])
    kept = spans(cut)
    assert (0, 10) in kept or kept[0][0] == 0
    for start, end in kept:
        assert not (start < 20 and end > 10) and not (start < 60 and end > 50)
    assert any("coffee" in n for n in cut.notes)


def test_budget_keeps_best_whole_shots_and_says_what_was_dropped(index):
    cut = run(index, include=[Query(text="cat"), Query(text="coffee", weight=0.5)],
              duration=Duration(max=25))
    assert cut.duration <= 25 + 1e-6
    assert any(a <= 0 and b >= 10 for a, b in spans(cut))
    assert any(a <= 30 and b >= 40 for a, b in spans(cut))
    assert any("dropped" in n for n in cut.notes)


def test_budget_smaller_than_a_shot_trims_around_the_evidence(index):
    cut = run(index, include=[Query(text="weather", modality="speech")], duration=Duration(max=4))
    (start, end), = spans(cut)
    assert end - start == pytest.approx(4)
    assert 10 <= start <= 12 and 15 <= end <= 20  # the sentence 12-15 s stays inside


def test_no_subject_budget_shrinks_the_whole_film_evenly(index):
    cut = run(index, duration=Duration(max=40))
    assert 39 <= cut.duration <= 40  # pieces end between words, never inside one
    assert cut.segments[0].start == 0 and cut.segments[-1].start >= 60


def test_window_and_reverse_order(index):
    cut = run(index, include=[Query(text="cat")], window=TimeWindow(end=20), order="reverse")
    assert spans(cut) == [(0, 10)]
    cut = run(index, include=[Query(text="coffee")], order="reverse")
    assert spans(cut) == [(50, 60), (10, 20)]


def test_neighbouring_hits_merge_into_one_segment():
    idx = make_index([(0, 5, "cat"), (5, 9, "cat sofa"), (9, 20, "rocket"), (20, 30, "tree"),
                      (30, 40, "boat"), (40, 50, "car")])
    cut = run(idx, include=[Query(text="cat")])
    assert spans(cut) == [(0, 9)] and cut.segments[0].shots == (0, 1)


def test_plan_json_contract(index):
    d = run(index, include=[Query(text="cat")]).to_dict()
    assert d["version"] == 1 and d["request"] == "test" and d["source"] == "film.mp4"
    assert d["constraints"]["include"][0]["text"] == "cat"
    assert d["duration"] == pytest.approx(sum(s["end"] - s["start"] for s in d["segments"]))
    assert set(d["segments"][0]) == {"start", "end", "score", "reasons", "evidence"}


def test_select_is_adaptive_not_top_k():
    background = np.random.default_rng(0).normal(0.15, 0.03, 200)
    hits, _ = select(np.concatenate([background, [0.7, 0.68, 0.72]]), floor=0.25)
    assert hits.sum() == 3 and hits[-3:].all()
    hits, _ = select(background, floor=0.25)
    assert hits.sum() == 0


def test_match_all_keeps_only_shots_with_every_subject():
    idx = make_index([(0, 10, "cat chair"), (10, 20, "cat sofa"), (20, 30, "dog sofa"),
                      (30, 40, "tree"), (40, 50, "boat"), (50, 60, "car"), (60, 70, "lamp")])
    cut = run(idx, include=[Query(text="cat"), Query(text="sofa")], match="all")
    assert spans(cut) == [(10, 20)]
    cut = run(idx, include=[Query(text="cat"), Query(text="sofa")])
    assert spans(cut) == [(0, 30)]


def test_skipped_spans_never_come_back(index):
    from cutbot.agent.plan import Span
    cut = run(index, include=[Query(text="cat")], skip=[Span(start=30, end=40)], padding=2)
    assert all(e <= 30 or s >= 40 for s, e in spans(cut)) and spans(cut)
    assert any("that you dropped" in n for n in cut.notes)
    assert not any("''" in n or n.rstrip().endswith("mentioned") for n in cut.notes)


def _with_faces(scenes, tracks):
    """A hand-made index whose shots show faces: tracks is [(shot, person id)]."""
    from cutbot.indexers.schema import FaceTrack, Person

    idx = make_index(scenes)
    idx.face_tracks = [FaceTrack(i, shot, idx.shots[shot].start, idx.shots[shot].end, (i,), person)
                       for i, (shot, person) in enumerate(tracks)]
    ids = sorted({p for _, p in tracks})
    idx.people = [Person(p, 10.0, tuple(s for s, q in tracks if q == p),
                         tuple(i for i, (_, q) in enumerate(tracks) if q == p), 0) for p in ids]
    idx.faces_indexed = True
    return idx


FACES = [(0, 10, "astronaut suit flag"), (10, 20, "boat river"), (20, 30, "smiling portrait"),
         (30, 40, "rocket launch"), (40, 50, "tree garden")]


def test_excluding_a_kind_of_person_drops_every_shot_of_their_face():
    """ "everything except the astronaut": the close-up no label names is hers too (issue #11:
    exclusions are recall-first, faces for people)."""
    idx = _with_faces(FACES, [(0, 1), (2, 1), (1, 2)])
    emb = WordHashEmbedder()
    cut = plan_cut(ConstraintPlan(exclude=(Query(text="astronaut"),)), idx, "t", Scorer(idx, emb, emb))
    kept = {i for s in cut.segments for i in s.shots}
    assert not kept & {0, 2} and {1, 3, 4} <= kept


def test_excluding_a_thing_leaves_the_people_near_it():
    idx = _with_faces(FACES, [(3, 1), (2, 1)])  # the same face beside the rocket and alone
    emb = WordHashEmbedder()
    cut = plan_cut(ConstraintPlan(exclude=(Query(text="rocket"),)), idx, "t", Scorer(idx, emb, emb))
    kept = {i for s in cut.segments for i in s.shots}
    assert 3 not in kept and {0, 1, 2, 4} <= kept


def test_a_kind_of_person_only_talked_about_takes_no_face_in_a_film_that_shows_its_speakers(monkeypatch):
    """ "dan, but not the plumber one": Dan saying "call my plumber" makes no one there the plumber,
    in a film whose voices are tied to faces; where none are (a narrator), the face still goes."""
    from cutbot.agent import lookalikes
    from cutbot.agent.evidence import Evidence
    from cutbot.agent.hits import QueryHits

    idx = _with_faces(FACES, [(0, 1), (2, 1), (4, 1)])
    said = Evidence("speech", 0.9, 5.0, '"call my plumber tomorrow"', 43.0, 41.0, 45.0)
    query = Query(text="plumber")
    hits = QueryHits(query, np.array([np.nan] * 4 + [5.0]), ((),) * 4 + ((said,),))
    scorer = Scorer(idx, WordHashEmbedder(), WordHashEmbedder())
    monkeypatch.setattr(Scorer, "speaking_faces", lambda self: {0: 1})
    assert lookalikes.same_faces(idx, scorer, hits, query) == []
    monkeypatch.setattr(Scorer, "speaking_faces", lambda self: {})
    assert lookalikes.same_faces(idx, scorer, hits, query) == [0, 2]
    seen = QueryHits(query, hits.strength, ((),) * 4 + ((said, Evidence("visual", 0.5, 4.0, "plumber", 43.0)),))
    monkeypatch.setattr(Scorer, "speaking_faces", lambda self: {0: 1})
    assert lookalikes.same_faces(idx, scorer, seen, query) == [0, 2]  # seen there too: the face is the plumber


_BACKGROUND = [(40 + 10 * i, 50 + 10 * i, w) for i, w in enumerate(
    ["mountain snow", "city night", "desert dunes", "office desk", "beach waves", "forest path",
     "bridge fog", "market stall"])]


def test_cut_every_shot_of_x_also_drops_where_x_is_named():
    """ "cut every shot of the astronaut": the cue says pictures, but an exclusion is
    recall-first, so a shot whose line names her goes too."""
    idx = make_index([(0, 10, "astronaut suit"), (10, 20, "boat river"), (20, 30, "tower fog"),
                      (30, 40, "tree garden")] + _BACKGROUND,
                     sentences=[(21, 25, "the astronaut waves at us"), (31, 35, "leaves fall in autumn"),
                                (41, 45, "snow on the peaks"), (51, 55, "lights of the city")])
    emb = WordHashEmbedder()
    plan = ConstraintPlan(exclude=(Query(text="astronaut", modality="visual"),))
    kept = {i for s in plan_cut(plan, idx, "t", Scorer(idx, emb, emb)).segments for i in s.shots}
    assert not kept & {0, 2} and {1, 3} <= kept


def test_the_shot_where_nobody_talks_is_a_whole_silent_shot():
    from cutbot.agent.frames import SILENT_SHOT

    idx = make_index([(0, 10, "dog lawn"), (10, 20, "dog beach"), (20, 30, "tree garden")] + _BACKGROUND,
                     sentences=[(1, 4, "a good dog fetches the ball")])
    emb = WordHashEmbedder()
    whole = ConstraintPlan(include=(Query(text="dog"), Query(text=SILENT_SHOT, modality="silence")),
                           match="all")
    cut = plan_cut(whole, idx, "t", Scorer(idx, emb, emb))
    assert [(s.start, s.end) for s in cut.segments] == [(10.0, 20.0)]

def test_the_dogs_where_nobody_talks_are_their_long_silences_not_the_breath_after_a_line():
    idx = make_index([(0, 20, "dog lawn"), (20, 30, "dog beach"), (30, 40, "tree garden")] + _BACKGROUND,
                     sentences=[(1, 4, "a good dog fetches the ball"), (21, 24, "the dog runs to the sea")])
    emb = WordHashEmbedder()
    parts = ConstraintPlan(include=(Query(text="dog"), Query(text="no speech", modality="silence")), match="all")
    spans = [(s.start, s.end) for s in plan_cut(parts, idx, "t", Scorer(idx, emb, emb)).segments]
    assert any(a <= 4.0 + 1e-6 and e >= 20.0 - 1e-6 for a, e in spans)  # 16 s where nobody talks
    assert all(e <= 1.0 + 1e-6 or a >= 4.0 - 1e-6 for a, e in spans)  # never the line itself
    assert all(e <= 20.0 + 1e-6 for a, e in spans)  # 6 s after the beach line is a breath, as alone (silence_least)


def test_two_subjects_where_nobody_talks_are_either_subject_in_silence():
    """ "the dogs or the boats with no voice-over": each subject's silent shots, not only the
    shots holding both (match "all" came from the silence, not from "together")."""
    from cutbot.agent.frames import SILENT_SHOT

    idx = make_index([(0, 10, "dog lawn"), (10, 20, "boat river"), (20, 30, "dog beach"),
                      (30, 40, "tree garden")] + _BACKGROUND, sentences=[(21, 25, "a good dog fetches the ball")])
    emb = WordHashEmbedder()
    plan = ConstraintPlan(include=(Query(text="dog"), Query(text="boat"), Query(text=SILENT_SHOT, modality="silence")),
                          match="all")
    kept = {i for s in plan_cut(plan, idx, "t", Scorer(idx, emb, emb)).segments for i in s.shots}
    assert kept == {0, 1}  # the quiet dog and the quiet boat; the dog shot with a line is not quiet


def test_an_exclusion_that_would_take_everything_asked_leaves_out_only_where_it_is_sure(index, monkeypatch):
    """"the fruit but not the orange": recall read every fruit shot as maybe an orange."""
    import cutbot.agent.planner as planner

    def banned(plan, index, scorer, notes, loose=True):
        return [(0, 10), (30, 40)] if loose else [(30, 40)]  # loose: both cat shots; sure: the second

    monkeypatch.setattr(planner, "_banned", banned)
    cut = run(index, include=[Query(text="cat", modality="visual")], exclude=[Query(text="window")])
    assert spans(cut) == [(0, 10)] and any("only where it is sure" in n for n in cut.notes)
    monkeypatch.setattr(planner, "_banned", lambda plan, index, scorer, notes, loose=True: [(0, 10), (30, 40)])
    with pytest.raises(NothingMatched, match="also excluded"):
        run(index, include=[Query(text="cat", modality="visual")], exclude=[Query(text="window")])
