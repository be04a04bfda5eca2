"""Quality of the chat: scripted conversations, scored turn by turn against the truth.

    .venv/bin/python bench/conversation.py --split dev|test|all [--film NAME] [--json out.json] [-q]

``bench/quality.py`` asks every request in a fresh conversation, so what a viewer types after a
first cut ("drop the cat", "make it shorter", "put the rocket first", "undo", "why is the dog
in?") is never measured there. Each conversation of ``bench/conversations/<film>.json`` (format:
``bench/conversations/README.md``) goes through one ``Editor`` (the real parser, scorer and planner,
offline models, the film's index cached under CUTBOT_HOME), and the cut on screen after every
turn is scored like a request of ``bench/quality.py`` (time F1, budget, window, exclusions,
order), plus ``relative``: the cut after a "shorter"/"longer" turn must differ from the one
before it by at least 5 % that way. A conversation holds when every turn held its constraints.
The last line is ``mean F1 X constraints Y conversations Z (split S, N turns)``.
"""
from __future__ import annotations

import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402  (the request bench's scoring, shared)
from cutbot.agent.editor import Editor  # noqa: E402

CONVERSATIONS = quality.ROOT / "bench" / "conversations"
RELATIVE_STEP = 0.05  # "shorter" must take at least 5 % off the cut before it


def relative_broken(turn: dict, before: float | None, after: float) -> list[str]:
    """What a "shorter"/"longer" turn breaks, against the cut before it (seconds)."""
    way = turn.get("relative")
    if way is None:
        return []
    if not before:
        return [f"nothing to make {way}"]
    ok = after <= before * (1 - RELATIVE_STEP) if way == "shorter" else after >= before * (1 + RELATIVE_STEP)
    return [] if ok else [f"not {way}: {before:.1f}s -> {after:.1f}s"]


def run_conversation(editor: Editor, convo: dict, truth: dict) -> list[dict]:
    """Every turn of one conversation through one Editor, each scored on the cut it leaves."""
    rows, before = [], None
    for k, turn in enumerate(convo["turns"]):
        row = quality.score_request(editor, {**turn, "category": turn.get("category", "turn")}, truth)
        after = editor.cut.duration if editor.cut is not None else None
        broken = relative_broken(turn, before, after or 0.0)
        if broken:
            row = {**row, "constraints_ok": False, "broken": row["broken"] + broken}
        plan = editor.plan.describe() if editor.plan is not None else []  # the reading, for a diagnosis
        rows.append({**row, "turn": k, "title": convo.get("title", ""), "plan": plan})
        before = after
    return rows


def run_film(name: str, entry: dict, path: Path, verbose: bool, fresh_names: bool) -> list[dict]:
    truth, index, base = quality.film_editor(name, entry, fresh_names)
    rows = []
    if verbose:
        print(f"\n== {name} ({entry['split']})")
    with tempfile.TemporaryDirectory() as home:
        for c, convo in enumerate(json.loads(path.read_text())["conversations"]):
            editor = Editor(index, scorer=base.scorer, home=home)  # a fresh conversation
            got = [{"film": name, "conversation": c, **r} for r in run_conversation(editor, convo, truth)]
            rows += got
            if verbose:
                print(f"-- {convo.get('title', c)}")
                for r in got:
                    held = "ok" if r["constraints_ok"] else ",".join(r["broken"])
                    print(f"   {r['category']:<9} {r['f1']:5.2f} {r['kept']:6.1f}s  {held:<12} {r['request']}")
    return rows


def summary(rows: list[dict]) -> dict:
    def means(rs):
        return {"f1": statistics.mean(r["f1"] for r in rs),
                "constraints": statistics.mean(r["constraints_ok"] for r in rs), "n": len(rs)}
    convos: dict[tuple, bool] = {}
    for r in rows:
        key = (r["film"], r["conversation"])
        convos[key] = convos.get(key, True) and r["constraints_ok"]
    return {"overall": means(rows),
            "categories": {c: means([r for r in rows if r["category"] == c])
                           for c in sorted({r["category"] for r in rows})},
            "films": {f: means([r for r in rows if r["film"] == f]) for f in dict.fromkeys(r["film"] for r in rows)},
            "conversations_held": statistics.mean(convos.values()), "conversations": len(convos)}


def main() -> int:
    args = quality.bench_parser(__doc__.splitlines()[0], "turn").parse_args()
    films = {n: e for n, e in quality.catalogue().items()
             if args.split in ("all", e["split"]) and (CONVERSATIONS / f"{n}.json").is_file()
             and args.film in (None, n)}
    if not films:
        print(f"no conversations for split {args.split}{' film ' + args.film if args.film else ''}", file=sys.stderr)
        return 1
    rows = []
    for name, entry in films.items():
        rows += run_film(name, entry, CONVERSATIONS / f"{name}.json", not args.quiet, args.fresh_names)
    result = summary(rows)
    print(f"\n{'':<12} {'F1':>6} {'constr':>7}  turns")
    for title, groups in (("film", result["films"]), ("turn", result["categories"])):
        for key, m in groups.items():
            print(f"{title + ' ' + key:<20} {m['f1']:6.3f} {m['constraints']:7.0%}  {m['n']}")
    if args.json:
        Path(args.json).write_text(json.dumps({"split": args.split, "rows": rows, **result}, indent=2))
    o = result["overall"]
    print(f"\nmean F1 {o['f1']:.3f} constraints {o['constraints']:.3f} conversations "
          f"{result['conversations_held']:.3f} (split {args.split}, {o['n']} turns)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
