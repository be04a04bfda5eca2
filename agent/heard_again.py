"""A topic the transcript never wrote, listened for again in the lines that sound like it.

Whisper tiny.en mishears the rarer words of a film ("courgettes" -> "forgetty's",
"canteen" -> "can't even", "kiwi" -> "key weed"), so a topic the film talks about can be
absent from its transcript, and fuzzy matching cannot reach it from so far. When a spoken
query names a noun the transcript never wrote (or a query that could be seen or said finds
nothing), the lines that sound most like it (letters and Metaphone over runs of one to
three words) are decoded again expecting it (indexers/words_heard.py); the lines that now
say it say it from then on (``Transcript.learn``). The viewer's word may not be the
speaker's ("zucchini" for "courgettes"): the word's WordNet synonyms are listened for too.
Nothing is learned from meaning or from the film's other lines: only the decoder, told the
word, writes it. A quoted line no line says is listened for the same way (``quote_again``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from cutbot.indexers import words_heard
from cutbot.indexers.schema import Word
from cutbot.indexers.transcript import joined

from . import quotes, spoken_lines
from .hits import Items
from .kinds import load as _wordnet
from .lexical import SPEECH_WORDS, STOP, Transcript, _lemma, content_words, sound, spoken_topic, stem, synonyms

if TYPE_CHECKING:
    from cutbot.indexers.store import Index

_LETTERS = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class AgainOptions:
    """How a word is chosen to be listened for, and where."""

    # Only words this long: a short word sounds like too much ("dad" ~ "did", "had").
    min_len: int = 4
    # Only a noun WordNet knows this far from its top: "stuff" (4) or "thing" (5) names no
    # topic to listen for, "kitchen" (8) or "courgette" (12) does; a word it does not know as
    # a noun ("because", "gonna", a typo) is no topic either (sample film, every word its
    # requests asked that the transcript lacks: 207, of which a third were such words).
    min_depth: int = 6
    # A line is listened to again when a run of its words looks or sounds this much like the
    # word (rapidfuzz ratio of letters, or of Metaphone codes less ``sound_handicap``).
    # long_dev, its misheard topics: "forgetty's" ~ courgettes 74, "can't even" ~ canteen 93,
    # "key weed" ~ kiwi 70. Four dev films, each word said but never written: 45 of its 86
    # lines among the 8 chosen (42 with 6 lines; 48 at a floor of 55, where 20 words said
    # nowhere had 5.2 lines each to decode, against 2.8 at 60).
    floor: float = 60.0
    sound_handicap: float = 10.0
    # A misheard word is often one the decoder was unsure of ("My job in Tumyo": "Tumyo"
    # 0.23 for "interview"): a run holding a word below ``unsure`` probability gets
    # ``unsure_bonus``. Same four films: 32 -> 41 of their 67 lines among those chosen, 2.8 ->
    # 4.2 lines to decode per word said nowhere (a bonus of 20 under 0.5: 46, 6.6).
    unsure: float = 0.3
    unsure_bonus: float = 15.0
    lines: int = 8  # the most lines decoded again for one word (each ~0.4 s of tiny.en)
    # The word counts as heard only where the decoder, told to expect it, is this sure of it:
    # forced in where nothing like it was said, it writes it at almost no probability. Dev,
    # lines heard again: said there 0.13-0.53 (interview .20, courgettes .16 and .36, fence
    # .13, kiwi .53), not said 0.00-0.09 ("minibike" for "that bike" .00, "workout" for "our
    # cat" .00, "city" for "sea" .04, "tree" for "trip" .09) and once .17, once .33.
    sure: float = 0.1
    synonyms: int = 2  # the most other names of a word listened for as well
    # The most lines decoded again for a quoted line no line says (``quote_again``). Dev 7820: quote
    # requests 5 up, none down (dialogue "she had a clock on the wall that went backwards" x3, long_dev
    # "the courgettes are the size of my leg", "I cried at the bit about our dad, twice"), absent unchanged.
    quote_lines: int = 3


AGAIN = AgainOptions()
# A query that could be seen or said ("the fence"), listened for only when nothing answered it,
# listens for the viewer's words alone: most such queries are absent subjects, and each synonym
# costs up to ``lines`` more decodes. Dev (5561 requests): the same rows with and without its
# synonyms; with 4 lines instead of 8, "the night the fence blew down" is lost.
NOTHING_FOUND = replace(AGAIN, synonyms=0)


def _tokens(sentence) -> list[tuple[str, float]]:
    """A line's words with how sure the decoder was of each (1.0 where it did not say)."""
    words = getattr(sentence, "words", None) or ()
    if not words:
        return [(t.replace("'", ""), 1.0) for t in _LETTERS.findall(sentence.text.lower())]
    return [(t.replace("'", ""), float(w.prob)) for w in words for t in _LETTERS.findall(w.text.lower())]


def sounds_like(word: str, sentence, options: AgainOptions = AGAIN) -> float:
    """How much a run of one to three of a line's words looks or sounds like ``word``
    (0..100), more where the decoder was unsure of a word of the run."""
    toks = _tokens(sentence)
    code, best = sound(word), 0.0
    slack = max(3, len(word) // 2)
    for n in (1, 2, 3):
        for i in range(len(toks) - n + 1):
            run = "".join(t for t, _ in toks[i:i + n])
            if abs(len(run) - len(word)) > slack:
                continue
            unsure = options.unsure_bonus if min(p for _, p in toks[i:i + n]) < options.unsure else 0.0
            best = max(best, unsure + max(fuzz.ratio(word, run), fuzz.ratio(code, sound(run)) - options.sound_handicap))
    return best


def candidates(sentences, word: str, options: AgainOptions = AGAIN) -> list[int]:
    """The lines most like ``word``, best first, at most ``options.lines``."""
    scored = [(sounds_like(word, s, options), i) for i, s in enumerate(sentences)]
    return [i for score, i in sorted(scored, key=lambda x: (-x[0], x[1]))[:options.lines] if score >= options.floor]


def _worth(word: str, options: AgainOptions) -> bool:
    """A word that can name a topic of talk: long enough, a specific noun."""
    if len(word) < options.min_len or not word.isalpha() or word in STOP or word in SPEECH_WORDS:
        return False
    senses = _lemma(word, 1)
    return bool(senses) and int(_wordnet().depth[senses[0]]) >= options.min_depth


def missing(transcript: Transcript, text: str, options: AgainOptions = AGAIN) -> list[str]:
    """The words of a spoken query worth listening for that the transcript never wrote (as
    typed), with their synonyms it never wrote either; words listened for before are left out."""
    out: list[str] = []
    for token in dict.fromkeys(_LETTERS.findall(spoken_topic(text).lower())):
        if stem(token) in transcript.tf or not _worth(token, options):
            continue
        others = [w for w in synonyms(token) if " " not in w and _worth(w, options)][:options.synonyms]
        out += [w for w in [token, *others] if stem(w) not in transcript.tf]
    return [w for w in dict.fromkeys(out) if stem(w) not in transcript.again]


def relisten(index: Index, transcript: Transcript, text: str, options: AgainOptions = AGAIN) -> list[str]:
    """Listen again for the words of ``text`` the transcript lacks; the words now heard."""
    words = missing(transcript, text, options)
    return _learn(index, transcript, words, options) if words else []


def learn_heard(index: Index, transcript: Transcript, options: AgainOptions = AGAIN) -> None:
    """Every word asked before in this film, learnt where it was heard (read back, never decoded):
    "animals" keeps the fish a line was heard to say once "the drawing of a fish" was asked."""
    known, asked = words_heard.heard_and_asked(index)
    if words := [w for w in asked if w in known and stem(w) not in transcript.again]:
        _learn(index, transcript, words, options, heard_before=known)


def _learn(index: Index, transcript: Transcript, words: list[str], options: AgainOptions,
           heard_before: dict | None = None) -> list[str]:
    sentences = transcript.sentences
    lines = {w: candidates(sentences, w, options) for w in words}
    again = words_heard.listen_for(index, {w: [(sentences[i].start, sentences[i].end) for i in ids]
                                            for w, ids in lines.items() if ids}, heard_before)
    heard = []
    for w, ids in lines.items():
        found = [(i, line) for i, line in zip(ids, again.get(w, ())) if _says(line, w, options)]
        said = [joined(Word(text, 0.0, 0.0, p) for text, p in line) for _, line in found]  # as the reasons quote it
        transcript.learn(stem(w), [i for i, _ in found], said)
        heard += [w] if found else []
    return heard


def sentence_scores(index: Index, transcript: Transcript, text_model, query, loose: bool = False):
    """``spoken_lines.sentence_scores`` once a spoken topic's words the transcript never wrote were
    listened for: the one path for every reader of a spoken topic (search.Scorer, voices)."""
    if query.modality == "speech":
        relisten(index, transcript, query.text)
    return spoken_lines.sentence_scores(index.sentence_vectors, text_model, transcript, query, loose)


def quote_again(index: Index, transcript: Transcript, line: str, found: Items,
                options: AgainOptions = AGAIN) -> Items:
    """``found`` (quotes.items) where a quoted line that no line says as heard ("She kept a plot on
    the wall Matt ran back with..." for "she kept a clock on the wall that ran backwards") is heard
    in the ``quote_lines`` lines most like it (letters, rapidfuzz partial ratio at least ``floor``),
    each decoded again expecting it and scored as now heard (quotes.placed). Only the words the
    decoder is ``sure`` of count: told a line, it writes the line's words after what was said at
    almost no probability."""
    q = quotes.tokens(line)
    ids = [i for _, _, i in process.extract(" ".join(q), quotes.heard_of(transcript).texts, scorer=fuzz.partial_ratio,
                                            score_cutoff=options.floor, limit=options.quote_lines)] if q else []
    if not ids:
        return found
    sentences = transcript.sentences
    again = words_heard.listen_for(index, {line: [(sentences[i].start, sentences[i].end) for i in ids]}, kind="lines")
    raw, said = found.raw.copy(), {}
    for i, words in zip(ids, again[line]):
        sure = " ".join(w for w, p in words if p >= options.sure)
        score = quotes.placed(q, quotes.tokens(sure))[0] if sure else 0.0
        if score > raw[i]:
            raw[i], said[i] = score, sure
    return replace(found, raw=raw, detail=lambda i: f'"{said[i]}" (heard again)' if i in said else found.detail(i))


def quoted(transcript: Transcript, i: int) -> str:
    """A line as a reason quotes it: as heard again, when it was."""
    again = transcript.heard_lines.get(i)
    return f'"{again}" (heard again)' if again else f'"{transcript.sentences[i].text.strip()}"'


def _says(line: list[tuple[str, float]], word: str, options: AgainOptions) -> bool:
    """A line heard again says ``word`` when the decoder wrote it and was sure enough of it."""
    return any(p >= options.sure and stem(word) in content_words(text) for text, p in line)
