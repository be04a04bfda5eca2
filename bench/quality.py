"""Quality of cuts on the sample film: time-precision/recall/F1 per request vs the truth.

    .venv/bin/python bench/quality.py [--film examples/sample_film.mp4] [--json out.json]

Each request names what the truth file says it should keep, as a test on a scene
(what is visible, what the narration is about); budgets, windows, order and exclusions
are checked as constraints.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from cutbot.agent.evaluate import length, overlap, scene_intervals, time_f1
from cutbot.agent.intent import parse_request
from cutbot.agent.planner import plan_cut
from cutbot.agent.search import Scorer
from cutbot.indexers import index_film
from cutbot.indexers.errors import NothingMatched

ROOT = Path(__file__).resolve().parent.parent


def sees(*things):
    return lambda s: any(t in s["visible"] for t in things)


def about(*topics):
    return lambda s: any(t in s["topics"] for t in topics)


def either(*tests):
    return lambda s: any(t(s) for t in tests)


def without(test):
    return lambda s: not test(s)


# (category, request, what the truth says should be kept)
REQUESTS = [
    ("visual", "only the cat scenes", sees("cat")),
    ("visual", "keep scenes with the rocket", sees("rocket")),
    ("visual", "shots of coffee", sees("coffee")),
    ("visual", "scenes with bicycles", sees("bicycle")),
    ("visual", "only the rabbit", sees("rabbit")),
    ("visual", "the man with the camera", sees("camera")),
    ("visual", "show me the coins", sees("coins")),
    ("speech", "scenes where they talk about the weather", about("weather")),
    ("speech", "where someone mentions the train", about("train")),
    ("speech", "the part about tomato soup", about("soup")),
    ("speech", "when they talk about football", about("football")),
    ("quote", 'the line "nobody expects the quiet librarian"', about("quote")),
    ("any", "keep scenes with the astronaut", either(sees("astronaut"), about("astronaut"))),
    ("exclusion", "everything except the cat", without(sees("cat"))),
    ("exclusion", "without the coffee", without(sees("coffee"))),
    ("combination", "only the cat and the rocket", sees("cat", "rocket")),
    ("budget", "keep scenes with the rocket, under 12 seconds", sees("rocket")),
    ("window", "only the cat scenes from the first minute", lambda s: s["end"] <= 60 and "cat" in s["visible"]),
    ("order", "the coffee scenes in reverse order", sees("coffee")),
]


def check_constraints(cut, plan, truth, expected) -> list[str]:
    """What the cut breaks: budget, window, exclusions, order."""
    broken = []
    segs = [(s.start, s.end) for s in cut.segments]
    if plan.duration.upper and cut.duration > plan.duration.upper + 1e-3:
        broken.append(f"over budget {cut.duration:.1f}>{plan.duration.upper:g}")
    if plan.window:
        lo, hi = plan.window.resolve(truth["duration"])
        if any(s < lo - 1e-3 or e > hi + 1e-3 for s, e in segs):
            broken.append("outside window")
    if plan.exclude:
        banned = [(s["start"], s["end"]) for s in truth["scenes"]
                  if (s["start"], s["end"]) not in set(expected)]
        if overlap(segs, banned) > 0.5:
            broken.append("excluded material present")
    starts = [s for s, _ in segs]
    want = sorted(starts, reverse=plan.order == "reverse")
    if plan.order in ("source", "reverse") and starts != want:
        broken.append(f"order not {plan.order}")
    return broken


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--film", default=str(ROOT / "examples/sample_film.mp4"))
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    truth = json.loads(Path(args.film).with_suffix(".truth.json").read_text())
    index = index_film(args.film)
    scorer = Scorer(index)
    rows, t0 = [], time.perf_counter()
    print(f"{'category':<12} {'P':>5} {'R':>5} {'F1':>5}  constraints  request")
    for category, request, keep in REQUESTS:
        expected = scene_intervals(truth, keep)
        plan = parse_request(request)
        try:
            cut = plan_cut(plan, index, request, scorer)
            segs, broken = [(s.start, s.end) for s in cut.segments], check_constraints(cut, plan, truth, expected)
        except NothingMatched:
            segs, broken = [], []
        score = time_f1(segs, expected, budget=plan.duration.upper)
        rows.append({"category": category, "request": request, "precision": score.precision,
                     "recall": score.recall, "f1": score.f1, "kept": length(segs),
                     "constraints_ok": not broken, "broken": broken})
        print(f"{category:<12} {score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f}  "
              f"{'ok' if not broken else ','.join(broken):<11}  {request}")
    mean = statistics.mean(r["f1"] for r in rows)
    passed = sum(r["constraints_ok"] for r in rows) / len(rows)
    print("\nper category:")
    for cat in dict.fromkeys(r["category"] for r in rows):
        f1s = [r["f1"] for r in rows if r["category"] == cat]
        print(f"  {cat:<12} F1 {statistics.mean(f1s):.3f}  ({len(f1s)} request(s))")
    print(f"\nmean time-F1 {mean:.3f} over {len(rows)} requests; constraint pass rate "
          f"{passed:.0%}; planning {1000 * (time.perf_counter() - t0) / len(rows):.0f} ms/request")
    if args.json:
        Path(args.json).write_text(json.dumps({"mean_f1": mean, "constraint_pass_rate": passed,
                                               "requests": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
