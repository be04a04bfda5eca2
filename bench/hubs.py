"""Hubness of transcript lines over every dev film: does a line's closeness to ANY topic, read
from a generic background bank of topics, separate present spoken topics from absent ones?

    CUTBOT_HOME=... .venv/bin/python bench/hubs.py DUMP.json [-v]

DUMP.json is bench/speech_dump.py's log (every speech/absent dev query with its truth lines).
Short or generic lines ("I'm Nora.", "Take it to the shop") sit close to almost any query in
MiniLM space (hubs), so an absent topic's best line can outscore a present topic's true line.
The mechanism of cross-lingual retrieval (CSLS, Conneau et al. 2018): a line's mean similarity
to its k nearest topics of a generic bank (agent/hubs.py: the commonest WordNet nouns, each in
the product's meaning form) is subtracted from its score with every query. For each distinct
(film, topic): present topics' best true line vs absent topics' best line, plain and corrected
per variant (bank size, k, weight, z against the bank): AUC and the share of present topics kept
at a given rate of absent ones, over all topics and over the topics none of whose words are
said (those the unsaid floor alone decides). Dev films only.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402  (a sibling script)
from cutbot.agent import hubs, spoken  # noqa: E402
from cutbot.agent.lexical import LEXICAL  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402
from cutbot.indexers.models import get_text_embedder  # noqa: E402


def topic_vector(text, q: str) -> np.ndarray:
    """The product's meaning of a talk topic: its words' and its talk form's vectors, averaged."""
    topic = spoken.lexical_topic(q)
    e = text.embed([topic, spoken.SPOKEN.talk_form.format(topic)])
    return (e[0] + e[1]) / 2


def report(name: str, p: np.ndarray, a: np.ndarray) -> None:
    auc = float(np.mean(p[:, None] > a[None, :]) + 0.5 * np.mean(p[:, None] == a[None, :]))
    kept = "  ".join(f"{np.mean(p > np.quantile(a, 1 - r)):.2f}@{r:.2f}" for r in (0.05, 0.1, 0.2, 0.3))
    print(f"{name:34s} present {len(p):3d} absent {len(a):3d} AUC {auc:.3f} kept {kept}")


def main() -> int:
    log = json.loads(Path(sys.argv[1]).read_text())
    text = get_text_embedder()
    cat = quality.catalogue()
    films, rows, seen = {}, [], set()
    for x in log:
        if "q" not in x or (x["film"], x["q"], x["cat"]) in seen:
            continue
        if x["cat"] == "speech" and not any(x["true"]):
            continue
        seen.add((x["film"], x["q"], x["cat"]))
        if x["film"] not in films:
            films[x["film"]] = index_film(cat[x["film"]]["film"]).sentence_vectors
        rows.append({**x, "vec": topic_vector(text, x["q"])})
    words = hubs.bank_words()
    full = hubs.bank_vectors(text, words)
    variants: list[tuple[str, int, int, float, str]] = [("plain", 0, 0, 0.0, "sub")]
    for size in (1000, 2000, len(words)):
        for k in (5, 10, 20, 50):
            for w in (0.5, 1.0):
                variants.append((f"bank {size} k {k} w {w}", size, k, w, "sub"))
        variants.append((f"bank {size} z", size, 0, 1.0, "z"))
        variants.append((f"bank {size} k 10 csls+film", size, 10, 1.0, "csls"))
    per = {}
    for name, size, k, w, kind in variants:
        out = {"speech": [], "absent": []}
        unsaid = {"speech": [], "absent": []}
        for r in rows:
            vecs = films[r["film"]]
            m = vecs @ r["vec"]
            if kind == "sub" and k:
                m = m - w * hubs.hubness(vecs, full[:size], k)
            elif kind == "z":
                sims = vecs @ full[:size].T
                m = (m - sims.mean(axis=1)) / sims.std(axis=1)
            elif kind == "csls":
                rq = np.sort(m)[-k:].mean()
                m = 2 * m - hubs.hubness(vecs, full[:size], k) - rq
            true = np.array(r["true"])
            best = float(m[true].max() if r["cat"] == "speech" else m.max())
            out[r["cat"]].append(best)
            if max(r["said"]) < LEXICAL.said_floor:
                unsaid[r["cat"]].append(best)
        per[name] = out
        report(name, np.array(out["speech"]), np.array(out["absent"]))
        report("  unsaid only", np.array(unsaid["speech"]), np.array(unsaid["absent"]))
    if "-v" in sys.argv:
        best = sys.argv[sys.argv.index("-v") + 1] if len(sys.argv) > sys.argv.index("-v") + 1 else variants[1][0]
        i = {"speech": 0, "absent": 0}
        for r in rows:
            j = i[r["cat"]]
            i[r["cat"]] += 1
            print(f"{r['cat']:6s} {r['film'][:9]:9s} said {max(r['said']):.2f} plain {per['plain'][r['cat']][j]:.3f} "
                  f"corrected {per[best][r['cat']][j]:.3f} | {r['q'][:40]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
