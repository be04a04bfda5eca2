"""`cutbot suggest --library`: a subject several films share is one cut across them, each
film's own suggestions name their film and take turns, and the profile filters them all."""
from __future__ import annotations

import json

import pytest
from fakes import assert_one_line_error, toy_library_films

from cutbot.agent.library import Library
from cutbot.agent.library_suggest import library_suggestion_lines, suggest_library
from cutbot.agent.profile import STRONG, Profile


@pytest.fixture
def library(tmp_path) -> Library:
    return Library.of(toy_library_films(tmp_path), home=tmp_path)


def test_a_shared_subject_is_one_cut_across_the_films_and_each_film_takes_turns(library):
    found = suggest_library(library, 6, profile=Profile.memory())
    first = found[0]
    assert first.across and set(first.films) == {"alpha.mp4", "bravo.mp4"}
    assert first.suggestion.subject.startswith("cat") and first.suggestion.request.startswith("shots of")
    assert {s.source.rsplit("/", 1)[-1] for s in first.suggestion.cut.segments} == {"alpha.mp4", "bravo.mp4"}
    rest = found[1:]
    assert rest and all(len(s.films) == 1 and s.suggestion.cut.segments for s in rest)
    assert [s.film for s in rest[:2]] == ["alpha.mp4", "bravo.mp4"]  # turns, not all of one film
    assert not any(s.suggestion.subject.startswith("cat") for s in rest)  # the cut across says it
    data = first.to_dict()
    assert data["films"] == list(first.films) and data["plan"]["segments"] and data["request"]
    lines = library_suggestion_lines(found)
    assert "--library" in lines[1] and "[alpha.mp4]" in lines[2]
    assert len(suggest_library(library, 2, profile=Profile.memory())) == 2


def test_a_disliked_subject_is_never_offered_across_the_library(library):
    profile = Profile.memory()
    profile.note("cats", "dislike", STRONG)
    found = suggest_library(library, 6, profile=profile)
    assert found and not any(s.across for s in found)
    assert not any((s.suggestion.subject or "").startswith("cat") for s in found)


def test_suggest_library_refuses_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from cutbot.agent import cli

    runner = CliRunner()
    assert_one_line_error(runner.invoke(cli.app, ["suggest"]), "which film")
    assert_one_line_error(runner.invoke(cli.app, ["suggest", str(tmp_path / "x.mp4"), "--library"]), "not both")
    assert_one_line_error(runner.invoke(cli.app, ["suggest", "--library"]), "no indexed film")


@pytest.mark.slow
def test_cutbot_suggest_library_on_two_really_indexed_films(sample_home, sample_film, built, film_clip,
                                                            tmp_path, monkeypatch):
    import shutil

    from typer.testing import CliRunner

    from cutbot.agent import cli
    from cutbot.indexers.catalogue import Catalogue

    home = tmp_path / "home"
    for src in (sample_home, built):
        shutil.copytree(src / "indexes", home / "indexes", dirs_exist_ok=True)
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    with Catalogue.open(home) as cat:
        cat.add(sample_film, film_clip)
    target = tmp_path / "suggested.json"
    result = CliRunner().invoke(cli.app, ["suggest", "--library", "--count", "6", "--json", str(target)])
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text())
    assert data["library"] is True and len(data["suggestions"]) == 6
    films = {f for s in data["suggestions"] for f in s["films"]}
    assert films == {"sample_film.mp4", "clip.mp4"}, films
    for s in data["suggestions"]:
        assert s["plan"]["segments"] and s["why"] and s["request"]
        assert {seg.get("source", s["plan"]["source"]).rsplit("/", 1)[-1]
                for seg in s["plan"]["segments"]} <= set(s["films"])
    assert "suggested cuts across the library" in result.output
    refused = CliRunner().invoke(cli.app, ["suggest", "--library", "--json", str(sample_film)])
    assert_one_line_error(refused)  # never over a film of the library
