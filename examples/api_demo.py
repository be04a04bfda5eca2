"""The Python API in a dozen lines: open a film, ask, refine, explain, undo, save, render.

    python examples/api_demo.py [FILM] [OUT.mp4]

Runs on the bundled sample film by default (indexing it on first use) and is part of
the test suite, so it stays true.
"""
from __future__ import annotations

import sys
from pathlib import Path

from cutbot.agent import Editor

HERE = Path(__file__).resolve().parent


def main(film: Path, out: Path) -> int:
    def progress(stage: str, done: float, total: float) -> None:
        if done >= total:
            print(f"  indexed: {stage}")

    editor = Editor.open(film, progress=progress)
    cut = editor.ask("keep the scenes with the cat, under 30 seconds")
    print(cut.explain())
    shorter = editor.ask("in reverse order")  # a refinement of the current plan
    print(f"refined: {len(shorter.segments)} segment(s), order {shorter.constraints['order']}")
    editor.undo()  # back to source order
    reply = editor.respond("why 1")  # a typed Reply: kind, cut, change, lines
    print("\n".join(reply.lines))
    print(f"session saved to {editor.save()} (Editor.resume(film) continues it)")
    result = editor.render(out)
    print(f"wrote {result.path}: {result.duration:.1f} s in {result.seconds:.1f} s")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    film = Path(args[0]) if args else HERE / "sample_film.mp4"
    out = Path(args[1]) if len(args) > 1 else Path("api_demo_cut.mp4")
    sys.exit(main(film, out))
