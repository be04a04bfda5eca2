"""How fast cutbot is on this machine: indexing per stage, a dry run, and planning.

    python bench/speed.py [--long-minutes 10] [--keep]

Indexes the sample film and a longer film (the sample film joined to itself, stream
copied) each in a fresh `cutbot index` process, so model loading counts as a user would
feel it; prints wall time per stage and the real-time factor (RTF = indexing time / film
length). Then times `cutbot REQUEST --dry-run` on the indexed film and in-process
planning of a few requests. Everything goes to a temporary CUTBOT_HOME.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILM = ROOT / "examples" / "sample_film.mp4"
CUTBOT = [str(Path(sys.executable).with_name("cutbot"))]  # the installed command
REQUESTS = ["only the cat", "the part where they talk about soup, under 20 seconds",
            "everything except the rocket", "keep the coffee scenes in reverse order"]


def long_film(minutes: float, folder: Path) -> Path:
    """The sample film joined to itself until it lasts ``minutes`` (no re-encode)."""
    import av
    from imageio_ffmpeg import get_ffmpeg_exe

    with av.open(str(FILM)) as c:
        length = c.duration / av.time_base
    copies = math.ceil(minutes * 60 / length)
    listing = folder / "join.txt"
    listing.write_text("".join(f"file '{FILM}'\n" for _ in range(copies)))
    out = folder / f"sample_x{copies}.mp4"
    subprocess.run([get_ffmpeg_exe(), "-v", "error", "-y", "-f", "concat", "-safe", "0",
                    "-i", str(listing), "-t", f"{minutes * 60:.3f}", "-c", "copy", str(out)],
                   check=True)
    return out


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return time.perf_counter() - t0


def index_report(film: Path, env: dict) -> dict:
    from cutbot.indexers import load_index

    wall = timed([*CUTBOT, "index", str(film)], env)
    idx = load_index(film, home=env["CUTBOT_HOME"])
    return {"film": film.name, "length_s": idx.media.duration, "wall_s": wall,
            "shots": len(idx.shots), "sentences": len(idx.sentences),
            "frames": len(idx.frames), **idx.timings}


def planning_ms(film: Path, home: str) -> float:
    """Median wall time of parse + plan per request, each planned from scratch."""
    from cutbot.agent.intent import parse_request
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from cutbot.indexers import load_index

    index = load_index(film, home=home)
    scorer = Scorer(index)
    plan_cut(parse_request(REQUESTS[0]), index, scorer=scorer)  # warm the text embedder
    times = []
    for _ in range(3):
        for request in REQUESTS:
            t0 = time.perf_counter()  # a fresh scorer: no cached query scores
            fresh = Scorer(index, scorer.text, scorer.visual)
            plan_cut(parse_request(request), index, request=request, scorer=fresh)
            times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--long-minutes", type=float, default=10.0)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="cutbot-speed-"))
    env = {**os.environ, "CUTBOT_HOME": str(tmp / "home"), "HF_HUB_OFFLINE": "1",
           "TRANSFORMERS_OFFLINE": "1"}
    os.environ.update({k: env[k] for k in ("CUTBOT_HOME", "HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")})
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    rows = [index_report(FILM, env), index_report(long_film(args.long_minutes, tmp), env)]
    stages = ["probe", "shots", "audio", "transcript", "frames", "sentences", "faces", "total"]
    print(f"{'film':<22}{'length':>8}{'wall':>8}" + "".join(f"{s:>11}" for s in stages)
          + f"{'RTF':>7}")
    for r in rows:
        print(f"{r['film']:<22}{r['length_s']:>7.0f}s{r['wall_s']:>7.1f}s"
              + "".join(f"{r.get(s, 0.0):>10.1f}s" for s in stages) + f"{r['rtf']:>7.3f}")
    print("(speech, pictures and faces run side by side, so stage times add up to more "
          "than the total)")
    dry = [timed([*CUTBOT, REQUESTS[0], "-i", str(FILM), "--dry-run"], env) for _ in range(3)]
    print(f"dry run (`cutbot \"{REQUESTS[0]}\" -i sample_film.mp4 --dry-run`, indexed): "
          f"median {statistics.median(dry):.2f} s over {len(dry)} runs")
    print(f"parse + plan in process (index loaded, models warm, fresh scorer): median "
          f"{planning_ms(FILM, env['CUTBOT_HOME']):.1f} ms per request")
    (tmp / "speed.json").write_text(json.dumps(rows, indent=1))
    if not args.keep:
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    else:
        print(f"kept {tmp}")


if __name__ == "__main__":
    main()
