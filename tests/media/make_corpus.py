"""Make a corpus of broken and unusual media from the sample film, with ffmpeg.

    python tests/media/make_corpus.py OUT_DIR [--seconds 10]

Every case is cut from one short base clip of ``examples/sample_film.mp4`` (speech, a
hard cut) so the whole corpus takes seconds to build and to index. The tests build it in
a temp folder (``tests/test_media_corpus.py``); nothing generated is kept in git.
Each maker returns the file it wrote; ``CASES`` names them in the order the table of
expected outcomes in the test lists them.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "examples" / "sample_film.mp4"
START = 20.0  # seconds into the sample film: narration over two shots


def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return imageio_ffmpeg.get_ffmpeg_exe()


def ff(*args: str) -> None:
    subprocess.run([ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                    *args], check=True)


def has_encoder(name: str) -> bool:
    out = subprocess.run([ffmpeg_exe(), "-hide_banner", "-encoders"], capture_output=True,
                         text=True).stdout
    return any(line.split()[1:2] == [name] for line in out.splitlines() if line.strip())


def base_clip(dest: Path, seconds: float, sample: Path = SAMPLE) -> Path:
    """H.264 + AAC, moov first (as most downloads are), 25 fps, 2 s GOPs."""
    out = dest / "base.mp4"
    ff("-ss", f"{START}", "-t", f"{seconds}", "-i", str(sample), "-c:v", "libx264",
       "-preset", "veryfast", "-g", "50", "-c:a", "aac", "-b:a", "96k", "-movflags",
       "+faststart", str(out))
    return out


def _bytes(src: Path, out: Path, change: Callable[[bytes], bytes]) -> Path:
    out.write_bytes(change(src.read_bytes()))
    return out


def _encode(base: Path, out: Path, *args: str) -> Path:
    ff("-i", str(base), *args, str(out))
    return out


def truncated(base: Path, d: Path) -> Path:
    """The first 30 % of the bytes: a broken download (moov first, so it opens)."""
    return _bytes(base, d / "truncated.mp4", lambda b: b[: int(len(b) * 0.3)])


def corrupt_middle(base: Path, d: Path) -> Path:
    """Zeros over the middle fifth of the bytes: bad sectors, or a download with a hole."""
    def hole(b: bytes) -> bytes:
        lo, hi = int(len(b) * 0.4), int(len(b) * 0.6)
        return b[:lo] + bytes(hi - lo) + b[hi:]
    return _bytes(base, d / "corrupt_middle.mp4", hole)


def moov_missing(base: Path, d: Path) -> Path:
    """moov at the end, and the end cut off: the index of every sample is gone."""
    tail = d / "moov_at_end.tmp.mp4"
    ff("-i", str(base), "-c", "copy", str(tail))  # no +faststart: moov last
    out = _bytes(tail, d / "moov_missing.mp4", lambda b: b[: b.rindex(b"moov") - 4])
    tail.unlink()
    return out


def moov_renamed(base: Path, d: Path) -> Path:
    """The moov atom's name damaged (one flipped letter)."""
    return _bytes(base, d / "moov_renamed.mp4", lambda b: b.replace(b"moov", b"moox", 1))


def audio_only(base: Path, d: Path) -> Path:
    return _encode(base, d / "audio_only.m4a", "-vn", "-c:a", "copy")


def no_audio(base: Path, d: Path) -> Path:
    return _encode(base, d / "no_audio.mp4", "-an", "-c:v", "copy")


def vfr(base: Path, d: Path) -> Path:
    """Variable frame rate: every frame in the first half, one in three after it."""
    half = probe_seconds(base) / 2
    return _encode(base, d / "vfr.mp4", "-vf", f"select='lt(t\\,{half:g})+not(mod(n\\,3))'",
                   "-fps_mode", "vfr", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "copy")


def ten_bit(base: Path, d: Path) -> Path:
    return _encode(base, d / "10bit.mp4", "-c:v", "libx264", "-preset", "ultrafast",
                   "-pix_fmt", "yuv420p10le", "-c:a", "copy")


def yuv444(base: Path, d: Path) -> Path:
    return _encode(base, d / "yuv444.mp4", "-c:v", "libx264", "-preset", "ultrafast",
                   "-pix_fmt", "yuv444p", "-c:a", "copy")


def hevc(base: Path, d: Path) -> Path:
    return _encode(base, d / "hevc.mp4", "-c:v", "libx265", "-preset", "ultrafast",
                   "-x265-params", "log-level=error", "-tag:v", "hvc1", "-c:a", "copy")


def mkv(base: Path, d: Path) -> Path:
    return _encode(base, d / "film.mkv", "-c", "copy")


def webm(base: Path, d: Path) -> Path:
    return _encode(base, d / "film.webm", "-c:v", "libvpx-vp9", "-deadline", "realtime",
                   "-cpu-used", "8", "-b:v", "500k", "-c:a", "libopus", "-b:a", "64k")


def surround(base: Path, d: Path) -> Path:
    """5.1 sound (the mono narration spread to six channels)."""
    return _encode(base, d / "surround51.mp4", "-c:v", "copy", "-af",
                   "aformat=channel_layouts=5.1", "-c:a", "aac", "-ac", "6")


def subtitled(base: Path, d: Path) -> Path:
    srt = d / "subs.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\nHello there.\n", encoding="utf-8")
    out = _encode(base, d / "subtitled.mp4", "-i", str(srt), "-map", "0", "-map", "1",
                  "-c:v", "copy", "-c:a", "copy", "-c:s", "mov_text")
    srt.unlink()
    return out


def one_second(base: Path, d: Path) -> Path:
    return _encode(base, d / "one_second.mp4", "-t", "1", "-c:v", "libx264", "-preset",
                   "ultrafast", "-c:a", "aac")


def _named(name: str) -> Callable[[Path, Path], Path]:
    def make(base: Path, d: Path) -> Path:
        out = d / name
        shutil.copy(base, out)
        return out
    make.__name__ = f"named {name!r}"
    return make


ODD_NAMES = ("my film (final) v2.mp4", "фильм ✓ 映画.mp4", "-starts-with-dash.mp4",
             "it's \"quoted\".mp4")
CASES: dict[str, Callable[[Path, Path], Path]] = {
    "truncated": truncated, "corrupt_middle": corrupt_middle, "moov_missing": moov_missing, "moov_renamed": moov_renamed,
    "audio_only": audio_only, "no_audio": no_audio, "vfr": vfr, "10bit": ten_bit,
    "yuv444": yuv444, "hevc": hevc, "mkv": mkv, "webm": webm, "surround51": surround,
    "subtitles": subtitled, "one_second": one_second,
    **{f"name{i}": _named(n) for i, n in enumerate(ODD_NAMES)},
}
NEEDS = {"hevc": "libx265", "webm": "libvpx-vp9"}  # encoders a case needs


def probe_seconds(path: Path) -> float:
    import av

    with av.open(str(path)) as c:
        return c.duration / 1_000_000


def make_corpus(dest: Path, seconds: float = 10.0, sample: Path = SAMPLE,
                only: list[str] | None = None) -> dict[str, Path | str]:
    """Build the cases into ``dest``; a case whose encoder is missing maps to the reason."""
    dest.mkdir(parents=True, exist_ok=True)
    base = base_clip(dest, seconds, sample)
    out: dict[str, Path | str] = {}
    for name, make in CASES.items():
        if only and name not in only:
            continue
        if name in NEEDS and not has_encoder(NEEDS[name]):
            out[name] = f"the bundled ffmpeg has no {NEEDS[name]}"
            continue
        out[name] = make(base, dest)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--seconds", type=float, default=10.0)
    args = ap.parse_args(argv)
    for name, path in make_corpus(args.out, args.seconds).items():
        print(f"{name:14} {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
