"""Dev measurement behind agent/quotes.py (QuoteOptions): every narration line of the dev
films quoted whole, by its first three, last three and first six words.

    .venv/bin/python bench/speech_quotes.py          # dev films only

Per quote: the best score inside the line's scene (said) and outside it (another line),
then how many are missed at the floor, how many take another scene's line too (at the
floor and within the spread of the best), and the best score of the other films' lines
(quotes the film never says).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from quality import catalogue  # noqa: E402

from cutbot.agent.lexical import transcript_of  # noqa: E402
from cutbot.agent.quotes import QUOTES, find  # noqa: E402
from cutbot.indexers import index_film  # noqa: E402


def quoted(text: str) -> set[str]:
    words = re.findall(r"[\w']+", text)
    return {" ".join(words), " ".join(words[:3]), " ".join(words[-3:]), " ".join(words[:6])}


def main() -> None:
    films = {n: e for n, e in catalogue().items() if e["split"] == "dev"}
    lines = {n: [x["text"] for s in json.loads(e["truth"].read_text())["scenes"] for x in s.get("narration", [])]
             for n, e in films.items()}
    said, missed, leaks, absent = [], [], [], []
    for name, entry in films.items():
        index = index_film(entry["film"])
        transcript = transcript_of(index.sentences)
        truth = json.loads(entry["truth"].read_text())

        def scene(found, sc):
            mid = (found[1] + found[2]) / 2
            return sc["start"] - 0.5 <= mid <= sc["end"] + 0.5
        for sc in truth["scenes"]:
            for line in sc.get("narration", []):
                for q in sorted(quoted(line["text"])):
                    found = find(transcript, q)
                    inside = max([f[0] for f in found if scene(f, sc)], default=0.0)
                    outside = max([f[0] for f in found if not scene(f, sc)], default=0.0)
                    said.append(inside)
                    if inside < QUOTES.floor:
                        missed.append((round(inside, 2), name, q))
                    if outside >= QUOTES.floor and outside >= max(inside, outside) - QUOTES.spread:
                        leaks.append((round(outside, 2), round(inside, 2), name, q))
        for other, texts in lines.items():
            if other != name:
                for q in sorted({q for t in texts for q in quoted(t)}):
                    absent.append((round(max([f[0] for f in find(transcript, q)], default=0.0), 2), name, q))
    print(f"said: {len(said)} quotes, missed at floor {QUOTES.floor} (string {QUOTES.string_floor}): {len(missed)}")
    for m in sorted(missed):
        print("  missed", m)
    print(f"another line taken too: {len(leaks)}")
    for x in sorted(leaks, reverse=True):
        print("  leak", x)
    print("quotes of other films, highest:", sorted(absent, reverse=True)[:8])


if __name__ == "__main__":
    main()
