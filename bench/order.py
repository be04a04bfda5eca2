"""Whether an answer depends on what was asked before it: each film's requests run forward and
then backward through one shared Scorer (as ``bench/quality.py`` and a chat session share one),
names heard forgotten before each pass, and the requests whose F1 or kept seconds differ listed.

    CUTBOT_HOME=... .venv/bin/python bench/order.py [--film NAME ...] [--split dev]

Measured (session 37, after the fixes it led to): no request of dialogue, interview, gallery,
sample_film or dev_film answers differently; long_dev 48 of its requests, 47 of them Hana's (a request typed
"hanna" listens for that name, and a voice then bears it: knowledge, not a bug) and "the whole
plumber saga" (0.28 forward, 1.0 backward; session 38 found why: asked before Owen's and Dan's names
are heard, no voice is named, so speakers.speaker_ties cannot tell that the film shows its speakers,
and who.describer takes "plumber", said over Dan's face, as Dan; once they are heard the ties say Dan
is talking about a plumber. Knowledge too: raw, unnamed voices do not tell a narrated film from one
that shows its speakers, sample_film 2/3 and gallery 3/4 of their opening-line votes fit one face
each, as many as long_dev's 11/16). Before: dialogue's "bikes" flipped with the request before it (hits.settled_any
read freed ids), long_dev's "dan on screen" kept hits from before Dan's name was heard
(search.Scorer), dev_film's "animals" lacked a word heard again for another request.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402  (a sibling script)


def answers(name: str, entry: dict, requests: list[dict]) -> dict[str, tuple[float, float]]:
    """request -> (F1, kept seconds), run in the order given with one Scorer and no names heard."""
    rows = quality.run_film(name, entry, verbose=False, fresh_names=True, requests=requests)
    return {r["request"]: (round(r["f1"], 3), round(float(r["kept"]), 2)) for r in rows}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev")
    ap.add_argument("--film", action="append", help="only these films (names such as dev_film)")
    args = ap.parse_args()
    for name, entry in quality.catalogue().items():
        if entry["split"] != args.split or (args.film and name not in args.film):
            continue
        requests = quality.film_requests(entry)
        forward, backward = answers(name, entry, requests), answers(name, entry, requests[::-1])
        differ = [(r, forward[r], backward[r]) for r in forward if forward[r] != backward[r]]
        print(f"{name}: {len(differ)} of {len(forward)} requests answer differently backward")
        for request, f, b in differ:
            print(f"  F1 {f[0]:.2f} / {b[0]:.2f}, kept {f[1]:.1f} / {b[1]:.1f} s  {request[:90]}")


if __name__ == "__main__":
    main()
