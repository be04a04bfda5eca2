"""Quality of cuts on the sample film: time precision/recall/F1 per request vs the truth.

    .venv/bin/python bench/quality.py [--film examples/sample_film.mp4] [--json out.json]

The requests live in the truth file (``requests``): each names the scenes a perfect
cut keeps and, for exclusions, the scenes that must be absent. Every request goes
through the real parser, scorer and planner with the offline models. Budgets (met),
windows (respected), exclusions (absent) and order (right) are checked as constraints.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from cutbot.agent.evaluate import length, overlap, time_f1
from cutbot.agent.intent import parse_request
from cutbot.agent.planner import plan_cut
from cutbot.agent.search import Scorer
from cutbot.indexers import index_film
from cutbot.agent import NothingMatched

ROOT = Path(__file__).resolve().parent.parent
ABSENT_TOLERANCE = 0.05  # seconds of an excluded scene tolerated (frame rounding)


def scenes(truth: dict, ids) -> list[tuple[float, float]]:
    by_id = {s["id"]: (s["start"], s["end"]) for s in truth["scenes"]}
    return [by_id[i] for i in ids]


def clip(intervals, lo: float, hi: float) -> list[tuple[float, float]]:
    return [(max(s, lo), min(e, hi)) for s, e in intervals if min(e, hi) > max(s, lo)]


def check_constraints(cut, plan, truth: dict, absent) -> list[str]:
    """What the cut breaks: budget, window, exclusions, order."""
    broken = []
    segs = [(s.start, s.end) for s in cut.segments]
    if plan.duration.upper and cut.duration > plan.duration.upper + 1e-3:
        broken.append(f"over budget {cut.duration:.1f}>{plan.duration.upper:g}")
    if plan.window:
        lo, hi = plan.window.resolve(truth["duration"])
        if any(s < lo - 1e-3 or e > hi + 1e-3 for s, e in segs):
            broken.append("outside window")
    if absent and overlap(segs, absent) > ABSENT_TOLERANCE:
        broken.append(f"excluded material present ({overlap(segs, absent):.1f} s)")
    starts = [s for s, _ in segs]
    if plan.order in ("source", "reverse") and starts != sorted(starts, reverse=plan.order == "reverse"):
        broken.append(f"order not {plan.order}")
    return broken


def run(film: str, verbose: bool = True) -> dict:
    truth = json.loads(Path(film).with_suffix(".truth.json").read_text())
    index = index_film(film)
    scorer = Scorer(index)
    rows, t0 = [], time.perf_counter()
    if verbose:
        print(f"{'category':<12} {'P':>5} {'R':>5} {'F1':>5}  {'kept':>6}  constraints  request")
    for req in truth["requests"]:
        plan = parse_request(req["request"])
        lo, hi = plan.window.resolve(truth["duration"]) if plan.window else (0, truth["duration"])
        expected = clip(scenes(truth, req["keep"]), lo, hi)
        absent = scenes(truth, req.get("absent", []))
        try:
            cut = plan_cut(plan, index, req["request"], scorer)
            segs, broken = [(s.start, s.end) for s in cut.segments], check_constraints(cut, plan, truth, absent)
        except NothingMatched:
            segs, broken = [], []
        score = time_f1(segs, expected, budget=plan.duration.upper)
        rows.append({"category": req["category"], "request": req["request"],
                     "precision": score.precision, "recall": score.recall, "f1": score.f1,
                     "kept": length(segs), "constraints_ok": not broken, "broken": broken})
        if verbose:
            print(f"{req['category']:<12} {score.precision:5.2f} {score.recall:5.2f} {score.f1:5.2f}  "
                  f"{length(segs):5.1f}s  {'ok' if not broken else ','.join(broken):<11}  {req['request']}")
    ms = 1000 * (time.perf_counter() - t0) / len(rows)
    return {"rows": rows, "ms_per_request": ms, **summary(rows)}


def summary(rows: list[dict]) -> dict:
    def means(rs):
        return {k: statistics.mean(r[k] for r in rs) for k in ("precision", "recall", "f1")}
    cats = {c: {**means([r for r in rows if r["category"] == c]),
                "n": sum(r["category"] == c for r in rows)}
            for c in dict.fromkeys(r["category"] for r in rows)}
    return {"overall": means(rows), "categories": cats,
            "constraint_pass_rate": sum(r["constraints_ok"] for r in rows) / len(rows)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--film", default=str(ROOT / "examples/sample_film.mp4"))
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    result = run(args.film)
    print(f"\n{'category':<12} {'P':>6} {'R':>6} {'F1':>6}  requests")
    for cat, m in result["categories"].items():
        print(f"{cat:<12} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f}  {m['n']}")
    o = result["overall"]
    print(f"{'overall':<12} {o['precision']:6.3f} {o['recall']:6.3f} {o['f1']:6.3f}  {len(result['rows'])}")
    print(f"\nmean time-F1 {o['f1']:.3f} over {len(result['rows'])} requests; constraint pass rate "
          f"{result['constraint_pass_rate']:.0%}; planning {result['ms_per_request']:.0f} ms/request")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
