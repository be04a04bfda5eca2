"""The benchmark's truth and request files are consistent, and bench/quality.py runs (issue #11).

A truth file is what every request is scored against, and the test split's requests are
written by someone working only from the truth files: a wrong scene id or a scene that
overlaps another would silently skew every figure, so each file is checked here.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FILMS = ROOT / "bench" / "films"
REQUESTS = ROOT / "bench" / "requests"
CATEGORIES = {"visual", "speech", "quote", "people", "exclusion", "duration", "combination", "order",
              "window", "absent", "bad_input"}
SCENE_KEYS = {"id", "start", "end", "source", "visible", "people", "description", "narration", "topics"}
LAST_LINE = re.compile(r"^mean F1 \d\.\d{3} constraints \d\.\d{3} absent (\d\.\d{3}|n/a) "
                       r"\(split (dev|test|all), \d+ requests\)$")
BENCH_AUTHOR = "bench engineer"  # the author tag of the requests this engineer wrote (dev films only)


def truth_files() -> dict[str, dict]:
    paths = [ROOT / "examples" / "sample_film.truth.json", *sorted(FILMS.glob("*.truth.json"))]
    return {json.loads(p.read_text())["film"].rsplit(".", 1)[0]: json.loads(p.read_text()) for p in paths}


def request_files() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted(REQUESTS.glob("*.json"))}


TRUTHS = truth_files()
REQS = request_files()


def test_there_are_new_films_of_both_splits_and_a_long_one():
    new = {n: t for n, t in TRUTHS.items() if n != "sample_film"}
    assert len(new) >= 3
    assert TRUTHS["sample_film"]["split"] == "dev"
    splits = [t["split"] for t in new.values()]
    assert "dev" in splits and "test" in splits
    assert any(t["duration"] >= 600 and t["split"] == "test" for t in new.values())
    people = set().union(*(t["people"] for t in new.values()))
    assert len(people) >= 3 and all(len(t["people"]) <= 8 for t in new.values())  # 3-8 people a film
    sources = {s["source"] for t in new.values() for s in t["scenes"]}
    sample_sources = {s["source"] for s in TRUTHS["sample_film"]["scenes"]}
    assert len(sources - sample_sources) >= 10  # mostly material the sample film does not use


@pytest.mark.parametrize("name", sorted(TRUTHS))
def test_truth_file_schema(name):
    truth = TRUTHS[name]
    assert {"film", "split", "duration", "fps", "width", "height", "scenes", "people"} <= truth.keys()
    assert truth["split"] in ("dev", "test")
    scenes = truth["scenes"]
    assert [s["id"] for s in scenes] == list(range(1, len(scenes) + 1))
    assert scenes[0]["start"] == 0 and abs(scenes[-1]["end"] - truth["duration"]) < 0.05
    for prev, scene in zip([None, *scenes], scenes):
        assert SCENE_KEYS <= scene.keys(), scene["id"]
        assert scene["start"] < scene["end"]
        if prev is not None:
            assert abs(prev["end"] - scene["start"]) < 1e-6, f"scene {scene['id']} does not follow"
        assert scene["visible"] and scene["description"]
        assert set(scene["people"]) <= set(truth["people"]), f"scene {scene['id']}: unknown person"
        assert bool(scene["topics"]) == bool(scene["narration"]), f"scene {scene['id']}: topics need speech"
        for line in scene["narration"]:
            assert scene["start"] <= line["start"] < line["end"] <= scene["end"], f"scene {scene['id']}"
            assert line["text"].strip()
    for person in truth["people"]:  # every person is on screen somewhere
        assert any(person in s["people"] for s in scenes), person


@pytest.mark.parametrize("name", sorted(REQS))
def test_request_file_schema(name):
    doc, film = REQS[name], name.split(".")[0]  # <film>.json or <film>.<set>.json
    assert doc["film"] == film and film in TRUTHS, "a request file names a known film"
    truth = TRUTHS[film]
    assert doc["split"] == truth["split"]
    assert doc["author"].strip()
    ids = {s["id"] for s in truth["scenes"]}
    for req in doc["requests"]:
        where = f"{name}: {req['request']!r}"
        assert req["category"] in CATEGORIES, where
        expect = req.get("expect", "plan")
        assert expect in ("plan", "nothing", "error"), where
        assert (req["category"] == "absent") == (expect == "nothing"), where
        assert (req["category"] == "bad_input") == (expect == "error"), where
        assert set(req.get("keep", [])) <= ids and set(req.get("absent", [])) <= ids, where
        assert not set(req.get("keep", [])) & set(req.get("absent", [])), where
        assert bool(req.get("keep")) == (expect == "plan"), where
        if "budget" in req:
            assert req["budget"] > 0 and req.get("budget_kind", "max") in ("max", "target", "min"), where
        if "window" in req:
            lo, hi = req["window"]
            assert 0 <= lo < (truth["duration"] if hi is None else hi), where
        order = req.get("order")
        if isinstance(order, dict):
            groups = order.get("sequence") or [order.get("first") or order.get("last")]
            assert set().union(*map(set, groups)) <= set(req["keep"]), where
        elif order is not None:
            assert order in ("source", "reverse"), where


def test_request_counts_and_coverage():
    total = sum(len(d["requests"]) for d in REQS.values())
    dev = [r for n, d in REQS.items() if d["split"] == "dev" for r in d["requests"]]
    new_dev = [r for n, d in REQS.items() if d["split"] == "dev" and n != "sample_film" for r in d["requests"]]
    assert total >= 150
    assert len(new_dev) >= 100
    assert {r["category"] for r in new_dev} == CATEGORIES, "every category on the new dev films"
    assert len(REQS["sample_film"]["requests"]) == 54
    assert sum(r.get("expect") == "nothing" for r in dev) >= 10


def test_test_split_requests_are_not_written_by_the_bench_engineer():
    for name, doc in REQS.items():
        if TRUTHS[name.split(".")[0]]["split"] == "test":
            assert BENCH_AUTHOR not in doc["author"], f"{name}: test requests must come from someone else"


def test_outsider_dev_requests_are_read_by_quality(monkeypatch):
    """The outsider's dev requests (written from truth files alone) are scored with the rest."""
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    import quality
    for film in ("sample_film", "dev_film", "gallery"):
        doc = REQS[f"{film}.outsider"]
        assert doc["split"] == "dev" and doc["author"].startswith("outsider")
        assert len(doc["requests"]) >= 40
        assert {r["category"] for r in doc["requests"]} == CATEGORIES
        assert REQUESTS / f"{film}.outsider.json" in quality.catalogue()[film]["extra"]


def test_dev_film_is_committed_small_and_has_people_and_speech(dev_film, dev_truth):
    assert dev_film.stat().st_size <= 6_000_000
    assert 60 <= dev_truth["duration"] <= 90 and dev_truth["split"] == "dev"
    assert len(dev_truth["people"]) >= 2
    assert sum(bool(s["narration"]) for s in dev_truth["scenes"]) >= 5
    assert any(line["voice"].startswith("recorded:") for s in dev_truth["scenes"] for line in s["narration"])


def test_quality_rejects_an_unknown_film():
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), "--film", "no_such_film"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "no_such_film" in proc.stderr


@pytest.mark.slow
def test_quality_runs_on_the_dev_film(dev_home, tmp_path):
    out = tmp_path / "q.json"
    env = {**os.environ, "CUTBOT_HOME": str(dev_home)}
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "quality.py"), "--split", "dev",
                           "--film", "dev_film", "--every", "10", "--json", str(out)],
                          capture_output=True, text=True, timeout=900, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    assert LAST_LINE.match(last), last
    result = json.loads(out.read_text())
    every = [(n.split(".")[1] if n.count(".") else "main", r)
             for n in sorted(REQS) if n.split(".")[0] == "dev_film" for r in REQS[n]["requests"]][::10]
    assert len(result["rows"]) == len(every)  # <film>.json then every <film>.<set>.json
    assert {r["set"] for r in result["rows"]} == {s for s, _ in every} >= {"main", "outsider"}
    assert {r["film"] for r in result["rows"]} == {"dev_film"}
    # honest counting: a request answered "nothing" never passes its constraints unless it expected that
    for row in result["rows"]:
        if row["answer"] != "plan" and row["expect"] == "plan":
            assert row["f1"] == 0 and not row["constraints_ok"]
