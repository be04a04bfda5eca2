"""Topic boundaries in the transcript against the truth: the measurement behind agent/topics.py.

    CUTBOT_HOME=... .venv/bin/python bench/topic_tiles.py

For every dev film (never the test split), each gap between two consecutive lines is a TRUE
boundary where the two lines' middles lie in different truth scenes (the films' scenes are
their topics of talk). Boundaries found by pauses alone (passages.stretches, per gap), by
TextTiling alone (topics.boundaries: talk that never pauses) and by both, per window and cutoff:
precision and recall over all gaps of all six films, and per film. ``--grow``: every speech
request's sure lines grown as passages.carried grows them (carry and lean tests) in talk that
never pauses (every line one stretch), bounded by nothing or by the tiles of each shape:
line-time precision and recall of the grown hits against the truth scenes.
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402  (a sibling script)
from cutbot.agent import passages, spoken_lines, topics  # noqa: E402
from cutbot.agent.calibration import TEXT, select  # noqa: E402
from cutbot.agent.editor import Editor  # noqa: E402
from cutbot.agent.plan import Query  # noqa: E402
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
    if "--grow" in sys.argv:
        grow(shapes[1:])
    return 0


def grow(shapes) -> None:
    """Growth bounded by tiles in pause-free talk: line-time P/R of every speech request's hits."""
    tot: dict[str, np.ndarray] = {}
    for name, entry in quality.catalogue().items():
        if entry["split"] != "dev":
            continue
        truth = json.loads(entry["truth"].read_text())
        files = [f for f in [entry["requests"], *entry.get("extra", [])] if f.is_file()]
        reqs = {r["request"]: r for f in files for r in json.loads(f.read_text())["requests"]
                if r["category"] == "speech"}
        index = index_film(entry["film"])
        scorer = Editor(index).scorer
        s, v, text = index.sentences, index.sentence_vectors, scorer.text
        if len(s) < 2:
            continue
        mids = np.array([(x.start + x.end) / 2 for x in s])
        dur = np.array([x.end - x.start for x in s])
        opts = replace(passages.PASSAGE, gap=1e9)  # talk that never pauses
        pv = passages.passage_vectors(v, s, opts)
        for q, r in reqs.items():
            raw, gate = spoken_lines.sentence_scores(v, text, scorer.transcript, Query(text=q, modality="speech"))
            sure = select(raw, TEXT.speech_floor)[0] & (np.asarray(gate) >= 1)
            if not sure.any():
                continue
            true = np.array([any(a <= m < b for a, b in quality.scenes(truth, r["keep"])) for m in mids])
            topic = spoken_lines.lexical_topic(q)
            score = passages.topic_meaning(v, text, topic)
            carries = passages.topic_meaning(pv, text, topic) >= opts.carry
            for label, run in [("none", passages.stretches(s, opts))] + [
                    (lab, topics.tiled(passages.stretches(s, opts), v, o)) for lab, o in shapes]:
                leans = tuple(passages.leaning(v, score, run, st, opts) for st in (-1, 1))
                g = sure | passages.grown(sure, carries, run, leans)
                tot.setdefault(label, np.zeros(3))
                tot[label] += [dur[g & true].sum(), dur[g & ~true].sum(), dur[true].sum()]
    for label, t in tot.items():
        print(f"grow, no pauses, bound {label:16}: P {t[0] / (t[0] + t[1]):.3f} R {t[0] / t[2]:.3f}")


if __name__ == "__main__":
    sys.exit(main())
