"""Speech to sentences with word timestamps, through faster-whisper (CTranslate2).

Whisper's segments are decoding windows, not sentences: one may hold two sentences and
a sentence may run over two. The planner cuts at sentence edges, so the words of all
segments are re-grouped into sentences at sentence punctuation here.
"""
from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from .schema import Sentence, Word

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
_END = re.compile(r"[.!?…][\"')\]]*$")
_ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.", "etc.", "e.g.", "i.e.", "prof."}


@dataclass(frozen=True)
class TranscribeOptions:
    """Defaults chosen for speed on 2 cores beside the visual stage."""

    language: str | None = None  # None: detect (multilingual models); "en" for .en models
    beam_size: int = 1
    vad_filter: bool = True
    # A silence this long ends a sentence even without punctuation. Dev (bench/pauses.py: every
    # pause of 0.5 s or more between two words Whisper wrote into one sentence, against the
    # truth's lines, six films): inside one speaker's line at most 1.02 s ("Loud and clear, |
    # and"); between two speakers' lines 0.64 and 0.74 s (after a comma, too short to tell
    # from a breath) and 1.86 s (dialogue "...that ran backwards | what are we cooking for
    # dinner tonight?", a shot cut inside it), which 2.0 kept as one line. 1.5 splits it and
    # no one speaker's line. Dev 7820: 109 up, 22 down (the dinner and clock rows up; the downs
    # 0.01-0.28, where a line's two pieces now rank apart).
    max_gap: float = 1.5
    max_sentence: float = 30.0  # and so does a sentence this long, at the next word gap
    # Whisper's features are computed for all the audio it is given at once (an STFT of
    # ~2 GB for two hours): longer films are heard in windows of at most this many
    # seconds, cut at the quietest moment of the window's last ``seek`` seconds, so memory
    # stays flat with length and a film up to this long is heard exactly as before.
    window: float = 900.0
    seek: float = 60.0


def _ends_sentence(word: str) -> bool:
    w = word.strip()
    return bool(_END.search(w)) and w.lower() not in _ABBREVIATIONS


def joined(words: Iterable[Word]) -> str:
    """Timed words as one line of text: single spaces, no space before punctuation."""
    text = re.sub(r"\s+", " ", " ".join(w.text for w in words)).strip()
    return re.sub(r"\s+([,.!?;:…])", r"\1", text)


def words_to_sentences(words: Iterable[Word], options: TranscribeOptions = TranscribeOptions()) -> list[Sentence]:
    """Group timed words into sentences; times made monotone and kept inside bounds."""
    sentences: list[Sentence] = []
    current: list[Word] = []

    def close() -> None:
        if not current:
            return
        sentences.append(
            Sentence(len(sentences), current[0].start, current[-1].end, joined(current), tuple(current))
        )
        current.clear()

    last_end = 0.0
    for raw in words:
        text = raw.text.strip()
        if not text:
            continue
        start = max(float(raw.start), last_end)
        end = max(float(raw.end), start)
        word = Word(text, round(start, 3), round(end, 3), float(raw.prob))
        if current and (
            word.start - current[-1].end > options.max_gap
            or (word.end - current[0].start > options.max_sentence and word.start > current[-1].end)
        ):
            close()
        current.append(word)
        last_end = end
        if _ends_sentence(text):
            close()
    close()
    return sentences


class WhisperTranscriber:
    """A ``Transcriber`` over a ``faster_whisper.WhisperModel`` (int8 on CPU)."""

    def __init__(self, model: Any, name: str, options: TranscribeOptions = TranscribeOptions(),
                 workers: int = 1) -> None:
        self.model = model
        self.name = name
        self.options = options
        self._lock = threading.BoundedSemaphore(workers)

    def transcribe(
        self, audio: np.ndarray, progress: Callable[[float], Any] | None = None, hotwords: str | None = None,
        vad: bool | None = None,
    ) -> list[Sentence]:
        """16 kHz mono float32 -> sentences; silent or empty audio gives []. ``hotwords``
        ("Dan Owen") are words the decoder is told to expect: names it otherwise mishears.
        ``vad=False`` for one line's sound: the voice-activity filter trims its first word."""
        audio = np.asarray(audio, dtype=np.float32).reshape(-1)
        duration = audio.size / SAMPLE_RATE
        if audio.size < SAMPLE_RATE // 10 or float(np.max(np.abs(audio))) < 1e-4:
            if progress is not None:
                progress(duration)
            return []
        opts = self.options
        words: list[Word] = []
        # Heard again (hotwords): no sampling fallback, so the same answer every time. The
        # fallback samples from CTranslate2's worker-thread generator, which set_random_seed
        # does not reset: long_dev's "A few handfuls, Owen" came back "A few pencils, Owen" once
        # 40 other lines had been decoded before it (indexers/words_heard.py).
        again = {"hotwords": hotwords, "temperature": 0.0} if hotwords else {}
        with self._lock:  # as many decodes at a time as the model has workers
            for a, b in windows(audio, opts):
                offset = a / SAMPLE_RATE
                segments, info = self.model.transcribe(
                    audio[a:b],
                    language=opts.language,
                    beam_size=opts.beam_size,
                    vad_filter=opts.vad_filter if vad is None else vad,
                    word_timestamps=True,
                    condition_on_previous_text=False,
                    **again,
                )
                for seg in segments:  # a generator: decoding happens while iterating
                    words.extend(_shifted(w, offset) for w in _segment_words(seg))
                    if progress is not None:
                        progress(min(float(seg.end) + offset, duration))
        if progress is not None:
            progress(duration)
        sentences = words_to_sentences(words, opts)
        log.debug("%s: %d sentences from %.1f s of audio", self.name, len(sentences), duration)
        return sentences

    def __repr__(self) -> str:
        return f"WhisperTranscriber(name={self.name!r})"


def windows(audio: np.ndarray, options: TranscribeOptions = TranscribeOptions()) -> list[tuple[int, int]]:
    """Sample ranges covering ``audio``: one when it fits in ``options.window``, else each
    ends at the quietest quarter second of its last ``options.seek`` seconds."""
    n, size = len(audio), int(options.window * SAMPLE_RATE)
    if n <= size:
        return [(0, n)]
    hop, out, a = SAMPLE_RATE // 4, [], 0
    while n - a > size:
        lo = a + max(hop, size - int(options.seek * SAMPLE_RATE))
        k = (a + size - lo) // hop
        energy = np.square(audio[lo:lo + k * hop].reshape(k, hop), dtype=np.float32).mean(axis=1)
        cut = lo + int(np.argmin(energy)) * hop + hop // 2
        out.append((a, cut))
        a = cut
    return out + [(a, n)]


def _shifted(w: Word, offset: float) -> Word:
    return w if not offset else Word(w.text, w.start + offset, w.end + offset, w.prob)


def _segment_words(seg: Any) -> Sequence[Word]:
    if seg.words:
        return [Word(w.word, float(w.start), float(w.end), float(w.probability)) for w in seg.words]
    text = (seg.text or "").strip()  # no word timings: the segment as one "word"
    return [Word(text, float(seg.start), float(seg.end), 1.0)] if text else []


def load_whisper(
    source: str,
    name: str,
    *,
    cpu_threads: int = 1,
    language: str | None = None,
    beam_size: int = 1,
    workers: int = 1,
) -> WhisperTranscriber:
    """Load a CTranslate2 Whisper folder or faster-whisper size name; errors propagate.
    ``workers``: decodes that may run at once, from as many Python threads (one model replica each)."""
    from faster_whisper import WhisperModel

    model = WhisperModel(
        source, device="cpu", compute_type="int8", cpu_threads=max(1, int(cpu_threads)), num_workers=max(1, workers)
    )
    if language is None and (name.endswith(".en") or not model.model.is_multilingual):
        language = "en"
    return WhisperTranscriber(model, name, TranscribeOptions(language=language, beam_size=beam_size), max(1, workers))
