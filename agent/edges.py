"""Where a piece of the film starts and ends: clean edges an editor would accept.

Visual picks keep whole shots (a cut mid-shot looks like a mistake); speech picks
keep whole sentences, even when a sentence runs over a cut; moments are tight spans
around the evidence. Whatever the rule, no edge ever falls inside a spoken word,
and excluded material is subtracted last, so padding and merging cannot bring it back.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from cutbot.indexers.intervals import Interval, union
from cutbot.indexers.schema import Sentence, Shot

from .evidence import Evidence

EPS = 1e-3
MOMENT_MIN = 2.0  # seconds: a moment shorter than this reads as a flash
MERGE_GAP = 1.0  # seconds: picks closer than this play as one segment
MIN_KEEP = 1.0  # seconds: pieces left shorter than this by an exclusion are dropped
# seconds: a word (or a line) that crosses a shot cut by less than this is cut at the shot
# edge. Whisper stretches a segment's first word back over the silence before it (dialogue:
# "So" 26.92-28.16 s over a cut at 27.0 s, the voice starts at 27.8 s); a line truly said
# across a cut crosses it by whole words (0.4 s and more)
CUT_SNAP = 0.25


@dataclass
class Piece:
    """A candidate stretch of the source and why it is there."""

    start: float
    end: float
    value: float  # relevance-seconds: calibrated strength x duration
    score: float  # best raw evidence score, reported to the viewer
    shots: tuple[int, ...]
    reasons: list[str] = field(default_factory=list)
    focus: float | None = None  # where the evidence is, for trimming around it
    scene: int = 0
    evidence: list[Evidence] = field(default_factory=list)  # typed, beside the reasons' words

    @property
    def duration(self) -> float:
        return self.end - self.start

    @property
    def strength(self) -> float:
        """Relevance per second."""
        return self.value / self.duration if self.duration > 0 else 0.0

    def part(self, start: float, end: float, note: str | None = None) -> "Piece":
        """A sub-span, keeping the same relevance per second."""
        reasons = self.reasons + ([note] if note else [])
        return Piece(start, end, self.strength * (end - start), self.score, self.shots,
                     reasons, self.focus, self.scene, self.evidence)


class Words:
    """Every word's edges in the transcript, so cuts can stay between words."""

    def __init__(self, sentences: Sequence[Sentence], shots: Sequence[Shot] = ()):
        spans = []
        cuts = [s.start for s in shots[1:]]
        for s in sentences:
            words = [(w.start, w.end) for w in s.words] or [(s.start, s.end)]
            if cuts:  # a line's first and last word give way to a cut they barely cross
                words[0] = _snap(*words[0], cuts, tail=len(words) == 1)
                words[-1] = _snap(*words[-1], cuts, head=len(words) == 1)
            spans.extend(words)
        spans.sort()
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def inside(self, t: float) -> Interval | None:
        """The word that ``t`` would cut through, if any."""
        i = bisect.bisect_right(self.starts, t - EPS) - 1
        for j in (i, i - 1):  # the latest word starting before t, or one it overlaps
            if j >= 0 and self.ends[j] > t + EPS:
                return self.starts[j], self.ends[j]
        return None

    def safe(self, start: float, end: float, lo: float, hi: float, grow: bool = True) -> Interval:
        """Move edges out of words: outwards when ``grow`` and ``lo``/``hi`` allow, else inwards."""
        for _ in range(8):  # each move lands on a word edge; adjacent words converge fast
            moved = False
            w = self.inside(start)
            if w:
                start, moved = (w[0] if grow and w[0] >= lo - EPS else w[1]), True
            w = self.inside(end)
            if w:
                end, moved = (w[1] if grow and w[1] <= hi + EPS else w[0]), True
            if not moved:
                break
        return start, end


def _snap(start: float, end: float, cuts: Sequence[float], head: bool = True, tail: bool = True) -> Interval:
    """A line's edge word with the side that crosses a shot cut by less than CUT_SNAP
    dropped (``head``: its start, ``tail``: its end): the shot edge wins over a line's
    edge a fraction of a second across it. Words inside a line said over a cut keep theirs."""
    i = bisect.bisect_right(cuts, start + EPS)
    while i < len(cuts) and cuts[i] < end - EPS:
        c = cuts[i]
        if head and c - start <= end - c and c - start < CUT_SNAP:
            start = c
        elif tail and end - c < c - start and end - c < CUT_SNAP:
            end = c
        i += 1
    return start, end


def speech_edges(shot: Shot, e: Evidence) -> Interval:
    """A line's span, its edges snapped to the shot's edges when they cross them by less
    than CUT_SNAP (see ``_snap``)."""
    start = shot.start if shot.start - CUT_SNAP < e.start < shot.start else e.start
    end = shot.end if shot.end < e.end < shot.end + CUT_SNAP else e.end
    return start, end


def scenes_of(shots: Sequence[Shot], sentences: Sequence[Sentence]) -> list[int]:
    """Scene number per shot: shots joined by a sentence said across the cut are one scene."""
    cuts = [s.start for s in shots[1:]]
    linked = [False] * len(cuts)
    for sent in sentences:
        i = bisect.bisect_right(cuts, sent.start + EPS)
        while i < len(cuts) and cuts[i] < sent.end - 0.1:
            linked[i] = True
            i += 1
    scene, out = 0, [0] * len(shots)
    for i in range(1, len(shots)):
        scene += not linked[i - 1]
        out[i] = scene
    return out


def evidence_span(shot: Shot, evidence: Sequence[Evidence], granularity: str) -> Interval:
    """Whole shot (plus any sentence that runs over its cuts), or the tight moment."""
    speech = [speech_edges(shot, e) for e in evidence if e.modality == "speech"]
    if granularity == "scene":
        return (min([shot.start] + [a for a, _ in speech]),
                max([shot.end] + [b for _, b in speech]))
    spans = [speech_edges(shot, e) if e.modality == "speech" else (max(e.start, shot.start), min(e.end, shot.end))
             for e in evidence]
    start = min(a for a, _ in spans)
    end = max(b for _, b in spans)
    if end - start < MOMENT_MIN:
        centre = (start + end) / 2
        lo = min(shot.start, start)
        hi = max(shot.end, end)
        start = max(lo, min(centre - MOMENT_MIN / 2, hi - MOMENT_MIN))
        end = min(hi, start + MOMENT_MIN)
    return start, end


def pad(span: Interval, padding: float, lo: float, hi: float, words: Words) -> Interval | None:
    """Context on both sides, kept inside [lo, hi] and out of words."""
    start, end = max(lo, span[0] - padding), min(hi, span[1] + padding)
    start, end = words.safe(start, end, lo, hi)
    return (start, end) if end - start > EPS else None


def merge(pieces: Iterable[Piece], gap: float = MERGE_GAP, scenes_apart: bool = False) -> list[Piece]:
    """Join pieces that overlap, or sit less than ``gap`` apart in one scene (in any
    scene with ``scenes_apart``), sorted by start. Before the budget, pieces of different
    scenes stay apart so the budget can choose between them."""
    out: list[Piece] = []
    for p in sorted(pieces, key=lambda p: (p.start, p.end)):
        near = out and p.start - out[-1].end <= gap and (scenes_apart or p.scene == out[-1].scene)
        if out and (p.start < out[-1].end - EPS or near):
            last = out[-1]
            overlap = max(0.0, min(last.end, p.end) - p.start)
            value = last.value + p.value - overlap * min(last.strength, p.strength)
            reasons = last.reasons + [r for r in p.reasons if r not in last.reasons]
            best = last if last.score >= p.score else p
            out[-1] = Piece(last.start, max(last.end, p.end), value, best.score,
                            tuple(dict.fromkeys(last.shots + p.shots)), reasons, best.focus,
                            min(last.scene, p.scene), list(dict.fromkeys(last.evidence + p.evidence)))
        else:
            out.append(Piece(p.start, p.end, p.value, p.score, p.shots, list(p.reasons),
                             p.focus, p.scene, list(p.evidence)))
    return out


def subtract(pieces: Iterable[Piece], banned: Sequence[Interval], words: Words) -> list[Piece]:
    """Remove banned spans from every piece; new edges move away from the banned side
    and out of words, so nothing excluded can be heard or seen."""
    banned = union(banned)
    out = []
    for p in pieces:
        parts = [(p.start, p.end)]
        for b0, b1 in banned:
            nxt = []
            for s, e in parts:
                if b1 <= s or b0 >= e:
                    nxt.append((s, e))
                    continue
                if b0 > s:
                    nxt.append((s, b0))
                if b1 < e:
                    nxt.append((b1, e))
            parts = nxt
        for s, e in parts:
            s, e = words.safe(s, e, s, e, grow=False)
            if e - s >= min(MIN_KEEP, p.duration) - EPS and e > s:
                same = (s, e) == (p.start, p.end)
                out.append(p if same else p.part(s, e))
    return out


def trim(piece: Piece, length: float, words: Words, note: str) -> Piece | None:
    """A ``length``-second piece of ``piece`` centred on its evidence, cut between words."""
    centre = piece.focus if piece.focus is not None else (piece.start + piece.end) / 2
    start = min(max(piece.start, centre - length / 2), piece.end - length)
    start, end = words.safe(start, start + length, start, start + length, grow=False)
    if end - start < EPS:
        return None
    return piece.part(start, end, note)


def _quiet(e, quiet: str, shot, least: float, whole_only: bool) -> bool:
    """Whether evidence ``e`` is a quiet stretch of ``shot`` that counts: the whole shot, or at
    least ``least`` s (a pause after a line is a breath, as for the silence asked alone)."""
    whole = e.start <= shot.start + EPS and e.end >= shot.end - EPS
    return e.query == quiet and e.modality == "speech" and (whole or (not whole_only and e.end - e.start >= least))


def quiet_floor(shots, evidence, quiet: str, least: float) -> float:
    """``least``, or 0 where no shot of the subject (``evidence`` per shot) has a quiet stretch
    that long: "the lamp where nobody talks" when a line runs through every lamp shot is the
    short quiet around it, the only quiet the lamp has."""
    found = any(_quiet(e, quiet, shot, least, False) for shot, evs in zip(shots, evidence) for e in evs)
    return least if found else 0.0


def quiet_parts(span: tuple[float, float], evidence, quiet: str | None, shot, least: float,
                whole_only: bool = False) -> list[tuple[float, float]]:
    """The span, or with a silence restriction its parts inside the shot's quiet stretches that
    count (``_quiet``); ``whole_only``: "the shot where nobody talks"."""
    if quiet is None:
        return [span]
    gaps = [(max(e.start, span[0]), min(e.end, span[1])) for e in evidence if _quiet(e, quiet, shot, least, whole_only)]
    return [(a, b) for a, b in gaps if b - a > EPS]


def pointed_out(spans: Iterable[Interval], shots: Sequence[Shot]) -> list[Interval]:
    """A piece the viewer dropped by pointing at it ("drop the second clip") goes with the shot it
    was cut from: a fit had trimmed it, and the trimmed ends are that same clip, not another one
    to bring in. A shot goes when the span covers at least half of it ("trim the second clip" drops
    a few seconds off a piece's end: its shot stays)."""
    out = []
    for a, b in spans:
        out.append((a, b))
        out += [(s.start, s.end) for s in shots if min(s.end, b) - max(s.start, a) >= 0.5 * (s.end - s.start)]
    return out
