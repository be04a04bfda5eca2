"""Faces: clustering purity on the sample film, and what the faces stage costs.

    nice -n 10 .venv/bin/python bench/faces.py [--film examples/sample_film.mp4] [--long] [--json out.json]

Indexes the film from scratch (a temporary CUTBOT_HOME, every stage, real models) and
prints: people found, purity (share of clustered faces whose cluster's majority truth
person is theirs; faces in scenes with nobody count against it), scene recall, face
frames per second, and the faces stage's share of the whole indexing wall time.
``--long`` repeats this on a 10-minute film: the sample film concatenated 4 times
(ffmpeg concat demuxer, stream copy, into a temporary folder).

    .venv/bin/python bench/faces.py --identity [--split dev] [--name NAME] [--pooled]

re-runs only the identity step (``identity.build_people`` with today's ``FaceOptions``)
on the saved faces of each benchmark film's index (indexing it when needed) and scores
the people against the truth file: for each truth person, the found person that covers
them most, its cover (share of their screen time) and purity (share of its time that is
them), and how many found people mix two truth people.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def truth_people(film_truth: dict, people_truth: dict, duration: float, copies: int = 1):
    """[(start, end, {people})] for every scene of every copy of the film."""
    scenes = []
    for k in range(copies):
        for s in film_truth["scenes"]:
            who = set(people_truth["scenes"].get(str(s["id"]), []))
            scenes.append((s["start"] + k * duration, s["end"] + k * duration, who))
    return scenes


def who_at(scenes, t: float) -> set:
    for a, b, who in scenes:
        if a <= t < b:
            return who
    return set()


def purity(index, scenes) -> dict:
    """Purity of the clustered faces and recall of the truth scenes that show someone."""
    per_person: dict[int, Counter] = {}
    for f in index.faces:
        if f.person:
            who = who_at(scenes, f.time)
            per_person.setdefault(f.person, Counter())[next(iter(who)) if len(who) == 1 else "nobody"] += 1
    total = sum(sum(c.values()) for c in per_person.values())
    majority = {pid: c.most_common(1)[0] for pid, c in per_person.items()}
    good = sum(n for label, n in majority.values() if label != "nobody")
    wanted = [(a, b, who) for a, b, who in scenes if who]
    found = sum(any(a <= f.time < b and f.person for f in index.faces) for a, b, _ in wanted)
    labels = [label for label, _ in majority.values()]
    return {"people": len(index.people), "faces": total, "purity": round(good / total, 4) if total else None,
            "majority": {str(pid): label for pid, (label, _) in majority.items()},
            "split_identities": len(labels) - len(set(labels)),
            "scene_recall": round(found / len(wanted), 4) if wanted else None}


def run(film: Path, copies: int, film_truth: dict, people_truth: dict) -> dict:
    from cutbot.indexers import index_film

    with tempfile.TemporaryDirectory(prefix="cutbot-bench-faces-") as home:
        t0 = time.perf_counter()
        idx = index_film(film, home=home, force=True)
        wall = time.perf_counter() - t0
        man = json.loads((idx.root / "manifest.json").read_text())
        frames = json.loads((idx.root / "faces.json").read_text()).get("frames", 0)
    tm = idx.timings
    faces_s = tm.get("faces", 0.0)
    result = {"film": str(film), "duration": round(idx.duration, 2), "wall_s": round(wall, 1),
              "stage_s": {k: v for k, v in tm.items() if k not in ("rtf",)},
              "face_frames": frames, "faces_fps": round(frames / faces_s, 2) if faces_s else None,
              "faces_share_of_total": round(faces_s / tm["total"], 3) if tm.get("total") else None,
              "critical_path_without_faces_s": round(max(tm.get("shots", 0) + tm.get("frames", 0),
                                                         tm.get("audio", 0) + tm.get("transcript", 0)
                                                         + tm.get("sentences", 0)), 1),
              "backends": man.get("backends", {})}
    result.update(purity(idx, truth_people(film_truth, people_truth, film_truth["duration"], copies)))
    return result


def raws_of(index) -> list:
    """The saved tracks of an index as the identity step's input (reach from the saved spans)."""
    from cutbot.indexers.faces import _RawTrack

    raws = []
    for tr in index.face_tracks:
        r = _RawTrack(tr.shot)
        for i in tr.faces:
            f = index.faces[i]
            r.times.append(f.time)
            r.boxes.append(f.box)
            r.scores.append(f.score)
            r.vectors.append(index.face_vectors[i])
        half = max(0.0, (tr.end - tr.start) / 2 - (max(r.times) - min(r.times)) / 2)
        r.reach = [half] * len(r.times)
        r.crop, r.best_area = np.zeros((8, 8, 3), np.uint8), 1.0
        raws.append(r)
    return raws


def film_truth_people(entry: dict) -> dict[str, list[tuple[float, float]]]:
    truth = json.loads(entry["truth"].read_text())
    extra = entry["truth"].with_name(entry["truth"].name.replace(".truth.json", ".people.json"))
    by_scene = json.loads(extra.read_text())["scenes"] if extra.is_file() else {}
    out: dict[str, list[tuple[float, float]]] = {}
    for s in truth["scenes"]:
        for p in s.get("people") or by_scene.get(str(s["id"]), []):
            out.setdefault(p, []).append((s["start"], s["end"]))
    return out


def identity_report(split: str, only: str | None) -> None:
    import sys

    from cutbot.indexers import index_film
    from cutbot.indexers.faces import FaceOptions, build_people
    from cutbot.indexers.intervals import length, overlap

    sys.path.insert(0, str(ROOT / "bench"))
    from quality import catalogue

    for name, entry in catalogue().items():
        if split not in ("all", entry["split"]) or (only and name != only) or not entry["film"].is_file():
            continue
        index = index_film(entry["film"])
        got = build_people(raws_of(index), index.shots, FaceOptions())
        spans = {p.id: [(t.start, t.end) for t in got.tracks if t.person == p.id] for p in got.people}
        truth = film_truth_people(entry)
        mixed = sum(sum(overlap(sp, ts) > 0.5 for ts in truth.values()) > 1 for sp in spans.values())
        print(f"{name}: {len(got.people)} people found, {len(truth)} in the truth, {mixed} mixing two truth people")
        for who, ts in sorted(truth.items(), key=lambda kv: -length(kv[1])):
            best = max(spans, key=lambda k: overlap(spans[k], ts), default=None)
            hit = overlap(spans[best], ts) if best else 0.0
            pure = hit / length(spans[best]) if best and length(spans[best]) else 0.0
            print(f"  {who:<16} {length(ts):5.1f} s: person {best}, cover {hit / length(ts):.0%}, pure {pure:.0%}")


def pooled_report(split: str, well_seen: bool = False) -> dict:
    """Every film of ``split`` as one identity problem: their tracks pooled (each film's
    times moved past the last one's) and clustered together, so people who appear in
    several films (the same photo, cropped, lit and zoomed otherwise) must join, and the
    film count of people grows (the dev split: 6 people in 3 films). ``well_seen`` treats
    every track as seen on several frames (``core_faces`` 1), as in long shots, where the
    single-face attachment step no longer rescues a hard view."""
    import dataclasses
    import sys

    from cutbot.indexers import index_film
    from cutbot.indexers.faces import FaceOptions, build_people
    from cutbot.indexers.intervals import length, overlap
    from cutbot.indexers.schema import Shot

    sys.path.insert(0, str(ROOT / "bench"))
    from quality import catalogue

    raws, shots, truth, offset, films = [], [], {}, 0.0, []
    for name, entry in catalogue().items():
        if split not in ("all", entry["split"]) or not entry["film"].is_file():
            continue
        index = index_film(entry["film"])
        base = len(shots)
        shots += [Shot(base + s.index, s.start + offset, s.end + offset) for s in index.shots]
        for r in raws_of(index):
            r.shot, r.times = base + r.shot, [t + offset for t in r.times]
            raws.append(r)
        for who, spans in film_truth_people(entry).items():
            truth.setdefault(who, []).extend((a + offset, b + offset) for a, b in spans)
        offset += index.duration + 1.0
        films.append(name)
    o = dataclasses.replace(FaceOptions(), core_faces=1) if well_seen else FaceOptions()
    got = build_people(raws, shots, o)
    spans = {p.id: [(t.start, t.end) for t in got.tracks if t.person == p.id] for p in got.people}
    majority = {pid: max(truth, key=lambda w: overlap(sp, truth[w])) for pid, sp in spans.items()}
    print(f"{' + '.join(films)} pooled{' (every track well seen)' if well_seen else ''}: "
          f"{len(got.people)} people found, {len(truth)} in the truth")
    out = {}
    for who, ts in sorted(truth.items(), key=lambda kv: -length(kv[1])):
        pieces = [pid for pid, w in majority.items() if w == who]
        best = max(spans, key=lambda k: overlap(spans[k], ts), default=None)
        hit = overlap(spans[best], ts) if best else 0.0
        pure = hit / length(spans[best]) if best and length(spans[best]) else 0.0
        out[who] = {"pieces": len(pieces), "cover": round(hit / length(ts), 3), "pure": round(pure, 3)}
        print(f"  {who:<16} {length(ts):5.1f} s: {len(pieces)} found people, best person {best} "
              f"cover {hit / length(ts):.0%}, pure {pure:.0%}")
    return out


def concat(film: Path, copies: int, folder: Path) -> Path:
    from cutbot.indexers.media import ffmpeg_exe

    lst = folder / "list.txt"
    lst.write_text("".join(f"file '{film.resolve()}'\n" for _ in range(copies)))
    out = folder / f"{film.stem}_x{copies}.mp4"
    subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(lst),
                    "-c", "copy", str(out)], check=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--film", type=Path, default=EXAMPLES / "sample_film.mp4")
    ap.add_argument("--long", action="store_true", help="also the film concatenated 4 times (~10 min)")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--identity", action="store_true", help="score the identity step on the benchmark films")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--name", help="with --identity: only this benchmark film")
    ap.add_argument("--pooled", action="store_true",
                    help="with --identity: the split's films as one identity problem (also with every track well seen)")
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if args.identity and args.pooled:
        pooled_report(args.split)
        pooled_report(args.split, well_seen=True)
        return
    if args.identity:
        identity_report(args.split, args.name)
        return
    film_truth = json.loads((EXAMPLES / "sample_film.truth.json").read_text())
    people_truth = json.loads((EXAMPLES / "sample_film.people.json").read_text())
    results = [run(args.film, 1, film_truth, people_truth)]
    if args.long:
        with tempfile.TemporaryDirectory(prefix="cutbot-bench-concat-") as tmp:
            results.append(run(concat(args.film, 4, Path(tmp)), 4, film_truth, people_truth))
    for r in results:
        print(f"{Path(r['film']).name}: {r['duration']:.0f} s, {r['people']} people, purity {r['purity']}, "
              f"scene recall {r['scene_recall']}, split identities {r['split_identities']}")
        print(f"  faces: {r['face_frames']} frames in {r['stage_s'].get('faces', 0):.1f} s = {r['faces_fps']} frames/s; "
              f"faces stage {100 * (r['faces_share_of_total'] or 0):.0f}% of total indexing "
              f"({r['stage_s']['total']:.1f} s; the other paths alone: ~{r['critical_path_without_faces_s']} s)")
        print(f"  stages: {json.dumps(r['stage_s'])}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
