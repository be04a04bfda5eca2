"""The WordNet kinds load cheaply after the first time, and typos are read as nouns."""
from __future__ import annotations

import gzip
import json
import mmap
from importlib import resources

import numpy as np
import pytest
from cutbot.agent import kinds, typos
from cutbot.agent.plan import Query
from cutbot.agent.search import Scorer
from cutbot.agent import NothingMatched
from fakes import WordHashEmbedder, make_index, run_plan


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """No hierarchy loaded in this process yet, and an empty CUTBOT_HOME."""
    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path))
    kinds.load.cache_clear()
    yield tmp_path
    kinds.load.cache_clear()


def test_the_cache_is_written_once_and_answers_as_the_json_does(fresh):
    first = kinds.load()
    cached = list((fresh / "cache").glob("wordnet_kinds.*/names.npy"))
    assert len(cached) == 1
    kinds.load.cache_clear()
    again = kinds.load()  # memory-mapped from the cache this time
    base = again.p_flat  # a plain ndarray over the map (np.memmap's indexing is slow)
    while not isinstance(base, mmap.mmap) and getattr(base, "base", None) is not None:
        base = base.base
    assert isinstance(base, mmap.mmap) and type(again.p_flat) is np.ndarray
    raw = resources.files("cutbot.indexers").joinpath("data/wordnet_kinds.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    for word in ("dog", "playing card", "mandrill", "zebra", "aardvark", "zymurgy"):
        assert again.lemma(word) == first.lemma(word) == data["lemmas"][word]
    assert again.lemma("squirel") == [] and again.lemma("") == [] and again.lemma("zzzz") == []
    for i in (0, 1, 500, len(data["parents"]) - 1):
        assert again.parents(i) == data["parents"][i] and int(again.depth[i]) == data["depth"][i]


def test_a_home_that_cannot_be_written_is_no_error(fresh, monkeypatch):
    blocked = fresh / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("CUTBOT_HOME", str(blocked))
    assert kinds.load().lemma("dog")  # parsed from the JSON, nothing cached


def test_a_typo_is_read_as_the_noun_it_misses():
    assert typos.respelled("the squirel on the branch") == "the squirrel on the branch"
    assert typos.respelled("two squirels and the donkys") == "two squirrels and the donkeys"  # plurals
    assert typos.respelled("the squirel", frozenset({"squirel"})) == "the squirel"  # heard so
    assert typos.respelled("Grace Hopper") == "Grace Hopper"  # names are not nouns to fix
    assert typos.respelled("the dog") == "the dog"
    assert typos.respelled("the dog beside the pagoda") == "the dog beside the pagoda"  # no bedside


def test_a_query_that_finds_nothing_as_typed_is_tried_respelled():
    index = make_index([(0, 10, "squirrel branch"), (10, 20, "desk lamp"), (20, 30, "city roofs")])
    emb = WordHashEmbedder()
    hits = Scorer(index, emb, emb).score(Query(text="squirel", modality="visual"))
    assert np.flatnonzero(hits.mask).tolist() == [0]
    assert any("read 'squirel' as 'squirrel'" in n for n in hits.notes)
    assert all(e.query == "squirel" for e in hits.evidence[0])
    cut = run_plan(index, include=[Query(text="squirel")])
    assert [(s.start, s.end) for s in cut.segments] == [(0.0, 10.0)]
    with pytest.raises(NothingMatched):  # an absent subject stays absent, typo or not
        run_plan(index, include=[Query(text="elephent")])


def test_ancestors_are_every_kind_above_with_the_fewest_steps_and_kept():
    k = kinds.load()
    dog = k.lemma("dog")[0]
    up = k.ancestors(dog)
    assert up[dog] == 0 and k.lemma("animal")[0] in up and k.lemma("car")[0] not in up
    assert all(up[p] == 1 for p in k.parents(dog))
    assert all(min(up[c] for c in up if p in k.parents(c)) + 1 == s for p, s in up.items() if s)
    assert k.ancestors(dog) is up  # one walk per synset


def test_names_of_a_sense():
    """Kinds.names_of: the nouns of one synset (lexical.synonyms reads it; no internals)."""
    from cutbot.agent.kinds import load
    from cutbot.agent.lexical import synonyms
    k = load()
    holiday = k.lemma("holiday")[0]
    assert "holiday" in k.names_of(holiday) and "vacation" in k.names_of(holiday)
    assert all(holiday in k.lemma(n) for n in k.names_of(holiday))
    assert "vacation" in synonyms("holiday")
