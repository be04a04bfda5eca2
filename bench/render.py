"""Smart render against a full moviepy re-encode and the stream-copy floor, on a 31-minute
720p film.

    nice -n 10 python bench/render.py [--segments 30] [--minutes 10] [--repeat 1] [--skip-moviepy]
                                      [--compare-sound]

The film is built once and reused (``$CUTBOT_HOME/bench/`` or ``/tmp/cutbot-bench/``):
the sample film scaled to 1280x720 with each frame's number stamped into its top rows,
encoded once with libx264 (GOPs of about 2 s, B-frames), then joined to itself 13 times
by the concat demuxer with stream copy; the sound is joined as PCM (sample exact) and
encoded once, so the long film is as clean as a real one. A cut of ``--minutes`` in
``--segments`` pieces, none starting on a keyframe, is rendered by the smart renderer
(``--repeat`` times: median and best), by moviepy, and copied (the floor: every segment
stream-copied from the keyframe before it, not frame exact). Printed: wall and CPU
seconds of each, the ratio (target: smart at least 20x faster than moviepy, measured in
this same run), how far smart is above the floor, whether every output frame is the
right source frame (the stamps, read from every decoded frame; the first and last frame
of every segment too) and the drift between the audio and video lengths (target: at
most one frame). The machine may be shared: timings are what this run measured; the CPU
seconds are steadier under load. ``--compare-sound`` alternates each smart render with
one whose sound is re-encoded instead of copied (``CUTBOT_AUDIO_COPY=0``).
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILM = ROOT / "examples" / "sample_film.mp4"
BASE_SECONDS, COPIES, FPS = 145, 13, 25
STRIP = ("color=c=black:s=240x20:r=25,format=gray,"
         "geq=lum='if(bitand(N\\,pow(2\\,floor(X/20)))\\,235\\,16)'")


def cache_dir() -> Path:
    home = os.environ.get("CUTBOT_HOME")
    folder = Path(home) / "bench" if home else Path(tempfile.gettempdir()) / "cutbot-bench"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ffmpeg(*args: str) -> None:
    from imageio_ffmpeg import get_ffmpeg_exe

    subprocess.run([get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-y", *args],
                   check=True)


def build_film(folder: Path) -> Path:
    """The 30-minute 720p film (built once; delete the folder to rebuild)."""
    film = folder / f"film_720p_x{COPIES}.mp4"
    if film.is_file():
        return film
    t0 = time.perf_counter()
    video, audio = folder / "base_720p.mp4", folder / "base.wav"
    ffmpeg("-i", str(FILM), "-f", "lavfi", "-i", STRIP, "-filter_complex",
           "[0:v]scale=1280:720,setsar=1[b];[b][1:v]overlay=0:0:shortest=1[v]",
           "-map", "[v]", "-t", str(BASE_SECONDS), "-c:v", "libx264", "-preset", "veryfast",
           "-crf", "23", "-g", str(2 * FPS), "-pix_fmt", "yuv420p", str(video))
    ffmpeg("-i", str(FILM), "-map", "0:a", "-t", str(BASE_SECONDS), "-ar", "48000",
           "-ac", "2", "-c:a", "pcm_s16le", str(audio))
    lists = []
    for name, path in (("video", video), ("audio", audio)):
        listing = folder / f"{name}.ffconcat"
        listing.write_text("ffconcat version 1.0\n" + f"file '{path}'\n" * COPIES)
        lists.append(listing)
    part = film.with_suffix(".part.mp4")
    ffmpeg("-f", "concat", "-safe", "0", "-i", str(lists[0]), "-f", "concat", "-safe", "0",
           "-i", str(lists[1]), "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac",
           "-b:a", "128k", "-movflags", "+faststart", str(part))
    part.rename(film)
    print(f"built {film} in {time.perf_counter() - t0:.0f} s (reused on later runs)")
    return film


def make_cut(film: Path, segments: int, minutes: float):
    """``segments`` pieces spread over the film, random lengths adding up to ``minutes``."""
    from cutbot.agent.cut import Cut, Segment

    rng = random.Random(5)
    length = BASE_SECONDS * COPIES
    weights = [rng.uniform(0.6, 1.4) for _ in range(segments)]
    durations = [minutes * 60 * w / sum(weights) for w in weights]
    slot = length / segments
    segs = []
    for i, d in enumerate(durations):
        start = i * slot + rng.uniform(0.0, slot - d - 0.1) + rng.choice((0.013, 0.027, 0.031))
        segs.append(Segment(round(start, 3), round(start + d, 3), 1.0))
    return Cut(str(film), f"bench: {segments} segments, {minutes:g} minutes", tuple(segs))


def stamp_of(gray) -> int:
    g = gray[:20, :240].reshape(20, 12, 20).mean(axis=(0, 2))
    return sum(1 << k for k in range(12) if g[k] > 128)


def check(out: Path, film: Path, cut) -> tuple[str, str, bool]:
    """(frame accuracy, a/v drift, both on target) of ``out``: every frame's stamp
    against the plan, the first and last frame of every segment, sound against picture."""
    import av

    from cutbot.agent.media_io import probe_source, snap_pieces

    info = probe_source(film)
    pieces = snap_pieces(cut.segments, info)
    per_copy = BASE_SECONDS * FPS
    want = [(p.first_frame + k) % per_copy % 4096 for p in pieces for k in range(p.frames)]
    with av.open(str(out)) as c:
        v = c.streams.video[0]
        v.thread_type = "AUTO"
        got = [stamp_of(f.to_ndarray(format="gray")) for f in c.decode(v)]
    with av.open(str(out)) as c:
        a = c.streams.audio[0]
        samples = sum(f.samples for f in c.decode(a))
        rate = a.rate
    right = sum(1 for x, y in zip(got, want) if x == y)
    ends = [p.out_frame for p in pieces] + [p.out_frame + p.frames - 1 for p in pieces]
    ends_right = sum(1 for k in ends if k < len(got) and got[k] == want[k])
    video_s, audio_s = len(got) / FPS, samples / rate
    drift = audio_s - video_s
    exact = right == len(want) == len(got) and ends_right == len(ends)
    accuracy = (f"frames right {right}/{len(want)} ({len(got)} decoded); first and last "
                f"frame of every segment right: {ends_right}/{len(ends)}")
    return accuracy, (f"video {video_s:.3f} s, audio {audio_s:.3f} s, drift "
                      f"{drift * 1000:+.1f} ms ({drift * FPS:+.2f} frames)"), \
        exact and abs(drift) * FPS <= 1


def cpu_seconds() -> float:
    """CPU seconds of this process and of every ffmpeg it waited for, so far."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def copy_floor(film: Path, cut, target: Path) -> float:
    """Wall seconds to stream-copy every segment (video and sound) from the keyframe
    before it into one file: what any renderer of this cut costs at the least."""
    from cutbot.agent.media_io import probe_source, snap_pieces

    info = probe_source(film)
    lines = ["ffconcat version 1.0"]
    for p in snap_pieces(cut.segments, info):
        lines += [f"file '{film}'", f"inpoint {p.start:.6f}", f"outpoint {p.end:.6f}"]
    listing = target.with_suffix(".ffconcat")
    listing.write_text("\n".join(lines) + "\n")
    t0 = time.perf_counter()
    ffmpeg("-f", "concat", "-safe", "0", "-i", str(listing), "-map", "0:v", "-map", "0:a",
           "-c", "copy", "-movflags", "+faststart", str(target))
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--segments", type=int, default=30)
    ap.add_argument("--minutes", type=float, default=10.0)
    ap.add_argument("--repeat", type=int, default=1, help="smart renders to time (median)")
    ap.add_argument("--skip-moviepy", action="store_true", help="time smart render only")
    ap.add_argument("--compare-sound", action="store_true",
                    help="also time smart render with its sound re-encoded (interleaved)")
    args = ap.parse_args()
    if not FILM.is_file():
        sys.exit("examples/sample_film.mp4 is missing: build it first")
    from cutbot.agent.render import render

    folder = cache_dir()
    film = build_film(folder)
    cut = make_cut(film, args.segments, args.minutes)
    print(f"film: {film.name} ({BASE_SECONDS * COPIES / 60:.1f} min, 1280x720, {FPS} fps); "
          f"cut: {len(cut.segments)} segments, {cut.duration / 60:.2f} min")
    runs = [("smart", f"smart{k}.mp4") for k in range(max(1, args.repeat))]
    if args.compare_sound:  # the sound re-encoded instead of copied, alternating
        runs = [r for k, run in enumerate(runs) for r in (("smart-enc", f"enc{k}.mp4"), run)]
    runs += [] if args.skip_moviepy else [("moviepy", "moviepy.mp4")]
    times: dict[str, list[float]] = {}
    ok = True
    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        floor = copy_floor(film, cut, Path(tmp) / "floor.mp4")
        print(f"   floor: {floor:7.1f} s  stream copy of every segment from its keyframe "
              f"(not frame exact)")
        for mode, name in runs:
            t0, c0 = time.perf_counter(), cpu_seconds()
            os.environ["CUTBOT_AUDIO_COPY"] = "0" if mode == "smart-enc" else "1"
            result = render(cut, Path(tmp) / name, mode=mode.split("-")[0])
            took, cpu = time.perf_counter() - t0, cpu_seconds() - c0
            times.setdefault(mode, []).append(took)
            accuracy, drift, good = check(result.path, film, cut)
            ok &= good
            print(f"{mode:>8}: {took:7.1f} s  ({cpu:.1f} CPU s) ran {result.mode} ({result.reason})")
            print(f"{'':>10}{accuracy}")
            print(f"{'':>10}{drift}")
            result.path.unlink()
    smart = statistics.median(times["smart"])
    if "smart-enc" in times:
        print(f"   sound: copied {smart:.1f} s vs re-encoded "
              f"{statistics.median(times['smart-enc']):.1f} s (median wall)")
    if len(times["smart"]) > 1:
        print(f"   smart: median {smart:.1f} s, best {min(times['smart']):.1f} s "
              f"of {len(times['smart'])} runs")
    print(f"   floor: smart takes {smart / floor:.1f}x the stream-copy floor")
    if "moviepy" in times:
        ratio = times["moviepy"][0] / smart
        print(f"   ratio: smart is {ratio:.1f}x faster than the moviepy re-encode "
              f"(target >= 20x): {'met' if ratio >= 20 else 'NOT met'}")
    print(f"   exact: every frame right and drift within one frame: {'yes' if ok else 'NO'}")


if __name__ == "__main__":
    main()
