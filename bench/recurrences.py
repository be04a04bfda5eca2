"""Which lines a topic "talked about again" keeps past the relative cut, and whether the truth
says they are the topic: the measurement behind SpokenOptions.again_words and again_false.

    CUTBOT_HOME=... .venv/bin/python bench/recurrences.py [--split dev] [-v]

For every speech request of the split's films (each distinct text once, its first included
query), the lines ``spoken_lines.sentence_scores`` marks GATE_AGAIN without being hits of the cut,
each counted true when its middle lies in one of the request's truth scenes; then the counts
per number of content words and per z band, for the long films (over ``--long`` lines) and
the others. Run on dev only when choosing a constant.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402  (a sibling script)
from cutbot.agent import heard_again  # noqa: E402
from cutbot.agent.calibration import TEXT, select  # noqa: E402
from cutbot.agent.intent import parse_request  # noqa: E402
from cutbot.agent.lexical import content_words  # noqa: E402
from cutbot.agent.search import Scorer  # noqa: E402
from cutbot.agent.talk import GATE_AGAIN, GATE_OK  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402


def speech_requests(entry: dict) -> dict[str, list[int]]:
    """request text -> the truth scenes it keeps, over the film's request files."""
    out: dict[str, list[int]] = {}
    for req in quality.film_requests(entry):
        if req.get("category") == "speech" and req.get("keep"):
            out.setdefault(req["request"], req["keep"])
    return out


def recurrences(split: str, verbose: bool) -> list[tuple[str, int, float, int, bool]]:
    """(film, content words, z, the film's lines, true) per line kept as talked about again."""
    rows = []
    for name, entry in quality.catalogue().items():
        if entry["split"] != split:
            continue
        truth = json.loads(Path(entry["truth"]).read_text())
        spans = {s["id"]: (s["start"], s["end"]) for s in truth["scenes"]}
        index = index_film(entry["film"])
        scorer = Scorer(index)
        for text, keep in speech_requests(entry).items():
            queries = [q for q in parse_request(text).include if q.modality in ("speech", "any") and not q.exact]
            if not queries:
                continue
            raw, gate = heard_again.sentence_scores(index, scorer.transcript, scorer.text, queries[0], False)
            hit, z = select(raw, TEXT.speech_floor)
            again = (np.asarray(gate) >= GATE_AGAIN) & ~(hit & (np.asarray(gate) % 2 == GATE_OK))
            for i in np.flatnonzero(again):
                s = index.sentences[i]
                mid = (s.start + s.end) / 2
                ok = any(spans[k][0] <= mid < spans[k][1] for k in keep)
                rows.append((name, len(content_words(s.text)), float(z[i]), len(index.sentences), ok))
                if verbose:
                    print(f"{int(ok)} z {z[i]:4.1f} {name:11} {text[:40]:40} | {s.text[:60]}")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--long", type=int, default=100, help="a film of more lines than this is long")
    ap.add_argument("-v", action="store_true", help="print every line")
    args = ap.parse_args()
    rows = recurrences(args.split, args.v)
    words = Counter((min(n, 6), ok) for _, n, _, _, ok in rows)
    print("content words: true / false lines kept as talked about again")
    for n in range(1, 7):
        print(f"  {n}{'+' if n == 6 else ' '} {words[(n, True)]:4d} / {words[(n, False)]:4d}")
    wordy = [r for r in rows if r[1] >= 3]
    for label, part in (("long films", [r for r in wordy if r[3] > args.long]),
                        ("other films", [r for r in wordy if r[3] <= args.long])):
        print(f"{label}, lines of 3+ content words, by z: true / false")
        for lo, hi in ((2.5, 3.0), (3.0, 3.5), (3.5, 4.0), (4.0, 99.0)):
            band = [r for r in part if lo <= r[2] < hi]
            true = sum(r[4] for r in band)
            print(f"  z {lo:.1f}-{hi if hi < 99 else 'up':<4} {true:4d} / {len(band) - true:4d}")


if __name__ == "__main__":
    main()
