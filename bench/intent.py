"""How fast the rule parser reads a request: ms per request over the golden corpus.

    python bench/intent.py [--rounds 20] [--max-ms 5]

Exits non-zero when the average exceeds ``--max-ms`` (the issue's budget: 5 ms).
Parsing is index-free, so this measures the parser alone; the first round warms the
regex and typo caches and is not counted.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from cutbot.agent.intent import parse_intent
from cutbot.agent.plan import ConstraintPlan
from cutbot.agent import PlanError

HERE = Path(__file__).resolve().parent.parent / "tests" / "intent"


def load() -> list[tuple[str, ConstraintPlan | None]]:
    corpus = json.loads((HERE / "corpus.json").read_text("utf-8"))
    commands = json.loads((HERE / "commands.json").read_text("utf-8"))
    lines = [(e["request"], ConstraintPlan.model_validate(e["previous"]) if e["previous"]
              else None) for e in corpus]
    return lines + [(c["text"], None) for c in commands]


def run_round(lines) -> float:
    start = time.perf_counter()
    for text, previous in lines:
        try:
            parse_intent(text, previous)
        except PlanError:
            pass
    return (time.perf_counter() - start) / len(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--max-ms", type=float, default=5.0)
    args = ap.parse_args(argv)
    lines = load()
    run_round(lines)  # warm-up
    per = [run_round(lines) * 1000 for _ in range(args.rounds)]
    mean, worst = statistics.mean(per), max(per)
    print(f"intent parser: {len(lines)} lines x {args.rounds} rounds: "
          f"mean {mean:.3f} ms/request (median round {statistics.median(per):.3f}, "
          f"slowest round {worst:.3f}); budget {args.max_ms:g} ms")
    return 0 if mean <= args.max_ms else 1


if __name__ == "__main__":
    sys.exit(main())
