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

    def listen_for(index, names):
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
