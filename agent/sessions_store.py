"""Saved conversations: one JSON file per film, plus which film each folder used last.

``$CUTBOT_HOME/sessions/<fingerprint[:16]>.json`` holds a session's whole plan history
(every version, the undo cursor, the cuts as planned then), keyed by the film's content
fingerprint so a renamed or moved film finds its session. ``sessions/folders.json`` maps
a working folder to the film of its last session, so ``cutbot "shorter" --continue`` and
a bare ``cutbot "keep the hero"`` know which film is meant. Writes are atomic, mode 0600.

Two processes can share a film's session (a chat and a ``--continue`` single shot). Every
read-modify-write runs under a file lock, and every save records a revision: when the
file changed since this process read or wrote it, the other process's turns are kept
and ours go after them, so nothing either said is lost. A session that never read the
file (a fresh chat, a new single shot) replaces it, as the chat tells its user.
"""
from __future__ import annotations

import json
import logging
import os
import uuid
import weakref
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from cutbot.indexers.errors import CutbotError
from cutbot.indexers.files import atomic_write_text, file_lock
from cutbot.indexers.settings import cutbot_home

if TYPE_CHECKING:
    from .session import Session

log = logging.getLogger(__name__)
SESSION_VERSION = 1
MAX_FOLDERS = 200
# The revision of the file each live Session was last read from or written as (its base).
_BASE: "weakref.WeakKeyDictionary[Session, str]" = weakref.WeakKeyDictionary()


class SessionMissing(CutbotError):
    """There is no saved session to continue (for this film, or in this folder)."""


def atomic_write_json(path: Path, data: Any, mode: int = 0o600) -> Path:
    """Private by default (sessions and the profile are the viewer's own)."""
    return atomic_write_text(path, json.dumps(data, indent=1, ensure_ascii=False) + "\n", mode=mode)


def _read_json(path: Path) -> Optional[dict]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise CutbotError(f"cannot read {path}: {exc}") from exc
    return data if isinstance(data, dict) else None


def sessions_dir(home: str | Path | None = None) -> Path:
    return cutbot_home(home) / "sessions"


def session_path(fingerprint: str, home: str | Path | None = None) -> Path:
    return sessions_dir(home) / f"{fingerprint[:16]}.json"


@dataclass(frozen=True)
class SavedSession:
    """What ``load_session`` found: the film as last seen, when, and the history."""

    film: str
    fingerprint: str
    saved: str
    session: "Session"
    path: Path

    @property
    def versions(self) -> int:
        return len(self.session.history)


def _lock_of(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def save_session(session: "Session", film: str | Path, fingerprint: str,
                 home: str | Path | None = None, folder: str | Path | None = None) -> Path:
    """Write the session of ``film`` and point ``folder`` (default: cwd) at the film.

    When another process saved this session since ``session`` was read or last saved,
    its turns are merged in first (``session`` then holds them too)."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    film = str(Path(film).expanduser().resolve())
    path = session_path(fingerprint, home)
    with file_lock(_lock_of(path)):
        base = _BASE.get(session)
        if base is not None:
            try:
                disk = _read_json(path)
            except CutbotError:
                disk = None  # damaged: ours replaces it
            if disk is not None and disk.get("revision") != base and disk.get("fingerprint") == fingerprint:
                _merge_turns(session, disk.get("session") or {})
        revision = uuid.uuid4().hex
        atomic_write_json(path, {
            "version": SESSION_VERSION, "film": film, "fingerprint": fingerprint, "saved": now,
            "revision": revision, "session": session.to_dict()})
        _BASE[session] = revision
    remember_folder(film, fingerprint, home=home, folder=folder, when=now)
    log.info("session of %s saved to %s", film, path)
    return path


def load_session(fingerprint: str, home: str | Path | None = None) -> Optional[SavedSession]:
    """The saved session of the film with ``fingerprint``, or None when there is none."""
    from .session import Session

    path = session_path(fingerprint, home)
    data = _read_json(path)
    if data is None:
        return None
    if data.get("version", 0) > SESSION_VERSION or data.get("fingerprint") != fingerprint:
        raise CutbotError(f"{path.name} is not a session this cutbot can read")
    try:
        session = Session.from_dict(data["session"])
    except (KeyError, TypeError, ValueError) as exc:
        raise CutbotError(f"the saved session {path} is damaged ({exc}); "
                          "delete it to start afresh") from exc
    _BASE[session] = data.get("revision", "")
    return SavedSession(data.get("film", ""), fingerprint, data.get("saved", ""), session, path)


def _merge_turns(session: "Session", theirs: dict) -> None:
    """Their turns first, then the turns only we have; our cursor moves along with ours."""
    from .session import Session

    try:
        other = Session.from_dict(theirs)
    except (KeyError, TypeError, ValueError):
        return  # theirs is damaged: ours replaces it
    same = lambda t: json.loads(json.dumps(t))  # noqa: E731 - compare as saved (tuples -> lists)
    ours, their_turns = same(session.to_dict()), same(other.to_dict())
    common = 0
    for a, b in zip(ours["turns"], their_turns["turns"]):
        if a != b:
            break
        common += 1
    extra = ours["turns"][common:]
    if not extra and common == len(their_turns["turns"]):
        return  # nothing of theirs is missing here
    cursor = ours["cursor"] if ours["cursor"] <= common else len(their_turns["turns"]) + ours["cursor"] - common
    session.adopt(Session.from_dict({"cursor": cursor, "turns": their_turns["turns"] + extra}))
    log.info("session merged with %d turn(s) saved by another process", len(their_turns["turns"]) - common)


def remember_folder(film: str, fingerprint: str, home: str | Path | None = None,
                    folder: str | Path | None = None, when: str = "") -> None:
    path = sessions_dir(home) / "folders.json"
    with file_lock(_lock_of(path)):  # read-modify-write: another process may add its folder
        folders = (_read_json(path) or {}).get("folders", {})
        key = str(Path(folder or os.getcwd()).resolve())
        folders.pop(key, None)
        folders[key] = {"film": film, "fingerprint": fingerprint, "saved": when}
        atomic_write_json(path, {"version": 1, "folders": dict(list(folders.items())[-MAX_FOLDERS:])})


def last_film(home: str | Path | None = None, folder: str | Path | None = None) -> Optional[Path]:
    """The film of the last session started in ``folder`` (default: cwd), if it still exists."""
    data = _read_json(sessions_dir(home) / "folders.json") or {}
    entry = data.get("folders", {}).get(str(Path(folder or os.getcwd()).resolve()))
    if not entry or not Path(entry.get("film", "")).is_file():
        return None
    return Path(entry["film"])
