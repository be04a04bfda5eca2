"""The viewer's profile: what they said they like or dislike, kept on this machine.

Feedback ("I don't like gore", "less talking", "like 2", "more like this") becomes a
``Preference``; ``Profile.bias`` turns preferences into plain plan data (an extra
exclude, a weighted include, a modality split with weights) so every effect shows up in
``show``/``why`` and in the plan JSON. The file is ``$CUTBOT_HOME/profile.json``, mode
0600, written atomically; nothing is ever sent anywhere.
"""
from __future__ import annotations

import json
import logging
import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Literal, Optional

from cutbot.indexers.errors import CutbotError
from cutbot.indexers.intervals import overlap
from cutbot.indexers.files import file_lock
from cutbot.indexers.settings import cutbot_home

from .cut import Cut
from .commands import TALK_WORDS
from .plan import ConstraintPlan, Query
from .lexical import fold as singular
from .sessions_store import atomic_write_json
from .word_forms import unarticled

log = logging.getLogger(__name__)
PROFILE_VERSION = 1
Stance = Literal["like", "dislike"]

SOFT, STRONG = 0.5, 1.0  # a thumb or "more like this"; a stated taste ("I hate gore")
LIKE_ADD_WEIGHT = 0.3  # a liked topic the request did not name: competes for spare budget
SPEECH_WORDS = frozenset(TALK_WORDS)


@dataclass(frozen=True)
class Preference:
    """One remembered taste: a topic (``text``) or, for ``modality`` "speech", talking."""

    text: str
    stance: Stance
    strength: float = SOFT
    modality: Optional[str] = None  # "speech": a taste for talking, not a subject
    said: str = ""  # the viewer's words, for "profile show"
    at: str = ""

    def describe(self) -> str:
        how = "strongly " if self.strength >= STRONG else ""
        what = "talking" if self.modality == "speech" else repr(self.text)
        return f"{how}{'likes' if self.stance == 'like' else 'dislikes'} {what}" + (
            f'  (said: "{self.said}")' if self.said else "")


@dataclass(frozen=True)
class Bias:
    """A plan after the profile: the plan the planner runs, and one note per effect."""

    plan: ConstraintPlan
    notes: tuple[str, ...] = ()
    liked: tuple[str, ...] = ()  # topics the profile added as small-weight includes
    dropped: tuple[str, ...] = ()  # topics the profile added as excludes


def _key(text: str) -> str:
    """cats -> cat, beaches -> beach, stories -> story: enough to match a topic twice."""
    return singular(unarticled(text.casefold().strip()))


def topics_of(cut: Cut, segment: Optional[int] = None) -> list[str]:
    """The subjects behind segment N (1-based, -1 last) or the whole cut, from the queries
    its evidence answers; a cut without typed evidence (an old plan file): its request's."""
    segs = cut.segments if segment is None else (
        cut.segments[segment - 1 if segment > 0 else segment],)
    found = [q for s in segs for q in s.queries]
    if not found:
        found = [q["text"] for q in cut.constraints.get("include", ()) if q.get("text")]
    return list(dict.fromkeys(found))


@dataclass
class Profile:
    """Preferences plus where they live; ``path=None`` keeps it in memory only."""

    preferences: list[Preference] = field(default_factory=list)
    path: Optional[Path] = None

    @classmethod
    def load(cls, home: str | Path | None = None, fresh: bool = False) -> "Profile":
        """The profile under CUTBOT_HOME; ``fresh``: an empty one that will replace it."""
        path = cutbot_home(home) / "profile.json"
        if fresh or not path.is_file():
            return cls([], path)
        try:
            data = json.loads(path.read_text("utf-8"))
            prefs = [Preference(**p) for p in data.get("preferences", [])]
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise CutbotError(f"cannot read the profile {path}: {exc} "
                              "(cutbot profile forget starts a new one)") from exc
        return cls(prefs, path)

    @classmethod
    def memory(cls) -> "Profile":
        """A profile that is never written (apps that keep their own)."""
        return cls([], None)

    def save(self) -> Optional[Path]:
        if self.path is None:
            return None
        atomic_write_json(self.path, {"version": PROFILE_VERSION,
                                      "preferences": [asdict(p) for p in self.preferences]})
        log.info("profile: %d preference(s) in %s", len(self.preferences), self.path)
        return self.path

    # --- feedback ---------------------------------------------------------------------
    def note(self, text: str, stance: Stance, strength: float = SOFT, said: str = "",
             modality: Optional[str] = None) -> Preference:
        """Remember one taste; a newer word about the same topic replaces the older one."""
        text = re.sub(r"^(?:the|a|an|any|all)\s+", "", text.strip().strip("'\".!?,"), flags=re.I)
        if not text:
            raise CutbotError("what do you like or dislike? e.g. \"I don't like gore\"")
        if modality is None and _key(text) in {_key(w) for w in SPEECH_WORDS}:
            modality = "speech"
        pref = Preference(text, stance, strength, modality, said.strip(),
                          datetime.now(timezone.utc).isoformat(timespec="seconds"))
        with self._updating():
            self.preferences = [p for p in self.preferences if not self._same(p, pref)] + [pref]
            self.save()
        return pref

    @contextmanager
    def _updating(self) -> Iterator[None]:
        """A read-modify-write under the profile's lock: what another process noted since
        this one loaded the profile is read back first, so neither loses the other's words."""
        if self.path is None:
            yield
            return
        with file_lock(self.path.with_name(self.path.name + ".lock")):
            try:
                self.preferences = Profile.load(self.path.parent).preferences
            except CutbotError:
                pass  # damaged on disk: this process's copy replaces it
            yield

    @staticmethod
    def _same(a: Preference, b: Preference) -> bool:
        if a.modality == "speech" or b.modality == "speech":
            return a.modality == b.modality
        return _key(a.text) == _key(b.text)

    def forget(self, text: Optional[str] = None) -> int:
        """Drop every preference, or those about ``text``; returns how many went."""
        with self._updating():
            before = len(self.preferences)
            if text:
                probe = Preference(text, "like", modality="speech" if _key(text) in
                                   {_key(w) for w in SPEECH_WORDS} else None)
                self.preferences = [p for p in self.preferences if not self._same(p, probe)]
            else:
                self.preferences = []
            gone = before - len(self.preferences)
            if gone or not text:
                self.save()
        return gone

    def describe(self) -> list[str]:
        if not self.preferences:
            return ["no preferences yet: say e.g. \"I don't like gore\", \"less talking\", "
                    "or like N / dislike N on a segment"]
        return [p.describe() for p in self.preferences]

    # --- the effect on a plan ------------------------------------------------------------
    def bias(self, plan: ConstraintPlan, person: Callable[[Query], bool] = lambda q: False) -> Bias:
        """The plan with the viewer's tastes applied as data, and what each one did.

        A request always wins: a disliked topic the viewer asked for stays in, and a liked
        topic is only added (at a small weight) when the plan has subjects and a length
        budget, so it competes for spare time instead of widening "only X". ``person``
        says whether a query finds people (for the "less talking" split)."""
        include, exclude = list(plan.include), list(plan.exclude)
        notes: list[str] = []
        liked: list[str] = []
        banned: list[str] = []
        asked = {_key(q.text): i for i, q in enumerate(include)}
        dropped = {_key(q.text) for q in exclude}
        roomy = bool(include) and plan.duration.upper is not None and plan.match == "any"
        for p in self.preferences:
            if p.modality == "speech":
                continue
            k = _key(p.text)
            if k in asked:
                q = include[asked[k]]
                factor = (1 + p.strength) if p.stance == "like" else (1 - p.strength / 2)
                include[asked[k]] = q.model_copy(update={"weight": round(q.weight * factor, 3)})
                notes.append(f"your profile: weighted '{q.text}' x{factor:g} "
                             f"(you {p.stance}d it)")
            elif p.stance == "dislike" and p.strength >= STRONG and k not in dropped:
                exclude.append(Query(text=p.text))
                banned.append(p.text)
                notes.append(f"your profile: leaving out '{p.text}' (you don't like it)")
            elif p.stance == "like" and roomy:
                include.append(Query(text=p.text, weight=LIKE_ADD_WEIGHT * (1 + p.strength)))
                liked.append(p.text)
                notes.append(f"your profile: '{p.text}' may fill spare time (you like it)")
        include, more = self._modality(include, plan, person)
        notes += more
        if not notes:
            return Bias(plan)
        return Bias(plan.model_copy(update={"include": tuple(include),
                                            "exclude": tuple(exclude)}), tuple(notes),
                    tuple(liked), tuple(banned))

    def _modality(self, include: list[Query], plan: ConstraintPlan,
                  person: Callable[[Query], bool]) -> tuple[list[Query], list[str]]:
        """For "less talking": each open query is searched apart in speech (weight down) and
        in pictures/faces; "lots of talking" the other way round."""
        pref = next((p for p in reversed(self.preferences) if p.modality == "speech"), None)
        if pref is None or plan.match != "any":
            return include, []
        out: list[Query] = []
        split = False
        speech = (1 + pref.strength) if pref.stance == "like" else (1 - pref.strength / 2)
        for q in include:
            if q.modality != "any" or q.exact:
                out.append(q)
                continue
            split = True
            faces = q.model_copy(update={"modality": "person"})
            out.append(q.model_copy(update={"modality": "visual"}))
            out += [faces] if person(faces) else []
            out.append(q.model_copy(update={"modality": "speech",
                                            "weight": round(q.weight * speech, 3)}))
        if not split:
            return include, []
        more = "more" if pref.stance == "like" else "less"
        return out, [f"your profile: speech evidence weighted x{speech:g} ({more} talking)"]


_MISSING = ("nothing to leave out for ", "nothing in the film matches ")


def _quiet(note: str, bias: Bias, before: Optional[Cut]) -> bool:
    """A "the film lacks X" note that only the profile's own queries caused: not news."""
    if before is not None:
        return note not in before.notes and (note.startswith(_MISSING)
                                             or "matches only outside the time window" in note)
    return any(note.startswith(f"{m}'{t}'") for m in _MISSING for t in bias.liked + bias.dropped)


def mark_profile_picks(cut: Cut, bias: Bias, before: Optional[Cut]) -> Cut:
    """Say in the cut itself when the profile changed the picks: a note with the seconds
    it moved, and a reason on each segment that a profile-added topic brought in."""
    notes = list(bias.notes)
    if before is not None:
        common = overlap(before.spans, cut.spans)
        plus, minus = cut.duration - common, before.duration - common
        notes.append(f"your profile changed the picks: +{plus:.1f} s / -{minus:.1f} s"
                     if plus > 0.05 or minus > 0.05 else "your profile did not change the picks")
    kept = [n for n in cut.notes if not _quiet(n, bias, before)]
    liked = {_key(t) for t in bias.liked}
    segments = tuple(
        replace(s, reasons=("profile: you like this",) + s.reasons)
        if any(_key(q) in liked for q in s.queries) else s
        for s in cut.segments)
    return replace(cut, segments=segments, notes=tuple(dict.fromkeys(kept + notes)))


def _finds_people(scorer, query: Query) -> bool:
    """Whether a person search for ``query`` really finds faces (not the no-faces fallback)."""
    try:
        hits = scorer.score(query)
    except (AttributeError, TypeError, CutbotError):  # an index without faces at all
        return False
    return bool(hits.mask.any()) and not hits.notes


def plan_with_profile(profile: Profile, plan: ConstraintPlan, run: Callable[[ConstraintPlan], Cut],
                      scorer=None) -> Cut:
    """Run the planner on the profile-biased plan; when the bias changed anything, run it
    on the plain plan too and say in the cut what the profile moved."""
    from .errors import NothingMatched
    bias = profile.bias(plan, person=lambda q: scorer is not None and _finds_people(scorer, q))
    if bias.plan == plan:
        return run(plan) if not bias.notes else mark_profile_picks(run(plan), bias, None)
    try:
        cut = run(bias.plan)
    except NothingMatched:
        cut = run(plan)
        return replace(cut, notes=cut.notes + ("your profile would leave nothing here, "
                                               "so it was not applied this time",))
    try:
        before = run(plan)
    except NothingMatched:
        before = None
    return mark_profile_picks(cut, bias, before)
