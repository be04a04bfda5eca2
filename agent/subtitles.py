"""The film's transcript retimed to the cut, as SRT (through the ``srt`` package).

Why words, not sentences: a segment often starts or ends inside a sentence, and a cue
must show only what is heard in the cut. Each sentence is cut down to the words whose
middle lies inside a segment, then moved to where that segment plays in the output.
Long runs of words are split so no cue stays on screen for more than a few seconds.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Iterable, Sequence

from .media_io import RenderError
from cutbot.indexers.files import atomic_write_text
from cutbot.indexers.schema import Sentence, Word

log = logging.getLogger(__name__)

MAX_CUE_S = 6.0  # a reader needs the line on screen, but not for longer than this
MAX_CUE_CHARS = 84  # two lines of 42, the broadcast convention
MIN_CUE_S = 0.3


@dataclass(frozen=True)
class Placement:
    """Source range ``[start, end)`` plays at ``out_start`` seconds of the output."""

    start: float
    end: float
    out_start: float

    def to_output(self, t: float) -> float:
        return self.out_start + (min(max(t, self.start), self.end) - self.start)


@dataclass(frozen=True)
class Cue:
    start: float  # output seconds
    end: float
    text: str


def _words(sentence: Sentence) -> tuple[Word, ...]:
    """The sentence's words; a sentence without word times counts as one word."""
    if sentence.words:
        return sentence.words
    return (Word(sentence.text, sentence.start, sentence.end),)


def _chunks(words: Sequence[Word]) -> Iterable[list[Word]]:
    run: list[Word] = []
    for w in words:
        text_len = sum(len(x.text.strip()) + 1 for x in run) + len(w.text.strip())
        if run and (w.end - run[0].start > MAX_CUE_S or text_len > MAX_CUE_CHARS):
            yield run
            run = []
        run.append(w)
    if run:
        yield run


def retime(sentences: Sequence[Sentence], placements: Sequence[Placement]) -> list[Cue]:
    """Cues in output time for every placed piece, in output order, never overlapping."""
    cues: list[Cue] = []
    for p in sorted(placements, key=lambda p: p.out_start):
        for sentence in sentences:
            if sentence.end <= p.start or sentence.start >= p.end:
                continue
            inside = [w for w in _words(sentence) if p.start <= (w.start + w.end) / 2 < p.end]
            for run in _chunks(inside):
                text = " ".join(w.text.strip() for w in run if w.text.strip())
                if not text:
                    continue
                start, end = p.to_output(run[0].start), p.to_output(run[-1].end)
                end = max(end, min(start + MIN_CUE_S, p.to_output(p.end)))
                if cues and start < cues[-1].end:  # a crossfade overlaps two pieces
                    prev = cues[-1]
                    cues[-1] = Cue(prev.start, max(prev.start + 0.01, start), prev.text)
                if end > start:
                    cues.append(Cue(start, end, text))
    return cues


def to_srt(cues: Sequence[Cue]) -> str:
    import srt

    subs = [srt.Subtitle(index=i, start=timedelta(seconds=round(c.start, 3)),
                         end=timedelta(seconds=round(c.end, 3)), content=c.text)
            for i, c in enumerate(cues, 1)]
    return srt.compose(subs, reindex=False)


def read_srt(path: str | Path) -> list[Cue]:
    """Parse an SRT file back into cues (tests and users' scripts)."""
    import srt

    text = Path(path).read_text(encoding="utf-8")
    return [Cue(s.start.total_seconds(), s.end.total_seconds(), s.content)
            for s in srt.parse(text)]


def write_srt(cues: Sequence[Cue], path: str | Path) -> Path:
    """Write the cues as SRT, atomically."""
    path = Path(path).expanduser()
    atomic_write_text(path, to_srt(cues), error=RenderError)
    log.info("wrote %d subtitle cue(s) to %s", len(cues), path)
    return path
