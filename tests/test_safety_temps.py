"""Stray files: temps left by a killed writer are removed by the next run in that folder,
and tests (the toy index, the vocabulary cache) never write outside their temp dir."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from cutbot.agent.vocabulary import Vocabulary
from cutbot.indexers.files import atomic_write_text, clean_stale_parts, part_prefix
from fakes import WordHashEmbedder, make_index, TOY_SCENES, TOY_SENTENCES


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def make(path: Path, folder: bool, age: float = 0.0) -> Path:
    if folder:
        path.mkdir()
        (path / "output.mp4").write_bytes(b"x" * 1000)
        (path / "job00001_000.ts").write_bytes(b"x" * 1000)
    else:
        path.write_bytes(b"half")
    if age:
        then = time.time() - age
        os.utime(path, (then, then))
    return path


def test_only_stale_temps_are_removed(tmp_path):
    dead, me = dead_pid(), os.getpid()
    stale = [make(tmp_path / f".film.cut.{dead}-a1b2c3d4.part", True),
             make(tmp_path / f".plan.json.{dead}-zz9_x0y1.part", False),
             make(tmp_path / f".film.cut.{me}-oldoldol.part", True, age=7 * 3600),
             make(tmp_path / ".film.cut.k2j4h5g6.part", True, age=3600)]  # before pids
    kept = [make(tmp_path / f".film.cut.{me}-livelive.part", True),  # still being written
            make(tmp_path / ".film.cut.n3w8n3w8.part", True),  # pid-less but recent
            make(tmp_path / ".notes.k2j4h5g6.part", False, age=3600),  # pid-less: whose?
            make(tmp_path / "film.mp4", False, age=10 * 3600),
            make(tmp_path / ".hidden.part", False, age=10 * 3600)]  # not one of ours
    removed = clean_stale_parts(tmp_path)
    assert sorted(removed) == sorted(stale)
    assert sorted(tmp_path.iterdir()) == sorted(kept)
    assert clean_stale_parts(tmp_path / "missing") == []


def test_temp_names_carry_the_pid(tmp_path):
    seen = []
    atomic_write_text(tmp_path / "a.json", "{}")
    from cutbot.indexers.files import atomic_write
    atomic_write(tmp_path / "b.bin", lambda tmp: (seen.append(Path(tmp).name),
                                                  Path(tmp).write_bytes(b"1")))
    assert seen[0].startswith(part_prefix("b.bin")) and seen[0].endswith(".part")
    assert f".{os.getpid()}-" in seen[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.bin"]


def test_an_export_clears_stale_temps_beside_it(tmp_path):
    from cutbot.agent.export import write_plan_json
    from fakes import fake_editor

    stale = make(tmp_path / f".cut.json.{dead_pid()}-abcdefgh.part", False)
    editor = fake_editor(tmp_path / "film.mp4")
    editor.ask("only the car chases")
    write_plan_json(editor.cut, tmp_path / "cut.json")
    assert not stale.exists() and (tmp_path / "cut.json").is_file()


def test_the_toy_index_writes_nothing_anywhere(cutbot_home_dir):
    index = make_index(TOY_SCENES, TOY_SENTENCES)
    root = Path(index.root)
    assert cutbot_home_dir in root.parents
    before = sorted(cutbot_home_dir.rglob("*"))
    emb = WordHashEmbedder()
    vectors = Vocabulary(index, embedder=emb)._vectors
    assert len(vectors) and not root.exists()
    assert sorted(cutbot_home_dir.rglob("*")) == before


def test_the_vocabulary_cache_lives_only_beside_a_real_index(tmp_path):
    index = make_index(TOY_SCENES, TOY_SENTENCES)
    emb = WordHashEmbedder()
    index.root = str(tmp_path)  # a folder, but not an index: no manifest.json
    Vocabulary(index, embedder=emb).warm()
    assert list(tmp_path.iterdir()) == []
    (tmp_path / "manifest.json").write_text("{}")
    first = Vocabulary(index, embedder=emb)._vectors
    cached = list(tmp_path.glob("vocabulary-*.npy"))
    assert len(cached) == 1 and np.allclose(np.load(cached[0]), first)
