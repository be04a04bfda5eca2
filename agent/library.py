"""The Python API for a library of films: add, index (on Ray), ask across all of them.

    from cutbot.agent.library import Library
    library = Library.open()                 # the catalogue under CUTBOT_HOME
    library.add("films/")                    # files or folders
    library.index(workers=2)                 # a local Ray with 2 CPUs (address= joins one)
    cut = library.ask("every scene with a dog, 2 minutes")
    for seg in cut.segments: print(seg.source, seg.start, seg.end)
    library.render("dogs.mp4")

``ask`` returns the same ``Cut`` type as ``Editor.ask``, with ``source`` on every segment.
A ``LibraryEditor`` (an ``Editor`` whose plans run across the library) gives the chat and
the single shot undo, redo, why, show and refinements for free; its ``describe``,
``suggest`` and "take N" are the library's, for the chat, the API and the web alike.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Sequence

from cutbot.indexers import Index
from cutbot.indexers.errors import CutbotError, IndexMissing
from cutbot.indexers.store import load_index

from .conversation import Reply
from .cut import Cut
from .editor import Editor
from .errors import PlanError
from .library_plan import SHORTLIST_FROM, LibraryFilm, SharedQueries, plan_across
from .library_suggest import (LibraryOverview, LibrarySuggestion, describe_library,
                              library_suggestion_lines, suggest_library)
from .plan import ConstraintPlan
from .profile import plan_with_profile
from .questions import film_question, no_such_suggestion
from .search import Scorer

log = logging.getLogger(__name__)


class Library:
    """The films of one ``CUTBOT_HOME``: catalogue, per-film indexes and library vectors."""

    def __init__(self, home: str | os.PathLike | None = None, catalogue=None,
                 indexes: Sequence[Index] | None = None, vectors=None):
        self.home = home
        self._catalogue = catalogue
        self._indexes = list(indexes) if indexes is not None else None
        self._vectors = vectors
        self._films: list[LibraryFilm] | None = None
        self._kept: dict[str, LibraryFilm] = {}  # loaded before a refresh, by fingerprint
        self._stamps: dict[str, int | None] = {}  # each loaded index's manifest, as it was
        self._editor: LibraryEditor | None = None
        self._queries = SharedQueries()  # a request is embedded once, not once per film

    @classmethod
    def open(cls, home: str | os.PathLike | None = None) -> "Library":
        from cutbot.indexers.catalogue import Catalogue
        return cls(home, Catalogue.open(home))

    @classmethod
    def of(cls, indexes: Sequence[Index | LibraryFilm], home: str | os.PathLike | None = None,
           vectors=None) -> "Library":
        """A library of indexes already loaded, or of films with their own scorers (apps
        and tests; no catalogue)."""
        return cls(home, None, indexes, vectors)

    @property
    def catalogue(self):
        if self._catalogue is None:
            raise CutbotError("this library was made from indexes: it has no catalogue")
        return self._catalogue

    # -- the catalogue -----------------------------------------------------------------
    def add(self, *paths: str | os.PathLike):
        """Add films (files or folders); returns their catalogue records."""
        return self.catalogue.add(*paths)

    def remove(self, film: str):
        record = self.catalogue.remove(film)
        self.vectors.remove_film(record.fingerprint)
        self._forget()
        return record

    def films(self, indexed_only: bool = False):
        return self.catalogue.films(indexed_only=indexed_only)

    def index(self, workers: int | None = None, address: str | None = None, progress=None):
        """Index every film not indexed yet (Ray: ``workers`` local CPUs, or the cluster at
        ``address``), then bring the library's vectors up to date."""
        from cutbot.indexers.cluster import index_library
        result = index_library(self.catalogue, workers=workers, address=address, progress=progress)
        self._forget()
        self.sync_vectors()
        return result

    # -- vectors -----------------------------------------------------------------------
    @property
    def vectors(self):
        if self._vectors is None:
            from cutbot.indexers.vectors import VectorStore
            self._vectors = VectorStore.open(self.home)
        return self._vectors

    def sync_vectors(self, rebuild: bool = False) -> int:
        """Add the vectors of indexed films the store lacks (all of them with ``rebuild``);
        returns how many films were added."""
        from cutbot.indexers.files import file_lock
        from cutbot.indexers.settings import cutbot_home
        from cutbot.indexers.vectors import VectorStore, film_vectors
        films = self.loaded()
        lock = cutbot_home(self.home) / "library" / "vectors.lock"
        lock.parent.mkdir(parents=True, exist_ok=True)
        with file_lock(lock):  # another cutbot may be adding films: read its store first
            self._vectors = VectorStore.open(self.home)
            if rebuild:
                self._vectors.rebuild((f.fingerprint, film_vectors(f.index)) for f in films)
                return len(films)
            have = set(self._vectors.films)
            added = 0
            for f in films:
                if f.fingerprint not in have:
                    self._vectors.add_film(f.fingerprint, film_vectors(f.index))
                    added += 1
            return added

    # -- asking ------------------------------------------------------------------------
    def loaded(self) -> list[LibraryFilm]:
        """The indexed films, each with its own scorer (loaded once per library)."""
        if self._films is None:
            self._films = (self._load() if self._indexes is None else
                           [ix if isinstance(ix, LibraryFilm) else self._film(ix) for ix in self._indexes])
        return self._films

    def _film(self, index: Index) -> LibraryFilm:
        return LibraryFilm(index, Scorer(index, self._queries.text_of(index), listens=False))  # listen_across decides

    def _load(self) -> list[LibraryFilm]:
        """The catalogue's indexed films. One loaded before whose index has not changed
        since (same place, same manifest) is kept with its scorer and caches; the others
        are read from disk (reading checks every file's sha256: the cost worth saving)."""
        kept, self._kept = self._kept, {}
        out = []
        for record in self.catalogue.films(indexed_only=True):
            film = kept.get(record.fingerprint)
            if (film is not None and film.path == str(Path(record.path).resolve())
                    and _stamp(film.index) == self._stamps.get(record.fingerprint)):
                out.append(film)
                continue
            try:
                index = load_index(record.path, home=self.home)
            except IndexMissing as exc:  # moved away or damaged since: the others still answer
                log.warning("skipping %s: %s", record.name, exc)
                continue
            self._stamps[record.fingerprint] = _stamp(index)
            out.append(self._film(index))
        return out

    def _forget(self) -> None:
        self._kept.update({f.fingerprint: f for f in self._films or ()})
        self._films, self._editor = None, None

    def refresh(self) -> None:
        """Look at the catalogue again on the next ask: films indexed since join (the web page
        indexes a film the viewer picks); the loaded films whose index did not change stay."""
        self._forget()

    def plan(self, plan: ConstraintPlan, request: str = "") -> Cut:
        """Plan a ConstraintPlan across the library (FAISS shortlists a large one)."""
        films = self.loaded()
        store = None
        if len(films) > SHORTLIST_FROM:  # films indexed since (e.g. by the CLI) join now
            if self._catalogue is not None:
                self.sync_vectors()
            store = self.vectors
        return plan_across(plan, films, request, store)

    @property
    def editor(self) -> "LibraryEditor":
        """The conversation across the library (refinements, undo, why)."""
        if self._editor is None:
            films = self.loaded()
            if not films:
                raise IndexMissing("the library has no indexed film: run `cutbot library add PATH` "
                                   "and `cutbot library index`")
            self._editor = LibraryEditor(self, home=self.home)
        return self._editor

    def ask(self, request: str) -> Cut | None:
        """Plan ``request`` across every indexed film (a refinement of the last ask)."""
        return self.editor.ask(request)

    @property
    def cut(self) -> Cut | None:
        return self._editor.cut if self._editor else None

    def render(self, out: str | os.PathLike, cut: Cut | None = None, progress=None, **options):
        return self.editor.render(out, cut, progress=progress, **options)

    def export(self, path: str | os.PathLike, fmt: str | None = None, cut: Cut | None = None) -> Path:
        return self.editor.export(path, fmt, cut)


def _stamp(index: Index) -> int | None:
    """When the index's manifest was last written (None: no manifest to compare)."""
    try:
        return (Path(index.root) / "manifest.json").stat().st_mtime_ns
    except (OSError, TypeError):
        return None


class LibraryEditor(Editor):
    """An ``Editor`` whose plans run across a library: the conversation logic (refine,
    undo, why, like) is the single film's; planning, render and export are the library's.
    Its ``index`` is the first film's, for what needs one film (the parser's vocabulary)."""

    def __init__(self, library: Library, home=None, parser=None, profile=None):
        films = library.loaded()
        super().__init__(films[0].index, scorer=films[0].scorer, parser=parser, profile=profile,
                         home=home)
        self.library = library

    def preview(self, plan: ConstraintPlan, request: str = "") -> Cut:
        return plan_with_profile(self.profile, plan, lambda p: self.library.plan(p, request), self.scorer)

    def _transcripts(self) -> dict[str, list]:
        return {f.path: f.index.sentences for f in self.library.loaded()}

    def render(self, out, cut: Cut | None = None, progress=None, **options):
        from .multi_render import render_across
        cut = cut or self.cut
        if cut is None:
            raise PlanError("nothing to render yet: ask for a cut first")
        return render_across(cut, out, progress=progress, transcripts=self._transcripts(), **options)

    def export(self, path, fmt: str | None = None, cut: Cut | None = None) -> Path:
        from .multi_render import export_across
        cut = cut or self.cut
        if cut is None:
            raise PlanError("nothing to export yet: ask for a cut first")
        return export_across(cut, path, fmt, transcripts=self._transcripts())

    # -- the library itself: "what's in here?", "suggest", "take N" --------------------
    def describe(self) -> LibraryOverview:
        """What is in the library: each film's overview (``.lines()`` says it in words)."""
        return describe_library(self.library.loaded())

    def suggest(self, count: int = 5) -> list[LibrarySuggestion]:
        """Suggested cuts across the library (``library_suggest``), kept for "take N"."""
        self.suggestions = suggest_library(self.library, count, profile=self.profile,
                                           home=self.home)
        return self.suggestions

    def respond(self, text: str) -> Reply:
        """ "what's in here?", "suggest" and "take N" are about the library (its films and
        the suggestions across them); every other line is the single film's conversation.
        The chat, the single shot and the web page all answer through here."""
        from .sanity import UnreadableRequest, clean_request
        try:
            asked = film_question(clean_request(text))
        except UnreadableRequest:
            asked = None  # the film's conversation says so in one line
        if asked is None or asked[0] not in ("overview", "suggest", "take"):
            return super().respond(text)
        kind, n = asked
        if kind == "take":
            return self._take(n)
        said = self.describe().lines() if kind == "overview" else []
        return Reply(kind, self.cut, lines=tuple(said + library_suggestion_lines(
            self.suggest(), chat=True)))

    def _take(self, n: int) -> Reply:
        """Suggestion N as the current plan (undoable): a cut across films is taken here; a
        film's own suggestion is made in that film, so the reply says where and what."""
        found = self.suggestions or self.suggest()
        msg = no_such_suggestion(n, len(found), "library")
        if msg:
            return Reply("clarify", self.cut, lines=(msg,), error=PlanError(msg))
        s = found[n - 1]
        if not s.across:
            msg = f"suggestion {n} is {s.film}'s own: open {s.film} and say \"{s.request}\""
            return Reply("clarify", self.cut, lines=(msg,), error=PlanError(msg))
        cut = self.apply(s.plan, s.request, notes=(f"took suggestion {n}: {s.title}",))
        return Reply("take", cut, self.last_change, (
            f"took suggestion {n}, {s.title}: \"{s.request}\" ({cut.duration:.1f} s); "
            "refine it in words, or undo",))

    def save(self) -> Path:
        raise PlanError("saving a conversation across the library is not supported: "
                        "export the plan with `export plan.json`")

    def restore(self) -> bool:
        return False


__all__ = ["Library", "LibraryEditor"]
