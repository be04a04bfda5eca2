"""Suggested cuts against the truth files: storylines, topic cuts, the short version, speed.

    .venv/bin/python bench/suggest.py --split dev|test|all [--film NAME] [--json out.json]

Per film (issue #15), with the truth's scenes (who is visible, what is visible, what is
said) and the suggestions of ``Editor.suggest`` (a fresh, empty profile):
  * storyline: each of the two people with the most screen time in the truth gets the
    storyline suggestion that overlaps them most; it must cover >= 60 % of that person's
    screen time and be >= 60 % that person;
  * topic: every topic suggestion's segments must be >= 80 % the named subject: scenes
    whose visible things or topics are it (the same word, or a kind of it in WordNet:
    a "cat" scene is a "mammals" scene) or whose narration says it;
  * short version: the distinct subjects (each scene's main visible thing) and people of
    the truth it shows for >= 1 s, out of as many as its budget holds (one per 1.5 s,
    the shortest piece the budget fitter keeps), must be >= 70 %;
  * speed: ``cutbot suggest FILM`` wall time (a new process, the index already built), and
    that of its first run on the film (no query vectors kept beside the index yet).
Films and truth are those of bench/quality.py (``catalogue``).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import catalogue  # noqa: E402

from cutbot.agent.editor import Editor  # noqa: E402
from cutbot.agent.labels import category  # noqa: E402
from cutbot.agent.lexical import WORD, stem  # noqa: E402
from cutbot.agent.profile import Profile  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402
from cutbot.indexers.intervals import length, overlap  # noqa: E402

STORY_COVER, STORY_PURE, TOPIC_PURE, SHORT_COVER = 0.6, 0.6, 0.8, 0.7
SEEN = 1.0  # seconds of a scene the short version must show for its subject to count
PIECE = 1.5  # the budget fitter's shortest piece (agent/budget.py MIN_PIECE)
PEOPLE_WORDS = {"person", "man", "woman", "face", "people", "boy", "girl"}


def segs(cut) -> list[tuple[float, float]]:
    return [(s.start, s.end) for s in cut.segments]


def person_time(truth: dict) -> dict[str, list[tuple[float, float]]]:
    out: dict[str, list[tuple[float, float]]] = {}
    for s in truth["scenes"]:
        for p in s.get("people", []):
            out.setdefault(p, []).append((s["start"], s["end"]))
    return out


def _kind_of(word: str, subject: str) -> bool:
    """Whether ``word`` (a truth term) names the subject or a kind of it (WordNet): one of
    its senses will do, so a "cap" (a bottle cap, a lens cap, but also a shower cap and a
    graduation cap) is clothing, while "glasses" (sunglasses) is not."""
    a, b = [stem(w) for w in WORD.findall(word.lower())], [stem(w) for w in WORD.findall(subject.lower())]
    if a and a == b:
        return True
    whole, part = category(word), category(subject)
    if whole is None and subject.endswith("s"):
        part = category(subject[:-1]) or part
    return bool(whole and part and whole.labels & part.labels)


def about(scene: dict, subject: str) -> bool:
    terms = [*scene.get("visible", []), *scene.get("topics", [])]
    if any(_kind_of(t, subject) for t in terms):
        return True
    said = {stem(w) for n in scene.get("narration", []) for w in WORD.findall(n["text"].lower())}
    return bool(said) and all(stem(w) in said for w in WORD.findall(subject.lower()))


def subjects(truth: dict) -> dict[str, list[tuple[float, float]]]:
    """Distinct subjects: each scene's main visible thing (people count as themselves)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for s in truth["scenes"]:
        span = (s["start"], s["end"])
        main = next((v for v in s.get("visible", []) if v not in PEOPLE_WORDS), None)
        for key in ([f"person:{p}" for p in s.get("people", [])] + ([main] if main else [])):
            out.setdefault(key, []).append(span)
    return out


def cli_seconds(film: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of ``cutbot suggest FILM``; on a shared machine the CPU time
    (user + system) says what the wall time would be with the cores to itself."""
    import resource

    exe = Path(sys.executable).with_name("cutbot")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([str(exe), "suggest", str(film)], check=True, capture_output=True,
                   env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run_film(name: str, entry: dict) -> dict:
    truth = json.loads(entry["truth"].read_text())
    index = index_film(entry["film"])
    with tempfile.TemporaryDirectory() as home:
        editor = Editor(index, profile=Profile.memory(), home=home)
        t = time.perf_counter()
        found = editor.suggest(10)
        api = time.perf_counter() - t
    print(f"\n== {name} ({entry['split']}): {len(found)} suggestions in {api:.2f} s (API, cold)")
    for n, s in enumerate(found, 1):
        print(f"  {s.line(n)}")
    checks: list[dict] = []
    people = person_time(truth)
    stories = [s for s in found if s.kind == "storyline"]
    for who, spans in sorted(people.items(), key=lambda kv: -length(kv[1]))[:2]:
        best = max(stories, key=lambda s: overlap(segs(s.cut), spans), default=None)
        hit = overlap(segs(best.cut), spans) if best else 0.0
        cover = hit / length(spans)
        pure = hit / best.duration if best and best.duration else 0.0
        checks.append({"check": f"storyline {who}", "by": best.title if best else "none",
                       "value": f"cover {cover:.0%}, pure {pure:.0%}",
                       "ok": cover >= STORY_COVER and pure >= STORY_PURE})
    for s in [s for s in found if s.kind == "topic"]:
        spans = [(x["start"], x["end"]) for x in truth["scenes"] if about(x, s.subject)]
        pure = overlap(segs(s.cut), spans) / s.duration if s.duration else 0.0
        checks.append({"check": f"topic '{s.subject}'", "by": s.title, "value": f"pure {pure:.0%}",
                       "ok": pure >= TOPIC_PURE})
    short = next((s for s in found if s.kind == "short"), None)
    if short is not None:
        subj = subjects(truth)
        shown = [k for k, spans in subj.items()
                 if any(overlap(segs(short.cut), [sp]) >= SEEN for sp in spans)]
        room = min(len(subj), int(short.duration // PIECE))
        cover = min(len(shown), room) / room if room else 0.0
        checks.append({"check": "short version", "by": short.title,
                       "value": f"{len(shown)} of {room} subjects/people ({len(subj)} in all), "
                                f"{cover:.0%}, {short.duration:.0f} s",
                       "ok": cover >= SHORT_COVER})
    for cached in Path(index.root).glob("queries-*.npz"):  # the first run on a freshly indexed film
        cached.unlink()
    cold, cold_cpu = cli_seconds(entry["film"])
    cli, cpu = cli_seconds(entry["film"])  # again: the film's query vectors are read back
    checks.append({"check": "cutbot suggest", "by": "CLI",
                   "value": f"{cli:.2f} s wall, {cpu:.2f} s CPU (first run {cold:.2f} s, {cold_cpu:.2f} s CPU)",
                   "ok": cli < 3.0})
    for c in checks:
        print(f"  {'ok  ' if c['ok'] else 'FAIL'} {c['check']:<28} {c['value']:<44} ({c['by']})")
    return {"film": name, "split": entry["split"], "api_seconds": api, "cli_seconds": cli, "cli_cpu": cpu,
            "suggestions": [s.to_dict() | {"plan": None} for s in found], "checks": checks}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--film", help="only this film")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    films = {n: e for n, e in catalogue().items() if args.split in ("all", e["split"])}
    if args.film:
        films = {k: v for k, v in films.items() if k == args.film}
        if not films:
            print(f"no {args.split} film named {args.film}", file=sys.stderr)
            return 2
    results = [run_film(n, e) for n, e in films.items() if e["film"].is_file()]
    checks = [c for r in results for c in r["checks"]]
    print("\nfilm          storylines  topics  short  cli s  cpu s")
    for r in results:
        def share(prefix):
            cs = [c for c in r["checks"] if c["check"].startswith(prefix)]
            return f"{sum(c['ok'] for c in cs)}/{len(cs)}"
        print(f"{r['film']:<13} {share('storyline'):>10} {share('topic'):>7} {share('short'):>6} "
              f"{r['cli_seconds']:6.2f} {r['cli_cpu']:6.2f}")
    print(f"\npassed {sum(c['ok'] for c in checks)} of {len(checks)} checks (split {args.split})")
    if args.json:
        Path(args.json).write_text(json.dumps({"split": args.split, "films": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
