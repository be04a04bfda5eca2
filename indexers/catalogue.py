"""The library's catalogue: which films there are, where they are, and how far their index is.

One SQLite file, ``cutbot_home()/library.sqlite``, keyed by the film's content fingerprint
(``media.fingerprint``, the key the per-film index already uses), so a film that moves
keeps its index: adding it again at its new place only updates its path. Two cutbot
processes may use it at once: WAL mode lets readers go on while one writes, every write
takes the write lock first (``BEGIN IMMEDIATE``), so there is one writer at a time and
never a deadlock between two upgrading readers, and a busy timeout makes the second
writer wait instead of failing. The catalogue only records; the per-film index on disk
stays the unit of work and of caching (``store.index_dir``).
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import CutbotError, MediaError
from .files import LIBRARY_DB as CATALOGUE_FILE
from .files import file_lock
from .settings import cutbot_home
from .store import index_dir, read_manifest

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 60.0  # a second writer waits this long for the first (a whole add of a big folder)
STATES = ("new", "indexing", "indexed", "failed")
VIDEO_EXTENSIONS = frozenset({".mp4", ".m4v", ".mov", ".mkv", ".webm", ".avi", ".mpg", ".mpeg",
                              ".ts", ".mts", ".m2ts", ".wmv", ".flv", ".ogv", ".3gp"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS films (
    fingerprint TEXT PRIMARY KEY,
    path        TEXT NOT NULL,
    name        TEXT NOT NULL,
    duration    REAL NOT NULL DEFAULT 0,
    state       TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'indexing', 'indexed', 'failed')),
    index_root  TEXT,
    people      INTEGER NOT NULL DEFAULT 0,
    indexed_at  REAL,
    error       TEXT,
    added_at    REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS films_path ON films(path);
"""


class CatalogueError(CutbotError):
    """The library cannot do what was asked (a film not in it, an ambiguous name, a bad path)."""


class FilmNotInLibrary(CatalogueError):
    """No film in the library answers to that name, path or fingerprint."""


@dataclass(frozen=True)
class FilmRecord:
    """One film of the library, as the catalogue knows it."""

    fingerprint: str
    path: Path
    name: str
    duration: float
    state: str  # "new" | "indexing" | "indexed" | "failed"
    index_root: Path | None
    people: int
    indexed_at: float | None
    error: str | None

    @property
    def short(self) -> str:
        """The fingerprint prefix the index folder is named by (``store.index_dir``)."""
        return self.fingerprint[:16]


def _record(row: sqlite3.Row) -> FilmRecord:
    return FilmRecord(fingerprint=row["fingerprint"], path=Path(row["path"]), name=row["name"],
                      duration=float(row["duration"]), state=row["state"],
                      index_root=Path(row["index_root"]) if row["index_root"] else None,
                      people=int(row["people"]), indexed_at=row["indexed_at"], error=row["error"])


def video_files(paths: Iterable[str | os.PathLike]) -> list[Path]:
    """Every film named: files as given, folders searched recursively for video extensions.

    A missing path, or a folder with no film in it, is a one-line ``CatalogueError``."""
    found: list[Path] = []
    for given in paths:
        p = Path(given).expanduser()
        if p.is_dir():
            inside = sorted(f for f in p.rglob("*") if f.suffix.lower() in VIDEO_EXTENSIONS and f.is_file()
                            and not f.name.startswith("."))
            if not inside:
                raise CatalogueError(f"no films in {p} (looked for {', '.join(sorted(VIDEO_EXTENSIONS))})")
            found += inside
        elif p.is_file():
            found.append(p)
        else:
            raise CatalogueError(f"no such file or folder: {p}")
    seen: set[Path] = set()
    out = []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            out.append(r)
    return out


def _existing_index(fp: str, home: Path) -> tuple[Path | None, int, float | None]:
    """An index already built for this film (say by ``cutbot index``): its folder, people, time."""
    root = index_dir(fp, home)
    man = read_manifest(root)
    if not man or not man.get("complete") or man.get("fingerprint") != fp:
        return None, 0, None
    people = 0
    try:
        with open(root / "faces.json", encoding="utf-8") as fh:
            people = len(json.load(fh).get("people", []))
    except (OSError, ValueError, AttributeError):
        pass
    try:
        when = (root / "manifest.json").stat().st_mtime
    except OSError:
        when = None
    return root, people, when


class Catalogue:
    """The films of the library in SQLite; safe to use from two processes at once."""

    def __init__(self, db: Path, home: Path):
        self.db, self.home = db, home
        db.parent.mkdir(parents=True, exist_ok=True)
        # Opening sets WAL mode and the schema: SQLite can answer "locked" at once (no busy
        # wait) when two processes do that together, so the opening itself is serialised.
        with file_lock(db.with_name(db.name + ".lock")):
            self._connect(db)

    def _connect(self, db: Path) -> None:
        try:
            self._conn = sqlite3.connect(str(db), timeout=BUSY_TIMEOUT_S, isolation_level=None,
                                         check_same_thread=False)
            self._conn.row_factory = sqlite3.Row
            self._conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            mode = self._conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":  # pragma: no cover - a filesystem without shared memory
                log.warning("the library catalogue %s is in %s mode, not WAL", db, mode)
            self._conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt
            with self._write() as c:
                for statement in _SCHEMA.split(";"):  # executescript would commit our transaction
                    if statement.strip():
                        c.execute(statement)
                c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise CatalogueError(f"cannot open the library catalogue {db}: {exc}") from None

    @classmethod
    def open(cls, home: str | os.PathLike | None = None) -> "Catalogue":
        """The catalogue under ``home`` (default ``CUTBOT_HOME``), created when missing."""
        h = cutbot_home(home)
        return cls(h / CATALOGUE_FILE, h)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Catalogue":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: takes the write lock at once, so writers queue, never deadlock."""
        c = self._conn
        c.execute("BEGIN IMMEDIATE")
        try:
            yield c
        except BaseException:
            c.execute("ROLLBACK")
            raise
        c.execute("COMMIT")

    # -- adding and removing ---------------------------------------------------------
    def add(self, *paths: str | os.PathLike) -> list[FilmRecord]:
        """Add films (files, or folders searched recursively); a film already in the library
        (same content) gets its new path and keeps its index. A file that is not a readable
        film is added as ``failed`` with the reason, so one bad file never stops a folder."""
        from .media import fingerprint, probe

        files = video_files(paths)
        facts = []
        for f in files:  # probe outside the write lock: it reads the files
            try:
                info = probe(f)
                facts.append((info.fingerprint, f, info.duration, None))
            except MediaError as exc:
                try:
                    fp = fingerprint(f)
                except OSError as os_exc:
                    raise CatalogueError(f"cannot read {f}: {os_exc.strerror or os_exc}") from None
                facts.append((fp, f, 0.0, str(exc)))
        now = time.time()
        with self._write() as c:
            for fp, f, duration, error in facts:
                row = c.execute("SELECT * FROM films WHERE fingerprint = ?", (fp,)).fetchone()
                if row is not None:
                    if row["path"] != str(f):
                        log.info("%s moved: %s -> %s (its index is kept)", row["name"], row["path"], f)
                    c.execute("UPDATE films SET path = ?, name = ?, duration = ? WHERE fingerprint = ?",
                              (str(f), f.name, duration or row["duration"], fp))
                    if error is None and row["state"] == "failed":  # readable now: try it again
                        c.execute("UPDATE films SET state = 'new', error = NULL WHERE fingerprint = ?", (fp,))
                    continue
                root, people, when = _existing_index(fp, self.home) if error is None else (None, 0, None)
                state = "failed" if error else ("indexed" if root else "new")
                c.execute("INSERT INTO films (fingerprint, path, name, duration, state, index_root, people, "
                          "indexed_at, error, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (fp, str(f), f.name, duration, state, str(root) if root else None, people, when,
                           error, now))
            fps = [fp for fp, *_ in facts]
            rows = {r["fingerprint"]: _record(r) for r in self._rows(c, fps)}
        return [rows[fp] for fp in dict.fromkeys(fps)]

    def remove(self, film: str, *, delete_index: bool = False) -> FilmRecord:
        """Take a film out of the library (never the film itself); ``delete_index`` also
        deletes its index folder, which a later ``cutbot index`` would have to rebuild."""
        rec = self.get(film)
        with self._write() as c:
            c.execute("DELETE FROM films WHERE fingerprint = ?", (rec.fingerprint,))
        if delete_index:
            root = index_dir(rec.fingerprint, self.home)
            if root.is_dir():
                shutil.rmtree(root, ignore_errors=True)
        return rec

    # -- reading ---------------------------------------------------------------------
    @staticmethod
    def _rows(c: sqlite3.Connection, fps: list[str]) -> list[sqlite3.Row]:
        if not fps:
            return []
        marks = ",".join("?" * len(fps))
        return c.execute(f"SELECT * FROM films WHERE fingerprint IN ({marks})", fps).fetchall()

    def films(self, indexed_only: bool = False) -> list[FilmRecord]:
        """Every film, by name; ``indexed_only``: only those whose index is finished."""
        sql = "SELECT * FROM films" + (" WHERE state = 'indexed'" if indexed_only else "")
        rows = self._conn.execute(sql + " ORDER BY name COLLATE NOCASE, path").fetchall()
        return [_record(r) for r in rows]

    def get(self, film: str) -> FilmRecord:
        """The one film that answers to ``film``: its path, its file name (with or without
        the extension), or a fingerprint prefix (at least 6 characters)."""
        key = str(film).strip()
        if not key:
            raise FilmNotInLibrary("name a film of the library (its name, path or fingerprint)")
        rows = self._conn.execute("SELECT * FROM films WHERE fingerprint = ?", (key.lower(),)).fetchall()
        if not rows:
            p = Path(key).expanduser()
            try:
                resolved = str(p.resolve())
            except (OSError, RuntimeError):
                resolved = str(p)
            rows = self._conn.execute("SELECT * FROM films WHERE path = ? OR path = ?", (resolved, key)).fetchall()
        if not rows:
            all_rows = self._conn.execute("SELECT * FROM films").fetchall()
            rows = [r for r in all_rows if r["name"] == key] or \
                   [r for r in all_rows if Path(r["name"]).stem == key] or \
                   [r for r in all_rows if r["name"].lower() == key.lower()
                    or Path(r["name"]).stem.lower() == key.lower()]
            if not rows and len(key) >= 6 and all(ch in "0123456789abcdef" for ch in key.lower()):
                rows = [r for r in all_rows if r["fingerprint"].startswith(key.lower())]
        if not rows:
            raise FilmNotInLibrary(f"no film called {key!r} in the library (see `cutbot library list`)")
        if len(rows) > 1:
            names = ", ".join(f"{r['path']} ({r['fingerprint'][:8]})" for r in rows[:4])
            raise CatalogueError(f"{key!r} names {len(rows)} films: {names}; give a path or a fingerprint")
        return _record(rows[0])

    def by_id(self, film_id: str) -> FilmRecord | None:
        """The one film whose fingerprint starts with ``film_id`` (the web page's 16 hex
        digits), None when no film or several do: a range over the key, so one row is read
        however large the library (the page asks once per poster)."""
        key = film_id.lower()
        rows = self._conn.execute("SELECT * FROM films WHERE fingerprint >= ? AND fingerprint < ? "
                                  "LIMIT 2", (key, key + "g")).fetchall()
        return _record(rows[0]) if len(rows) == 1 and key else None

    def by_fingerprint(self, fingerprint: str) -> FilmRecord | None:
        row = self._conn.execute("SELECT * FROM films WHERE fingerprint = ?", (fingerprint,)).fetchone()
        return _record(row) if row is not None else None

    # -- indexing state --------------------------------------------------------------
    def mark(self, fingerprint: str, state: str, *, index_root: str | os.PathLike | None = None,
             people: int | None = None, error: str | None = None) -> None:
        """Record how far a film's index is; ``indexed`` stamps the time and clears the error."""
        if state not in STATES:
            raise ValueError(f"unknown film state {state!r} (one of {', '.join(STATES)})")
        sets, args = ["state = ?"], [state]
        if index_root is not None:
            sets.append("index_root = ?")
            args.append(str(index_root))
        if people is not None:
            sets.append("people = ?")
            args.append(int(people))
        if state == "indexed":
            sets += ["indexed_at = ?", "error = NULL"]
            args.append(time.time())
        elif state == "failed":
            sets.append("error = ?")
            args.append((error or "indexing failed").splitlines()[0][:500])
        elif state == "indexing":
            sets.append("error = NULL")
        with self._write() as c:
            cur = c.execute(f"UPDATE films SET {', '.join(sets)} WHERE fingerprint = ?", (*args, fingerprint))
            if cur.rowcount == 0:
                raise FilmNotInLibrary(f"no film with fingerprint {fingerprint[:16]} in the library")

    def mark_many(self, fingerprints: Iterable[str], state: str) -> None:
        """One transaction for a batch (a run marks its whole queue ``indexing``)."""
        with self._write() as c:
            c.executemany("UPDATE films SET state = ?, error = NULL WHERE fingerprint = ?",
                          [(state, fp) for fp in fingerprints])

    def integrity_ok(self) -> bool:
        """SQLite's own check of the file (``PRAGMA integrity_check``)."""
        try:
            rows = self._conn.execute("PRAGMA integrity_check").fetchall()
        except sqlite3.DatabaseError:
            return False
        return [tuple(r) for r in rows] == [("ok",)]

