"""How fast and how often a language-model intent parser answers: seconds per request.

    python bench/llm.py [--mode smollm2 --mode rules+gemma3 ...] [--every K] [--split dev]

For each ``CUTBOT_LLM`` mode, every K-th request of the split's request files
(bench/requests/*.json, dev films unless told) is parsed in a fresh conversation. Printed
per mode: model load time, seconds per request (mean, median, 90th percentile, max, and
CPU seconds: on a shared, loaded machine wall time says more about the neighbours than
about the model), how many requests the model answered (a plan it wrote and the schema
accepted) vs fell back to the rules, and how many plans equal the rule parser's.
Parsing only: no film, no index.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from cutbot.agent import CutbotError
from cutbot.agent.intent import RuleParser
from cutbot.agent.llm import CombinedParser, LLMParser, parser_from_settings

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = ROOT / "bench" / "requests"


def requests(split: str, every: int) -> list[str]:
    out = []
    for path in sorted(REQUESTS.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if data.get("split", "dev") == split:
            out += [r["request"] for r in data["requests"]][::every]
    return out


def run_mode(mode: str, lines: list[str]) -> dict:
    parser = parser_from_settings(mode)
    if isinstance(parser, RuleParser) and mode != "rules":
        raise SystemExit(f"{mode}: the model is not available here (see the warning above)")
    model = parser.model if isinstance(parser, CombinedParser) else parser
    t0 = time.perf_counter()
    if isinstance(model, LLMParser):
        model.llm.complete(model.messages("warm up", None))  # load, and fill the prompt cache
    load = time.perf_counter() - t0
    rules = RuleParser()
    times, cpu, wrote, same = [], [], 0, 0
    for text in lines:
        start, used = time.perf_counter(), time.process_time()
        try:
            intent = parser.parse(text)
        except CutbotError:
            intent = None
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - used)
        if intent is not None and any("written by" in n or "read by" in n for n in intent.notes):
            wrote += 1
        try:
            same += intent is not None and intent.plan == rules.parse(text).plan
        except CutbotError:
            same += intent is None
    times.sort()
    return {"mode": mode, "n": len(lines), "load_s": load, "mean_s": statistics.mean(times),
            "median_s": statistics.median(times), "p90_s": times[int(0.9 * (len(times) - 1))],
            "max_s": times[-1], "cpu_mean_s": statistics.mean(cpu), "cpu_max_s": max(cpu),
            "model_answered": wrote, "same_as_rules": same,
            "asked": getattr(parser, "asked", 0 if isinstance(parser, RuleParser) else len(lines))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mode", action="append", help="a CUTBOT_LLM value (repeatable)")
    ap.add_argument("--every", type=int, default=1, metavar="K")
    ap.add_argument("--split", default="dev", choices=("dev",), help="only dev: test requests stay unread")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args(argv)
    lines = requests(args.split, max(1, args.every))
    results = []
    for mode in args.mode or ["rules", "smollm2", "gemma3", "rules+smollm2", "rules+gemma3"]:
        r = run_mode(mode, lines)
        results.append(r)
        print(f"{r['mode']:<14} n={r['n']:<4} load {r['load_s']:5.1f} s  per request: mean "
              f"{r['mean_s']:.3f} s median {r['median_s']:.3f} p90 {r['p90_s']:.3f} max "
              f"{r['max_s']:.3f}; CPU mean {r['cpu_mean_s']:.3f} s max {r['cpu_max_s']:.3f}  model asked {r['asked']}, answered {r['model_answered']}, "
              f"same plan as rules {r['same_as_rules']}", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
