"""Pictures for the page: one thumbnail per shot and a face per person, made once.

They are cached beside the index (``<index>/thumbs/``), so a second server on the same
film, or a restart, serves them straight from disk. Thumbnails come from ffmpeg
(imageio-ffmpeg's build), one frame from the middle of the shot, 160 px wide; the
file is written to a temporary name and renamed, so a half-made picture is never served.
"""
from __future__ import annotations

import subprocess
import threading
from pathlib import Path
from typing import Optional

from cutbot.indexers.files import atomic_write
from cutbot.indexers.media import ffmpeg_exe
from cutbot.indexers.store import Index

THUMB_WIDTH = 160
_MAKING = threading.BoundedSemaphore(2)  # ffmpeg processes at once: the machine has other work
_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def thumbs_dir(index: Index) -> Path:
    """One folder per build of the index: a re-index (which may renumber people) starts afresh."""
    import hashlib
    build = hashlib.sha256(f"{getattr(index, 'created', '')}|{index.media.fingerprint}".encode()).hexdigest()[:12]
    return Path(index.root) / "thumbs" / build


def _lock(path: Path) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(path, threading.Lock())


def _cached(path: Path, make) -> Optional[Path]:
    """``path``, made once by ``make(tmp)`` (under a per-file lock, written to a temporary
    name and renamed); None when making it failed."""
    if path.is_file():
        return path
    with _lock(path):
        if path.is_file():
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            atomic_write(path, lambda tmp: make(Path(tmp)), error=None)
        except (OSError, subprocess.SubprocessError, ValueError):
            return None
    return path


def _frame_jpeg(film: str | Path, at: float):
    """A maker of one JPEG frame of ``film`` at ``at`` seconds, THUMB_WIDTH wide (ffmpeg)."""
    def make(tmp: Path) -> None:
        cmd = [ffmpeg_exe(), "-nostdin", "-v", "error", "-ss", f"{max(0.0, at):.3f}", "-i", str(film),
               "-frames:v", "1", "-vf", f"scale={THUMB_WIDTH}:-2", "-q:v", "5", "-f", "image2",
               "-y", str(tmp)]
        with _MAKING:
            subprocess.run(cmd, check=True, capture_output=True, timeout=60)
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise OSError("ffmpeg made no picture")
    return make


def shot_thumbnail(index: Index, shot: int) -> Optional[Path]:
    """The JPEG of shot ``shot`` (0-based, as in the index), made on first request;
    None when the index has no such shot or the film has no picture."""
    if not 0 <= shot < len(index.shots) or not index.media.has_video:
        return None
    s = index.shots[shot]
    at = min(s.start + s.duration / 2, index.media.duration - 0.05)
    return _cached(thumbs_dir(index) / f"shot{shot:05d}.jpg", _frame_jpeg(index.media.path, at))


def poster(folder: Path, key: str, film: str | Path, duration: float) -> Optional[Path]:
    """A film's picture for the library list (a frame a third of the way in), cached as
    ``folder/key.jpg``; works before the film is indexed."""
    return _cached(folder / f"{key}.jpg", _frame_jpeg(film, duration / 3 if duration > 0 else 0.0))


def face_picture(index: Index, person: int) -> Optional[Path]:
    """The PNG of person ``person``'s representative face (row id-1 of the crops)."""
    crops = getattr(index, "face_crops", ())
    if not any(p.id == person for p in index.people) or not 1 <= person <= len(crops):
        return None

    def make(tmp: Path) -> None:
        from PIL import Image
        Image.fromarray(crops[person - 1]).save(tmp, format="PNG")
    return _cached(thumbs_dir(index) / f"person{person:03d}.png", make)
