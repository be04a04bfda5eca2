"""The Scorer's special readers (voices, framing, a talker off screen, a passage read aloud: one ordered list in
agent/search.py) and the per-index tables read once per index (looks.shot_looks,
framing.close_ups, people.name_suggestions through traits.once)."""
from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from cutbot.agent import framing, looks, names_spoken, people, search
from cutbot.agent.hits import QueryHits
from cutbot.agent.plan import Query
from cutbot.agent.search import SPECIAL_READERS, Reader, Scorer, read_specially
from cutbot.indexers.looks import LOOK_FIELDS
from cutbot.indexers.schema import Face, FaceTrack, Person
from fakes import WordHashEmbedder, make_index

SCENES = [(0, 10, "door hall"), (10, 20, "kitchen table"), (20, 30, "garden bench")]


def scorer(index) -> Scorer:
    emb = WordHashEmbedder()
    return Scorer(index, emb, emb)


def hits(index, note: str) -> QueryHits:
    n = len(index.shots)
    return QueryHits(Query(text="x"), np.full(n, np.nan), tuple(() for _ in range(n)), (note,))


def test_the_special_readers_are_one_ordered_list():
    assert [r.name for r in SPECIAL_READERS] == ["voices", "framing", "off-screen talk", "sight unchecked", "read aloud"]
    assert all(callable(getattr(r, "read", None)) for r in SPECIAL_READERS)


def test_the_first_reader_that_answers_decides_and_none_leaves_the_scorer_its_own():
    index = make_index(SCENES)
    asked: list[str] = []

    def reader(name, answer):
        return Reader(name, lambda s, q, loose: asked.append(name) or (hits(index, name) if answer else None))

    got = read_specially(scorer(index), Query(text="x"), False,
                         [reader("a", False), reader("b", True), reader("c", True)])
    assert got.notes == ("b",) and asked == ["a", "b"]  # c is never asked
    assert read_specially(scorer(index), Query(text="x"), False, [reader("d", False)]) is None


def test_a_query_no_reader_takes_is_scored_by_the_scorer(monkeypatch):
    index = make_index(SCENES)
    assert read_specially(scorer(index), Query(text="kitchen table"), False) is None
    assert np.flatnonzero(scorer(index).score(Query(text="kitchen table")).mask).tolist() == [1]
    # the list is read when asked: a reader put first answers before the scorer's own scoring
    monkeypatch.setattr(search, "SPECIAL_READERS", (Reader("mine", lambda s, q, loose: hits(index, "mine")),))
    assert scorer(index).score(Query(text="kitchen table")).notes == ("mine",)


def test_a_framing_query_is_answered_by_the_framing_reader():
    index = with_faces(make_index(SCENES))
    got = scorer(index).score(Query(text="close-ups"))
    assert any("read from the face boxes" in n for n in got.notes)


def with_faces(index):
    heights = {(1, 0): 0.3, (1, 1): 0.7}
    tracks = [FaceTrack(k, shot, 10.0 * shot + 1, 10.0 * shot + 9, (k,), pid)
              for k, ((pid, shot), _) in enumerate(heights.items())]
    faces = [Face(k, 10.0 * shot + 2, shot, (0.4, 0.1, 0.6, 0.1 + h), 1.0, k, pid)
             for k, ((pid, shot), h) in enumerate(heights.items())]
    person = Person(1, 16.0, (0, 1), (0, 1), 0, ())
    return dataclasses.replace(index, faces=faces, face_tracks=tracks, faces_indexed=True, people=[person])


def test_close_ups_are_read_once_per_index(monkeypatch):
    index = with_faces(make_index(SCENES))
    calls = []
    real = framing.person_heights
    monkeypatch.setattr(framing, "person_heights", lambda idx: calls.append(1) or real(idx))
    first = framing.close_ups(index)
    first[(9, 9)] = True  # a caller's copy: the kept table is not changed
    assert framing.close_ups(index) == {(1, 0): False, (1, 1): True} and len(calls) == 1
    framing.close_ups(with_faces(make_index(SCENES)))  # another index: read again
    assert len(calls) == 2


def test_shot_looks_are_read_once_per_index_and_read_only():
    index = make_index(SCENES)
    index.frame_looks = np.full((len(index.frames), len(LOOK_FIELDS)), 5.0, np.float32)
    per = looks.shot_looks(index)
    assert looks.shot_looks(index) is per and per.shape == (len(SCENES), len(LOOK_FIELDS))
    with pytest.raises(ValueError):
        per[0, 0] = 1.0


def test_name_suggestions_are_read_again_when_the_names_change(tmp_path, monkeypatch):
    index = dataclasses.replace(make_index(SCENES, [(12, 16, "Hello Bob, nice camera")]), root=str(tmp_path))
    index = with_faces(index)
    calls = []
    real = names_spoken._name_suggestions
    monkeypatch.setattr(names_spoken, "_name_suggestions", lambda idx, names: calls.append(1) or real(idx, names))
    got = people.name_suggestions(index, people.Roster())
    assert [(s.person, s.name) for s in got] == [(1, "Bob")]
    assert people.name_suggestions(index, people.Roster()) == got and len(calls) == 1
    assert people.name_suggestions(index, people.Roster({1: "Bob"})) == [] and len(calls) == 2


def test_a_films_vocabulary_is_counted_once_per_index_and_names_read_each_time(tmp_path, monkeypatch):
    from cutbot.agent import vocabulary
    from cutbot.agent.vocabulary import Vocabulary

    index = dataclasses.replace(make_index(SCENES, [(12, 16, "Hello Bob, nice camera")]), root=str(tmp_path))
    index = with_faces(index)
    calls = []
    real = Vocabulary._counts
    monkeypatch.setattr(Vocabulary, "_counts", lambda self: calls.append(1) or real(self))
    first = Vocabulary(index, WordHashEmbedder()).terms
    assert any(t.text == "camera" and t.kind == "speech" for t in first) and len(calls) == 1
    people.save_roster(index, people.Roster({1: "Bob"}))
    again = Vocabulary(index, WordHashEmbedder()).terms  # a new request: counts kept, names read anew
    assert len(calls) == 1 and any(t.text == "Bob" and t.kind == "person" for t in again)
    assert not any(t.text == "Bob" for t in first)
    assert vocabulary.Vocabulary(make_index(SCENES), WordHashEmbedder()).terms and len(calls) == 2
