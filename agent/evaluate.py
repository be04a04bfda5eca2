"""Time-based precision/recall/F1 of a cut against ground-truth intervals.

Used by the quality benchmark and the end-to-end tests, so both measure the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from cutbot.indexers.intervals import Interval, length, overlap  # also what bench/quality.py reads


@dataclass(frozen=True)
class TimeScore:
    precision: float
    recall: float
    f1: float


def time_f1(predicted: Sequence[Interval], truth: Sequence[Interval],
            budget: float | None = None) -> TimeScore:
    """Recall is measured against what the budget allows: with 20 s asked and 40 s
    relevant, keeping 20 relevant seconds is a perfect recall."""
    pred_len, truth_len = length(predicted), length(truth)
    hit = overlap(predicted, truth)
    if truth_len == 0:  # nothing should have been kept
        return TimeScore(1.0 if pred_len == 0 else 0.0, 1.0, 1.0 if pred_len == 0 else 0.0)
    reachable = min(truth_len, budget) if budget else truth_len
    precision = hit / pred_len if pred_len else 0.0
    recall = min(1.0, hit / reachable) if reachable else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TimeScore(precision, recall, f1)


def scene_intervals(truth: dict, keep) -> list[Interval]:
    """Intervals of the truth file's scenes for which ``keep(scene)`` holds."""
    return [(s["start"], s["end"]) for s in truth["scenes"] if keep(s)]
