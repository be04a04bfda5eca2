"""Present subjects vs absent relatives on the dev films: does the asked class LEAD its
relatives (agent/relatives.py) somewhere in the film?

    CUTBOT_HOME=... .venv/bin/python bench/relatives_dump.py [--steps 2] [--depth 7] [--margin 0.0]

Present: each truth ``visible`` word of a dev film that names a category the classifier puts at
the floor somewhere. Absent: each ImageNet class name at the floor somewhere in the film that is
no label of a present word's category (a relative's shadow, mostly). Prints, per group, how many
lead somewhere (kept) and, for present words, the frames inside their own scenes that the rule
would drop.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import catalogue  # noqa: E402

from cutbot.agent import labels, relatives  # noqa: E402
from cutbot.agent.calibration import LABELS  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402
from cutbot.indexers.visual import imagenet_classes, label_terms  # noqa: E402


def _lead(frames, cat, probs: np.ndarray, floor: float, args) -> tuple[float, int, np.ndarray, list[str]]:
    """How far the asked class leads its likeliest relative at best over the frames it is at
    the floor in, the frame of that lead, and per frame the relative's probability and name."""
    rel = relatives.relative_labels(cat.term, cat.labels, args.steps, args.depth)
    best, names = relatives.relative_scores(frames, rel)
    carried = probs >= floor
    lead = float((probs - best)[carried].max())
    return lead, int(np.argmax(np.where(carried, probs - best, -9))), best, names


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=relatives.RELATIVES.steps)
    ap.add_argument("--depth", type=int, default=relatives.RELATIVES.min_depth)
    ap.add_argument("--margin", type=float, default=relatives.RELATIVES.lead_margin)
    ap.add_argument("--terms", action="store_true", help="absent probes: the labels' everyday words, not class names")
    args = ap.parse_args()
    floor, totals = LABELS.category_floor, {"present": [0, 0, 0], "absent": [0, 0]}
    for name, entry in catalogue().items():
        if entry["split"] != "dev":
            continue
        truth = json.loads(entry["truth"].read_text())
        index = index_film(entry["film"])
        frames = index.frames
        times = np.array([f.time for f in frames])
        visible = sorted({w for s in truth["scenes"] for w in s.get("visible", [])})
        present_labels: set[str] = set()
        print(f"== {name}")
        for word in visible:
            cat = labels.category(word)
            if cat is None or cat.weights:
                continue
            present_labels |= cat.labels
            probs = labels.category_scores(frames, cat)
            if not (probs >= floor).any():
                continue
            lead, i, best, names = _lead(frames, cat, probs, floor, args)
            inside = np.zeros(len(frames), dtype=bool)
            for s in truth["scenes"]:
                if word in s.get("visible", []):
                    inside |= (times >= s["start"]) & (times < s["end"])
            carried = probs >= floor
            drop = carried & (best >= probs) & (lead <= args.margin)
            totals["present"][0] += 1
            totals["present"][1] += lead > args.margin
            totals["present"][2] += int((drop & inside).sum())
            print(f"  present {word:<16} lead {lead:+.2f} ({probs[i]:.2f} vs {names[i] or '-'} {best[i]:.2f}) dropped in its scenes {int((drop & inside).sum())}"
                  f"/{int((carried & inside).sum())} elsewhere {int((drop & ~inside).sum())}")
        probes = {t for ts in label_terms().values() for t in ts} if args.terms else {c.name for c in imagenet_classes()}
        for cls in sorted(probes):
            if cls.lower() in present_labels:
                continue
            cat = labels.category(cls)
            if cat is None or cat.weights or cat.labels & present_labels:
                continue
            probs = labels.category_scores(frames, cat)
            if not (probs >= floor).any():
                continue
            lead, i, best, names = _lead(frames, cat, probs, floor, args)
            totals["absent"][0] += 1
            totals["absent"][1] += lead > args.margin
            print(f"  absent  {cls:<16} lead {lead:+.2f} ({probs[i]:.2f} vs {names[i] or '-'} {best[i]:.2f})")
    p, a = totals["present"], totals["absent"]
    print(f"present kept {p[1]}/{p[0]} (frames dropped in their own scenes {p[2]}); "
          f"absent kept {a[1]}/{a[0]} (steps {args.steps}, depth {args.depth}, margin {args.margin})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
