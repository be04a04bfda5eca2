"""Words the first transcript misheard, listened for again in the lines that sound like them.

Whisper tiny.en writes a word it does not expect as the nearest common words ("the
courgettes are the size of my arm" -> "the forgetty's are...", "the audiobook on the car
radio" -> "all the old book on the car"), so a topic the film does talk about is not in its
transcript. When a viewer asks for a word the transcript never wrote, the few lines that
sound most like it (chosen by the agent) are decoded once more with the word as a hotword,
each on its own: told to expect the word, the decoder writes it where it was said (long_dev,
every line decoded expecting it: "courgettes" in its 2 lines, "audiobook" in its 1), and
sometimes where something only sounds a little like it ("penguins" for "handfuls", "city"
for "sea"), mostly unsure of it; so each line's new words are kept with how sure the decoder
was of each (``words_heard.json`` beside the index; a line is never decoded twice for the
same word), and the agent decides what counts as heard. The words the viewer's requests asked
are kept apart from the lines decoded (``asked``): a new session learns the words asked before, and
forgetting them (a benchmark run that must not depend on the runs before it) keeps the decodes,
which are the same whenever made.
"""
from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Sequence

from .index_files import write_json
from .media import audio_between
from .models import get_transcriber
from .settings import cores

if TYPE_CHECKING:
    from .store import Index

log = logging.getLogger(__name__)

WORDS_FILE = "words_heard.json"
#: sound kept around a line when it is decoded again: a word cut at the line's edge is misheard again
MARGIN = 0.3
#: the most lines decoded at once (one core each)
WORKERS = 4

Span = tuple[float, float]
#: a line as heard again: its words and how sure the decoder was of each
Heard = list[tuple[str, float]]
#: what was listened for: a word (learnt by the transcript) or a quoted line (never learnt as a word)
Kind = Literal["words", "lines"]


def _path(index: Index) -> Path:
    return Path(index.root) / WORDS_FILE


def _key(span: Span) -> str:
    return f"{span[0]:.2f}-{span[1]:.2f}"


def _read(index: Index) -> dict:
    """The file as written: {} when there is none, it is damaged or another speech model wrote it."""
    try:
        raw = json.loads(_path(index).read_text(encoding="utf-8"))
        return raw if isinstance(raw, dict) and raw.get("speech") == index.models.get("speech") else {}
    except (OSError, ValueError):
        return {}


def _heard(raw: dict, kind: Kind) -> dict[str, dict[str, Heard]]:
    try:
        return {w: {str(k): [(str(t), float(p)) for t, p in line] for k, line in lines.items()}
                for w, lines in raw.get(kind, {}).items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return {}  # a damaged file: listened for again


def _asked(raw: dict) -> list[str]:
    try:
        return [str(w) for w in raw.get("asked", raw.get("words", {}))]
    except TypeError:
        return []


def heard(index: Index, kind: Kind = "words") -> dict[str, dict[str, Heard]]:
    """Every word listened for in this film -> {line span key: the line as heard expecting it}.
    ``kind`` "lines": every quoted line listened for (agent/heard_again.quote_again), kept apart
    so that no quote is ever learnt as a word."""
    return _heard(_read(index), kind)


def words_asked(index: Index) -> list[str]:
    """The words requests listened for in this film, first asked first (a file written before they
    were kept apart: every word decoded)."""
    return _asked(_read(index))


def heard_and_asked(index: Index) -> tuple[dict[str, dict[str, Heard]], list[str]]:
    """``heard(index)`` and ``words_asked(index)`` from one read of the file (a new session's start)."""
    raw = _read(index)
    return _heard(raw, "words"), _asked(raw)


def forget_asked(index: Index) -> None:
    """Forget which words were asked, keep what each line was heard to say."""
    if raw := _read(index):
        _write(index, raw, asked=[])


def _write(index: Index, raw: dict, **changed) -> None:
    """``raw`` (as read) with ``changed`` fields, written whole (temp file, then rename)."""
    fields = {"words": _heard(raw, "words"), "lines": _heard(raw, "lines"), "asked": _asked(raw), **changed}
    write_json(_path(index), {"speech": index.models.get("speech"), **fields})


def listen_for(index: Index, asked: dict[str, Sequence[Span]],
               heard_before: dict[str, dict[str, Heard]] | None = None, kind: Kind = "words") -> dict[str, list[Heard]]:
    """For each word, each of its lines (spans of the first transcript) decoded again
    expecting it, in the order given; lines decoded before are read back. With
    ``heard_before`` (``heard(index)``, just read by the caller: ~20 ms for a long film's
    file) they are only read back from it, never decoded. Any failure (no model, no audio)
    answers what was heard before, [] for the rest: the words stay as first written."""
    known = heard(index, kind) if heard_before is None else heard_before
    todo = {w: [s for s in spans if _key(s) not in known.get(w, {})] for w, spans in asked.items()} \
        if heard_before is None else {}
    todo = {w: spans for w, spans in todo.items() if spans}
    speech = index.models.get("speech")
    if todo and speech:
        try:
            _decode(index, speech, todo, known, kind)
        except Exception as exc:  # noqa: BLE001 - a second listen is a bonus, never a failure
            log.debug("words_heard: not listened again (%s: %s)", type(exc).__name__, exc)
            known = heard(index, kind)
    if heard_before is None and kind == "words" and speech:
        _remember_asked(index, [w for w in asked if w in known])
    return {w: [known.get(w, {}).get(_key(s), []) for s in spans] for w, spans in asked.items()}


def _decode(index: Index, speech: str, todo: dict[str, list[Span]], known: dict[str, dict[str, Heard]],
            kind: Kind) -> None:
    """Each line decoded alone, a few side by side (a viewer waits for them; each decode is the
    same with one core as in a row: tiny.en ~0.4 s a line)."""
    jobs = [(word, span) for word, spans in todo.items() for span in spans]
    log.info("cutbot: listening again for %s in %d line(s)", ", ".join(map(repr, todo)), len(jobs))
    workers = cores(WORKERS)  # not fewer for fewer lines: one model per process
    transcriber = get_transcriber(speech, workers=workers)

    def hear(job: tuple[str, Span]) -> Heard:
        word, span = job
        sound = audio_between(index.media.path, max(span[0] - MARGIN, 0.0), span[1] + MARGIN)
        said = transcriber.transcribe(sound, hotwords=word, vad=False) if sound.size else []
        return [(w.text.strip(), round(float(w.prob), 3)) for s in said for w in s.words]

    with ThreadPoolExecutor(workers) as pool:
        for (word, span), line in zip(jobs, pool.map(hear, jobs)):
            known.setdefault(word, {})[_key(span)] = line
    _write(index, _read(index), **{kind: known})


def _remember_asked(index: Index, words: list[str]) -> None:
    raw = _read(index)
    before = _asked(raw)
    if new := [w for w in words if w not in before]:
        _write(index, raw, asked=before + new)
