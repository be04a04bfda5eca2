"""Indexing the library on a real local Ray (indexers/cluster.py) with the real models on
short real films: a worker that dies is retried, a broken film is reported without stopping
the others, finished films are skipped, and `cutbot library index` killed with SIGKILL
mid-run finishes on the next run with every film indexed once and a sound catalogue."""
from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cutbot.indexers.catalogue import Catalogue
from cutbot.indexers.cluster import FilmJob, FilmOutcome, index_library
from cutbot.indexers.store import load_index

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CUTBOT = Path(sys.executable).with_name("cutbot")
CUTS = (("sample_film.mp4", 20.0, "rocket.mp4"), ("sample_film.mp4", 62.0, "talk.mp4"),
        ("dev_film.mp4", 10.0, "dev.mp4"))
LENGTH = 3.0  # seconds per film: the models' load time, not the media, is what these tests wait for
WAIT_S = 900  # the most a run on a loaded 2-core machine may take before the test gives up


def _cut(src: Path, out: Path, start: float, length: float = LENGTH) -> Path:
    from cutbot.indexers.media import ffmpeg_exe

    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-ss", str(start), "-t", str(length), "-i", str(src),
                    "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(out)], check=True)
    return out


@pytest.fixture(scope="module")
def films(tmp_path_factory) -> list[Path]:
    """Three short real films, each a different cut (so a different fingerprint)."""
    folder = tmp_path_factory.mktemp("library")
    return [_cut(ROOT / "examples" / src, folder / name, start) for src, start, name in CUTS]


@pytest.fixture(scope="module")
def ray_session():
    """One local Ray (2 CPUs) for the module: index_library uses it and leaves it running."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    import ray

    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             logging_level=logging.ERROR, object_store_memory=128 * 1024 * 1024,
             runtime_env={"env_vars": {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}})
    yield ray
    ray.shutdown()


def test_index_films_on_ray_with_a_dying_worker_and_a_broken_film(ray_session, films, tmp_path):
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 500)
    always_dies = _cut(ROOT / "examples" / "dev_film.mp4", tmp_path / "doomed.mp4", 40.0, 1.0)
    attempts = tmp_path / "attempts"
    attempts.mkdir()
    with Catalogue.open() as cat:
        recs = {r.name: r for r in cat.add(*films, broken, always_dies)}
        victim, doomed = recs["talk.mp4"].fingerprint, recs["doomed.mp4"].fingerprint

        def dies_first(job: FilmJob) -> FilmOutcome:
            """The real task, but the victim's first attempt kills its worker (as an OOM
            kill would) and the doomed film kills it every time."""
            from cutbot.indexers.cluster import index_one

            (attempts / f"{job.fingerprint[:12]}.{time.time_ns()}").write_text(str(os.getpid()))
            if job.fingerprint == doomed or (job.fingerprint == victim and not (attempts / "died").exists()):
                if job.fingerprint == victim:
                    (attempts / "died").write_text(job.name)
                os._exit(1)
            return index_one(job)

        seen = []
        report = index_library(cat, progress=lambda *a: seen.append(a), task=dies_first, max_retries=1)

        assert (report.indexed, report.failed, report.skipped) == (3, 2, 0), report.outcomes
        assert report.cpus == 2 and ray_session.is_initialized()  # the caller's Ray is left running
        tries = sorted(p.name.split(".")[0] for p in attempts.iterdir() if p.name != "died")
        assert tries.count(victim[:12]) == 2 and tries.count(doomed[:12]) == 2  # Ray retried the dead worker
        by_name = {r.name: r for r in cat.films()}
        assert by_name["broken.mp4"].state == "failed" and "not a media file" in by_name["broken.mp4"].error
        assert by_name["doomed.mp4"].state == "failed" and "worker process died 2 time" in by_name["doomed.mp4"].error
        for film in films:
            rec = by_name[film.name]
            assert rec.state == "indexed" and rec.error is None and rec.indexed_at is not None
            index = load_index(film)
            assert index.root == rec.index_root and len(index.shots) >= 1 and len(index.frames) >= 1
            assert rec.people == len(index.people)
        # progress counts films and seconds of media, up to all of them
        assert seen[0][:2] == (0, 5) and seen[-1][:2] == (5, 5)
        assert seen[-1][2] == pytest.approx(seen[-1][3]) and seen[-1][3] == pytest.approx(3 * LENGTH + 1.0, abs=0.5)
        assert cat.integrity_ok()

        built = {f.name: (by_name[f.name].index_root / "manifest.json").stat().st_mtime_ns for f in films}
        again = index_library(cat, task=dies_first, max_retries=0)  # finished films are skipped
        assert (again.skipped, again.indexed) == (3, 0)
        assert {f.name: (by_name[f.name].index_root / "manifest.json").stat().st_mtime_ns for f in films} == built


def _states(home: Path) -> dict[str, str]:
    with Catalogue.open(home) as cat:
        return {r.name: r.state for r in cat.films()}


def test_sigkill_mid_run_then_rerun_indexes_every_film_once(films, cutbot_home_dir):
    """`cutbot library index` killed with SIGKILL after its first film: the rerun finishes the
    others, leaves the finished one alone, and the catalogue passes PRAGMA integrity_check."""
    env = {**os.environ, "CUTBOT_HOME": str(cutbot_home_dir), "RAY_USAGE_STATS_ENABLED": "0"}
    add = subprocess.run([str(CUTBOT), "library", "add", *map(str, films)], env=env, capture_output=True,
                         text=True, timeout=120)
    assert add.returncode == 0, add.stderr
    run = subprocess.Popen([str(CUTBOT), "library", "index", "--workers", "2"], env=env, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline and "indexed" not in _states(cutbot_home_dir).values():
            assert run.poll() is None, run.stderr.read().decode()
            time.sleep(0.2)
        os.kill(run.pid, signal.SIGKILL)  # mid-run: one film done, the others under way or queued
        run.wait(timeout=30)
        killed = _states(cutbot_home_dir)
        assert "indexed" in killed.values() and "indexing" in killed.values(), killed
        _wait_for_session_to_end(run.pid, 30.0, only="ray::index_one")  # its tasks stop with it
    except BaseException:
        _end_session(run.pid)
        raise
    with Catalogue.open(cutbot_home_dir) as cat:
        assert cat.integrity_ok()
        done = [cat.get(n).index_root / "manifest.json" for n, s in killed.items() if s == "indexed"]
    built = [(m.stat().st_mtime_ns, json.loads(m.read_text())["created"]) for m in done]

    try:
        rerun = subprocess.run([str(CUTBOT), "library", "index", "--workers", "2"], env=env, capture_output=True,
                               text=True, timeout=WAIT_S)
        _wait_for_session_to_end(run.pid, 120.0)  # Ray's own agents notice their raylet is gone, in time
    finally:
        _end_session(run.pid)
    assert rerun.returncode == 0, rerun.stderr
    assert f"indexed {3 - len(done)}, skipped {len(done)}" in rerun.stdout
    with Catalogue.open(cutbot_home_dir) as cat:
        assert cat.integrity_ok()
        recs = cat.films()
        assert [r.state for r in recs] == ["indexed"] * 3
        assert sorted(p.name for p in (cutbot_home_dir / "indexes").iterdir()) == sorted(r.short for r in recs)
    assert [(m.stat().st_mtime_ns, json.loads(m.read_text())["created"]) for m in done] == built  # not rebuilt
    for film in films:
        assert load_index(film, home=cutbot_home_dir).media.fingerprint in {r.fingerprint for r in recs}


def _session_procs(sid: int) -> dict[int, str]:
    """Live (not zombie) processes of a session, with their names: the killed run's Ray
    workers run in process groups of their own, but stay in its session."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found[int(entry.name)] = cmd
    return found


def _wait_for_session_to_end(sid: int, timeout: float, only: str = "") -> None:
    deadline = time.monotonic() + timeout
    left = {}
    while time.monotonic() < deadline:
        left = {pid: cmd for pid, cmd in _session_procs(sid).items() if only in cmd}
        if not left:
            return
        time.sleep(0.5)
    raise AssertionError(f"processes outlived the killed `cutbot library index`: {sorted(left.values())}")


def _end_session(sid: int) -> None:
    """Never leave the test's own processes behind, whatever failed."""
    for pid in _session_procs(sid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
