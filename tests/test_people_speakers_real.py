"""Voices tied to faces through the real path: a film whose two speakers are on screen (photos
with espeak-ng voices) is indexed with the real models; "whenever David is on screen" is his
face's shots and not Grace's, "everything the woman says" her lines, with the assumption said."""
from __future__ import annotations

import subprocess
import wave
from pathlib import Path

import numpy as np
import pytest

from test_voices_real import SR, _speak

GRACE, DAVID = "en-gb-x-rp+f4", "en-us+m3"
SCENES = [  # (picture, [(voice, text)]): each speaker opens the shots of their own face
    ("astronaut", [(GRACE, "Hello, my name is Grace. Welcome to the garden."), (DAVID, "Thank you, it looks lovely.")]),
    ("camera", [(DAVID, "I am David, and I take photographs of the roses."), (GRACE, "They are beautiful.")]),
    ("astronaut", [(GRACE, "We planted them by the fence last autumn.")]),
    ("camera", [(DAVID, "The greenhouse is behind the old stone wall.")]),
    ("coffee", [(GRACE, "Let us have a cup of coffee now.")]),
]


def _film(d: Path) -> tuple[Path, list[tuple[float, float]], list[tuple[float, float, str]]]:
    """The film, each scene's (start, end) and each line's (start, end, voice)."""
    import imageio_ffmpeg
    from PIL import Image
    from skimage import data

    parts, lines, spans, t = [np.zeros(int(0.5 * SR), np.float32)], [], [], 0.5
    for k, (_, said) in enumerate(SCENES):
        start = 0.0 if k == 0 else t
        for j, (voice, text) in enumerate(said):
            a = _speak(voice, text, d / f"{k}_{j}.wav")
            parts += [a, np.zeros(int(0.7 * SR), np.float32)]
            lines.append((t, t + len(a) / SR, voice))
            t += len(a) / SR + 0.7
        spans.append((start, t))
    with wave.open(str(d / "all.wav"), "wb") as w:
        w.setnchannels(1), w.setsampwidth(2), w.setframerate(SR)
        w.writeframes((np.clip(np.concatenate(parts), -1, 1) * 32767).astype(np.int16).tobytes())
    ins, chain = [], ""
    for k, ((picture, _), (a, b)) in enumerate(zip(SCENES, spans)):
        image = getattr(data, picture)()
        image = image[:256, 128:384] if picture == "camera" else image  # the cameraman's face, larger
        Image.fromarray(image).convert("RGB").resize((512, 512)).save(d / f"{k}.png")
        ins += ["-loop", "1", "-framerate", "25", "-t", f"{b - a:.3f}", "-i", str(d / f"{k}.png")]
        chain += f"[{k}:v]"
    film = d / "speakers.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", *ins, "-i", str(d / "all.wav"),
                    "-filter_complex", f"{chain}concat=n={len(SCENES)}:v=1:a=0,format=yuv420p[v]", "-map", "[v]",
                    "-map", f"{len(SCENES)}:a", "-c:v", "libx264", "-c:a", "aac", "-shortest", str(film)], check=True)
    return film, spans, lines


@pytest.mark.slow
def test_a_name_heard_reaches_the_face_of_its_speaker(tmp_path, monkeypatch):
    from cutbot.agent.intent import parse_request
    from cutbot.agent.planner import plan_cut
    from cutbot.agent.search import Scorer
    from cutbot.indexers.pipeline import index_film

    monkeypatch.setenv("CUTBOT_HOME", str(tmp_path / "home"))
    film, spans, lines = _film(tmp_path)
    index = index_film(film)
    scorer = Scorer(index)

    def kept(request: str) -> list[tuple[float, float]]:
        cut = plan_cut(parse_request(request), index, request, scorer)
        return [(s.start, s.end) for s in cut.segments], [r for s in cut.segments for r in s.reasons]

    def covered(segs, a, b):
        return sum(max(0.0, min(b, y) - max(a, x)) for x, y in segs) / (b - a)

    seen, why = kept("whenever David is on screen")  # "I am David": the voice that opens his shots
    grace, david, nobody = [spans[0], spans[2]], [spans[1], spans[3]], spans[4]
    assert all(covered(seen, a, b) > 0.8 for a, b in david), (seen, spans)
    assert all(covered(seen, a, b) < 0.1 for a, b in grace + [nobody]), (seen, spans)  # absence too
    assert any("speaker on screen" in r for r in why), why  # the assumption is said
    said, why = kept("everything the woman says")  # her voice: the film shows its speakers
    assert all(covered(said, a, b) > 0.8 for a, b, v in lines if v == GRACE), (said, lines)
    alone = [(a, b) for a, b, v in lines if v == DAVID and spans[3][0] <= a < spans[3][1]]  # his line alone in a shot
    assert alone and all(covered(said, a, b) < 0.1 for a, b in alone), (said, lines)
    assert any("shows its speakers" in r for r in why), why
