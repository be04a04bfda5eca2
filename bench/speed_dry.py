"""Dry-run timing for bench/speed.py (`--dry-run`): single-shot `cutbot REQUEST --dry-run`
processes on the indexes of $CUTBOT_HOME, a query met before and a new one, interleaved with a
git REF's code when given (``baseline_tree``), and ``--plans``: whether 20 dev requests plan
the same under both codes. Kept apart so speed.py stays the indexing benchmark."""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILM = ROOT / "examples" / "sample_film.mp4"
MEDIA = ROOT / "bench" / "films" / "media"


def baseline_tree(ref: str, folder: Path) -> Path:
    """The code of git ``ref`` as an importable ``cutbot`` package under ``folder``."""
    src = folder / "src"
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "agent", "indexers", "prompts"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    pkg = folder / "pkg" / "cutbot"
    pkg.mkdir(parents=True)
    for sub in ("agent", "indexers", "prompts"):
        (pkg / sub).symlink_to(src / sub)
    return folder / "pkg"


LAUNCH = "from cutbot.agent.launch import main; import sys; sys.argv[0] = 'cutbot'; main()"
KNOWN, NEW = "only the cat", "only the rocket"  # both in the sample film; the cache starts with KNOWN's


def _dry_env(home: Path, code: Path | None) -> dict:
    env = {**os.environ, "CUTBOT_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a user's cutbot runs from compiled bytecode
    env.pop("PYTHONPATH", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def _timed(args: list[str], env: dict) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall and CPU (user+sys) seconds of one fresh `cutbot ARGS` process."""
    import resource

    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", LAUNCH, *args], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (c1.ru_utime - c0.ru_utime) + (c1.ru_stime - c0.ru_stime), done


def _film_index(home: Path, film: Path) -> Path:
    from cutbot.indexers.media import fingerprint
    from cutbot.indexers.store import index_dir

    return index_dir(fingerprint(film), home)


def _dry_home(src: Path, dst: Path) -> None:
    """A copy of ``src``'s indexes and caches with no query vectors cached."""
    for sub in ("indexes", "cache", "models"):
        if (src / sub).is_dir():
            shutil.copytree(src / sub, dst / sub, ignore=shutil.ignore_patterns("queries-*", ".lock"))


def _set_queries(folder: Path, saved: Path | None) -> None:
    """The film's query cache as ``saved`` (None: empty)."""
    for f in folder.glob("queries-*"):
        f.unlink()
    if saved is not None:
        for f in saved.glob("queries-*"):
            shutil.copy2(f, folder / f.name)


def dry_runs(runs: int, baseline: str | None, plans: bool) -> None:
    from cutbot.indexers.settings import cutbot_home

    src = cutbot_home()
    tmp = Path(tempfile.mkdtemp(prefix="cutbot-dry-"))
    try:
        if not _film_index(src, FILM).joinpath("manifest.json").is_file():
            print(f"indexing the sample film into {src} first", flush=True)
            subprocess.run([sys.executable, "-c", LAUNCH, "index", str(FILM)], env=_dry_env(src, None), check=True)
        versions = [("new", None)]
        if baseline:
            versions = [(baseline[:8], baseline_tree(baseline, tmp / "baseline")), ("new", None)]
        homes = {}
        for label, code in versions:
            home = homes[label] = tmp / f"home-{label}"
            _dry_home(src, home)
            folder = _film_index(home, FILM)
            for _ in range(2):  # bytecode written, the KNOWN query's vectors cached
                _timed([KNOWN, "-i", str(FILM), "--dry-run"], _dry_env(home, code))
            (tmp / f"warm-{label}").mkdir()
            _set_queries(tmp / f"warm-{label}", folder)
        print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
              f"{runs} runs each, interleaved", flush=True)
        times: dict[tuple, list] = {}
        for k in range(runs):
            for label, code in (versions if k % 2 == 0 else versions[::-1]):
                for kind, request in (("known", KNOWN), ("new", NEW)):
                    _set_queries(_film_index(homes[label], FILM), tmp / f"warm-{label}")
                    wall, cpu, done = _timed([request, "-i", str(FILM), "--dry-run"],
                                             _dry_env(homes[label], code))
                    if done.returncode:
                        sys.exit(f"failed: cutbot {request!r} --dry-run\n{done.stderr[-2000:]}")
                    times.setdefault((label, kind), []).append((wall, cpu))
        for (label, kind), rows in times.items():
            print(f"dry run {label:<9} {kind:<6} query: median wall {statistics.median(r[0] for r in rows):.2f} s, "
                  f"CPU {statistics.median(r[1] for r in rows):.2f} s "
                  f"(walls {' '.join(f'{r[0]:.2f}' for r in rows)})", flush=True)
        if plans:
            same_plans(versions, homes, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def same_plans(versions: list, homes: dict, tmp: Path) -> None:
    """20 dev requests through every version, each with an empty query cache (so each
    embeds its words with its own code): the plan JSON, exit code and stderr compared."""
    requests = []
    for name in ("dev_film", "gallery"):
        data = json.loads((ROOT / "bench" / "requests" / f"{name}.json").read_text())
        stem = data["film"].removesuffix(".mp4")
        film = ROOT / "examples" / f"{stem}.mp4"
        film = film if film.is_file() else MEDIA / f"{stem}.mp4"
        requests += [(film, r["request"]) for r in data["requests"][::3][:10]]
    results: dict[str, list] = {}
    for label, code in versions:
        for i, (film, request) in enumerate(requests):
            _set_queries(_film_index(homes[label], film), None)
            plan = tmp / f"plan-{label}-{i}.json"
            _, _, done = _timed([request, "-i", str(film), "--dry-run", "--plan-json", str(plan)],
                                _dry_env(homes[label], code))
            body = json.loads(plan.read_text()) if plan.is_file() else None
            results.setdefault(label, []).append((done.returncode, done.stderr.strip(), body))
    base = results[versions[0][0]]
    for label, rows in results.items():
        same = [i for i, r in enumerate(rows) if r == base[i]]
        answered = sum(1 for r in rows if r[2] is not None)
        print(f"plans {label}: {answered} of {len(rows)} requests planned; "
              f"{len(same)}/{len(rows)} identical to {versions[0][0]}", flush=True)
        for i, r in enumerate(rows):
            if r != base[i]:
                print(f"  differs: {requests[i][1]!r} rc {base[i][0]} -> {r[0]}")
