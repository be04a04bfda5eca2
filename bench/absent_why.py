"""Why an absent subject got a plan: per ``expect: nothing`` request of the dev films, the
evidence that kept each of its cut's segments (modality, score, z, detail) and the floor
that evidence had to clear, so a fix goes to the mechanism that let it through.

    CUTBOT_HOME=... .venv/bin/python bench/absent_why.py [--film NAME] [--all] [--json OUT]

--all also prints the absent rows that pass (answered nothing). Dev films only."""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402
from cutbot.agent import NothingMatched  # noqa: E402
from cutbot.agent.calibration import FLOOR, LABELS, TEXT  # noqa: E402
from cutbot.agent.editor import Editor  # noqa: E402
from cutbot.agent.spoken import unsaid_floor  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402


def floors(query) -> str:
    """The floors each modality's evidence clears for this query (calibration, spoken)."""
    return (f"speech {FLOOR['speech']:.2f} unsaid {unsaid_floor(query):.2f} | visual {TEXT.visual_floor:.2f} "
            f"| label {LABELS.category_floor:.2f} sure {LABELS.category_sure:.2f} | person {FLOOR['person']:.2f}")


def absent_requests(entry: dict) -> list[dict]:
    files = [f for f in [entry["requests"], *entry.get("extra", [])] if f.is_file()]
    return [{**r, "set": f.name.split(".")[1] if f.name.count(".") > 1 else "main"}
            for f in files for r in json.loads(f.read_text())["requests"] if r.get("expect") == "nothing"]


def why(editor: Editor, request: str) -> dict:
    """The answer and, for a plan, the evidence of each segment and the plan's queries' floors."""
    reply = editor.respond(request)
    if isinstance(reply.error, NothingMatched) or reply.cut is None:
        return {"answer": "nothing" if isinstance(reply.error, NothingMatched) else "error", "segments": []}
    plan = editor.plan
    queries = [q for q in plan.include] if plan is not None else []
    segs = [{"start": round(s.start, 1), "end": round(s.end, 1),
             "evidence": [f"{e.modality} {e.score:.3f} z {e.z:.1f} '{e.query}' {e.detail[:70]}" for e in s.evidence]}
            for s in reply.cut.segments]
    return {"answer": "plan", "segments": segs,
            "queries": [f"{q.modality}:{q.text} [{floors(q)}]" for q in queries]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--film")
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--json")
    args = ap.parse_args()
    films = {n: e for n, e in quality.catalogue().items() if e["split"] == "dev"}
    if args.film:
        films = {args.film: films[args.film]}
    out = []
    with tempfile.TemporaryDirectory() as home:
        for name, entry in films.items():
            index = index_film(entry["film"])
            base = Editor(index)
            for req in absent_requests(entry):
                row = {"film": name, "set": req["set"], "request": req["request"],
                       **why(Editor(index, scorer=base.scorer, home=home), req["request"])}
                out.append(row)
                if row["answer"] == "nothing" and not args.all:
                    continue
                print(f"{name:<11} {req['set']:<9} {row['answer']:<7} {req['request']}")
                for q in row.get("queries", []):
                    print(f"    query {q}")
                for s in row["segments"]:
                    print(f"    {s['start']:7.1f}-{s['end']:7.1f}  " + " | ".join(s["evidence"]))
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2))
    fails = [r for r in out if r["answer"] != "nothing"]
    print(f"\n{len(out) - len(fails)}/{len(out)} absent requests answered nothing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
