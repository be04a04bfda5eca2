"""Topic segmentation of the transcript (TextTiling over the index's own sentence vectors).

A conversation changes topic where what is said next no longer coheres with what was said
just before. Pauses mark that in scripted talk (passages.stretches), but real talk runs on
without them: a found line must not grow into the next topic's lines, and a topic that
comes back must be found in its own segment. TextTiling (Hearst 1997) scores each gap
between consecutive lines by the cosine of the unit mean of the ``window`` lines before it
and the ``window`` lines after it (MiniLM vectors already in the index: no model call), and
a gap is a boundary where its DEPTH (how far the score falls below the nearest peaks on
each side) stands out from the film's own depths: depth > mean - ``cutoff`` * std over the
film's valleys (Hearst's liberal cutoff), so the threshold is the film's statistics, not a
number fitted to a film.

Measured and not adopted (all six dev films, every speech request with a sure line; segments
= stretches of talk): a topic's RETURN found by a segment's likeness to the segment where it
was surely found (cosine of their unit mean vectors) and by the segment's own meaning of the
topic: 54 true return segments among 2,334; AUC likeness .768, segment meaning .696 (the best
line's .713); at likeness >= .5 and meaning >= .25, 1 true for 17 false; >= .6 / .25, 1 / 0.
The scene after a pause that still talks of the kitchen ("the plumber still hasn't come")
neither resembles the kitchen talk (.24) nor means the kitchen (.16): MiniLM cannot tie them.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from cutbot.indexers.schema import Sentence


@dataclass(frozen=True)
class TilingOptions:
    """The shape of TextTiling's comparison blocks, how deep a valley must be, and where pauses
    already say where topics change."""

    # Lines compared on each side of a gap, and the cutoff: a gap is a boundary where its depth
    # > mean - cutoff * std of the film's valley depths (Hearst's "liberal" cutoff is 0.5; a
    # larger one finds more). MEASURED (bench/topic_tiles.py, all six dev films: a true boundary
    # is a change of truth scene between two lines), boundaries found P/R: pauses > 1.5 s
    # 1.000/.989; TextTiling alone (pauses ignored) w1 c.5 .640/.340, w1 c1 .595/.468, w2 c.5
    # .604/.340, w2 c1 .581/.383, w3 c.5 .653/.340, w3 c1 .645/.426 (F .513, the best). As the
    # bound of a found line's growth in talk that never pauses (every line one stretch;
    # bench/topic_tiles.py --grow: every speech request of the six dev films through
    # passages.carried's carry and lean tests, line-time P/R of the grown hits): no tiles P .661
    # R .558; w1 c.5 .680/.557, w1 c1 .685/.558, w2 c.5 .682/.561, w2 c1 .690/.559, w3 c.5
    # .668/.559, w3 c1 .691/.556. With the pauses kept, tiles in every stretch cost recall
    # (R .579 -> .567): pauses are the better boundary where a film has them (``room``).
    window: int = 3
    cutoff: float = 1.0
    # A valley shallower than this is no boundary whatever the film's statistics (a stretch that
    # keeps one topic has only noise valleys, and few valleys make a poor mean). Cosine units.
    # Same --grow probe, w3 c1: .05 / .10 / .15 P .691 R .556, .20 P .665: the middle of the plateau.
    min_depth: float = 0.1
    # Tiles cut only a stretch of talk longer than this many lines (four blocks: room for a
    # topic between two boundaries): shorter stretches are already a topic each, as pauses
    # part them (dev: the longest stretch at 1.5 s holds 7 lines, so no dev film changes; a
    # conversation that never pauses is one stretch and is tiled).
    room: int = 12


TILING = TilingOptions()


def gap_scores(vectors: np.ndarray, options: TilingOptions = TILING) -> np.ndarray:
    """Per gap between line i and i + 1 (n - 1 gaps), the cosine of the unit means of the
    ``window`` lines before and after it."""
    n = len(vectors)
    if n < 2:
        return np.zeros(0)
    v = np.asarray(vectors, dtype=np.float64)
    cum = np.vstack([np.zeros((1, v.shape[1])), np.cumsum(v, axis=0)])
    gaps = np.arange(1, n)  # the gap before line g
    lo = np.maximum(gaps - options.window, 0)
    hi = np.minimum(gaps + options.window, n)
    left = cum[gaps] - cum[lo]
    right = cum[hi] - cum[gaps]
    norm = np.linalg.norm(left, axis=1) * np.linalg.norm(right, axis=1)
    return np.einsum("ij,ij->i", left, right) / np.maximum(norm, 1e-9)


def depths(scores: np.ndarray) -> np.ndarray:
    """Per gap, how far its score lies below the highest score reached climbing each way
    (Hearst's depth score): a valley between two coherent blocks is deep. One pass each way:
    the peak climbed to from a gap is its neighbour's, while the neighbour is no lower."""
    s = [float(x) for x in scores]
    n = len(s)
    left, right = s[:], s[:]
    for i in range(1, n):
        if s[i - 1] >= s[i]:
            left[i] = left[i - 1]
    for i in range(n - 2, -1, -1):
        if s[i + 1] >= s[i]:
            right[i] = right[i + 1]
    return np.array(left) + np.array(right) - 2 * np.asarray(scores, float) if n else np.zeros(0)


def boundaries(vectors: np.ndarray, options: TilingOptions = TILING) -> np.ndarray:
    """Per gap (n - 1), whether the topic changes there: a local valley whose depth stands
    out from the film's valleys (``cutoff``) and is at least ``min_depth``."""
    scores = gap_scores(vectors, options)
    if len(scores) < 3:
        return np.zeros(len(scores), bool)
    depth = depths(scores)
    prev = np.concatenate([[-np.inf], scores[:-1]])  # the first and last gaps compare a block
    nxt = np.concatenate([scores[1:], [-np.inf]])  # cut short by the film's edge: never valleys
    valley = (scores <= prev) & (scores < nxt) & (depth > 0)
    if not valley.any():
        return valley
    d = depth[valley]
    floor = max(float(d.mean() - options.cutoff * d.std()), options.min_depth)
    return valley & (depth > floor)


def segments(vectors: np.ndarray, sentences: Sequence[Sentence] | None = None, gap: float | None = None,
             options: TilingOptions = TILING) -> np.ndarray:
    """Per line, the number of its topic segment: a new one starts at each TextTiling boundary
    and, with ``sentences`` and ``gap``, after each pause longer than ``gap`` seconds."""
    n = len(vectors)
    if n == 0:
        return np.zeros(0, int)
    cut = boundaries(vectors, options)
    if sentences is not None and gap is not None and n > 1:
        starts = np.array([s.start for s in sentences], float)
        ends = np.array([s.end for s in sentences], float)
        cut = cut | (starts[1:] - ends[:-1] > gap)
    return np.concatenate([[0], np.cumsum(cut)]).astype(int)


def tiled(run: np.ndarray, vectors: np.ndarray, options: TilingOptions = TILING) -> np.ndarray:
    """The stretches of talk (per line, ``run``: passages.stretches), each one longer than
    ``room`` lines cut at its own TextTiling boundaries (its valleys measured against its own:
    talk without pauses carries its topic changes only in what is said)."""
    run = np.asarray(run, int)
    if len(run) <= options.room:
        return run
    for vecs, key, out in _KEPT:  # the film's tiles, once: every spoken query of a film asks again
        if vecs is vectors and key == (run.tobytes(), options):
            return out
    out = _tiled(run, vectors, options)
    _KEPT[:] = [(vectors, (run.tobytes(), options), out)] + _KEPT[:3]
    return out


_KEPT: list[tuple[np.ndarray, tuple[bytes, TilingOptions], np.ndarray]] = []  # the last few films' tiles


def _tiled(run: np.ndarray, vectors: np.ndarray, options: TilingOptions) -> np.ndarray:
    cut = np.zeros(len(run), bool)  # a new segment starts at this line
    cut[1:] = run[1:] != run[:-1]
    for k in sorted(set(run.tolist())):  # np.unique imports numpy.ma, which a dry run never needs
        lines = np.flatnonzero(run == k)
        if len(lines) > options.room:
            cut[lines[1:]] |= boundaries(vectors[lines], options)
    return np.cumsum(cut).astype(int)
