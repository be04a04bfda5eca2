"""Voices through the real path: a two-voice espeak-ng dialogue (not the sample film) is
indexed with the real models, and "everything Anna says" keeps her lines and not David's."""
from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

SR = 16000
# (voice, text): Anna introduces herself, David is introduced by her address and his own words
LINES = [
    ("en-gb-x-rp+f4", "Hello, my name is Anna. I have just arrived from the station."),
    ("en-us+m3", "Welcome, Anna. I am David, and I will show you the garden."),
    ("en-gb-x-rp+f4", "The garden looks lovely in the spring sunshine."),
    ("en-us+m3", "We planted the roses by the fence last autumn."),
    ("en-gb-x-rp+f4", "Thank you, David. I would like to see the greenhouse now."),
    ("en-us+m3", "The greenhouse is behind the old stone wall."),
]
COLOURS = ["red", "blue", "green", "orange", "purple", "gray"]


def _speak(voice: str, text: str, path: Path) -> np.ndarray:
    subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(path), text], check=True)
    with wave.open(str(path)) as w:
        rate, data = w.getframerate(), np.frombuffer(w.readframes(w.getnframes()), np.int16)
    from scipy.signal import resample_poly

    return resample_poly(data.astype(np.float32) / 32768.0, SR, rate).astype(np.float32)


def spoken_film(d: Path, scenes, gap: float, lead: float = 0.5, lead_each: bool = False):
    """A film of one coloured shot per scene, ``scenes`` = [(colour, [(voice, text)])], each line
    followed by ``gap`` s of silence and ``lead`` s before the first scene (or every scene).
    Returns the film, each line's (start, end, voice) and each scene's (start, end)."""
    if shutil.which("espeak-ng") is None:  # pragma: no cover - a Debian package the project needs
        raise RuntimeError("espeak-ng is needed to build a spoken film")
    import imageio_ffmpeg

    parts, lines, spans, t = [], [], [], 0.0
    for k, (_, said) in enumerate(scenes):
        start = t
        if k == 0 or lead_each:
            parts.append(np.zeros(int(lead * SR), np.float32))
            t += lead
        for j, (voice, text) in enumerate(said):
            a = _speak(voice, text, d / f"{k}_{j}.wav")
            parts += [a, np.zeros(int(gap * SR), np.float32)]
            lines.append((t, t + len(a) / SR, voice))
            t += len(a) / SR + gap
        spans.append((start, t))
    audio = np.concatenate(parts)
    with wave.open(str(d / "all.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SR)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype(np.int16).tobytes())
    ins, chain = [], ""
    for k, ((colour, _), (a, b)) in enumerate(zip(scenes, spans)):
        ins += ["-f", "lavfi", "-i", f"color=c={colour}:s=320x240:r=25:d={b - a:.3f}"]
        chain += f"[{k}:v]"
    film = d / "spoken.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", *ins, "-i", str(d / "all.wav"),
                    "-filter_complex", f"{chain}concat=n={len(scenes)}:v=1:a=0[v]", "-map", "[v]",
                    "-map", f"{len(scenes)}:a", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    "-shortest", str(film)], check=True)
    return film, lines, spans


@pytest.fixture(scope="module")
def two_voices(tmp_path_factory) -> tuple[Path, list[tuple[float, float, str]]]:
    """The film (one coloured shot per line) and each line's (start, end, voice)."""
    film, spans, _ = spoken_film(tmp_path_factory.mktemp("two_voices"),
                                 [(c, [line]) for c, line in zip(COLOURS, LINES)], gap=0.8)
    return film, spans


@pytest.mark.slow
def test_a_named_voice_keeps_its_lines_and_not_the_others(two_voices, tmp_path, monkeypatch):
    from cutbot.agent.intent import parse_request
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from cutbot.indexers.pipeline import index_film
    from cutbot.indexers.store import load_index

    film, spans = two_voices
    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path))
    index = index_film(film, faces=False)
    assert index.voices is not None

    def voices_in(want: str) -> set[int]:
        return {v for s, v in zip(index.sentences, index.voices.voice)
                if any(a < s.end and b > s.start and who.endswith(want) for a, b, who in spans)}

    # a voice may split into two clusters, two voices never share one
    assert voices_in("f4") and voices_in("m3") and not voices_in("f4") & voices_in("m3"), index.voices
    cut = plan_cut(parse_request("everything Anna says"), index, "everything Anna says", Scorer(index))
    kept = [(s.start, s.end) for s in cut.segments]

    def covered(a, b):
        return sum(max(0.0, min(b, y) - max(a, x)) for x, y in kept) / (b - a)

    anna = [(a, b) for a, b, v in spans if v.endswith("f4")]
    david = [(a, b) for a, b, v in spans if v.endswith("m3")]
    assert all(covered(a, b) > 0.8 for a, b in anna), (kept, anna)
    assert all(covered(a, b) < 0.1 for a, b in david), (kept, david)  # absence, not just overlap
    assert any("introduces herself as Anna" in r for s in cut.segments for r in s.reasons)
    # an index written before voices existed gets them on the next index, other stages kept
    root = Path(index.root)
    (root / "voices.json").unlink()
    assert load_index(film).voices is None  # loads, and the voice rules make no claim
    again = index_film(film, faces=False)
    assert again.voices == index.voices and set(again.timings) >= {"voices"}
    assert "transcript" not in again.timings or again.timings["transcript"] == index.timings["transcript"]
