"""Ctrl-C and kill -9 of real `cutbot` runs: one line and exit 130, no worker outlives its
parent, and whatever moment a run dies at, the index and the output folder hold nothing
half-written (a re-run completes the index). Real models on a 12 s clip of the sample film."""
from __future__ import annotations

import json
import os
import random
import signal
import threading
import time

import pytest

from cutbot.agent.interrupt import handled, raise_pending, remembering, signalled
from cutbot.indexers import workers
from procs import Proc, check_index, clip_film, clip_home, copy_home, probe_duration, wait_until

SEEDS = (1, 2, 3)


@pytest.fixture
def film(film_clip):  # this file's tests name the clip plainly; built comes from conftest.py
    return film_clip


def _faces_running(tmp_path, film, built, name: str) -> Proc:
    """`cutbot index` on a copy whose faces and frames stages are missing, once its face
    worker is up (the moment the issue saw a worker traceback and a 17 s exit)."""
    home = copy_home(built, tmp_path / f"{name}_home", drop=("faces", "frames"))
    proc = Proc(["index", str(film)], home, tmp_path / name)
    if wait_until(lambda: proc.workers() or proc.p.poll() is not None, 120) is None \
            or proc.p.poll() is not None:
        proc.kill_all()
        pytest.fail(f"the face workers never started: {proc.stderr()[-500:]}")
    proc.home = home
    return proc


@pytest.mark.slow
def test_ctrl_c_while_faces_run_is_one_line_exit_130_and_no_worker_left(tmp_path, film, built):
    proc = _faces_running(tmp_path, film, built, "ctrl_c")
    t0 = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)  # what a terminal's Ctrl-C does: the whole foreground group
    rc = proc.wait(30)
    took = time.monotonic() - t0
    gone = wait_until(lambda: not proc.group(), 5)
    assert rc == 130, proc.stderr()
    lines = proc.stderr().strip().splitlines()
    assert len(lines) == 1 and "interrupted" in lines[0], lines
    assert took < 5, f"exit took {took:.1f} s"
    assert gone is not None, f"processes left: {proc.group()}"
    man = check_index(proc.home)
    assert not man["complete"] and {"shots", "transcript", "sentences"} <= set(man["stages"])
    print(f"ctrl-c: exit 130 after {took:.2f} s, group gone after {took + gone:.2f} s")

    from cutbot.indexers.pipeline import index_film  # the next run resumes and completes
    again = index_film(film, home=proc.home)
    assert again.faces_indexed and len(again.frames) > 0 and check_index(proc.home)["complete"]


@pytest.mark.slow
def test_kill_9_of_the_parent_takes_its_workers_with_it(tmp_path, film, built):
    proc = _faces_running(tmp_path, film, built, "kill9")
    kids = proc.workers()
    t0 = time.monotonic()
    os.kill(proc.pid, signal.SIGKILL)  # the parent only: the workers must notice by themselves
    proc.wait(10)
    gone = wait_until(lambda: not any(pid in proc.group() for pid in kids), 5, step=0.02)
    try:
        assert gone is not None and gone < 1.5, f"workers {kids} still ran {time.monotonic() - t0:.1f} s later"
    finally:
        proc.kill_all()
    check_index(proc.home)
    print(f"kill -9: workers gone {gone:.2f} s after the parent")


@pytest.mark.slow
def test_index_killed_at_random_moments_stays_whole_and_resumes(tmp_path, film, built):
    """Three seeded SIGKILLs of the whole group, each run resuming the last, then a clean run."""
    home = tmp_path / "home"
    delays = [round(random.Random(seed).uniform(1.0, 15.0), 2) for seed in SEEDS]
    for seed, delay in zip(SEEDS, delays):
        proc = Proc(["index", str(film)], home, tmp_path / f"seed{seed}")
        finished = wait_until(lambda: proc.p.poll() is not None, delay) is not None
        proc.kill_all()
        assert not finished or proc.p.returncode == 0, proc.stderr()
        man = check_index(home)  # absent, partial-and-consistent, or complete and valid
        print(f"seed {seed}: killed at {delay} s, stages saved: {sorted((man or {}).get('stages', {}))}")
    from cutbot.indexers import load_index
    from cutbot.indexers.pipeline import index_film

    index_film(film, home=home)
    got, want = load_index(film, home=home), load_index(film, home=built)
    assert check_index(home)["complete"]
    assert (len(got.shots), len(got.sentences), len(got.frames)) == (len(want.shots), len(want.sentences),
                                                                      len(want.frames))
    assert [p.shots for p in got.people] == [p.shots for p in want.people]


@pytest.fixture(scope="module")
def planned(tmp_path_factory):
    """One uninterrupted render of the clip: the plan and the output the killed ones aim at."""
    film = clip_film(tmp_path_factory)
    base = tmp_path_factory.mktemp("render_ref")
    home = copy_home(clip_home(tmp_path_factory), base / "home")
    proc = Proc([REQUEST, "-i", str(film), "-o", "out.mp4", "--plan-json", "plan.json"], home, base / "logs", cwd=base)
    started = wait_until(lambda: _rendering(base) or proc.p.poll() is not None, 180)
    t0 = time.monotonic()
    assert proc.wait(180) == 0, proc.stderr()
    plan = json.loads((base / "plan.json").read_text())
    return home, plan["duration"], probe_duration(base / "out.mp4"), time.monotonic() - t0, started


def _rendering(folder) -> bool:
    return any(".part" in p.name for p in folder.iterdir())


REQUEST = "keep person 1"


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_render_killed_at_a_random_moment_leaves_the_whole_file_or_none(tmp_path, film, planned, seed):
    home, duration, (video, audio), render_took, _ = planned
    assert abs(video - duration) < 0.1 and abs(audio - duration) < 0.1
    home = copy_home(home, tmp_path / "home")
    out = tmp_path / "out"
    out.mkdir()
    # Seeded: a moment from the render's first temporary file to a little past its usual end.
    delay = round(random.Random(seed).uniform(0.0, 1.2) * render_took, 2)
    proc = Proc([REQUEST, "-i", str(film), "-o", "cut.mp4"], home, tmp_path / "logs", cwd=out)
    assert wait_until(lambda: _rendering(out) or proc.p.poll() is not None, 180) is not None
    finished = wait_until(lambda: proc.p.poll() is not None, delay) is not None
    proc.kill_all()
    final = out / "cut.mp4"
    if final.exists():  # complete: the whole cut, picture and sound
        v, a = probe_duration(final)
        assert abs(v - duration) < 0.1 and abs(a - duration) < 0.1
    leftover = [p.name for p in out.iterdir() if p.name != "cut.mp4"]
    assert all(".part" in name for name in leftover), leftover  # only stale temporaries (cleaned next run)
    assert not finished or proc.p.returncode == 0
    print(f"render seed {seed}: killed {delay} s into the render, output {'complete' if final.exists() else 'absent'}")


def test_workers_ignore_ctrl_c_and_a_cancel_kills_them_at_once():
    """The pool's own contract, without models: SIGINT does not reach a job; a cancel kills it."""
    cancel = threading.Event()
    with pytest.raises(workers.Cancelled), workers.WorkerPool(1, cancel) as pool:
        assert list(pool.map(signal.raise_signal, [(signal.SIGINT,)])) == [None]  # ignored, no traceback
        (pid,) = pool.map(os.getpid, [()])
        threading.Timer(0.3, cancel.set).start()
        list(pool.map(time.sleep, [(60,)]))
    assert wait_until(lambda: not _alive(pid), 2) is not None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_ctrl_c_caught_inside_generated_code_is_marked_handled():
    import ctypes

    # CPython 3.11 (the project's): a KeyboardInterrupt through code exec'd from a string (the
    # methods a dataclass generates) sets this mark even when caught; at exit it can make the
    # interpreter kill itself with SIGINT (-2) instead of exiting 130 (tests/test_safety_real.py)
    mark = ctypes.c_int.in_dll(ctypes.pythonapi, "_Py_UnhandledKeyboardInterrupt")
    try:
        exec("raise KeyboardInterrupt")
    except KeyboardInterrupt:
        pass
    assert mark.value == 1
    handled()
    assert mark.value == 0


def test_a_signal_dropped_in_a_weakref_callback_is_raised_again_until_handled(monkeypatch):
    import sys
    import weakref

    class Box:
        pass

    reported: list = []  # what sys.unraisablehook was given: a traceback on stderr by default
    monkeypatch.setattr(sys, "unraisablehook", reported.append)
    with remembering():
        box = Box()
        ref = weakref.ref(box, lambda r: signalled(KeyboardInterrupt))  # noqa: F841
        del box  # CPython drops the callback's KeyboardInterrupt: "Exception ignored in ..."
        assert reported == []  # not reported: it is raised again instead
        with pytest.raises(KeyboardInterrupt):
            raise_pending()
        with pytest.raises(KeyboardInterrupt):  # still pending: nothing has handled it
            raise_pending()
        handled()
        raise_pending()  # handled: nothing left to raise
        box = Box()
        ref = weakref.ref(box, lambda r: 1 / 0)  # noqa: F841
        del box
    assert [type(r.exc_value) for r in reported] == [ZeroDivisionError]  # others are reported
    assert sys.unraisablehook == reported.append
    raise_pending()
