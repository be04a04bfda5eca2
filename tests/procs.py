"""Helpers for tests that run real `cutbot` processes: a short clip of the sample film and
its index (built once per test session), process groups, and checks that an index or
an output folder holds nothing half-written. Used by test_interrupt and test_concurrency."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
CUTBOT = Path(sys.executable).with_name("cutbot")
CLIP = (19.0, 12.0)  # start, length: the rocket's last seconds, then the astronaut talking
_CACHE: dict[str, Path] = {}


def clip_film(tmp_path_factory) -> Path:
    """A 12 s re-encoded clip of examples/sample_film.mp4 (speech, a face, two shots)."""
    if "film" not in _CACHE:
        from cutbot.indexers.media import ffmpeg_exe

        src = ROOT / "examples" / "sample_film.mp4"
        if not src.is_file():
            import pytest
            pytest.skip("examples/sample_film.mp4 has not been built")
        out = tmp_path_factory.mktemp("clip") / "clip.mp4"
        subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-ss", str(CLIP[0]), "-t", str(CLIP[1]),
                        "-i", str(src), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", str(out)],
                       check=True)
        _CACHE["film"] = out
    return _CACHE["film"]


def clip_home(tmp_path_factory) -> Path:
    """A CUTBOT_HOME with the clip's complete index, built once with the real models."""
    if "home" not in _CACHE:
        from cutbot.indexers.pipeline import index_film

        film = clip_film(tmp_path_factory)
        home = tmp_path_factory.mktemp("clip_home")
        index_film(film, home=home)
        _CACHE["home"] = home
    return _CACHE["home"]


def index_root(home: Path) -> Path:
    (root,) = [p for p in (Path(home) / "indexes").iterdir() if p.is_dir()]
    return root


def copy_home(src: Path, dst: Path, drop: tuple[str, ...] = ()) -> Path:
    """Copy a CUTBOT_HOME; ``drop`` stages are removed from its index (as if never run)."""
    from cutbot.indexers.store import ALL_STAGE_FILES

    shutil.copytree(src, dst, dirs_exist_ok=True)
    if drop:
        root = index_root(dst)
        man = json.loads((root / "manifest.json").read_text())
        for stage in drop:
            man["stages"].pop(stage, None)
            for f in ALL_STAGE_FILES[stage]:
                (root / f).unlink(missing_ok=True)
        man["complete"] = False
        (root / "manifest.json").write_text(json.dumps(man))
    return dst


def env(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "CUTBOT_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
            "COLUMNS": "120", "PYTHONFAULTHANDLER": "1", **extra}


class Proc:
    """A `cutbot` run in its own process group (as a terminal would start it), output in files."""

    def __init__(self, args: list[str], home: Path, logs: Path, cwd: Path | None = None, stdin=None, **extra):
        logs.mkdir(parents=True, exist_ok=True)
        self.out, self.err = logs / "stdout", logs / "stderr"
        with open(self.out, "wb") as o, open(self.err, "wb") as e:
            self.p = subprocess.Popen([str(CUTBOT), *args], env=env(home, **extra), cwd=cwd, stdout=o,
                                      stderr=e, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                                      start_new_session=True)
        self.pid = self.p.pid

    def wait(self, timeout: float = 120) -> int:
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            os.kill(self.pid, signal.SIGABRT)  # PYTHONFAULTHANDLER: every thread's stack to stderr
            time.sleep(1)
            self.kill_all()
            raise AssertionError(f"still running after {timeout} s: {self.stderr()[-4000:]}") from None

    def kill_all(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.p.wait(10)

    def stderr(self) -> str:
        return self.err.read_text(errors="replace")

    def stdout(self) -> str:
        return self.out.read_text(errors="replace")

    def group(self) -> list[int]:
        """Live processes of this run's process group (the parent and every worker)."""
        return group(self.pid)

    def workers(self) -> list[int]:
        return [pid for pid in self.group() if pid != self.pid and "spawn_main" in _cmdline(pid)]


def group(pgid: int) -> list[int]:
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                if os.getpgid(int(name)) == pgid and _state(int(name)) != "Z":
                    out.append(int(name))
            except (OSError, ValueError):
                pass
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "?"


def wait_until(cond, timeout: float, step: float = 0.05) -> float | None:
    """Seconds until ``cond()`` held, or None when it never did within ``timeout``."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if cond():
            return time.monotonic() - t0
        time.sleep(step)
    return None


def check_index(home: Path) -> dict | None:
    """The index folder holds nothing half-written: the manifest (if any) parses, every
    stage it records has all its files at the recorded sizes, every JSON and .npy file
    loads, and a complete index opens. Returns the manifest (None when there is none)."""
    from cutbot.indexers.store import ALL_STAGE_FILES, open_complete

    roots = [p for p in (Path(home) / "indexes").glob("*") if p.is_dir()] if (Path(home) / "indexes").is_dir() else []
    assert len(roots) <= 1
    if not roots:
        return None
    root = roots[0]
    for f in root.iterdir():
        if f.name.endswith(".part") or f.name == ".lock":
            continue
        if f.suffix == ".json":
            json.loads(f.read_text())
        elif f.suffix == ".npy":
            np.load(f)
    if not (root / "manifest.json").exists():
        return None
    man = json.loads((root / "manifest.json").read_text())
    for stage, entry in man["stages"].items():
        for f in ALL_STAGE_FILES[stage]:
            assert (root / f).stat().st_size == entry["files"][f], f"{stage}: {f} is not what the manifest says"
    if man.get("complete"):
        assert open_complete(root, man["fingerprint"]) is not None
    return man


def probe_duration(path: Path) -> tuple[float, float]:
    """(video, audio) stream durations in seconds, decoded, of a finished video file."""
    import av

    with av.open(str(path)) as c:
        out = []
        for kind in ("video", "audio"):
            stream = next(s for s in c.streams if s.type == kind)
            out.append(float(stream.duration * stream.time_base) if stream.duration else float(c.duration or 0) / 1e6)
    return out[0], out[1]
