"""Naming statements: "person 2 is Alice", "call the man in scene 3 Bob", "the hero is
person 1". The viewer names the film's people in their own words; the names are saved
with the roster (people.py) so requests can use them. A sentence that is no naming
statement parses to None, so it can still be a request.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import PlanError
from .people import HERO, Roster, is_ref, load_roster, resolve_person, save_roster
from .descriptions import clean as _clean

if TYPE_CHECKING:
    from cutbot.indexers.store import Index


@dataclass(frozen=True)
class Naming:
    """'person 2 is Alice' -> target 'person 2', name 'Alice'; 'the hero is X' -> hero=True."""

    target: str
    name: str | None = None
    hero: bool = False


_NAMING = re.compile(r"^(?:(?:call|name)\s+(?P<t1>.+?)\s+(?:as\s+)?(?P<n1>\S+(?:\s+\S+)?)"
                     r"|(?P<l>.+?)\s+(?:is called|is named|'s name is|is|=)\s+(?P<r>.+))$", re.I)


def _nice(name: str) -> str:
    name = _clean(name)
    return name if name.lower().startswith("the ") or not name.islower() else name.title()


def parse_naming(text: str) -> Naming | None:
    """A naming statement, or None when ``text`` is not one (so it can be a request)."""
    m = _NAMING.match(_clean(text))
    if not m:
        return None
    if m.group("t1"):  # "call person 2 Alice": the longest leading ref, the rest is the name
        words = _clean(text).split()[1:]
        for k in range(len(words) - 1, 0, -1):
            if is_ref(" ".join(words[:k])):
                rest = words[k + 1:] if words[k].lower() == "as" else words[k:]
                return Naming(" ".join(words[:k]), _nice(" ".join(rest))) if rest else None
        return None
    left, right = _clean(m.group("l")), _clean(m.group("r"))
    hero_l, hero_r = bool(HERO.match(left.lower())), bool(HERO.match(right.lower()))
    if hero_l and not hero_r:
        return Naming(right, hero=True)
    if hero_r and not hero_l:
        return Naming(left, hero=True)
    if is_ref(left) and not is_ref(right):
        return Naming(left, _nice(right))
    if is_ref(right) and not is_ref(left):
        return Naming(right, _nice(left))
    return None


def apply_naming(index: "Index", naming: Naming | str, roster: Roster | None = None,
                 save: bool = True) -> tuple[Roster, str]:
    """Apply a naming statement; returns the new roster and a one-line confirmation."""
    if isinstance(naming, str):
        parsed = parse_naming(naming)
        if parsed is None:
            raise PlanError(f"not a naming statement: '{naming}' (try 'person 2 is Alice' or 'the hero is person 1')")
        naming = parsed
    roster = roster if roster is not None else load_roster(index)
    ref = resolve_person(index, naming.target, roster)
    if naming.hero:
        roster = Roster(dict(roster.names), ref.person)
        msg = f"the hero is now {roster.label(ref.person)} ({ref.reason})"
    else:
        roster = roster.named(ref.person, naming.name)
        msg = f"person {ref.person} is now called {naming.name} ({ref.reason})"
    if save:
        save_roster(index, roster)
    return roster, msg
