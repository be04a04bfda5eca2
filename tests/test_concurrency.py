"""Two processes on one CUTBOT_HOME: index + index of one film, render + render, chat +
single shot on one session, and the profile. Nothing lost, no corrupt JSON, no session
clobbered; the file locks behind it are released even by kill -9."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from cutbot.agent.profile import Profile
from cutbot.agent.sessions_store import last_film, load_session, remember_folder, session_path
from cutbot.indexers.files import file_lock
from fakes import fake_editor
from procs import Proc, check_index, copy_home, index_root, probe_duration, wait_until


# -- the locks and the read-modify-writes, in-process ---------------------------------------------
def test_a_lock_excludes_others_and_dies_with_its_holder(tmp_path):
    lock = tmp_path / "x.lock"
    code = ("import sys, time; from cutbot.indexers.files import file_lock\n"
            "with file_lock(sys.argv[1]):\n    print('held', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(lock)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        waited = []
        got = threading.Event()

        def second():
            with file_lock(lock, on_wait=lambda: waited.append(True)):
                got.set()
        threading.Thread(target=second, daemon=True).start()
        assert not got.wait(0.5) and waited == [True]  # blocked while the holder lives
        os.kill(holder.pid, signal.SIGKILL)  # no cleanup runs: the kernel drops the lock
        assert got.wait(5)
    finally:
        holder.kill()
        holder.wait()


def test_folders_written_by_many_at_once_are_all_kept(cutbot_home_dir, tmp_path):
    def write(k):
        for _ in range(15):
            remember_folder(f"/films/{k}.mp4", f"{k:064d}", folder=tmp_path / f"f{k}")
    threads = [threading.Thread(target=write, args=(k,)) for k in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    folders = json.loads((cutbot_home_dir / "sessions" / "folders.json").read_text())["folders"]
    assert sorted(v["film"] for v in folders.values()) == [f"/films/{k}.mp4" for k in range(6)]


def test_a_second_process_turns_are_kept_when_the_first_saves_again(film):
    chat = fake_editor(film)  # a chat: a fresh session replaces the saved one, as it says
    chat.ask("only the car chases")
    chat.save()
    shot = fake_editor(film)  # a single shot with --continue, at the same time
    assert shot.restore()
    shot.ask("under 25 seconds")
    shot.save()
    chat.ask("also add the beach")
    chat.save()  # merges: the single shot's turn stays, the chat's new turn goes after it
    saved = load_session("f" * 64)
    assert [t.request for t in saved.session.history] == ["only the car chases", "under 25 seconds",
                                                          "also add the beach"]
    assert saved.session.version == 3 and chat.session.version == 3  # the chat holds it too now
    assert chat.undo() is not None and chat.plan == shot.plan  # undo steps back to the other's turn
    chat.save()
    assert load_session("f" * 64).session.version == 2  # an undo alone loses nothing either
    assert len(load_session("f" * 64).session.history) == 3

    fresh = fake_editor(film)  # a new conversation that never read the file replaces it
    fresh.ask("only the beach")
    fresh.save()
    assert [t.request for t in load_session("f" * 64).session.history] == ["only the beach"]


def test_profile_notes_from_two_processes_are_both_kept(cutbot_home_dir):
    a, b = Profile.load(), Profile.load()
    a.note("gore", "dislike", said="I don't like gore")
    b.note("beaches", "like")  # b loaded before a's note: it must not write it away
    a.note("cats", "like")
    assert sorted(p.text for p in Profile.load().preferences) == ["beaches", "cats", "gore"]
    assert b.forget("gore") == 1  # b sees a's note, and its forget sticks
    assert sorted(p.text for p in Profile.load().preferences) == ["beaches", "cats"]


# -- real processes (film_clip and built come from conftest.py) ----------------------------------


@pytest.mark.slow
def test_index_and_index_of_one_film_build_it_once(tmp_path, film_clip, built):
    home = copy_home(built, tmp_path / "home", drop=("sentences",))
    root = index_root(home)
    target = root / "sentences.npy"
    with file_lock(root / ".lock"):  # hold the build until both runs are waiting for it
        runs = [Proc(["index", str(film_clip)], home, tmp_path / f"run{k}") for k in (1, 2)]
        both = wait_until(lambda: all("waiting for another cutbot" in r.stderr() for r in runs), 120)
        assert both is not None, [r.stderr() for r in runs]
    inodes = set()
    while any(r.p.poll() is None for r in runs):  # every rewrite of the stage makes a new inode
        if target.exists():
            inodes.add(target.stat().st_ino)
        time.sleep(0.02)
    assert [r.wait() for r in runs] == [0, 0], [r.stderr() for r in runs]
    inodes.add(target.stat().st_ino)
    assert len(inodes) == 1, "the sentence vectors were built twice"
    assert all("indexed" in r.stdout() for r in runs)
    assert check_index(home)["complete"]
    assert not [p.name for p in root.iterdir() if p.name.endswith(".part")]


@pytest.mark.slow
def test_two_renders_at_once_write_two_whole_files(tmp_path, film_clip, built):
    home = copy_home(built, tmp_path / "home")
    dirs = [tmp_path / "a", tmp_path / "b"]
    runs = []
    for d in dirs:
        d.mkdir()
        runs.append(Proc(["keep person 1", "-i", str(film_clip), "-o", "cut.mp4", "--plan-json", "plan.json"],
                         home, d / "logs", cwd=d))
    assert [r.wait(240) for r in runs] == [0, 0], [r.stderr() for r in runs]
    for d in dirs:
        duration = json.loads((d / "plan.json").read_text())["duration"]
        video, audio = probe_duration(d / "cut.mp4")
        assert abs(video - duration) < 0.1 and abs(audio - duration) < 0.1
        assert last_film(home, folder=d) == film_clip.resolve()  # both folders remembered
    (session,) = (home / "sessions").glob("*[0-9a-f].json")
    assert json.loads(session.read_text())["session"]["turns"]


@pytest.mark.slow
def test_chat_and_single_shot_on_one_session_lose_no_turn(tmp_path, film_clip, built):
    home = copy_home(built, tmp_path / "home")
    from cutbot.indexers.media import fingerprint

    path = session_path(fingerprint(film_clip), home)

    def turns():
        try:
            return [t["request"] for t in json.loads(path.read_text())["session"]["turns"]]
        except (OSError, ValueError, KeyError):
            return None
    chat = Proc(["chat", str(film_clip)], home, tmp_path / "chat", cwd=tmp_path, stdin=subprocess.PIPE)
    try:
        chat.p.stdin.write(b"keep person 1\n")
        chat.p.stdin.flush()
        assert wait_until(lambda: turns() == ["keep person 1"], 180) is not None, chat.stderr()
        shot = Proc(["keep the first 8 seconds", "-i", str(film_clip), "--continue", "--dry-run"], home,
                    tmp_path / "shot", cwd=tmp_path)
        assert shot.wait(180) == 0, shot.stderr()
        assert turns() == ["keep person 1", "keep the first 8 seconds"]
        chat.p.stdin.write(b"under 5 seconds\nquit\n")
        chat.p.stdin.close()
        assert chat.wait(180) == 0, chat.stderr()
    finally:
        chat.kill_all()
    assert turns() == ["keep person 1", "keep the first 8 seconds", "under 5 seconds"], chat.stdout()
    assert load_session(fingerprint(film_clip), home).session.version == 3
