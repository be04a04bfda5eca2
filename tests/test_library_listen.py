"""A name asked across a library is listened for again only where it is worth the minutes.

A second listen decodes a film's whole speech; "Dan's lines" over a library of long films
must not decode every one of them. A name some film's voices already bear is that film's
person (no listen anywhere); an unplaced name is listened for film by film until heard, within
a budget of film seconds, and the viewer is told which films were left unheard."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from cutbot.agent import library_plan, voices
from cutbot.agent.plan import ConstraintPlan, Query
from cutbot.indexers import names_heard


def _film(name: str, length: float, voice_names: set[str]):
    index = SimpleNamespace(name=name, voices=SimpleNamespace(voice=(0, 1)), sentences=(),
                            media=SimpleNamespace(duration=length), root=None, bears=voice_names)
    return SimpleNamespace(name=name, index=index)


@pytest.fixture
def listened(monkeypatch):
    calls: list[tuple[str, list[str]]] = []
    heard_in: dict[str, set[str]] = {}

    def listen_for(index, names, heard_as=None):
        calls.append((index.name, list(names)))
        return {n: ["a line"] if n in heard_in.get(index.name, set()) else [] for n in names}

    monkeypatch.setattr(voices, "named_voices", lambda index: SimpleNamespace(names=index.bears))
    monkeypatch.setattr(names_heard, "listen_for", listen_for)
    monkeypatch.setattr(names_heard, "heard", lambda index: {})
    return calls, heard_in


PLAN = ConstraintPlan(include=[Query(text="Dan's lines")])


def test_a_name_one_film_places_is_listened_for_nowhere(listened):
    calls, _ = listened
    films = [_film("a", 600, {"nora"}), _film("b", 600, {"dan", "maya"}), _film("c", 600, set())]
    notes: list[str] = []
    library_plan.listen_across(PLAN, films, notes)
    assert calls == [] and notes == []


def test_an_unplaced_name_is_listened_for_until_one_film_hears_it(listened):
    calls, heard_in = listened
    heard_in["b"] = {"dan"}
    films = [_film("a", 600, {"nora"}), _film("b", 600, set()), _film("c", 600, set())]
    library_plan.listen_across(PLAN, films, [])
    assert calls == [("a", ["dan"]), ("b", ["dan"])]  # c is never decoded


def test_films_past_the_listening_budget_are_named_not_decoded(listened):
    calls, _ = listened
    films = [_film("short", 600, set()), _film("epic", 7200, set()), _film("other", 900, set())]
    notes: list[str] = []
    library_plan.listen_across(PLAN, films, notes, budget=1800)
    assert calls == [("short", ["dan"]), ("other", ["dan"])]
    assert len(notes) == 1 and "Dan" in notes[0] and "epic" in notes[0]


def test_a_plan_without_a_name_listens_nowhere(listened):
    calls, _ = listened
    library_plan.listen_across(ConstraintPlan(include=[Query(text="the harbour")]),
                               [_film("a", 600, set())], [])
    assert calls == []


def test_asking_a_library_listens_through_the_library_never_per_film(tmp_path, listened, monkeypatch):
    """The library's own plans pass listen=False to plan_cut: a name asked across films is
    decoded only where listen_across allows, never once more by each film's planner."""
    import dataclasses

    from fakes import WordHashEmbedder, make_index

    from cutbot.agent import addressed
    from cutbot.agent.errors import NothingMatched
    from cutbot.agent.library import Library
    from cutbot.agent.library_plan import LibraryFilm
    from cutbot.agent.search import Scorer

    calls, _ = listened
    monkeypatch.setattr(addressed, "listen_again", lambda *a, **k: pytest.fail("a film's planner listened"))
    films = []
    for n in range(3):
        index = make_index([(0.0, 10.0, "red car chase"), (10.0, 20.0, "beach sand waves")])
        index.media = dataclasses.replace(index.media, path=f"/films/{n}.mp4", fingerprint=f"{n:064d}",
                                          duration=1200.0)
        object.__setattr__(index, "voices", SimpleNamespace(voice=(0, 1)))
        index.name, index.bears = f"{n}.mp4", set()
        emb = WordHashEmbedder()
        films.append(LibraryFilm(index, Scorer(index, emb, emb)))
    try:
        Library.of(films, home=tmp_path).ask("Dan's lines")
    except NothingMatched:
        pass  # nobody is Dan in these toy films: what matters is who listened
    assert [name for name, _ in calls] == ["0.mp4"]  # 1,800 s of film: the first 20-minute film only


def test_a_library_films_scorer_never_decodes_a_whole_film_for_a_full_name(monkeypatch):
    """A full name found nowhere is listened for in a film opened alone (search.Scorer), never
    from a library's scorers: one per film, each would decode its whole speech."""
    from cutbot.agent import addressed
    from cutbot.agent.library import Library
    from cutbot.agent.rereadings import listened_again

    monkeypatch.setattr(addressed, "listen_for_full_name", lambda index, query: pytest.fail("listened"))
    film = Library(indexes=[])._film(SimpleNamespace(root=None, models={}))
    assert film.scorer.listens is False
    assert listened_again(film.scorer, Query(text="grace hopper", modality="visual"), False) is None
