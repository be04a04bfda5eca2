"""Suggested cuts across a library: `cutbot suggest --library`.

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
from pathlib import Path
from typing import Any, Optional

from cutbot.indexers.errors import CutbotError, IndexMissing

from .cut import Cut, fmt_time
from .describe import FilmOverview, describe_film
from .editor import Editor
from .library import Library
from .library_plan import LibraryFilm
from .profile import Profile
from .suggest import BACKGROUND, Suggestion, _key, _tastes, suggest_cuts, write_suggestions

MAX_SHARED = 2  # cuts across films offered first (the subjects most films share)


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

    def to_dict(self) -> dict[str, Any]:
        return {"film": self.film, "films": list(self.films), "across": self.across,
                **self.suggestion.to_dict()}

    def line(self, n: int) -> str:
        s = self.suggestion
        where = f"across {len(self.films)} films ({self.film})" if self.across else self.film
        run = 'cutbot "' + s.request + '" --library' if self.across else f'in {self.film}: "{s.request}"'
        return f"{n}. [{where}] {s.title} ({s.duration:.0f} s): {run} - {s.why}"


def _shared(library: Library, films: list[LibraryFilm], overviews: list[FilmOverview],
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


def suggest_library(library: Library, count: int = 5, profile: Optional[Profile] = None,
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
                editor = Editor(f.index, scorer=f.scorer, profile=profile, home=home)
                own.append([x for x in suggest_cuts(editor, count + len(covered), overviews[i])
                            if not x.subject or _key(x.subject) not in covered])
            if rank < len(own[i]):
                out.append(LibrarySuggestion((f.name,), own[i][rank]))
    return out


def library_overview(library: Library) -> list[str]:
    """ "What's in the library?": its films, each in the lines ``describe`` gives one film."""
    films = library.loaded()
    total = sum(f.index.media.duration for f in films)
    out = [f"the library: {len(films)} indexed film(s), {fmt_time(total)} in all"]
    for f in films:
        lines = describe_film(f.index).lines()
        out.append("- " + lines[0] + "".join(f"; {x}" for x in lines[1:3]))
    return out


def library_suggestion_lines(suggestions: list[LibrarySuggestion]) -> list[str]:
    if not suggestions:
        return ["no suggestions: the library's indexes hold too little to propose a version"]
    return ["suggested cuts across the library (a film's request works in `cutbot chat FILM`, "
            "one across films with --library):", *[s.line(n) for n, s in enumerate(suggestions, 1)]]


def run_library_suggest(film: Optional[Path], library: bool, count: int, json_path: Optional[Path],
                        say) -> list[LibrarySuggestion]:
    """What `cutbot suggest --library` does: plan, print each line with ``say``, write JSON.
    (``cli_suggest`` calls it without a film, or with ``--library``.)"""
    if film is not None or not library:
        raise CutbotError("give a film or --library, not both" if library else
                          "which film? cutbot suggest FILM, or cutbot suggest --library")
    if json_path is not None:
        from cutbot.indexers.files import guard_output
        guard_output(json_path)  # refused before any work starts
    films = Library.open()
    try:
        suggestions = suggest_library(films, count)
    finally:
        films.catalogue.close()
    for line in library_suggestion_lines(suggestions):
        say(line)
    if json_path is not None:
        say(f"wrote {write_suggestions(json_path, suggestions, {'library': True})}")
    return suggestions


__all__ = ["LibrarySuggestion", "library_suggestion_lines", "run_library_suggest", "suggest_library"]
