"""Atomic file writes, shared by the index, caches, sessions, the profile and exports,
and the one guard every user-facing output path goes through.

Every file cutbot writes goes to a temp file in the target's folder and is renamed
over the target, so a reader (or a crash) sees the old file or the new one, never half.
Temp names carry the writer's pid (``.NAME.<pid>-XXXX.part``), so the next run in a
folder can remove the ones a killed process left behind (``clean_stale_parts``).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np

from .errors import CutbotError
from .settings import cutbot_home

LIBRARY_DB = "library.sqlite"  # the library's catalogue (indexers/catalogue.py)
HOME_INPUTS = ("indexes", "sessions", "models", "profile.json", "chat_history",
               LIBRARY_DB, LIBRARY_DB + "-wal", LIBRARY_DB + "-shm")
STALE_AGE_S = 6 * 3600  # a temp whose owner is alive is still dropped after this long
LEGACY_STALE_AGE_S = 30 * 60  # temps named before pids were recorded


class UnsafeOutput(CutbotError):
    """An output path that would destroy an input: the source film, a film in the
    library, a folder, or cutbot's own index store."""


def part_prefix(name: str) -> str:
    """The temp-name prefix for ``name``: hidden, and carrying this process's pid."""
    return f".{name}.{os.getpid()}-"


_PART = re.compile(r"^\..+\.(\d+)-[^./]+\.part$")
_LEGACY_PART = re.compile(r"^\..+\.[a-z0-9_]{8}\.part$")
# what a render's work folder holds: a pid-less folder is removed only when it holds no more
_RENDER_WORK = re.compile(r"^(?:(?:output|subs)\.(?:mp4|mov|mkv)|output\.audio\.m4a|subtitles\.srt"
                          r"|graph\.txt|audio\.txt|audio\.m4a|parts\.ffconcat|job\d+_\d+\.ts)$")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # someone else's process: assume it is still writing
    return True


def _render_work(entry: os.DirEntry) -> bool:
    """A pid-less temp is ours only if it is a render work folder (files: not knowable)."""
    try:
        return entry.is_dir(follow_symlinks=False) and all(
            _RENDER_WORK.match(name) for name in os.listdir(entry.path))
    except OSError:
        return False


def clean_stale_parts(folder: str | os.PathLike, now: float | None = None) -> list[Path]:
    """Remove the temp files and folders (``.NAME.<pid>-XXXX.part``) a killed writer
    left in ``folder``: its pid is gone, or it is older than ``STALE_AGE_S``; and render
    work folders named before pids were recorded, once ``LEGACY_STALE_AGE_S`` old.
    Never raises; returns what it removed."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _PART.match(entry.name)
        if m is None and not (_LEGACY_PART.match(entry.name) and _render_work(entry)):
            continue
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if m is not None:
            stale = not _alive(int(m.group(1))) or age > STALE_AGE_S
        else:
            stale = age > LEGACY_STALE_AGE_S
        if not stale:
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed.append(Path(entry.path))
        except OSError:
            pass
    return removed


def library_films(home: str | os.PathLike | None = None) -> Iterator[Path]:
    """The source path of every film indexed under ``CUTBOT_HOME`` (from its manifest), and
    of every film in the library's catalogue, indexed or not."""
    yield from _catalogue_films(home)
    try:
        roots = list(os.scandir(cutbot_home(home) / "indexes"))
    except OSError:
        return
    for root in roots:
        try:
            with open(os.path.join(root.path, "manifest.json"), encoding="utf-8") as fh:
                path = json.load(fh)["media"]["path"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if isinstance(path, str) and path:
            yield Path(path)


def _catalogue_films(home: str | os.PathLike | None) -> list[Path]:
    """Read-only look at the catalogue's paths; [] without one (no import of catalogue: no cycle)."""
    db = cutbot_home(home) / LIBRARY_DB
    if not db.is_file():
        return []
    import sqlite3

    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5.0)
        try:
            return [Path(row[0]) for row in conn.execute("SELECT path FROM films")]
        finally:
            conn.close()
    except sqlite3.Error:
        return []


def _same(st: os.stat_result, other: Path) -> bool:
    try:
        o = other.stat()
    except (OSError, ValueError):
        return False
    return (st.st_dev, st.st_ino) == (o.st_dev, o.st_ino)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError, RuntimeError):
        return False
    return True


def guard_output(path: str | os.PathLike, protected: Iterable[str | os.PathLike | None] = (),
                 *, home: str | os.PathLike | None = None, what: str = "output") -> Path:
    """Refuse (``UnsafeOutput``, one line) an output that is a folder, the same file as
    one of ``protected`` (the inputs of the command: the source film...) or as any film
    in the library, or cutbot's own files (``HOME_INPUTS``), however it is spelt (relative, ``..``,
    symlink, hard link). Returns the path, expanded."""
    p = Path(path).expanduser()
    shown = str(path)
    if p.is_dir():
        raise UnsafeOutput(f"the {what} {shown} is a folder: name a file")
    if any(_inside(p, cutbot_home(home) / part) for part in HOME_INPUTS):
        raise UnsafeOutput(f"refusing to write the {what} {shown} over cutbot's own files "
                           f"(indexes, sessions, models, profile in {cutbot_home(home)})")
    try:
        st = p.stat()
    except (OSError, ValueError):
        return p  # nothing there yet: it cannot be an input
    for other in protected:
        if other is not None and str(other) and _same(st, Path(other).expanduser()):
            raise UnsafeOutput(f"refusing to write the {what} over {shown}: it is the "
                               f"source film (or another input) of this command")
    for film in library_films(home):
        if _same(st, film):
            raise UnsafeOutput(f"refusing to write the {what} over {shown}: it is a film "
                               f"in the library ({film.name})")
    return p


def default_mode() -> int:
    """0o666 less the umask: what ``open()`` would give (mkstemp's 0o600 is too tight)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | os.PathLike, write: Callable[[str], None], *, mode: int | None = None,
                 error: type[CutbotError] | None = None) -> Path:
    """``write(tmp_path)``, then rename over ``path``. An OSError becomes one line of
    ``error`` when given (user-facing files); otherwise it propagates (callers decide)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=part_prefix(path.name), suffix=".part")
        os.close(fd)
    except OSError as exc:
        if error is None:
            raise
        raise error(f"cannot write to {path.parent}: {exc.strerror or exc}") from exc
    try:
        write(tmp)
        os.chmod(tmp, default_mode() if mode is None else mode)
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if error is not None and isinstance(exc, OSError):
            raise error(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise
    return path


def atomic_write_text(path: str | os.PathLike, text: str, *, mode: int | None = None,
                      error: type[CutbotError] | None = CutbotError) -> Path:
    """UTF-8 text, flushed to disk before the rename."""
    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
    return atomic_write(path, write, mode=mode, error=error)


def atomic_save_npy(path: str | os.PathLike, array: np.ndarray, *, mode: int | None = None) -> Path:
    """``np.save`` through a file handle, so the temp name gets no extra ``.npy``."""
    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            np.save(fh, array)
    return atomic_write(path, write, mode=mode)


@contextmanager
def file_lock(path: str | os.PathLike, on_wait: Callable[[], None] | None = None) -> Iterator[Path]:
    """Hold an exclusive ``flock`` on ``path`` (a lock file beside what it guards) for a
    read-modify-write or a build that two processes could run at once. A second process
    blocks (calling ``on_wait`` first) until the first is done; the kernel drops the lock
    when its holder dies, kill -9 included, so a crash never leaves a stale lock behind.
    Without ``fcntl`` (Windows) the block runs unlocked."""
    path = Path(path)
    try:
        import fcntl
    except ImportError:  # pragma: no cover - no flock on this platform
        yield path
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited and on_wait is not None:
                    on_wait()
                waited = True
                time.sleep(0.1)  # polled, not a blocking flock: Ctrl-C is handled within 0.1 s
        yield path
    finally:
        os.close(fd)  # closing the descriptor releases the lock
