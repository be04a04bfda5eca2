"""One of each thing: interval arithmetic, settings and word lists are written once and
used everywhere; the product reads the Index protocol plainly (the fakes implement it),
so names given to people reach the vocabulary."""
from __future__ import annotations

import ast
import json
from dataclasses import fields
from pathlib import Path

import pytest

from cutbot.agent.llm import extract_json
from cutbot.agent.naming import apply_naming
from cutbot.agent.people import Roster, save_roster
from cutbot.agent.plan import Query
from cutbot.agent.vocabulary import Vocabulary
from cutbot.indexers import intervals as iv
from cutbot.indexers.schema import Person
from cutbot.indexers.store import Index

from fakes import TOY_SCENES, TOY_SENTENCES, FakeIndex, WordHashEmbedder, make_index

ROOT = Path(__file__).resolve().parent.parent


# -- intervals ------------------------------------------------------------------------
def test_union_merges_touching_and_overlapping_and_drops_empty_spans():
    assert iv.union([(5, 6), (0, 2), (1, 3), (3, 4), (7, 7), (9, 8)]) == [(0, 4), (5, 6)]
    assert iv.length([(0, 2), (1, 3), (10, 11)]) == 4


def test_overlap_intersection_and_difference():
    a, b = [(0, 10), (20, 30)], [(5, 25), (28, 40)]
    assert iv.intersect(a, b) == [(5, 10), (20, 25), (28, 30)]
    assert iv.overlap(a, b) == 12
    assert iv.overlap(a, a + a) == 20  # a span listed twice counts once
    assert iv.subtract(a, b) == [(0, 5), (25, 28)]
    assert iv.subtract(a, []) == a and iv.subtract([], b) == []
    assert iv.clip(a, 8, 22) == [(8, 10), (20, 22)]


@pytest.mark.parametrize("t, shot", [(-1.0, 0), (0.0, 0), (9.99, 0), (10.0, 1), (25.0, 2), (99.0, 2)])
def test_which_interval_holds_a_time(t, shot):
    assert iv.index_at([0.0, 10.0, 20.0], t) == shot


def test_a_shot_at_a_time_is_answered_the_same_way_by_the_index_and_search():
    from cutbot.agent.search import shot_of
    index = make_index(TOY_SCENES, TOY_SENTENCES)
    for t in (0.0, 9.5, 10.0, 55.5, 99.9, 150.0):
        assert shot_of(index, t) == iv.index_at([s.start for s in index.shots], t)
        assert Index.shot_at(index, t).index == shot_of(index, t)


# -- defined once -----------------------------------------------------------------------
def _definitions() -> dict[str, list[str]]:
    """Top-level names assigned or functions defined, per module file of the product."""
    out: dict[str, list[str]] = {}
    for path in sorted([*ROOT.glob("agent/*.py"), *ROOT.glob("indexers/*.py")]):
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                names = [node.name]
            elif isinstance(node, ast.Assign):
                names = [n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
            else:
                continue
            for name in names:
                out.setdefault(name, []).append(f"{path.parent.name}/{path.name}")
    return out


@pytest.mark.parametrize("name", ["AUDIO_FADE_S", "X264_PRESET", "X264_CRF", "AUDIO_BITRATE",
                                  "SAME_PERSON", "TALK_WORDS", "Z_MIN", "Evidence", "RenderError",
                                  "PlanError", "NothingMatched", "crossfade_for", "extract_json"])
def test_defined_once(name):
    assert len(_definitions().get(name, [])) == 1, _definitions().get(name)


def test_no_module_carries_its_own_interval_arithmetic_or_plural_folding():
    copies = {"_union", "_merge", "_overlap", "_intersect", "_subtract", "_singular"}
    found = {n: where for n, where in _definitions().items() if n in copies}
    assert found == {}


def test_the_settings_are_shared_not_copied():
    from cutbot.agent import effects, media_io, people, profile, render_commands
    from cutbot.agent.commands import TALK_WORDS
    from cutbot.indexers.faces import FaceOptions
    from cutbot.indexers.schema import SAME_PERSON

    assert render_commands.AUDIO_FADE_S is media_io.AUDIO_FADE_S is effects.AUDIO_FADE_S
    assert render_commands.X264_CRF == effects.X264_CRF == media_io.X264_CRF
    assert FaceOptions().match == people.MATCH == SAME_PERSON
    assert profile.SPEECH_WORDS == frozenset(TALK_WORDS)


def test_profile_topics_fold_plurals_like_search():
    from cutbot.agent.profile import _key
    from cutbot.agent.lexical import fold as singular
    for text in ("The beaches", "stories", "buses", "car chases", "analysis"):
        assert _key(text) == singular(text.casefold().removeprefix("the "))


def test_json_in_a_reply_is_found_by_the_json_decoder():
    reply = 'Sure! ```json\n{"include": [{"text": "a {brace} \\"quoted\\""}], "n": {"x": 1}}\n``` ok'
    assert extract_json(reply) == {"include": [{"text": 'a {brace} "quoted"'}], "n": {"x": 1}}
    assert extract_json('[{"not": "top level"}] then {"a": {"b": 1}}') == {"not": "top level"}
    assert extract_json('{broken then {"a": 1}') == {"a": 1}
    with pytest.raises(ValueError):
        extract_json('{"a": 1')


# -- the fakes implement the real protocol ------------------------------------------------
def test_the_fake_index_has_what_the_product_reads_from_an_index(cutbot_home_dir):
    needed = {f.name for f in fields(Index)} - {"timings", "created", "face_vectors", "face_crops"}
    assert needed <= {f.name for f in fields(FakeIndex)}
    index = make_index(TOY_SCENES, TOY_SENTENCES)
    assert Path(index.root).is_relative_to(cutbot_home_dir)  # caches land in the test's temp home
    Vocabulary(index, WordHashEmbedder()).warm()
    assert not Path(index.root).exists()  # not an index folder (no manifest): nothing written
    Path(index.root).mkdir(parents=True)
    (Path(index.root) / "manifest.json").write_text("{}")
    Vocabulary(index, WordHashEmbedder()).warm()
    assert list(Path(index.root).glob("vocabulary-*.npy"))


def test_names_given_to_people_reach_the_vocabulary(cutbot_home_dir):
    index = make_index(TOY_SCENES, TOY_SENTENCES)
    index.people = [Person(1, 30.0, (0, 3, 6), (0,), 0), Person(2, 10.0, (1,), (1,), 1)]
    before = {t.text for t in Vocabulary(index, WordHashEmbedder()).terms if t.kind == "person"}
    assert before == {"person 1", "person 2"}
    save_roster(index, Roster({2: "Alice"}))
    vocab = Vocabulary(index, WordHashEmbedder())
    assert {t.text for t in vocab.terms if t.kind == "person"} == {"person 1", "Alice"}
    best = vocab.map(Query(text="Alice", modality="person")).terms[0][0]
    assert (best.text, best.kind) == ("Alice", "person")


@pytest.mark.slow
def test_a_name_given_on_the_real_index_reaches_its_vocabulary(indexed_sample, sample_film):
    from cutbot.indexers import load_index
    index = load_index(sample_film)
    if not index.people:
        pytest.skip("no faces stage in this environment (dlib missing)")
    names = Path(index.root) / "people.json"
    saved = names.read_bytes() if names.exists() else None
    try:
        apply_naming(index, "person 1 is Eileen")
        people = [t for t in Vocabulary(index).terms if t.kind == "person"]
        assert "Eileen" in {t.text for t in people}
        assert json.loads(names.read_text())["people"][0]["name"] == "Eileen"
    finally:  # the indexed sample is shared by the session's other tests: leave it unnamed
        names.unlink(missing_ok=True) if saved is None else names.write_bytes(saved)


def test_undo_in_the_conversation_is_the_editors_undo(monkeypatch):
    from cutbot.agent.editor import Editor
    from fakes import fake_editor

    editor = fake_editor()
    editor.respond("only the car chases")
    editor.respond("under 15 seconds")
    calls, undo = [], Editor.undo
    monkeypatch.setattr(Editor, "undo", lambda self: calls.append(self) or undo(self))
    reply = editor.respond("undo")
    assert calls == [editor] and reply.change is editor.last_change and editor.session.version == 1
    assert editor.respond("undo").lines == ("back to no plan",) and editor.plan is None
    assert editor.respond("undo").lines == ("nothing to undo",) and len(calls) == 2
    assert editor.respond("redo").lines == ("now at version 1",)
