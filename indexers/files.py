"""Atomic file writes, shared by the index, caches, sessions, the profile and exports.

Every file cutbot writes goes to a temp file in the target's folder and is renamed
over the target, so a reader (or a crash) sees the old file or the new one, never half.
"""
from __future__ import annotations

import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from .errors import CutbotError


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
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
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
