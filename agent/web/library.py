"""`cutbot serve --library`: the library's films first, a film's page by its id, and one ask
box over every film at once.

The routes are the single film's (``app.film_api``) twice over: once at the top over a
``LibraryWebState``, whose tabs are ``LibraryEditor``s planning across the library (so
say, why, undo, render, export and downloads work as for one film), and once per film
under ``/f/<film id>/``, each over its own ``WebState``, opened when the viewer picks it
(indexed there when it is not yet). The browser names films by the first 16 hex digits of
their fingerprint, never by path; an id the library does not hold is a 404.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from html import escape
from pathlib import Path
from string import Template
from typing import Optional

from fastapi import Path as PathParam
from fastapi.responses import JSONResponse

from cutbot.indexers.errors import CutbotError, IndexMissing
from cutbot.indexers.settings import cutbot_home

from ..cut import fmt_time
from ..editor import Editor
from ..library import Library, LibraryEditor
from .app import film_api, picture
from .guard import Guard
from .pages import _read, render_bar
from .pictures import poster
from .state import WebState

FILM_ID = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class FilmEntry:
    """One film as the library page lists it (the path stays on the server)."""

    id: str
    name: str
    path: Path
    duration: float
    state: str  # new | indexing | indexed | failed (the catalogue's states)
    fingerprint: str

    @classmethod
    def of(cls, record) -> "FilmEntry":
        """From the catalogue's ``FilmRecord``."""
        return cls(record.fingerprint[:16], record.name, Path(record.path), record.duration,
                   record.state, record.fingerprint)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "duration": round(self.duration, 3),
                "length": fmt_time(self.duration), "state": self.state,
                "indexed": self.state == "indexed", "poster": f"/poster/{self.id}.jpg",
                "page": f"/f/{self.id}/"}


class LibraryWebState(WebState):
    """The library's tabs (each a ``LibraryEditor``) and jobs, plus one ``WebState`` per
    film the viewer opened."""

    WAITING = "the library's indexes are still loading"

    def __init__(self, library: Library, token: str | None = None, home: str | Path | None = None):
        self.library = library
        self._loading = threading.Lock()  # the library's indexes are loaded once, by one thread
        super().__init__(self._open_library, token=token, home=home)
        self.films: dict[str, WebState] = {}
        self._films_lock = threading.Lock()  # not ``lock``: a plan across the library holds that
        self.posters = cutbot_home(home) / "web" / "posters"

    def _open_library(self, progress) -> LibraryEditor:
        progress("loading the library's indexes", 0, 1)
        with self._loading:
            if not self.library.loaded():
                raise IndexMissing("the library has no indexed film yet: pick one to index it, or "
                                   "run `cutbot library index`")
            return LibraryEditor(self.library, home=self.home)

    # -- the films -------------------------------------------------------------------
    def entries(self) -> list[FilmEntry]:
        """Every film of the library (catalogue order: by name), indexed or not."""
        try:
            records = self.library.films()
        except CutbotError:  # a library made of loaded indexes (apps, tests): all indexed
            with self._loading:
                return [FilmEntry(f.fingerprint[:16], f.name, Path(f.path), f.index.media.duration,
                                  "indexed", f.fingerprint) for f in self.library.loaded()]
        return [FilmEntry.of(r) for r in records]

    def entry(self, film_id: str) -> Optional[FilmEntry]:
        """One film by id: one catalogue row (each poster asks), not the whole catalogue."""
        if not FILM_ID.match(film_id):
            return None
        try:
            catalogue = self.library.catalogue
        except CutbotError:  # a library made of loaded indexes: they are all in memory
            return next((e for e in self.entries() if e.id == film_id), None)
        record = catalogue.by_id(film_id)
        return FilmEntry.of(record) if record is not None else None

    def film_state(self, film_id: str) -> Optional[WebState]:
        """The picked film's own state (opened, and indexed when needed, in the background)."""
        with self._films_lock:
            known = self.films.get(film_id)
        if known is not None:
            return known
        entry = self.entry(film_id)
        if entry is None:
            return None
        with self._films_lock:
            if film_id not in self.films:
                state = WebState(lambda progress: self._open_film(entry, progress),
                                 token=self.token, home=self.home)
                self.films[film_id] = state
                state.open(background=True)
            return self.films[film_id]

    def _open_film(self, entry: FilmEntry, progress) -> Editor:
        """An indexed film reuses the library's loaded index and scorer; another is indexed
        now (progress on its page), recorded as indexed, and joins the library's asks."""
        if entry.state == "indexed":
            with self._loading:
                films = self.library.loaded()
            for f in films:
                if f.fingerprint == entry.fingerprint:
                    return Editor(f.index, scorer=f.scorer, profile=self._profile(), home=self.home)
        editor = Editor.open(entry.path, progress=progress, home=self.home)
        editor.profile = self._profile() or editor.profile
        try:
            self.library.catalogue.mark(entry.fingerprint, "indexed", index_root=editor.index.root,
                                        people=len(editor.index.people))
        except CutbotError:
            return editor
        with self._loading:
            self.library.refresh()  # the next ask loads the new index too
        if self.indexing.state == "failed":  # the library had no indexed film: it has one now
            self.open(background=True)
        return editor

    def _profile(self):
        """One profile for the whole server: what a film's page learns, the library's asks use."""
        return self.base.profile if self.base is not None else None

    def index_of(self, film_id: str):
        """Any loaded film of the library (the player switches films for Play the cut)."""
        if self.base is None or not FILM_ID.match(film_id):
            return None
        with self._loading:
            films = self.library.loaded()
        return next((f.index for f in films if f.fingerprint[:16] == film_id), None)

    @property
    def film_id(self) -> str:
        return ""  # no single film: the people routes answer 404 here

    # -- tabs and outputs --------------------------------------------------------------
    def new_tab(self, resume: bool = False) -> str:
        """A conversation across the library for one browser tab (none is saved to resume)."""
        base = self.base
        assert base is not None
        editor = LibraryEditor(self.library, home=self.home, parser=base.parser, profile=base.profile)
        editor.vocabulary = base.vocabulary
        return self._add_tab(editor)

    def save_tab(self, editor) -> Optional[Path]:
        return None  # LibraryEditor.save: a conversation across films is exported, not saved

    def output_stem(self, editor) -> str:
        return "library"

    def sources(self, editor) -> list:
        return [e.path for e in self.entries()]


def library_page(state: LibraryWebState, base: str = "") -> str:
    """The film list (each opens its page by id) and the ask box across the library."""
    entries = state.entries()
    films = "\n".join(_film_item(e) for e in entries) or \
        '<li class="empty">the library is empty: cutbot library add FILM_OR_FOLDER</li>'
    indexed = sum(e.state == "indexed" for e in entries)
    return Template(_read("library.html")).substitute(
        count=len(entries), indexed=indexed, films=films,
        render=render_bar())


def _film_item(e: FilmEntry) -> str:
    state = "indexed" if e.state == "indexed" else ("not indexed yet: opening it indexes it"
                                                   if e.state != "failed" else "failed to index")
    return (f'<li class="film {escape(e.state)}" data-id="{e.id}"><a href="/f/{e.id}/">'
            f'<img loading="lazy" alt="" src="/poster/{e.id}.jpg">'
            f'<span class="fname">{escape(e.name)}</span></a>'
            f'<span class="small">{fmt_time(e.duration)} &middot; <span class="fstate">{state}</span>'
            f'</span></li>')


class _Films:
    """``/f/<film id>/...``: the picked film's own routes, under that prefix."""

    def __init__(self, state: LibraryWebState):
        self.state, self.apps, self.guard = state, {}, threading.Lock()

    async def __call__(self, scope, receive, send):
        film_id = scope.get("path_params", {}).get("fid", "")
        film = self.state.film_state(film_id) if scope["type"] == "http" else None
        if film is None:
            return await JSONResponse({"detail": "not found"}, status_code=404)(scope, receive, send)
        with self.guard:
            app = self.apps.get(film_id) or self.apps.setdefault(film_id, film_api(film))
        await app(scope, receive, send)


def create_library_app(state: LibraryWebState) -> Guard:
    """The ASGI app of ``cutbot serve --library``, behind the same guard as one film's."""
    api = film_api(state, page=library_page)

    @api.get("/api/library")
    def films():
        return {"films": [e.to_dict() for e in state.entries()], "ready": state.ready,
                "loading": state.indexing.to_dict()}

    @api.get("/poster/{film_id}.jpg")
    def film_poster(film_id: str = PathParam(..., pattern=FILM_ID.pattern)):
        entry = state.entry(film_id)
        path = poster(state.posters, entry.fingerprint, entry.path, entry.duration) if entry else None
        return picture(path, "image/jpeg", "max-age=86400")

    api.mount("/f/{fid}", _Films(state))
    return Guard(api, state.token)


__all__ = ["FilmEntry", "LibraryWebState", "create_library_app", "library_page"]
