"""How fast the library indexes on Ray: films per minute with 1 and with 2 workers.

    python bench/library.py [--films 12] [--seconds 10] [--workers 1 2] [--repeat 1] [--json OUT] [--skip-search]

Part (a) of issue 13. Builds ``--films`` short films from the example films (each a
different cut, so each has its own fingerprint and its own index), then for each worker
count runs ``cutbot library add`` and ``cutbot library index --workers N`` in a fresh
process on a fresh temporary ``CUTBOT_HOME``, so Ray start-up and model loading count as a
user would feel them. Prints films per minute, seconds of media per wall second, and the
speed-up over the first worker count. ``--repeat`` interleaves the runs (1, 2, 1, 2, ...) and
reports the median, because a shared machine's load moves between runs.

Part (b), search across a synthetic library of 2,000 films' vectors, is
``bench/library_search.py``; this script runs it after (a) unless ``--skip-search``.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CUTBOT = str(Path(sys.executable).with_name("cutbot"))
SOURCES = (ROOT / "examples" / "sample_film.mp4", ROOT / "examples" / "dev_film.mp4")


def build_films(n: int, seconds: float, folder: Path) -> list[Path]:
    """``n`` films of ``seconds`` each, cut in turn from the example films at spread-out starts."""
    import av
    from imageio_ffmpeg import get_ffmpeg_exe

    lengths = []
    for src in SOURCES:
        with av.open(str(src)) as c:
            lengths.append(c.duration / av.time_base)
    out = []
    for k in range(n):
        src, length = SOURCES[k % len(SOURCES)], lengths[k % len(SOURCES)]
        nth, per_source = k // len(SOURCES), -(-n // len(SOURCES))
        span = max(length - seconds, 0.0)
        start = round(span * nth / max(per_source - 1, 1), 2) if per_source > 1 else 0.0
        film = folder / f"{src.stem}_{k:02d}.mp4"
        subprocess.run([get_ffmpeg_exe(), "-v", "error", "-y", "-ss", f"{start:.2f}", "-t", f"{seconds:.2f}",
                        "-i", str(src), "-c:v", "libx264", "-preset", "veryfast", "-c:a", "aac", str(film)],
                       check=True)
        out.append(film)
    return out


def media_seconds(films: list[Path]) -> float:
    import av

    total = 0.0
    for f in films:
        with av.open(str(f)) as c:
            total += c.duration / av.time_base
    return total


def one_run(films: list[Path], workers: int, env: dict) -> dict:
    """Add and index the films on a fresh CUTBOT_HOME with ``workers`` Ray CPUs; wall time."""
    with tempfile.TemporaryDirectory(prefix="cutbot-bench-library-") as home:
        run_env = {**env, "CUTBOT_HOME": home}
        add = subprocess.run([CUTBOT, "library", "add", *map(str, films)], env=run_env, capture_output=True,
                             text=True)
        if add.returncode:
            sys.exit(f"cutbot library add failed: {add.stderr.strip()}")
        t0 = time.perf_counter()
        done = subprocess.run([CUTBOT, "library", "index", "--workers", str(workers)], env=run_env,
                              capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if done.returncode:
            sys.exit(f"cutbot library index --workers {workers} failed: {done.stderr.strip()[-2000:]}")
        indexed = len(list((Path(home) / "indexes").iterdir()))
    if indexed != len(films):
        sys.exit(f"expected {len(films)} indexes, found {indexed}")
    return {"workers": workers, "wall_s": round(wall, 2), "summary": " ".join(done.stdout.split())}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--films", type=int, default=12)
    ap.add_argument("--seconds", type=float, default=10.0, help="length of each film")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--skip-search", action="store_true", help="only part (a), not (b)")
    args = ap.parse_args(argv)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "RAY_USAGE_STATS_ENABLED": "0"}
    with tempfile.TemporaryDirectory(prefix="cutbot-bench-films-") as tmp:
        films = build_films(args.films, args.seconds, Path(tmp))
        media = media_seconds(films)
        runs: dict[int, list[dict]] = {w: [] for w in args.workers}
        for _ in range(args.repeat):
            for w in args.workers:
                got = one_run(films, w, env)
                runs[w].append(got)
                print(f"  workers={w}: {got['wall_s']:.1f} s  ({got['summary']})", flush=True)
    rows = []
    for w in args.workers:
        wall = statistics.median(r["wall_s"] for r in runs[w])
        rows.append({"workers": w, "wall_s": round(wall, 1), "films_per_minute": round(60 * args.films / wall, 2),
                     "media_x_realtime": round(media / wall, 3), "runs": [r["wall_s"] for r in runs[w]]})
    base = rows[0]["films_per_minute"]
    for r in rows:
        r["speedup"] = round(r["films_per_minute"] / base, 2) if base else None
    result = {"films": args.films, "seconds_each": args.seconds, "media_s": round(media, 1),
              "cpu_count": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 1), "rows": rows}
    print(f"\n(a) indexing {args.films} films of {args.seconds:g} s ({media:.0f} s of media) on Ray, "
          f"{os.cpu_count()} cores, load {result['load_avg_1m']}:")
    print(f"{'workers':>8} {'wall s':>8} {'films/min':>10} {'x realtime':>11} {'speed-up':>9}")
    for r in rows:
        print(f"{r['workers']:>8} {r['wall_s']:>8.1f} {r['films_per_minute']:>10.2f} "
              f"{r['media_x_realtime']:>11.3f} {r['speedup']:>9.2f}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    if not args.skip_search:  # (b) in its own process: its memory figure is its own
        print("\n(b) search across a synthetic library:", flush=True)
        subprocess.run([sys.executable, str(Path(__file__).with_name("library_search.py"))], check=True)
    return result


if __name__ == "__main__":
    main()
