"""The library catalogue (indexers/catalogue.py) and the `cutbot library` commands that need
no Ray: SQLite in WAL mode, one writer at a time across processes, keyed by fingerprint so a
moved film keeps its index, removal that never touches the film, integrity checks."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cutbot.indexers.catalogue import (Catalogue, CatalogueError, FilmNotInLibrary, FilmRecord,
                                       video_files)
from cutbot.indexers.cluster import ClusterError, index_library, pending_films
from cutbot.indexers.errors import CutbotError
from cutbot.indexers.files import UnsafeOutput, guard_output
from cutbot.indexers.store import FORMAT_VERSION, index_dir

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample_film.mp4"


def _cut(src: Path, out: Path, start: float, length: float = 1.0) -> Path:
    from cutbot.indexers.media import ffmpeg_exe

    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-ss", str(start), "-t", str(length), "-i", str(src),
                    "-vf", "scale=160:-2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(out)],
                   check=True)
    return out


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> list[Path]:
    """Three real one-second films (different cuts, so different fingerprints)."""
    folder = tmp_path_factory.mktemp("clips")
    return [_cut(SAMPLE, folder / name, start) for name, start in
            (("a.mp4", 3.0), ("b.mov", 40.0), ("c.mkv", 90.0))]


@pytest.fixture
def shelf(tmp_path, clips) -> Path:
    """A folder of films as a user has it: nested, with files that are not films."""
    d = tmp_path / "shelf"
    (d / "nested" / "deeper").mkdir(parents=True)
    shutil.copy(clips[0], d / "a.mp4")
    shutil.copy(clips[1], d / "nested" / "b.mov")
    shutil.copy(clips[2], d / "nested" / "deeper" / "c.mkv")
    (d / "notes.txt").write_text("not a film")
    (d / "nested" / ".hidden.mp4").write_bytes(b"x")
    return d


def _fake_complete_index(fp: str, people: int = 2) -> Path:
    """A complete index folder as `cutbot index` leaves it (only what the catalogue reads)."""
    root = index_dir(fp)
    root.mkdir(parents=True, exist_ok=True)
    (root / "manifest.json").write_text(json.dumps({"format": FORMAT_VERSION, "complete": True,
                                                    "fingerprint": fp}))
    (root / "faces.json").write_text(json.dumps({"people": [{}] * people}))
    return root


def test_add_a_folder_recursively_only_films(shelf):
    with Catalogue.open() as cat:
        added = cat.add(shelf)
        assert sorted(r.name for r in added) == ["a.mp4", "b.mov", "c.mkv"]
        assert all(isinstance(r, FilmRecord) and r.state == "new" and 0.9 < r.duration < 1.2 for r in added)
        assert len({r.fingerprint for r in added}) == 3
        assert [r.name for r in cat.films()] == ["a.mp4", "b.mov", "c.mkv"]
        assert cat.films(indexed_only=True) == []
        again = cat.add(shelf / "a.mp4", shelf)  # the same films twice: still three, no duplicates
        assert len(again) == 3 and len(cat.films()) == 3


def test_the_catalogue_is_sqlite_in_wal_mode(shelf, cutbot_home_dir):
    with Catalogue.open() as cat:
        cat.add(shelf)
    db = cutbot_home_dir / "library.sqlite"
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT count(*) FROM films").fetchone()[0] == 3
    finally:
        conn.close()


def test_a_second_writer_waits_for_the_first(shelf, cutbot_home_dir):
    """One writer at a time: a process holding the write lock delays another's add, which
    then succeeds (busy timeout), instead of failing with 'database is locked'."""
    with Catalogue.open() as cat:
        cat.add(shelf / "a.mp4")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
        "c.execute('BEGIN IMMEDIATE'); c.execute(\"UPDATE films SET people = 7\"); print('held', flush=True); "
        "time.sleep(1.5); c.execute('COMMIT')"), str(cutbot_home_dir / "library.sqlite")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        t0 = time.monotonic()
        with Catalogue.open() as cat:
            cat.add(shelf / "nested")
            waited = time.monotonic() - t0
            assert waited > 0.5  # it queued behind the other writer
            assert len(cat.films()) == 3 and cat.get("a").people == 7 and cat.integrity_ok()
    finally:
        holder.wait(timeout=30)


_ADDER = """
import sys, time
from pathlib import Path
from cutbot.indexers.catalogue import Catalogue
go = Path(sys.argv[1])
while not go.exists():
    time.sleep(0.01)
with Catalogue.open() as cat:
    for _ in range(3):
        recs = cat.add(*sys.argv[2:])
        for r in recs:
            for state in ("indexing", "failed", "new"):
                cat.mark(r.fingerprint, state, error="x")
print(len(recs))
"""


def test_two_processes_adding_at_once(shelf, tmp_path, cutbot_home_dir):
    go = tmp_path / "go"
    env = {**os.environ, "CUTBOT_HOME": str(cutbot_home_dir)}
    films = [str(shelf / "a.mp4"), str(shelf / "nested" / "b.mov"), str(shelf / "nested" / "deeper" / "c.mkv")]
    procs = [subprocess.Popen([sys.executable, "-c", _ADDER, str(go), *args], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for args in (films[:2], films[1:])]  # b.mov is added by both
    time.sleep(1.0)
    go.touch()
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outs]
    with Catalogue.open() as cat:
        assert sorted(r.name for r in cat.films()) == ["a.mp4", "b.mov", "c.mkv"]
        assert all(r.state == "new" for r in cat.films())
        assert cat.integrity_ok()


def test_a_moved_film_keeps_its_index(shelf, tmp_path):
    with Catalogue.open() as cat:
        (rec,) = cat.add(shelf / "a.mp4")
        root = _fake_complete_index(rec.fingerprint)
        cat.mark(rec.fingerprint, "indexed", index_root=root, people=2)
        moved = tmp_path / "elsewhere" / "renamed.mp4"
        moved.parent.mkdir()
        (shelf / "a.mp4").rename(moved)
        (again,) = cat.add(moved)
        assert again.fingerprint == rec.fingerprint and again.path == moved.resolve()
        assert again.name == "renamed.mp4" and again.state == "indexed" and again.index_root == root
        assert again.people == 2 and again.indexed_at is not None
        assert len(cat.films()) == 1
        assert pending_films(cat) == ([], [again])


def test_an_index_built_before_the_film_was_added_counts(shelf):
    from cutbot.indexers.media import fingerprint

    fp = fingerprint(shelf / "a.mp4")
    root = _fake_complete_index(fp, people=3)
    with Catalogue.open() as cat:
        (rec,) = cat.add(shelf / "a.mp4")
    assert rec.state == "indexed" and rec.index_root == root and rec.people == 3


def test_get_by_name_stem_path_or_fingerprint(shelf):
    with Catalogue.open() as cat:
        cat.add(shelf)
        b = cat.get("b.mov")
        assert cat.get("b") == b == cat.get(str(shelf / "nested" / "b.mov")) == cat.get(b.fingerprint[:8])
        assert cat.get(b.fingerprint) == b and cat.get("B.MOV") == b
        with pytest.raises(FilmNotInLibrary, match="no film called 'zebra'"):
            cat.get("zebra")


def test_two_films_with_one_name_need_a_path(shelf, clips, tmp_path):
    other = tmp_path / "other" / "a.mp4"
    other.parent.mkdir()
    shutil.copy(clips[1], other)  # another film, same file name
    with Catalogue.open() as cat:
        cat.add(shelf / "a.mp4", other)
        with pytest.raises(CatalogueError, match="names 2 films") as err:
            cat.get("a.mp4")
        assert "\n" not in str(err.value) and isinstance(err.value, CutbotError)
        assert cat.get(str(other)).path == other.resolve()


def test_remove_never_touches_the_film_and_keeps_the_index_unless_asked(shelf):
    with Catalogue.open() as cat:
        a, b, _ = cat.add(shelf)
        root_a, root_b = _fake_complete_index(a.fingerprint), _fake_complete_index(b.fingerprint)
        assert cat.remove("a.mp4") == a
        assert root_a.is_dir() and (shelf / "a.mp4").is_file()
        assert cat.remove(b.fingerprint[:10], delete_index=True).name == "b.mov"
        assert not root_b.exists() and (shelf / "nested" / "b.mov").is_file()
        assert [r.name for r in cat.films()] == ["c.mkv"]
        with pytest.raises(FilmNotInLibrary):
            cat.remove("a.mp4")


def test_a_file_that_is_not_a_film_is_added_as_failed(shelf, tmp_path):
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"this is not a video at all" * 100)
    with Catalogue.open() as cat:
        recs = cat.add(shelf / "a.mp4", bad)
    assert [r.state for r in recs] == ["new", "failed"]
    assert "not a media file" in recs[1].error and "\n" not in recs[1].error


def test_missing_paths_and_empty_folders_are_one_line_errors(tmp_path):
    (tmp_path / "empty").mkdir()
    with Catalogue.open() as cat:
        with pytest.raises(CatalogueError, match="no such file or folder"):
            cat.add(tmp_path / "nope.mp4")
        with pytest.raises(CatalogueError, match="no films in"):
            cat.add(tmp_path / "empty")
    assert video_files([]) == []


def test_mark_records_state_and_one_line_errors(shelf):
    with Catalogue.open() as cat:
        (rec,) = cat.add(shelf / "a.mp4")
        cat.mark(rec.fingerprint, "failed", error="decoder exploded\nTraceback: ...")
        assert cat.get("a").error == "decoder exploded"
        cat.mark(rec.fingerprint, "indexed", index_root="/x", people=4)
        got = cat.get("a")
        assert (got.state, got.error, got.people, str(got.index_root)) == ("indexed", None, 4, "/x")
        with pytest.raises(ValueError):
            cat.mark(rec.fingerprint, "done")
        with pytest.raises(FilmNotInLibrary):
            cat.mark("0" * 64, "new")


def test_integrity_check_passes_and_catches_a_damaged_file(shelf, cutbot_home_dir):
    with Catalogue.open() as cat:
        cat.add(shelf)
        assert cat.integrity_ok()
        cat._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db = cutbot_home_dir / "library.sqlite"
    data = bytearray(db.read_bytes())
    page = 4096
    data[page + 100: page * 2 - 100] = os.urandom(page - 200)  # a bad disk scribbles on page 2
    db.write_bytes(bytes(data))
    try:
        cat = Catalogue.open()
    except CatalogueError:
        return  # refused at open: as good as a failed check
    with cat:
        assert not cat.integrity_ok()


def test_output_guard_protects_films_in_the_catalogue(shelf, cutbot_home_dir):
    with Catalogue.open() as cat:
        cat.add(shelf)
    with pytest.raises(UnsafeOutput, match="film in the library"):
        guard_output(shelf / "nested" / "b.mov")
    with pytest.raises(UnsafeOutput, match="cutbot's own files"):
        guard_output(cutbot_home_dir / "library.sqlite")


def test_index_with_nothing_to_do_starts_no_ray(shelf):
    with Catalogue.open() as cat:
        for rec in cat.add(shelf):
            cat.mark(rec.fingerprint, "indexed", index_root=_fake_complete_index(rec.fingerprint))
        report = index_library(cat, workers=2)
    assert (report.skipped, report.indexed, report.failed, report.cpus) == (3, 0, 0, 0)
    assert "ray" not in sys.modules or not sys.modules["ray"].is_initialized()


def test_unfinished_films_are_queued_again(shelf):
    """A film a killed run left 'indexing', a failed one, and an 'indexed' one whose index was
    deleted are all indexed by the next run; a complete one is not."""
    with Catalogue.open() as cat:
        a, b, c = cat.add(shelf)
        cat.mark(a.fingerprint, "indexing")
        cat.mark(b.fingerprint, "indexed", index_root=index_dir(b.fingerprint))  # no index on disk
        cat.mark(c.fingerprint, "indexed", index_root=_fake_complete_index(c.fingerprint))
        todo, done = pending_films(cat)
        assert [r.name for r in todo] == ["a.mp4", "b.mov"] and [r.name for r in done] == ["c.mkv"]
        with pytest.raises(ClusterError, match="not both"):
            index_library(cat, workers=2, address="auto")


def test_library_commands(shelf, tmp_path):
    from cutbot.agent.cli import COMMANDS, app

    assert "library" in COMMANDS
    runner = CliRunner()
    got = runner.invoke(app, ["library", "add", str(shelf)])
    assert got.exit_code == 0, got.output
    assert "3 film(s)" in got.output and "new" in got.output
    got = runner.invoke(app, ["library", "list"])
    assert got.exit_code == 0 and all(n in got.output for n in ("a.mp4", "b.mov", "c.mkv", "0:01", "new"))
    got = runner.invoke(app, ["library", "remove", "b"])
    assert got.exit_code == 0 and "removed b.mov" in got.output and (shelf / "nested" / "b.mov").is_file()
    got = runner.invoke(app, ["library", "remove", "b"])
    assert got.exit_code == 2 and got.output.strip().count("\n") == 0 and "no film called 'b'" in got.output
    got = runner.invoke(app, ["library", "add", str(tmp_path / "missing")])
    assert got.exit_code == 2 and got.output.startswith("cutbot: error: no such file or folder")
    assert "--delete-index" in runner.invoke(app, ["library", "remove", "--help"]).output


def test_an_address_nothing_answers_is_one_line_at_once():
    import socket

    from cutbot.indexers.cluster import _check_reachable

    with socket.socket() as s:  # a port that was free a moment ago: nothing listens there
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for address in (f"127.0.0.1:{port}", f"ray://127.0.0.1:{port}"):
        with pytest.raises(ClusterError, match="no Ray cluster answers at"):
            _check_reachable(address, timeout=2.0)
    with pytest.raises(ClusterError, match="must be auto, HOST:PORT"):
        _check_reachable("my laptop")
    _check_reachable("auto")  # left to Ray


def test_the_cli_and_single_film_indexing_never_import_ray():
    """`cutbot index FILM` keeps working without Ray: nothing but `library index` imports it."""
    code = ("import sys, cutbot.agent.cli, cutbot.indexers.pipeline, cutbot.indexers.cluster; "
            "sys.exit('ray' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], timeout=120).returncode == 0


def test_the_progress_bar_counts_films_and_media():
    from rich.console import Console

    from cutbot.agent import cli_library
    from cutbot.indexers.cluster import FilmOutcome

    bar = cli_library._FilmsBar(Console(file=open(os.devnull, "w"), force_terminal=True))
    with bar:
        bar(0, 3, 0.0, 7200.0, None)
        bar(1, 3, 3600.0, 7200.0, FilmOutcome("f" * 64, "x.mp4", "failed", 3600.0, error="bad"))
        task = bar._progress.tasks[0]
        assert task.description == "films 1/3" and task.completed == 3600.0 and task.total == 7200.0
        assert task.fields["media"] == "1:00:00 / 2:00:00 of media"
