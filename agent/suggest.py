"""Suggested cuts: versions of this film worth watching, chosen from its index.

The kinds come from what the index holds (``describe.py``): a storyline for each main
person, a cut per subject that recurs in the pictures or the talk, a short version and a
trailer of the film's spoken moments. Each suggestion is carried by a plain request and
planned by the same parser and planner as a typed one (with the viewer's profile), so
the request given to cutbot makes the same plan, and taking a suggestion then refining
it in words works like any other conversation. The profile ranks them: a liked topic
comes first; a disliked topic is left out of every suggestion, and each says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from cutbot.indexers.errors import CutbotError

from .cut import Cut
from .describe import FilmOverview, Topic, describe_film
from .lexical import STOP, SPEECH_WORDS, WORD, stem
from .plan import ConstraintPlan
from .planner import plan_cut
from .profile import Profile, plan_with_profile
from .search import Scorer
from .vocabulary import _FUNCTION

Kind = Literal["storyline", "topic", "short", "trailer"]
MIN_SCREEN = 3.0  # seconds on screen for a person to carry a storyline
# A third or fourth person seen this share of the second's screen time is a main person
# too: found faces cover 81-100 % of a dev person's true screen time (bench/faces.py
# --identity), so people this close may rank in either order.
MAIN_SHARE = 0.75
MAX_TOPICS = 3  # topic cuts offered (the most recurring, distinct ones)
BACKGROUND = 0.5  # a subject in more than half the shots is the backdrop, not a version
OVERLAP = 0.5  # a topic sharing this share of its shots with one taken is no new version
SHORT_SHARE = 0.2  # the short version: about a fifth of the film
TRAILER_MAX = 45.0  # seconds: a trailer stays under a minute
TRAILER_MIN = 15.0
TRAILER_SUBJECTS = 6  # spoken moments named in the trailer's request


@dataclass(frozen=True)
class Suggestion:
    """One proposed version: the request that makes it, why it is offered, and its plan."""

    kind: Kind
    title: str
    request: str
    why: str
    plan: ConstraintPlan
    cut: Cut
    subject: str = ""  # the person or topic it follows ("" for the short version, trailer)

    @property
    def duration(self) -> float:
        return self.cut.duration

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "request": self.request, "why": self.why,
                "kind": self.kind, "subject": self.subject, "length": round(self.duration, 2),
                "plan": self.cut.to_dict()}

    def line(self, n: int) -> str:
        return f"{n}. {self.title} ({self.duration:.0f} s): \"{self.request}\" - {self.why}"


@dataclass
class _Candidate:
    kind: Kind
    title: str
    request: str
    why: str
    subject: str = ""
    liked: bool = False
    notes: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return " ".join(stem(w) for w in WORD.findall(text.lower()) if w not in STOP)


def _n(k: int, word: str) -> str:
    return f"{k} {word}" + ("s" if k != 1 else "")


def _seconds(x: float) -> str:
    return f"{int(round(x))} seconds"


def storylines(overview: FilmOverview) -> list[_Candidate]:
    """One per main person: the two most seen, when each is on screen long enough, and
    up to two more seen nearly as long as the second (MAIN_SHARE)."""
    out = []
    seen = [p for p in overview.people if p.screen_time >= MIN_SCREEN]
    seen = seen[:2] + [p for p in seen[2:4] if p.screen_time >= MAIN_SHARE * seen[1].screen_time]
    for rank, p in enumerate(seen):
        most = ", more than anyone" if rank == 0 and len(overview.people) > 1 else ""
        name = p.label[0].upper() + p.label[1:]
        out.append(_Candidate("storyline", f"{name}'s storyline",
                              f"scenes with {p.label}, with a bit of lead-in",
                              f"{p.label} is on screen {p.screen_time:.0f} s in "
                              f"{_n(len(p.shots), 'shot')}{most}; their scenes in order", p.label))
    return out


def _topic(t: Topic) -> _Candidate:
    if t.seen and t.said:
        return _Candidate("topic", f"All about {t.name}", f"scenes with {t.name}",
                          f"{t.name} is seen in {_n(len(t.shots), 'shot')} and talked about "
                          f"{_n(t.said, 'time')}", t.name)
    if t.seen:
        kinds = ", ".join(t.labels[:3]) + (" ..." if len(t.labels) > 3 else "")
        return _Candidate("topic", f"The {t.name}", f"shots of {t.name}",
                          f"{t.name} is seen in {len(t.shots)} shots ({kinds})", t.name)
    return _Candidate("topic", f"Talk of {t.name}", f"the parts where they talk about {t.name}",
                      f"{t.name} is talked about {t.said} times, in {len(t.shots)} shots", t.name)


def topics(overview: FilmOverview) -> list[_Candidate]:
    """Recurring subjects, seen (and said) first, then talked about; each adds new shots."""
    taken: list[set[int]] = []
    out = []
    for t in [*overview.seen, *overview.talked]:
        if len(out) >= MAX_TOPICS:
            break
        shots = set(t.shots)
        if len(shots) > BACKGROUND * overview.shots:  # everywhere: the film's backdrop
            continue
        if any(len(shots & s) >= OVERLAP * len(shots) for s in taken):
            continue
        taken.append(shots)
        out.append(_topic(t))
    return out


def short_version(overview: FilmOverview, preferred: float | None = None) -> _Candidate:
    budget = preferred or max(10.0, SHORT_SHARE * overview.duration)
    why = (f"the whole film in {_seconds(budget)}: a piece of each of its {overview.shots} "
           f"shot(s), so every person and subject in it gets a moment")
    return _Candidate("short", "The short version", f"the whole film in {_seconds(budget)}", why)


def _spoken_words(index, overview: FilmOverview) -> list[str]:
    """One salient word per shot with speech: a recurring topic when it is said there,
    else the rarest long content word of the shot's sentences (the line's peak)."""
    said = [t.name for t in (*overview.seen, *overview.talked) if t.said]
    counts: dict[str, int] = {}
    for s in index.sentences:
        for w in set(WORD.findall(s.text.lower())):
            counts[w] = counts.get(w, 0) + 1
    starts = [s.start for s in index.shots]
    things = _things()  # concrete nouns: what a line is about, more than its adjectives
    words: dict[int, str] = {}
    import bisect
    for s in index.sentences:
        shot = max(0, bisect.bisect_right(starts, (s.start + s.end) / 2) - 1)
        if shot in words:
            continue
        found = [w for w in WORD.findall(s.text.lower()) if re.fullmatch(r"[a-z]{3,}", w)
                 and (len(w) > 3 or w in things)
                 and w not in STOP and w not in _FUNCTION and w not in SPEECH_WORDS]
        topical = [t for t in said if _key(t) in {stem(w) for w in found}]
        if topical:
            words[shot] = topical[0]
        elif found:
            words[shot] = min(found, key=lambda w: (stem(w) not in things and w not in things,
                                                    counts.get(w, 0), -len(w), w))
    first: dict[str, int] = {}
    for k in sorted(words):
        first.setdefault(words[k], k)
    shots = _contrasting(index, sorted(first.values()), TRAILER_SUBJECTS)
    return [words[k] for k in shots]


def _contrasting(index, shots: list[int], k: int) -> list[int]:
    """``k`` of ``shots`` that look most unlike each other (farthest-point picks on each
    shot's mean frame vector), in film order: a trailer cuts between contrasting pictures."""
    import numpy as np
    from cutbot.indexers.text import l2_normalise
    if len(shots) <= k:
        return shots
    rows = {s: [f.index for f in index.frames if f.shot == s] for s in shots}
    vecs = index.frame_vectors
    if not len(vecs) or not all(rows.values()):
        step = len(shots) / k  # no pictures to compare: spread over the film
        return [shots[int(i * step)] for i in range(k)]
    mean = np.stack([vecs[rows[s]].mean(axis=0) for s in shots])
    mean = l2_normalise(mean)
    chosen = [0]
    nearest = mean @ mean[0]
    while len(chosen) < k:
        nxt = int(np.argmin(np.where(np.isin(np.arange(len(shots)), chosen), np.inf, nearest)))
        chosen.append(nxt)
        nearest = np.maximum(nearest, mean @ mean[nxt])
    return sorted(shots[i] for i in chosen)


def _things() -> frozenset[str]:
    """Single words that name things (WordNet terms of the ImageNet labels and their kinds)."""
    from cutbot.indexers.visual import label_terms
    return frozenset(t for ws in label_terms().values() for t in ws if " " not in t)


def trailer(index, overview: FilmOverview) -> _Candidate | None:
    words = _spoken_words(index, overview)
    if len(words) < 2:
        return None
    budget = min(TRAILER_MAX, max(TRAILER_MIN, overview.duration / 6))
    listed = ", ".join(words[:-1]) + f" and {words[-1]}"
    return _Candidate("trailer", "The trailer",
                      f"like a trailer: the key moments where they talk about {listed}, "
                      f"under {_seconds(budget)}",
                      f"short spoken moments of {len(words)} different subjects, from shots "
                      f"that look most unlike each other, under {_seconds(budget)}")


def _tastes(profile: Profile) -> tuple[list[str], list[str]]:
    prefs = [p for p in profile.preferences if p.modality != "speech"]
    return ([p.text for p in prefs if p.stance == "like"],
            [p.text for p in prefs if p.stance == "dislike"])


def _ranked(cands: list[_Candidate], liked: list[str], disliked: list[str]) -> list[_Candidate]:
    """Liked topics first; disliked ones never offered, and left out of the rest."""
    bad = {_key(d) for d in disliked}
    keep = []
    for c in cands:
        if c.subject and _key(c.subject) in bad:
            continue
        for d in disliked:
            c.request += f", without {d}"
            c.notes.append(f"leaves out {d} (you don't like it)")
        keep.append(c)
    good = {_key(x) for x in liked}
    for c in keep:
        if c.subject and _key(c.subject) in good:
            c.liked = True
            c.notes.insert(0, f"you like {c.subject}")
    return sorted(keep, key=lambda c: not c.liked)  # stable: the kinds' order stays


def _interleave(groups: list[list[_Candidate]]) -> list[_Candidate]:
    """One of each kind first (a storyline, a topic, the short version, the trailer), then
    the second of each, so a short list is a varied one."""
    out = []
    for i in range(max((len(g) for g in groups), default=0)):
        out += [g[i] for g in groups if i < len(g)]
    return out


def suggest_cuts(editor, count: int = 5, overview: FilmOverview | None = None) -> list[Suggestion]:
    """Up to ``count`` suggestions for the editor's film, planned with its profile.
    ``editor`` is agent/editor.py's ``Editor`` (index, scorer, profile); ``overview`` is
    its film's ``describe_film``, when the caller has it already."""
    from .intent import parse_request

    index = editor.index
    overview = overview if overview is not None else describe_film(index)
    liked, disliked = _tastes(editor.profile)
    cands = _interleave([storylines(overview), topics(overview),
                         [short_version(overview)], [x for x in [trailer(index, overview)] if x]])
    known = {_key(c.subject) for c in cands if c.subject}
    extra = [_Candidate("topic", f"All about {x}", f"scenes with {x}", f"{x} is in the film",
                        x) for x in liked if _key(x) not in known]
    planned = []
    for c in _ranked(extra + cands, liked, disliked):
        try:
            planned.append((c, parse_request(c.request)))
        except CutbotError:
            continue
    texts = [q.text for _, p in planned[:count + 1] for q in (*p.include, *p.exclude)
             if q.modality in ("any", "speech") and not q.exact]  # what the text model reads
    base = editor.scorer  # the same models and people hook, queries embedded at once
    seed = getattr(base.text, "seed", None)  # words the film's vocabulary has embedded already
    vocabulary = getattr(editor, "vocabulary", None)
    if seed is not None and vocabulary is not None:
        seed([t.text for t in vocabulary.terms], vocabulary.vectors())
    scorer = Scorer(index, _Batched(base.text, texts), getattr(base, "_visual", None),
                    getattr(base, "_people", None))
    seen = {t.name: t for t in (*overview.seen, *overview.talked)}
    out: list[Suggestion] = []
    for c, plan in planned:
        if len(out) >= count:
            break
        try:
            cut = plan_with_profile(editor.profile, plan, lambda p, r=c.request: plan_cut(
                p, index, request=r, scorer=scorer), scorer)
        except CutbotError:  # the film does not bear it out (a liked topic it lacks)
            continue
        if not cut.segments or (c.subject in seen and not _where(index, seen[c.subject], cut)):
            continue
        why = "; ".join([*c.notes[:1 if c.liked else 0], c.why, *c.notes[1 if c.liked else 0:]])
        out.append(Suggestion(c.kind, c.title, c.request, why, plan, cut, c.subject))
    return out


TOPIC_PURE = 0.8  # a topic cut must keep this share of its time where the subject plainly is


def _where(index, topic: Topic, cut: Cut) -> bool:
    """Whether the planned cut stays where the index plainly has the topic (its shots,
    and the sentences that say it): a cut that strays is no cut of that subject."""
    from cutbot.indexers.intervals import overlap
    spans = [(index.shots[i].start, index.shots[i].end) for i in topic.shots if i < len(index.shots)]
    key = _key(topic.name)
    spans += [(x.start, x.end) for x in index.sentences
              if key and key in {stem(w) for w in WORD.findall(x.text.lower())}]
    kept = [(x.start, x.end) for x in cut.segments]
    return cut.duration > 0 and overlap(kept, spans) >= TOPIC_PURE * cut.duration


class _Batched:
    """The film's text embedder, asked for all the suggestions' queries in one batch
    (one pass over the weights instead of one per query: about 4x faster on 2 cores)."""

    def __init__(self, inner, texts: list[str]):
        self._inner, self.name, self.dim = inner, inner.name, inner.dim
        texts = list(dict.fromkeys(texts))
        self._memo = dict(zip(texts, inner.embed(texts))) if texts else {}

    def embed(self, texts):
        items = [texts] if isinstance(texts, str) else list(texts)
        missing = [t for t in dict.fromkeys(items) if t not in self._memo]
        if missing:
            self._memo.update(zip(missing, self._inner.embed(missing)))
        import numpy as np
        return np.stack([self._memo[t] for t in items]) if items else self._inner.embed([])


def suggestion_lines(suggestions: list[Suggestion]) -> list[str]:
    if not suggestions:
        return ["no suggestions: the index holds too little to propose a version"]
    return ["suggested cuts (say 'take N' to use one, then refine it in words):",
            *[s.line(n) for n, s in enumerate(suggestions, 1)]]


def write_suggestions(path: Path, suggestions: list, header: dict, protect=()) -> Path:
    """``{**header, "suggestions": [s.to_dict(), ...]}`` to a temp file, then renamed over
    ``path``; never over a film or anything indexed (``guard_output``, plus ``protect``)."""
    import json

    from cutbot.indexers.files import atomic_write_text, guard_output

    guard_output(path, list(protect))
    data = {**header, "suggestions": [s.to_dict() for s in suggestions]}
    return atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
