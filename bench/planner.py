"""Planning speed on a synthetic index the size of a 2-hour film (no model loads).

    .venv/bin/python bench/planner.py [--runs 15]

About 1,500 shots, 2,500 sentences with word timestamps and 4,000 frame vectors, built
with numpy and the word-hashing embedder of tests/fakes.py. Each run plans a fresh
Scorer (so scoring, calibration, edges, exclusion and the knapsack are all timed).
Target: median under 200 ms per plan.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakes import FakeIndex, WordHashEmbedder  # noqa: E402

from cutbot.agent.plan import ConstraintPlan, Duration, Query, TimeWindow  # noqa: E402
from cutbot.agent.planner import plan_cut  # noqa: E402
from cutbot.agent.search import Scorer  # noqa: E402
from cutbot.indexers.schema import Frame, MediaInfo, Sentence, Shot, Word  # noqa: E402

FILM = 7200.0
SHOTS, SENTENCES, FRAMES = 1500, 2500, 4000


def synthetic_index(seed: int = 0) -> FakeIndex:
    rng = np.random.default_rng(seed)
    vocab = [f"w{i}" for i in range(400)] + "car chase rain kiss dog city night fight".split()
    cuts = np.sort(rng.choice(np.arange(1, FILM), SHOTS - 1, replace=False))
    edges = np.concatenate([[0.0], cuts, [FILM]])
    shots = [Shot(i, float(edges[i]), float(edges[i + 1])) for i in range(SHOTS)]
    subject = rng.choice(vocab, SHOTS)
    frame_times = np.sort(rng.uniform(0, FILM, FRAMES))
    frame_shot = np.clip(np.searchsorted(edges, frame_times, side="right") - 1, 0, SHOTS - 1)
    frames = [Frame(i, round(float(t), 3), int(s), ((str(subject[s]), 0.8),))
              for i, (t, s) in enumerate(zip(frame_times, frame_shot))]
    starts = np.sort(rng.uniform(0, FILM - 6, SENTENCES))
    sentences = []
    for i, st in enumerate(starts):
        n = int(rng.integers(5, 12))
        texts = list(rng.choice(vocab, n))
        step = float(rng.uniform(0.2, 0.45))
        words = tuple(Word(w, float(st + k * step), float(st + (k + 0.9) * step)) for k, w in enumerate(texts))
        sentences.append(Sentence(i, float(st), words[-1].end, " ".join(texts), words))
    emb = WordHashEmbedder()
    media = MediaInfo("film.mp4", FILM, Fraction(24), 1920, 1080, True, True, "h264", "aac", 1, "f" * 64)
    return FakeIndex(media, shots, sentences, frames, emb.embed([f.labels[0][0] for f in frames]),
                     emb.embed([s.text for s in sentences]))


PLANS = [
    ConstraintPlan(include=(Query(text="car chase"),), duration=Duration(max=600)),
    ConstraintPlan(include=(Query(text="rain", modality="speech"), Query(text="city night")),
                   exclude=(Query(text="dog"),), padding=1.0, duration=Duration(target=300)),
    ConstraintPlan(include=(Query(text="kiss", modality="visual"),), granularity="moment",
                   window=TimeWindow(start=-3600), order="reverse"),
    ConstraintPlan(exclude=(Query(text="fight"),), duration=Duration(max=1200)),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    t = time.perf_counter()
    index = synthetic_index()
    print(f"synthetic index: {len(index.shots)} shots, {len(index.sentences)} sentences, "
          f"{len(index.frames)} frame vectors ({time.perf_counter() - t:.1f} s to build)")
    emb = WordHashEmbedder()
    times: list[float] = []
    for _ in range(args.runs):
        for plan in PLANS:
            t = time.perf_counter()
            cut = plan_cut(plan, index, "bench", Scorer(index, emb, emb))
            times.append(1000 * (time.perf_counter() - t))
            assert plan.duration.upper is None or cut.duration <= plan.duration.upper + 1e-6
    med = statistics.median(times)
    print(f"plan construction: median {med:.1f} ms, p90 {np.percentile(times, 90):.1f} ms, "
          f"max {max(times):.1f} ms over {len(times)} plans ({len(PLANS)} kinds); target < 200 ms")
    return 0 if med < 200 else 1


if __name__ == "__main__":
    sys.exit(main())
