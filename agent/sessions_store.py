"""Saved conversations: one JSON file per film, plus which film each folder used last.

``$CUTBOT_HOME/sessions/<fingerprint[:16]>.json`` holds a session's whole plan history
(every version, the undo cursor, the cuts as planned then), keyed by the film's content
fingerprint so a renamed or moved film finds its session. ``sessions/folders.json`` maps
a working folder to the film of its last session, so ``cutbot "shorter" --continue`` and
a bare ``cutbot "keep the hero"`` know which film is meant. Writes are atomic, mode 0600.
"""
from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

from cutbot.indexers.errors import CutbotError
from cutbot.indexers.files import atomic_write_text
from cutbot.indexers.settings import cutbot_home

if TYPE_CHECKING:
    from .session import Session

log = logging.getLogger(__name__)
SESSION_VERSION = 1
MAX_FOLDERS = 200


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


def save_session(session: "Session", film: str | Path, fingerprint: str,
                 home: str | Path | None = None, folder: str | Path | None = None) -> Path:
    """Write the session of ``film`` and point ``folder`` (default: cwd) at the film."""
    now = datetime.now(timezone.utc).isoformat(timespec="seconds")
    film = str(Path(film).expanduser().resolve())
    path = atomic_write_json(session_path(fingerprint, home), {
        "version": SESSION_VERSION, "film": film, "fingerprint": fingerprint, "saved": now,
        "session": session.to_dict()})
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
    return SavedSession(data.get("film", ""), fingerprint, data.get("saved", ""), session, path)


def remember_folder(film: str, fingerprint: str, home: str | Path | None = None,
                    folder: str | Path | None = None, when: str = "") -> None:
    path = sessions_dir(home) / "folders.json"
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
