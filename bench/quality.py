"""Quality of cuts on the benchmark films: time P/R/F1 and constraints per request vs the truth.

    .venv/bin/python bench/quality.py --split dev|test|all [--film NAME] [--json out.json] [--every K]

Films: examples/sample_film (dev), examples/dev_film (dev) and the films of
bench/films/*.truth.json (built by bench/films/make_films.py into bench/films/media/).
Requests: bench/requests/<film>.json and every bench/requests/<film>.<set>.json (for
example the outsider's ``<film>.outsider.json``), same film and split. Each request goes through the public API
(``Editor.respond``: the real parser, scorer and planner, offline models; indexes cached
under CUTBOT_HOME) in a fresh conversation. Honest counting:
  * a positive request answered "nothing matches" (or a question) scores F1 0 and fails
    its constraints;
  * an ``expect: nothing`` request (absent subject) passes only on NothingMatched;
  * an ``expect: error`` request (bad input) passes only on a one-line CutbotError;
  * ``budget``/``budget_kind`` from the request file: "max" must not be exceeded,
    "target" must come within 15 % of min(target, relevant material), "min" reached;
  * exclusions (``absent`` scenes) may keep at most 0.05 s of those scenes;
  * ``order``: "source" | "reverse" | {"first": [ids]} | {"last": [ids]} |
    {"sequence": [[ids], [ids], ...]} is checked on the cut's segment order.
The last line is ``mean F1 X constraints Y absent Z (split S, N requests)``.

A name asked that the transcript never wrote is listened for once and kept with the film's index
(indexers/names_heard.py), and the voices are named from every name heard so far, so a run depends
on the names earlier runs asked for; ``--fresh-names`` forgets them first, and the run is then the
same whatever ran before (each name is listened for again, a few seconds per name and film). A
topic word the transcript misheard is listened for again in a few lines (indexers/words_heard.py),
and a new session learns every word asked before (``heard_again.learn_heard``), so ``--fresh-names``
forgets which words were asked too, and keeps what each line was heard to say (a line decoded
expecting a word is the same every time): the first run pays the decodes, under a second per line.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from cutbot.agent.editor import Editor
from cutbot.agent.evaluate import length, overlap, time_f1
from cutbot.indexers import index_film, words_heard
from cutbot.indexers.names_heard import HEARD_FILE
from cutbot.agent import CutbotError, NothingMatched

ROOT = Path(__file__).resolve().parent.parent
FILMS, REQUESTS = ROOT / "bench" / "films", ROOT / "bench" / "requests"
ABSENT_TOLERANCE = 0.05  # seconds of an excluded scene tolerated (frame rounding)
TARGET_TOLERANCE = 0.15  # a target length is met within 15 %


def catalogue() -> dict[str, dict]:
    """Every benchmark film: name -> {"truth": path, "film": path, "split": ...}."""
    out = {}
    for truth in [ROOT / "examples" / "sample_film.truth.json", *sorted(FILMS.glob("*.truth.json"))]:
        data = json.loads(truth.read_text())
        name = data["film"].rsplit(".", 1)[0]
        media = ROOT / "examples" / data["film"]
        out[name] = {"truth": truth, "film": media if media.is_file() else FILMS / "media" / data["film"],
                     "split": data.get("split", "dev"), "requests": REQUESTS / f"{name}.json",
                     "extra": sorted(REQUESTS.glob(f"{name}.*.json"))}
    return out


def scenes(truth: dict, ids) -> list[tuple[float, float]]:
    by_id = {s["id"]: (s["start"], s["end"]) for s in truth["scenes"]}
    return [by_id[i] for i in ids]


def clip(intervals, lo: float, hi: float) -> list[tuple[float, float]]:
    return [(max(s, lo), min(e, hi)) for s, e in intervals if min(e, hi) > max(s, lo)]


def scene_of(truth: dict, seg: tuple[float, float]) -> int:
    """The truth scene a segment overlaps most."""
    return max(truth["scenes"], key=lambda s: min(seg[1], s["end"]) - max(seg[0], s["start"]))["id"]


def check_order(order, segs, truth: dict) -> list[str]:
    if not order or len(segs) < 2 and not isinstance(order, dict):
        return []
    starts = [s for s, _ in segs]
    if order in ("source", "reverse"):
        return [] if starts == sorted(starts, reverse=order == "reverse") else [f"order not {order}"]
    ids = [scene_of(truth, s) for s in segs]
    if "first" in order:
        return [] if ids and ids[0] in order["first"] else ["wrong first scene"]
    if "last" in order:
        return [] if ids and ids[-1] in order["last"] else ["wrong last scene"]
    rank = {i: k for k, group in enumerate(order["sequence"]) for i in group}
    seq = [rank[i] for i in ids if i in rank]
    return [] if seq == sorted(seq) else ["groups out of order"]


def check_constraints(req: dict, cut, plan, truth: dict, expected, absent) -> list[str]:
    """What the cut breaks: budget, window, exclusions, order."""
    broken, segs = [], [(s.start, s.end) for s in cut.segments]
    budget, kind = req.get("budget"), req.get("budget_kind", "max")
    if budget is None and plan.duration.upper:
        budget, kind = plan.duration.upper, "max"
    if budget is not None:
        if kind == "max" and cut.duration > budget + 1e-3:
            broken.append(f"over budget {cut.duration:.1f}>{budget:g}")
        if kind == "target":
            goal = min(budget, length(expected)) or budget
            if abs(cut.duration - goal) > TARGET_TOLERANCE * goal:
                broken.append(f"missed target {cut.duration:.1f} vs {goal:.1f}")
        if kind == "min" and cut.duration < min(budget, length(expected)) - 1e-3:
            broken.append(f"under minimum {cut.duration:.1f}<{budget:g}")
    lo, hi = window_of(req, plan, truth)
    if any(s < lo - 1e-3 or e > hi + 1e-3 for s, e in segs):
        broken.append("outside window")
    if absent and overlap(segs, absent) > ABSENT_TOLERANCE:
        broken.append(f"excluded material present ({overlap(segs, absent):.1f} s)")
    return broken + check_order(req.get("order"), segs, truth)


def window_of(req: dict, plan, truth: dict) -> tuple[float, float]:
    if "window" in req:
        lo, hi = req["window"]
        return lo, truth["duration"] if hi is None else hi
    return plan.window.resolve(truth["duration"]) if plan is not None and plan.window else (0.0, truth["duration"])


def one_line(exc: BaseException) -> bool:
    return bool(str(exc).strip()) and "\n" not in str(exc).strip()


def score_request(editor: Editor, req: dict, truth: dict) -> dict:
    """Run one request in a fresh conversation and score it."""
    expect = req.get("expect", "plan")
    try:
        reply = editor.respond(req["request"])
        error, cut = reply.error, reply.cut
    except CutbotError as exc:  # respond normally returns errors; count a raised one the same way
        error, cut = exc, None
    row = {"category": req["category"], "request": req["request"], "expect": expect,
           "answer": "error" if error is not None else "plan"}
    if isinstance(error, NothingMatched):
        row["answer"] = "nothing"
    if expect in ("nothing", "error"):
        ok = row["answer"] == expect if expect == "nothing" else (error is not None and one_line(error))
        segs = [(s.start, s.end) for s in cut.segments] if cut is not None and error is None else []
        return {**row, "precision": float(ok), "recall": float(ok), "f1": float(ok), "kept": length(segs),
                "constraints_ok": ok, "broken": [] if ok else [f"answered {row['answer']}"]}
    if error is not None or cut is None:
        return {**row, "precision": 0.0, "recall": 0.0, "f1": 0.0, "kept": 0.0, "constraints_ok": False,
                "broken": [f"answered {row['answer']}: {str(error).splitlines()[0] if error else 'no cut'}"]}
    plan = editor.plan
    lo, hi = window_of(req, plan, truth)
    expected = clip(scenes(truth, req["keep"]), lo, hi)
    absent = scenes(truth, req.get("absent", []))
    segs = [(s.start, s.end) for s in cut.segments]
    budget = req.get("budget") if req.get("budget_kind", "max") in ("max", "target") else None
    score = time_f1(segs, expected, budget=budget or plan.duration.upper)  # recall: what the budget allows
    broken = check_constraints(req, cut, plan, truth, expected, absent)
    return {**row, "precision": score.precision, "recall": score.recall, "f1": score.f1,
            "kept": length(segs), "constraints_ok": not broken, "broken": broken}


def film_requests(entry: dict) -> list[dict]:
    """Every request of a film's request files, in order, each with the set it came from."""
    files = [Path(f) for f in [entry["requests"], *entry.get("extra", [])] if Path(f).is_file()]
    return [{**r, "set": f.name.split(".")[1] if f.name.count(".") > 1 else "main"}
            for f in files for r in json.loads(f.read_text())["requests"]]


def film_editor(name: str, entry: dict, fresh_names: bool = False) -> tuple[dict, object, Editor]:
    """A film's truth, its index (built or loaded) and an Editor whose Scorer every conversation shares."""
    truth = json.loads(entry["truth"].read_text())
    if not entry["film"].is_file():
        raise SystemExit(f"film {name} is not built: run .venv/bin/python bench/films/make_films.py {name}")
    index = index_film(entry["film"])
    if fresh_names:
        (Path(index.root) / HEARD_FILE).unlink(missing_ok=True)
        words_heard.forget_asked(index)
    return truth, index, Editor(index)


def run_film(name: str, entry: dict, verbose: bool = True, every: int = 1, fresh_names: bool = False,
             requests: list[dict] | None = None) -> list[dict]:
    """Each request (``requests``, else the film's own) in a fresh conversation over one shared Scorer."""
    reqs = (film_requests(entry) if requests is None else requests)[::every]
    truth, index, base = film_editor(name, entry, fresh_names)
    rows, t0 = [], time.perf_counter()
    if verbose:
        print(f"\n== {name} ({entry['split']}, {len(reqs)} requests)")
        print(f"{'category':<12} {'P':>5} {'R':>5} {'F1':>5}  {'kept':>6}  constraints  request")
    with tempfile.TemporaryDirectory() as home:
        for req in reqs:
            editor = Editor(index, scorer=base.scorer, home=home)  # a fresh conversation each time
            row = {"film": name, "set": req["set"], **score_request(editor, req, truth)}
            rows.append(row)
            if verbose:
                print(f"{row['category']:<12} {row['precision']:5.2f} {row['recall']:5.2f} {row['f1']:5.2f}  "
                      f"{row['kept']:5.1f}s  {'ok' if row['constraints_ok'] else ','.join(row['broken']):<11}  "
                      f"{req['request']}")
    if verbose and rows:
        print(f"-- {name}: {1000 * (time.perf_counter() - t0) / len(rows):.0f} ms/request")
    return rows


def summary(rows: list[dict]) -> dict:
    def means(rs):
        out = {k: statistics.mean(r[k] for r in rs) for k in ("precision", "recall", "f1")}
        return {**out, "constraints": statistics.mean(r["constraints_ok"] for r in rs), "n": len(rs)}
    absent = [r for r in rows if r["expect"] == "nothing"]
    return {"overall": means(rows),
            "categories": {c: means([r for r in rows if r["category"] == c])
                           for c in sorted({r["category"] for r in rows})},
            "films": {f: means([r for r in rows if r["film"] == f]) for f in dict.fromkeys(r["film"] for r in rows)},
            "absent_pass": statistics.mean(r["answer"] == "nothing" for r in absent) if absent else None}


def table(title: str, groups: dict) -> None:
    print(f"\n{title:<12} {'P':>6} {'R':>6} {'F1':>6} {'constr':>7}  requests")
    for key, m in groups.items():
        print(f"{key:<12} {m['precision']:6.3f} {m['recall']:6.3f} {m['f1']:6.3f} {m['constraints']:7.0%}  {m['n']}")


def bench_parser(description: str, unit: str) -> argparse.ArgumentParser:
    """The options both benches take (this one and bench/conversation.py); ``unit``: what a line is."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--film", help="only this film (a name such as dev_film)")
    ap.add_argument("--json", help="also write the rows and summary here")
    ap.add_argument("-q", "--quiet", action="store_true", help=f"no per-{unit} lines")
    ap.add_argument("--fresh-names", action="store_true",
                    help="forget the names and words earlier runs listened for (a run independent of history)")
    return ap


def main() -> int:
    ap = bench_parser(__doc__.splitlines()[0], "request")
    ap.add_argument("--every", type=int, default=1, metavar="K",
                    help="only every K-th request of each film (a quick smoke run across categories)")
    args = ap.parse_args()
    films = {n: e for n, e in catalogue().items() if args.split in ("all", e["split"])}
    if args.film:
        if args.film not in films:
            print(f"no {args.split} film named {args.film}; known: {', '.join(films)}", file=sys.stderr)
            return 2
        films = {args.film: films[args.film]}
    rows = []
    for name, entry in films.items():
        if not entry["requests"].is_file() and not entry["extra"]:
            print(f"\n== {name} ({entry['split']}): no requests yet ({entry['requests'].relative_to(ROOT)})")
            continue
        try:
            rows += run_film(name, entry, verbose=not args.quiet, every=max(1, args.every), fresh_names=args.fresh_names)
        except CutbotError as exc:
            print(f"error: {name}: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 1
    if not rows:
        print(f"no requests to run for split {args.split}", file=sys.stderr)
        return 1
    result = summary(rows)
    table("film", result["films"])
    table("category", result["categories"])
    o, absent = result["overall"], result["absent_pass"]
    if args.json:
        Path(args.json).write_text(json.dumps({"split": args.split, "rows": rows, **result}, indent=2))
    print(f"\nmean F1 {o['f1']:.3f} constraints {o['constraints']:.3f} "
          f"absent {'n/a' if absent is None else f'{absent:.3f}'} (split {args.split}, {o['n']} requests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
