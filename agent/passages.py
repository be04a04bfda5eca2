"""Passage retrieval over the transcript: a topic of conversation lives in several lines.

A conversation about a topic spans consecutive lines, each of which alone says little
("Should we book the flights?" / "Only if the hotel is near the beach"); a found line alone
returns only its own seconds. A line's PASSAGE is itself and its neighbours in the same
stretch of talk (lines apart by short pauses); its meaning is the unit mean of their MiniLM
vectors, already in the index (no new model call beyond the query's own). A found line grows
into the contiguous run of its stretch whose passages still carry the topic and whose
outward context (without the lines found) still leans to it (``carried``), and a shot's
evidence spans the run of found lines it holds (``run_span``). A stretch of talk that never
pauses is cut where its topic changes (agent/topics.py, TextTiling): growth stops there too.

Measured and not adopted: passages as DETECTION evidence (bench/speech_passages.py over all
five dev films, 109 present topics' best true line or passage vs 82 absent topics' best, the
meaning talk.as_talk weighs): AUC line 0.790, passage (one line each side, pauses <= 1.5 s)
0.781, max(line, passage) 0.798, mean 0.790, within-film z of passages 0.70; at an absent rate
of 0.10 the line keeps 60 % of present topics, the passage 57-60 %. Absent topics asked as talk
lead their film about as clearly by passage as by line ("Spain" .353 -> .408 by passage), and
the topics that find nothing ("footy" .214 -> .254, "holiday" .182 -> .202, "keeping fit"
.226 -> .200) stay far below any floor the absent topics allow. So passages widen what a sure
line found; they never find a topic by themselves.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from cutbot.indexers.text import l2_normalise

from .calibration import TEXT, select
from .lexical import spoken_topic
from .spoken import SPOKEN
from .talk import GATE_AGAIN, GATE_OK
from .topics import tiled

if TYPE_CHECKING:
    from cutbot.indexers.schema import Sentence, TextEmbedder

    from .plan import Query


@dataclass(frozen=True)
class PassageOptions:
    """The shape of a passage, and how much of the topic a neighbour's passage must carry."""

    # Lines on each side of a line in its passage. Dev (bench/speech_passages.py, all five dev
    # films): one each side keeps the most of the conversation (two: AUC .781 -> .766, more
    # neighbours blur the one line that names the topic).
    reach: int = 1
    # A pause longer than this (seconds) ends a stretch of talk: a conversation is turns with
    # short gaps. Dev (bench/speech_passages.py --grow: every speech query of the five dev films,
    # its sure lines grown while a neighbour's passage >= carry, line-level time P/R against the
    # truth scenes; before P .913 R .597): gap 1.0 s P .916 R .794; 1.5 s .918 / .811; 2.0 s
    # .885 / .811; 3.0 s .805 / .811 (longer pauses join the next topic). A whole stretch without
    # the passage test: 1.5 s P .903 R .880, 2.0 s P .745, 3.0 s P .358: a pause alone is no topic
    # boundary (the dev films' TTS talk pauses 1.5-2.3 s between topics; real talk's turns are
    # shorter, so there the passage and lean tests do the work: ``lean``).
    gap: float = 1.5
    # Seconds from a line's middle a neighbour's middle may lie (a long monologue line's
    # neighbours are no context of its words); shapes of 12-20 s measured the same as none.
    span: float = 20.0
    # A neighbour joins a found line's run while its passage means the topic at least this
    # much: MiniLM's floor of relatedness (TEXT.speech_floor, 0.25), not a new number. Dev, gap
    # 1.5 s: carry .20 P .919 R .831; .25 P .918 R .811; .30 P .916 R .794; at gap 3.0 s .20
    # falls to P .743 where .25 keeps .805, so the relatedness floor stays.
    carry: float = TEXT.speech_floor
    # ...and while its OUTWARD context (itself and the next line away from the run, without the
    # lines found) leans to the topic this much: a strong found line lends its neighbour's
    # passage a third of its meaning (.62 / sqrt 3 = .36 > carry), so the passage alone crosses
    # one line into the next topic wherever no pause parts them. Dev (bench/speech_passages.py
    # --grow), gap 1.5 / 3.0 / none (every line one stretch, as in talk that never pauses):
    # passage only P .918 / .805 / .583, R .811 / .811 / .807; lean .10 P .923 / .865 / .699,
    # R .811 / .804 / .800; .15 P .923 / .896 / .758, R .804 / .780 / .765; .20 P .922 / .905 /
    # .812, R .794 / .742 / .708. A line that ends its stretch has no outward line and no next
    # topic to drag in: it needs no lean (without that, .15 lost interview "what lena says about
    # norway" 1.0 -> 0.67: Lena's answer, the stretch's last line, says little alone).
    lean: float = 0.15


PASSAGE = PassageOptions()


def stretches(sentences: Sequence[Sentence], options: PassageOptions = PASSAGE) -> np.ndarray:
    """Per line, the number of its stretch of talk: a pause longer than ``gap`` starts a new one."""
    if not sentences:
        return np.zeros(0, int)
    starts = np.array([s.start for s in sentences], float)
    ends = np.array([s.end for s in sentences], float)
    return np.concatenate([[0], np.cumsum(starts[1:] - ends[:-1] > options.gap)]).astype(int)


def members(sentences: Sequence[Sentence], options: PassageOptions = PASSAGE) -> list[np.ndarray]:
    """Per line, the lines of its passage, in time order (``_neighbours`` read back per line)."""
    hood = _neighbours(sentences, options)
    idx = np.arange(len(sentences))
    half = len(hood) // 2  # offsets -reach..-1 come first: the line itself goes between them and +1..
    lines = np.column_stack([*(j for j, _ in hood[:half]), idx, *(j for j, _ in hood[half:])])
    inside = np.column_stack([*(m for _, m in hood[:half]), np.ones(len(idx), bool), *(m for _, m in hood[half:])])
    return [row[keep] for row, keep in zip(lines, inside)]


def _neighbours(sentences: Sequence[Sentence], options: PassageOptions) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per offset of a passage (-reach..reach but 0): each line's neighbour at that offset and
    whether it belongs to the line's passage (``members`` per line; here as arrays, no loop over lines)."""
    n = len(sentences)
    run = stretches(sentences, options)
    mids = np.array([(s.start + s.end) / 2 for s in sentences], float)
    idx = np.arange(n)
    out = []
    for step in (*range(-options.reach, 0), *range(1, options.reach + 1)):
        j = np.clip(idx + step, 0, n - 1)
        out.append((j, (idx + step >= 0) & (idx + step < n) & (run[j] == run) & (np.abs(mids[j] - mids) <= options.span)))
    return out


def passage_vectors(vectors: np.ndarray, sentences: Sequence[Sentence],
                    options: PassageOptions = PASSAGE) -> np.ndarray:
    """Per line, the unit mean of its passage's line vectors."""
    if len(vectors) == 0:
        return vectors
    out = np.array(vectors, dtype=np.float32, copy=True)
    for j, near in _neighbours(sentences, options):
        out += near[:, None] * vectors[j]
    return l2_normalise(out)


def topic_meaning(vectors: np.ndarray, text: TextEmbedder | np.ndarray, topic: str = "") -> np.ndarray:
    """Per row, how much it means the topic: its words and its talk form, on average
    (talk.as_talk; the register lines are in). ``text`` may be the two embeddings already made."""
    e = text if isinstance(text, np.ndarray) else text.embed([topic, SPOKEN.talk_form.format(topic)])
    return (vectors @ e[0] + vectors @ e[1]) / 2


def leaning(vectors: np.ndarray, score: np.ndarray, run: np.ndarray, step: int,
           options: PassageOptions) -> np.ndarray:
    """Per line, whether it and its next line AWAY from a run growing by ``step`` (-1: the one
    before), in its stretch, lean to the topic (their unit mean's meaning >= ``lean``): a
    neighbour's context without the lines already found. A line that ends its stretch has no
    next topic to drag in and always leans."""
    n = len(vectors)
    idx = np.arange(n) + step
    alone = (idx < 0) | (idx >= n) | (run != np.roll(run, -step))
    nxt = np.clip(idx, 0, n - 1)
    length = np.linalg.norm(vectors + vectors[nxt], axis=1)
    return alone | ((score + score[nxt]) / np.maximum(length, 1e-9) >= options.lean)


def grown(hit: np.ndarray, carries: np.ndarray, run: np.ndarray,
          leans: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """The hits grown one neighbour at a time inside their stretch while the neighbour carries
    (and, with ``leans``, its outward context leans to the topic: ``leans[0]`` growing back,
    ``leans[1]`` forward)."""
    out = hit.copy()
    for i in np.flatnonzero(hit):
        for k, step in enumerate((-1, 1)):
            j = i + step
            while 0 <= j < len(out) and run[j] == run[i] and carries[j] and not out[j] and (
                    leans is None or leans[k][j]):
                out[j] = True
                j += step
    return out


def carried(vectors: np.ndarray, text: TextEmbedder, sentences: Sequence[Sentence], query: Query,
            raw: np.ndarray, gate: np.ndarray, options: PassageOptions = PASSAGE) -> np.ndarray:
    """The gate with GATE_AGAIN on every line of a found line's conversation that still
    carries the topic (its passage means it: ``carry``; its outward context leans to it:
    ``lean``), never past a pause that ends the stretch. Only a line the relative cut finds grows: a line kept as the topic talked about
    again (GATE_AGAIN) is weaker evidence. Dev, growing every hit instead: dialogue "what nora
    says about the summer trip" 1.0 -> 0.72 (an "again" weather line grew into the weather
    talk); speech lines (bench probe) P .908 R .822 vs sure seeds P .918 R .811. Nothing is
    found here that the lines did not find."""
    gate = np.asarray(gate).astype(np.int8)
    sure = select(raw, TEXT.speech_floor)[0] & (gate >= GATE_OK)
    if not sure.any() or len(sentences) < 2:
        return gate
    topic = spoken_topic(query.text)
    said = text.embed([topic, SPOKEN.talk_form.format(topic)])
    # Meaning is linear in the vectors: a passage's (an outward pair's) score is the sum of its
    # lines' scores over the length of their vector sum: one product with the lines per query.
    score = topic_meaning(vectors, said)
    total, summed = score.copy(), np.array(vectors, dtype=np.float32, copy=True)
    for j, near in _neighbours(sentences, options):
        total += near * score[j]
        summed += near[:, None] * vectors[j]
    carries = total / np.maximum(np.linalg.norm(summed, axis=1), 1e-9) >= options.carry
    run = tiled(stretches(sentences, options), vectors)  # a pause or a change of topic (topics.py) ends it
    leans = tuple(leaning(vectors, score, run, step, options) for step in (-1, 1))
    more = grown(sure, carries, run, leans) & ~sure & (gate < GATE_AGAIN)
    return np.where(more, np.int8(GATE_AGAIN), gate).astype(np.int8)


def run_span(hit: np.ndarray, shot: np.ndarray, start: np.ndarray, end: np.ndarray, i: int) -> tuple[float, float]:
    """The span of the run of consecutive found lines in line ``i``'s shot that holds ``i``:
    a shot's evidence is the conversation found in it, not only its best line."""
    a = b = i
    while a > 0 and hit[a - 1] and shot[a - 1] == shot[i]:
        a -= 1
    while b + 1 < len(hit) and hit[b + 1] and shot[b + 1] == shot[i]:
        b += 1
    return float(start[a:b + 1].min()), float(end[a:b + 1].max())
