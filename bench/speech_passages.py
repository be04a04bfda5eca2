"""Line vs passage evidence for spoken topics over every dev film: the measurement behind
agent/passages.py's options.

    CUTBOT_HOME=... .venv/bin/python bench/speech_passages.py DUMP.json [-v] [--grow]

DUMP.json is bench/speech_dump.py's log (every speech/absent dev query with its truth lines).
For each distinct (film, topic): the best line's meaning (agent/spoken.as_talk: the topic's
words and its talk form, averaged) and the best passage's (a line with its neighbours in the
same stretch of talk, the unit mean of their vectors), for present topics over their true
lines and for absent topics over the whole film; then AUC and the share of present topics kept
at a given rate of absent ones, per passage shape. ``--grow``: each speech query's hits (the
relative cut and the gate, as the scorer keeps them) grown inside their stretch while a
neighbour's passage carries the topic, per pause and floor: line-level time precision and
recall against the truth scenes, before -> after; then with the outward lean (passages.leaning,
PassageOptions.lean) at pauses of 1.5 s, 3 s and none. Dev films only.
"""
from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402  (a sibling script)
from cutbot.agent import passages, spoken  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402
from cutbot.indexers.models import get_text_embedder  # noqa: E402

SHAPES = [(0, 99.0, 99.0), (1, 2.0, 99.0), (1, 1.0, 99.0), (2, 2.0, 99.0), (2, 1.5, 99.0), (3, 2.0, 99.0),
          (2, 2.0, 15.0), (3, 2.0, 15.0), (9, 2.0, 12.0), (9, 2.0, 20.0)]


def meaning(vecs: np.ndarray, text, q: str) -> np.ndarray:
    topic = spoken.lexical_topic(q)
    e = text.embed([topic, spoken.SPOKEN.talk_form.format(topic)])
    return (vecs @ e[0] + vecs @ e[1]) / 2


def grow_probe(log: list[dict], text, films: dict) -> None:
    """Hits grown by passages.grown per (gap, carry): time P/R of speech queries' lines."""
    from cutbot.agent.calibration import TEXT, select

    shapes = [(gap, carry, None) for gap in (1.0, 1.5, 2.0, 3.0) for carry in (None, 0.20, 0.25, 0.30)]
    shapes += [(gap, 0.25, lean) for gap in (1.5, 3.0, 99.0) for lean in (None, 0.10, 0.15, 0.20)]
    for gap, carry, lean in shapes:
        if True:
            opts = passages.PassageOptions(gap=gap)
            tot = np.zeros((2, 3))
            seen = set()
            for x in log:
                if "q" not in x or x["cat"] != "speech" or (x["film"], x["q"], x["req"]) in seen:
                    continue
                seen.add((x["film"], x["q"], x["req"]))
                index = films[x["film"]]
                raw, gate, true = np.array(x["raw"]), np.array(x["gate"]), np.array(x["true"])
                sure = select(raw, TEXT.speech_floor)[0] & (gate >= 1)
                hit = sure | (gate >= 2)
                if not hit.any():
                    continue
                run = passages.stretches(index.sentences, opts)
                pm = meaning(passages.passage_vectors(index.sentence_vectors, index.sentences, opts), text, x["q"])
                score = meaning(index.sentence_vectors, text, x["q"])
                leans = None if lean is None else tuple(
                    passages.leaning(index.sentence_vectors, score, run, step, replace(opts, lean=lean))
                    for step in (-1, 1))
                grown = hit | passages.grown(sure, np.ones(len(hit), bool) if carry is None else pm >= carry, run, leans)
                dur = np.array([s.end - s.start for s in index.sentences])
                for k, h in enumerate((hit, grown)):
                    tot[k] += [dur[h & true].sum(), dur[h & ~true].sum(), dur[~h & true].sum()]
            (p0, r0), (p1, r1) = [(t[0] / (t[0] + t[1]), t[0] / (t[0] + t[2])) for t in tot]
            print(f"grow gap {gap:.1f} carry {'stretch' if carry is None else carry} lean {lean}: P {p0:.3f} -> {p1:.3f} "
                  f"R {r0:.3f} -> {r1:.3f}")


def main() -> int:
    log = json.loads(Path(sys.argv[1]).read_text())
    text = get_text_embedder()
    cat = quality.catalogue()
    films = {}
    rows = []
    seen = set()
    for x in log:
        if "q" not in x or (x["film"], x["q"], x["cat"]) in seen:
            continue
        if x["cat"] == "speech" and not any(x["true"]):
            continue
        seen.add((x["film"], x["q"], x["cat"]))
        if x["film"] not in films:
            films[x["film"]] = index_film(cat[x["film"]]["film"])
        index = films[x["film"]]
        true = np.array(x["true"])
        rec = {"film": x["film"], "cat": x["cat"], "q": x["q"], "said": max(x["said"])}
        for shape in SHAPES:
            opts = passages.PassageOptions(reach=shape[0], gap=shape[1], span=shape[2])
            pv = passages.passage_vectors(index.sentence_vectors, index.sentences, opts)
            s = meaning(pv, text, x["q"])
            rec[shape] = float(s[true].max() if x["cat"] == "speech" else s.max())
        rows.append(rec)
    for shape in SHAPES:
        p = np.array([r[shape] for r in rows if r["cat"] == "speech"])
        a = np.array([r[shape] for r in rows if r["cat"] == "absent"])
        auc = float(np.mean(p[:, None] > a[None, :]))
        kept = "  ".join(f"{np.mean(p > np.quantile(a, 1 - r)):.2f}@{r:.2f}" for r in (0.05, 0.1, 0.2))
        fl = "  ".join(f">{f:.2f}: P{np.mean(p >= f):.2f}/A{np.mean(a >= f):.2f}" for f in (0.30, 0.32, 0.35, 0.38, 0.40))
        print(f"reach {shape[0]} gap {shape[1]:4.1f} span {shape[2]:5.1f}: present {len(p)} absent {len(a)} "
              f"AUC {auc:.3f} kept {kept} | {fl}")
    if "--grow" in sys.argv:
        grow_probe(log, text, films)
    if "-v" in sys.argv:
        for r in sorted(rows, key=lambda r: (r["cat"], r[SHAPES[0]])):
            print(f"{r['cat']:6s} {r['film'][:9]:9s} said {r['said']:.2f} line {r[SHAPES[0]]:.3f} "
                  + " ".join(f"{r[s]:.3f}" for s in SHAPES[1:]) + f" | {r['q'][:40]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
