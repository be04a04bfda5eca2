"""The library in chat: "what's in here?", "suggest" and "take N" are about every film of the
library (one implementation in ``LibraryEditor``, which the chat, the API and the web share),
not about the first film only; a cut across films is taken and undone like any other."""
from __future__ import annotations


import pytest
from fakes import toy_library_films

from cutbot.agent.library import Library, LibraryEditor
from cutbot.agent.profile import Profile


@pytest.fixture
def editor(tmp_path) -> LibraryEditor:
    return LibraryEditor(Library.of(toy_library_films(tmp_path), home=tmp_path), home=tmp_path,
                         profile=Profile.memory())


def test_describe_and_suggest_are_the_librarys(editor):
    overview = editor.describe()
    lines = overview.lines()
    assert lines[0].startswith("the library: 2 indexed film(s)")
    assert lines[1].startswith("- alpha.mp4") and lines[2].startswith("- bravo.mp4")
    found = editor.suggest(6)
    assert found is editor.suggestions and found[0].across
    assert {f for s in found for f in s.films} == {"alpha.mp4", "bravo.mp4"}
    assert found[0].request == found[0].suggestion.request  # a LibrarySuggestion reads as one


def test_overview_suggest_take_and_undo_in_the_conversation(editor):
    what = editor.respond("what's in here?")
    assert what.kind == "overview" and what.lines[0].startswith("the library: 2 indexed film(s)")
    assert any(line.startswith("- bravo.mp4") for line in what.lines)
    assert any("across 2 films" in line for line in what.lines)  # then the suggestions
    said = editor.respond("suggest")
    across = next(i for i, line in enumerate(said.lines[1:], 1) if "across 2 films" in line)
    own = next(i for i, line in enumerate(said.lines[1:], 1) if "[alpha.mp4]" in line)
    took = editor.respond(f"take {across}")
    assert took.kind == "take" and editor.session.version == 1
    assert {s.source.rsplit("/", 1)[-1] for s in took.cut.segments} == {"alpha.mp4", "bravo.mp4"}
    there = editor.respond(f"take {own}")
    assert there.kind == "clarify" and "alpha.mp4's own" in there.lines[0]
    assert editor.session.version == 1
    assert editor.respond("take 40").kind == "clarify"
    examples = editor.respond("what can I ask?")
    assert examples.kind == "examples" and any("cat" in line for line in examples.lines)
    undone = editor.respond("undo")
    assert undone.kind == "undo" and editor.cut is None


@pytest.mark.slow
def test_chat_library_on_two_really_indexed_films(sample_home, sample_film, dev_home, dev_film,
                                                  tmp_path, monkeypatch):
    """`cutbot chat --library` through the real path: both films in the overview, a
    suggestion across them taken, then undone."""
    import re
    import shutil

    from typer.testing import CliRunner

    from cutbot.agent import cli
    from cutbot.indexers.catalogue import Catalogue

    home = tmp_path / "home"
    for src in (sample_home, dev_home):
        shutil.copytree(src / "indexes", home / "indexes", dirs_exist_ok=True)
    monkeypatch.setenv("CUTBOT_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "250")
    with Catalogue.open(home) as cat:
        cat.add(sample_film, dev_film)
    # the cuts across films come first in the list: "take 1" takes one, in the same chat
    run = CliRunner().invoke(cli.app, ["chat", "--library"],
                             input="what's in here?\ntake 1\nundo\nquit\n")
    assert run.exit_code == 0, run.output
    assert "the library: 2 indexed film(s)" in run.output
    assert "- sample_film.mp4" in run.output and "- dev_film.mp4" in run.output
    numbered = re.findall(r"^(\d+)\. \[(.+?)\] ", run.output, re.M)
    named = " ".join(where for _, where in numbered)
    assert "sample_film.mp4" in named and "dev_film.mp4" in named, run.output
    assert numbered[0][1].startswith("across 2 films"), run.output  # the films share a subject
    took = re.search(r"took suggestion 1, .*\(([\d.]+) s\)", run.output)
    assert took and float(took.group(1)) > 0, run.output
    made = re.search(r"^note: from (.+) of 2 film\(s\) in the library$", run.output, re.M)
    assert made and "sample_film.mp4" in made.group(1) and "dev_film.mp4" in made.group(1), run.output
    assert "back to no plan" in run.output
