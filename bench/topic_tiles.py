"""Topic boundaries in the transcript against the truth: the measurement behind agent/topics.py.

    CUTBOT_HOME=... .venv/bin/python bench/topic_tiles.py

For every dev film (never the test split), each gap between two consecutive lines is a TRUE
boundary where the two lines' middles lie in different truth scenes (the films' scenes are
their topics of talk). Boundaries found by pauses alone (passages.stretches, per gap), by
TextTiling alone (topics.boundaries: talk that never pauses) and by both, per window and cutoff:
precision and recall over all gaps of all six films, and per film.
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402  (a sibling script)
from cutbot.agent import topics  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402


def truth_cuts(sentences, truth: dict) -> np.ndarray:
    mids = np.array([(s.start + s.end) / 2 for s in sentences])
    scene = np.array([next((k for k, sc in enumerate(truth["scenes"]) if sc["start"] <= m < sc["end"]), -1)
                      for m in mids])
    return scene[1:] != scene[:-1]


def pr(found: np.ndarray, true: np.ndarray) -> tuple[int, int, int]:
    return int((found & true).sum()), int((found & ~true).sum()), int((~found & true).sum())


def main() -> int:
    films = []
    for name, entry in quality.catalogue().items():
        if entry["split"] != "dev":
            continue
        index = index_film(entry["film"])
        if len(index.sentences) < 4:
            continue
        truth = json.loads(entry["truth"].read_text())
        films.append((name, index, truth_cuts(index.sentences, truth)))
    shapes = [("pause 1.5 s", None)]
    shapes += [(f"tiles w{w} c{c}", replace(topics.TILING, window=w, cutoff=c))
               for w in (1, 2, 3) for c in (0.5, 1.0)]
    for label, opts in shapes:
        tot = np.zeros(3)
        per = []
        for name, index, true in films:
            s = index.sentences
            if opts is None:
                starts = np.array([x.start for x in s]); ends = np.array([x.end for x in s])
                found = starts[1:] - ends[:-1] > 1.5
            else:
                found = topics.boundaries(index.sentence_vectors, opts)
            c = pr(found, true)
            tot += c
            per.append(f"{name[:8]} {c[0] / max(c[0] + c[1], 1):.2f}/{c[0] / max(c[0] + c[2], 1):.2f}")
        p, r = tot[0] / max(tot[0] + tot[1], 1), tot[0] / max(tot[0] + tot[2], 1)
        print(f"{label:16} P {p:.3f} R {r:.3f} F {2 * p * r / max(p + r, 1e-9):.3f} | " + "  ".join(per))
    return 0


if __name__ == "__main__":
    sys.exit(main())
