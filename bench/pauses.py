"""Dev measurement behind ``TranscribeOptions.max_gap`` (indexers/transcript.py): the pauses
inside the sentences Whisper wrote, against the truth's lines.

    .venv/bin/python bench/pauses.py            # dev films only; indexes them if needed

For every pair of consecutive words in one transcript sentence with a silence of at least
``--least`` seconds between them, whether both words fall in one truth line (one speaker's
line: a pause to keep) or in two (two lines merged: a pause that should end the sentence).
Prints the longest pauses of each kind; ``max_gap`` should lie between them.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402  (a sibling script)
from cutbot.indexers import index_film  # noqa: E402

SLACK = 0.3  # seconds a word's middle may lie outside its truth line (TTS and Whisper times differ)


def pauses(film: Path, truth: dict, least: float) -> tuple[list, list]:
    """(pauses inside one truth line, pauses between two), each (seconds, before, after, at)."""
    lines = [(n["start"], n["end"]) for s in truth["scenes"] for n in s.get("narration", [])]

    def line_of(t: float) -> int | None:
        return next((k for k, (a, b) in enumerate(lines) if a - SLACK <= t <= b + SLACK), None)

    inside, between = [], []
    for sentence in index_film(film).sentences:
        for a, b in zip(sentence.words, sentence.words[1:]):
            gap = b.start - a.end
            la, lb = line_of((a.start + a.end) / 2), line_of((b.start + b.end) / 2)
            if gap >= least and la is not None and lb is not None:
                (inside if la == lb else between).append((round(gap, 2), a.text, b.text, round(a.end, 1)))
    return inside, between


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--least", type=float, default=0.5, help="shortest pause listed (seconds)")
    ap.add_argument("--top", type=int, default=5, help="longest pauses shown per kind")
    args = ap.parse_args()
    inside, between = [], []
    for name, entry in quality.catalogue().items():
        truth = json.loads(entry["truth"].read_text())
        if truth.get("split") != "dev":
            continue  # the test films are never measured for a threshold
        i, b = pauses(entry["film"], truth, args.least)
        inside += [(g, name, *rest) for g, *rest in i]
        between += [(g, name, *rest) for g, *rest in b]
    for label, found in (("inside one line", inside), ("between two lines", between)):
        print(f"{label}: {len(found)} pauses of {args.least} s or more; longest:")
        for row in sorted(found, reverse=True)[:args.top]:
            print("   %.2f s  %-11s %r | %r at %.1f s" % row)


if __name__ == "__main__":
    main()
