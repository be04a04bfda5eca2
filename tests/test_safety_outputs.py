"""No output path ever destroys the film: the source (however it is spelt), a film in the
library, a folder or the index store are refused in one line, and the film's bytes stay."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cutbot.agent import cli
from cutbot.agent.cut import Cut, Segment
from cutbot.agent.export import export, write_plan_json
from cutbot.agent.render import render
from cutbot.indexers.files import UnsafeOutput, guard_output, library_films
from fakes import assert_one_line_error, fake_editor


def sha(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def invoke(*args: str):
    return CliRunner().invoke(cli.app, list(args))


def spellings(film: Path, tmp: Path) -> dict[str, Path]:
    """The film under other names: relative, through '..', a symlink, a hard link."""
    (tmp / "x").mkdir(exist_ok=True)
    link, hard = tmp / "link.mp4", tmp / "hard.mp4"
    link.symlink_to(film)
    os.link(film, hard)
    return {"same": Path(film.name), "dotdot": Path("x") / ".." / film.name,
            "up": Path("..") / tmp.name / film.name, "symlink": link, "hardlink": hard}


@pytest.mark.parametrize("dry", [False, True], ids=["render", "dry-run"])
@pytest.mark.parametrize("how", ["same", "dotdot", "up", "symlink", "hardlink"])
def test_plan_json_never_overwrites_the_film(opened, film, tmp_path, how, dry):
    before = sha(film)
    target = spellings(film, tmp_path)[how]
    result = invoke("only the car chases", "-i", str(film), "--plan-json", str(target),
                    *(["--dry-run"] if dry else []))
    assert_one_line_error(result, "refusing")
    assert sha(film) == before
    assert not list(tmp_path.glob("*.mp4.*")) and not list(tmp_path.glob(".*part*"))


def test_a_folder_is_refused_as_any_output(opened, film, tmp_path):
    folder = tmp_path / "outdir"
    folder.mkdir()
    for option in ("--plan-json", "-o"):
        result = invoke("only the car chases", "-i", str(film), option, str(folder))
        assert_one_line_error(result, "is a folder")
    assert list(folder.iterdir()) == []


def test_refused_before_any_work_so_nothing_else_is_written(opened, film, tmp_path):
    """An unsafe -o is found before the plan JSON is written, not after."""
    result = invoke("only the car chases", "-i", str(film), "--plan-json", "plan.json",
                    "-o", str(film))
    assert_one_line_error(result, "refusing")
    assert not (tmp_path / "plan.json").exists() and not opened  # the film was not even opened


def test_a_film_in_the_library_is_never_overwritten(opened, film, tmp_path, cutbot_home_dir):
    other = tmp_path / "other_film.mp4"
    other.write_bytes(b"another film the viewer indexed")
    root = cutbot_home_dir / "indexes" / "0123456789abcdef"
    root.mkdir(parents=True)
    (root / "manifest.json").write_text(json.dumps({"format": 1, "media": {"path": str(other)}}))
    assert list(library_films()) == [other]
    result = invoke("only the car chases", "-i", str(film), "--plan-json", str(other))
    assert_one_line_error(result, "library", "other_film.mp4")
    assert other.read_bytes() == b"another film the viewer indexed"


@pytest.mark.parametrize("part", ["indexes/0123456789abcdef/manifest.json",
                                  "sessions/ffffffffffffffff.json", "profile.json"])
def test_cutbots_own_files_are_not_outputs(opened, film, cutbot_home_dir, part):
    target = cutbot_home_dir / part
    result = invoke("only the car chases", "-i", str(film), "--plan-json", str(target))
    assert_one_line_error(result, "cutbot's own files")
    assert not target.exists()


def test_chat_render_and_export_over_the_film_are_refused_and_the_chat_goes_on(chat, film):
    before = sha(film)
    code, out, _ = chat("only the car chases", f"render {film}", f"render ../{film.parent.name}/"
                        f"{film.name}", "export film.mp4", "show", "quit")
    assert code == 0 and out.count("refusing to write") == 2, out
    assert "Traceback" not in out and out.rstrip().endswith("bye")
    assert sha(film) == before


@pytest.mark.parametrize("fmt", ["json", "srt", "edl", "otio", "mpv"])
def test_no_export_format_writes_over_the_source(film, fmt):
    before = sha(film)
    editor = fake_editor(film)
    editor.ask("only the car chases")
    with pytest.raises(UnsafeOutput, match="source film"):
        export(editor.cut, film, fmt, source=film, transcript=editor.index.sentences, fps=25)
    with pytest.raises(UnsafeOutput):
        editor.export(film, fmt)
    assert sha(film) == before


def test_the_api_writers_guard_too(film, tmp_path):
    before = sha(film)
    cut = Cut(str(film), "r", (Segment(1, 2, 1.0),))
    hard = tmp_path / "hard.mp4"
    os.link(film, hard)
    with pytest.raises(UnsafeOutput):
        write_plan_json(cut, hard)
    with pytest.raises(UnsafeOutput):  # a hard link is the film, whatever its name
        render(cut, hard, source=film)
    (tmp_path / "folder.mp4").mkdir()
    with pytest.raises(UnsafeOutput, match="folder"):
        render(cut, tmp_path / "folder.mp4", source=film)
    assert sha(film) == before


def test_guard_lets_ordinary_outputs_through(film, tmp_path):
    assert guard_output(tmp_path / "new.json", [film]) == tmp_path / "new.json"
    old = tmp_path / "old_cut.mp4"
    old.write_bytes(b"an earlier cut: replacing it is what -o means")
    assert guard_output(old, [film]) == old
    assert guard_output("~/x.json").is_absolute()
