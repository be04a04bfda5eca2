"""Names the first transcript missed, listened for again once they are asked about.

Whisper writes a name it does not expect as the nearest common words ("Loud and clear,
Dan" -> "Loud and clear, and"; "this is my sister Maya" -> "my sister, my..."), so a film
whose people are named only aloud may have no name in its transcript at all. When a viewer
asks for a name nobody in the film bears, the speech is decoded once more with that name as
a hotword (faster-whisper's ``hotwords``: the decoder is told to expect the word) and the
lines that now say it are kept beside the index (``names_heard.json``), so the naming of
voices can read them. A name listened for and not heard is kept too: it is never asked
twice. Measured (bench/voice_names.py --ask, tiny.en): names said but never written come back
(long_dev "Dan", "Owen", "Hana" in 2 lines each; dialogue "Maya" in her introduction, so she is
named), and names nobody says stay unheard (long_dev Maya/Felix/Nora, dialogue Dan/Owen/Clara
decoded as hotwords: no line says them).
"""
from __future__ import annotations

import json
import logging
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .index_files import write_json
from .media import load_audio
from .models import get_transcriber
from .transcript import joined

if TYPE_CHECKING:
    from .store import Index

log = logging.getLogger(__name__)

HEARD_FILE = "names_heard.json"
#: where a second listen reports ``(stage, done, total)`` as indexing does: a listen is a
#: decode of the film's whole speech (minutes for a long film), asked from deep inside
#: planning, so the face that asked (the CLI's bars) sets it around the request
_REPORT: ContextVar[Callable[[str, float, float], None] | None] = ContextVar("names_heard_report", default=None)


@contextmanager
def reporting(progress: Callable[[str, float, float], None] | None) -> Iterator[None]:
    """Report every second listen made inside this block to ``progress`` (None: nowhere)."""
    token = _REPORT.set(progress)
    try:
        yield
    finally:
        _REPORT.reset(token)


@dataclass(frozen=True)
class HeardLine:
    """A first-written sentence's time and its words as decoded with the name expected."""

    name: str
    start: float
    end: float
    text: str


def _path(index: Index) -> Path:
    return Path(index.root) / HEARD_FILE


def heard(index: Index) -> dict[str, list[HeardLine]]:
    """Every name listened for in this film (lower case) -> the lines that say it ([]: not heard)."""
    try:
        raw = json.loads(_path(index).read_text(encoding="utf-8"))
        names = raw["names"] if raw.get("speech") == index.models.get("speech") else {}
        return {n: [HeardLine(n, float(a), float(b), str(t)) for a, b, t in lines] for n, lines in names.items()}
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # none yet, or a damaged file: listened for again


def stamp(index: Index) -> int:
    """Changes whenever new names were listened for (a cache key for what reads them)."""
    try:
        return _path(index).stat().st_mtime_ns
    except OSError:
        return 0


def says(text: str, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", text, re.I) is not None


#: seconds before a first-written sentence and after it (up to the next one) whose words heard
#: again are its words. A name the first decode dropped at a line's end lies after that line's
#: end: long_dev's "...sit still for you, Owen." was first written "...sit still for you," ending
#: 0.6 s before the name on one machine (AMD EPYC) and with it on another
SLACK, TAIL = 0.25, 1.5


def _lines(words: list, sentences: list) -> list[str]:
    """The words heard again, one line per first-written sentence: each word goes to the
    sentence whose time, reaching on to the next sentence (at most ``TAIL`` s), holds its
    middle (decoding with a hotword often loses the full stops between lines)."""
    nexts = [n.start - SLACK for n in sentences[1:]] + [float("inf")]
    spans = [(s.start - SLACK, min(s.end + TAIL, max(nxt, s.end + SLACK))) for s, nxt in zip(sentences, nexts)]
    return [joined(w for w in words if lo <= (w.start + w.end) / 2 <= hi) for lo, hi in spans]


def listen_for(index: Index, names: Iterable[str],
               heard_as: Callable[[str, str], bool] = says) -> dict[str, list[HeardLine]]:
    """Decode the film's speech once more expecting ``names`` (those not listened for
    yet), keep the lines that say them (``heard_as(text, name)``: the agent's reading of a
    spelling the decoder chose, "Hanna" for "Hana"), and return every name heard so far. Any
    failure (no model, no audio) leaves the index as it was: the names stay unknown."""
    known = heard(index)
    new = sorted({n.lower() for n in names} - set(known))
    speech = index.models.get("speech")
    if not new or not index.sentences or not speech:  # nothing to listen with
        return known
    try:
        transcriber, audio = get_transcriber(speech), load_audio(index.media.path)
        log.warning("cutbot: note: listening to the film again for %s (once per name)",
                    ", ".join(repr(n.title()) for n in new))
        report = _REPORT.get()
        for n in new:  # one name at a time: told to expect several, the decoder hears each less
            stage = f"listening for {n.title()}"
            tick = (lambda t, stage=stage: report(stage, t, index.media.duration)) if report else None
            words = [w for s in transcriber.transcribe(audio, progress=tick, hotwords=n.title()) for w in s.words]
            known[n] = [HeardLine(n, s.start, s.end, text)
                        for s, text in zip(index.sentences, _lines(words, index.sentences)) if heard_as(text, n)]
    except Exception as exc:  # noqa: BLE001 - a second listen is a bonus, never a failure
        log.debug("names_heard: not listened again (%s: %s)", type(exc).__name__, exc)
        return heard(index)
    write_json(_path(index), {"speech": speech, "names": {
        n: [[x.start, x.end, x.text] for x in lines] for n, lines in known.items()}})
    return known
