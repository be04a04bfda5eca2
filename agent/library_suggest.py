"""Suggested cuts and the overview of a library: `cutbot suggest --library`, and what
``LibraryEditor.describe``/``suggest`` answer in the chat, the API and the web.

Two sources, both from the indexes, never from templates filled blindly:

- **subjects the films share**: a subject seen again and again in two or more films
  (``describe.py``'s topics, matched by meaning-bearing words) is offered as one cut across
  those films, planned by the library's planner (``Library.plan``), so its request works
  as typed in ``cutbot "REQUEST" --library``;
- **each film's own suggestions** (``suggest.suggest_cuts``: storylines, topics, the short
  version, the trailer), named with their film and taken in turns, film by film, so a
  short list covers several films rather than all of the first.

The viewer's profile ranks and filters both, as for one film: a disliked subject is never
offered, and each film's suggestions say what the profile did.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Optional, Protocol, Sequence

from cutbot.indexers.errors import CutbotError, IndexMissing

from .cut import Cut, fmt_time
from .describe import FilmOverview, PersonInfo, Topic, describe_film
from .library_plan import LibraryFilm
from .plan import ConstraintPlan
from .profile import Profile
from .suggest import BACKGROUND, Suggestion, _key, _tastes, suggest_cuts
from .vocabulary import Vocabulary

MAX_SHARED = 2  # cuts across films offered first (the subjects most films share)


class Films(Protocol):
    """What these functions need of ``library.Library`` (which imports this module)."""

    def loaded(self) -> list[LibraryFilm]: ...

    def plan(self, plan: ConstraintPlan, request: str = "") -> Cut: ...


def _cut_films(cut: Cut) -> tuple[str, ...]:
    return tuple(dict.fromkeys(Path(s.source).name for s in cut.segments if s.source))


@dataclass(frozen=True)
class LibrarySuggestion:
    """One proposed version in a library: the film(s) it comes from, and the suggestion."""

    films: tuple[str, ...]  # the films' names (one, or every film the shared subject is in)
    suggestion: Suggestion

    @property
    def across(self) -> bool:
        return len(self.films) > 1

    @property
    def film(self) -> str:
        return ", ".join(self.films)

    # read as a ``Suggestion`` where one film's would be (the chat's "take N", examples)
    @property
    def title(self) -> str:
        return self.suggestion.title

    @property
    def request(self) -> str:
        return self.suggestion.request

    @property
    def plan(self) -> ConstraintPlan:
        return self.suggestion.plan

    @property
    def cut(self) -> Cut:
        return self.suggestion.cut

    @property
    def duration(self) -> float:
        return self.suggestion.duration

    def to_dict(self) -> dict[str, Any]:
        return {"film": self.film, "films": list(self.films), "across": self.across,
                **self.suggestion.to_dict()}

    def line(self, n: int) -> str:
        s = self.suggestion
        where = f"across {len(self.films)} films ({self.film})" if self.across else self.film
        run = 'cutbot "' + s.request + '" --library' if self.across else f'in {self.film}: "{s.request}"'
        return f"{n}. [{where}] {s.title} ({s.duration:.0f} s): {run} - {s.why}"


def _shared(library: Films, films: list[LibraryFilm], overviews: list[FilmOverview],
            profile: Profile) -> list[LibrarySuggestion]:
    """Subjects seen again and again in two or more films, each one cut across them."""
    from .intent import parse_request

    _, disliked = _tastes(profile)
    bad = {_key(d) for d in disliked}
    where: dict[str, list[tuple[str, str]]] = {}  # key -> [(film name, subject name)]
    for f, overview in zip(films, overviews):
        for t in overview.seen:
            key = _key(t.name)
            if not key or key in bad or len(t.shots) > BACKGROUND * max(overview.shots, 1):
                continue
            if all(name != f.name for name, _ in where.get(key, [])):
                where.setdefault(key, []).append((f.name, t.name))
    shared = sorted((v for v in where.values() if len(v) > 1), key=lambda v: -len(v))
    out: list[LibrarySuggestion] = []
    for found in shared:
        if len(out) >= MAX_SHARED:
            break
        subject = found[0][1]
        request = f"shots of {subject}"
        try:
            plan = parse_request(request)
            cut = library.plan(plan, request)
        except CutbotError:
            continue
        used = _cut_films(cut)
        if len(used) < 2:  # the planner does not bear it out in two films: no cut across them
            continue
        why = (f"{subject} in {len(found)} films ({', '.join(name for name, _ in found)}), seen "
               f"again and again in each; their scenes, film by film")
        out.append(LibrarySuggestion(used, Suggestion("topic", f"{subject[0].upper()}{subject[1:]} "
                                                      f"across the library", request, why, plan,
                                                      cut, subject)))
    return out


@dataclass(frozen=True)
class _FilmView:
    """What ``suggest_cuts`` reads of an editor, for one film of the library: its loaded
    index and scorer, the viewer's profile, and the film's vocabulary (kept on the film)."""

    index: Any
    scorer: Any
    profile: Profile
    vocabulary: Vocabulary


def suggest_library(library: Films, count: int = 5, profile: Optional[Profile] = None,
                    home: str | os.PathLike | None = None) -> list[LibrarySuggestion]:
    """Up to ``count`` suggestions across ``library``'s indexed films (see the module)."""
    films = library.loaded()
    if not films:
        raise IndexMissing("the library has no indexed film: run `cutbot library add PATH` "
                           "and `cutbot library index`")
    profile = profile if profile is not None else Profile.load(home)
    overviews = [describe_film(f.index) for f in films]  # once each: _shared and suggest_cuts
    out = _shared(library, films, overviews, profile)[:count]
    covered = {_key(s.suggestion.subject) for s in out}  # a film's own cut of it says less
    own: list[list[Suggestion]] = []  # planned when first needed: a big library plans a few films
    for rank in range(count):
        for i, f in enumerate(films):
            if len(out) >= count:
                return out
            if i == len(own):
                view = _FilmView(f.index, f.scorer, profile, f.vocabulary)
                own.append([x for x in suggest_cuts(view, count + len(covered), overviews[i])
                            if not x.subject or _key(x.subject) not in covered])
            if rank < len(own[i]):
                out.append(LibrarySuggestion((f.name,), own[i][rank]))
    return out


@dataclass(frozen=True)
class LibraryOverview:
    """ "What's in the library?": each film's overview, and what the films hold together
    (shaped like a ``FilmOverview`` where ``questions.examples`` reads one)."""

    films: tuple[FilmOverview, ...]

    @property
    def duration(self) -> float:
        return sum(f.duration for f in self.films)

    @property
    def people(self) -> tuple[PersonInfo, ...]:
        return ()  # "person 2" is one film's: no request names a person across films

    @cached_property
    def seen(self) -> tuple[Topic, ...]:
        return _merged(f.seen for f in self.films)

    @cached_property
    def single(self) -> tuple[Topic, ...]:
        return _merged(f.single for f in self.films)

    @cached_property
    def talked(self) -> tuple[Topic, ...]:
        return _merged(f.talked for f in self.films)

    def lines(self) -> list[str]:
        out = [f"the library: {len(self.films)} indexed film(s), {fmt_time(self.duration)} in all"]
        for film in self.films:
            lines = film.lines()
            out.append("- " + lines[0] + "".join(f"; {x}" for x in lines[1:3]))
        return out


def _merged(groups) -> tuple[Topic, ...]:
    """Topics of several films, one per subject: those more films share first."""
    films: dict[str, int] = {}
    first: dict[str, Topic] = {}
    for topics in groups:
        for t in topics:
            key = _key(t.name)
            first.setdefault(key, t)
            films[key] = films.get(key, 0) + 1
    return tuple(sorted(first.values(), key=lambda t: -films[_key(t.name)]))


def describe_library(films: Sequence[LibraryFilm]) -> LibraryOverview:
    return LibraryOverview(tuple(describe_film(f.index) for f in films))


def library_suggestion_lines(suggestions: list[LibrarySuggestion], chat: bool = False) -> list[str]:
    """The numbered lines; ``chat``: said in a conversation, where "take N" takes one."""
    if not suggestions:
        return ["no suggestions: the library's indexes hold too little to propose a version"]
    how = ("say 'take N' to use one across films; a film's own is made in that film" if chat else
           "a film's request works in `cutbot chat FILM`, one across films with --library")
    return [f"suggested cuts across the library ({how}):",
            *[s.line(n) for n, s in enumerate(suggestions, 1)]]


__all__ = ["LibraryOverview", "LibrarySuggestion", "describe_library", "library_suggestion_lines",
           "suggest_library"]
