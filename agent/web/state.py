"""What the web server holds: one film's Editor, a session per browser tab, and jobs.

Every tab gets its own ``Editor`` over the shared index, scorer and parser, so two tabs
on the same film never see each other's turns. Saves write a copy of the tab's session
(``sessions_store`` then replaces the file whole, under its lock), so the saved session is
always one tab's complete, consistent history and never a mix of two.
"""
from __future__ import annotations

import logging
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from cutbot.indexers.errors import CutbotError
from cutbot.indexers.settings import cutbot_home

from ..editor import Editor
from ..session import Session
from ..sessions_store import save_session

log = logging.getLogger(__name__)
MAX_TABS = 64  # oldest tab sessions are forgotten past this (each holds its plan history)
FORMATS = ("mp4", "otio", "edl", "fcpxml", "srt", "json")


def new_id() -> str:
    return secrets.token_hex(16)


@dataclass
class Progress:
    """Where a long step stands, read by the Server-Sent Events streams."""

    state: str = "running"  # running | done | failed
    stage: str = ""
    done: float = 0.0
    total: float = 0.0
    message: str = ""

    def to_dict(self) -> dict:
        share = min(1.0, self.done / self.total) if self.total > 0 else 0.0
        return {"state": self.state, "stage": self.stage, "done": round(self.done, 3),
                "total": round(self.total, 3), "share": round(share, 4), "message": self.message}


@dataclass
class Job:
    """One render or export: its output lives in a folder the server chose."""

    id: str
    fmt: str
    progress: Progress = field(default_factory=Progress)
    path: Optional[Path] = None
    duration: Optional[float] = None


class WebState:
    """The film (opened in the background, with progress), tabs and jobs of one server."""

    WAITING = "the film is still being indexed"  # the 503 until it is ready

    def __init__(self, opener: Callable[[Callable], Editor], token: str | None = None,
                 home: str | Path | None = None):
        self.token = token or secrets.token_urlsafe(24)
        self.home = home
        self.base: Optional[Editor] = None
        self.indexing = Progress(stage="starting")
        self.tabs: dict[str, Editor] = {}
        self.jobs: dict[str, Job] = {}
        self.lock = threading.RLock()  # planning and the tab table
        self.render_lock = threading.Lock()  # one render at a time: they use every core
        self._opener = opener
        self.outputs = cutbot_home(home) / "web" / "outputs"

    # -- the film ------------------------------------------------------------------
    def open(self, background: bool = True) -> None:
        """Open (and index when needed) the film; the page shows the progress meanwhile."""
        def run():
            def progress(stage, done, total):
                self.indexing = Progress("running", str(stage), float(done or 0), float(total or 0))
            try:
                editor = self._opener(progress)
            except CutbotError as exc:
                self.indexing = Progress("failed", message=str(exc))
                return
            except Exception as exc:  # noqa: BLE001 - shown on the page in one line
                log.exception("opening the film failed")
                self.indexing = Progress("failed", message=f"unexpected {type(exc).__name__}: {exc}")
                return
            self.base = editor
            self.indexing = Progress("done", "ready", 1.0, 1.0)
        if background:
            threading.Thread(target=run, name="cutbot-web-open", daemon=True).start()
        else:
            run()

    @property
    def ready(self) -> bool:
        return self.base is not None

    @property
    def film_id(self) -> str:
        return self.base.index.media.fingerprint[:16] if self.base else ""

    @property
    def film(self) -> Path:
        return Path(self.base.index.media.path) if self.base else Path()

    def index_of(self, film_id: str):
        """The index of the film the browser calls ``film_id`` (None: not one of ours)."""
        return self.base.index if self.base is not None and film_id == self.film_id else None

    def output_stem(self, editor: Editor) -> str:
        """What outputs are named after (``<stem>.cut.mp4``)."""
        return Path(editor.index.media.path).stem

    def sources(self, editor: Editor) -> list:
        """The films no output may overwrite, whatever it is called."""
        return [editor.index.media.path]

    # -- tabs ------------------------------------------------------------------------
    def new_tab(self, resume: bool = False) -> str:
        """A fresh conversation for one browser tab (``resume``: a copy of the saved one)."""
        base = self.base
        assert base is not None
        editor = Editor(base.index, scorer=base.scorer, parser=base.parser,
                        profile=base.profile, home=self.home)
        editor.vocabulary = base.vocabulary  # already warm: a tab opens at once
        if resume:
            editor.restore()
            editor.session = Session.from_dict(editor.session.to_dict())  # ours alone
        return self._add_tab(editor)

    def _add_tab(self, editor: Editor) -> str:
        sid = new_id()
        with self.lock:
            self.tabs[sid] = editor
            while len(self.tabs) > MAX_TABS:
                self.tabs.pop(next(iter(self.tabs)))
        return sid

    def tab(self, sid: str) -> Optional[Editor]:
        with self.lock:
            return self.tabs.get(sid)

    def save_tab(self, editor: Editor) -> Optional[Path]:
        """Save a copy of the tab's history: the file is replaced whole, never merged
        with another tab's turns (which would leak them into this tab)."""
        copy = Session.from_dict(editor.session.to_dict())
        media = editor.index.media
        return save_session(copy, media.path, media.fingerprint, home=self.home)

    # -- render and export -------------------------------------------------------------
    def start_job(self, editor: Editor, fmt: str) -> Job:
        """Render (mp4) or export (the others) the tab's cut in the background."""
        if fmt not in FORMATS:
            raise CutbotError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
        cut = editor.cut
        if cut is None:
            raise CutbotError("nothing to render yet: ask for a cut first")
        job = Job(new_id(), fmt, Progress(stage="waiting", total=cut.duration))
        folder = self.outputs / job.id
        out = folder / f"{self.output_stem(editor)}.cut.{fmt}"
        with self.lock:
            self.jobs[job.id] = job

        def progress(done, total):
            job.progress = Progress("running", "rendering", float(done), float(total))

        def run():
            from cutbot.indexers.files import guard_output
            try:
                folder.mkdir(parents=True, exist_ok=True)
                guard_output(out, self.sources(editor), home=self.home)
                with self.render_lock:
                    job.progress = Progress("running", "rendering" if fmt == "mp4" else "exporting",
                                            0.0, cut.duration)
                    if fmt == "mp4":
                        result = editor.render(out, cut=cut, progress=progress)
                        job.path, job.duration = Path(result.path), result.duration
                    else:
                        job.path = Path(editor.export(out, fmt, cut=cut))
                        job.duration = cut.duration
                job.progress = Progress("done", "done", cut.duration, cut.duration,
                                        f"wrote {job.path.name}")
            except CutbotError as exc:
                job.progress = Progress("failed", message=str(exc))
            except Exception as exc:  # noqa: BLE001 - one line on the page
                log.exception("render failed")
                job.progress = Progress("failed", message=f"unexpected {type(exc).__name__}: {exc}")
        threading.Thread(target=run, name=f"cutbot-web-{fmt}", daemon=True).start()
        return job

    def job(self, jid: str) -> Optional[Job]:
        with self.lock:
            return self.jobs.get(jid)


def wait_for(predicate: Callable[[], bool], timeout: float, step: float = 0.05) -> bool:
    """Poll ``predicate`` until it holds or ``timeout`` passes (for tests and the CLI)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(step)
    return predicate()
