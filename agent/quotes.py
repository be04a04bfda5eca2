"""Quotes over the word timeline, word by word: a line is found where each of its words is
heard, or heard as something that looks or sounds like it.

A whole-string ratio is blind to *which* word differs: "ten of clubs" is as close to
"seven of clubs" (another card read out) as to "ten of clothes" (the same card
misheard). Aligned word by word, a misheard word still looks or sounds like the word
("clothes" ~ "clubs") while a different word does not ("seven" ~ "ten"), and counts for
nothing. Speech recognisers also split or join words ("some one" for "someone",
"candle it" for "candlelit") and write numbers as digits ("20" for "twenty"): an
alignment step may join two words on either side, and digits are read as words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process

from .hits import Items
from .lexical import STOP, sound
from .numbers import number_words
from .traits import once

# How recognisers write words that are said in full (a viewer types "Mister Smith").
_WRITTEN = {"mr": ["mister"], "mrs": ["missus"], "dr": ["doctor"], "st": ["saint"], "vs": ["versus"],
            "ok": ["okay"], "o'clock": ["oclock"], "&": ["and"]}


@dataclass(frozen=True)
class QuoteOptions:
    """Constants of word-by-word quote matching (dev measurements: ``bench/speech_quotes.py``)."""

    # A heard word this like a quoted word (letters, or letters and sounds together,
    # 0..1) is that word misheard; below it the word is another word and counts nothing.
    # Dev (tiny.en on the dev films): misheard words 0.62-0.95 ("clothes"/"clubs" .62,
    # "close"/"clubs" .73, "right"/"bright" .91), some lower ("trade"/"sprayed" .50,
    # "theite"/"night" .43: the string view below still hears those lines); other words
    # in the same place .50 ("seven"/"ten"), "seven"/"queen" .60 (the spread decides).
    word_floor: float = 0.6
    # Stop words ("of", "the") carry less of a line than the words that make it.
    stop_weight: float = 0.5
    # A heard word inside the match that stands for no quoted word costs a little more than
    # a stop word missed ("the sea. Red motorbike" is no better a "the red motorbike").
    extra_cost: float = 0.6
    # Two words joined ("candle it" ~ "candlelit" .94, "some one" ~ "someone" 1.0) count only
    # when nearly the same: a loose join would beat the words alone ("the red" ~ "red" .75).
    join_floor: float = 0.85
    # A line is heard where its heard words, as one string (letters, or letters and sounds
    # together: forgiving splits, joins and garbled stretches), reach ``string_floor``;
    # among those, the line is where the mean of that and the word-by-word alignment is
    # best (within ``spread``) and at least ``floor``. Dev (`bench/speech_quotes.py`: 142
    # quotes, every narration line of the three dev films whole, by its first/last three and
    # first six words): lines said reach 0.78-1.0 as strings but for 7 garbled beyond
    # reading (tiny.en: "cut the full sweet art" for "colourful sweets are", "man block"
    # for "Van Gogh"); other films' lines reach 0.81 as strings where half their words are
    # said ("small space shuttle" ~ "pilot the space shuttle", mean .74; "in the sun" ~ "in
    # the summer", .65). By the string alone (the old rule) "ten of clubs" also took "seven
    # of clubs" (.85) and "four queen of clubs" (.87) over "ten of clothes" (.84); with the
    # alignment's mean they fall outside the spread. The mean alone (floor .75) missed 9
    # (a garbled name pulls the alignment down: "the man real" for "the mandrill", .68).
    # Dev quality, quote requests: F1 0.974 -> 0.987 (39 requests, 3 sets).
    string_floor: float = 0.78
    floor: float = 0.6
    spread: float = 0.1  # a line said again, a little worse heard, is found too
    near: float = 70.0  # sentences that partly hold the line this well are searched (partial ratio)
    # A whole request that one line says word for word is that line, typed without quote marks
    # ("three weeks for ten minutes" is no 10-minute cut of weeks): at least ``whole_words``
    # words, placed at ``whole_floor`` or better, and as long as ``whole_cover`` of its line
    # (a phrase the line holds, "the red motorbike", is a subject). A line heard whole scores
    # 0.9-1.0 by the measurement above, but a line misheard in a word or two ("It is changed
    # green, man" for "it is sage green") only 0.80-0.87, and a viewer who types a line from
    # memory changes a word too. Dev (6740 requests): floor 0.9 -> 0.8, quote F1 up in 33
    # rows (long_dev "kiwi makes my mouth itch", interview "put a bit aside every month"), none down.
    whole_words: int = 4
    whole_floor: float = 0.8
    whole_cover: float = 0.7


QUOTES = QuoteOptions()


def spoken(words: list[str]) -> list[str]:
    """Words as said: digits ("20" -> "twenty") and abbreviations ("mr" -> "mister") in full."""
    out: list[str] = []
    for w in words:
        out += number_words(int(w)) if w.isdigit() and len(w) <= 3 else _WRITTEN.get(w, [w])
    return out


@lru_cache(maxsize=65536)
def like(a: str, b: str) -> float:
    """How much heard word ``b`` is quoted word ``a`` (0..1): 1 when the same; letters, or
    letters and sounds together (sounds alone are too loose: many words share them)."""
    if a == b:
        return 1.0
    letters = fuzz.ratio(a, b) / 100
    if not (a.isalpha() and b.isalpha()):
        return letters
    sounds = fuzz.ratio(sound(a), sound(b)) / 100
    return max(letters, (letters + sounds) / 2)


def _credit(a: str, b: str, opt: QuoteOptions, floor: float | None = None) -> float:
    s = like(a, b)
    return s if s >= (opt.word_floor if floor is None else floor) else 0.0


def align(quote: list[str], heard: list[str], opt: QuoteOptions = QUOTES) -> tuple[float, int, int]:
    """Best placement of ``quote`` inside ``heard``: (score 0..1, first, last heard index).

    Every quoted word is matched to a heard word (or two joined), two quoted words may
    match one heard word, or a quoted word is missed (0); heard words before and after the
    match are free, those inside it cost ``extra_cost``. The score is the weighted share
    of the quote heard."""
    m, n = len(quote), len(heard)
    if not m or not n:
        return 0.0, 0, 0
    weight = [opt.stop_weight if w in STOP else 1.0 for w in quote]
    total = sum(weight)
    neg = float("-inf")
    # best[i][j]: score with quote[:i] placed, the match ending at heard[j-1]; start[i][j]: where it began
    best = [[0.0] * (n + 1)] + [[neg] * (n + 1) for _ in range(m)]
    start = [list(range(n + 1))] + [[0] * (n + 1) for _ in range(m)]
    for i in range(1, m + 1):
        q, wq = quote[i - 1], weight[i - 1]
        for j in range(n + 1):
            cands = [(best[i - 1][j], start[i - 1][j])]  # quoted word missed
            if j >= 1:
                h = heard[j - 1]
                cands.append((best[i - 1][j - 1] + wq * _credit(q, h, opt), start[i - 1][j - 1]))
                if i >= 2:  # two quoted words heard as one ("candle lit" -> "candlelit")
                    both = quote[i - 2] + q
                    cands.append((best[i - 2][j - 1] + (weight[i - 2] + wq) * _credit(both, h, opt, opt.join_floor),
                                  start[i - 2][j - 1]))
                if j >= 2:  # one quoted word heard as two ("someone" -> "some one")
                    cands.append((best[i - 1][j - 2] + wq * _credit(q, heard[j - 2] + h, opt, opt.join_floor),
                                  start[i - 1][j - 2]))
                if i > 1:  # a heard word inside the match that is no quoted word
                    cands.append((best[i][j - 1] - opt.extra_cost, start[i][j - 1]))
            best[i][j], start[i][j] = max(cands, key=lambda c: c[0])
    j = max(range(n + 1), key=lambda j: best[m][j])
    first = start[m][j]
    last = max(j - 1, first)
    # trim heard words at the edges that match nothing ("sea. Red motorbike" for "red motorbike")
    while first < last and max(_credit(q, heard[first], opt) for q in quote) == 0.0:
        first += 1
    while last > first and max(_credit(q, heard[last], opt) for q in quote) == 0.0:
        last -= 1
    return max(0.0, best[m][j] / total), first, last


def tokens(line: str) -> list[str]:
    return spoken(re.findall(r"[a-z0-9']+", line.lower()))


class Heard:
    """A film's words as heard, digits read as words, each with its time and sentence."""

    def __init__(self, timeline: list[tuple[str, float, float, int]], sentences: int):
        self.words: list[str] = []
        self.times: list[tuple[float, float, int]] = []
        for w, a, b, i in timeline:
            for t in spoken([w]):
                self.words.append(t)
                self.times.append((a, b, i))
        self.ranges = [[len(self.words), 0] for _ in range(sentences)]
        for k, (_, _, i) in enumerate(self.times):
            self.ranges[i][0] = min(self.ranges[i][0], k)
            self.ranges[i][1] = max(self.ranges[i][1], k + 1)
        self.texts = [" ".join(self.words[a:b]) if b > a else "" for a, b in self.ranges]
        self.sounds = [" ".join(sound(w) for w in self.words[a:b]) if b > a else "" for a, b in self.ranges]


_HEARD: list[tuple[object, Heard]] = []  # the last few films' heard words


def heard_of(transcript) -> Heard:
    """One ``Heard`` per transcript (a lexical.Transcript), shared by its queries."""
    for t, h in _HEARD:
        if t is transcript:
            return h
    h = Heard(transcript.timeline, len(transcript.sentences))
    _HEARD[:] = [(transcript, h)] + _HEARD[:3]
    return h


def _as_string(q: list[str], heard: list[str]) -> float:
    """The best window of ``heard`` (the line's length, one word more or less) as one
    string: letters, or letters and sounds together (0..1)."""
    q_text, q_sound = " ".join(q), " ".join(sound(w) for w in q)
    best = 0.0
    for size in {max(1, len(q) - 1), len(q), len(q) + 1}:
        for k in range(0, max(1, len(heard) - size + 1)):
            win = heard[k:k + size]
            letters = fuzz.ratio(q_text, " ".join(win))
            sounds = fuzz.ratio(q_sound, " ".join(sound(w) for w in win))
            best = max(best, letters, (letters + sounds) / 2)
    return best / 100


def placed(q: list[str], words: list[str], opt: QuoteOptions = QUOTES) -> tuple[float, int, int]:
    """(score, first, last word) of the quote's words ``q`` placed in ``words``: the mean of the
    word-by-word alignment and the same place as one string (a word either side), 0 where that
    string is not the line (``string_floor``)."""
    aligned, first, end = align(q, words, opt)
    as_string = _as_string(q, words[max(0, first - 1):end + 2])
    return ((aligned + as_string) / 2 if as_string >= opt.string_floor else 0.0), first, end


def find(transcript, line: str, opt: QuoteOptions = QUOTES) -> list[tuple[float, float, float, int]]:
    """Where a quoted line is said, misheard or not: (score, start, end, sentence) of its best
    placement per sentence, best first; the score is 0 where the words, as one string, are
    not the line (``string_floor``). Only sentences that partly hold the line (letters or
    sounds, rapidfuzz partial ratio >= ``opt.near``) are searched, with their neighbours (a
    line may run over a sentence edge)."""
    q = tokens(line)
    heard = heard_of(transcript)
    if not q or not heard.words:
        return []
    q_text, q_sound = " ".join(q), " ".join(sound(w) for w in q)
    close = {i for _, _, i in process.extract(q_text, heard.texts, scorer=fuzz.partial_ratio,
                                              score_cutoff=opt.near, limit=None)}
    close |= {i for _, _, i in process.extract(q_sound, heard.sounds, scorer=fuzz.partial_ratio,
                                               score_cutoff=opt.near, limit=None)}
    best: dict[int, tuple[float, float, float, int]] = {}
    last = len(heard.ranges) - 1
    for i in sorted(close):
        lo = min(heard.ranges[max(0, i - 1)][0], heard.ranges[i][0])
        hi = max(heard.ranges[min(last, i + 1)][1], heard.ranges[i][1])
        score, first, end = placed(q, heard.words[lo:hi], opt)
        a, b = heard.times[lo + first], heard.times[lo + end]
        sent = heard.times[lo + (first + end) // 2][2]
        if sent not in best or score > best[sent][0]:
            best[sent] = (score, a[0], b[1], sent)
    return sorted(best.values(), key=lambda x: -x[0])


def half_heard(transcript, line: str, opt: QuoteOptions = QUOTES) -> list[tuple[float, float]]:
    """Where a line no sentence says as a string is still placed word by word: misheard past
    the string view ("Northonks, Kiwi Mix My Mothage" for "No thanks, kiwi makes my mouth
    itch": string .65, words .67). Not proof alone; among the lines that mean the quote it
    tells which one was said (rereadings.reworded)."""
    found = find(transcript, line, replace(opt, string_floor=0.0))
    top = found[0][0] if found else 0.0
    return [(a, b) for s, a, b, _ in found if s >= max(opt.floor, top - opt.spread)]


def said_whole(transcript, text: str, opt: QuoteOptions = QUOTES) -> bool:
    """Whether one line says the whole of ``text`` word for word (``whole_*`` above); read once
    per transcript and text (the chat asks before it plans, and the planner again)."""
    return once(transcript, ("said whole", text, opt), lambda: _said_whole(transcript, text, opt))


def _said_whole(transcript, text: str, opt: QuoteOptions) -> bool:
    q = tokens(text)
    if len(q) < opt.whole_words:
        return False
    found = find(transcript, text, opt)
    if not found or found[0][0] < opt.whole_floor:
        return False
    return len(q) >= opt.whole_cover * len(tokens(transcript.sentences[found[0][3]].text))


def items(transcript, line: str, sentence_shot: np.ndarray, spans: tuple[np.ndarray, np.ndarray]) -> Items:
    """One item per sentence: where ``line`` is said in it (``find``), 0 where it is not."""
    sentences = transcript.sentences
    raw = np.zeros(len(sentences))
    st, en = (a.copy() for a in spans)
    for score, a, b, i in find(transcript, line):
        raw[i], st[i], en[i] = score, a, b
    return Items(raw, sentence_shot, (st + en) / 2, st, en, lambda i: f'"{sentences[i].text.strip()}"')
