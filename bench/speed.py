"""How fast cutbot indexes on this machine: wall time per stage, RTF, peak memory, a dry run.

    python bench/speed.py [--films sample,10min,60min] [--baseline REF] [--keep]
    python bench/speed.py --speech 300      # speech: threads, batched pipeline, tiny.en vs base

Films: the sample film (145 s); ``10min``, an unseen-style film (bench/films/media/
long_talk.mp4, 626 s of dialogue; only its pictures and sound are used, never its truth or
requests); ``60min``, every benchmark film (examples/*.mp4, bench/films/media/*.mp4)
normalised to 854x480 25 fps and looped to 60 minutes (built once, deterministically, into
the gitignored bench/films/media/speed/). Each is indexed from scratch in a fresh
`cutbot index` process (model loading counts, as a user feels it) with a fresh CUTBOT_HOME
holding only what an installation makes once (``--cold``: not even that: +~12 CPU s).
Prints wall time, the stages (shots = the decode pass, frames = picture embedding, faces =
the faces workers: they overlap), RTF, the peak memory of the whole process tree (sampled
every 0.2 s, workers included) and the projected time of a two-hour film. ``--baseline REF``
also indexes each film with the code of git REF (same machine, same run, interleaved),
so a busy machine slows both alike. Then times `cutbot REQUEST --dry-run` on the sample film.

    python bench/speed.py --dry-run [--runs 5] [--baseline REF] [--plans]

times single-shot dry runs only, on the indexes of $CUTBOT_HOME (the sample film is indexed
there first when it is not): a query met before (its vectors cached beside the index) and a
new one (the text model loads), as the median wall and CPU (user+sys) of --runs fresh
processes each, interleaved with REF's code when given. ``--plans`` also runs 20 dev
requests (dev_film, gallery) through both codes, each with an empty query cache, and says
whether every plan JSON, exit code and error line is the same.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from speed_dry import FILM, MEDIA, ROOT, baseline_tree, dry_runs  # the paths are written once, there

BUILT = MEDIA / "speed"
CLI = "from cutbot.agent.cli import app; import sys; sys.argv[0] = 'cutbot'; app()"
REQUEST = "only the cat"
STAGES = ["probe", "audio", "transcript", "sentences", "shots", "frames", "faces", "total"]
TWO_HOURS = 7200.0


def ffmpeg() -> str:
    from imageio_ffmpeg import get_ffmpeg_exe

    return get_ffmpeg_exe()


def duration(path: Path) -> float:
    import av

    with av.open(str(path)) as c:
        return c.duration / av.time_base


def sixty_minutes(minutes: float = 60.0) -> Path:
    """Every benchmark film normalised alike, then looped (stream copy) to ``minutes``."""
    out = BUILT / f"bench_{minutes:g}min.mp4"
    if out.is_file():
        return out
    BUILT.mkdir(parents=True, exist_ok=True)
    sources = sorted((ROOT / "examples").glob("*.mp4")) + sorted(p for p in MEDIA.glob("*.mp4"))
    parts = []
    for src in sources:
        part = BUILT / f"norm_{src.stem}.mp4"
        if not part.is_file():
            tmp = part.with_suffix(".part.mp4")
            subprocess.run([ffmpeg(), "-v", "error", "-y", "-i", str(src), "-vf",
                            "scale=854:480:force_original_aspect_ratio=decrease,pad=854:480:(ow-iw)/2:(oh-ih)/2,"
                            "setsar=1,fps=25", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
                            "-pix_fmt", "yuv420p", "-g", "250", "-c:a", "aac", "-ar", "48000", "-ac", "1",
                            "-b:a", "96k", str(tmp)], check=True)
            tmp.rename(part)
        parts.append(part)
    total = sum(duration(p) for p in parts)
    copies = int(minutes * 60 // total) + 1
    listing = BUILT / "join.txt"
    listing.write_text("".join(f"file '{p}'\n" for _ in range(copies) for p in parts))
    tmp = out.with_suffix(".part.mp4")
    subprocess.run([ffmpeg(), "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", str(listing),
                    "-t", f"{minutes * 60:.3f}", "-c", "copy", str(tmp)], check=True)
    tmp.rename(out)
    return out


def film_for(name: str) -> Path:
    if name == "sample":
        return FILM
    if name == "10min":
        return MEDIA / "long_talk.mp4"
    if name.endswith("min"):
        return sixty_minutes(float(name[:-3]))
    return Path(name)


def tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def run_index(film: Path, home: Path, code: Path | None) -> dict:
    """`cutbot index FILM` in a fresh process; wall time and the tree's peak RSS."""
    env = {**os.environ, "CUTBOT_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    import resource

    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CLI, "index", str(film)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]

    def watch() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss(proc.pid))
            time.sleep(0.2)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    _, err = proc.communicate()
    wall = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)  # the whole tree: its workers are reaped by it
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    watcher.join()
    if proc.returncode:
        sys.exit(f"failed: cutbot index {film}\n{err[-2000:]}")
    man = next(home.glob("indexes/*/manifest.json"))
    timings = json.loads(man.read_text()).get("timings", {})
    return {"film": film.name, "length_s": duration(film), "wall_s": wall, "cpu_s": cpu,
            "peak_mb": peak[0] / 2**20, **timings}


def warm_models(home: Path) -> Path:
    """The models/ folder a first use leaves (made once here, copied into each film's home)."""
    env = {**os.environ, "CUTBOT_HOME": str(home), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    code = ("from cutbot.indexers import models; v = models.get_visual_embedder(None); "
            "v.label_vectors(); getattr(v, '_network', lambda: None)(); models.get_transcriber(None)")
    subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
    return home / "models"


def speech_configs(seconds: float) -> None:
    """faster-whisper on the 10-minute film's first ``seconds``: thread counts, the batched
    pipeline, tiny.en vs base; wall, RTF and the words heard (same audio, one process)."""
    from faster_whisper import BatchedInferencePipeline

    from cutbot.indexers import models
    from cutbot.indexers.media import load_audio

    audio = load_audio(film_for("10min"))[: int(seconds * 16000)]
    print(f"speech on {len(audio) / 16000:.0f} s of long_talk.mp4 (VAD on, word timestamps, beam 1)")
    for name, threads, batch in [("tiny.en", 1, 0), ("tiny.en", 2, 0), ("tiny.en", 2, 8),
                                 ("base", 1, 0), ("base", 2, 0), ("base", 2, 8)]:
        try:
            tr = models.get_transcriber(name, cpu_threads=threads)
        except Exception as exc:  # noqa: BLE001 - a missing optional model is reported, not fatal
            print(f"  {name}: unavailable ({exc})")
            continue
        import resource

        def cpu() -> float:
            r = resource.getrusage(resource.RUSAGE_SELF)
            return r.ru_utime + r.ru_stime

        t0, c0 = time.perf_counter(), cpu()
        if batch:
            pipe = BatchedInferencePipeline(tr.model)
            segs, _ = pipe.transcribe(audio, language=tr.options.language, beam_size=1, vad_filter=True,
                                      word_timestamps=True, batch_size=batch)
            words = sum(len(sg.words or []) for sg in segs)
        else:
            words = sum(len(sn.words) for sn in tr.transcribe(audio))
        wall, used = time.perf_counter() - t0, cpu() - c0
        secs = len(audio) / 16000
        print(f"  {name:<8} threads {threads} {'batched ' + str(batch) if batch else 'sequential':<11} "
              f"wall {wall:7.1f} s (RTF {wall / secs:.3f})  CPU {used:7.1f} s (per audio second "
              f"{used / secs:.3f})  {words} words", flush=True)


def line(label: str, r: dict) -> str:
    rtf = r["wall_s"] / r["length_s"]
    return (f"{label:<9}{r['film'][:18]:<19}{r['length_s']:>6.0f}s{r['wall_s']:>8.1f}s"
            + "".join(f"{r.get(s, 0.0):>9.1f}" for s in STAGES)
            + f"{rtf:>7.3f}{r['cpu_s']:>8.0f}{r['cpu_s'] / 2 / r['length_s']:>7.3f}{r['peak_mb']:>8.0f}"
            + f"{rtf * TWO_HOURS / 60:>8.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--films", default="sample,10min", help="comma list: sample, 10min, 60min or paths")
    ap.add_argument("--baseline", help="git ref whose code is measured beside this one, interleaved")
    ap.add_argument("--only-baseline", action="store_true", help="measure the --baseline code alone")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--speech", type=float, metavar="SECONDS",
                    help="only compare speech configurations on this much of the 10-minute film")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--cold", action="store_true",
                    help="index in empty homes: include what an installation makes once (label vectors...)")
    ap.add_argument("--dry-run", action="store_true", help="time single-shot dry runs only")
    ap.add_argument("--runs", type=int, default=5, help="dry runs per version and query")
    ap.add_argument("--plans", action="store_true", help="with --dry-run: compare 20 dev plans")
    args = ap.parse_args()
    if args.dry_run:
        dry_runs(args.runs, args.baseline, args.plans)
        return
    if args.speech:
        os.environ.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"})
        os.environ.setdefault("CUTBOT_HOME", tempfile.mkdtemp(prefix="cutbot-speech-"))
        speech_configs(args.speech)
        return
    tmp = Path(tempfile.mkdtemp(prefix="cutbot-speed-"))
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}")
    versions = [("new", None)]
    if args.baseline:
        versions = [(args.baseline[:8], baseline_tree(args.baseline, tmp / "baseline"))]
        versions += [] if args.only_baseline else [("new", None)]
    print(f"{'code':<9}{'film':<19}{'length':>7}{'wall':>9}" + "".join(f"{s:>9}" for s in STAGES)
          + f"{'RTF':>7}{'CPU s':>8}{'cpuRTF':>7}{'peak MB':>8}{'2h min':>8}", flush=True)
    rows = []
    warm = None if args.cold else warm_models(tmp / "warm")
    for k, name in enumerate(args.films.split(",")):
        film = film_for(name.strip())
        order = versions if k % 2 == 0 else versions[::-1]  # interleaved: neither always goes first
        for label, code in order:
            if warm is not None:
                shutil.copytree(warm, tmp / f"home-{label}-{k}" / "models")
            r = run_index(film, tmp / f"home-{label}-{k}", code)
            r["code"], r["home"] = label, str(tmp / f"home-{label}-{k}")
            rows.append(r)
            print(line(label, r), flush=True)
    if warm is not None:
        print("(each film in a fresh CUTBOT_HOME whose models/ holds what an installation makes once: "
              "checksum stamps, the 1000 label vectors, the classifier's ONNX export; --cold: none)")
    print("(wall includes start-up and model loading; shots = the decode pass, frames = picture "
          "embedding, faces = the faces workers: they overlap with each other and with speech; "
          "2h min = RTF x 120 minutes; CPU s = user+sys of the whole process tree, which a busy "
          "machine barely changes; cpuRTF = CPU s / 2 cores / length, the RTF an idle 2-core "
          "machine would reach if both cores stayed busy)")
    homes = [r["home"] for r in rows if r["code"] == "new" and r["film"] == FILM.name]
    if homes:
        env = {**os.environ, "CUTBOT_HOME": homes[0], "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
        dry = []
        for _ in range(3):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-c", CLI, REQUEST, "-i", str(FILM), "--dry-run"], env=env,
                           capture_output=True, check=True)
            dry.append(time.perf_counter() - t0)
        print(f"dry run (`cutbot \"{REQUEST}\" -i sample_film.mp4 --dry-run`, indexed): "
              f"median {statistics.median(dry):.2f} s over {len(dry)} runs")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    if args.keep:
        print(f"kept {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
